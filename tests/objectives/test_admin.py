import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from nmi_site.history.concurrency import version_of
from objectives import models
from objectives.models import PlanState, ProgressReport, ReportState
from tests import factories

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    return reverse(f"admin:objectives_{model._meta.model_name}_{view}", args=args)


MODEL_FACTORIES = {
    models.LongTermObjective: factories.ObjectiveFactory,
    models.ProgressReport: factories.ReportFactory,
    models.KeyAchievement: factories.AchievementFactory,
    models.PlanOnAPage: factories.PlanFactory,
}


@pytest.mark.parametrize("model", MODEL_FACTORIES, ids=lambda model: model.__name__)
def test_admin_pages_open_for_every_model(administrator_client, model):
    record = MODEL_FACTORIES[model]()

    assert administrator_client.get(admin_url(model, "changelist")).status_code == 200
    assert administrator_client.get(admin_url(model, "changelist"), {"q": "x"}).status_code == 200
    assert administrator_client.get(admin_url(model, "add")).status_code == 200
    assert administrator_client.get(admin_url(model, "change", record.pk)).status_code == 200
    assert administrator_client.get(admin_url(model, "history", record.pk)).status_code == 200


def report_form(objective, **changes):
    data = {
        "objective": objective.pk,
        "period_start": "2024-01-01",
        "period_end": "2024-06-30",
        "supersedes": "",
        "percent_complete": 40,
        "status": "on_track",
        "narrative_en": "Progress.",
        "narrative_ar": "",
        "achievements_en": "",
        "achievements_ar": "",
        "obstacles_en": "",
        "obstacles_ar": "",
        "next_steps_en": "",
        "next_steps_ar": "",
        "measurements-TOTAL_FORMS": 0,
        "measurements-INITIAL_FORMS": 0,
        "measurements-MIN_NUM_FORMS": 0,
        "measurements-MAX_NUM_FORMS": 1000,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
        "transitions-MIN_NUM_FORMS": 0,
        "transitions-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


def with_measurement(data, indicator, value):
    return data | {
        "measurements-TOTAL_FORMS": 1,
        "measurements-0-indicator": indicator.pk,
        "measurements-0-actual_value": value,
        "measurements-0-note": "",
    }


def test_editor_drafts_a_report_with_measurements(editor_client, editor, objective):
    indicator = factories.IndicatorFactory(objective=objective)

    response = editor_client.post(
        admin_url(ProgressReport, "add"), with_measurement(report_form(objective), indicator, "12")
    )

    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.state, report.author, report.percent_complete) == (ReportState.DRAFT, editor, 40)
    assert [(m.indicator, m.actual_value) for m in report.measurements.all()] == [(indicator, 12)]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent_complete": 101}, "percent_complete", "Ensure this value is less than or equal to 100."),
        ({"percent_complete": -5}, "percent_complete", "Ensure this value is greater than or equal to 0."),
        ({"period_end": "2023-12-31"}, "period_end", "The period cannot end before it starts."),
        (
            {"period_start": "2024-03-01", "period_end": "2024-09-30"},
            "period_start",
            "This period overlaps another report of this objective. To change an approved report, write a correction.",
        ),
    ],
)
def test_admin_refuses_bad_reports_with_a_field_message(editor_client, objective, changes, field, message):
    factories.ReportFactory(objective=objective, period_start=datetime.date(2024, 1, 1))
    data = report_form(objective, **changes)
    if "period_start" not in changes:
        data |= {"period_start": "2024-07-01", "period_end": "2024-12-31"} | {
            k: v for k, v in changes.items() if k == "period_end"
        }
        if "period_end" in changes:
            data["period_start"] = "2025-01-01"

    response = editor_client.post(admin_url(ProgressReport, "add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert ProgressReport.objects.count() == 1


def test_admin_refuses_a_measurement_of_another_objectives_indicator(editor_client, objective, division):
    other_objective = factories.ObjectiveFactory(owning_division=division)
    foreign = factories.IndicatorFactory(objective=other_objective)

    response = editor_client.post(
        admin_url(ProgressReport, "add"), with_measurement(report_form(objective), foreign, "3")
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["indicator"] == ["Choose an indicator of the report's objective."]
    assert not ProgressReport.objects.exists()


def test_editor_cannot_draft_for_another_divisions_objective(editor_client, other_division):
    foreign = factories.ObjectiveFactory(owning_division=other_division)

    response = editor_client.post(admin_url(ProgressReport, "add"), report_form(foreign))

    assert response.status_code == 200
    assert "objective" in response.context["adminform"].form.errors
    assert not ProgressReport.objects.exists()


def test_approved_report_is_read_only_in_the_admin_but_for_its_arabic(administrator_client, objective):
    report = factories.ReportFactory(objective=objective, approved=True)

    page = administrator_client.get(admin_url(ProgressReport, "change", report.pk)).content.decode()
    response = administrator_client.post(
        admin_url(ProgressReport, "change", report.pk), report_form(objective, percent_complete=99)
    )

    assert 'name="percent_complete"' not in page and 'name="narrative_en"' not in page
    assert 'name="narrative_ar"' in page
    assert response.status_code in (200, 302)
    report.refresh_from_db()
    assert report.percent_complete == 40


def test_an_editor_writes_the_arabic_of_an_approved_report_and_nothing_else(editor_client, objective):
    report = factories.ReportFactory(objective=objective, approved=True, narrative_en="Courses agreed.")
    url = admin_url(ProgressReport, "change", report.pk)
    data = factories.form_data(editor_client.get(url))
    data.update(narrative_ar="اتُّفق على الدورات.", narrative_en="Rewritten", percent_complete="99")

    response = editor_client.post(url, data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative_ar == "اتُّفق على الدورات."
    assert (report.narrative_en, report.percent_complete, report.state) == ("Courses agreed.", 40, "approved")
    assert report.history.latest().history_change_reason == "Arabic written"


def test_another_divisions_editor_cannot_write_an_approved_reports_arabic(client, other_editor, objective):
    report = factories.ReportFactory(objective=objective, approved=True)
    client.force_login(other_editor)
    client.post(admin_url(ProgressReport, "change", report.pk), {"narrative_ar": "نص"})
    report.refresh_from_db()
    assert not report.narrative_ar


def test_approved_report_cannot_be_deleted_in_the_admin(administrator_client, objective):
    report = factories.ReportFactory(objective=objective, approved=True)

    administrator_client.post(admin_url(ProgressReport, "delete", report.pk), {"post": "yes"})
    administrator_client.post(
        admin_url(ProgressReport, "changelist"),
        {"action": "delete_selected", "_selected_action": [report.pk], "post": "yes"},
    )

    assert ProgressReport.objects.filter(pk=report.pk).exists()


def test_submit_return_and_approve_actions(client, editor, reviewer, objective):
    report = factories.ReportFactory(objective=objective, author=editor)
    client.force_login(editor)
    client.post(admin_url(ProgressReport, "changelist"), {"action": "submit_reports", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED

    client.force_login(reviewer)
    # Returning asks for a note first.
    ask = client.post(
        admin_url(ProgressReport, "changelist"), {"action": "return_reports", "_selected_action": [report.pk]}
    )
    assert ask.status_code == 200
    assert "Why is the report returned?" in ask.content.decode()
    empty = client.post(
        admin_url(ProgressReport, "changelist"),
        {"action": "return_reports", "_selected_action": [report.pk], "apply": "1", "review_note": ""},
    )
    assert empty.context["form"].errors["review_note"] == ["This field is required."]
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    client.post(
        admin_url(ProgressReport, "changelist"),
        {"action": "return_reports", "_selected_action": [report.pk], "apply": "1", "review_note": "Add figures."},
    )
    report.refresh_from_db()
    assert (report.state, report.review_note) == (ReportState.RETURNED, "Add figures.")

    client.force_login(editor)
    client.post(admin_url(ProgressReport, "changelist"), {"action": "submit_reports", "_selected_action": [report.pk]})
    client.force_login(reviewer)
    client.post(admin_url(ProgressReport, "changelist"), {"action": "approve_reports", "_selected_action": [report.pk]})

    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert [(t.from_state, t.to_state) for t in report.transitions.all()] == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "approved"),
    ]


def test_editor_has_no_approve_action(editor_client, editor, objective):
    report = factories.ReportFactory(
        objective=objective, author=factories.make_editor(objective.owning_division), submitted=True
    )

    editor_client.post(
        admin_url(ProgressReport, "changelist"), {"action": "approve_reports", "_selected_action": [report.pk]}
    )

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_reviewer_cannot_approve_own_report_through_the_admin(client, objective):
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(*factories.Group.objects.filter(name="Reviewer"))
    report = factories.ReportFactory(objective=objective, author=both, submitted=True)
    client.force_login(both)

    response = client.post(
        admin_url(ProgressReport, "changelist"),
        {"action": "approve_reports", "_selected_action": [report.pk]},
        follow=True,
    )

    assert "Nobody approves their own report." in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_review_queue_lists_submitted_reports_and_the_index_counts_them(reviewer_client, objective):
    waiting = factories.ReportFactory(objective=objective, submitted=True)
    factories.ReportFactory(objective=objective)
    factories.ReportFactory(objective=objective, approved=True)

    index = reviewer_client.get(reverse("admin:index")).content.decode()
    queue = reviewer_client.get(reverse("admin:objectives_reportawaitingreview_changelist"))

    assert "1 progress report is waiting for review." in index
    assert list(queue.context["cl"].result_list) == [waiting]


def test_editors_do_not_see_the_review_queue(editor_client, objective):
    factories.ReportFactory(objective=objective, submitted=True)

    index = editor_client.get(reverse("admin:index")).content.decode()

    assert "waiting for review" not in index
    assert editor_client.get(reverse("admin:objectives_reportawaitingreview_changelist")).status_code == 403


def test_copy_plan_to_a_new_draft_version(editor_client, objective):
    plan = factories.PlanFactory(objective=objective, version=1)
    factories.ActivityFactory(plan=plan, order=1, title="Workshop")
    factories.ActivityFactory(plan=plan, order=2, title="Course")

    editor_client.post(
        admin_url(models.PlanOnAPage, "changelist"), {"action": "copy_to_new_draft", "_selected_action": [plan.pk]}
    )

    draft = models.PlanOnAPage.objects.get(version=2)
    assert draft.state == PlanState.DRAFT
    assert list(draft.activities.values_list("order", "title")) == [(1, "Workshop"), (2, "Course")]
    plan.refresh_from_db()
    assert plan.state == PlanState.AGREED


def test_agreeing_a_submitted_draft_supersedes_the_agreed_plan(editor_client, reviewer, objective):
    agreed = factories.PlanFactory(objective=objective, version=1)
    draft = factories.PlanFactory(objective=objective, version=2, state=PlanState.DRAFT, agreed_on=None)

    editor_client.post(
        admin_url(models.PlanOnAPage, "changelist"),
        {"action": "submit_for_agreement", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED
    reviewer_client = factories.Client()
    reviewer_client.force_login(reviewer)
    reviewer_client.post(
        admin_url(models.PlanOnAPage, "changelist"), {"action": "mark_agreed", "_selected_action": [draft.pk]}
    )

    agreed.refresh_from_db()
    draft.refresh_from_db()
    assert (agreed.state, draft.state) == (PlanState.SUPERSEDED, PlanState.AGREED)
    assert draft.agreed_on is not None


def test_an_editor_cannot_agree_a_plan(editor_client, objective):
    agreed = factories.PlanFactory(objective=objective, version=1)
    draft = factories.PlanFactory(objective=objective, version=2, state=PlanState.DRAFT, agreed_on=None)

    response = editor_client.post(
        admin_url(models.PlanOnAPage, "changelist"), {"action": "mark_agreed", "_selected_action": [draft.pk]}
    )

    # Editors are not offered the action at all: "No action selected".
    assert response.status_code == 302
    agreed.refresh_from_db()
    draft.refresh_from_db()
    assert (agreed.state, draft.state) == (PlanState.AGREED, PlanState.DRAFT)


def test_admin_refuses_a_second_agreed_plan(administrator_client, objective):
    factories.PlanFactory(objective=objective, version=1)

    response = administrator_client.post(
        admin_url(models.PlanOnAPage, "add"),
        {
            "objective": objective.pk,
            "version": 2,
            "institution": "",
            "change_summary_en": "",
            "change_summary_ar": "",
            "activities-TOTAL_FORMS": 0,
            "activities-INITIAL_FORMS": 0,
            "activities-MIN_NUM_FORMS": 0,
            "activities-MAX_NUM_FORMS": 1000,
        },
    )
    # A plan added in the admin starts as a draft; the state is set by the
    # "Mark as agreed" action only, so a second agreed plan cannot be made here.
    assert response.status_code == 302
    assert models.PlanOnAPage.objects.get(version=2).state == PlanState.DRAFT


def test_model_validation_refuses_a_second_agreed_plan(objective):
    factories.PlanFactory(objective=objective, version=1)
    second = factories.PlanFactory.build(objective=objective, version=2)

    with pytest.raises(factories.ValidationError) as error:
        second.full_clean()

    assert error.value.message_dict["state"] == [
        "This objective already has an agreed plan. Agree the new version with the 'Mark as agreed' action, "
        "which supersedes the old one."
    ]


def test_admin_refuses_duplicate_activity_order(administrator_client, objective):
    plan = factories.PlanFactory(objective=objective, version=1, state=PlanState.DRAFT, agreed_on=None)
    data = {
        "objective": objective.pk,
        "version": 1,
        "institution": "",
        "change_summary_en": "",
        "change_summary_ar": "",
        "activities-TOTAL_FORMS": 2,
        "activities-INITIAL_FORMS": 0,
        "activities-MIN_NUM_FORMS": 0,
        "activities-MAX_NUM_FORMS": 1000,
    }
    for index in range(2):
        data |= {
            f"activities-{index}-order": 1,
            f"activities-{index}-title_en": f"Activity {index}",
            f"activities-{index}-title_ar": "",
            f"activities-{index}-target": "",
            f"activities-{index}-status": "planned",
            f"activities-{index}-outcome_en": "",
            f"activities-{index}-outcome_ar": "",
        }

    response = administrator_client.post(admin_url(models.PlanOnAPage, "change", plan.pk), data)

    assert response.status_code == 200
    assert not plan.activities.exists()


def test_handover_notes_are_on_the_objective_admin_page_newest_first(administrator_client, objective):
    factories.HandoverNoteFactory(
        objective=objective,
        summary="Older tour",
        tour_start=datetime.date(2023, 7, 1),
        tour_end=datetime.date(2023, 12, 31),
    )
    factories.HandoverNoteFactory(objective=objective, summary="Latest tour", tour_end=datetime.date(2024, 6, 30))

    content = administrator_client.get(admin_url(models.LongTermObjective, "change", objective.pk)).content.decode()

    assert content.index("Latest tour") < content.index("Older tour")


def test_handover_note_author_is_the_writer(editor_client, editor, objective):
    data = {
        "edit_version": version_of(objective.updated_at),
        "title_en": objective.title,
        "title_ar": "",
        "statement_en": "",
        "statement_ar": "",
        "status": "active",
        "start_date": "",
        "target_date": "",
        "supporting_divisions": [],
        "institutions": [],
        "capability_areas": [],
        "lessons": [],
    }
    for prefix, total in (("lines_of_effort", 0), ("indicators", 0), ("handover_notes", 1)):
        data |= {
            f"{prefix}-TOTAL_FORMS": total,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    data |= {
        "handover_notes-0-tour_start": "2024-01-01",
        "handover_notes-0-tour_end": "2024-06-30",
        "handover_notes-0-summary": "Counterpart wants a pilot course.",
        "handover_notes-0-open_threads": "",
        "handover_notes-0-key_contacts": "Director of Training",
    }

    response = editor_client.post(admin_url(models.LongTermObjective, "change", objective.pk), data)

    assert response.status_code == 302
    assert models.HandoverNote.objects.get().author == editor


def test_supporting_divisions_offer_every_division_to_editors(editor_client, objective, other_division):
    content = editor_client.get(admin_url(models.LongTermObjective, "change", objective.pk)).content.decode()

    assert f'<option value="{other_division.pk}">' in content


def test_deleting_an_objective_with_reports_is_refused(administrator_client, objective):
    factories.ReportFactory(objective=objective, approved=True)

    response = administrator_client.post(admin_url(models.LongTermObjective, "delete", objective.pk), {"post": "yes"})

    assert response.status_code == 200
    assert "<title>Cannot delete long-term objective | NMI Portal</title>" in response.content.decode()
    assert models.LongTermObjective.objects.filter(pk=objective.pk).exists()


def test_an_indicator_offers_only_its_own_objectives_lines_of_effort(administrator_client, objective, division):
    own = factories.LineOfEffortFactory(objective=objective, title="Own line")
    other_objective = factories.ObjectiveFactory(owning_division=division, number=objective.number + 1)
    factories.LineOfEffortFactory(objective=other_objective, title="Another objective's line")
    factories.IndicatorFactory(objective=objective)

    response = administrator_client.get(reverse("admin:objectives_longtermobjective_change", args=[objective.pk]))
    formset = next(
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.model.__name__ == "Indicator"
    )
    offered = list(formset.forms[0].fields["line_of_effort"].queryset)
    assert offered == [own]
    assert "Another objective&#x27;s line" not in response.text
    assert "Another objective's line" not in response.text


def plan_step(client, plan, step, **data):
    page = client.get(reverse("admin:objectives_planonapage_change", args=[plan.pk]))
    url = reverse("admin:objectives_planonapage_workflow", args=[plan.pk, step])
    return client.post(url, {"token": page.context["workflow_token"], **data}, follow=True)


def test_a_plan_is_copied_submitted_and_agreed_from_its_page(client, editor, reviewer, objective):
    agreed = factories.PlanFactory(objective=objective, version=1)
    factories.ActivityFactory(plan=agreed, title="Curriculum review")
    client.force_login(editor)

    copied = plan_step(client, agreed, "copy")
    draft = models.PlanOnAPage.objects.get(objective=objective, version=2)
    assert copied.redirect_chain[-1][0] == reverse("admin:objectives_planonapage_change", args=[draft.pk])
    assert [activity.title for activity in draft.activities.all()] == ["Curriculum review"]
    page = client.get(reverse("admin:objectives_planonapage_change", args=[draft.pk])).text
    assert 'form="planonapage_form" name="_workflow" value="submit"' in page
    models.PlanOnAPage.objects.filter(pk=draft.pk).update(state=PlanState.SUBMITTED, submitted_by=editor)

    client.force_login(reviewer)
    institution = factories.InstitutionFactory(name="Ministry of Defence")
    plan_step(
        client,
        draft,
        "agree",
        **{
            "agree-agreed_on": "2026-05-04",
            "agree-institution": institution.pk,
            "agree-counterpart_role": "Director of Training",
            "agree-counterpart_name": "A. Person",
        },
    )

    draft.refresh_from_db()
    agreed.refresh_from_db()
    assert (draft.state, draft.agreed_on, agreed.state) == (
        PlanState.AGREED,
        datetime.date(2026, 5, 4),
        PlanState.SUPERSEDED,
    )
    assert (draft.institution, draft.counterpart_role, draft.counterpart_name) == (
        institution,
        "Director of Training",
        "A. Person",
    )


def test_agreeing_a_plan_needs_a_valid_date(client, reviewer, objective, editor):
    plan = factories.PlanFactory(objective=objective, state=PlanState.SUBMITTED, agreed_on=None, submitted_by=editor)
    client.force_login(reviewer)
    response = plan_step(client, plan, "agree", **{"agree-agreed_on": "not a date"})
    assert "Enter a valid date." in " ".join(str(m) for m in response.context["messages"])
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_a_measurement_row_shows_unit_baseline_target_and_last_approved_value(editor_client, editor, objective):
    indicator = factories.IndicatorFactory(
        objective=objective,
        name="Courses delivered",
        unit="courses",
        baseline_value=2,
        baseline_date=datetime.date(2023, 1, 1),
        target_value=20,
        target_date=datetime.date(2026, 12, 31),
    )
    earlier = factories.ReportFactory(
        objective=objective, period_start=datetime.date(1001, 1, 1), period_end=datetime.date(1001, 6, 30)
    )
    models.Measurement.objects.create(indicator=indicator, report=earlier, actual_value=12)
    ProgressReport.objects.filter(pk=earlier.pk).update(
        state=ReportState.APPROVED, submitted_at=timezone.now(), reviewed_at=timezone.now()
    )
    factories.IndicatorFactory(objective=objective, name="Instructors", unit="", baseline_value=None, target_value=None)
    draft = factories.ReportFactory(objective=objective, author=editor)

    page = editor_client.get(reverse("admin:objectives_progressreport_change", args=[draft.pk])).text

    assert (
        "Courses delivered — in courses; baseline 2 (1 Jan 2023); target 20 (31 Dec 2026); "
        "last approved 12 (to 30 Jun 1001)"
    ) in page
    assert "Instructors — no approved value yet" in page


def test_the_report_lists_show_what_a_reviewer_needs(reviewer_client, objective, editor):
    factories.ReportFactory(
        objective=objective,
        author=editor,
        submitted=True,
        percent_complete=35,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
    )
    for name in ("progressreport", "reportawaitingreview"):
        page = reviewer_client.get(reverse(f"admin:objectives_{name}_changelist")).text
        row = page[page.index("<tbody>") :]
        for shown in (
            "LTO 11: Curriculum development",
            "1 Jan 2024 to 30 Jun 2024",
            "35",
            "On track",
            "editor",
            "Submitted",
        ):
            assert shown in row, (name, shown)
