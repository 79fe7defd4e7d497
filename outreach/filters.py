"""Filters of the public event lists; choices come from visible records."""

import django_filters
from django.utils.translation import gettext_lazy as _

from missions.models import Division, Nation, PartnerOrganisation
from objectives.filters import visible
from objectives.models import LongTermObjective
from outreach.models import Event, EventKind


def visible_years(request):
    events = Event.objects.visible_to(request.user if request else None)
    return [(str(day.year), str(day.year)) for day in events.dates("starts_at", "year", order="DESC")]


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds"))
    # Its choices (the years with visible events) are set per request below.
    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="starts_at__year", choices=(), empty_label=_("Any year")
    )
    division = django_filters.ModelChoiceFilter(
        label=_("Division"),
        field_name="organising_division",
        to_field_name="slug",
        queryset=visible(Division),
        empty_label=_("All divisions"),
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner organisation"),
        field_name="partner_organisations",
        to_field_name="slug",
        queryset=visible(PartnerOrganisation),
        empty_label=_("All partners"),
    )
    nation = django_filters.ModelChoiceFilter(
        label=_("Nation"),
        field_name="nations",
        to_field_name="iso_code",
        queryset=visible(Nation),
        empty_label=_("All nations"),
    )
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"),
        field_name="objectives",
        to_field_name="slug",
        queryset=visible(LongTermObjective),
        empty_label=_("All objectives"),
    )

    class Meta:
        model = Event
        fields = ("kind", "year", "division", "partner", "nation", "objective")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["year"].extra["choices"] = visible_years(request)
