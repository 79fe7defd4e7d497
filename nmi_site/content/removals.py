"""Tombstones: which records were deleted, or stopped being visible to an
audience, and when, so that a mirror of the API can drop them.

A :class:`Removal` says that a record (its model and id, nothing of its
content) was shown at level ``before`` and, from ``removed_at``, is
shown at ``after`` (null: deleted). A *shown* level is the record's
effective visibility, or internal while its state keeps it from the
public (a lesson before it is learned, a report before it is approved, a
plan before it is agreed: the model's ``published_rule``).

An audience that sees the levels ``L`` (``visibility_levels``) lost the
record when ``before`` is in ``L`` and ``after`` is not: anonymous
clients a public record made partners-only, partners a partners' record
made internal, staff a deleted one. When a record is shown more widely
again, the tombstones of the audiences that see it again go (their next
sync lists the record itself).

Levels compare as their names do ("internal" < "partners" < "public",
as ``nmi_site.content.visibility.MOST_RESTRICTIVE_FIRST`` asserts):
a smaller level is shown to fewer.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INTERNAL = "internal"


class Removal(models.Model):
    model = models.CharField(_("model"), max_length=100)
    record_id = models.PositiveBigIntegerField(_("record id"))
    before = models.CharField(_("shown to, before"), max_length=10)
    after = models.CharField(_("shown to, after"), max_length=10, null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now)

    class Meta:
        verbose_name = _("removal")
        verbose_name_plural = _("removals")
        indexes = [
            models.Index(fields=["removed_at", "id"], name="content_removal_removed_at"),
            models.Index(fields=["model", "record_id"], name="content_removal_record"),
        ]

    def __str__(self):
        return f"{self.model} {self.record_id} ({self.before} → {self.after or 'deleted'})"


def label(model):
    return model._meta.concrete_model._meta.label_lower


def published_rule(model):
    """``(field, values)``: the record is published only while ``field``
    holds one of ``values``; None for a model without such a state."""
    return getattr(model, "published_rule", None)


def published_condition(model):
    """The ``Q`` of :func:`published_rule` (empty for a model without one)."""
    rule = published_rule(model)
    if rule is None:
        return Q()
    field, values = rule
    return Q(**{f"{field}__in": sorted(values)})


def shown_level(record):
    """The level ``record`` is shown at, from the columns it holds; None
    when one of them was not loaded."""
    stored = record.__dict__
    level = stored.get("effective_visibility")
    if level is None:
        return None
    rule = published_rule(type(record))
    if rule is not None:
        field, values = rule
        attname = type(record)._meta.get_field(field).attname
        if attname not in stored:
            return None
        if stored[attname] not in values:
            return INTERNAL
    return level


def stored_level(model, pk):
    """The level the stored row of ``model`` is shown at (one query)."""
    rule = published_rule(model)
    columns = ["effective_visibility", *([rule[0]] if rule else [])]
    row = model._base_manager.filter(pk=pk).values(*columns).first()
    if row is None:
        return None
    if rule is not None and row[rule[0]] not in rule[1]:
        return INTERNAL
    return row["effective_visibility"]


def record_levels(changes):
    """Note each ``(model, pk, before, after)`` (``after`` None: deleted):
    a tombstone where a record is shown to fewer than before (one insert
    for them all), and for one shown more widely again, the end of the
    tombstones of those who see it again."""
    changes = [
        (label(model), pk, before, after)
        for model, pk, before, after in changes
        if before is not None and before != after
    ]
    if not changes:
        return
    now = timezone.now()
    narrower = [
        Removal(model=name, record_id=pk, before=before, after=after, removed_at=now)
        for name, pk, before, after in changes
        if after is None or after < before
    ]
    if narrower:
        Removal.objects.bulk_create(narrower, batch_size=500)
    wider = {}
    for name, pk, before, after in changes:
        if after is not None and after > before:
            wider.setdefault((name, after), []).append(pk)
    for (name, level), pks in wider.items():
        rows = Removal.objects.filter(model=name, record_id__in=pks)
        # Everyone who saw it before sees it again …
        rows.filter(before__lte=level).delete()
        # … or some do: the rest lost it from a narrower level.
        rows.filter(after__lt=level).update(after=level)


def lost_by(levels):
    """The removals an audience that sees ``levels`` is told of."""
    levels = sorted(levels)
    return Removal.objects.filter(before__in=levels).exclude(after__in=levels)
