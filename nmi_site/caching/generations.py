"""The version of the content each audience can see: the anonymous public,
partners, and staff.

Each audience has a *generation* stamp, stored in the database
(``nmi_site.caching.models.Generation``): the one store every worker and
every server shares, whatever cache is configured (none, a per-process
memory cache, Redis). Every save, delete or change of related records moves
the stamp of each audience that can see the record, before or after the
change, in the same transaction as the change; an edit of an internal
record moves only the staff stamp, so nothing outside can observe it. The
cache holds rendered answers only, each under the stamp it was rendered
in, so neither a per-process cache nor a cache outage can serve an answer
the database has moved past.

The stamps drive the anonymous response cache (``nmi_site.caching.responses``),
the API's ETags, and the "last updated" time, which is computed once per
generation rather than on every request.

**Leases.** Reading the stamps on every request would cost a query per
cached answer. Instead a process may keep using the stamps it read for
``GENERATION_LEASE_SECONDS``, counted from just before the read; and
whoever moves a stamp waits that long after the change is committed before
finishing its request (or command). So any request that starts after a
change was saved reads stamps fetched after the change: the change shows at
once, on every worker and server."""

import atexit
import contextlib
import logging
import threading
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import get_language

from nmi_site.caching.models import Generation
from nmi_site.content.clock import clock
from nmi_site.content.models import ContentModel
from nmi_site.content.selectors import latest_visible_change
from nmi_site.content.visibility import EVERYTHING, PUBLIC_AND_PARTNERS, PUBLIC_ONLY, Visibility, visibility_levels

AUDIENCES = {"public": PUBLIC_ONLY, "partners": PUBLIC_AND_PARTNERS, "staff": EVERYTHING}
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
    _kept.clear()
    _state.request_stamps = None


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


def _read_stamps():
    """Every audience's stamp, in one query (creating the rows a fresh or
    emptied database lacks)."""
    stamps = dict(Generation.objects.values_list("audience", "stamp"))
    missing = [audience for audience in AUDIENCES if audience not in stamps]
    if missing:
        now = clock().time_ns()
        Generation.objects.bulk_create(
            [Generation(audience=audience, stamp=now) for audience in missing], ignore_conflicts=True
        )
        stamps = dict(Generation.objects.values_list("audience", "stamp"))
    return stamps


def current_generation(audience):
    """The audience's stamp: leased, or read once per request (with every
    other audience's), or read now."""
    generation = _leased(audience)
    if generation is not None:
        return generation
    stamps = getattr(_state, "request_stamps", None)
    if stamps is None:
        read_started = clock().monotonic()
        stamps = _read_stamps()
        for name, stamp in stamps.items():
            _take_lease(name, stamp, read_started)
        if getattr(_state, "in_request", False):
            _state.request_stamps = stamps
    return stamps[audience]


def bump_generations(audiences, *, settle=False):
    """Move the stamps of ``audiences`` now, in the current transaction if
    there is one. With ``settle``, also make the change visible everywhere
    before the current request or command ends: other processes may still
    use a stamp they leased just before."""
    audiences = sorted(set(audiences))
    _state.request_stamps = None
    for audience in audiences:
        _leases.pop(audience, None)
    if transaction.get_connection().in_atomic_block:
        # Take every stamp's row lock in one order, so two transactions that
        # move different stamps never wait for each other in a cycle.
        list(Generation.objects.select_for_update().order_by("audience").values_list("audience"))
    # A stamp only ever grows, and is never below the clock: a database made
    # afresh never reuses a stamp the cache may still hold answers for.
    moved = Generation.objects.filter(audience__in=audiences).update(
        stamp=Greatest(F("stamp") + 1, Value(clock().time_ns()))
    )
    if moved < len(audiences):
        _read_stamps()
        Generation.objects.filter(audience__in=audiences).update(stamp=F("stamp") + 1)
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
        _state.request_stamps = None
        try:
            return self.get_response(request)
        finally:
            _state.in_request = False
            _state.request_stamps = None
            settle()


