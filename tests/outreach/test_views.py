import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from outreach.models import Event, EventKind, EventStatus
from tests import factories
from tests.factories import baghdad

pytestmark = pytest.mark.django_db

HIDDEN = "zzhidden"


@pytest.fixture
def world(mission, division, other_division, objective):
    now = timezone.now()
    italy = factories.NationFactory(name="Italy", iso_code="IT")
    rddc = factories.PartnerOrganisationFactory(name="Royal Danish Defence College", acronym="RDDC", slug="rddc")
    hidden_partner = factories.PartnerOrganisationFactory(
        name=f"{HIDDEN} partner", slug="hidden-partner", visibility="partners"
    )
    hidden_nation = factories.NationFactory(name=f"{HIDDEN} nation", iso_code="ZZ", visibility="internal")
    hidden_objective = factories.ObjectiveFactory(
        owning_division=division, title=f"{HIDDEN} objective", slug="hidden-objective", visibility="internal"
    )
    upcoming = factories.EventFactory(
        organising_division=division,
        title="Ambassador day",
        slug="ambassador-day",
        kind="ambassador-day",
        starts_at=baghdad(2030, 3, 12, 9),
        ends_at=baghdad(2030, 3, 12, 13),
        nations=[italy, hidden_nation],
        partner_organisations=[rddc, hidden_partner],
        objectives=[objective, hidden_objective],
    )
    held = factories.EventFactory(
        organising_division=other_division,
        title="Joint seminar",
        slug="joint-seminar",
        starts_at=now - datetime.timedelta(days=40),
        ends_at=now - datetime.timedelta(days=40) + datetime.timedelta(hours=2),
        status=EventStatus.HELD,
        outcome="Research agenda agreed.",
    )
    factories.EventFactory(
        organising_division=division, title="Cancelled meeting", slug="cancelled", status=EventStatus.CANCELLED
    )
    factories.EventFactory(
        organising_division=division, title="Postponed course", slug="postponed", status=EventStatus.POSTPONED
    )
    factories.EventFactory(
        organising_division=division, title=f"{HIDDEN} internal event", slug="internal", visibility="internal"
    )
    factories.EventFactory(
        organising_division=division, title=f"{HIDDEN} partner event", slug="partners", visibility="partners"
    )
    hidden_division = factories.DivisionFactory(mission=mission, slug="hidden-division", visibility="internal")
    factories.EventFactory(
        organising_division=hidden_division, title=f"{HIDDEN} event of a hidden division", slug="orphan"
    )
    return {"upcoming": upcoming, "held": held}


PAGES = [
    ("outreach:upcoming", {}, ["Ambassador day", "12 Mar 2030, 09:00–13:00", "Cancelled meeting"]),
    ("outreach:past", {}, ["Joint seminar"]),
    (
        "outreach:detail",
        {"slug": "ambassador-day"},
        ["Italy", "Royal Danish Defence College", "Curriculum development", "UTC+03:00"],
    ),
    ("outreach:detail", {"slug": "joint-seminar"}, ["Research agenda agreed."]),
    ("outreach:detail", {"slug": "cancelled"}, ["This event has been cancelled."]),
    ("outreach:detail", {"slug": "postponed"}, ["This event has been postponed."]),
    ("objectives:detail", {"slug": "lto-11"}, ["Ambassador day"]),
    ("missions:division_detail", {"slug": "mad"}, ["Ambassador day"]),
]


def url(name, kwargs, language="en"):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize(("name", "kwargs", "expected"), PAGES)
def test_event_pages_show_public_records_only(client, world, name, kwargs, expected, language):
    response = client.get(url(name, kwargs, language))

    assert response.status_code == 200
    content = response.content.decode()
    if language == "en":
        for text in expected:
            assert text in content
    assert HIDDEN not in content.lower()
    assert response.cookies == {}
    # No script runs: the only script element is an event's schema.org data block.
    assert re.findall(r"<script[^>]*>", content) in ([], ['<script type="application/ld+json">'])
    assert " style=" not in content


