import django_filters

from missions.models import CapabilityArea, Division, Institution
from nmi_site.api.filters import IntegerFilter, UpdatedSinceFilterSet, VisibleRelatedFilter
from objectives import models


class ObjectiveFilter(UpdatedSinceFilterSet):
    division = VisibleRelatedFilter(field_name="owning_division", related_model=Division)
    capability_area = VisibleRelatedFilter(field_name="capability_areas", related_model=CapabilityArea)
    counterpart = VisibleRelatedFilter(field_name="institutions", related_model=Institution)
    number = IntegerFilter(field_name="number")
    progress = django_filters.ChoiceFilter(
        choices=[*models.ReportStatus.choices, (models.NO_REPORT, "No approved report yet")],
        method="filter_progress",
        label="The progress status of the latest approved report ('none': no report yet)",
    )

    class Meta:
        model = models.LongTermObjective
        fields = ("status", "is_example")

    def filter_progress(self, queryset, name, value):
        return queryset.with_progress(value)


class ReportFilter(UpdatedSinceFilterSet):
    objective = VisibleRelatedFilter(field_name="objective", related_model=models.LongTermObjective)
    division = VisibleRelatedFilter(field_name="objective__owning_division", related_model=Division)
    period_end_after = django_filters.DateFilter(field_name="period_end", lookup_expr="gte")
    period_end_before = django_filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = models.ProgressReport
        fields = ("status", "state", "is_superseded", "is_example")


class AchievementFilter(UpdatedSinceFilterSet):
    division = VisibleRelatedFilter(field_name="division", related_model=Division)
    objective = VisibleRelatedFilter(field_name="objective", related_model=models.LongTermObjective)

    class Meta:
        model = models.KeyAchievement
        fields = ("is_example",)


class PlanFilter(UpdatedSinceFilterSet):
    objective = VisibleRelatedFilter(field_name="objective", related_model=models.LongTermObjective)
    division = VisibleRelatedFilter(field_name="objective__owning_division", related_model=Division)

    class Meta:
        model = models.PlanOnAPage
        fields = ("state", "is_example")


class MeasurementSeriesFilter(UpdatedSinceFilterSet):
    objective = VisibleRelatedFilter(field_name="indicator__objective", related_model=models.LongTermObjective)
    division = VisibleRelatedFilter(field_name="indicator__objective__owning_division", related_model=Division)
    # By the indicator's own id, so a number out of range matches nothing.
    indicator = IntegerFilter(field_name="indicator__id")

    class Meta:
        model = models.Measurement
        fields = ()
