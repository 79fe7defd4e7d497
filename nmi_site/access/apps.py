from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    """Staff profiles, partner keys and the security policy. The label is
    the one these records have always had, so tables, migrations and
    permission names stay as they are."""

    name = "nmi_site.access"
    label = "nmi_site"
    verbose_name = _("Portal")

    def ready(self):
        # Django's pattern for receivers: the app registry is ready now.
        from nmi_site.access.roles import sync_role_groups_after_migrate

        # Keep the role groups' permissions current as apps add models.
        post_migrate.connect(sync_role_groups_after_migrate, dispatch_uid="nmi_site.sync_role_groups")
