"""The iCalendar and Atom feeds, parsed back as a calendar or feed reader would."""

import datetime
import re
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.core.cache import cache

from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.caching.responses import clear_local_entries
from outreach.models import EventStatus
from tests import factories
from tests.factories import baghdad

pytestmark = pytest.mark.django_db

BAGHDAD = ZoneInfo("Asia/Baghdad")


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def events(division):
    future = datetime.date.today().year + 1
    return {
        "timed": factories.EventFactory(
            organising_division=division,
            title="Ambassador day",
            slug="ambassador-day",
            kind="ambassador-day",
            starts_at=baghdad(future, 3, 12, 9),
            ends_at=baghdad(future, 3, 12, 13),
            location="Baghdad",
            summary="Briefing for ambassadors.",
        ),
        "all_day": factories.EventFactory(
            organising_division=division,
            title="Course",
            slug="course",
            kind="course",
            all_day=True,
            starts_at=baghdad(future, 4, 6),
            ends_at=baghdad(future, 4, 10, 23, 59),
        ),
        "multi_day": factories.EventFactory(
            organising_division=division,
            title="Conference",
            slug="conference",
            kind="conference",
            starts_at=baghdad(future, 5, 1, 9),
            ends_at=baghdad(future, 5, 3, 17),
        ),
        "cancelled": factories.EventFactory(
            organising_division=division, title="Cancelled meeting", slug="cancelled", status=EventStatus.CANCELLED
        ),
        "internal": factories.EventFactory(
            organising_division=division, title="Internal meeting", visibility="internal"
        ),
        "partners": factories.EventFactory(
            organising_division=division, title="Partners meeting", visibility="partners"
        ),
        "old": factories.EventFactory(
            organising_division=division,
            title="Long ago",
            starts_at=baghdad(2015, 1, 1, 9),
            ends_at=baghdad(2015, 1, 1, 10),
        ),
    }


def test_public_calendar_is_valid_icalendar_with_public_events_only(client, events):
    calendar = parse(client.get("/calendar/events.ics"))

    assert calendar["VERSION"] == "2.0"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Baghdad"
    assert set(vevents(calendar)) == {"Ambassador day", "Course", "Conference", "Cancelled meeting"}


def test_timed_event_carries_its_time_zone(client, events):
    calendar = parse(client.get("/calendar/events.ics"))
    event = vevents(calendar)["Ambassador day"]

    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == events["timed"].starts_at
    assert end == events["timed"].ends_at
    assert event["DTSTART"].params["TZID"] == "Asia/Baghdad"
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Baghdad"]
    assert event["LOCATION"] == "Baghdad"
    assert event["DESCRIPTION"] == "Briefing for ambassadors."
    assert event["CATEGORIES"].cats == ["Ambassador day"]
    assert event["URL"] == "http://testserver/events/ambassador-day/"
    assert event["UID"] == f"event-{events['timed'].pk}@nmi-portal"


def test_all_day_event_spans_its_dates_with_an_exclusive_end(client, events):
    event = vevents(parse(client.get("/calendar/events.ics")))["Course"]

    year = events["all_day"].starts_at.year
    assert event.decoded("DTSTART") == datetime.date(year, 4, 6)
    assert event.decoded("DTEND") == datetime.date(year, 4, 11)
    assert event["DTSTART"].params["VALUE"] == "DATE"


def test_multi_day_event_spans_its_days(client, events):
    event = vevents(parse(client.get("/calendar/events.ics")))["Conference"]

    assert (event.decoded("DTEND") - event.decoded("DTSTART")) == datetime.timedelta(days=2, hours=8)


def test_cancelled_event_is_marked_cancelled(client, events):
    calendar = vevents(parse(client.get("/calendar/events.ics")))

    assert calendar["Cancelled meeting"]["STATUS"] == "CANCELLED"
    assert calendar["Ambassador day"]["STATUS"] == "CONFIRMED"


def test_a_change_moves_sequence_and_timestamps_but_not_the_uid(client, events):
    from outreach.models import Event

    # Calendars count in whole seconds: let the last change be a while ago.
    Event.objects.filter(pk=events["timed"].pk).update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    before = vevents(parse(client.get("/calendar/events.ics")))["Ambassador day"]

    event = Event.objects.get(pk=events["timed"].pk)
    event.location = "Erbil"
    event.save()
    after = vevents(parse(client.get("/calendar/events.ics")))["Ambassador day"]

    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTAMP") > before.decoded("DTSTAMP")


