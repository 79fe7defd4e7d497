import copy
import functools

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
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


class TranslatedCharField(serializers.CharField):
    """A translated text field, read as modeltranslation's descriptor reads
    it (the active language's column, English when that is empty) without
    the descriptor's per-access cost, which adds up over lists of hundreds
    of records. Writes go through the descriptor as before."""

    def get_attribute(self, instance):
        if len(self.source_attrs) != 1:
            return super().get_attribute(instance)
        return read_translated(instance, self.source, get_language())


def read_translated(instance, field, language):
    value = getattr(instance, build_localized_fieldname(field, language or settings.LANGUAGE_CODE))
    if value in (None, ""):
        value = getattr(instance, build_localized_fieldname(field, settings.LANGUAGE_CODE))
    if value in (None, ""):
        # Nothing in any language: the descriptor knows the field's default.
        value = getattr(instance, field)
    return value


# Serializer class -> the fields ModelSerializer.get_fields() built for it.
_built_fields = {}


@functools.cache
def translated_fields(model):
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


class ModelSerializer(serializers.ModelSerializer):
    """The API's model serializer: translated text fields are read with
    :class:`TranslatedCharField`, and the fields built from the model are
    built once per class, then copied for each serializer as DRF copies
    declared fields (building them inspects the model every time, a
    noticeable share of a short list's answer)."""

    def get_fields(self):
        built = _built_fields.get(type(self))
        if built is None:
            built = _built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_name in translated_fields(model_field.model) and issubclass(field_class, serializers.CharField):
            field_class = TranslatedCharField
        return field_class, kwargs


class SummarySerializer(ModelSerializer):
    """A related record's few identifying fields (id, name, slug …), nested
    in lists. Written straight from the record's attributes, without DRF's
    per-field machinery: a page of 100 events carries several hundred of
    them. Only for plain values (numbers and text); the schema still comes
    from ``Meta.fields``. A record read as a dict of those fields is
    answered as it is."""

    def to_representation(self, instance):
        if isinstance(instance, dict):
            # Already read as values, field by field (nmi_site.api.views.NestedSummaries).
            return instance
        language = get_language()
        translated = translated_fields(type(instance))
        return {
            name: read_translated(instance, name, language) if name in translated else getattr(instance, name)
            for name in self.Meta.fields
        }
