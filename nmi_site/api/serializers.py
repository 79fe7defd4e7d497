from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictFieldsMixin:
    """A write serializer that refuses fields it does not accept: an unknown
    field, or one the client may not set (visibility, workflow state, author),
    is a 400 naming it rather than silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError({name: [_("This field cannot be set.")] for name in unknown})
        return super().to_internal_value(data)


class SummarySerializer(serializers.ModelSerializer):
    """A related record's few identifying fields (id, name, slug …), nested
    in lists. Written straight from the record's attributes, without DRF's
    per-field machinery: a page of 100 events carries several hundred of
    them. Only for plain values (numbers and text); the schema still comes
    from ``Meta.fields``."""

    def to_representation(self, instance):
        return {name: getattr(instance, name) for name in self.Meta.fields}
