from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from missions.api.serializers import (
    CapabilityAreaSummarySerializer,
    DivisionSummarySerializer,
    InstitutionSummarySerializer,
)
from missions.models import Division, Institution, Nation
from nmi_site.access import rules
from nmi_site.api.views import NestedSummaries, ReadOnlyViewSet, RepresentationETagMixin, shown_columns
from nmi_site.content.visibility import sees_everything
from objectives import models, services
from objectives.api import filters, serializers
from objectives.selectors import indicators_prefetch


class ObjectiveViewSet(ReadOnlyViewSet):
    queryset = models.LongTermObjective.objects.all()
    serializer_class = serializers.ObjectiveSerializer
    detail_serializer_class = serializers.ObjectiveDetailSerializer
    filterset_class = filters.ObjectiveFilter
    search_fields = ("title", "statement")
    ordering_fields = ("number", "title", "updated_at")

    nested_summaries = (
        NestedSummaries("supporting_divisions", DivisionSummarySerializer, "visible_supporting_divisions"),
        NestedSummaries("institutions", InstitutionSummarySerializer, "visible_institutions"),
        NestedSummaries("capability_areas", CapabilityAreaSummarySerializer, "visible_capability_areas"),
    )

    def optimise(self, queryset):
        viewer = self.viewer
        queryset = (
            queryset.select_related("owning_division")
            .only(
                *shown_columns(self.get_serializer_class()),
                *shown_columns(DivisionSummarySerializer, "owning_division"),
            )
            .with_latest_progress()
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "lines_of_effort",
                indicators_prefetch(),
                Prefetch(
                    "reports",
                    queryset=models.ProgressReport.objects.current().order_by("period_end", "pk"),
                    to_attr="approved_reports",
                ),
                Prefetch("plans", queryset=models.PlanOnAPage.objects.visible_to(viewer), to_attr="visible_plans"),
            )
        return queryset


class ReportViewSet(RepresentationETagMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, ReadOnlyViewSet):
    """Progress reports. Clients other than staff see approved reports only.

    Staff personal tokens (scope ``api:write``) draft and change reports and
    move them through the workflow, through the same services as the admin:
    only editors of the owning division write, only reviewers approve or
    return, nobody approves their own report.

    A change (PATCH) must send ``If-Match`` with the report's ETag as last
    read; a transition may. A stale ETag gets 412 and changes nothing."""

    conditional_actions = ("submit", "approve", "return_report")

    http_method_names = ("get", "post", "patch", "head", "options")

    queryset = models.ProgressReport.objects.all()
    serializer_class = serializers.ReportSerializer
    detail_serializer_class = serializers.ReportDetailSerializer
    filterset_class = filters.ReportFilter
    search_fields = ("narrative", "objective__title")
    ordering_fields = ("period_end", "percent_complete", "updated_at")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return serializers.ReportWriteSerializer
        if self.action == "return_report":
            return serializers.ReturnSerializer
        if self.action in ("submit", "approve"):
            return serializers.TransitionSerializer
        return super().get_serializer_class()

    def perform_create(self, serializer):
        report = models.ProgressReport(**serializer.validated_data)
        serializer.instance = services.report_save(user=self.request.user, report=report)

    def perform_update(self, serializer):
        report = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(report, name, value)
        serializer.instance = services.report_save(user=self.request.user, report=report)

    def representation(self, report):
        report = self.optimise(models.ProgressReport.objects.all()).get(pk=report.pk)
        return serializers.ReportDetailSerializer(report, context=self.get_serializer_context()).data

    def lock(self, report):
        models.ProgressReport.objects.select_for_update().filter(pk=report.pk).exists()

    def _detail(self, report, code=status.HTTP_200_OK):
        return self.with_etag(Response(self.representation(report), status=code))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return self._detail(serializer.instance, status.HTTP_201_CREATED)

    def get_queryset(self):
        # Staff see approved reports, and the unpublished work the rules let
        # them read (as in the admin: Editors their own divisions').
        queryset = super().get_queryset()
        if sees_everything(self.viewer):
            # An empty condition means every report.
            condition = rules.unpublished_work_condition(self.request.user, queryset.model)
            if condition:
                queryset = queryset.filter(Q(state=models.ReportState.APPROVED) | condition)
        return queryset

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        report = self.get_object()
        # Rights on the report as stored, before anything of the change counts.
        if not rules.can_write_report(request.user, report):
            raise PermissionDenied(_("Only editors of the owning division write its reports."))
        self.check_if_match(request, report, required=True)
        serializer = self.get_serializer(report, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._detail(serializer.instance)

    @transaction.atomic
    def _transition(self, request, step, **kwargs):
        report = self.get_object()
        self.check_if_match(request, report, required=False)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        if "note" in kwargs:
            kwargs["note"] = body.validated_data.get("note", "")
        return self._detail(step(user=request.user, report=report, **kwargs))

    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a draft or returned report for review."""
        return self._transition(request, services.report_submit)

    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.ReportDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted report (reviewers; never one's own)."""
        return self._transition(request, services.report_approve, note="")

    @extend_schema(request=serializers.ReturnSerializer, responses=serializers.ReportDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_report(self, request, pk=None):
        """Return a submitted report to its author with a note saying why (reviewers)."""
        return self._transition(request, services.report_return, note="")

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


class MeasurementSeriesViewSet(ReadOnlyViewSet):
    """Indicators' measured values over time: one item per indicator and
    approved report (corrected reports give their correction's values),
    by objective, indicator and period. ``?objective=<slug>&format=csv``
    is an objective's whole series as a spreadsheet."""

    queryset = models.Measurement.objects.all()
    serializer_class = serializers.MeasurementPointSerializer
    filterset_class = filters.MeasurementSeriesFilter
    search_fields = ()
    ordering_fields = ("updated_at",)

    def get_queryset(self):
        return (
            models.Measurement.objects.visible_to(self.viewer)
            .filter(report__state=models.ReportState.APPROVED, report__is_superseded=False)
            .select_related("indicator__objective", "report")
            .order_by(
                "indicator__objective__number",
                "indicator__objective_id",
                "indicator__order",
                "indicator_id",
                "report__period_end",
            )
        )