@pytest.mark.parametrize("slug", ["internal", "partners", "orphan", "no-such-event"])
def test_hidden_events_are_404(client, world, slug):
    response = client.get(f"/events/{slug}/")

    assert response.status_code == 404
    assert HIDDEN not in response.content.decode().lower()


def test_outcome_shows_only_once_held(client, world):
    event = world["upcoming"]
    event.outcome = "Premature outcome"
    event.save()

    assert "Premature outcome" not in client.get("/events/ambassador-day/").content.decode()


def test_staff_see_internal_events_with_a_badge(client, world):
    client.force_login(factories.StaffFactory())

    content = client.get("/events/internal/").content.decode()

    assert '<strong class="badge badge--internal">Internal</strong>' in content


def test_upcoming_and_past_split_on_the_end_time(client, mission, division):
    now = timezone.now()
    factories.EventFactory(
        organising_division=division,
        title="Ongoing",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=1),
    )

    assert "Ongoing" in client.get("/events/").content.decode()
    assert "Ongoing" not in client.get("/events/past/").content.decode()


def titles(response):
    return [event.title for event in response.context["events"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "ambassador-day"}, ["Ambassador day"]),
        ({"division": "tdd"}, []),
        ({"partner": "rddc"}, ["Ambassador day"]),
        ({"nation": "IT"}, ["Ambassador day"]),
        ({"objective": "lto-11"}, ["Ambassador day"]),
        ({"year": "2030"}, ["Ambassador day"]),
    ],
)
def test_upcoming_filters(client, world, query, expected):
    response = client.get("/events/", query)

    assert response.status_code == 200
    assert titles(response) == expected


def test_past_filter_by_division(client, world):
    assert titles(client.get("/events/past/", {"division": "tdd"})) == ["Joint seminar"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"year": "abc"}, "year"),
        ({"year": "1999"}, "year"),
        ({"division": "nope"}, "division"),
        ({"partner": "hidden-partner"}, "partner"),
        ({"nation": "ZZ"}, "nation"),
        ({"objective": "hidden-objective"}, "objective"),
    ],
)
def test_bad_filter_values_get_a_message_not_an_error(client, world, query, field):
    response = client.get("/events/", query)

    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    assert titles(response) == []
    assert HIDDEN not in response.content.decode().lower()
    # The field names its message, and the message is there under that id.
    described = re.search(rf'<select name="{field}" aria-describedby="([^"]+)"', response.text).group(1)
    assert f'<p class="field__error" id="{described}">' in response.text


def test_filter_choices_name_visible_records_only(client, world):
    content = client.get("/events/").content.decode()

    assert "Royal Danish Defence College" in content
    assert HIDDEN not in content.lower()


# Pagination ----------------------------------------------------------------------------


@pytest.fixture
def many_events(division):
    start = timezone.now() + datetime.timedelta(days=1)
    for index in range(45):
        factories.EventFactory(
            organising_division=division,
            title=f"Course {index:02d}",
            starts_at=start + datetime.timedelta(days=index),
            ends_at=start + datetime.timedelta(days=index, hours=2),
        )


def test_pagination_pages_through_every_event(client, many_events):
    seen = []
    for page in (1, 2, 3):
        response = client.get("/events/", {"page": page})
        assert response.status_code == 200
        seen += titles(response)

    assert seen == [f"Course {index:02d}" for index in range(45)]


def test_pagination_marks_the_current_page_and_keeps_filters(client, many_events):
    content = client.get("/events/", {"page": 2, "kind": "seminar"}).content.decode()

    assert '<a href="?kind=seminar&amp;page=2" aria-current="page">2</a>' in content
    assert 'href="?kind=seminar&amp;page=1" rel="prev"' in content
    assert 'href="?kind=seminar&amp;page=3" rel="next"' in content


@pytest.mark.parametrize("page", ["0", "4", "-1", "abc", "1.5", "99999999999999999999"])
def test_pages_out_of_range_or_malformed_are_404(client, many_events, page):
    assert client.get("/events/", {"page": page}).status_code == 404


