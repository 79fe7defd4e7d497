"""Helpers for ``manage.py load_source_data``: create what is missing, never
change what exists."""

from nmi_site.content.visibility import Visibility, has_visibility


class Loader:
    """Creates missing rows and counts what it created, per model."""

    def __init__(self):
        self.created = {}

    def count(self, model, number=1):
        label = str(model._meta.verbose_name_plural)
        self.created[label] = self.created.get(label, 0) + number

    def get_or_create(self, model, lookup, defaults, m2m=None):
        # The loader publishes what it loads.
        published = {"visibility": Visibility.PUBLIC} if has_visibility(model) else {}
        obj, created = model.objects.get_or_create(**lookup, defaults={**published, **defaults})
        if created:
            self.count(model)
            # Links are set on creation only: links staff removed later stay removed.
            for field, related in (m2m or {}).items():
                getattr(obj, field).set(related)
        return obj

    def create(self, model, **fields):
        """Create a row known to be missing (example data made once)."""
        obj = model.objects.create(**fields)
        self.count(model)
        return obj


def split(record, *keys):
    """Take ``keys`` out of a data record, returning (taken, rest)."""
    taken = {key: record[key] for key in keys if key in record}
    rest = {key: value for key, value in record.items() if key not in keys}
    return taken, rest
