"""Every public page runs the same number of SQL queries whatever the
number of rows."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def populate(mission, rows):
    """``rows`` of every kind the pages list, each with its related records."""
    partners = factories.PartnerOrganisationFactory.create_batch(rows)
    nations = factories.NationFactory.create_batch(rows)
    institutions = factories.InstitutionFactory.create_batch(rows)
    for institution in institutions:
        factories.InstitutionFactory(parent=institution)
    for nation in nations:
        factories.ContributionFactory(mission=mission, nation=nation)
    mad = factories.DivisionFactory(mission=mission, slug="mad")
    for index in range(rows):
        division = factories.DivisionFactory(mission=mission)
        factories.DivisionFactory(mission=mission, parent=division)
        for programme_division in (division, mad):
            factories.ProgrammeFactory(
                division=programme_division,
                partner_organisations=partners[index : index + 2],
                nations=nations[index : index + 2],
                institutions=institutions[index : index + 2],
            )
        factories.DivisionFactory(mission=mission, parent=mad)
    factories.MilestoneFactory.create_batch(rows, mission=mission)
    factories.LessonFactory.create_batch(rows, mission=mission)
    factories.CapabilityAreaFactory.create_batch(rows)
    for year in range(2018, 2018 + rows):
        factories.TrustFundContributionFactory(mission=mission, year=year)


# The page, and the queries it needs: the content generations and the
# footer's "last updated" stamp are two of them on every page.
PAGES = [
    # Also the results summary, the next events and the latest approved progress.
    ("home", {}, 13),
    ("missions:about", {}, 6),
    ("missions:structure", {}, 8),
    ("missions:division_detail", {"slug": "mad"}, 10),
    ("missions:timeline", {}, 3),
    ("missions:partners", {}, 6),
    ("missions:lessons", {}, 3),
    ("accessibility", {}, 2),
    ("sources", {}, 2),
]


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize(("name", "kwargs", "queries"), PAGES)
def test_page_query_count_does_not_grow_with_rows(
    client, django_assert_num_queries, mission, name, kwargs, queries, rows
):
    populate(mission, rows)
    url = reverse(name, kwargs=kwargs)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_sitemap_query_count_does_not_grow_with_rows(client, django_assert_num_queries, mission, rows):
    populate(mission, rows)

    # The content generations, then one query per section: divisions,
    # objectives, plans, events.
    with django_assert_num_queries(5):
        response = client.get("/sitemap.xml")

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_staff_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, mission, rows):
    populate(mission, rows)
    client.force_login(factories.StaffFactory())

    # Two more for the session and the user, two for the second-factor
    # check (the user's device and the security policy).
    with django_assert_num_queries(12):
        client.get(reverse("missions:structure"))
