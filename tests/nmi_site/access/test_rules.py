"""The permission matrix: every role × whose record it is × every write path
of the back office, from one list of the paths, against what the access
rules promise. A model registered in the admin with a division path that
this file does not know fails the coverage test, so no path is left out."""

import pytest
from django.contrib import admin
from django.urls import reverse
from rest_framework.test import APIClient

from advisory.models import AdvisoryPost, Engagement, Handover
from missions import models as missions
from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.access.roles import EDITOR_PERMISSIONS
from nmi_site.access.rules import division_path
from nmi_site.caching.models import Generation
from nmi_site.content.visibility import Visibility, has_visibility
from objectives import models as objectives
from objectives.models import PlanState
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

# How to make a record that belongs to a division, for every model the
# admin writes that has a division path.
RECORDS = {
    missions.Division: lambda division: division,
    missions.Programme: lambda division: factories.ProgrammeFactory(division=division),
    objectives.LongTermObjective: lambda division: factories.ObjectiveFactory(owning_division=division),
    objectives.ProgressReport: lambda division: factories.ReportFactory(
        objective=factories.ObjectiveFactory(owning_division=division)
    ),
    objectives.KeyAchievement: lambda division: factories.AchievementFactory(division=division),
    objectives.PlanOnAPage: lambda division: factories.PlanFactory(
        objective=factories.ObjectiveFactory(owning_division=division), state=PlanState.DRAFT, agreed_on=None
    ),
    Event: lambda division: factories.EventFactory(organising_division=division),
    AdvisoryPost: lambda division: factories.AdvisoryPostFactory(division=division),
    Engagement: lambda division: factories.EngagementFactory(post=factories.AdvisoryPostFactory(division=division)),
    Handover: lambda division: factories.HandoverFactory(post=factories.AdvisoryPostFactory(division=division)),
}
# Admin pages that list records nobody writes there (the review queue shows
# submitted reports, which wait for a reviewer's step, not an edit).
READ_ONLY = {objectives.ReportAwaitingReview}

# Records of no division: Administrators write them, nobody else.
REFERENCE_RECORDS = {
    missions.Mission: lambda mission: mission,
    missions.Nation: lambda mission: factories.NationFactory(),
    missions.Institution: lambda mission: factories.InstitutionFactory(),
    missions.PartnerOrganisation: lambda mission: factories.PartnerOrganisationFactory(),
    missions.CapabilityArea: lambda mission: factories.CapabilityAreaFactory(),
    missions.Milestone: lambda mission: factories.MilestoneFactory(mission=mission),
    missions.Lesson: lambda mission: factories.LessonFactory(mission=mission),
    missions.TrustFundContribution: lambda mission: factories.TrustFundContributionFactory(mission=mission),
    missions.Contribution: lambda mission: factories.ContributionFactory(mission=mission),
}

ROLES = ("administrator", "reviewer", "editor of the record's division", "editor of another division")
PATHS = ("change", "revert", "delete", "delete selected", "make public")


def test_every_admin_model_is_in_the_matrix():
    content_models = {
        model for model, model_admin in admin.site._registry.items() if hasattr(model_admin, "in_write_scope")
    }
    owned = {model for model in content_models if division_path(model) is not None}
    assert owned - READ_ONLY == set(RECORDS)
    assert content_models - owned == set(REFERENCE_RECORDS)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def user_for(role, division, other_division, username):
    """A user in ``role``; an Editor of ``division`` or of ``other_division``."""
    if role == "administrator":
        return factories.StaffFactory(is_superuser=True, username=username)
    if role == "reviewer":
        return factories.StaffFactory(roles=["Reviewer"], username=username)
    own = role == "editor of the record's division"
    return factories.make_editor(division if own else other_division, username=username)


def client_for(role, division, other_division):
    client = factories.Client()
    client.force_login(user_for(role, division, other_division, "matrix-user"))
    return client


def write(path, client, administrator, record):
    """Take ``path`` as ``client``; the forms are read as an Administrator
    sees them, then sent by the client."""
    model = type(record)
    if path == "change":
        url = admin_url(model, "change", record.pk)
        return client.post(url, factories.form_data(administrator.get(url)))
    if path == "revert":
        version = record.history.earliest().history_id
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_simple_history", args=(record.pk, version)
        )
        return client.post(url, factories.form_data(administrator.get(url)))
    if path == "delete":
        return client.post(admin_url(model, "delete", record.pk), {"post": "yes"})
    if path == "delete selected":
        return client.post(
            admin_url(model, "changelist"),
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
        )
    if path == "make public":
        return client.post(admin_url(model, "changelist"), {"action": "make_public", "_selected_action": [record.pk]})
    raise ValueError(path)


