from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NmiSiteConfig(AppConfig):
    name = "nmi_site"
    verbose_name = _("Portal")

    def ready(self):
        from nmi_site import (  # noqa: F401  (connect the sign-in signal receivers)
            security,
            security_log,
            versioning,
        )
        from nmi_site.access.roles import sync_role_groups_after_migrate

        # Keep the role groups' permissions current as apps add models.
        post_migrate.connect(sync_role_groups_after_migrate, dispatch_uid="nmi_site.sync_role_groups")
