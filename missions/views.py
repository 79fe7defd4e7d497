from django.db.models import Prefetch
from django.views.generic import DetailView, ListView, TemplateView

from missions.models import (
    CapabilityArea,
    Contribution,
    Division,
    Institution,
    Lesson,
    Milestone,
    Mission,
    Nation,
    PartnerOrganisation,
    Programme,
    TrustFundContribution,
)
from nmi_site.content.views import VisibleQuerysetMixin
from nmi_site.content.visibility import visible_prefetch


def visible_mission(viewer):
    """The mission the portal presents (the first visible one)."""
    return Mission.objects.visible_to(viewer).first()


def programmes_prefetch(viewer, lookup="programmes", to_attr="visible_programmes"):
    """A division's visible programmes, each with its visible participants."""
    programmes = Programme.objects.visible_to(viewer).prefetch_related(
        visible_prefetch("partner_organisations", PartnerOrganisation, viewer, to_attr="visible_partners"),
        visible_prefetch("nations", Nation, viewer, to_attr="visible_nations"),
        visible_prefetch("institutions", Institution, viewer, to_attr="visible_institutions"),
    )
    return Prefetch(lookup, queryset=programmes, to_attr=to_attr)


class AboutView(TemplateView):
    template_name = "missions/about.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        institutions = list(Institution.objects.visible_to(viewer))
        visible_ids = {institution.pk for institution in institutions}
        # Counterparts grouped under their parent when the parent is visible;
        # otherwise they stand on their own, and the hidden parent is not named.
        children = {}
        for institution in institutions:
            children.setdefault(institution.parent_id if institution.parent_id in visible_ids else None, []).append(
                institution
            )
        counterparts = [
            {"institution": institution, "children": children.get(institution.pk, [])}
            for institution in children.get(None, [])
        ]
        return super().get_context_data(
            mission=visible_mission(viewer),
            capability_areas=CapabilityArea.objects.visible_to(viewer),
            counterparts=counterparts,
            trust_fund=TrustFundContribution.objects.visible_to(viewer),
            **kwargs,
        )


class StructureView(VisibleQuerysetMixin, ListView):
    model = Division
    template_name = "missions/structure.html"
    context_object_name = "divisions"

    def get_queryset(self):
        viewer = self.viewer
        return (
            super()
            .get_queryset()
            .filter(parent__isnull=True)
            .prefetch_related(
                visible_prefetch("branches", Division, viewer, to_attr="visible_branches"),
                programmes_prefetch(viewer),
            )
        )


# How many events a division's page lists.
RELATED_EVENTS = 10


class DivisionDetailView(VisibleQuerysetMixin, DetailView):
    """A division with its branches, programmes, the objectives it leads
    (with their latest approved progress) and the events it organised. The
    objectives and events are read through the division's own relations
    (``owned_objectives``, ``events``), so this app imports neither."""

    model = Division
    template_name = "missions/division_detail.html"
    context_object_name = "division"

    def get_context_data(self, **kwargs):
        division, viewer = self.object, self.viewer
        return super().get_context_data(
            objectives=list(
                division.owned_objectives.visible_to(viewer).with_latest_progress().order_by("number", "title")
            ),
            events=list(
                division.events.visible_to(viewer)
                .select_related("organising_division")
                .order_by("-starts_at", "-pk")[:RELATED_EVENTS]
            ),
            **kwargs,
        )

    def get_queryset(self):
        viewer = self.viewer
        return (
            super()
            .get_queryset()
            .select_related("parent", "mission")
            .prefetch_related(
                visible_prefetch("branches", Division, viewer, to_attr="visible_branches"),
                programmes_prefetch(viewer),
            )
        )


class TimelineView(VisibleQuerysetMixin, ListView):
    model = Milestone
    template_name = "missions/timeline.html"
    context_object_name = "milestones"


class PartnersView(TemplateView):
    template_name = "missions/partners.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        programmes = Programme.objects.visible_to(viewer)
        contributions = list(Contribution.objects.visible_to(viewer).select_related("nation"))
        contributing = {contribution.nation_id for contribution in contributions}
        return super().get_context_data(
            contributions=contributions,
            # Nations the report names that have no visible contribution.
            nations=[nation for nation in Nation.objects.visible_to(viewer) if nation.pk not in contributing],
            partners=PartnerOrganisation.objects.visible_to(viewer).prefetch_related(
                Prefetch("programmes", queryset=programmes, to_attr="visible_programmes")
            ),
            **kwargs,
        )


class LessonListView(VisibleQuerysetMixin, ListView):
    model = Lesson
    template_name = "missions/lessons.html"
    context_object_name = "lessons"