def content_changed(audiences=tuple(AUDIENCES)):
    """Call after changes to content that signals do not announce (bulk
    updates, raw SQL). Inside a transaction the stamps move with the change,
    and this process forgets its leases once more when it commits; the
    request waits out the other processes' leases from then."""
    audiences = tuple(sorted(set(audiences)))
    if not audiences:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_generations(audiences, settle=True)
        return
    bump_generations(audiences)
    transaction.on_commit(lambda: _committed(audiences))


def _committed(audiences):
    _state.request_stamps = None
    for audience in audiences:
        _leases.pop(audience, None)
    if lease_seconds() > 0:
        _settle_by(clock().monotonic() + lease_seconds())


def content_version(viewer):
    """``(last change, version string)`` of what ``viewer`` can see. The
    last change is worked out once per generation (and kept in this
    process and in the cache); the same generation gives the same answer
    on every worker."""
    audience = audience_of(viewer)
    generation = current_generation(audience)
    remembered = _latest.get(audience)
    if remembered is not None and remembered[0] == generation:
        return remembered[1], f"{audience}|{generation}"
    latest_key = LATEST_KEY.format(audience=audience)
    try:
        stored = cache.get(latest_key)
    except Exception:
        logging.getLogger(__name__).warning("The cache is unavailable: working out the last change afresh")
        stored = None
    if stored is not None and stored[0] == generation:
        latest = stored[1]
    else:
        latest = latest_visible_change(Audience(AUDIENCES[audience]))
        try:
            cache.set(latest_key, (generation, latest), 24 * 3600)
        except Exception:
            logging.getLogger(__name__).warning("The cache is unavailable: the last change is kept in this process")
    _latest[audience] = (generation, latest)
    return latest, f"{audience}|{generation}"


# Reads kept per generation -------------------------------------------------------

# (audience, generation, key) → value, most recently used last.
_kept = OrderedDict()
_kept_lock = threading.Lock()
KEPT_READS = 512


def kept_per_generation(viewer, key, read):
    """``read()``, worked out once per generation of what ``viewer``'s
    audience sees, in this process, under ``key`` (which must name
    everything else the answer depends on: the query, the language). For
    reads of content only: the answer can change only when what the
    audience sees changes, and that moves its stamp."""
    audience = audience_of(viewer)
    entry = (audience, current_generation(audience), key)
    with _kept_lock:
        if entry in _kept:
            _kept.move_to_end(entry)
            return _kept[entry]
    value = read()
    # Threaded servers share the dict: every change to it holds the lock.
    with _kept_lock:
        _kept[entry] = value
        while len(_kept) > KEPT_READS:
            _kept.popitem(last=False)
    return value


def count_per_generation(queryset, viewer):
    """``queryset.count()`` of records ``viewer`` may see, kept per
    generation: a list's page count would otherwise count every matching
    row on every request (tens of thousands of events for a partner's
    list). The queryset must hold only what ``viewer`` may see."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        # A queryset that cannot match anything (none(), IN of nothing).
        return 0
    return kept_per_generation(viewer, ("count", queryset.db, sql, tuple(map(repr, params))), queryset.count)


class ChoicesKeptPerGeneration:
    """For a VisibleChoiceFilterSet: each filter's choice list (divisions,
    nations, counterparts …) read once per generation and language rather
    than on every request to a list page."""

    def read_choices(self, name, flt, viewer):
        key = ("choices", type(self).__module__, type(self).__qualname__, name, get_language())
        return kept_per_generation(
            viewer, key, lambda: tuple(super(ChoicesKeptPerGeneration, self).read_choices(name, flt, viewer))
        )


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
    # A data migration may change records without signals. Without the
    # stamps' table (not migrated yet) nothing is cached against them.
    with contextlib.suppress(DatabaseError):
        bump_generations(AUDIENCES, settle=True)
