from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from missions.api.serializers import (
    CapabilityAreaSummarySerializer,
    DivisionSummarySerializer,
    InstitutionSummarySerializer,
)
from nmi_site.api.serializers import (
    ApiLinkField,
    ModelSerializer,
    PageLinkField,
    StrictFieldsMixin,
    SummarySerializer,
)
from objectives import models
from objectives.selectors import current_plan

COMMON = ("id", "updated_at")


class ObjectiveSummarySerializer(SummarySerializer):
    class Meta:
        model = models.LongTermObjective
        fields = ("id", "number", "title", "slug")


class LatestProgressSerializer(serializers.Serializer):
    percent_complete = serializers.IntegerField()
    status = serializers.ChoiceField(choices=models.ReportStatus.choices)
    period_end = serializers.DateField()
    is_example = serializers.BooleanField()


class ObjectiveSerializer(ModelSerializer):
    url = PageLinkField("objectives:detail", url_kwargs=[("slug", "slug")])
    api_url = ApiLinkField("objective")
    owning_division = DivisionSummarySerializer(read_only=True)
    supporting_divisions = DivisionSummarySerializer(source="visible_supporting_divisions", many=True, read_only=True)
    institutions = InstitutionSummarySerializer(source="visible_institutions", many=True, read_only=True)
    capability_areas = CapabilityAreaSummarySerializer(source="visible_capability_areas", many=True, read_only=True)
    latest_progress = serializers.SerializerMethodField()

    class Meta:
        model = models.LongTermObjective
        fields = (
            *COMMON,
            "url",
            "api_url",
            "visibility",
            "mission",
            "number",
            "slug",
            "title",
            "statement",
            "status",
            "start_date",
            "target_date",
            "owning_division",
            "supporting_divisions",
            "institutions",
            "capability_areas",
            "latest_progress",
            "is_example",
        )

    def get_latest_progress(self, objective) -> LatestProgressSerializer(allow_null=True):
        if objective.latest_percent is None:
            return None
        return {
            "percent_complete": objective.latest_percent,
            "status": objective.latest_status,
            "period_end": objective.latest_period_end,
            "is_example": objective.latest_is_example,
        }


class LineOfEffortSerializer(ModelSerializer):
    class Meta:
        model = models.LineOfEffort
        fields = ("id", "order", "title", "description")


class IndicatorSerializer(ModelSerializer):
    latest_actual_value = serializers.SerializerMethodField()
    latest_actual_period_end = serializers.SerializerMethodField()

    class Meta:
        model = models.Indicator
        fields = (
            "id",
            "order",
            "name",
            "line_of_effort",
            "measure",
            "unit",
            "ascending",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "latest_actual_value",
            "latest_actual_period_end",
            "is_example",
        )

    def _latest(self, indicator):
        return indicator.latest_measurement

    def get_latest_actual_value(self, indicator) -> serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True
    ):
        latest = self._latest(indicator)
        return None if latest is None else f"{latest.actual_value:.2f}"

    def get_latest_actual_period_end(self, indicator) -> serializers.DateField(allow_null=True):
        latest = self._latest(indicator)
        return None if latest is None else latest.report.period_end


class ProgressPointSerializer(ModelSerializer):
    class Meta:
        model = models.ProgressReport
        fields = ("id", "period_start", "period_end", "percent_complete", "status", "is_example")


class PlanSummarySerializer(ModelSerializer):
    class Meta:
        model = models.PlanOnAPage
        fields = ("id", "version", "state", "agreed_on", "valid_from", "valid_to")


class ObjectiveDetailSerializer(ObjectiveSerializer):
    lines_of_effort = LineOfEffortSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    progress_history = ProgressPointSerializer(source="approved_reports", many=True, read_only=True)
    current_plan = serializers.SerializerMethodField()

    class Meta(ObjectiveSerializer.Meta):
        fields = (*ObjectiveSerializer.Meta.fields, "lines_of_effort", "indicators", "progress_history", "current_plan")

    def get_current_plan(self, objective) -> PlanSummarySerializer(allow_null=True):
        plan = current_plan(plans=objective.visible_plans)
        return None if plan is None else PlanSummarySerializer(plan).data


class MeasurementSerializer(ModelSerializer):
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = models.Measurement
        fields = ("id", "indicator", "indicator_name", "actual_value", "note")


