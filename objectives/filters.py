"""Filters of the public objectives dashboard. Every choice list is built
from what the viewer may see, so a filter never names a hidden record."""

import django_filters
from django.utils.translation import gettext_lazy as _

from missions.models import CapabilityArea, Division, Institution
from nmi_site.caching.generations import ChoicesKeptPerGeneration
from nmi_site.content.filtering import VisibleChoiceFilter, VisibleChoiceFilterSet, with_acronym
from nmi_site.content.widgets import FastSelect
from objectives.models import LongTermObjective, ObjectiveStatus


class ObjectiveFilter(ChoicesKeptPerGeneration, VisibleChoiceFilterSet):
    division = VisibleChoiceFilter(
        model=Division,
        label_fields=("name", "acronym"),
        describe=with_acronym,
        label=_("Division"),
        field_name="owning_division",
        empty_label=_("All divisions"),
    )
    status = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Status"), choices=ObjectiveStatus.choices, empty_label=_("Any status")
    )
    capability = VisibleChoiceFilter(
        model=CapabilityArea,
        label=_("Capability area"),
        field_name="capability_areas",
        empty_label=_("All capability areas"),
    )
    counterpart = VisibleChoiceFilter(
        model=Institution,
        label_fields=("name", "acronym"),
        describe=with_acronym,
        label=_("Counterpart"),
        field_name="institutions",
        empty_label=_("All counterparts"),
    )

    class Meta:
        model = LongTermObjective
        fields = ("division", "status", "capability", "counterpart")
