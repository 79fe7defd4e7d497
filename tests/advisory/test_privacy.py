"""The corporate memory is internal: what posts and tours say never shows
on a public page, feed, calendar, the sitemap, search or an API answer,
anonymously or with a partner key, even when they are tied to public
records."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from missions.models import Division
from nmi_site.access.models import KeyScope, PartnerKey
from objectives.models import LongTermObjective
from tests import factories

pytestmark = pytest.mark.django_db

MARKER = "zqxmemorymarker"
# What the records say (a search page repeats the query, so the marker alone
# is not enough).
SAID = (
    f"post {MARKER}",
    f"duties {MARKER}",
    f"holder {MARKER}",
    f"purpose {MARKER}",
    f"outcome {MARKER}",
    f"step {MARKER}",
    f"observation {MARKER}",
)


@pytest.fixture
def memory(db):
    call_command("load_source_data", stdout=io.StringIO())
    division = Division.objects.visible_to(None).order_by("order", "pk").first()
    objective = LongTermObjective.objects.visible_to(None).order_by("number", "pk").first()
    post = factories.AdvisoryPostFactory(division=division, title=f"Post {MARKER}", duties=f"Duties {MARKER}")
    post.objectives.add(objective)
    factories.TourFactory(post=post, holder_name=f"Holder {MARKER}")
    engagement = factories.EngagementFactory(
        post=post,
        institution=objective.institutions.first() or factories.InstitutionFactory(),
        purpose=f"Purpose {MARKER}",
        outcomes=f"Outcome {MARKER}",
    )
    engagement.objectives.add(objective)
    factories.NextStepFactory(engagement=engagement, description=f"Step {MARKER}")
    # A lesson not yet learned, public in itself and linked to a public objective.
    lesson = factories.LessonFactory(
        mission=objective.mission, number=99, title=f"Observation {MARKER}", stage="observation"
    )
    objective.lessons.add(lesson)
    return post


def answers(client):
    paths = [
        *factories.public_paths(),
        *(factories.arabic(path) for path in factories.public_paths()),
        f"/search/?q={MARKER}",
        "/feeds/events.atom",
        "/calendar/events.ics",
        "/sitemap.xml",
        f"/api/v1/search/?q={MARKER}",
        *(reverse(f"api:{name}-list") for name in ("division", "objective", "event", "institution", "lesson")),
        reverse(
            "api:objective-detail",
            args=[LongTermObjective.objects.visible_to(None).order_by("number", "pk").first().pk],
        ),
    ]
    return {path: client.get(path).content.decode() for path in paths}


def test_nothing_of_the_corporate_memory_shows_anonymously(client, memory):
    found = [path for path, body in answers(client).items() if any(said in body.lower() for said in SAID)]
    assert found == []


def test_nothing_of_the_corporate_memory_shows_to_a_partner_key(memory):
    partner = factories.PartnerOrganisationFactory()
    _key, secret = PartnerKey.issue(partner=partner, label="probe", scopes=[KeyScope.API_READ, KeyScope.CALENDAR])
    answered = answers(factories.client_with(secret))
    found = [path for path, body in answered.items() if any(said in body.lower() for said in SAID)]
    assert found == []
    calendar = factories.Client().get(f"/calendar/private/{secret}/events.ics").content.decode()
    assert "BEGIN:VCALENDAR" in calendar
    assert MARKER not in calendar.lower()
