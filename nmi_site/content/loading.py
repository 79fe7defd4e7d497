"""Helpers for ``manage.py load_source_data``: create what is missing, never
change what exists, and never bring back what staff deleted.

The loader remembers every record it loads (``LoadedRecord``: the model and
the source data's key for the record). A remembered record that is missing
was deleted on purpose, so it stays deleted, and so do the records that
hang from it; ``restore=True`` (``--restore-deleted``) creates them again.

Arabic comes from the apps' ``source_data_ar`` texts (English → Arabic): a
record is created with both, and an Arabic field left empty is filled
while its English is still a loaded text; an Arabic text staff wrote, or an
English text they changed, is never touched."""

import json

from django.db import models
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from nmi_site.content.models import LoadedRecord
from nmi_site.content.visibility import Visibility, has_visibility


def source_key(lookup):
    """A stable text key for a lookup: related records by primary key."""
    return json.dumps(
        {name: value.pk if isinstance(value, models.Model) else str(value) for name, value in lookup.items()},
        sort_keys=True,
    )


class Loader:
    """Creates missing rows and counts what it created, per model, and what
    it left deleted."""

    def __init__(self, *, restore=False, arabic=None):
        self.restore = restore
        self.arabic = arabic or {}
        self.arabic_filled = 0
        self.created = {}
        self.left_deleted = 0
        self.remembered = set(LoadedRecord.objects.values_list("model", "key"))

    def count(self, model, number=1):
        label = str(model._meta.verbose_name_plural)
        self.created[label] = self.created.get(label, 0) + number

    def _remember(self, label, key):
        if (label, key) not in self.remembered:
            LoadedRecord.objects.get_or_create(model=label, key=key)
            self.remembered.add((label, key))

    def _deleted(self, label, key):
        """Whether the record was loaded once and has since been deleted
        (the caller found it missing), and stays so."""
        if (label, key) in self.remembered and not self.restore:
            self.left_deleted += 1
            return True
        return False

    def get_or_create(self, model, lookup, defaults, m2m=None):
        """The record ``lookup`` finds, created from ``defaults`` when it is
        missing; ``None`` when staff deleted it, or deleted a record it
        hangs from (``None`` in ``lookup``)."""
        if any(value is None for value in lookup.values()):
            return None
        label, key = model._meta.label, source_key(lookup)
        obj = model.objects.filter(**lookup).first()
        if obj is not None:
            self._remember(label, key)
            return obj
        if self._deleted(label, key):
            return None
        # The loader publishes what it loads.
        published = {"visibility": Visibility.PUBLIC} if has_visibility(model) else {}
        obj = model.objects.create(**self.with_arabic(model, {**lookup, **published, **defaults}))
        self.count(model)
        self._remember(label, key)
        # Links are set on creation only: links staff removed later stay removed.
        for field, related in (m2m or {}).items():
            getattr(obj, field).set([record for record in related if record is not None])
        return obj

    def first_time(self, what, owner):
        """Whether a group of example records (``what`` of ``owner``) is
        to be made: not if it was made before, even if staff deleted it
        since, unless restoring."""
        label, key = f"group:{what}", source_key({"owner": owner})
        if (label, key) in self.remembered and not self.restore:
            return False
        self._remember(label, key)
        return True

    def create(self, model, **fields):
        """Create a row known to be missing (part of a group made once)."""
        obj = model.objects.create(**self.with_arabic(model, fields))
        self.count(model)
        return obj

    # Arabic ------------------------------------------------------------------

    def with_arabic(self, model, fields):
        """``fields`` with the Arabic of each English text the source data
        translates (an Arabic value given already stays)."""
        fields = dict(fields)
        for name in translated_fields(model):
            english = fields.get(build_localized_fieldname(name, "en"))
            arabic = build_localized_fieldname(name, "ar")
            if english in self.arabic and not fields.get(arabic):
                fields[arabic] = self.arabic[english]
        return fields

    def fill_arabic(self):
        """Give every record of every translated model the Arabic of each
        field whose Arabic is empty and whose English is a loaded text:
        records loaded before their Arabic was written get it, and nothing
        anyone wrote is overwritten. Saved one by one, so each change is in
        the record's history."""
        if not self.arabic:
            return
        for model in translator.get_registered_models():
            if model._meta.proxy or model._meta.abstract:
                continue
            # The change shows to API clients syncing with updated_since.
            stamp = ["updated_at"] if any(field.name == "updated_at" for field in model._meta.concrete_fields) else []
            for name in translated_fields(model):
                english, arabic = build_localized_fieldname(name, "en"), build_localized_fieldname(name, "ar")
                empty = Q(**{arabic: ""}) | Q(**{f"{arabic}__isnull": True})
                for obj in model._base_manager.filter(empty, **{f"{english}__in": list(self.arabic)}):
                    setattr(obj, arabic, self.arabic[getattr(obj, english)])
                    obj._change_reason = "Arabic added by the loader"
                    obj.save(update_fields=[arabic, *stamp])
                    self.arabic_filled += 1


def translated_fields(model):
    """The names of ``model``'s translated fields (none if it has none)."""
    if model not in translator.get_registered_models():
        return ()
    return translator.get_options_for_model(model).get_field_names()


def split(record, *keys):
    """Take ``keys`` out of a data record, returning (taken, rest)."""
    taken = {key: record[key] for key in keys if key in record}
    rest = {key: value for key, value in record.items() if key not in keys}
    return taken, rest
