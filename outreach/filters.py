"""Filters of the public event lists; choices come from visible records."""

import django_filters
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from missions.models import Division, Nation, PartnerOrganisation
from nmi_site.caching.generations import ChoicesKeptPerGeneration
from nmi_site.content.filtering import VisibleChoiceFilter, VisibleChoiceFilterSet, with_acronym
from nmi_site.content.widgets import FastSelect
from objectives.models import LongTermObjective
from outreach.models import Event, EventKind


def visible_years(request):
    """The years from the first visible event to the last, newest first. One
    query of two scalar subqueries, each read from the end of the
    (visibility, start) index: listing the distinct years of every event
    would convert each row's time to Baghdad time, which is slow at tens of
    thousands, and a single MIN/MAX scans the index between the two ends."""
    events = Event.objects.visible_to(request.user if request else None).order_by()
    span = (
        Event._base_manager.order_by()
        .annotate(
            first=Subquery(events.order_by("starts_at").values("starts_at")[:1]),
            last=Subquery(events.order_by("-starts_at").values("starts_at")[:1]),
        )
        .values("first", "last")[:1]
    )
    span = next(iter(span), {"first": None})
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
    return [(str(year), str(year)) for year in range(last, first - 1, -1)]


def objective_label(number, title):
    return f"LTO {number}: {title}" if number else title


class EventFilter(ChoicesKeptPerGeneration, VisibleChoiceFilterSet):
    kind = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds")
    )
    # Its choices (the years with visible events) are set per request below.
    year = django_filters.ChoiceFilter(
        widget=FastSelect, label=_("Year"), field_name="starts_at__year", choices=(), empty_label=_("Any year")
    )
    division = VisibleChoiceFilter(
        model=Division,
        label_fields=("name", "acronym"),
        describe=with_acronym,
        label=_("Division"),
        field_name="organising_division",
        empty_label=_("All divisions"),
    )
    partner = VisibleChoiceFilter(
        model=PartnerOrganisation,
        label_fields=("name", "acronym"),
        describe=with_acronym,
        label=_("Partner organisation"),
        field_name="partner_organisations",
        empty_label=_("All partners"),
    )
    nation = VisibleChoiceFilter(
        model=Nation,
        to_field_name="iso_code",
        label=_("Nation"),
        field_name="nations",
        empty_label=_("All nations"),
    )
    objective = VisibleChoiceFilter(
        model=LongTermObjective,
        label_fields=("number", "title"),
        describe=objective_label,
        label=_("Objective"),
        field_name="objectives",
        empty_label=_("All objectives"),
    )

    class Meta:
        model = Event
        fields = ("kind", "year", "division", "partner", "nation", "objective")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.filters["year"].extra["choices"] = visible_years(request)
