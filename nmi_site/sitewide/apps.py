from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class SitewideConfig(AppConfig):
    """The top of the portal: site-wide pages, the back office's own
    registrations and the commands that load, back up and restore it."""

    name = "nmi_site.sitewide"
    label = "sitewide"
    verbose_name = _("Site")

    def ready(self):
        # Django's pattern for receivers: connect the security log, the
        # session activity stamp and the content generations now that the
        # app registry is ready.
        from nmi_site.caching import generations  # noqa: F401
        from nmi_site.security import headers, log  # noqa: F401


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's own site (admin_site.py); named in
    INSTALLED_APPS in place of django.contrib.admin."""

    default = False

    default_site = "nmi_site.sitewide.admin_site.PortalAdminSite"
