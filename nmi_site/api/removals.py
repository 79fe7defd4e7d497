"""``/api/v1/removed/``: the tombstones a mirror needs beside each list's
``updated_since`` — records deleted, or no longer visible to this client,
with their type, id and when; nothing of their content
(``nmi_site.content.removals``)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets
from rest_framework.filters import OrderingFilter

from nmi_site.api.filters import ApiFilterSet, FilterBackend
from nmi_site.api.views import ApiConventionsMixin
from nmi_site.content.removals import Removal, lost_by
from nmi_site.content.visibility import visibility_levels


class RemovalSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField(help_text=_("The list it was in, as in its address: 'events' …"))
    id = serializers.IntegerField(source="record_id", help_text=_("Its id in that list."))
    removed_at = serializers.DateTimeField(help_text=_("When it was deleted, or stopped being visible to this client."))

    class Meta:
        model = Removal
        fields = ("type", "id", "removed_at")

    def get_type(self, removal) -> str:
        return self.context["view"].types[removal.model]


class RemovalViewSet(ApiConventionsMixin, viewsets.GenericViewSet):
    """Records deleted, or no longer visible to this client, oldest first:
    read with each list's ``updated_since`` to keep a mirror right. A record
    shown again later is listed again by its list, and leaves this one."""

    serializer_class = RemovalSerializer
    filter_backends = (FilterBackend, OrderingFilter)
    ordering_fields = ("removed_at",)
    # Model label → the list's address, set by removal_viewset().
    types = {}

    def get_queryset(self):
        return (
            lost_by(visibility_levels(self.request.auth))
            .filter(model__in=list(self.types))
            .order_by("removed_at", "pk")
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        if self.exporting():
            return self.export(queryset)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def removal_viewset(registry):
    """The viewset for the lists of ``registry`` (the router's)."""
    types = {
        viewset.queryset.model._meta.label_lower: prefix
        for prefix, viewset, _basename in registry
        if getattr(viewset, "queryset", None) is not None
    }
    by_prefix = {prefix: label for label, prefix in types.items()}

    class RemovalFilter(ApiFilterSet):
        updated_since = django_filters.IsoDateTimeFilter(
            field_name="removed_at", lookup_expr="gte", label=_("Removed at or after (ISO 8601)")
        )
        type = django_filters.ChoiceFilter(
            choices=[(prefix, prefix) for prefix in sorted(by_prefix)],
            method="of_type",
            label=_("Only removals from this list"),
        )

        class Meta:
            model = Removal
            fields = ()

        def of_type(self, queryset, name, value):
            return queryset.filter(model=by_prefix[value])

    return type(
        "RemovalViewSet",
        (RemovalViewSet,),
        {"types": types, "filterset_class": RemovalFilter, "__doc__": RemovalViewSet.__doc__},
    )
