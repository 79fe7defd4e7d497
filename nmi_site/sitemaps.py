from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from missions.models import Division


class PublicSitemap(Sitemap):
    """Every page in English and Arabic, with alternate-language links."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PublicSitemap):
    def items(self):
        return [
            "missions:home",
            "missions:about",
            "missions:structure",
            "missions:timeline",
            "missions:partners",
            "missions:lessons",
            "accessibility",
            "sources",
        ]

    def location(self, item):
        return reverse(item)


class DivisionSitemap(PublicSitemap):
    def items(self):
        # The sitemap is public: anonymous visibility only.
        return Division.objects.visible_to(None).order_by("pk")

    def lastmod(self, division):
        return division.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "divisions": DivisionSitemap}
