from missions.api.serializers import (
    DivisionSummarySerializer,
    InstitutionSummarySerializer,
    NationSummarySerializer,
    PartnerSummarySerializer,
)
from nmi_site.api.views import NestedSummaries, ReadOnlyViewSet, shown_columns
from objectives.api.serializers import ObjectiveSummarySerializer
from outreach import models
from outreach.api import filters, serializers


class EventViewSet(ReadOnlyViewSet):
    queryset = models.Event.objects.all()
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    search_fields = ("title", "summary", "location")
    rows_for_lists = True
    ordering_fields = ("starts_at", "updated_at")
    nested_summaries = (
        NestedSummaries("nations", NationSummarySerializer, "visible_nations"),
        NestedSummaries("partner_organisations", PartnerSummarySerializer, "visible_partners"),
        NestedSummaries("institutions", InstitutionSummarySerializer, "visible_institutions"),
        NestedSummaries("objectives", ObjectiveSummarySerializer, "visible_objectives"),
    )

    def optimise(self, queryset):
        # Only the columns the answer shows: events carry long texts in two
        # languages, and a list reads a hundred of them.
        return queryset.select_related("organising_division").only(
            *shown_columns(serializers.EventSerializer),
            *shown_columns(DivisionSummarySerializer, "organising_division"),
        )
