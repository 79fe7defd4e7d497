from django.db.models import Prefetch

from missions import models
from missions.api import filters, serializers
from nmi_site.api.filters import updated_since_filterset as updated_since
from nmi_site.api.views import NestedSummaries, ReadOnlyViewSet
from nmi_site.content.visibility import visible_prefetch


class MissionViewSet(ReadOnlyViewSet):
    queryset = models.Mission.objects.all()
    serializer_class = serializers.MissionSerializer
    filterset_class = updated_since(models.Mission)
    search_fields = ("name", "short_name")
    ordering_fields = ("name", "updated_at")


class DivisionViewSet(ReadOnlyViewSet):
    queryset = models.Division.objects.all()
    serializer_class = serializers.DivisionSerializer
    detail_serializer_class = serializers.DivisionDetailSerializer
    filterset_class = filters.DivisionFilter
    search_fields = ("name", "acronym", "purpose")
    ordering_fields = ("order", "name", "updated_at")

    def optimise(self, queryset):
        queryset = queryset.select_related("parent")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                visible_prefetch("branches", models.Division, self.viewer, to_attr="visible_branches"),
                visible_prefetch("programmes", models.Programme, self.viewer, to_attr="visible_programmes"),
            )
        return queryset


class NationViewSet(ReadOnlyViewSet):
    queryset = models.Nation.objects.all()
    serializer_class = serializers.NationSerializer
    filterset_class = filters.NationFilter
    search_fields = ("name", "iso_code")
    ordering_fields = ("name", "iso_code", "updated_at")


class ContributionViewSet(ReadOnlyViewSet):
    queryset = models.Contribution.objects.all()
    serializer_class = serializers.ContributionSerializer
    filterset_class = filters.ContributionFilter
    search_fields = ("nation__name", "role")
    ordering_fields = ("since", "updated_at")

    def optimise(self, queryset):
        return queryset.select_related("nation")


class InstitutionViewSet(ReadOnlyViewSet):
    queryset = models.Institution.objects.all()
    serializer_class = serializers.InstitutionSerializer
    filterset_class = filters.InstitutionFilter
    search_fields = ("name", "acronym", "summary")
    ordering_fields = ("name", "updated_at")

    def optimise(self, queryset):
        # A parent the client may not see is not named.
        return queryset.prefetch_related(
            Prefetch("parent", queryset=models.Institution.objects.visible_to(self.viewer))
        )


class PartnerOrganisationViewSet(ReadOnlyViewSet):
    queryset = models.PartnerOrganisation.objects.all()
    serializer_class = serializers.PartnerOrganisationSerializer
    filterset_class = filters.PartnerOrganisationFilter
    search_fields = ("name", "acronym", "summary")
    ordering_fields = ("name", "updated_at")


class CapabilityAreaViewSet(ReadOnlyViewSet):
    queryset = models.CapabilityArea.objects.all()
    serializer_class = serializers.CapabilityAreaSerializer
    filterset_class = updated_since(models.CapabilityArea)
    search_fields = ("name", "summary")
    ordering_fields = ("order", "name", "updated_at")


class MilestoneViewSet(ReadOnlyViewSet):
    queryset = models.Milestone.objects.all()
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilter
    search_fields = ("title", "summary")
    ordering_fields = ("date", "updated_at")


class ProgrammeViewSet(ReadOnlyViewSet):
    queryset = models.Programme.objects.all()
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filters.ProgrammeFilter
    search_fields = ("name", "acronym", "summary")
    ordering_fields = ("name", "updated_at")

    nested_summaries = (
        NestedSummaries("partner_organisations", serializers.PartnerSummarySerializer, "visible_partners"),
        NestedSummaries("nations", serializers.NationSummarySerializer, "visible_nations"),
        NestedSummaries("institutions", serializers.InstitutionSummarySerializer, "visible_institutions"),
    )

    def optimise(self, queryset):
        return queryset.select_related("division")


class LessonViewSet(ReadOnlyViewSet):
    queryset = models.Lesson.objects.all()
    serializer_class = serializers.LessonSerializer
    filterset_class = updated_since(models.Lesson)
    search_fields = ("title", "summary")
    ordering_fields = ("number", "updated_at")


class TrustFundContributionViewSet(ReadOnlyViewSet):
    queryset = models.TrustFundContribution.objects.all()
    serializer_class = serializers.TrustFundContributionSerializer
    filterset_class = updated_since(models.TrustFundContribution)
    ordering_fields = ("year", "updated_at")
