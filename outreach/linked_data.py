"""schema.org ``Event`` data of an event page (JSON-LD), as search
engines and calendar tools read it: https://schema.org/Event."""

from django.urls import reverse
from django.utils import timezone

from nmi_site.content.links import absolute_url
from outreach.models import EventStatus

STATUS = {
    EventStatus.PLANNED: "https://schema.org/EventScheduled",
    EventStatus.CONFIRMED: "https://schema.org/EventScheduled",
    EventStatus.HELD: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def event_data(event, *, language):
    """The JSON-LD object of ``event`` (in the page's language), its times
    in Baghdad with their offset."""
    starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": absolute_url(event.get_absolute_url()),
        "startDate": starts.isoformat(),
        "endDate": ends.isoformat(),
        "eventStatus": STATUS[event.status],
        "inLanguage": language,
        "organizer": {
            "@type": "Organization",
            "name": event.mission.name,
            "url": absolute_url(reverse("missions:about")),
        },
    }
    if event.all_day:
        data["startDate"] = starts.date().isoformat()
        data["endDate"] = ends.date().isoformat()
    if event.summary:
        data["description"] = event.summary
    places = []
    if event.location:
        places.append(
            {
                "@type": "Place",
                "name": event.location,
                "address": {"@type": "PostalAddress", "addressLocality": event.location, "addressCountry": "IQ"},
            }
        )
    if event.online:
        places.append({"@type": "VirtualLocation", "url": absolute_url(event.get_absolute_url())})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode"
        if event.online and event.location
        else "https://schema.org/OnlineEventAttendanceMode"
        if event.online
        else "https://schema.org/OfflineEventAttendanceMode"
    )
    return data
