"""Staff personal tokens write progress reports through the workflow, with
the admin's rules; nobody else writes, and nobody sets what they may not."""

import datetime

import pytest
from django.utils import timezone

from nmi_site.access.models import KeyScope, PartnerKey
from objectives.models import ProgressReport, ReportState
from tests import factories

pytestmark = pytest.mark.django_db


def token_for(user, scopes=(KeyScope.API_READ, KeyScope.API_WRITE)):
    _, secret = PartnerKey.issue(user=user, label="script", scopes=list(scopes))
    return factories.client_with(secret)


DRAFT = {"period_start": "2024-01-01", "period_end": "2024-06-30", "percent_complete": 40, "status": "on_track"}


def test_full_workflow_through_the_api(editor, reviewer, objective):
    writer, checker = token_for(editor), token_for(reviewer)

    created = writer.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json")
    assert created.status_code == 201, created.content
    report_id = created.json()["id"]
    assert created.json()["state"] == "draft"

    changed = writer.patch(
        f"/api/v1/reports/{report_id}/", {"percent_complete": 45}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    assert changed.json()["percent_complete"] == 45
    assert writer.post(f"/api/v1/reports/{report_id}/submit/", {}, format="json").json()["state"] == "submitted"
    returned = checker.post(f"/api/v1/reports/{report_id}/return/", {"note": "Add figures."}, format="json")
    assert returned.json()["state"] == "returned"
    assert writer.post(f"/api/v1/reports/{report_id}/submit/", {}, format="json").status_code == 200
    approved = checker.post(f"/api/v1/reports/{report_id}/approve/", {}, format="json")

    assert approved.status_code == 200
    report = ProgressReport.objects.get(pk=report_id)
    assert (report.state, report.author, report.reviewed_by) == (ReportState.APPROVED, editor, reviewer)
    assert report.transitions.count() == 4


def test_editor_of_another_division_cannot_draft(other_editor, objective):
    response = token_for(other_editor).post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json")

    assert response.status_code == 403
    assert not ProgressReport.objects.exists()


def test_nobody_approves_their_own_report_through_the_api(objective):
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(*factories.Group.objects.filter(name="Reviewer"))
    client = token_for(factories.User.objects.get(pk=both.pk))
    report_id = client.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json").json()["id"]
    client.post(f"/api/v1/reports/{report_id}/submit/", {}, format="json")

    response = client.post(f"/api/v1/reports/{report_id}/approve/", {}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "Nobody approves their own report."}


def test_editor_cannot_approve(editor, objective):
    report = factories.ReportFactory(objective=objective, submitted=True)

    assert token_for(editor).post(f"/api/v1/reports/{report.pk}/approve/", {}, format="json").status_code == 403


def test_return_needs_a_note(reviewer, objective):
    report = factories.ReportFactory(objective=objective, submitted=True)

    response = token_for(reviewer).post(f"/api/v1/reports/{report.pk}/return/", {}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["note"]


def test_approved_reports_cannot_be_changed_through_the_api(editor, objective):
    report = factories.ReportFactory(objective=objective, approved=True)

    client = token_for(editor)
    etag = client.get(f"/api/v1/reports/{report.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/reports/{report.pk}/", {"percent_complete": 99}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.percent_complete == 40


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"percent_complete": 101}, "percent_complete"),
        ({"percent_complete": -1}, "percent_complete"),
        ({"percent_complete": "lots"}, "percent_complete"),
        ({"period_end": "2023-12-31"}, "period_end"),
        ({"period_start": "not a date"}, "period_start"),
        ({"state": "approved"}, "state"),
        ({"author": 1}, "author"),
        ({"visibility": "public"}, "visibility"),
        ({"reviewed_by": 1}, "reviewed_by"),
        ({"is_superseded": True}, "is_superseded"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_bodies_are_400_naming_the_field_and_write_nothing(editor, objective, body, field):
    response = token_for(editor).post("/api/v1/reports/", {"objective": objective.pk, **DRAFT, **body}, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not ProgressReport.objects.exists()


def test_overlapping_period_is_400(editor, objective):
    factories.ReportFactory(objective=objective, period_start=__import__("datetime").date(2024, 1, 1))

    response = token_for(editor).post(
        "/api/v1/reports/", {"objective": objective.pk, **DRAFT, "period_start": "2024-03-01"}, format="json"
    )

    assert response.status_code == 400
    assert "period_start" in response.json()
    assert ProgressReport.objects.count() == 1


@pytest.mark.parametrize("caller", ["anonymous", "partner", "read-only token"])
def test_only_staff_tokens_with_the_write_scope_write(make_client, editor, objective, caller):
    read_only = caller == "read-only token"
    client = token_for(editor, scopes=[KeyScope.API_READ]) if read_only else make_client(caller)

    response = client.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json")

    assert response.status_code == (401 if caller == "anonymous" else 403)
    assert not ProgressReport.objects.exists()


def test_wrong_content_type_is_refused(editor, objective):
    response = token_for(editor).post(
        "/api/v1/reports/", "objective=1", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 415


def test_put_is_not_offered(editor, objective):
    report = factories.ReportFactory(objective=objective)

    assert token_for(editor).put(f"/api/v1/reports/{report.pk}/", {}, format="json").status_code == 405


# Concurrent changes: ETag and If-Match ----------------------------------------


def test_a_change_needs_if_match_and_a_stale_one_is_412(editor, objective):
    first, second = token_for(editor), token_for(editor)
    report = factories.ReportFactory(objective=objective)
    url = f"/api/v1/reports/{report.pk}/"
    read_by_first = first.get(url)
    read_by_second = second.get(url)
    assert read_by_first["ETag"] == read_by_second["ETag"]
    assert first.get(url, HTTP_IF_NONE_MATCH=read_by_first["ETag"]).status_code == 304

    missing = first.patch(url, {"percent_complete": 41}, format="json")
    assert missing.status_code == 428
    assert "If-Match" in missing.json()["detail"]

    saved = first.patch(url, {"percent_complete": 50}, format="json", HTTP_IF_MATCH=read_by_first["ETag"])
    assert saved.status_code == 200
    assert saved["ETag"] != read_by_first["ETag"]
    assert saved["ETag"] == first.get(url)["ETag"]

    stale = second.patch(url, {"percent_complete": 60}, format="json", HTTP_IF_MATCH=read_by_second["ETag"])
    assert stale.status_code == 412
    assert "changed since you read it" in stale.json()["detail"]
    report.refresh_from_db()
    assert report.percent_complete == 50

    # Read again, then the change goes through.
    fresh = second.get(url)["ETag"]
    assert second.patch(url, {"percent_complete": 60}, format="json", HTTP_IF_MATCH=fresh).status_code == 200


def test_a_transition_with_a_stale_if_match_is_412(editor, objective):
    client = token_for(editor)
    report = factories.ReportFactory(objective=objective)
    url = f"/api/v1/reports/{report.pk}/"
    etag = client.get(url)["ETag"]
    client.patch(url, {"percent_complete": 55}, format="json", HTTP_IF_MATCH=etag)

    response = client.post(f"{url}submit/", {}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


# Rights on the report as stored -------------------------------------------------


def test_a_patch_cannot_take_another_divisions_draft(editor, other_editor, objective, other_division):
    foreign_objective = factories.ObjectiveFactory(owning_division=other_division)
    foreign = factories.ReportFactory(objective=foreign_objective, author=other_editor, narrative="Theirs")
    etag = f'"{foreign.pk}"'

    response = token_for(editor).patch(
        f"/api/v1/reports/{foreign.pk}/", {"objective": objective.pk}, format="json", HTTP_IF_MATCH=etag
    )

    # Another division's draft is not the Editor's to read, let alone change.
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert (foreign.objective, foreign.narrative) == (foreign_objective, "Theirs")


def test_a_reports_objective_and_correction_are_fixed_once_drafted(editor, objective, division):
    second = factories.ObjectiveFactory(owning_division=division)
    client = token_for(editor)
    created = client.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json")

    response = client.patch(
        f"/api/v1/reports/{created.json()['id']}/",
        {"objective": second.pk},
        format="json",
        HTTP_IF_MATCH=created["ETag"],
    )

    assert response.status_code == 400
    assert "objective" in response.json()
    assert ProgressReport.objects.get().objective == objective


def test_a_reviewer_who_changed_a_drafts_content_cannot_approve_it(editor, objective):
    writer = token_for(editor)
    created = writer.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT}, format="json")
    report_id = created.json()["id"]
    both = factories.make_editor(objective.owning_division, username="both")
    both.groups.add(*factories.Group.objects.filter(name="Reviewer"))
    rewriter = token_for(factories.User.objects.get(pk=both.pk))
    rewritten = rewriter.patch(
        f"/api/v1/reports/{report_id}/", {"narrative": "Rewritten"}, format="json", HTTP_IF_MATCH=created["ETag"]
    )
    assert rewritten.status_code == 200
    assert rewriter.post(f"/api/v1/reports/{report_id}/submit/", {}, format="json").status_code == 200

    response = rewriter.post(f"/api/v1/reports/{report_id}/approve/", {}, format="json")

    assert response.status_code == 403
    assert ProgressReport.objects.get().state == ReportState.SUBMITTED


def test_a_deeply_nested_body_is_400(editor):
    body = "[" * 100_000 + "]" * 100_000

    response = token_for(editor).post("/api/v1/reports/", body, content_type="application/json")

    assert response.status_code == 400
    assert not ProgressReport.objects.exists()


def test_a_reviewer_who_reads_a_draft_cannot_change_it(reviewer, objective):
    draft = factories.ReportFactory(objective=objective, narrative="As written")
    client = token_for(reviewer)
    etag = client.get(f"/api/v1/reports/{draft.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/reports/{draft.pk}/", {"narrative": "Rewritten"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.narrative == "As written"


def test_submitting_a_report_whose_period_has_not_ended_is_400_naming_the_period(editor, objective):
    today = timezone.localdate()
    writer = token_for(editor)
    period = {"period_start": (today - datetime.timedelta(days=30)).isoformat(), "period_end": today.isoformat()}
    created = writer.post("/api/v1/reports/", {"objective": objective.pk, **DRAFT, **period}, format="json")
    assert created.status_code == 201, created.content

    response = writer.post(f"/api/v1/reports/{created.json()['id']}/submit/", {}, format="json")
    assert response.status_code == 400
    assert "has not ended yet" in " ".join(response.json()["period_end"])
    assert ProgressReport.objects.get(pk=created.json()["id"]).state == ReportState.DRAFT


def test_objectives_filter_by_progress(api, division):
    at_risk = factories.ObjectiveFactory(owning_division=division, title="Behind")
    factories.ReportFactory(objective=at_risk, approved=True, status="at_risk")
    factories.ObjectiveFactory(owning_division=division, title="Not reported")

    def titles(progress):
        return [item["title"] for item in api.get("/api/v1/objectives/", {"progress": progress}).json()["results"]]

    assert titles("at_risk") == ["Behind"]
    assert titles("none") == ["Not reported"]
    assert api.get("/api/v1/objectives/", {"progress": "late"}).status_code == 400


def test_a_change_with_if_match_star_is_refused_it_guards_nothing(editor, objective):
    client = token_for(editor)
    report = factories.ReportFactory(objective=objective, percent_complete=30)
    url = f"/api/v1/reports/{report.pk}/"

    response = client.patch(url, {"percent_complete": 90}, format="json", HTTP_IF_MATCH="*")

    assert response.status_code == 428
    assert "guards nothing" in response.json()["detail"]
    report.refresh_from_db()
    assert report.percent_complete == 30
    # A transition, where If-Match is optional, takes "*" as no condition.
    assert client.post(f"{url}submit/", {}, format="json", HTTP_IF_MATCH="*").status_code == 200
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
