"""The corporate memory in the API: staff tokens read it; anonymous
clients and partner keys get 404, as for a resource that does not exist."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LISTS = ("api:advisory-post-list", "api:engagement-list")


@pytest.fixture
def records(division):
    post = factories.AdvisoryPostFactory(division=division, title="Advisor to the Director of Training")
    factories.TourFactory(post=post, holder_name="J. Doe")
    engagement = factories.EngagementFactory(post=post, purpose="Agree the calendar.")
    factories.NextStepFactory(engagement=engagement, description="Send the draft")
    return post, engagement


@pytest.mark.parametrize("kind", ["anonymous", "partner"])
def test_anyone_but_staff_gets_404(make_client, records, kind):
    client = make_client(kind)
    post, engagement = records
    for name in LISTS:
        assert client.get(reverse(name)).status_code == 404
    assert client.get(reverse("api:advisory-post-detail", args=[post.pk])).status_code == 404
    assert client.get(reverse("api:engagement-detail", args=[engagement.pk])).status_code == 404


def test_an_editor_of_another_division_reads_none_of_them(make_client, records, other_division):
    client = make_client("editor of another division", other_division)
    _post, engagement = records
    assert client.get(reverse("api:advisory-post-list")).json()["results"] == []
    assert client.get(reverse("api:engagement-detail", args=[engagement.pk])).status_code == 404


def test_a_staff_token_reads_posts_tours_engagements_and_next_steps(make_client, records, division):
    client = make_client("reviewer")
    posts = client.get(reverse("api:advisory-post-list")).json()["results"]
    assert [(post["title"], post["tours"][0]["holder"]) for post in posts] == [
        ("Advisor to the Director of Training", "J. Doe")
    ]
    engagements = client.get(reverse("api:engagement-list")).json()["results"]
    assert engagements[0]["purpose"] == "Agree the calendar."
    assert engagements[0]["next_steps"][0]["description"] == "Send the draft"


def test_the_lists_take_the_same_number_of_queries_as_records_grow(make_client, division):
    client = make_client("reviewer")

    def add(count):
        for _number in range(count):
            post = factories.AdvisoryPostFactory(division=division)
            factories.TourFactory(post=post)
            factories.NextStepFactory(engagement=factories.EngagementFactory(post=post))

    add(2)
    counts = []
    for more in (0, 20):
        add(more)
        for name in LISTS:
            client.get(reverse(name))  # what is read once per change and kept (the page count)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]


def test_the_public_schema_does_not_list_them(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "advisory-posts" not in schema and "engagements" not in schema
