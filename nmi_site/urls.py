"""Root URLs. Public pages are under ``i18n_patterns`` (English unprefixed,
Arabic under ``/ar/``); the admin, sitemap and robots.txt are not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from nmi_site.history import audit
from nmi_site.notifications.forms import QueuedPasswordResetForm
from nmi_site.security import two_factor
from nmi_site.sitewide import views
from nmi_site.sitewide.sitemaps import SITEMAPS
from objectives.feeds import PlanAtomFeed, ProgressAtomFeed
from outreach.feeds import EventAtomFeed
from outreach.urls import feed_urlpatterns

# Staff reset a forgotten password by email, from the admin's login page.
password_reset_patterns = [
    path(
        "admin/password-reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="admin_password_reset",
    ),
    path("admin/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "admin/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("admin/password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

# Staff pages of the admin's own: the site-wide change history and the
# second factor (nmi_site/history/audit.py, nmi_site/security/two_factor.py).
staff_patterns = [
    path("admin/recent-changes/", admin.site.admin_view(audit.recent_changes_view), name="admin-recent-changes"),
    path("admin/second-factor/", admin.site.admin_view(two_factor.second_factor_view), name="admin-second-factor"),
]

urlpatterns = [
    *password_reset_patterns,
    *staff_patterns,
    path("admin/", admin.site.urls),
    path("sitemap.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("feeds/events.atom", EventAtomFeed(), name="events_atom"),
    path("feeds/progress.atom", ProgressAtomFeed(), name="progress_atom"),
    path("feeds/plans.atom", PlanAtomFeed(), name="plans_atom"),
    path("feeds/objectives/<slug:slug>/progress.atom", ProgressAtomFeed(), name="objective_progress_atom"),
    path("feeds/objectives/<slug:slug>/plans.atom", PlanAtomFeed(), name="objective_plans_atom"),
    path("api/v1/", include("nmi_site.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include((feed_urlpatterns, "outreach_feeds"))),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("", include("missions.urls")),
    path("", include("objectives.urls")),
    path("", include("outreach.urls")),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("sources/", views.SourcesView.as_view(), name="sources"),
    path("site-map/", views.SiteMapView.as_view(), name="site_map"),
    path("search/", views.SearchView.as_view(), name="search"),
    prefix_default_language=False,
)

if settings.BENCHMARK:
    # The benchmark's raw baselines exist only when it runs (its app is
    # installed then too).
    from nmi_site.benchmark.views import raw_rows

    urlpatterns += [path("benchmark/raw/<slug:resource>/", raw_rows)]

# Error pages in the site's layout; under /api/, JSON.
handler400 = "nmi_site.sitewide.views.bad_request"
handler403 = "nmi_site.sitewide.views.permission_denied"
handler404 = "nmi_site.sitewide.views.page_not_found"
handler500 = "nmi_site.sitewide.views.server_error"
