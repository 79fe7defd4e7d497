"""Filters of the public objectives dashboard. Every choice list is built
from what the viewer may see, so a filter never names a hidden record."""

import django_filters
from django.utils.translation import gettext_lazy as _

from missions.models import CapabilityArea, Division, Institution
from nmi_site.caching.generations import ChoicesKeptPerGeneration
from nmi_site.content.filtering import VisibleChoiceFilter, VisibleChoiceFilterSet, with_acronym
from nmi_site.content.widgets import FastSelect
from objectives.models import NO_REPORT, LongTermObjective, ObjectiveStatus, ReportStatus

PROGRESS_CHOICES = [*ReportStatus.choices, (NO_REPORT, _("No approved report yet"))]


class ObjectiveFilter(ChoicesKeptPerGeneration, VisibleChoiceFilterSet):
    division = VisibleChoiceFilter(
        model=Division,
        label_fields=("name", "acronym"),
        describe=with_acronym,
        label=_("Division"),
        field_name="owning_division",
        empty_label=_("All divisions"),
    )
    progress = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Progress"),
        choices=PROGRESS_CHOICES,
        empty_label=_("Any progress"),
        method="filter_progress",
        help_text=_("As the latest approved progress report says."),
    )
    # The objective's own lifecycle, not its progress: an active objective
    # may be on track or off track.
    status = django_filters.ChoiceFilter(
        widget=FastSelect,
        label=_("Lifecycle"),
        choices=ObjectiveStatus.choices,
        empty_label=_("Any lifecycle stage"),
        help_text=_("Planned, active, completed or suspended: the objective itself, not its progress."),
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
        fields = ("division", "progress", "status", "capability", "counterpart")

    def filter_progress(self, queryset, name, value):
        return queryset.with_progress(value)
