"""Filters of the public objectives dashboard. Every choice list is built
from what the viewer may see, so a filter never names a hidden record."""

import django_filters
from django.utils.translation import gettext_lazy as _

from missions.models import CapabilityArea, Division, Institution
from nmi_site.widgets import FastSelect
from objectives.models import LongTermObjective, ObjectiveStatus


def visible(model):
    def queryset(request):
        return model.objects.visible_to(request.user if request else None)

    return queryset


class ObjectiveFilter(django_filters.FilterSet):
    division = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Division"),
        field_name="owning_division",
        to_field_name="slug",
        queryset=visible(Division),
        empty_label=_("All divisions"),
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Status"), choices=ObjectiveStatus.choices, empty_label=_("Any status")
    )
    capability = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Capability area"),
        field_name="capability_areas",
        to_field_name="slug",
        queryset=visible(CapabilityArea),
        empty_label=_("All capability areas"),
    )
    counterpart = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Counterpart"),
        field_name="institutions",
        to_field_name="slug",
        queryset=visible(Institution),
        empty_label=_("All counterparts"),
    )

    class Meta:
        model = LongTermObjective
        fields = ("division", "status", "capability", "counterpart")
