"""Reads of objectives that pages, the API and templates share. Simple
filters are QuerySet methods (``LongTermObjective.objects.with_latest_progress()``,
``Measurement.objects.current()``, ``ProgressReport.objects.current()``);
what needs more than one queryset lives here."""

import datetime
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nmi_site.access import rules
from nmi_site.backoffice.work import WorkItem, work_list
from nmi_site.content.dates import format_date
from objectives.models import (
    Indicator,
    LongTermObjective,
    Measurement,
    ObjectiveStatus,
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
)


def indicators_prefetch(*, queryset=None):
    """An objective's indicators, each with its current measurements newest
    first (``indicator.latest_measurement`` reads them)."""
    queryset = queryset if queryset is not None else Indicator.objects.all()
    return Prefetch(
        "indicators",
        queryset=queryset.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.current(), to_attr="current_measurements")
        ),
    )


def current_plan(*, plans):
    """The objective's current agreed plan among ``plans`` (a prefetched
    list), or ``None``."""
    return next((plan for plan in plans if plan.state == PlanState.AGREED), None)


# "My work" -----------------------------------------------------------------------


def last_ended_half_year(today):
    """The most recent reporting period that has ended by ``today``: the
    mission reports on half-years (January to June, July to December)."""
    if today.month > 6:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 6, 30)
    return datetime.date(today.year - 1, 7, 1), datetime.date(today.year - 1, 12, 31)


def _report_item(report, detail=""):
    return WorkItem(str(report), reverse("admin:objectives_progressreport_change", args=[report.pk]), detail)


def _plan_item(plan, detail=""):
    return WorkItem(str(plan), reverse("admin:objectives_planonapage_change", args=[plan.pk]), detail)


def work_for(user, *, today=None):
    """What the objectives ask of ``user`` next ("My work"), as the rules
    decide: their drafts; reports returned to them, with the note; reports
    waiting for their review (Reviewers); reports due from their divisions;
    plans to renew or to agree."""
    today = today or timezone.localdate()
    divisions = rules.division_ids(user)
    reports = ProgressReport.objects.select_related("objective")
    lists = [
        work_list(
            "drafts",
            _("My draft reports"),
            reports.filter(author_id=user.pk, state=ReportState.DRAFT).order_by("period_end", "pk"),
            _report_item,
            more_url=reverse("admin:objectives_progressreport_changelist") + "?state__exact=draft",
        ),
        work_list(
            "returned",
            _("Reports returned to me"),
            reports.filter(author_id=user.pk, state=ReportState.RETURNED).order_by("reviewed_at", "pk"),
            lambda report: _report_item(report, report.review_note),
            more_url=reverse("admin:objectives_progressreport_changelist") + "?state__exact=returned",
        ),
    ]
    if rules.reviews_reports(user):
        lists.append(
            work_list(
                "review",
                _("Reports waiting for my review"),
                reports.reviewable_by(user).select_related("author").order_by("submitted_at", "pk"),
                lambda report: _report_item(
                    report,
                    _("submitted by %(author)s on %(day)s")
                    % {"author": report.author or "—", "day": format_date(timezone.localdate(report.submitted_at))},
                ),
                more_url=reverse("admin:objectives_reportawaitingreview_changelist"),
            )
        )
    start, end = last_ended_half_year(today)
    covered = ProgressReport.objects.filter(
        objective=OuterRef("pk"),
        state__in=[ReportState.SUBMITTED, ReportState.APPROVED],
        period_end__gte=end,
    )
    add_url = reverse("admin:objectives_progressreport_add")
    lists.append(
        work_list(
            "due",
            _("Reports due from my divisions for %(start)s to %(end)s")
            % {"start": format_date(start), "end": format_date(end)},
            LongTermObjective.objects.filter(owning_division_id__in=divisions, status=ObjectiveStatus.ACTIVE)
            .exclude(Exists(covered))
            .order_by("number", "pk"),
            lambda objective: WorkItem(
                str(objective),
                f"{add_url}?{urlencode({'objective': objective.pk, 'period_start': start, 'period_end': end})}",
                _("write the report"),
            ),
        )
    )
    plans = PlanOnAPage.objects.select_related("objective")
    lists.append(
        work_list(
            "plans_ending",
            _("Agreed plans of my divisions that end within 30 days"),
            plans.filter(
                objective__owning_division_id__in=divisions,
                state=PlanState.AGREED,
                valid_to__gte=today,
                valid_to__lte=today + datetime.timedelta(days=30),
            ).order_by("valid_to", "pk"),
            lambda plan: _plan_item(plan, _("ends on %(day)s") % {"day": format_date(plan.valid_to)}),
        )
    )
    if rules.reviews_reports(user):
        waiting = plans.filter(state=PlanState.SUBMITTED).exclude(submitted_by_id=user.pk)
    else:
        waiting = plans.filter(state=PlanState.SUBMITTED, objective__owning_division_id__in=divisions)
    lists.append(
        work_list(
            "plans_waiting",
            _("Plans waiting to be agreed"),
            waiting.order_by("submitted_at", "pk"),
            _plan_item,
            more_url=reverse("admin:objectives_planonapage_changelist") + "?state__exact=submitted",
        )
    )
    return lists


# What a plan version changed ------------------------------------------------------

#: What an activity's change is told by, besides its title.
COMPARED = ("target", "status", "lead_division_id", "lead_nation_id", "outcome")


def plan_changes(*, previous, plan):
    """What ``plan`` changed from ``previous`` (an earlier version, its
    activities prefetched): the activities added, removed and changed,
    matched by their English title; for a changed one, the names of what
    changed (``target``, ``status``, ``lead`` or ``outcome``)."""
    if previous is None:
        return None

    def key(activity):
        return (activity.title_en or activity.title or "").strip().casefold()

    before = {key(activity): activity for activity in previous.activities.all()}
    after = {key(activity): activity for activity in plan.activities.all()}
    changed = []
    for name, activity in after.items():
        old = before.get(name)
        if old is None:
            continue
        differences = [field for field in COMPARED if getattr(old, field) != getattr(activity, field)]
        if differences:
            what = sorted({"lead" if field.startswith("lead_") else field for field in differences})
            changed.append({"activity": activity, "before": old, "what": what})
    return {
        "previous": previous,
        "added": [activity for name, activity in after.items() if name not in before],
        "removed": [activity for name, activity in before.items() if name not in after],
        "changed": changed,
    }
