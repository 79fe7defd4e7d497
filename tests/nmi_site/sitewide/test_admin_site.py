"""The back office's home and pages speak the staff's language: every
section is named in words, counts read as sentences, and the portal's own
bookkeeping is not shown."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def captions(response):
    return re.findall(r"<caption>\s*<a[^>]*>([^<]*)</a>", response.content.decode())


def test_every_section_of_the_admin_home_is_named_in_words(administrator_client):
    sections = captions(administrator_client.get(reverse("admin:index")))
    assert {"Sign-in attempts", "Authenticator apps"} <= set(sections)
    assert not [name for name in sections if "_" in name or name.lower() in ("axes", "otp_totp")]


def test_the_review_queue_counts_in_a_sentence(administrator_client):
    response = administrator_client.get(reverse("admin:objectives_reportawaitingreview_changelist"))
    assert response.status_code == 200
    assert "0 reports awaiting review" in response.text
    assert "Reports awaiting review" in administrator_client.get(reverse("admin:index")).text


def test_an_event_page_shows_no_calendar_revision(administrator_client, division):
    event = factories.EventFactory(organising_division=division)
    response = administrator_client.get(reverse("admin:outreach_event_change", args=[event.pk]))
    assert response.status_code == 200
    assert "Revision" not in response.text
    assert 'name="sequence"' not in response.text


def test_the_admin_home_shows_my_work_with_links_to_act(editor_client, editor, objective, reviewer):
    returned = factories.ReportFactory(objective=objective, author=editor, returned=True, review_note="Add figures.")

    page = editor_client.get(reverse("admin:index")).text

    assert 'id="my-work"' in page
    assert "Reports returned to me" in page
    assert f'href="/admin/objectives/progressreport/{returned.pk}/change/"' in page
    assert "Add figures." in page


def test_the_admin_home_says_when_nothing_waits(reviewer_client):
    page = reviewer_client.get(reverse("admin:index")).text
    assert "Nothing waits for you" in page


def test_the_admin_home_takes_the_same_number_of_queries_whatever_my_work_holds(
    client, reviewer, editor, division, django_assert_num_queries
):
    client.force_login(reviewer)

    def add_work(count):
        for _number in range(count):
            objective = factories.ObjectiveFactory(owning_division=division)
            factories.ReportFactory(objective=objective, author=editor, submitted=True)
            factories.EventFactory(organising_division=division, visibility="internal")

    add_work(11)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("admin:index")).status_code == 200
    add_work(20)
    with django_assert_num_queries(len(few)):
        client.get(reverse("admin:index"))


def test_administrators_see_the_background_jobs_and_editors_do_not(client, editor_client):
    administrator = factories.StaffFactory(username="chief", roles=["Administrator"])
    jobs = "/admin/django_tasks_database/dbtaskresult/"
    assert editor_client.get(jobs).status_code == 403
    client.force_login(administrator)
    assert "Background jobs" in captions(client.get(reverse("admin:index")))
    assert client.get(jobs).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"])
def test_signing_in_with_a_page_not_of_the_portal_lands_on_the_admin_home(administrator, target):
    browser = factories.Client()

    response = browser.post(
        f"/admin/login/?next={target}", {"username": "admin", "password": factories.PASSWORD}, follow=True
    )

    # Not the page asked for, and not a page that does not exist.
    assert response.redirect_chain == [("/admin/", 302)]
    assert response.status_code == 200
