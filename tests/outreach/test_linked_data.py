"""schema.org Event data on event pages, parsed as a consumer reads it."""

import json
import re

import pytest

from outreach.models import EventStatus
from tests import factories
from tests.factories import baghdad

pytestmark = pytest.mark.django_db


def linked_data(client, path):
    content = client.get(path).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


def test_an_event_page_describes_its_event(client, division):
    event = factories.EventFactory(
        organising_division=division,
        title="Ambassador day",
        slug="ambassador-day",
        starts_at=baghdad(2030, 3, 12, 9),
        ends_at=baghdad(2030, 3, 12, 13),
        location="Baghdad",
        summary="Briefing for ambassadors.",
    )

    (data,) = linked_data(client, event.get_absolute_url())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Ambassador day"
    assert data["startDate"] == "2030-03-12T09:00:00+03:00"
    assert data["endDate"] == "2030-03-12T13:00:00+03:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Baghdad",
        "addressCountry": "IQ",
    }
    assert data["organizer"]["name"] == division.mission.name
    assert data["url"] == "http://testserver/events/ambassador-day/"
    assert data["description"] == "Briefing for ambassadors."


@pytest.mark.parametrize(
    ("status", "expected"),
    [(EventStatus.POSTPONED, "EventPostponed"), (EventStatus.CANCELLED, "EventCancelled")],
)
def test_a_postponed_or_cancelled_event_says_so(client, division, status, expected):
    event = factories.EventFactory(organising_division=division, status=status, online=True, location="")

    (data,) = linked_data(client, event.get_absolute_url())

    assert data["eventStatus"] == f"https://schema.org/{expected}"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"


def test_text_cannot_close_the_data_block(client, division):
    event = factories.EventFactory(organising_division=division, title="</script><script>alert(1)</script>")

    content = client.get(event.get_absolute_url()).content.decode()

    (data,) = linked_data(client, event.get_absolute_url())
    assert data["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in content


def test_arabic_pages_describe_the_event_in_arabic(client, division):
    event = factories.EventFactory(organising_division=division, title="Open day", title_ar="يوم مفتوح", all_day=True)

    (data,) = linked_data(client, f"/ar{event.get_absolute_url()}")

    assert data["name"] == "يوم مفتوح"
    assert data["inLanguage"] == "ar"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["startDate"])
