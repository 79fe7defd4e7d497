from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """The content base: abstract models, visibility, dates and the
    ``portal`` template tags. Its one table remembers what the loader
    loaded."""

    name = "nmi_site.content"
    label = "content"
    verbose_name = _("Content")
