"""The site-wide pages: the home page, and error answers with debug off
(the site's own pages, JSON under /api/, and never a stack trace or
internal detail)."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

INTERNALS = ("Traceback", "RuntimeError", "secret internal detail", 'File "', "django.")


def assert_no_internals(response):
    text = response.content.decode()
    for internal in INTERNALS:
        assert internal not in text


@override_settings(ROOT_URLCONF="tests.nmi_site.sitewide.failing_urls")
def test_a_page_that_fails_shows_the_site_error_page(mission):
    response = factories.Client(raise_request_exception=False).get("/failing-page/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "<main" in response.content.decode()
    assert_no_internals(response)


@override_settings(ROOT_URLCONF="tests.nmi_site.sitewide.failing_urls")
def test_an_api_call_that_fails_answers_json(mission):
    response = factories.Client(raise_request_exception=False).get("/api/v1/failing/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Server error."}
    assert_no_internals(response)


@pytest.mark.parametrize(
    ("path", "status"),
    [("/no-such-page/", 404), ("/api/v1/no-such-list/", 404), ("/api/v1/divisions/999999/", 404)],
)
def test_not_found_answers(client, mission, path, status):
    response = client.get(path)
    assert response.status_code == status
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Not found."}
    assert_no_internals(response)


def test_a_forged_host_is_a_plain_400(client):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "attacker.example" not in response.content.decode()
    assert_no_internals(response)


def test_an_oversized_body_is_refused_cleanly(administrator_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = administrator_client.post("/admin/login/", {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400
    assert_no_internals(response)


def test_permission_denied_shows_the_site_page(editor_client):
    response = editor_client.get("/admin/nmi_site/securitypolicy/")
    assert response.status_code == 403
    assert_no_internals(response)


# The home page ----------------------------------------------------------------------------


@pytest.fixture
def now_and_then(division, objective):
    soon = timezone.now() + datetime.timedelta(days=3)
    factories.EventFactory(organising_division=division, title="Next seminar", starts_at=soon, ends_at=soon)
    factories.EventFactory(
        organising_division=division, title="Closed session", starts_at=soon, ends_at=soon, visibility="internal"
    )
    past = timezone.now() - datetime.timedelta(days=30)
    factories.EventFactory(organising_division=division, title="Last month's course", starts_at=past, ends_at=past)
    factories.ReportFactory(objective=objective, approved=True, percent_complete=62, status="at_risk")
    factories.ReportFactory(objective=objective, percent_complete=99, narrative="Draft figures")
    hidden = factories.ObjectiveFactory(owning_division=division, title="Hidden objective", visibility="internal")
    factories.ReportFactory(objective=hidden, approved=True)
    for year in (2019, 2021, 2023):
        factories.MilestoneFactory(mission=division.mission, title=f"Milestone {year}", date=datetime.date(year, 1, 1))


def section(content, heading_id):
    return re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', content, re.S).group(0)


def test_the_home_page_shows_the_mission_now(client, now_and_then):
    content = client.get(reverse("home")).content.decode()

    events = section(content, "events-heading")
    assert "Next seminar" in events
    assert "Closed session" not in events
    assert "Last month's course" not in events
    progress = section(content, "progress-heading")
    assert "62%" in progress
    assert "99%" not in progress
    assert "Hidden objective" not in content
    assert "At risk" in section(content, "results-heading")
    milestones = section(content, "milestones-heading")
    assert milestones.index("Milestone 2023") < milestones.index("Milestone 2021") < milestones.index("Milestone 2019")


def test_the_home_page_says_when_no_event_is_coming(client, mission):
    assert "No upcoming events have been published." in client.get(reverse("home")).content.decode()


# The sitemap for people -------------------------------------------------------------------


def test_the_footer_sitemap_is_a_page_for_people_listing_what_the_visitor_may_open(client, division, objective):
    factories.PlanFactory(objective=objective)
    without_plan = factories.ObjectiveFactory(owning_division=division, title="Objective with no plan yet")
    hidden = factories.ObjectiveFactory(owning_division=division, title="Hidden objective", visibility="internal")

    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("site_map")}"' in home
    content = client.get(reverse("site_map")).content.decode()

    links = re.findall(r'href="(/[^"#]*)"', content)
    assert objective.get_absolute_url() in links
    assert reverse("objectives:plan", args=[objective.slug]) in links
    assert without_plan.get_absolute_url() in links
    assert reverse("objectives:plan", args=[without_plan.slug]) not in links
    assert hidden.title not in content
    assert division.get_absolute_url() in links
    # Every page it links to opens (the XML sitemap stays, for robots).
    for link in set(links) - {"/sitemap.xml"}:
        assert client.get(link).status_code == 200, link
    assert client.get("/sitemap.xml").status_code == 200
