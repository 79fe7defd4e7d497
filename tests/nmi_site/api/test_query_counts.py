"""Every API list runs the same number of queries whatever the number of rows."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

# Queries per list: the content generations, the count, the page, one per
# visible nested list, and the validators (the latest visible change).
QUERIES = {
    "missions": 4,
    "divisions": 4,
    "nations": 4,
    "contributions": 4,
    "institutions": 5,
    "partner-organisations": 4,
    "capability-areas": 4,
    "milestones": 4,
    "programmes": 7,
    "lessons": 4,
    "trust-fund-contributions": 4,
    "objectives": 7,
    "reports": 4,
    "achievements": 4,
    "plans": 5,
    "events": 8,
}


def populate(resource, mission, division, rows):
    """``rows`` public and ``rows`` internal records of ``resource``, with the
    related records its list names."""
    nations = factories.NationFactory.create_batch(2)
    partners = factories.PartnerOrganisationFactory.create_batch(2)
    parent = factories.InstitutionFactory()
    for _ in range(rows):
        for level in ("public", "internal"):
            record = factories.API_RESOURCES[resource](level, mission, division)
            if resource in ("programmes", "events"):
                record.nations.set(nations)
                record.partner_organisations.set(partners)
            if resource in ("institutions", "plans"):
                type(record).objects.filter(pk=record.pk).update(
                    **({"parent": parent} if resource == "institutions" else {"institution": parent})
                )
            if resource == "objectives":
                record.institutions.add(parent)


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize("resource", factories.API_RESOURCES)
def test_list_query_count_is_constant(api, django_assert_num_queries, mission, division, resource, rows):
    populate(resource, mission, division, rows)

    with django_assert_num_queries(QUERIES[resource]):
        response = api.get(f"/api/v1/{resource}/", {"page_size": 100})

    assert response.status_code == 200
