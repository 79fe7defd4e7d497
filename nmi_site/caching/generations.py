"""The version of the content each audience can see: the anonymous public,
partners, and staff.

Each audience has a *generation* stamp in the cache. Every save, delete or
change of related records moves the stamp of each audience that can see the
record, before or after the change; an edit of an internal record moves
only the staff stamp, so nothing outside can observe it. With Redis as the
cache the stamps are shared by every process and server.

The stamps drive the anonymous response cache (``nmi_site.caching.responses``), the
API's ETags, and the "last updated" time, which is computed once per
generation rather than on every request.

**Leases.** Reading a stamp from Redis on every request would cost a round
trip per cached answer. Instead a process may keep using a stamp it read
for ``GENERATION_LEASE_SECONDS``, counted from just before the read; and
whoever moves a stamp waits that long after the move before finishing its
request (or command). So any request that starts after a change was saved
reads a stamp fetched after the change: the change shows at once, on every
server. With a per-process cache (no Redis) the lease is 0."""

import atexit
import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver

from nmi_site.content.clock import clock
from nmi_site.content.models import ContentModel
from nmi_site.content.selectors import latest_visible_change
from nmi_site.content.visibility import EVERYTHING, PUBLIC_AND_PARTNERS, PUBLIC_ONLY, Visibility, visibility_levels

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


# audience → (generation, monotonic time until which it may be used)
_leases = {}
# audience → (generation, latest change) last read with that generation
_latest = {}


def forget_leases():
    """Drop this process's leases (tests; a process that knows better)."""
    _leases.clear()
    _latest.clear()


def lease_seconds():
    return settings.GENERATION_LEASE_SECONDS


def _leased(audience):
    lease = _leases.get(audience)
    if lease is not None and clock().monotonic() < lease[1]:
        return lease[0]
    return None


def _take_lease(audience, generation, read_started):
    seconds = lease_seconds()
    if seconds > 0:
        _leases[audience] = (generation, read_started + seconds)


def current_generation(audience):
    generation = _leased(audience)
    if generation is not None:
        return generation
    read_started = clock().monotonic()
    key = GENERATION_KEY.format(audience=audience)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, clock().time_ns(), None)
        generation = cache.get(key)
    _take_lease(audience, generation, read_started)
    return generation


def bump_generations(audiences, *, settle=False):
    """Move the stamps of ``audiences``. With ``settle``, also make the
    change visible everywhere before the current request or command ends:
    other processes may still use a stamp they leased just before."""
    for audience in audiences:
        _leases.pop(audience, None)
    try:
        now = clock().time_ns()
        cache.set_many({GENERATION_KEY.format(audience=audience): now for audience in audiences}, None)
    except Exception:  # The cache being down must not stop an edit.
        logging.getLogger(__name__).exception("Could not move the content generations")
    if settle and lease_seconds() > 0:
        _settle_by(clock().monotonic() + lease_seconds())


def _settle_by(deadline):
    """Wait until ``deadline`` before the request ends (GenerationLeaseMiddleware),
    or before the process exits when there is no request."""
    _state.settle_by = max(getattr(_state, "settle_by", 0.0), deadline)
    if not getattr(_state, "in_request", False):
        _register_exit_wait()


def settle():
    """Wait out the leases of the stamps this thread moved, if any."""
    deadline = getattr(_state, "settle_by", 0.0)
    _state.settle_by = 0.0
    remaining = deadline - clock().monotonic()
    if remaining > 0:
        clock().sleep(remaining)


_exit_wait_registered = False


def _register_exit_wait():
    global _exit_wait_registered
    if not _exit_wait_registered:
        _exit_wait_registered = True
        atexit.register(settle)


class GenerationLeaseMiddleware:
    """A request that changed content ends only once every process has
    stopped using the stamps from before the change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _state.in_request = True
        try:
            return self.get_response(request)
        finally:
            _state.in_request = False
            settle()


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
    transaction.on_commit(lambda: bump_generations(audiences, settle=True))


def content_version(viewer):
    """``(last change, version string)`` of what ``viewer`` can see, from
    the cache in one round trip: the database is asked once per generation."""
    audience = audience_of(viewer)
    generation = _leased(audience)
    remembered = _latest.get(audience)
    if generation is not None and remembered is not None and remembered[0] == generation:
        return remembered[1], f"{audience}|{generation}"
    generation_key = GENERATION_KEY.format(audience=audience)
    latest_key = LATEST_KEY.format(audience=audience)
    read_started = clock().monotonic()
    try:
        found = cache.get_many([generation_key, latest_key])
        generation = found.get(generation_key)
        if generation is None:
            generation = current_generation(audience)
        else:
            _take_lease(audience, generation, read_started)
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
    _latest[audience] = (generation, latest)
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
    bump_generations(AUDIENCES, settle=True)
