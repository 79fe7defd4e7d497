from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Which records' Arabic is missing or older than their English, field
    by field, kept up to date as records are saved."""

    name = "nmi_site.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        # Django's pattern for receivers: the app registry is ready now.
        from nmi_site.translations import tracking

        tracking.connect()
