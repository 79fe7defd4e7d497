"""Helpers for ``manage.py load_source_data``: create what is missing, never
change what exists, and never bring back what staff deleted.

The loader remembers every record it loads (``LoadedRecord``: the model and
the source data's key for the record). A remembered record that is missing
was deleted on purpose, so it stays deleted, and so do the records that
hang from it; ``restore=True`` (``--restore-deleted``) creates them again."""

import json

from django.db import models

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

    def __init__(self, *, restore=False):
        self.restore = restore
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
        obj = model.objects.create(**lookup, **published, **defaults)
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
        obj = model.objects.create(**fields)
        self.count(model)
        return obj


def split(record, *keys):
    """Take ``keys`` out of a data record, returning (taken, rest)."""
    taken = {key: record[key] for key in keys if key in record}
    rest = {key: value for key, value in record.items() if key not in keys}
    return taken, rest
