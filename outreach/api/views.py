from missions.models import Institution, Nation, PartnerOrganisation
from nmi_site.api.views import ReadOnlyViewSet
from nmi_site.visibility import visible_prefetch
from objectives.models import LongTermObjective
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
            visible_prefetch("nations", Nation, viewer, to_attr="visible_nations"),
            visible_prefetch("partner_organisations", PartnerOrganisation, viewer, to_attr="visible_partners"),
            visible_prefetch("institutions", Institution, viewer, to_attr="visible_institutions"),
            visible_prefetch("objectives", LongTermObjective, viewer, to_attr="visible_objectives"),
        )
