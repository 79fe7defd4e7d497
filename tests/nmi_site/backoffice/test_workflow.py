"""Workflow buttons on a record's page: shown to whoever the rules allow,
taken through the services, and refused with a clear message, nothing
changed, when pressed twice, on a stale page, or by someone who lost the
right since."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from objectives import services
from objectives.models import ProgressReport, ReportState
from tests import factories

pytestmark = pytest.mark.django_db


def change_url(report):
    return reverse("admin:objectives_progressreport_change", args=[report.pk])


def step_url(report, step):
    return reverse("admin:objectives_progressreport_workflow", args=[report.pk, step])


def token(client, report):
    return client.get(change_url(report)).context["workflow_token"]


def press(client, report, step, **data):
    data.setdefault("token", token(client, report))
    return client.post(step_url(report, step), data, follow=True)


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def submitted(objective, editor):
    return factories.ReportFactory(objective=objective, author=editor, submitted=True)


def test_a_reviewer_approves_from_the_report_page(reviewer_client, submitted):
    page = reviewer_client.get(change_url(submitted)).text
    assert 'id="workflow"' in page
    assert ">Approve</button>" in page and ">Return to the author</button>" in page

    response = press(reviewer_client, submitted, "approve")

    assert response.redirect_chain[-1][0] == change_url(submitted)
    assert messages_of(response) == ["The report is approved: it counts as the objective's progress."]
    assert ProgressReport.objects.get(pk=submitted.pk).state == ReportState.APPROVED


def test_pressed_twice_the_second_press_changes_nothing(reviewer_client, submitted):
    shown = token(reviewer_client, submitted)
    press(reviewer_client, submitted, "approve", token=shown)

    again = press(reviewer_client, submitted, "approve", token=shown)

    assert "Nothing was changed" in " ".join(messages_of(again))
    assert [step.to_state for step in submitted.transitions.all()] == [ReportState.APPROVED]


def test_a_stale_page_changes_nothing(reviewer_client, submitted, editor):
    shown = token(reviewer_client, submitted)
    # Meanwhile another reviewer returned the report and its author resubmitted it.
    other = factories.StaffFactory(username="second", roles=["Reviewer"])
    services.report_return(user=other, report=submitted, note="Figures?")
    services.report_submit(user=editor, report=ProgressReport.objects.get(pk=submitted.pk))

    response = press(reviewer_client, submitted, "approve", token=shown)

    assert "changed since the page was shown" in " ".join(messages_of(response))
    assert ProgressReport.objects.get(pk=submitted.pk).state == ReportState.SUBMITTED


def test_a_return_needs_a_note(reviewer_client, submitted):
    response = press(reviewer_client, submitted, "return", **{"return-note": ""})

    assert messages_of(response) == ["Return to the author: This field is required."]
    assert ProgressReport.objects.get(pk=submitted.pk).state == ReportState.SUBMITTED


def test_the_note_and_the_steps_so_far_head_the_page(reviewer_client, submitted, editor):
    press(reviewer_client, submitted, "return", **{"return-note": "Add the figures for June."})
    author = factories.Client()
    author.force_login(editor)

    page = author.get(change_url(submitted)).text

    top = page[: page.index('id="progressreport_form"')]
    assert "The reviewer&#x27;s note" in top
    assert "Add the figures for June." in top
    assert "Submitted → Returned" in top


def test_someone_who_lost_the_right_since_changes_nothing(client, submitted):
    reviewer = factories.StaffFactory(username="leaving", roles=["Reviewer"])
    client.force_login(reviewer)
    shown = token(client, submitted)
    reviewer.groups.remove(Group.objects.get(name="Reviewer"))

    response = client.post(step_url(submitted, "approve"), {"token": shown}, follow=True)

    assert ProgressReport.objects.get(pk=submitted.pk).state == ReportState.SUBMITTED
    assert messages_of(response)


def test_the_author_is_offered_no_approval_of_their_own_report(client, objective):
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(Group.objects.get(name="Reviewer"))
    report = factories.ReportFactory(objective=objective, author=both, submitted=True)
    client.force_login(both)

    page = client.get(change_url(report)).text
    assert ">Approve</button>" not in page

    response = client.post(step_url(report, "approve"), {"token": token(client, report)}, follow=True)
    assert "That step is not open to you" in " ".join(messages_of(response))
    assert ProgressReport.objects.get(pk=report.pk).state == ReportState.SUBMITTED


def test_another_divisions_editor_can_take_no_step(client, other_editor, objective, editor):
    draft = factories.ReportFactory(objective=objective, author=editor, period_start=datetime.date(2020, 1, 1))
    client.force_login(other_editor)

    response = client.post(step_url(draft, "submit"), {"token": "x"}, follow=True)

    assert ProgressReport.objects.get(pk=draft.pk).state == ReportState.DRAFT
    assert response.redirect_chain[-1][0] == reverse("admin:index")


def test_an_editor_saves_and_submits_from_the_change_form(editor_client, objective, editor):
    draft = factories.ReportFactory(objective=objective, author=editor)
    form = editor_client.get(change_url(draft))
    assert 'form="progressreport_form" name="_workflow" value="submit"' in form.text

    data = factories.form_data(form)
    data["percent_complete"] = "55"
    response = editor_client.post(change_url(draft), {**data, "_workflow": "submit"}, follow=True)

    stored = ProgressReport.objects.get(pk=draft.pk)
    assert (stored.state, stored.percent_complete) == (ReportState.SUBMITTED, 55)
    assert "The report is submitted: a Reviewer has been told." in messages_of(response)


def test_a_correction_starts_from_the_approved_report(editor_client, objective, editor):
    approved = factories.ReportFactory(objective=objective, author=editor, approved=True)
    page = editor_client.get(change_url(approved)).text
    link = f"/admin/objectives/progressreport/add/?objective={objective.pk}&amp;supersedes={approved.pk}"
    assert link in page
    form = editor_client.get(link.replace("&amp;", "&"))
    assert form.context["adminform"].form.initial["supersedes"] == str(approved.pk)
