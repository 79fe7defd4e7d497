from django.db.models import Prefetch

from missions.models import CapabilityArea, Division, Institution, Nation
from nmi_site.api.views import ReadOnlyViewSet
from nmi_site.visibility import visible_prefetch
from objectives import models
from objectives.api import filters, serializers
from objectives.views import with_latest_progress


class ObjectiveViewSet(ReadOnlyViewSet):
    queryset = models.LongTermObjective.objects.all()
    serializer_class = serializers.ObjectiveSerializer
    detail_serializer_class = serializers.ObjectiveDetailSerializer
    filterset_class = filters.ObjectiveFilter
    search_fields = ("title", "statement")
    ordering_fields = ("number", "title", "updated_at")

    def optimise(self, queryset):
        viewer = self.viewer
        queryset = with_latest_progress(queryset.select_related("owning_division")).prefetch_related(
            visible_prefetch("supporting_divisions", Division, viewer, to_attr="visible_supporting_divisions"),
            visible_prefetch("institutions", Institution, viewer, to_attr="visible_institutions"),
            visible_prefetch("capability_areas", CapabilityArea, viewer, to_attr="visible_capability_areas"),
        )
        if self.action == "retrieve":
            current_measurements = (
                models.Measurement.objects.filter(
                    report__state=models.ReportState.APPROVED, report__is_superseded=False
                )
                .select_related("report")
                .order_by("-report__period_end")
            )
            queryset = queryset.prefetch_related(
                "lines_of_effort",
                Prefetch(
                    "indicators",
                    queryset=models.Indicator.objects.prefetch_related(
                        Prefetch("measurements", queryset=current_measurements, to_attr="current_measurements")
                    ),
                ),
                Prefetch(
                    "reports",
                    queryset=models.ProgressReport.objects.current().order_by("period_end", "pk"),
                    to_attr="approved_reports",
                ),
                Prefetch("plans", queryset=models.PlanOnAPage.objects.visible_to(viewer), to_attr="visible_plans"),
            )
        return queryset


class ReportViewSet(ReadOnlyViewSet):
    """Progress reports. Clients other than staff see approved reports only."""

    queryset = models.ProgressReport.objects.all()
    serializer_class = serializers.ReportSerializer
    detail_serializer_class = serializers.ReportDetailSerializer
    filterset_class = filters.ReportFilter
    search_fields = ("narrative", "objective__title")
    ordering_fields = ("period_end", "percent_complete", "updated_at")

    def optimise(self, queryset):
        queryset = queryset.select_related("objective")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("measurements", queryset=models.Measurement.objects.select_related("indicator"))
            )
        return queryset


class AchievementViewSet(ReadOnlyViewSet):
    queryset = models.KeyAchievement.objects.all()
    serializer_class = serializers.AchievementSerializer
    filterset_class = filters.AchievementFilter
    search_fields = ("title", "summary")
    ordering_fields = ("achieved_from", "achieved_by", "updated_at")

    def optimise(self, queryset):
        return queryset.select_related("division", "objective")


class PlanViewSet(ReadOnlyViewSet):
    """Plans-on-a-page. Clients other than staff see agreed and superseded
    versions, not drafts."""

    queryset = models.PlanOnAPage.objects.all()
    serializer_class = serializers.PlanSerializer
    detail_serializer_class = serializers.PlanDetailSerializer
    filterset_class = filters.PlanFilter
    search_fields = ("change_summary", "objective__title")
    ordering_fields = ("version", "agreed_on", "updated_at")

    def optimise(self, queryset):
        viewer = self.viewer
        queryset = queryset.select_related("objective").prefetch_related(
            Prefetch("institution", queryset=Institution.objects.visible_to(viewer))
        )
        if self.action == "retrieve":
            activities = models.PlannedActivity.objects.order_by("order").prefetch_related(
                Prefetch(
                    "lead_division", queryset=Division.objects.visible_to(viewer), to_attr="visible_lead_division"
                ),
                Prefetch("lead_nation", queryset=Nation.objects.visible_to(viewer), to_attr="visible_lead_nation"),
            )
            queryset = queryset.prefetch_related(Prefetch("activities", queryset=activities))
        return queryset
