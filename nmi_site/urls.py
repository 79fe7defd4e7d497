"""Root URLs. Public pages are under ``i18n_patterns`` (English unprefixed,
Arabic under ``/ar/``); the admin, sitemap and robots.txt are not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from nmi_site import views
from nmi_site.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

urlpatterns += i18n_patterns(
    path("", include("missions.urls")),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("sources/", views.SourcesView.as_view(), name="sources"),
    prefix_default_language=False,
)
