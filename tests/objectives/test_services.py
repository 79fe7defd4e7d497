"""The progress-report workflow: every allowed and refused step."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nmi_site.access.models import StaffProfile
from objectives import services
from objectives.models import Measurement, PlanOnAPage, PlanState, ProgressReport, ReportState, ReportTransition
from tests import factories

pytestmark = pytest.mark.django_db

PERIOD = {"period_start": datetime.date(2024, 1, 1), "period_end": datetime.date(2024, 6, 30)}


def draft(editor, objective, **fields):
    return services.report_create(user=editor, objective=objective, **{"percent_complete": 30, **PERIOD, **fields})


def steps(report):
    return [(t.from_state, t.to_state, t.by.username, t.note) for t in report.transitions.all()]


def test_full_workflow_draft_submit_return_resubmit_approve(editor, reviewer, objective):
    report = draft(editor, objective)
    assert (report.state, report.author) == (ReportState.DRAFT, editor)

    services.report_submit(user=editor, report=report)
    services.report_return(user=reviewer, report=report, note="Add the measurements.")
    report.refresh_from_db()
    assert (report.state, report.review_note, report.reviewed_by) == (
        ReportState.RETURNED,
        "Add the measurements.",
        reviewer,
    )

    report.percent_complete = 35
    services.report_save(user=editor, report=report)
    services.report_submit(user=editor, report=report)
    services.report_approve(user=reviewer, report=report)

    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert report.author == editor  # kept on approval
    assert report.percent_complete == 35
    assert steps(report) == [
        ("draft", "submitted", "editor", ""),
        ("submitted", "returned", "reviewer", "Add the measurements."),
        ("returned", "submitted", "editor", ""),
        ("submitted", "approved", "reviewer", ""),
    ]


def test_each_step_emails_whoever_acts_next_never_the_one_who_acted(editor, reviewer, objective, run_jobs):
    other_reviewer = factories.StaffFactory(username="second", email="second@example.org", roles=["Reviewer"])
    report = draft(editor, objective)

    services.report_submit(user=editor, report=report)
    services.report_return(user=reviewer, report=report, note="Too vague.")
    # Nothing is sent in the request: the worker sends what the steps queued.
    assert mail.outbox == []
    run_jobs()

    # Submitted: the Reviewers. Returned: the author. Nobody about their own step.
    assert [message.to for message in mail.outbox] == [
        ["reviewer@example.org"],
        [other_reviewer.email],
        ["editor@example.org"],
    ]
    assert mail.outbox[0].subject == "Progress report submitted: LTO 11: Curriculum development"
    returned = mail.outbox[2].body
    assert "Reviewer's note: Too vague." in returned
    # Dates written out, and a link to the report from the configured site address.
    assert "1 Jan 2024 to 30 Jun 2024" in returned
    assert f"http://testserver/admin/objectives/progressreport/{report.pk}/change/" in returned


def test_a_reviewer_who_submits_their_own_report_is_not_emailed_about_it(reviewer, objective, run_jobs):
    both = factories.make_editor(objective.owning_division, username="both", email="both@example.org")
    both.groups.add(Group.objects.get(name="Reviewer"))
    report = draft(both, objective)
    services.report_submit(user=both, report=report)
    run_jobs()
    assert [message.to for message in mail.outbox] == [["reviewer@example.org"]]


def test_each_person_is_emailed_in_their_own_language(editor, reviewer, objective, run_jobs):
    StaffProfile.objects.update_or_create(user=reviewer, defaults={"language": "ar"})
    report = draft(editor, objective)

    services.report_submit(user=editor, report=report)
    services.report_return(user=reviewer, report=report, note="Too vague.")
    run_jobs()

    to_reviewer, to_editor = mail.outbox
    assert to_reviewer.to == ["reviewer@example.org"]
    assert "يناير" in to_reviewer.body  # January, in Arabic
    assert "Jan 2024" not in to_reviewer.body
    assert to_editor.body.startswith("The progress report for")


def test_a_step_undone_by_its_transaction_sends_nothing(editor, objective, run_jobs):
    report = draft(editor, objective)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.report_submit(user=editor, report=report)
        raise RuntimeError("the request failed after the step")
    assert run_jobs() == 0
    assert mail.outbox == []


def test_other_divisions_editor_cannot_draft(other_editor, objective):
    with pytest.raises(PermissionDenied):
        draft(other_editor, objective)
    assert not ProgressReport.objects.exists()


def test_other_divisions_editor_cannot_submit(editor, other_editor, objective):
    report = draft(editor, objective)

    with pytest.raises(PermissionDenied):
        services.report_submit(user=other_editor, report=report)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_reviewer_cannot_draft(reviewer, objective):
    with pytest.raises(PermissionDenied):
        draft(reviewer, objective)


def test_editor_cannot_approve(editor, objective):
    report = draft(editor, objective)
    services.report_submit(user=editor, report=report)

    with pytest.raises(PermissionDenied):
        services.report_approve(user=factories.make_editor(objective.owning_division), report=report)


def test_nobody_approves_their_own_report(objective):
    # A user who is both an editor of the division and a reviewer.
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(*factories.Group.objects.filter(name="Reviewer"))
    both = factories.User.objects.get(pk=both.pk)
    report = draft(both, objective)
    services.report_submit(user=both, report=report)

    with pytest.raises(PermissionDenied, match="Nobody approves their own report"):
        services.report_approve(user=both, report=report)
    with pytest.raises(PermissionDenied):
        services.report_return(user=both, report=report, note="Self-review.")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_administrator_approves_others_reports(editor, objective):
    report = draft(editor, objective)
    services.report_submit(user=editor, report=report)

    services.report_approve(user=factories.StaffFactory(is_superuser=True), report=report)

    assert ProgressReport.objects.get().state == ReportState.APPROVED


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("approved", "submit"),
        ("approved", "approve"),
        ("approved", "return"),
        ("submitted", "submit"),
        ("returned", "approve"),
        ("returned", "return"),
    ],
)
def test_refused_transitions(editor, reviewer, objective, state, step):
    report = factories.ReportFactory(objective=objective, author=editor, **{state: True} if state != "draft" else {})
    call = {
        "submit": lambda: services.report_submit(user=editor, report=report),
        "approve": lambda: services.report_approve(user=reviewer, report=report),
        "return": lambda: services.report_return(user=reviewer, report=report, note="No."),
    }[step]

    with pytest.raises(ValidationError):
        call()
    report.refresh_from_db()
    assert report.state == state
    assert not ReportTransition.objects.exists()


def test_return_needs_a_note(editor, reviewer, objective):
    report = draft(editor, objective)
    services.report_submit(user=editor, report=report)

    with pytest.raises(ValidationError) as error:
        services.report_return(user=reviewer, report=report, note="   ")

    assert error.value.message_dict == {"review_note": ["Say why the report is returned, so its author can act on it."]}
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_locked_reports_cannot_be_edited_through_the_service(editor, objective, state):
    report = factories.ReportFactory(objective=objective, author=editor, **{state: True})
    report.percent_complete = 99

    with pytest.raises(ValidationError):
        services.report_save(user=editor, report=report)
    report.refresh_from_db()
    assert report.percent_complete == 40


def test_approved_report_is_read_only_everywhere(objective):
    report = factories.ReportFactory(objective=objective, approved=True)
    report.narrative = "Rewritten history."

    with pytest.raises(ValidationError, match="cannot be changed"):
        report.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        report.delete()
    report.refresh_from_db()
    assert report.narrative == "Work goes on."


def test_measurements_of_an_approved_report_are_read_only(objective):
    indicator = factories.IndicatorFactory(objective=objective)
    report = factories.ReportFactory(objective=objective)
    measurement = report.measurements.create(indicator=indicator, actual_value=5)
    ProgressReport.objects.filter(pk=report.pk).update(
        state=ReportState.APPROVED, submitted_at="2024-07-01T00:00Z", reviewed_at="2024-07-02T00:00Z"
    )
    measurement.actual_value = 50

    with pytest.raises(ValidationError):
        measurement.save()
    with pytest.raises(ValidationError):
        report.measurements.create(indicator=factories.IndicatorFactory(objective=objective), actual_value=1)


def test_a_correction_supersedes_the_approved_report_once_approved(editor, reviewer, objective):
    original = draft(editor, objective, percent_complete=30)
    services.report_submit(user=editor, report=original)
    services.report_approve(user=reviewer, report=original)

    correction = services.report_create(
        user=editor, objective=objective, supersedes=original, percent_complete=25, narrative="Corrected figure."
    )
    assert (correction.period_start, correction.period_end) == (original.period_start, original.period_end)
    # Until the correction is approved, the original stands.
    assert list(ProgressReport.objects.current()) == [original]

    services.report_submit(user=editor, report=correction)
    services.report_approve(user=reviewer, report=correction)

    original.refresh_from_db()
    assert original.is_superseded is True
    assert original.state == ReportState.APPROVED
    assert list(ProgressReport.objects.current()) == [correction]
    assert correction.supersedes == original


def test_only_the_current_approved_report_can_be_corrected(editor, objective):
    unapproved = draft(editor, objective)

    with pytest.raises(ValidationError) as error:
        services.report_create(user=editor, objective=objective, supersedes=unapproved, percent_complete=1)

    assert "supersedes" in error.value.message_dict


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (
            datetime.date(2024, 3, 1),
            datetime.date(2024, 9, 30),
            "period_start",
            "This period overlaps another report of this objective. To change an approved report, write a correction.",
        ),
        (
            datetime.date(2025, 6, 30),
            datetime.date(2025, 1, 1),
            "period_end",
            "The period cannot end before it starts.",
        ),
    ],
)
def test_overlapping_or_inverted_periods_are_refused(editor, objective, start, end, field, message):
    draft(editor, objective)

    with pytest.raises(ValidationError) as error:
        draft(editor, objective, period_start=start, period_end=end)

    assert error.value.message_dict[field] == [message]
    assert ProgressReport.objects.count() == 1


@pytest.mark.parametrize("percent", [-1, 101])
def test_percent_outside_0_to_100_is_refused(editor, objective, percent):
    with pytest.raises(ValidationError) as error:
        draft(editor, objective, percent_complete=percent)

    assert "percent_complete" in error.value.message_dict
    assert not ProgressReport.objects.exists()


def test_only_approved_reports_move_an_indicators_actual_value(client, editor, reviewer, objective):
    indicator = factories.IndicatorFactory(objective=objective, name="Courses reviewed", unit="courses")
    report = draft(editor, objective)
    report.measurements.create(indicator=indicator, actual_value=7)
    services.report_submit(user=editor, report=report)

    before = client.get(objective.get_absolute_url()).content.decode()
    services.report_approve(user=reviewer, report=report)
    after = client.get(objective.get_absolute_url()).content.decode()

    assert "Not yet measured" in before
    assert '<span dir="ltr">7 courses</span>' in after


# Four eyes: whoever changed a report's content since it was last returned ----


def reviewer_and_editor(division, username="both"):
    both = factories.make_editor(division, username=username)
    both.groups.add(*factories.Group.objects.filter(name="Reviewer"))
    return factories.User.objects.get(pk=both.pk)


def test_a_reviewer_who_rewrote_someone_elses_draft_cannot_approve_it(editor, objective):
    report = draft(editor, objective)
    both = reviewer_and_editor(objective.owning_division)
    report.narrative = "Rewritten by the reviewer"
    services.report_save(user=both, report=report)
    services.report_submit(user=both, report=report)

    with pytest.raises(PermissionDenied, match="another reviewer must approve it"):
        services.report_approve(user=both, report=report)

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    # Another reviewer may.
    services.report_approve(user=factories.StaffFactory(roles=["Reviewer"]), report=report)
    assert ProgressReport.objects.get().state == ReportState.APPROVED


def test_a_measurement_change_counts_as_a_content_change(editor, objective):
    indicator = factories.IndicatorFactory(objective=objective)
    report = draft(editor, objective)
    both = reviewer_and_editor(objective.owning_division)
    measurement = Measurement(indicator=indicator, report=report, actual_value=5)
    measurement._history_user = both
    measurement.save()
    services.report_submit(user=editor, report=report)

    with pytest.raises(PermissionDenied):
        services.report_approve(user=both, report=report)


def test_content_changes_before_the_last_return_do_not_count(editor, reviewer, objective):
    report = draft(editor, objective)
    both = reviewer_and_editor(objective.owning_division)
    report.narrative = "Rewritten by the reviewer"
    services.report_save(user=both, report=report)
    services.report_submit(user=editor, report=report)
    services.report_return(user=reviewer, report=report, note="Say more.")
    report.refresh_from_db()
    report.narrative = "The author's own words"
    services.report_save(user=editor, report=report)
    services.report_submit(user=editor, report=report)

    services.report_approve(user=both, report=report)

    assert ProgressReport.objects.get().state == ReportState.APPROVED


def test_every_content_change_is_recorded_with_its_author(editor, objective):
    report = draft(editor, objective)
    both = reviewer_and_editor(objective.owning_division)
    report.narrative = "Rewritten"
    services.report_save(user=both, report=report)

    changes = report.history.filter(history_change_reason=ProgressReport.CONTENT_CHANGE).order_by("history_id")
    assert [change.history_user for change in changes] == [editor, both]


# Plans go through agreement, with four eyes --------------------------------


def test_an_editor_submits_a_plan_and_another_reviewer_agrees_it(editor, reviewer, objective):
    agreed = factories.PlanFactory(objective=objective, version=1)
    new = services.plan_copy_to_new_draft(user=editor, plan=agreed)

    services.plan_submit(user=editor, plan=new)
    new.refresh_from_db()
    assert (new.state, new.submitted_by) == (PlanState.SUBMITTED, editor)
    # Not on the site until agreed.
    assert not PlanOnAPage.objects.visible_to(None).filter(pk=new.pk).exists()
    services.plan_agree(user=reviewer, plan=new)

    agreed.refresh_from_db()
    new.refresh_from_db()
    assert (agreed.state, new.state) == (PlanState.SUPERSEDED, PlanState.AGREED)
    assert PlanOnAPage.objects.visible_to(None).filter(pk=new.pk).exists()


def test_an_editor_cannot_agree_a_plan(editor, objective):
    plan = factories.PlanFactory(objective=objective, state=PlanState.DRAFT, agreed_on=None)
    services.plan_submit(user=editor, plan=plan)

    with pytest.raises(PermissionDenied):
        services.plan_agree(user=editor, plan=plan)

    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_whoever_submitted_a_plan_cannot_agree_it(objective):
    both = reviewer_and_editor(objective.owning_division)
    plan = factories.PlanFactory(objective=objective, state=PlanState.DRAFT, agreed_on=None)
    services.plan_submit(user=both, plan=plan)

    with pytest.raises(PermissionDenied, match="Another reviewer"):
        services.plan_agree(user=both, plan=plan)


def test_a_draft_plan_is_agreed_only_once_submitted(reviewer, objective):
    plan = factories.PlanFactory(objective=objective, state=PlanState.DRAFT, agreed_on=None)

    with pytest.raises(ValidationError):
        services.plan_agree(user=reviewer, plan=plan)


def test_a_reviewer_sends_a_plan_back_to_draft(editor, reviewer, objective):
    plan = factories.PlanFactory(objective=objective, state=PlanState.DRAFT, agreed_on=None)
    services.plan_submit(user=editor, plan=plan)

    services.plan_return(user=reviewer, plan=plan)

    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_a_report_is_submitted_only_once_its_period_has_ended(editor, objective):
    today = timezone.localdate()
    running = draft(editor, objective, period_start=today - datetime.timedelta(days=90), period_end=today)
    with pytest.raises(ValidationError) as refused:
        services.report_submit(user=editor, report=running)
    assert "has not ended yet" in str(refused.value.message_dict["period_end"])
    running.refresh_from_db()
    assert running.state == ReportState.DRAFT
    assert not running.transitions.exists()

    ended = draft(
        editor,
        objective,
        period_start=today - datetime.timedelta(days=300),
        period_end=today - datetime.timedelta(days=91),
    )
    services.report_submit(user=editor, report=ended)
    ended.refresh_from_db()
    assert ended.state == ReportState.SUBMITTED
