"""The version of the content a viewer can see, for HTTP validators (ETag,
Last-Modified) and, later, caches.

It moves when any record the viewer can see is saved (the latest
``updated_at`` among visible rows) or deleted (a stamp kept per audience).
It is computed from visible rows only, so it never reveals an edit to a
record the viewer cannot see."""

import time

from django.core.cache import cache
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from nmi_site.models import ContentModel
from nmi_site.selectors import latest_visible_change
from nmi_site.visibility import EVERYTHING, PUBLIC_AND_PARTNERS, PUBLIC_ONLY, visibility_levels

AUDIENCES = {"public": PUBLIC_ONLY, "partners": PUBLIC_AND_PARTNERS, "staff": EVERYTHING}
DELETED_KEY = "nmi:content-deleted:{audience}"


class Audience:
    """A stand-in viewer that sees what one audience sees."""

    def __init__(self, levels):
        self.visibility_levels = levels


def audience_of(viewer):
    levels = visibility_levels(viewer)
    return next(name for name, audience_levels in AUDIENCES.items() if audience_levels == levels)


def content_version(viewer):
    """``(last change, version string)`` of what ``viewer`` can see."""
    latest = latest_visible_change(viewer)
    deleted = cache.get(DELETED_KEY.format(audience=audience_of(viewer)))
    return latest, f"{latest.isoformat() if latest else '-'}|{deleted or '-'}"


@receiver(pre_delete)
def _note_audiences(sender, instance, **kwargs):
    if not issubclass(sender, ContentModel) or sender._meta.abstract:
        return
    instance._deleted_for = [
        name
        for name, levels in AUDIENCES.items()
        if name == "staff" or sender.objects.visible_to(Audience(levels)).filter(pk=instance.pk).exists()
    ]


@receiver(post_delete)
def _stamp_deletion(sender, instance, **kwargs):
    for audience in getattr(instance, "_deleted_for", ()):
        cache.set(DELETED_KEY.format(audience=audience), time.time_ns(), None)
