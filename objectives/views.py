from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.views.generic import DetailView, TemplateView

from missions.models import CapabilityArea, Division, Institution, Lesson, Nation
from nmi_site.content.filtering import export_links, form_parameters
from nmi_site.content.views import VisibleQuerysetMixin
from nmi_site.content.visibility import visibility_levels, visible_prefetch
from objectives.charts import progress_chart
from objectives.filters import ObjectiveFilter
from objectives.models import (
    Indicator,
    KeyAchievement,
    LongTermObjective,
    PlannedActivity,
    PlanOnAPage,
    ProgressReport,
)
from objectives.selectors import current_plan, indicators_prefetch, plan_changes

# How many related events an objective's or a division's page lists.
RELATED_EVENTS = 10


# What the dashboard shows of each objective and its division (rows are
# written by objectives_tags.objective_row): not the long statements.
DASHBOARD_COLUMNS = (
    "number",
    "slug",
    "title",
    "status",
    "visibility",
    "is_example",
    "owning_division__name",
    "owning_division__slug",
    "owning_division__order",
)


class ObjectiveDashboardView(TemplateView):
    template_name = "objectives/dashboard.html"
    query_params = form_parameters(filterset_class=ObjectiveFilter)

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        objectives = (
            LongTermObjective.objects.visible_to(viewer)
            .select_related("owning_division")
            .only(*DASHBOARD_COLUMNS)
            .with_latest_progress()
        ).order_by("owning_division__order", "owning_division__name", "number", "title")
        filterset = ObjectiveFilter(self.request.GET or None, queryset=objectives, request=self.request)
        # An invalid filter value shows its message and no results, never an error page.
        if not filterset.is_bound:
            results = list(objectives)
        elif filterset.is_valid():
            results = list(filterset.qs)
        else:
            results = []
        visible = LongTermObjective.objects.visible_to(viewer)
        return super().get_context_data(
            filter=filterset,
            objectives=results,
            # Where the mission stands, whatever the filters.
            progress_counts=visible.progress_counts(),
            divisions=Division.objects.visible_to(viewer).only("pk", "name", "slug", "order"),
            downloads=export_links(reverse("api:objective-list"), filterset, renamed={"capability": "capability_area"}),
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
        return (
            super()
            .get_queryset()
            .select_related("owning_division", "mission")
            .prefetch_related(
                "lines_of_effort",
                indicators_prefetch(queryset=Indicator.objects.select_related("line_of_effort")),
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
        return super().get_context_data(
            reports=reports,
            latest_report=reports[-1] if reports else None,
            chart=progress_chart(reports, right_to_left=get_language_bidi()),
            downloads=export_links(reverse("api:measurement-list"), extra={"objective": objective.slug}),
            current_plan=current_plan(plans=objective.visible_plans),
            # The events it served (Event.objectives), newest first.
            events=list(
                objective.events.visible_to(self.viewer)
                .select_related("organising_division")
                .order_by("-starts_at", "-pk")[:RELATED_EVENTS]
            ),
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
            plan = current_plan(plans=plans)
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
        earlier = [version for version in plans if version.version < plan.version]
        changes = plan_changes(previous=earlier[0] if earlier else None, plan=plan)
        return super().get_context_data(
            objective=objective, plan=plan, plans=plans, agreed_with=institution, changes=changes, **kwargs
        )


def visible_ids(model, viewer):
    return set(model.objects.visible_to(viewer).values_list("pk", flat=True))
