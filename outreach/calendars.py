"""iCalendar (RFC 5545) feeds of events, built with the ``icalendar``
package: stable UIDs, DTSTAMP/LAST-MODIFIED/SEQUENCE that move when an event
changes, Baghdad time with its VTIMEZONE, all-day and multi-day events."""

import datetime
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Timezone
from icalendar import Event as CalendarEvent

from nmi_site.content.links import absolute_url
from nmi_site.content.visibility import Visibility
from outreach.models import EventStatus

# Past events older than this drop out of the feeds, so a calendar that has
# subscribed for years does not download the mission's whole history.
FEED_HISTORY = datetime.timedelta(days=365)

STATUS = {
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.CANCELLED: "CANCELLED",
}


def subscribe_links(path, name):
    """How to subscribe to the calendar at ``path``: the file itself, a
    ``webcal:`` link (calendar applications open it and subscribe), and
    Google Calendar's and Outlook's pages that add a calendar by its
    address."""
    address = absolute_url(path)
    webcal = "webcal://" + address.split("://", 1)[1]
    return {
        "ics": address,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": address, "name": name}),
    }


def feed_window(queryset):
    return queryset.filter(ends_at__gte=timezone.now() - FEED_HISTORY).order_by("starts_at", "pk")


def public_page(event):
    return absolute_url(event.get_absolute_url())


def build_calendar(events, *, name, request, page=public_page):
    """The bytes of an iCalendar file holding ``events``; ``page(event)``
    is the address each links to (its public page by default)."""
    calendar = Calendar()
    calendar.add("prodid", "-//NMI Portal//Outreach events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # A name is one line, whatever the title it comes from holds.
    calendar.add("x-wr-calname", " ".join(str(name).split()))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Calendars are written in English, whatever the visitor's language.
    with translation.override("en"):
        for event in events:
            calendar.add_component(calendar_event(event, request, page))
    calendar.add_missing_timezones()
    if not calendar.subcomponents:
        # A calendar holds at least one component (RFC 5545, 3.6): with no
        # event yet, it is Baghdad's time zone, which its events will use.
        calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar.to_ical()


def calendar_event(event, request, page=public_page):
    zone = ZoneInfo(settings.TIME_ZONE)
    item = CalendarEvent()
    item.add("uid", event.uid)
    # DTSTAMP and LAST-MODIFIED are the last change, so they move with it.
    item.add("dtstamp", event.updated_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("created", event.created_at.astimezone(datetime.UTC))
    item.add("sequence", event.sequence)
    # A postponed event keeps its UID (calendars update it) and says so
    # where every calendar application shows it: its title and its notes.
    postponed = event.status == EventStatus.POSTPONED
    item.add("summary", f"Postponed: {event.title}" if postponed else event.title)
    if event.all_day:
        # All-day events: dates, with an exclusive end (RFC 5545 3.6.1).
        start = event.starts_at.astimezone(zone).date()
        end = event.ends_at.astimezone(zone).date()
        item.add("dtstart", start)
        item.add("dtend", end + datetime.timedelta(days=1))
    else:
        item.add("dtstart", event.starts_at.astimezone(zone))
        item.add("dtend", event.ends_at.astimezone(zone))
    description = [
        "Postponed: the dates below are the original ones; new dates will follow." if postponed else "",
        event.summary,
    ]
    if event.status == EventStatus.HELD and event.outcome:
        description.append(f"Outcome: {event.outcome}")
    item.add("description", "\n\n".join(part for part in description if part))
    location = ", ".join(part for part in (event.location, "online" if event.online else "") if part)
    if location:
        item.add("location", location)
    item.add("status", STATUS[event.status])
    item.add("categories", [str(event.get_kind_display())])
    item.add("class", "PUBLIC" if event.visibility == Visibility.PUBLIC else "CONFIDENTIAL")
    item.add("url", page(event))
    return item
