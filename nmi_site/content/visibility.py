"""
Who may see a record.

Every record with a page carries a ``visibility`` level. One queryset method,
``visible_to(viewer)``, decides what a viewer sees, and every page, listing,
count, feed, sitemap and API endpoint goes through it.

A *viewer* is whatever asks: a Django user (anonymous or staff), a partner
key, or ``None`` for the anonymous public.

Children follow their parents: a model names the foreign keys it hangs from
in ``visibility_parents``, and a record is visible only if every ancestor on
those paths is visible as well as the record itself.

That combined level is stored with every record, in ``effective_visibility``
(indexed): the most restrictive of its own level and its parents' effective
levels. ``visible_to`` filters on that one column, so no list joins up the
tree. It is kept right on every write: ``save()`` works out the record's
level from its parents and, when it changed, updates what hangs from it
with one ``UPDATE`` per child model and level of the tree
(:func:`refresh_effective_visibility`); queryset ``update()`` and
``bulk_create()`` do the same for the rows they touch.
"""

from django.apps import apps
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext_lazy as _

from nmi_site.content.removals import published_condition, published_rule, record_levels


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    INTERNAL = "internal", _("Internal")


# The levels' names sort from the most restrictive to the least
# ("internal" < "partners" < "public"), so the database's LEAST() (MIN() on
# SQLite) of several levels is the most restrictive of them.
MOST_RESTRICTIVE_FIRST = (Visibility.INTERNAL, Visibility.PARTNERS, Visibility.PUBLIC)
assert sorted(Visibility.values) == list(MOST_RESTRICTIVE_FIRST)

PUBLIC_ONLY = frozenset({Visibility.PUBLIC})
PUBLIC_AND_PARTNERS = frozenset({Visibility.PUBLIC, Visibility.PARTNERS})
EVERYTHING = frozenset(Visibility.values)


def visibility_levels(viewer):
    """Return the set of visibility levels that ``viewer`` may see."""
    if viewer is None:
        return PUBLIC_ONLY
    # Partner keys (and anything else that is not a user) say for themselves.
    levels = getattr(viewer, "visibility_levels", None)
    if levels is not None:
        return frozenset(levels)
    if getattr(viewer, "is_active", False) and getattr(viewer, "is_staff", False):
        return EVERYTHING
    return PUBLIC_ONLY


def sees_everything(viewer):
    """Staff: the only viewers who see drafts, internal notes and the like."""
    return visibility_levels(viewer) == EVERYTHING


def can_see(viewer, record):
    """Whether ``viewer`` may see ``record`` (its own level only)."""
    return record.visibility in visibility_levels(viewer)


class VisibilityField(models.CharField):
    """The visibility level of a record. New records are internal:
    publishing is a deliberate act."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("choices", Visibility.choices)
        kwargs.setdefault("default", Visibility.INTERNAL)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("verbose_name", _("visibility"))
        kwargs.setdefault(
            "help_text",
            _("Public: everyone. Partners only: partner organisations holding a key. Internal: staff only."),
        )
        super().__init__(*args, **kwargs)


class EffectiveVisibilityField(models.CharField):
    """Who may see the record once its parents are counted: kept by the
    portal, never edited. Until it is worked out a record is internal.

    Large tables index it together with their lists' order (events: with
    their start and with their end). It has no index of its own: with only
    three values it selects little, and SQLite, which keeps no statistics
    unless asked, would then drive joins from it (a page's nations read
    nation by nation instead of from the page's events, 20 times slower)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("choices", Visibility.choices)
        kwargs.setdefault("default", Visibility.INTERNAL)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("verbose_name", _("visible to, with its parents"))
        super().__init__(*args, **kwargs)


def has_visibility(model):
    """Whether ``model`` has a visibility level of its own (children that
    follow their parent have none)."""
    return any(field.name == "visibility" for field in model._meta.concrete_fields)


def most_restrictive(levels):
    return min(levels, default=Visibility.PUBLIC)


def visibility_condition(model, levels, prefix=""):
    """The ``Q`` that keeps the rows of ``model`` (or, with ``prefix``, of a
    relation's model) visible at ``levels``: one indexed column."""
    column = f"{prefix}effective_visibility"
    levels = frozenset(levels)
    if levels >= EVERYTHING:
        return Q()
    if len(levels) == 1:
        # "=" rather than "IN (…)": SQLite then reads MIN/MAX and ranges of
        # a (visibility, …) index from its ends.
        return Q(**{column: next(iter(levels))})
    # Several levels but not all: the ones left out are excluded. A NOT
    # cannot drive an index, so a list is read from the index of its order
    # and stops after one page; "IN (…)" of two levels would read every
    # visible row from a (visibility, …) index and sort them all first.
    hidden = sorted(EVERYTHING - levels)
    return ~Q(**{f"{column}__in": hidden}) if len(hidden) > 1 else ~Q(**{column: hidden[0]})


class VisibleQuerySet(models.QuerySet):
    """Base queryset of every content model."""

    def visible_to(self, viewer):
        queryset = self.filter(visibility_condition(self.model, visibility_levels(viewer)))
        if not sees_everything(viewer):
            # Work in progress (a draft report, a lesson not yet learned)
            # is for staff only: the model's published_rule.
            queryset = queryset.filter(published_condition(self.model))
        return queryset

    def update(self, **kwargs):
        if not changes_visibility(self.model, kwargs):
            return super().update(**kwargs)
        with transaction.atomic(using=self.db, savepoint=False):
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            refresh_effective_visibility(self.model, self.model._base_manager.filter(pk__in=pks))
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = super().bulk_create(objs, *args, **kwargs)
        pks = [obj.pk for obj in objs if obj.pk is not None]
        if pks:
            refresh_effective_visibility(self.model, self.model._base_manager.filter(pk__in=pks), new_rows=True)
        return objs


class StaffOnlyQuerySet(VisibleQuerySet):
    """Records that are always internal (handover notes, the corporate
    memory): staff see them, nobody else ever does."""

    def visible_to(self, viewer):
        if not sees_everything(viewer):
            return self.none()
        return super().visible_to(viewer)


def visible_prefetch(lookup, model, viewer, to_attr=None, queryset=None):
    """A ``Prefetch`` of a related list that keeps visible records only, so a
    visible record never names a hidden one."""

    queryset = (queryset if queryset is not None else model.objects.all()).visible_to(viewer)
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr)


