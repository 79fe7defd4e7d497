"""The objectives pages run the same number of queries as reports,
objectives, indicators and activities grow tenfold."""

import datetime

import pytest

from objectives.models import Measurement
from tests import factories

pytestmark = pytest.mark.django_db


def populate(division, objective, rows):
    for _ in range(rows):
        other = factories.ObjectiveFactory(owning_division=division)
        other.capability_areas.add(factories.CapabilityAreaFactory())
        factories.ReportFactory(objective=other, approved=True)
    indicators = factories.IndicatorFactory.create_batch(rows, objective=objective)
    for index in range(rows * 4):
        report = factories.ReportFactory(
            objective=objective,
            period_start=datetime.date(1900 + index, 1, 1),
            period_end=datetime.date(1900 + index, 6, 30),
            approved=True,
        )
        Measurement.objects.bulk_create(
            [Measurement(indicator=indicator, report=report, actual_value=index) for indicator in indicators]
        )
    for index in range(rows):
        objective.lines_of_effort.create(order=index + 1, title=f"Line {index}")
        objective.institutions.add(factories.InstitutionFactory())
        factories.AchievementFactory(division=division, objective=objective)
    plan = factories.PlanFactory(objective=objective, version=1)
    factories.ActivityFactory.create_batch(
        rows, plan=plan, lead_division=division, lead_nation=factories.NationFactory()
    )


PAGES = [
    # Also the results summary, per division.
    ("/objectives/", 8),
    ("/objectives/lto-11/", 14),
    ("/objectives/lto-11/plan/", 7),
]


@pytest.mark.parametrize("rows", [2, 20])
@pytest.mark.parametrize(("path", "queries"), PAGES)
def test_objective_page_query_count_does_not_grow(
    client, django_assert_num_queries, division, objective, rows, path, queries
):
    populate(division, objective, rows)

    with django_assert_num_queries(queries):
        response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [2, 20])
def test_filtered_dashboard_query_count_does_not_grow(client, django_assert_num_queries, division, objective, rows):
    populate(division, objective, rows)

    with django_assert_num_queries(8):
        response = client.get("/objectives/", {"division": "mad", "status": "active"})

    assert response.status_code == 200
