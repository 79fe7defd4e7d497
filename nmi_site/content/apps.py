from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """The content base: abstract models, visibility, dates and the
    ``portal`` template tags. Its tables remember what the loader
    loaded and which records were removed (tombstones)."""

    name = "nmi_site.content"
    label = "content"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete

        from nmi_site.content.models import note_deletion, remember_level_before_delete

        pre_delete.connect(remember_level_before_delete, dispatch_uid="content.removals.before")
        post_delete.connect(note_deletion, dispatch_uid="content.removals.after")
