import functools

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from missions.models import CapabilityArea, Division, Institution, Lesson, Nation
from nmi_site.content.views import VisibleQuerysetMixin
from nmi_site.content.visibility import visibility_levels, visible_prefetch
from objectives.charts import progress_chart
from objectives.filters import ObjectiveFilter
from objectives.models import (
    Indicator,
    KeyAchievement,
    LongTermObjective,
    Measurement,
    PlannedActivity,
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
)


def with_latest_progress(queryset):
    """Annotate each objective with its latest current approved report:
    percent, status, period end and whether it is example data. One query,
    whatever the number of reports."""
    return queryset.annotate(**_latest_progress_columns())


@functools.cache
def _latest_progress_columns():
    # Built once: the subqueries hold no per-request value, and Django
    # copies an expression before it resolves it in a query.
    latest = ProgressReport.objects.current().filter(objective=OuterRef("pk")).order_by("-period_end", "-pk")
    return {
        "latest_percent": Subquery(latest.values("percent_complete")[:1]),
        "latest_status": Subquery(latest.values("status")[:1]),
        "latest_period_end": Subquery(latest.values("period_end")[:1]),
        "latest_is_example": Subquery(latest.values("is_example")[:1]),
    }


class ObjectiveDashboardView(TemplateView):
    template_name = "objectives/dashboard.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        objectives = with_latest_progress(
            LongTermObjective.objects.visible_to(viewer).select_related("owning_division")
        ).order_by("owning_division__order", "owning_division__name", "number", "title")
        filterset = ObjectiveFilter(self.request.GET or None, queryset=objectives, request=self.request)
        # An invalid filter value shows its message and no results, never an error page.
        if not filterset.is_bound:
            results = list(objectives)
        elif filterset.is_valid():
            results = list(filterset.qs)
        else:
            results = []
        return super().get_context_data(
            filter=filterset,
            objectives=results,
            filtered=bool(self.request.GET),
            has_examples=any(o.is_example or o.latest_is_example for o in results),
            **kwargs,
        )


class ObjectiveDetailView(VisibleQuerysetMixin, DetailView):
    model = LongTermObjective
    template_name = "objectives/detail.html"
    context_object_name = "objective"

    def get_queryset(self):
        viewer = self.viewer
        current_measurements = (
            Measurement.objects.filter(report__state=ReportState.APPROVED, report__is_superseded=False)
            .select_related("report")
            .order_by("-report__period_end")
        )
        return (
            super()
            .get_queryset()
            .select_related("owning_division", "mission")
            .prefetch_related(
                "lines_of_effort",
                Prefetch(
                    "indicators",
                    queryset=Indicator.objects.select_related("line_of_effort").prefetch_related(
                        Prefetch("measurements", queryset=current_measurements, to_attr="current_measurements")
                    ),
                ),
                visible_prefetch("supporting_divisions", Division, viewer, to_attr="visible_supporting_divisions"),
                visible_prefetch("institutions", Institution, viewer, to_attr="visible_institutions"),
                visible_prefetch("capability_areas", CapabilityArea, viewer, to_attr="visible_capability_areas"),
                visible_prefetch("lessons", Lesson, viewer, to_attr="visible_lessons"),
                visible_prefetch("achievements", KeyAchievement, viewer, to_attr="visible_achievements"),
                Prefetch(
                    "reports",
                    queryset=ProgressReport.objects.current().order_by("period_end", "pk"),
                    to_attr="approved_reports",
                ),
                Prefetch(
                    "plans",
                    queryset=PlanOnAPage.objects.visible_to(viewer).order_by("-version"),
                    to_attr="visible_plans",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        objective = self.object
        reports = objective.approved_reports
        for indicator in objective.indicators.all():
            indicator.latest_measurement = indicator.current_measurements[0] if indicator.current_measurements else None
        current_plan = next((plan for plan in objective.visible_plans if plan.state == PlanState.AGREED), None)
        return super().get_context_data(
            reports=reports,
            latest_report=reports[-1] if reports else None,
            chart=progress_chart(reports),
            current_plan=current_plan,
            has_examples=objective.is_example
            or any(report.is_example for report in reports)
            or any(plan.is_example for plan in objective.visible_plans)
            or any(achievement.is_example for achievement in objective.visible_achievements),
            **kwargs,
        )


class PlanView(TemplateView):
    """A plan-on-a-page, printable on one A4 sheet, with its version history.
    Without a version: the objective's current agreed plan."""

    template_name = "objectives/plan.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        objective = get_object_or_404(
            LongTermObjective.objects.visible_to(viewer).select_related("owning_division"), slug=self.kwargs["slug"]
        )
        plans = list(
            PlanOnAPage.objects.visible_to(viewer)
            .filter(objective=objective)
            .select_related("institution")
            .prefetch_related(
                Prefetch(
                    "activities",
                    queryset=PlannedActivity.objects.select_related("lead_division", "lead_nation").order_by("order"),
                )
            )
            .order_by("-version")
        )
        version = self.kwargs.get("version")
        if version is None:
            plan = next((plan for plan in plans if plan.state == PlanState.AGREED), None)
        else:
            plan = next((plan for plan in plans if plan.version == version), None)
        if plan is None:
            raise Http404("No such plan.")
        # A lead, or a counterpart, that the viewer may not see is not named.
        divisions = visible_ids(Division, viewer)
        nations = visible_ids(Nation, viewer)
        for activity in plan.activities.all():
            activity.visible_lead_division = activity.lead_division if activity.lead_division_id in divisions else None
            activity.visible_lead_nation = activity.lead_nation if activity.lead_nation_id in nations else None
        institution = (
            plan.institution if plan.institution and plan.institution.visibility in visibility_levels(viewer) else None
        )
        return super().get_context_data(objective=objective, plan=plan, plans=plans, agreed_with=institution, **kwargs)


def visible_ids(model, viewer):
    return set(model.objects.visible_to(viewer).values_list("pk", flat=True))
