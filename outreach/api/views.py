from missions.api.serializers import InstitutionSummarySerializer, NationSummarySerializer, PartnerSummarySerializer
from nmi_site.api.views import ReadOnlyViewSet, summary_prefetch
from objectives.api.serializers import ObjectiveSummarySerializer
from outreach import models
from outreach.api import filters, serializers


class EventViewSet(ReadOnlyViewSet):
    queryset = models.Event.objects.all()
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    search_fields = ("title", "summary", "location")
    ordering_fields = ("starts_at", "updated_at")

    def optimise(self, queryset):
        viewer = self.viewer
        return queryset.select_related("organising_division").prefetch_related(
            summary_prefetch("nations", NationSummarySerializer, viewer, to_attr="visible_nations"),
            summary_prefetch("partner_organisations", PartnerSummarySerializer, viewer, to_attr="visible_partners"),
            summary_prefetch("institutions", InstitutionSummarySerializer, viewer, to_attr="visible_institutions"),
            summary_prefetch("objectives", ObjectiveSummarySerializer, viewer, to_attr="visible_objectives"),
        )
