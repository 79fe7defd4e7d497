"""The back office's home and pages speak the staff's language: every
section is named in words, counts read as sentences, and the portal's own
bookkeeping is not shown."""

import re

import pytest
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
