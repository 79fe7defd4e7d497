"""
The outreach the source report describes, as example events.

The report names the kinds of outreach (two ambassador days a year with the
NATO Contact Point Embassy, information days for defence attachés of nations
contributing for the first time, Security Contact Group meetings, the mobile
advisory training teams' courses, the SSRC–RDDC seminars and workshops) but
gives no dates. The loader therefore creates them as example events
(``is_example``, labelled "Example"), spread over past and coming months
relative to the day of the first load. Each event is looked up by its slug,
so a later run, on any day, changes nothing.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from missions.models import Division, Institution, Nation, PartnerOrganisation
from outreach.models import Event, EventKind, EventStatus

SECURITY_CONTACT_GROUP = ["euam-iraq", "unami", "undp", "cjtf-oir"]

COURSES = [
    "Intelligence requirements and collection management",
    "Exercise planning and direction",
    "Intelligence analysis techniques",
    "Major incident medical management",
    "Air and ground medical evacuation",
    "CBRN warning and reporting",
    "Explosive ordnance disposal: manual probing and detection",
    "Faculty education on field resuscitation",
]


def events_relative_to(today):
    """The example events, each as a dict, with days counted from ``today``."""
    events = []
    for number, days in enumerate((-300, -118, 62, 245), start=1):
        events.append(
            {
                "slug": f"ambassador-day-{number}",
                "kind": EventKind.AMBASSADOR_DAY,
                "division": "scro",
                "title_en": "Ambassador day with the NATO Contact Point Embassy",
                "summary_en": "One of the two ambassador days the mission holds each year with the NATO Contact "
                "Point Embassy in Baghdad, currently Italy's, to brief Allied and partner ambassadors.",
                "audience_en": "Ambassadors of Allied and partner nations in Baghdad",
                "location_en": "Baghdad",
                "days": days,
                "hours": (9, 13),
                "nations": ["IT"],
            }
        )
    for number, days in enumerate((-400, -200), start=1):
        events.append(
            {
                "slug": f"information-day-{number}",
                "kind": EventKind.INFORMATION_DAY,
                "division": "scro",
                "title_en": "Information day for defence attachés",
                "summary_en": "An introduction to the mission for defence attachés of nations contributing "
                "personnel for the first time.",
                "audience_en": "Defence attachés of first-time contributing nations",
                "location_en": "Baghdad",
                "days": days,
                "hours": (10, 15),
            }
        )
    for number, days in enumerate((-270, -180, -90, 30, 120), start=1):
        events.append(
            {
                "slug": f"security-contact-group-{number}",
                "kind": EventKind.SECURITY_CONTACT_GROUP,
                "division": "scro",
                "title_en": "Security Contact Group meeting",
                "summary_en": "The mission represents itself in the informal group of international organisations "
                "that supports security sector reform in Iraq.",
                "audience_en": "Members of the Security Contact Group",
                "location_en": "Baghdad",
                "days": days,
                "hours": (11, 13),
                "partners": SECURITY_CONTACT_GROUP,
                # One meeting of the series was called off, to show how that looks.
                "status": EventStatus.CANCELLED if number == 2 else None,
            }
        )
    for number, (title, days) in enumerate(zip(COURSES, range(-330, 200, 66), strict=False), start=1):
        events.append(
            {
                "slug": f"matt-course-{number}",
                "kind": EventKind.COURSE,
                "division": "tdd",
                "title_en": f"Mobile advisory training team course: {title}",
                "summary_en": "A course delivered by a mobile advisory training team at the request of advisors "
                "and their Iraqi counterparts.",
                "audience_en": "Iraqi instructors and staff officers",
                "days": days,
                "length": 5,
                "status": EventStatus.POSTPONED if number == 7 else None,
            }
        )
    for number, (kind, days) in enumerate(((EventKind.SEMINAR, -150), (EventKind.WORKSHOP, 90)), start=1):
        events.append(
            {
                "slug": f"ssrc-rddc-{kind}-{number}",
                "kind": kind,
                "division": "pse",
                "title_en": f"SSRC–RDDC joint {'seminar' if kind == EventKind.SEMINAR else 'workshop'}",
                "summary_en": "Iraq's Strategic Studies Research Centre and the Royal Danish Defence College share "
                "research and knowledge.",
                "audience_en": "Researchers and faculty",
                "location_en": "Baghdad",
                "days": days,
                "hours": (9, 16),
                "partners": ["rddc"],
                "nations": ["DK"],
                "institutions": ["strategic-studies-research-centre"],
                "objectives": ["lto-11-curriculum-faculty-institutions"],
            }
        )
    return events


def load(loader, mission):
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localdate()
    divisions = {division.slug: division for division in Division.objects.filter(mission=mission)}
    nations = {nation.iso_code: nation for nation in Nation.objects.all()}
    partners = {partner.slug: partner for partner in PartnerOrganisation.objects.all()}
    institutions = {institution.slug: institution for institution in Institution.objects.all()}
    objectives = {objective.slug: objective for objective in mission.objectives.all()}

    for record in events_relative_to(today):
        if record["division"] not in divisions:
            continue  # its division was deleted
        day = today + datetime.timedelta(days=record["days"])
        if "length" in record:
            starts = datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)
            ends = datetime.datetime.combine(
                day + datetime.timedelta(days=record["length"] - 1), datetime.time(23, 59), tzinfo=zone
            )
            all_day = True
        else:
            start_hour, end_hour = record["hours"]
            starts = datetime.datetime.combine(day, datetime.time(start_hour), tzinfo=zone)
            ends = datetime.datetime.combine(day, datetime.time(end_hour), tzinfo=zone)
            all_day = False
        past = record["days"] < 0
        status = record.get("status") or (
            EventStatus.HELD if past else EventStatus.CONFIRMED if record["days"] <= 60 else EventStatus.PLANNED
        )
        loader.get_or_create(
            Event,
            {"mission": mission, "slug": record["slug"]},
            {
                "kind": record["kind"],
                "organising_division": divisions[record["division"]],
                "title_en": record["title_en"],
                "summary_en": record["summary_en"],
                "audience_en": record.get("audience_en", ""),
                "location_en": record.get("location_en", ""),
                "starts_at": starts,
                "ends_at": ends,
                "all_day": all_day,
                "status": status,
                "outcome_en": "Example outcome: held as planned, with follow-up actions agreed."
                if status == EventStatus.HELD
                else "",
                "is_example": True,
            },
            m2m={
                "nations": [nations[code] for code in record.get("nations", []) if code in nations],
                "partner_organisations": [partners[slug] for slug in record.get("partners", []) if slug in partners],
                "institutions": [institutions[slug] for slug in record.get("institutions", []) if slug in institutions],
                "objectives": [objectives[slug] for slug in record.get("objectives", []) if slug in objectives],
            },
        )
