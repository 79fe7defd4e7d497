"""
Who may see a record.

Every record with a page carries a ``visibility`` level. One queryset method,
``visible_to(viewer)``, decides what a viewer sees, and every page, listing,
count, feed, sitemap and API endpoint goes through it.

A *viewer* is whatever asks: a Django user (anonymous or staff), a partner
key, or ``None`` for the anonymous public.

Children follow their parents: a model names the foreign keys it hangs from
in ``visibility_parents``, and ``visible_to`` requires every ancestor on
those paths to be visible as well as the record itself.
"""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    INTERNAL = "internal", _("Internal")


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


def has_visibility(model):
    """Whether ``model`` has a visibility level of its own (children that
    follow their parent have none)."""
    return any(field.name == "visibility" for field in model._meta.concrete_fields)


def visibility_condition(model, levels, prefix=""):
    """Build the ``Q`` that keeps the rows of ``model`` visible at ``levels``,
    following ``model.visibility_parents`` up the tree."""
    condition = Q()
    if has_visibility(model):
        condition &= Q(**{f"{prefix}visibility__in": levels})
    for path in getattr(model, "visibility_parents", ()):
        field = model._meta.get_field(path)
        parent = field.related_model
        if parent is model:
            # A self-reference (a division's branch, say) is one level deep
            # by design, so the parent's own level is enough.
            parent_condition = Q(**{f"{prefix}{path}__visibility__in": levels})
        else:
            parent_condition = visibility_condition(parent, levels, prefix=f"{prefix}{path}__")
        if field.null:
            parent_condition |= Q(**{f"{prefix}{path}__isnull": True})
        condition &= parent_condition
    return condition


class VisibleQuerySet(models.QuerySet):
    """Base queryset of every content model."""

    def visible_to(self, viewer):
        return self.filter(visibility_condition(self.model, visibility_levels(viewer)))


def visible_prefetch(lookup, model, viewer, to_attr=None, queryset=None):
    """A ``Prefetch`` of a related list that keeps visible records only, so a
    visible record never names a hidden one."""

    queryset = (queryset if queryset is not None else model.objects.all()).visible_to(viewer)
    return Prefetch(lookup, queryset=queryset, to_attr=to_attr)
