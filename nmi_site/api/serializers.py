import copy
import functools
import operator
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from rest_framework import ISO_8601, serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from nmi_site.content.links import absolute_url
from nmi_site.content.removals import published_rule
from nmi_site.content.visibility import Visibility


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


def datetime_writer(field):
    """DRF's ISO 8601 representation of an aware datetime in the field's
    time zone, without its per-value look-ups; None when the field is set
    up in a way this does not cover."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    if output_format is None or output_format.lower() != ISO_8601:
        return None
    zone = field.timezone if hasattr(field, "timezone") else field.default_timezone()
    if zone is None:
        return None

    def write(value):
        if isinstance(value, str) or not timezone.is_aware(value):
            return field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return write


def attribute_reader(field):
    """Read ``field``'s single-attribute source as DRF's
    ``Field.get_attribute`` would, in one ``getattr``; whatever is not a
    plain value (a method to call, a missing attribute, a dict) goes
    through DRF itself."""
    source = field.source

    def read(instance):
        try:
            value = getattr(instance, source)
        except Exception:
            return field.get_attribute(instance)
        return field.get_attribute(instance) if callable(value) else value

    return read


def translated_reader(field, language):
    """Read a translated column as :func:`read_translated` does, for one
    language worked out beforehand."""
    source = field.source
    localised = build_localized_fieldname(source, language or settings.LANGUAGE_CODE)
    english = build_localized_fieldname(source, settings.LANGUAGE_CODE)

    def read(instance):
        value = getattr(instance, localised)
        if value in (None, ""):
            value = getattr(instance, english)
        if value in (None, ""):
            value = getattr(instance, source)
        return value

    return read


def field_reader(serializer, field, language):
    """How to answer ``field`` of ``serializer`` without DRF's per-value
    machinery: a (read, write) pair, or None for DRF's own path (dotted
    sources, ``source="*"``, fields that read in their own way)."""
    if len(field.source_attrs) != 1:
        return None
    try:
        column = serializer.Meta.model._meta.get_field(field.source)
    except FieldDoesNotExist:
        column = None
    if type(field) is TranslatedCharField:
        return translated_reader(field, language), field.to_representation
    if type(field) is serializers.PrimaryKeyRelatedField and field.pk_field is None:
        if column is not None and column.many_to_one:
            return operator.attrgetter(column.attname), lambda value: value
        return None
    if type(field).get_attribute is not serializers.Field.get_attribute:
        return None
    if type(field) is serializers.DateTimeField:
        write = datetime_writer(field)
        return (attribute_reader(field), write) if write is not None else None
    return attribute_reader(field), field.to_representation


def row_reader(serializer, field, language, *, annotations=(), attached=()):
    """How to answer ``field`` of ``serializer`` from a ``values()`` row:
    (columns to select, read(row) -> value, write(value) -> representation),
    or None when the field can only be read from a model instance. A
    serializer is read from rows only when every field can be."""
    model = serializer.Meta.model
    if isinstance(field, LinkField):
        return field.columns, field.link, lambda value: value
    if len(field.source_attrs) != 1:
        return None
    source = model._meta.pk.name if field.source == "pk" else field.source
    if source in attached:
        # Set on the row by NestedSummaries.attach: a list of dicts.
        return (), operator.itemgetter(source), lambda value: value
    if source in annotations and type(field).get_attribute is serializers.Field.get_attribute:
        return (source,), operator.itemgetter(source), writer(field)
    try:
        column = model._meta.get_field(source)
    except FieldDoesNotExist:
        return None
    if not getattr(column, "concrete", False):
        return None
    if type(field) is TranslatedCharField:
        localised = build_localized_fieldname(source, language or settings.LANGUAGE_CODE)
        english = build_localized_fieldname(source, settings.LANGUAGE_CODE)

        # With no text in either language, modeltranslation's descriptor
        # answers the field's default.
        default = column.get_default()

        def read_translated_row(row):
            value = row[localised]
            if value in (None, ""):
                value = row[english]
            return default if value in (None, "") else value

        return tuple(dict.fromkeys((localised, english))), read_translated_row, field.to_representation
    if column.many_to_one and isinstance(field, SummarySerializer):
        return field.row_reader(source, column.attname, language)
    if column.many_to_one and type(field) is serializers.PrimaryKeyRelatedField and field.pk_field is None:
        return (column.attname,), operator.itemgetter(column.attname), lambda value: value
    if column.is_relation or type(field).get_attribute is not serializers.Field.get_attribute:
        return None
    return (column.attname,), operator.itemgetter(column.attname), writer(field)


def writer(field):
    if type(field) is serializers.DateTimeField:
        return datetime_writer(field) or field.to_representation
    return field.to_representation


class ModelSerializer(serializers.ModelSerializer):
    """The API's model serializer: translated text fields are read with
    :class:`TranslatedCharField`, and the fields built from the model are
    built once per class, then copied for each serializer as DRF copies
    declared fields (building them inspects the model every time, a
    noticeable share of a short list's answer).

    A record's representation is DRF's, field by field, except that the
    model's own columns are read and written by a plan worked out once per
    serializer (:func:`field_reader`): a list of a hundred records has two
    thousand of them, and DRF's generic path for each is what a partner's
    list spent most of its time on."""

    def get_fields(self):
        built = _built_fields.get(type(self))
        if built is None:
            built = _built_fields[type(self)] = super().get_fields()
        return copy.deepcopy(built)

    @cached_property
    def _representation_plan(self):
        language = get_language()
        return [(field, field_reader(self, field, language)) for field in self._readable_fields]

    def to_representation(self, instance):
        representation = {}
        for field, reader in self._representation_plan:
            if reader is not None:
                read, write = reader
                value = read(instance)
                representation[field.field_name] = None if value is None else write(value)
                continue
            # DRF's own path (rest_framework.serializers.Serializer.to_representation).
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            representation[field.field_name] = None if check_for_none is None else field.to_representation(attribute)
        return representation

    def row_plan(self, *, annotations=(), attached=()):
        """How to answer every field from a ``values()`` row (see
        :func:`row_reader`): a list of (name, columns, read, write), or None
        when some field needs a model instance. ``annotations`` are the
        queryset's annotation names; ``attached`` the names that
        NestedSummaries set on each row."""
        language = get_language()
        plan = []
        for field in self._readable_fields:
            reader = row_reader(self, field, language, annotations=annotations, attached=attached)
            if reader is None:
                return None
            plan.append((field.field_name, *reader))
        return plan

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

    def row_reader(self, source, attname, language):
        """Read this summary of a foreign key (``source``) from a row of its
        owner: the related columns, prefixed; None when the key is empty."""
        translated = translated_fields(self.Meta.model)
        columns, fields = [attname], []
        for name in self.Meta.fields:
            if name in translated:
                keys = tuple(
                    dict.fromkeys(
                        f"{source}__{build_localized_fieldname(name, code)}"
                        for code in (language or settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)
                    )
                )
            else:
                keys = (f"{source}__{name}",)
            columns.extend(keys)
            fields.append((name, keys))

        def read(row):
            if row[attname] is None:
                return None
            summary = {}
            for name, keys in fields:
                value = row[keys[0]]
                if len(keys) > 1 and value in (None, ""):
                    value = row[keys[1]] or ""
                summary[name] = value
            return summary

        return tuple(dict.fromkeys(columns)), read, lambda value: value


# Links ----------------------------------------------------------------------

# Digits only, so that every path converter (int, slug, str) takes it.
MARKER = "987654321"


@functools.cache
def _link_parts(name, url_kwargs, language):
    """The address of the URL ``name`` cut where each of ``url_kwargs``
    goes (reversed once per language rather than once per record): text,
    then the index of an argument, then text, and so on."""
    path = reverse(name, kwargs={key: f"{MARKER}{index}{MARKER}" for index, key in enumerate(url_kwargs)})
    return tuple(int(piece) if position % 2 else piece for position, piece in enumerate(path.split(MARKER)))


def _read_column(instance, column):
    for attribute in column.split("__"):
        instance = getattr(instance, attribute)
        if instance is None:
            return None
    return instance


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """An absolute link to the record, from the configured site address,
    built from a few of its columns: a list read as ``values()`` rows
    answers it as a record does. ``url_kwargs`` maps the URL's arguments
    to the columns they come from."""

    def __init__(self, url_name, *, url_kwargs=(), extra_columns=(), **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)
        self.url_name = url_name
        self.url_kwargs = tuple(url_kwargs)
        self.columns = tuple(dict.fromkeys([column for _key, column in self.url_kwargs] + list(extra_columns)))

    def to_representation(self, instance):
        return self.link({column: _read_column(instance, column) for column in self.columns})

    def exists(self, values):
        return True

    def path(self, values):
        parts = _link_parts(self.url_name, tuple(key for key, _column in self.url_kwargs), get_language())
        return "".join(
            part if position % 2 == 0 else str(values[self.url_kwargs[part][1]]) for position, part in enumerate(parts)
        )

    def link(self, values):
        """The link, or None when the record has none."""
        return absolute_url(self.path(values)) if self.exists(values) else None


class ApiLinkField(LinkField):
    """The record's own address in this API."""

    def __init__(self, basename, **kwargs):
        kwargs.setdefault("help_text", _("The record's own address in this API."))
        super().__init__(f"api:{basename}-detail", url_kwargs=[("pk", "pk")], **kwargs)


class PageLinkField(LinkField):
    """The record's page on the public site, in the answer's language, or
    null when it has none: the record is not public (a partner's or staff
    record has no page anyone outside can open), or ``model``'s
    publication rule keeps it off the site (a draft plan, a lesson not yet
    learned: ``published_rule``, as ``visible_to`` reads it). ``anchor``
    names the record on a page that lists several ("lesson-{number}")."""

    def __init__(self, url_name, *, anchor=None, model=None, extra_columns=(), **kwargs):
        kwargs.setdefault("help_text", _("The record's page on the public site; null when it has none."))
        kwargs.setdefault("allow_null", True)
        self.anchor = anchor
        self.rule = published_rule(model) if model is not None else None
        anchored = re.findall(r"{(\w+)}", anchor) if anchor else []
        ruled = [self.rule[0]] if self.rule else []
        super().__init__(url_name, extra_columns=[*extra_columns, *anchored, *ruled, "effective_visibility"], **kwargs)

    def exists(self, values):
        if values["effective_visibility"] != Visibility.PUBLIC:
            return False
        return self.rule is None or values[self.rule[0]] in self.rule[1]

    def path(self, values):
        path = super().path(values)
        return f"{path}#{self.anchor.format(**values)}" if self.anchor else path
