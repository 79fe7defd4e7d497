"""Two people editing one record: the second save is refused, never a
silent overwrite.

In the admin, every content form carries the record's version (its
``updated_at`` when the form was opened) in a hidden field. On save, the
version is compared with the record as it is now, read under a row lock:
if someone else saved in between, the form shows who and when, and nothing
is written. The API does the same with ETags and ``If-Match``
(``objectives/api/views.py``).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "edit_version"


def version_of(moment):
    return moment.isoformat() if moment is not None else ""


def last_change(instance):
    """``(who, when)`` of the record's latest recorded change, if known."""
    history = getattr(instance, "history", None)
    entry = history.select_related("history_user").first() if history is not None else None
    if entry is None:
        return None, None
    return (entry.history_user.get_username() if entry.history_user else None), entry.history_date


class VersionedModelForm(forms.ModelForm):
    """A model form that refuses to save over a newer version of its record.

    A form for a record that exists must send the edit version it was opened
    with: one sent without it (the hidden field emptied or left out) is a
    conflict, never a pass."""

    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    # The edit version to carry when the form shows another version of the
    # record than the stored one (a revert from the history).
    current_version = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.instance._state.adding and VERSION_FIELD in self.fields:
            self.fields[VERSION_FIELD].initial = version_of(self.current_version or self.instance.updated_at)

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        # A form for a record that does not exist yet has nothing to compare.
        if VERSION_FIELD not in self.fields or instance.pk is None or instance._state.adding:
            return cleaned_data
        sent = cleaned_data.get(VERSION_FIELD)
        current = (
            type(instance)
            ._base_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is not None and not sent:
            raise ValidationError(
                _(
                    "This form was sent without the version of the record it was opened with, so it cannot be "
                    "checked against later changes. Nothing has been saved. Open the record again, then make "
                    "your changes."
                ),
                code="stale",
            )
        if current is not None and version_of(current) != sent:
            who, when = last_change(instance)
            if who:
                message = _(
                    "%(who)s changed this record at %(when)s, after you opened it. Your changes have not been "
                    "saved. Open the record again to see the latest version, then make your changes."
                ) % {"who": who, "when": when.strftime("%Y-%m-%d %H:%M:%S UTC")}
            else:
                message = _(
                    "Someone changed this record after you opened it. Your changes have not been saved. Open "
                    "the record again to see the latest version, then make your changes."
                )
            raise ValidationError(message, code="stale")
        return cleaned_data


def with_version_field(fieldsets):
    """``fieldsets`` with the hidden version field added to the last one."""
    if not fieldsets:
        return fieldsets
    *rest, (name, options) = fieldsets
    fields = list(options.get("fields", ()))
    if VERSION_FIELD in fields:
        return fieldsets
    return [*rest, (name, {**options, "fields": [*fields, VERSION_FIELD]})]
