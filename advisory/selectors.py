"""Reads of the corporate memory shared by the back office's pages."""

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory.models import AdvisoryPost, Engagement, Handover, NextStep, needs_incoming_holder, tour_changes
from nmi_site.access import rules
from nmi_site.backoffice.work import SHOWN, WorkItem, WorkList, work_list
from nmi_site.content.dates import format_date
from objectives.models import HandoverNote, PlanOnAPage, PlanState, ProgressReport
from outreach.models import Event


def posts_needing_an_incoming_holder(*, division_ids, today):
    """The posts of ``division_ids`` whose holder leaves within 30 days (or
    has left) with nobody recorded to take over: two queries."""
    posts = (
        AdvisoryPost.objects.filter(division_id__in=division_ids)
        .prefetch_related("tours__holder")
        .order_by("title", "pk")
    )
    return [post for post in posts if needs_incoming_holder(list(post.tours.all()), today)]


def work_for(user, *, today=None):
    """What the corporate memory asks of ``user`` next ("My work")."""
    today = today or timezone.localdate()
    posts = posts_needing_an_incoming_holder(division_ids=rules.division_ids(user), today=today)

    def item(post):
        last = max(post.tours.all(), key=lambda tour: tour.ends_on)
        return WorkItem(
            str(post),
            reverse("admin:advisory_advisorypost_change", args=[post.pk]),
            _("%(holder)s leaves on %(day)s") % {"holder": last.holder_label, "day": format_date(last.ends_on)},
        )

    overdue = (
        NextStep.objects.filter(owner__division_id__in=rules.division_ids(user), done=False, due_on__lt=today)
        .select_related("owner", "engagement__institution")
        .order_by("due_on", "pk")
    )
    mine = Q(outgoing__holder_id=user.pk, outgoing_acknowledged_at__isnull=True) | Q(
        incoming__holder_id=user.pk, incoming_acknowledged_at__isnull=True
    )
    of_my_divisions = Q(post__division_id__in=rules.division_ids(user)) & (
        Q(outgoing_acknowledged_at__isnull=True) | Q(incoming_acknowledged_at__isnull=True)
    )
    handovers = (
        Handover.objects.filter(mine | of_my_divisions)
        .select_related("post", "outgoing__holder", "incoming__holder")
        .order_by("outgoing__ends_on", "pk")
    )
    return [
        work_list(
            "handovers_due",
            _("Handovers waiting to be acknowledged"),
            handovers,
            lambda handover: WorkItem(
                str(handover),
                reverse("admin:advisory_advisorypost_handover", args=[handover.post_id]),
                _("the outgoing tour ends on %(day)s") % {"day": format_date(handover.outgoing.ends_on)},
            ),
        ),
        WorkList(
            "posts_without_successor",
            _("Posts of my divisions with no incoming holder"),
            [item(post) for post in posts[:SHOWN]],
            len(posts),
            reverse("admin:advisory_advisorypost_changelist"),
        ),
        work_list(
            "next_steps_overdue",
            _("Next steps of my divisions' posts past their due date"),
            overdue,
            lambda step: WorkItem(
                str(step),
                reverse("admin:advisory_engagement_change", args=[step.engagement_id]),
                _("%(post)s, due %(day)s (from %(engagement)s)")
                % {"post": step.owner, "day": format_date(step.due_on), "engagement": step.engagement},
            ),
        ),
    ]


# The handover pack -----------------------------------------------------------------

#: How many approved reports an objective's status trend shows, newest last.
TREND = 4


def handover_pack(*, post, today=None, now=None):
    """Everything a new holder of ``post`` needs, read from the records (a
    fixed number of queries, whatever they hold): the post and its holders;
    its objectives with their status trend, latest approved report,
    current agreed plan, handover notes and lessons; the open next steps;
    the latest engagement with each counterpart; coming events; and the
    latest handover with its checklist."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    reports = ProgressReport.objects.current().order_by("-period_end", "-pk")
    objectives = list(
        post.objectives.select_related("owning_division", "latest_report")
        .prefetch_related(
            Prefetch("reports", queryset=reports, to_attr="approved_reports"),
            Prefetch(
                "plans",
                queryset=PlanOnAPage.objects.filter(state=PlanState.AGREED).prefetch_related("activities"),
                to_attr="agreed_plans",
            ),
            Prefetch("handover_notes", queryset=HandoverNote.objects.order_by("-tour_end", "-pk"), to_attr="notes"),
            "lessons",
        )
        .order_by("number", "pk")
    )
    for objective in objectives:
        objective.trend = list(reversed(objective.approved_reports[:TREND]))
        objective.current_plan = objective.agreed_plans[0] if objective.agreed_plans else None
    engagements = list(
        Engagement.objects.filter(Q(post=post) | Q(other_posts=post), cancelled=False)
        .select_related("institution", "post")
        .distinct()
        .order_by("-held_on", "-pk")[:200]
    )
    latest_by_institution = {}
    for engagement in engagements:
        latest_by_institution.setdefault(engagement.institution_id, engagement)
    handover = (
        post.handovers.select_related("outgoing__holder", "incoming__holder").prefetch_related("checklist").first()
    )
    lessons = {lesson.pk: lesson for objective in objectives for lesson in objective.lessons.all()}
    return {
        "post": post,
        "tours": tour_changes(post.tours.select_related("holder", "nation")),
        "institutions": list(post.institutions.order_by("name")),
        "objectives": objectives,
        "next_steps": list(
            NextStep.objects.filter(Q(owner=post) | Q(engagement__post=post), done=False)
            .select_related("owner", "engagement__institution")
            .distinct()
            .order_by("due_on", "pk")
        ),
        "engagements": sorted(latest_by_institution.values(), key=lambda engagement: str(engagement.institution)),
        "lessons": sorted(lessons.values(), key=lambda lesson: lesson.number),
        "events": list(
            Event.objects.filter(objectives__in=[objective.pk for objective in objectives], ends_at__gte=now)
            .distinct()
            .order_by("starts_at", "pk")[:20]
        ),
        "handover": handover,
        "today": today,
    }
