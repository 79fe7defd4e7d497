"""The version of the content each audience can see: the anonymous public,
partners, and staff.

Each audience has a *generation* stamp in the cache. Every save, delete or
change of related records moves the stamp of each audience that can see the
record, before or after the change; an edit of an internal record moves
only the staff stamp, so nothing outside can observe it. With Redis as the
cache the stamps are shared by every process and server.

The stamps drive the anonymous response cache (``nmi_site.caching``), the
API's ETags, and the "last updated" time, which is computed once per
generation rather than on every request."""

import logging
import threading
import time
from contextlib import contextmanager

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from nmi_site.models import ContentModel
from nmi_site.selectors import latest_visible_change
from nmi_site.visibility import EVERYTHING, PUBLIC_AND_PARTNERS, PUBLIC_ONLY, Visibility, visibility_levels

AUDIENCES = {"public": PUBLIC_ONLY, "partners": PUBLIC_AND_PARTNERS, "staff": EVERYTHING}
GENERATION_KEY = "nmi:generation:{audience}"
LATEST_KEY = "nmi:latest-change:{audience}"


class Audience:
    """A stand-in viewer that sees what one audience sees."""

    def __init__(self, levels):
        self.visibility_levels = levels


def audience_of(viewer):
    levels = visibility_levels(viewer)
    return next(name for name, audience_levels in AUDIENCES.items() if audience_levels == levels)


# Generations -------------------------------------------------------------------


def current_generation(audience):
    key = GENERATION_KEY.format(audience=audience)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), None)
        generation = cache.get(key)
    return generation


def bump_generations(audiences):
    try:
        now = time.time_ns()
        cache.set_many({GENERATION_KEY.format(audience=audience): now for audience in audiences}, None)
    except Exception:  # The cache being down must not stop an edit.
        logging.getLogger(__name__).exception("Could not move the content generations")


def content_changed(audiences=tuple(AUDIENCES)):
    """Call after changes to content that signals do not announce (bulk
    updates, raw SQL). Safe inside a transaction: the stamps move now, so
    this process stops serving old answers at once, and again on commit, so
    that an answer rendered from the old rows meanwhile is not kept."""
    audiences = tuple(sorted(set(audiences)))
    if not audiences:
        return
    if transaction.get_connection().in_atomic_block:
        bump_generations(audiences)
    transaction.on_commit(lambda: bump_generations(audiences))


def content_version(viewer):
    """``(last change, version string)`` of what ``viewer`` can see, from
    the cache in one round trip: the database is asked once per generation."""
    audience = audience_of(viewer)
    generation_key = GENERATION_KEY.format(audience=audience)
    latest_key = LATEST_KEY.format(audience=audience)
    try:
        found = cache.get_many([generation_key, latest_key])
        generation = found.get(generation_key)
        if generation is None:
            generation = current_generation(audience)
    except Exception:
        # Without the cache, from the database (slower, still correct).
        logging.getLogger(__name__).exception("The cache is unavailable")
        latest = latest_visible_change(Audience(AUDIENCES[audience]))
        return latest, f"{audience}|{latest.isoformat() if latest else '-'}"
    stored = found.get(latest_key)
    if stored is not None and stored[0] == generation:
        latest = stored[1]
    else:
        latest = latest_visible_change(Audience(AUDIENCES[audience]))
        cache.set(latest_key, (generation, latest), 24 * 3600)
    return latest, f"{audience}|{generation}"


# Who sees a change -------------------------------------------------------------


_state = threading.local()


@contextmanager
def bulk_changes():
    """For commands that change many records at once: skip the per-record
    work of the signals below and move every stamp once at the end."""
    _state.bulk = True
    try:
        yield
    finally:
        _state.bulk = False
        content_changed()


def _is_content(model):
    return not getattr(_state, "bulk", False) and issubclass(model, ContentModel) and not model._meta.abstract


def seen_by(model, pks):
    """The audiences that see any of these records now."""
    if not pks:
        return set()
    queryset = model.objects.filter(pk__in=pks)
    if queryset.visible_to(None).exists():
        return set(AUDIENCES)
    if queryset.visible_to(Audience(PUBLIC_AND_PARTNERS)).exists():
        return {"partners", "staff"}
    return {"staff"}


def _seen_by_instance(instance):
    if getattr(instance, "visibility", None) == Visibility.INTERNAL:
        return {"staff"}  # No query needed: its own level hides it.
    return seen_by(type(instance), [instance.pk])


@receiver(pre_save)
def _note_audiences_before_save(sender, instance, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    instance._seen_before = seen_by(sender, [instance.pk]) if instance.pk is not None else set()


@receiver(post_save)
def _record_saved(sender, instance, raw=False, **kwargs):
    if raw or not _is_content(sender):
        return
    content_changed(getattr(instance, "_seen_before", set()) | _seen_by_instance(instance))


@receiver(pre_delete)
def _note_audiences_before_delete(sender, instance, **kwargs):
    if _is_content(sender):
        instance._seen_before = seen_by(sender, [instance.pk])


@receiver(post_delete)
def _record_deleted(sender, instance, **kwargs):
    if _is_content(sender):
        content_changed(getattr(instance, "_seen_before", AUDIENCES))


@receiver(m2m_changed)
def _relation_changed(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_") or not _is_content(type(instance)) or not _is_content(model):
        return
    # An audience notices a link only if it sees both ends.
    audiences = seen_by(type(instance), [instance.pk])
    if action != "post_clear":
        audiences &= seen_by(model, pk_set)
    content_changed(audiences)


@receiver(post_migrate)
def _migrated(sender, **kwargs):
    # A data migration may change records without signals.
    bump_generations(AUDIENCES)