class MeasurementPointSerializer(ModelSerializer):
    """One point of an indicator's series: its value in an approved report."""

    api_url = ApiLinkField("measurement")
    objective = serializers.SlugRelatedField(source="indicator.objective", slug_field="slug", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    unit = serializers.CharField(source="indicator.unit", read_only=True)
    period_start = serializers.DateField(source="report.period_start", read_only=True)
    period_end = serializers.DateField(source="report.period_end", read_only=True)
    is_example = serializers.BooleanField(source="report.is_example", read_only=True)

    class Meta:
        model = models.Measurement
        fields = (
            "id",
            "api_url",
            "updated_at",
            "objective",
            "indicator",
            "indicator_name",
            "unit",
            "period_start",
            "period_end",
            "actual_value",
            "report",
            "is_example",
        )


class ReportSerializer(ModelSerializer):
    api_url = ApiLinkField("report")
    objective = ObjectiveSummarySerializer(read_only=True)

    class Meta:
        model = models.ProgressReport
        fields = (
            *COMMON,
            "api_url",
            "objective",
            "period_start",
            "period_end",
            "percent_complete",
            "status",
            "narrative",
            "achievements",
            "obstacles",
            "next_steps",
            "state",
            "supersedes",
            "is_superseded",
            "is_example",
        )


class ReportDetailSerializer(ReportSerializer):
    measurements = MeasurementSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = (*ReportSerializer.Meta.fields, "measurements")


class AchievementSerializer(ModelSerializer):
    api_url = ApiLinkField("achievement")
    division = DivisionSummarySerializer(read_only=True)
    objective = ObjectiveSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = models.KeyAchievement
        fields = (
            *COMMON,
            "api_url",
            "visibility",
            "division",
            "objective",
            "achieved_from",
            "achieved_by",
            "date_precision",
            "title",
            "summary",
            "is_example",
        )


class ActivitySerializer(ModelSerializer):
    lead_division = DivisionSummarySerializer(source="visible_lead_division", read_only=True, allow_null=True)
    lead_nation = serializers.SerializerMethodField()

    class Meta:
        model = models.PlannedActivity
        fields = ("id", "order", "title", "target", "lead_division", "lead_nation", "status", "outcome")

    def get_lead_nation(self, activity) -> serializers.CharField(allow_null=True):
        return activity.visible_lead_nation.name if activity.visible_lead_nation else None


class PlanSerializer(ModelSerializer):
    url = PageLinkField(
        "objectives:plan_version",
        url_kwargs=[("slug", "objective__slug"), ("version", "version")],
        model=models.PlanOnAPage,
    )
    api_url = ApiLinkField("plan")
    objective = ObjectiveSummarySerializer(read_only=True)
    agreed_with = InstitutionSummarySerializer(source="institution", read_only=True, allow_null=True)

    class Meta:
        model = models.PlanOnAPage
        fields = (
            *COMMON,
            "url",
            "api_url",
            "objective",
            "agreed_with",
            "version",
            "state",
            "agreed_on",
            "valid_from",
            "valid_to",
            "change_summary",
            "is_example",
        )


class PlanDetailSerializer(PlanSerializer):
    activities = ActivitySerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = (*PlanSerializer.Meta.fields, "activities")


class ReportWriteSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    """Drafting and changing a report (staff personal tokens). The workflow
    state, author and review fields are set by the workflow only."""

    objective = serializers.PrimaryKeyRelatedField(queryset=models.LongTermObjective.objects.all())
    supersedes = serializers.PrimaryKeyRelatedField(
        queryset=models.ProgressReport.objects.current(), required=False, allow_null=True
    )

    class Meta:
        model = models.ProgressReport
        fields = (
            "objective",
            "period_start",
            "period_end",
            "percent_complete",
            "status",
            "narrative",
            "achievements",
            "obstacles",
            "next_steps",
            "supersedes",
        )
        # The model's constraints are checked by the service (full_clean),
        # with field-level messages; no unique-together check is generated
        # here for the partial unique constraint.
        validators = []

    def validate(self, attrs):
        if self.instance is not None:
            # Fixed once the report is drafted.
            for name in ("objective", "supersedes"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: [_("A report's objective, and the report it corrects, are fixed once it is drafted.")]}
                    )
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if self.instance is not None:
            start = start or self.instance.period_start
            end = end or self.instance.period_end
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": [_("The period cannot end before it starts.")]})
        return attrs


class TransitionSerializer(StrictFieldsMixin, serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReturnSerializer(TransitionSerializer):
    note = serializers.CharField(
        max_length=5000, help_text="Why the report goes back: its author reads this and acts on it."
    )