def test_a_change_of_participants_is_a_change_of_the_event(client, events):
    event = events["timed"]
    sequence = event.sequence

    event.nations.add(factories.NationFactory())

    event.refresh_from_db()
    assert event.sequence == sequence + 1


def test_kind_calendar_holds_that_kind_only(client, events):
    calendar = parse(client.get("/calendar/kind/course.ics"))

    assert set(vevents(calendar)) == {"Course"}


def test_a_kind_without_events_is_still_a_valid_calendar(client, events):
    response = client.get("/calendar/kind/security-contact-group.ics")

    calendar = parse(response)
    assert calendar.walk("VEVENT") == []
    # At least one component, as RFC 5545 wants: Baghdad's time zone.
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Asia/Baghdad"]
    assert response.content.count(b"BEGIN:VTIMEZONE") == 1


def test_a_postponed_event_keeps_its_uid_and_says_so(client, division):
    event = factories.EventFactory(organising_division=division, title="Seminar", slug="seminar", summary="On law.")
    uid = str(next(iter(vevents(parse(client.get("/calendar/events.ics"))).values()))["UID"])

    event.status = EventStatus.POSTPONED
    event.save()

    (item,) = parse(client.get("/calendar/events.ics")).walk("VEVENT")
    assert str(item["UID"]) == uid
    assert str(item["SUMMARY"]) == "Postponed: Seminar"
    assert str(item["DESCRIPTION"]).startswith("Postponed: the dates below are the original ones")
    assert "On law." in str(item["DESCRIPTION"])
    assert str(item["STATUS"]) == "TENTATIVE"


def test_unknown_kind_calendar_is_404(client, events):
    assert client.get("/calendar/kind/party.ics").status_code == 404


def test_single_event_calendar_downloads_as_an_attachment(client, events):
    response = client.get("/calendar/event/ambassador-day.ics")

    assert response["Content-Disposition"] == 'attachment; filename="ambassador-day.ics"'
    assert set(vevents(parse(response))) == {"Ambassador day"}


def test_single_event_calendar_of_a_hidden_event_is_404(client, events):
    assert client.get(f"/calendar/event/{events['internal'].slug}.ics").status_code == 404
    assert client.get(f"/calendar/event/{events['partners'].slug}.ics").status_code == 404


# Partner calendar -----------------------------------------------------------------


def test_partner_calendar_adds_partner_events(client, events, calendar_key):
    key, secret = calendar_key

    response = client.get(f"/calendar/private/{secret}/events.ics")

    calendar = vevents(parse(response))
    assert set(calendar) == {"Ambassador day", "Course", "Conference", "Cancelled meeting", "Partners meeting"}
    assert calendar["Partners meeting"]["CLASS"] == "CONFIDENTIAL"
    assert response["Cache-Control"] == "private, no-store"
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_partner_calendar_links_each_event_to_a_page_the_partner_can_open(client, events, calendar_key):
    _key, secret = calendar_key
    calendar = vevents(parse(client.get(f"/calendar/private/{secret}/events.ics")))

    public_link = str(calendar["Ambassador day"]["URL"])
    partners_link = str(calendar["Partners meeting"]["URL"])

    assert public_link == f"http://testserver/events/{events['timed'].slug}/"
    assert partners_link == f"http://testserver/calendar/private/{secret}/events/{events['partners'].slug}/"
    page = client.get(partners_link.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Partners meeting" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    assert page["Referrer-Policy"] == "no-referrer"
    assert page["X-Robots-Tag"] == "noindex"
    # The public page of that event is not found, for everyone outside.
    assert client.get(f"/events/{events['partners'].slug}/").status_code == 404


def test_a_partners_event_page_shows_nothing_the_key_may_not_see(client, events, calendar_key):
    key, secret = calendar_key

    assert client.get(f"/calendar/private/{secret}/events/{events['internal'].slug}/").status_code == 404
    key.revoke()
    assert client.get(f"/calendar/private/{secret}/events/{events['partners'].slug}/").status_code == 404
    assert client.get(f"/calendar/private/not-a-key/events/{events['partners'].slug}/").status_code == 404


@pytest.mark.parametrize("state", ["revoked", "expired", "wrong scope", "unknown", "tampered", "malformed"])
def test_partner_calendar_refuses_bad_keys_with_404(client, events, partner, calendar_key, state):
    key, secret = calendar_key
    if state == "revoked":
        key.revoke()
    elif state == "expired":
        key.expires_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        key.save()
    elif state == "wrong scope":
        _, secret = PartnerKey.issue(partner=partner, label="API only", scopes=[KeyScope.API_READ])
    elif state == "unknown":
        secret = "nmi_00000000_" + "x" * 43
    elif state == "tampered":
        secret = secret[:-2] + ("AA" if not secret.endswith("AA") else "BB")
    else:
        secret = "not-a-key"

    response = client.get(f"/calendar/private/{secret}/events.ics")

    assert response.status_code == 404
    assert b"Partners meeting" not in response.content


def test_a_partner_can_hold_two_keys_for_rotation(client, events, partner, calendar_key):
    old, old_secret = calendar_key
    _, new_secret = PartnerKey.issue(partner=partner, label="New", scopes=[KeyScope.CALENDAR])

    assert client.get(f"/calendar/private/{old_secret}/events.ics").status_code == 200
    assert client.get(f"/calendar/private/{new_secret}/events.ics").status_code == 200
    old.revoke()
    assert client.get(f"/calendar/private/{old_secret}/events.ics").status_code == 404
    assert client.get(f"/calendar/private/{new_secret}/events.ics").status_code == 200


def test_keys_are_stored_hashed(calendar_key):
    key, secret = calendar_key

    assert secret not in str(PartnerKey.objects.filter(pk=key.pk).values().get())
    assert key.key_hash == PartnerKey.hash(secret)


def test_keys_never_appear_in_logs(client, events, calendar_key, caplog):
    _, secret = calendar_key
    key_404 = "nmi_0123abcd_" + "y" * 43

    with caplog.at_level("DEBUG"):
        client.get(f"/calendar/private/{key_404}/events.ics")
        client.get(f"/calendar/private/{secret}/events.ics")

    handler_output = "\n".join(record.getMessage() for record in caplog.records)
    assert "/calendar/private/" in handler_output
    assert key_404 not in handler_output
    assert secret not in handler_output


def test_redaction_filter_hides_keys():
    import logging

    from nmi_site.security.formatters import RedactKeysFilter

    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        "",
        0,
        '"GET %s HTTP/1.1" 200',
        ("/calendar/private/nmi_0123abcd_secretpart/events.ics",),
        None,
    )

    RedactKeysFilter().filter(record)

    assert record.getMessage() == '"GET /calendar/private/nmi_[redacted]/events.ics HTTP/1.1" 200'


