"""Filters shared by every API resource."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

slug_validator = RegexValidator(SLUG_PATTERN, _("Enter a valid slug: letters, numbers, hyphens or underscores."))


@extend_schema_field({"type": "string", "pattern": SLUG_PATTERN})
class VisibleRelatedFilter(django_filters.CharFilter):
    """Records linked to the related record with this slug (or code), among
    the related records the client may see: filtering by a hidden record
    matches nothing, as does a slug that names nothing, so a filter never
    reveals whether a hidden record exists or what it is linked to. A
    malformed value is a 400."""

    def __init__(self, *args, related_model, to_field="slug", **kwargs):
        kwargs.setdefault("validators", [slug_validator])
        super().__init__(*args, **kwargs)
        self.related_model = related_model
        self.to_field = to_field

    def filter(self, queryset, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        viewer = getattr(self.parent.request, "auth", None)
        related = self.related_model.objects.visible_to(viewer).filter(**{self.to_field: value}).values("pk")
        return queryset.filter(**{f"{self.field_name}__in": related}).distinct()


class StrictBooleanField(forms.NullBooleanField):
    """``true`` or ``false`` (also ``1``/``0``, ``True``/``False``); anything
    else is an error rather than quietly no filter."""

    # The usual select widget turns unknown values into "no value".
    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in (True, "true", "True", "1"):
            return True
        if value in (False, "false", "False", "0"):
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (django-filter's NumberFilter takes decimals). One out
    of a column's range matches nothing (Django answers such a lookup
    without SQL): filter a relation by its ``__id`` for the same."""

    field_class = forms.IntegerField


# Filters whose value has a type: given empty, they are refused rather than
# silently ignored, so a client's mistake does not return everything.
TYPED_FILTERS = (
    VisibleRelatedFilter,
    django_filters.DateFilter,
    django_filters.DateTimeFilter,
    django_filters.IsoDateTimeFilter,
    django_filters.NumberFilter,
    django_filters.BooleanFilter,
    django_filters.ChoiceFilter,
)


class ApiFilterSet(django_filters.FilterSet):
    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": StrictBooleanFilter},
    }

    def is_valid(self):
        valid = super().is_valid()
        for name, filter_ in self.filters.items():
            # Empty, or only spaces (which the form strips away).
            raw = self.data.get(name, None)
            if isinstance(filter_, TYPED_FILTERS) and raw is not None and not str(raw).strip():
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid


class UpdatedSinceFilterSet(ApiFilterSet):
    """For clients that sync: records changed at or after a moment (ISO 8601)."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed at or after (ISO 8601)")
    )


def updated_since_filterset(model):
    """A FilterSet with ``updated_since`` alone, for resources with no other filter."""
    meta = type("Meta", (), {"model": model, "fields": ()})
    return type(f"{model.__name__}Filter", (UpdatedSinceFilterSet,), {"Meta": meta})


class SearchFilter(filters.SearchFilter):
    """DRF's search, with NUL characters (which no text contains and
    PostgreSQL refuses) dropped from the terms instead of refused: any
    string is a valid search."""

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "").replace("\x00", "")
        return filters.search_smart_split(value)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which builds and validates the filter set's
    form on every request. A request that names none of its parameters
    (the usual list request) skips that: an empty filter set filters
    nothing."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            key.startswith(name) for key in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)
