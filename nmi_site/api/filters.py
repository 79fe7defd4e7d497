"""Filters shared by every API resource."""

import django_filters
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

slug_validator = RegexValidator(r"^[-a-zA-Z0-9_]+$", _("Enter a valid slug: letters, numbers, hyphens or underscores."))


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


class UpdatedSinceFilterSet(django_filters.FilterSet):
    """For clients that sync: records changed at or after a moment (ISO 8601)."""

    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at", lookup_expr="gte", label=_("Changed at or after (ISO 8601)")
    )


def updated_since_filterset(model):
    """A FilterSet with ``updated_since`` alone, for resources with no other filter."""
    meta = type("Meta", (), {"model": model, "fields": ()})
    return type(f"{model.__name__}Filter", (UpdatedSinceFilterSet,), {"Meta": meta})