# Atom ----------------------------------------------------------------------------------


def test_atom_feed_lists_public_events_newest_change_first(client, events):
    events["old"].title = "Long ago, corrected"
    events["old"].save()

    response = client.get("/feeds/events.atom")
    feed = feedparser.parse(response.content)

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.bozo == 0
    titles = [entry.title for entry in feed.entries]
    assert titles[0] == "Long ago, corrected"
    assert set(titles) == {"Long ago, corrected", "Ambassador day", "Course", "Conference", "Cancelled meeting"}
    entry = feed.entries[0]
    assert entry.link == f"http://testserver/events/{events['old'].slug}/"
    assert entry.id == f"tag:nmi-portal,2018:event-{events['old'].pk}"
    assert entry.updated_parsed is not None


def test_atom_ids_are_tag_uris_that_survive_a_change_of_address(client, events, settings):
    first = feedparser.parse(client.get("/feeds/events.atom").content)
    settings.SITE_URL = "https://portal.example.org"
    # A new render, not the stored copy.
    cache.clear()
    clear_local_entries()
    moved = feedparser.parse(client.get("/feeds/events.atom").content)

    assert first.feed.id == moved.feed.id == "tag:nmi-portal,2018:feed:events"
    assert [entry.id for entry in first.entries] == [entry.id for entry in moved.entries]
    assert all(re.fullmatch(r"tag:nmi-portal,2018:event-[0-9]+", entry.id) for entry in first.entries)
    assert moved.entries[0].link.startswith("https://portal.example.org/events/")
    # Atom wants an author: the feed's, which every entry inherits.
    assert first.feed.author_detail.name == "NATO Mission Iraq"
    assert first.feed.author_detail.href == "http://testserver/about/"


def test_atom_feed_ignores_the_session(client, events):
    client.force_login(factories.StaffFactory())

    feed = feedparser.parse(client.get("/feeds/events.atom").content)

    assert "Internal meeting" not in [entry.title for entry in feed.entries]


def test_a_line_break_in_a_title_keeps_the_calendar_valid(client, division):
    factories.EventFactory(organising_division=division, slug="broken", title="Seminar\r\nDTSTART:19700101")

    response = client.get("/calendar/event/broken.ics")

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Seminar DTSTART:19700101"
    # The line break stays inside the summary, escaped; it starts no property.
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Seminar\nDTSTART:19700101"
    assert event.decoded("DTSTART").year > 1970