def test_last_page_is_partial(client, many_events):
    assert len(titles(client.get("/events/", {"page": "last"}))) == 5


def test_event_page_links_to_add_to_calendar(client, world):
    content = client.get("/events/ambassador-day/").content.decode()

    assert 'href="/calendar/event/ambassador-day.ics"' in content


def test_event_list_offers_subscription_links(client, world):
    content = client.get("/events/").content.decode()

    assert 'href="/calendar/events.ics"' in content
    assert 'type="application/atom+xml"' in content


def test_all_day_event_shows_dates_only(client, division):
    factories.EventFactory(
        organising_division=division,
        title="Course",
        slug="course",
        all_day=True,
        starts_at=baghdad(2030, 4, 6),
        ends_at=baghdad(2030, 4, 10, 23, 59),
    )

    content = client.get("/events/course/").content.decode()

    assert '<time datetime="2030-04-06">6 Apr 2030 – 10 Apr 2030</time>' in content


def test_event_model_refuses_an_end_before_the_start(division):
    from django.core.exceptions import ValidationError

    event = factories.EventFactory.build(
        organising_division=division, starts_at=baghdad(2030, 1, 2), ends_at=baghdad(2030, 1, 1)
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict["ends_at"] == ["An event cannot end before it starts."]
    assert not Event.objects.exists()


# Downloads ------------------------------------------------------------------------------


def download_links(response):
    return dict(re.findall(r'<a href="(/api/v1/[^"]+)" download>([^<]+)</a>', response.text.replace("&amp;", "&")))


def test_the_events_page_offers_its_events_as_csv_and_xlsx_with_its_filters(client, world, division):
    response = client.get("/events/", {"kind": "ambassador-day", "division": division.slug})

    links = {label: href for href, label in download_links(response).items()}
    assert set(links) == {"CSV", "Spreadsheet (XLSX)"}
    assert links["CSV"] == f"/api/v1/events/?kind=ambassador-day&division={division.slug}&format=csv"
    assert links["Spreadsheet (XLSX)"].endswith("&format=xlsx")
    exported = client.get(links["CSV"])
    lines = b"".join(exported.streaming_content).decode().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [str(world["upcoming"].pk)]


def test_a_years_events_are_downloaded_by_the_years_span_in_arabic_on_arabic_pages(client, world):
    response = client.get("/ar/events/", {"year": "2030"})

    (csv_link,) = [href for href, label in download_links(response).items() if "CSV" in label]
    assert "lang=ar" in csv_link
    assert "starts_after=2030-01-01T00%3A00%3A00%2B03%3A00" in csv_link
    assert "starts_before=2030-12-31T23%3A59%3A59%2B03%3A00" in csv_link
    assert "year=" not in csv_link


# Subscribing ----------------------------------------------------------------------------


def test_the_events_page_offers_each_kinds_calendar_with_subscribe_links(client, world):
    content = client.get("/events/").content.decode().replace("&amp;", "&")

    for kind in EventKind.values:
        assert f'href="webcal://testserver/calendar/kind/{kind}.ics"' in content
        assert f"cid=webcal%3A%2F%2Ftestserver%2Fcalendar%2Fkind%2F{kind}.ics" in content
        assert f"addfromweb?url=http%3A%2F%2Ftestserver%2Fcalendar%2Fkind%2F{kind}.ics" in content
        assert client.get(f"/calendar/kind/{kind}.ics").status_code == 200
    assert 'href="webcal://testserver/calendar/events.ics"' in content
    # Works without JavaScript: a disclosure the browser opens by itself.
    assert '<details class="subscribe-help">' in content


def test_the_example_notice_of_events_speaks_of_events(client, division):
    factories.EventFactory(organising_division=division, is_example=True)

    content = client.get("/events/").content.decode()

    assert "The source report gives no event dates" in content
    assert "progress figures" not in content