def state_of(record):
    """What a write would change: whether the record exists, its visibility,
    and how many changes its history holds."""
    model = type(record)
    stored = model._default_manager.filter(pk=record.pk).first()
    if stored is None:
        return None
    return (getattr(stored, "visibility", None), stored.history.count())


def stamps():
    """The content generations of every audience, as the database holds them."""
    return dict(Generation.objects.values_list("audience", "stamp"))


def promised(role, path, model):
    """What the rules promise: Administrators may take every path, Reviewers
    only publish, an Editor writes their own division's records as their
    role's model permissions allow, never another division's."""
    if path == "make public":
        return role in ("administrator", "reviewer") and has_visibility(model)
    if role == "administrator":
        return True
    if role != "editor of the record's division":
        return False
    action = "delete" if path.startswith("delete") else "change"
    return action in EDITOR_PERMISSIONS.get(model._meta.label_lower, ())


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_write_paths_follow_the_rules(model, role, path, division, other_division):
    record = RECORDS[model](division)
    if has_visibility(model):
        type(record)._default_manager.filter(pk=record.pk).update(visibility=Visibility.INTERNAL)
    administrator = factories.Client()
    administrator.force_login(factories.StaffFactory(is_superuser=True, username="reader"))
    client = client_for(role, division, other_division)
    before, stamps_before = state_of(record), stamps()

    response = write(path, client, administrator, record)

    assert response.status_code < 500
    changed = state_of(record) != before
    assert changed == promised(role, path, model), (role, path, response.status_code)
    if not changed:
        # A refused write moves no generation either: nothing to see changed.
        assert stamps() == stamps_before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", REFERENCE_RECORDS, ids=lambda model: model.__name__)
def test_records_of_no_division_are_written_by_administrators_only(model, role, mission, division, other_division):
    record = REFERENCE_RECORDS[model](mission)
    administrator = factories.Client()
    administrator.force_login(factories.StaffFactory(is_superuser=True, username="reader"))
    client = client_for(role, division, other_division)
    before = state_of(record)

    response = write("change", client, administrator, record)

    assert response.status_code < 500
    assert (state_of(record) != before) == (role == "administrator"), (role, response.status_code)


# The API's write paths ------------------------------------------------------------

API_PATHS = ("create", "change", "submit", "approve", "return")


def token_client(role, division, other_division):
    user = user_for(role, division, other_division, "api-user")
    _key, secret = PartnerKey.issue(user=user, label="matrix", scopes=[KeyScope.API_READ, KeyScope.API_WRITE])
    return APIClient(HTTP_AUTHORIZATION=f"Bearer {secret}")


def api_write(path, client, report, objective):
    url = f"/api/v1/reports/{report.pk}/"
    if path == "create":
        # The period after the existing report's.
        start = report.period_start.replace(year=report.period_start.year + 1)
        body = {
            "objective": objective.pk,
            "period_start": str(start),
            "period_end": str(start.replace(month=6, day=30)),
        }
        return client.post("/api/v1/reports/", {**body, "percent_complete": 10, "status": "on_track"}, format="json")
    if path == "change":
        etag = f'"{report.pk}"'
        reader = client.get(url)
        if reader.status_code == 200:
            etag = reader["ETag"]
        return client.patch(url, {"narrative": "Changed"}, format="json", HTTP_IF_MATCH=etag)
    step = {"submit": "submit", "approve": "approve", "return": "return"}[path]
    return client.post(f"{url}{step}/", {"note": "Please add figures."}, format="json")


def report_state(report, objective):
    stored = objectives.ProgressReport.objects.filter(pk=report.pk).values_list("state", "narrative").first()
    return stored, objectives.ProgressReport.objects.filter(objective=objective).count()


def api_promised(role, path):
    if path in ("approve", "return"):
        return role in ("administrator", "reviewer")
    return role in ("administrator", "editor of the record's division")


@pytest.mark.parametrize("path", API_PATHS)
@pytest.mark.parametrize("role", ROLES)
def test_api_write_paths_follow_the_rules(role, path, division, other_division):
    objective = factories.ObjectiveFactory(owning_division=division)
    author = factories.make_editor(division, username="author")
    submitted = path in ("approve", "return")
    report = factories.ReportFactory(objective=objective, author=author, submitted=submitted)
    client = token_client(role, division, other_division)
    before = report_state(report, objective)

    response = api_write(path, client, report, objective)

    assert response.status_code < 500
    assert (report_state(report, objective) != before) == api_promised(role, path), (role, response.status_code)
