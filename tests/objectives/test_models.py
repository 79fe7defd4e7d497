"""Each objective's stored latest report (objectives.models.refresh_latest_reports):
whatever writes the reports, the objective names its latest current
approved one, and with_latest_progress() reads its figures from it."""

import datetime

import pytest
from django.utils import timezone

from objectives import services
from objectives.models import LongTermObjective, ProgressReport, ReportState, ReportStatus
from tests import factories

pytestmark = pytest.mark.django_db


def latest(objective):
    return LongTermObjective.objects.values_list("latest_report", flat=True).get(pk=objective.pk)


def expected_latest(objective):
    """The latest current approved report, worked out from the reports."""
    report = ProgressReport.objects.current().filter(objective=objective).order_by("-period_end", "-pk").first()
    return report.pk if report else None


def period(year):
    return {"period_start": datetime.date(year, 1, 1), "period_end": datetime.date(year, 6, 30)}


def approve(editor, reviewer, objective, **fields):
    report = services.report_create(user=editor, objective=objective, **{"percent_complete": 30, **fields})
    services.report_submit(user=editor, report=report)
    services.report_approve(user=reviewer, report=report)
    return report


def test_the_workflow_keeps_the_latest_approved_report(editor, reviewer, objective):
    assert latest(objective) is None
    draft = services.report_create(user=editor, objective=objective, percent_complete=10, **period(2023))
    assert latest(objective) is None  # a draft does not count

    first = approve(editor, reviewer, objective, **period(2022))
    assert latest(objective) == first.pk
    services.report_submit(user=editor, report=draft)
    services.report_approve(user=reviewer, report=draft)
    assert latest(objective) == draft.pk
    # An approved report of an earlier period leaves the latest alone.
    approve(editor, reviewer, objective, **period(2021))
    assert latest(objective) == draft.pk == expected_latest(objective)


def test_an_approved_correction_becomes_the_latest(editor, reviewer, objective):
    original = approve(editor, reviewer, objective, **period(2024))
    correction = services.report_create(user=editor, objective=objective, supersedes=original, percent_complete=25)
    assert latest(objective) == original.pk
    services.report_submit(user=editor, report=correction)
    services.report_approve(user=reviewer, report=correction)
    assert latest(objective) == correction.pk == expected_latest(objective)


def test_writes_past_save_keep_it_too(objective):
    now = timezone.now()
    reviewed = {"state": ReportState.APPROVED, "submitted_at": now, "reviewed_at": now}
    made = ProgressReport.objects.bulk_create(
        [
            ProgressReport(objective=objective, percent_complete=20, **reviewed, **period(2020)),
            ProgressReport(objective=objective, percent_complete=90, **period(2021)),
        ]
    )
    assert latest(objective) == made[0].pk

    ProgressReport.objects.filter(pk=made[1].pk).update(**reviewed)
    assert latest(objective) == made[1].pk

    ProgressReport.objects.filter(pk=made[1].pk).update(is_superseded=True)
    assert latest(objective) == made[0].pk

    ProgressReport.objects.filter(objective=objective).delete()
    assert latest(objective) is None


def test_with_latest_progress_reads_the_latest_reports_figures(objective, division):
    other = factories.ObjectiveFactory(owning_division=division, number=objective.number + 1)
    factories.ReportFactory(objective=objective, approved=True, percent_complete=40, **period(2020))
    factories.ReportFactory(
        objective=objective,
        approved=True,
        percent_complete=55,
        status=ReportStatus.AT_RISK,
        is_example=True,
        **period(2021),
    )
    factories.ReportFactory(objective=objective, percent_complete=99, **period(2022))  # a draft

    rows = {
        row.pk: row for row in LongTermObjective.objects.with_latest_progress().filter(pk__in=[objective.pk, other.pk])
    }
    mine = rows[objective.pk]
    assert (mine.latest_percent, mine.latest_status, mine.latest_period_end, mine.latest_is_example) == (
        55,
        ReportStatus.AT_RISK,
        datetime.date(2021, 6, 30),
        True,
    )
    assert rows[other.pk].latest_percent is None
    assert rows[other.pk].latest_status is None


# Progress counts ------------------------------------------------------------------------


def test_objectives_are_counted_by_the_progress_of_their_latest_approved_report(division, other_division):
    on_track = factories.ObjectiveFactory(owning_division=division)
    factories.ReportFactory(objective=on_track, approved=True, status="at_risk")
    factories.ReportFactory(objective=on_track, approved=True, status="on_track")
    drafted = factories.ObjectiveFactory(owning_division=division)
    factories.ReportFactory(objective=drafted, status="off_track")
    completed = factories.ObjectiveFactory(owning_division=other_division)
    factories.ReportFactory(objective=completed, approved=True, status="completed", percent_complete=100)
    factories.ObjectiveFactory(owning_division=other_division, visibility="internal")

    counts = LongTermObjective.objects.visible_to(None).progress_counts()

    # The latest approved report counts; a draft does not; a hidden objective is not counted.
    assert counts == {division.pk: {"on_track": 1, "none": 1}, other_division.pk: {"completed": 1}}
    assert list(LongTermObjective.objects.with_progress("completed")) == [completed]
    assert list(LongTermObjective.objects.visible_to(None).with_progress("none")) == [drafted]