# Keeping effective_visibility right ----------------------------------------------


def parent_fields(model):
    """The foreign keys ``model`` hangs from (``visibility_parents``)."""
    return [model._meta.get_field(path) for path in getattr(model, "visibility_parents", ())]


def changes_visibility(model, values):
    """Whether writing ``values`` (field name → value) may change the
    effective level of ``model``'s rows."""
    names = {"visibility"} | {name for field in parent_fields(model) for name in (field.name, field.attname)}
    return bool(names & set(values))


def effective_level(record):
    """What ``record``'s effective level is, from its own level and its
    parents' stored effective levels (one query per parent)."""
    if getattr(type(record), "always_internal", False):
        return Visibility.INTERNAL
    levels = [record.visibility] if has_visibility(type(record)) else []
    for field in parent_fields(type(record)):
        parent_pk = getattr(record, field.attname)
        if parent_pk is None:
            continue
        level = (
            field.related_model._base_manager.filter(pk=parent_pk)
            .values_list("effective_visibility", flat=True)
            .first()
        )
        if level is not None:
            levels.append(level)
    return most_restrictive(levels)


def effective_expression(model, live_model=None):
    """The SQL expression of a row's effective level, from its own level
    and its parents' stored levels. ``live_model`` names the parents when
    ``model`` is a migration's historical model."""
    if getattr(live_model or model, "always_internal", False):
        return Value(Visibility.INTERNAL)
    parts = [F("visibility")] if has_visibility(model) else []
    for path in getattr(live_model or model, "visibility_parents", ()):
        field = model._meta.get_field(path)
        level = Subquery(
            field.related_model._base_manager.filter(pk=OuterRef(field.attname)).values("effective_visibility")[:1]
        )
        # A record with no parent on a path is not held back by it.
        parts.append(Coalesce(level, Value(Visibility.PUBLIC)) if field.null else level)
    if not parts:
        return Value(Visibility.PUBLIC)
    return parts[0] if len(parts) == 1 else Least(*parts)


def children_of(model):
    """``(child model, path)`` for each foreign key that hangs a content
    model from ``model``."""
    return [
        (child, field.name)
        for child in apps.get_models()
        for field in parent_fields(child)
        if field.related_model is model
    ]


def refresh_effective_visibility(model, queryset, *, new_rows=False, changed=None):
    """Work out the effective level of the rows of ``queryset`` (of
    ``model``) again, and then of everything that hangs from them: per
    child model and level of the tree, one query for the rows whose level
    changes (none: what hangs from them is right as well) and one
    ``UPDATE``; then one insert of their tombstones
    (``nmi_site.content.removals``), or, given ``changed``, they are added
    to it for the caller to note. ``new_rows`` (just inserted) are updated
    only: nothing hangs from them yet."""
    expression = effective_expression(model)
    if new_rows:
        models.QuerySet.update(queryset, effective_visibility=expression)
        return
    rule = published_rule(model)
    changes = list(
        queryset.annotate(new_level=ExpressionWrapper(expression, output_field=models.CharField()))
        .exclude(effective_visibility=F("new_level"))
        .values_list("pk", "effective_visibility", "new_level", *([rule[0]] if rule else []))
    )
    if not changes:
        return
    models.QuerySet.update(queryset, effective_visibility=expression)
    noted = [] if changed is None else changed
    # Work in progress is shown to staff only, before and after.
    noted.extend(
        (model, pk, before, after) for pk, before, after, *state in changes if rule is None or state[0] in rule[1]
    )
    for child, path in children_of(model):
        rows = child._base_manager.filter(**{f"{path}__in": queryset.values("pk")})
        refresh_effective_visibility(child, rows, changed=noted)
    if changed is None:
        record_levels(noted)


def refresh_all_effective_visibility(app_registry=None):
    """Work out every content record's effective level, parents first (after
    a restore, or in a migration with its historical ``app_registry``)."""
    live = [
        model
        for model in apps.get_models()
        if any(field.name == "effective_visibility" for field in model._meta.concrete_fields)
    ]
    done = set()
    ordered = []
    while len(ordered) < len(live):
        for model in live:
            if model in done:
                continue
            parents = {field.related_model for field in parent_fields(model)} - {model}
            if parents <= done:
                ordered.append(model)
                done.add(model)
    for model in ordered:
        target = app_registry.get_model(model._meta.label) if app_registry else model
        passes = 2 if any(field.related_model is model for field in parent_fields(model)) else 1
        for _pass in range(passes):
            # Twice for a model that hangs from itself (a division's
            # branches): the second pass sees its parents' new levels.
            models.QuerySet.update(
                target._base_manager.all(), effective_visibility=effective_expression(target, live_model=model)
            )
