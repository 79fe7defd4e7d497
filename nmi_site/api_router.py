"""The one router of the API, version 1 (mounted at /api/v1/)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from advisory.api import views as advisory
from missions.api import views as missions
from nmi_site.api.datapackage import datapackage_view
from nmi_site.api.removals import removal_viewset
from nmi_site.sitewide.api import SearchViewSet
from objectives.api import views as objectives
from outreach.api import views as outreach

app_name = "api"

router = DefaultRouter()
router.register("missions", missions.MissionViewSet, basename="mission")
router.register("divisions", missions.DivisionViewSet, basename="division")
router.register("nations", missions.NationViewSet, basename="nation")
router.register("contributions", missions.ContributionViewSet, basename="contribution")
router.register("institutions", missions.InstitutionViewSet, basename="institution")
router.register("partner-organisations", missions.PartnerOrganisationViewSet, basename="partner-organisation")
router.register("capability-areas", missions.CapabilityAreaViewSet, basename="capability-area")
router.register("milestones", missions.MilestoneViewSet, basename="milestone")
router.register("programmes", missions.ProgrammeViewSet, basename="programme")
router.register("lessons", missions.LessonViewSet, basename="lesson")
router.register("trust-fund-contributions", missions.TrustFundContributionViewSet, basename="trust-fund-contribution")
router.register("objectives", objectives.ObjectiveViewSet, basename="objective")
router.register("reports", objectives.ReportViewSet, basename="report")
router.register("achievements", objectives.AchievementViewSet, basename="achievement")
router.register("plans", objectives.PlanViewSet, basename="plan")
router.register("events", outreach.EventViewSet, basename="event")
router.register("search", SearchViewSet, basename="search")
# Tombstones of the public lists above, for mirrors, and those lists as
# open data.
PUBLIC_LISTS = list(router.registry)
router.register("removed", removal_viewset(PUBLIC_LISTS), basename="removal")
# Indicators' series, re-read whole by mirrors (a corrected report
# replaces its values): not among the tombstones' lists.
SERIES = ("measurements", objectives.MeasurementSeriesViewSet, "measurement")
router.register(*SERIES)
# The corporate memory: staff tokens only, not in the public schema.
router.register("advisory-posts", advisory.AdvisoryPostViewSet, basename="advisory-post")
router.register("engagements", advisory.EngagementViewSet, basename="engagement")

urlpatterns = [
    path("datapackage.json", datapackage_view([*PUBLIC_LISTS, SERIES]), name="datapackage"),
    *router.urls,
]
