"""'My work' of the objectives: each list holds what the rules say the user
has to act on, and nothing else."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nmi_site.access import rules
from objectives import selectors, services
from objectives.models import ObjectiveStatus, PlanState, ProgressReport
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 8, 15)


def lists(user, today=TODAY):
    return {work.key: work for work in selectors.work_for(user, today=today)}


def labels(work):
    return [item.label for item in work.items]


def test_the_last_ended_half_year():
    assert selectors.last_ended_half_year(datetime.date(2026, 8, 15)) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 6, 30),
    )
    assert selectors.last_ended_half_year(datetime.date(2026, 6, 30)) == (
        datetime.date(2025, 7, 1),
        datetime.date(2025, 12, 31),
    )


def test_an_editor_sees_their_drafts_and_what_was_returned_to_them_with_the_note(editor, objective, other_editor):
    mine = factories.ReportFactory(objective=objective, author=editor)
    returned = factories.ReportFactory(
        objective=objective, author=editor, returned=True, review_note="Add the figures for Q2."
    )
    factories.ReportFactory(objective=objective, author=other_editor)

    work = lists(editor)

    assert labels(work["drafts"]) == [str(mine)]
    assert work["drafts"].items[0].url == f"/admin/objectives/progressreport/{mine.pk}/change/"
    assert labels(work["returned"]) == [str(returned)]
    assert work["returned"].items[0].detail == "Add the figures for Q2."
    assert "review" not in work  # Editors review nothing.


def test_a_reviewer_sees_what_they_may_review_never_their_own(reviewer, editor, objective):
    theirs = factories.ReportFactory(objective=objective, author=editor, submitted=True)
    factories.ReportFactory(objective=objective, author=reviewer, submitted=True)
    factories.ReportFactory(objective=objective, author=editor)

    work = lists(reviewer)

    assert labels(work["review"]) == [str(theirs)]
    assert work["review"].items[0].detail.startswith("submitted by editor on ")


def test_a_reviewer_who_changed_a_report_since_its_return_does_not_see_it(editor, objective):
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(Group.objects.get(name="Reviewer"))
    other = factories.StaffFactory(username="second", roles=["Reviewer"])
    report = services.report_create(
        user=editor,
        objective=objective,
        percent_complete=30,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 6, 30),
    )
    services.report_submit(user=editor, report=report)
    services.report_return(user=other, report=report, note="Add figures.")
    report.refresh_from_db()
    report.percent_complete = 40
    services.report_save(user=both, report=report)
    services.report_submit(user=editor, report=report)

    assert "review" in lists(other) and labels(lists(other)["review"]) == [str(report)]
    assert labels(lists(both)["review"]) == []
    # The list and the rule agree.
    report = ProgressReport.objects.get(pk=report.pk)
    assert rules.can_review(other, report) and not rules.can_review(both, report)


def test_reports_due_are_the_active_objectives_of_my_divisions_without_a_report_for_the_last_half_year(
    editor, division, other_division
):
    due = factories.ObjectiveFactory(owning_division=division, number=1)
    submitted = factories.ObjectiveFactory(owning_division=division, number=2)
    drafted = factories.ObjectiveFactory(owning_division=division, number=3)
    factories.ObjectiveFactory(owning_division=division, number=4, status=ObjectiveStatus.COMPLETED)
    factories.ObjectiveFactory(owning_division=other_division, number=5)
    period = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 6, 30)}
    factories.ReportFactory(objective=submitted, submitted=True, **period)
    factories.ReportFactory(objective=drafted, **period)

    work = lists(editor)["due"]

    assert labels(work) == [str(due), str(drafted)]
    assert work.title == "Reports due from my divisions for 1 Jan 2026 to 30 Jun 2026"
    assert work.items[0].url == (
        f"/admin/objectives/progressreport/add/?objective={due.pk}&period_start=2026-01-01&period_end=2026-06-30"
    )


def test_plans_ending_within_30_days_and_plans_waiting_to_be_agreed(editor, reviewer, objective):
    ending = factories.PlanFactory(objective=objective, valid_to=TODAY + datetime.timedelta(days=30))
    factories.PlanFactory(
        objective=factories.ObjectiveFactory(owning_division=objective.owning_division),
        valid_to=TODAY + datetime.timedelta(days=31),
    )
    waiting = factories.PlanFactory(objective=objective, state=PlanState.SUBMITTED, agreed_on=None, submitted_by=editor)
    proposed_by_reviewer = factories.PlanFactory(
        objective=objective, state=PlanState.SUBMITTED, agreed_on=None, submitted_by=reviewer
    )

    assert labels(lists(editor)["plans_ending"]) == [str(ending)]
    assert set(labels(lists(editor)["plans_waiting"])) == {str(waiting), str(proposed_by_reviewer)}
    # A Reviewer is asked to agree what someone else proposed.
    assert labels(lists(reviewer)["plans_waiting"]) == [str(waiting)]


def test_a_long_list_shows_ten_and_counts_the_rest(editor, division):
    for _number in range(13):
        factories.ReportFactory(objective=factories.ObjectiveFactory(owning_division=division), author=editor)

    drafts = lists(editor)["drafts"]

    assert (len(drafts.items), drafts.total, drafts.more) == (10, 13, 3)
    assert drafts.more_url == "/admin/objectives/progressreport/?state__exact=draft"


def test_the_lists_take_the_same_number_of_queries_whatever_they_hold(reviewer, editor, division):
    def add_work(count):
        for _number in range(count):
            objective = factories.ObjectiveFactory(owning_division=division)
            factories.ReportFactory(objective=objective, author=editor, submitted=True)
            factories.PlanFactory(objective=objective, state=PlanState.SUBMITTED, agreed_on=None, submitted_by=editor)

    def queries():
        user = type(reviewer).objects.get(pk=reviewer.pk)  # as a new request reads it
        with CaptureQueriesContext(connection) as captured:
            selectors.work_for(user, today=TODAY)
        return len(captured)

    add_work(11)
    some = queries()
    add_work(30)
    assert queries() == some
