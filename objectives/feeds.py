"""Atom feeds of the objectives' public record: approved progress reports
and agreed plan versions, mission-wide and per objective. Public only,
whoever asks (as the events feed)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext

from nmi_site.content.dates import format_date
from nmi_site.content.feeds import PortalAtomFeed
from nmi_site.content.links import absolute_url
from nmi_site.content.numbers import format_percent
from objectives.models import LongTermObjective, PlanOnAPage, ProgressReport


class ObjectiveFeed(PortalAtomFeed):
    """A feed of the whole mission, or of one objective (``<slug>``): the
    public records of ``model``, newest first by ``ordering``."""

    kind = None
    model = None
    ordering = ()

    def items(self, objective):
        records = self.model.objects.visible_to(None).select_related("objective")
        if objective is not None:
            records = records.filter(objective=objective)
        return records.order_by(*self.ordering)[: self.size]

    def describe(self, record, *parts):
        """An entry's text: ``parts``, after a note that example data is not a fact."""
        if record.is_example:
            parts = (gettext("Example data, not a fact about the mission."), *parts)
        return "\n\n".join(part for part in parts if part)

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        return get_object_or_404(LongTermObjective.objects.visible_to(None), slug=slug)

    def feed_guid(self, objective):
        return super().feed_guid(objective) if objective is None else f"{super().feed_guid(None)}:{objective.pk}"

    def link(self, objective):
        return absolute_url(objective.get_absolute_url() if objective else reverse("objectives:dashboard"))

    def feed_url(self, objective):
        if objective is None:
            return absolute_url(reverse(f"{self.kind}_atom"))
        return absolute_url(reverse(f"objective_{self.kind}_atom", kwargs={"slug": objective.slug}))

    def item_author_name(self, item):
        return None


class ProgressAtomFeed(ObjectiveFeed):
    """Approved progress reports, the latest approved first."""

    kind = "progress"
    name = "feed:progress"
    model = ProgressReport
    ordering = ("-reviewed_at", "-pk")

    def title(self, objective):
        if objective is None:
            return gettext("NMI Portal: approved progress of the long-term objectives")
        return gettext("NMI Portal: approved progress of %(objective)s") % {"objective": objective.title}

    def subtitle(self, objective):
        return gettext("Each progress report as it is approved: percent complete, status and summary.")

    def item_key(self, report):
        return f"report-{report.pk}"

    def item_title(self, report):
        return gettext("%(objective)s: %(percent)s, %(status)s (%(start)s to %(end)s)") % {
            "objective": report.objective.title,
            "percent": format_percent(report.percent_complete),
            "status": report.get_status_display().lower(),
            "start": format_date(report.period_start),
            "end": format_date(report.period_end),
        }

    def item_description(self, report):
        correction = gettext("This report corrects an earlier one for the same period.") if report.supersedes_id else ""
        return self.describe(report, correction, report.narrative)

    def item_link(self, report):
        return absolute_url(f"{report.objective.get_absolute_url()}#reports-heading")

    def item_pubdate(self, report):
        return report.reviewed_at or report.updated_at

    def item_updateddate(self, report):
        return report.updated_at


class PlanAtomFeed(ObjectiveFeed):
    """Plan-on-a-page versions as they are agreed, the latest first."""

    kind = "plans"
    name = "feed:plans"
    model = PlanOnAPage
    ordering = ("-agreed_on", "-version", "-pk")

    def title(self, objective):
        if objective is None:
            return gettext("NMI Portal: plans-on-a-page agreed with Iraqi counterparts")
        return gettext("NMI Portal: plans-on-a-page of %(objective)s") % {"objective": objective.title}

    def subtitle(self, objective):
        return gettext("Each version of a plan-on-a-page once it is agreed, with what it changed.")

    def item_key(self, plan):
        return f"plan-{plan.pk}"

    def item_title(self, plan):
        return gettext("%(objective)s: plan version %(version)s, agreed on %(date)s") % {
            "objective": plan.objective.title,
            "version": plan.version,
            "date": format_date(plan.agreed_on),
        }

    def item_description(self, plan):
        return self.describe(plan, plan.change_summary)

    def item_link(self, plan):
        return absolute_url(plan.get_absolute_url())

    def item_pubdate(self, plan):
        return plan.updated_at

    def item_updateddate(self, plan):
        return plan.updated_at
