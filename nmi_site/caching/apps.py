from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The content generations (stored in the database, where every worker
    and server reads them) and the anonymous response cache."""

    name = "nmi_site.caching"
    label = "caching"
    verbose_name = _("Caching")
