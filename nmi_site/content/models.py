"""Base models of every content record: change times, visibility and the
example-data flag."""

from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

from nmi_site.content.removals import Removal, record_levels, shown_level, stored_level
from nmi_site.content.visibility import (
    EffectiveVisibilityField,
    StaffOnlyQuerySet,
    VisibilityField,
    VisibleQuerySet,
    changes_visibility,
    children_of,
    effective_level,
    refresh_effective_visibility,
)

__all__ = ["ContentModel", "ExampleFlagModel", "InternalModel", "LoadedRecord", "PublishedModel", "Removal"]

# Columns the portal (or the database) works out itself: not part of a
# record's change history.
DERIVED_FIELDS = ("effective_visibility", "search_document", "latest_report")


def derived_fields(model):
    """The DERIVED_FIELDS ``model`` has (history's ``excluded_fields``)."""
    names = {field.name for field in model._meta.get_fields()}
    return [name for name in DERIVED_FIELDS if name in names]


class ContentModel(models.Model):
    """A record the portal publishes: it knows when it last changed and goes
    through ``visible_to``. Subclasses that stand on their own add
    :class:`PublishedModel`; children name their parents in
    ``visibility_parents``."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    # Its own level combined with its parents' (nmi_site.content.visibility).
    effective_visibility = EffectiveVisibilityField()

    visibility_parents = ()
    # The path to the division the record belongs to ("pk" for a division
    # itself), or None: see nmi_site.access.rules. Links named in
    # ``cross_division_links`` may point at other divisions' shared records.
    division_path = None
    cross_division_links = ()

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        shown_before = self.level_as_stored()
        if update_fields is not None and not changes_visibility(type(self), dict.fromkeys(update_fields)):
            super().save(*args, update_fields=update_fields, **kwargs)
            self._note_level(shown_before)
            return None
        children = children_of(type(self))
        before = None
        if children and self.pk is not None:
            before = type(self)._base_manager.filter(pk=self.pk).values_list("effective_visibility", flat=True).first()
        if update_fields is not None:
            update_fields = {*update_fields, "effective_visibility"}
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self)), savepoint=False):
            self.effective_visibility = effective_level(self)
            super().save(*args, update_fields=update_fields, **kwargs)
            changed = []
            if before is not None and before != self.effective_visibility:
                # What hangs from it follows, one update per child model and level.
                for child, path in children:
                    rows = child._base_manager.filter(**{path: self.pk})
                    refresh_effective_visibility(child, rows, changed=changed)
            self._note_level(shown_before, changed)
        return None

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        # The level it is shown at as stored, for its tombstones (removals).
        record._shown_level = shown_level(record)
        return record

    def level_as_stored(self):
        """The level the stored record is shown at (None for a new one):
        as it was read or last saved, or else asked of the database."""
        if self._state.adding or self.pk is None:
            return None
        level = self.__dict__.get("_shown_level")
        return level if level is not None else stored_level(type(self), self.pk)

    def _note_level(self, before, changed=()):
        """Note its own change of level, with its children's ``changed``."""
        after = shown_level(self)
        record_levels([(type(self), self.pk, before, after), *changed])
        self._shown_level = after


class InternalModel(ContentModel):
    """A record that is always internal, whatever it is linked to (the
    corporate memory): staff see it, nobody else ever does. It follows no
    parent's visibility, so a parent's change never has to reach it."""

    always_internal = True

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        abstract = True


class PublishedModel(ContentModel):
    """A content model with its own visibility level."""

    visibility = VisibilityField()

    class Meta:
        abstract = True


class ExampleFlagModel(models.Model):
    """Records the loader invents for demonstration (the source report gives
    no progress figures or event dates) are flagged, and labelled "example"
    wherever they are shown."""

    is_example = models.BooleanField(
        _("example data"),
        default=False,
        help_text=_("Invented for demonstration, not a fact; labelled 'example' on the site."),
    )

    class Meta:
        abstract = True


class LoadedRecord(models.Model):
    """A record ``load_source_data`` created (or found, when it was loaded
    before the loader kept this list), named by its model and the source
    data's key for it. A remembered record that is gone was deleted by
    staff: the loader leaves it deleted unless asked to restore it."""

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=500)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="content_loadedrecord_unique")]

    def __str__(self):
        return f"{self.model} {self.key}"


def note_deletion(sender, instance, **kwargs):
    """After a content record is deleted: its tombstone."""
    if isinstance(instance, ContentModel):
        record_levels([(sender, instance.pk, getattr(instance, "_level_before_delete", None), None)])


def remember_level_before_delete(sender, instance, **kwargs):
    if isinstance(instance, ContentModel):
        instance._level_before_delete = instance.level_as_stored()
