from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from missions.models import Division
from nmi_site.content.links import site_domain, site_scheme
from objectives.models import LongTermObjective, PlanOnAPage, PlanState
from outreach.models import Event


class PublicSitemap(Sitemap):
    """Every page in English and Arabic, with alternate-language links."""

    i18n = True
    alternates = True
    x_default = True

    # Addresses from the configured site address, not the request's Host.
    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class StaticPagesSitemap(PublicSitemap):
    def items(self):
        return [
            "home",
            "missions:about",
            "missions:structure",
            "missions:timeline",
            "missions:partners",
            "missions:lessons",
            "objectives:dashboard",
            "outreach:upcoming",
            "outreach:past",
            "accessibility",
            "sources",
            "site_map",
        ]

    def location(self, item):
        return reverse(item)


class DivisionSitemap(PublicSitemap):
    def items(self):
        # The sitemap is public: anonymous visibility only.
        return Division.objects.visible_to(None).order_by("pk")

    def lastmod(self, division):
        return division.updated_at


class ObjectiveSitemap(PublicSitemap):
    def items(self):
        return LongTermObjective.objects.visible_to(None).order_by("pk")

    def lastmod(self, objective):
        return objective.updated_at


class PlanSitemap(PublicSitemap):
    """The current agreed plan of each public objective."""

    def items(self):
        return (
            PlanOnAPage.objects.visible_to(None)
            .filter(state=PlanState.AGREED)
            .select_related("objective")
            .order_by("pk")
        )

    def location(self, plan):
        return reverse("objectives:plan", kwargs={"slug": plan.objective.slug})

    def lastmod(self, plan):
        return plan.updated_at


class EventSitemap(PublicSitemap):
    def items(self):
        return Event.objects.visible_to(None).order_by("pk")

    def lastmod(self, event):
        return event.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "divisions": DivisionSitemap,
    "objectives": ObjectiveSitemap,
    "plans": PlanSitemap,
    "events": EventSitemap,
}
