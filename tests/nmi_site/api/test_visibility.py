"""Every caller × every endpoint × every visibility: what each caller sees,
and that a hidden record is 404."""

import json

import pytest

from objectives.models import PlanState
from tests import factories

pytestmark = pytest.mark.django_db

LEVELS = ("public", "partners", "internal")


CLIENTS = {
    "anonymous": {"public"},
    "partner": {"public", "partners"},
    "editor of another division": set(LEVELS),
    "reviewer": set(LEVELS),
    "administrator": set(LEVELS),
}


@pytest.fixture
def records(mission, division):
    return {
        resource: {level: make(level, mission, division) for level in LEVELS}
        for resource, make in factories.API_RESOURCES.items()
    }


def seen_levels(payload):
    text = json.dumps(payload)
    return {level for level in LEVELS if f"{level} " in text.replace('"visibility": "', "")}


@pytest.mark.parametrize("resource", factories.API_RESOURCES)
@pytest.mark.parametrize("caller", CLIENTS)
def test_list_shows_what_the_caller_may_see(make_client, records, other_division, resource, caller):
    client = make_client(caller, other_division)

    response = client.get(f"/api/v1/{resource}/", {"page_size": 100})

    assert response.status_code == 200
    assert seen_levels(response.json()["results"]) == CLIENTS[caller]


@pytest.mark.parametrize("resource", factories.API_RESOURCES)
@pytest.mark.parametrize("caller", CLIENTS)
def test_detail_of_a_hidden_record_is_404(make_client, records, other_division, resource, caller):
    client = make_client(caller, other_division)

    for level, record in records[resource].items():
        response = client.get(f"/api/v1/{resource}/{record.pk}/")
        if level in CLIENTS[caller]:
            assert response.status_code == 200, (level, response.content)
        else:
            assert response.status_code == 404
            assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("caller", ["expired", "revoked", "calendar only"])
@pytest.mark.parametrize("resource", factories.API_RESOURCES)
def test_bad_keys_are_refused_with_401(make_client, records, resource, caller):
    client = make_client(caller)

    response = client.get(f"/api/v1/{resource}/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "public " not in response.content.decode()


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer a b", "Basic dXNlcjpwYXNz", "Token abc", "Bearer nmi_00000000_nope"]
)
def test_malformed_or_unknown_credentials_are_refused(api, records, header):
    api.credentials(HTTP_AUTHORIZATION=header)

    assert api.get("/api/v1/lessons/").status_code == 401


def test_unapproved_reports_are_staff_only(make_client, objective):
    for state in ("submitted", "returned"):
        factories.ReportFactory(objective=objective, narrative=f"{state} narrative", **{state: True})
    factories.ReportFactory(objective=objective, narrative="draft narrative")

    anonymous = make_client("anonymous").get("/api/v1/reports/").content.decode()
    partner = make_client("partner").get("/api/v1/reports/").content.decode()
    reviewer = make_client("reviewer").get("/api/v1/reports/").content.decode()

    for state in ("draft", "submitted", "returned"):
        assert f"{state} narrative" not in anonymous
        assert f"{state} narrative" not in partner
        assert f"{state} narrative" in reviewer


def test_draft_plans_are_staff_only(make_client, objective):
    factories.PlanFactory(objective=objective, state=PlanState.DRAFT, agreed_on=None, change_summary="draft plan")

    assert make_client("partner").get("/api/v1/plans/").json()["count"] == 0
    assert make_client("reviewer").get("/api/v1/plans/").json()["count"] == 1


def test_nested_lists_never_name_hidden_records(make_client, division):
    hidden_partner = factories.PartnerOrganisationFactory(name="hidden partner zz", visibility="internal")
    public_partner = factories.PartnerOrganisationFactory(name="open partner")
    factories.ProgrammeFactory(division=division, partner_organisations=[hidden_partner, public_partner])
    factories.EventFactory(organising_division=division, partner_organisations=[hidden_partner, public_partner])

    for path in ("/api/v1/programmes/", "/api/v1/events/"):
        content = make_client("partner").get(path).content.decode()
        assert "open partner" in content
        assert "hidden partner zz" not in content


def test_filter_by_a_hidden_record_matches_nothing(make_client, division):
    hidden_nation = factories.NationFactory(iso_code="ZZ", visibility="internal")
    factories.EventFactory(organising_division=division, nations=[hidden_nation])

    assert make_client("anonymous").get("/api/v1/events/", {"nation": "ZZ"}).json()["count"] == 0
    assert make_client("reviewer").get("/api/v1/events/", {"nation": "ZZ"}).json()["count"] == 1


def test_author_names_are_not_exposed(make_client, objective, editor):
    factories.ReportFactory(objective=objective, author=editor, approved=True)

    report = make_client("reviewer").get("/api/v1/reports/").json()["results"][0]

    assert "author" not in report
    assert "editor" not in json.dumps(report)


def test_an_editors_token_lists_their_own_divisions_drafts_only(make_client, objective, other_division):
    foreign = factories.ObjectiveFactory(owning_division=other_division)
    factories.ReportFactory(objective=objective, narrative="own draft")
    factories.ReportFactory(objective=foreign, narrative="foreign draft")
    factories.ReportFactory(objective=foreign, narrative="foreign approved", approved=True)

    editor = make_client("editor of another division", division=objective.owning_division)
    listed = editor.get("/api/v1/reports/").content.decode()

    assert "own draft" in listed
    assert "foreign approved" in listed
    assert "foreign draft" not in listed
