"""A database at the schema before the latest migrations, holding data,
migrates forward with nothing lost."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from nmi_site.access.models import PartnerKey, StaffProfile
from objectives.models import PlanOnAPage, PlanState
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

# The schema of the last release: plans had no agreement review yet.
PREVIOUS = [("objectives", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_a_database_with_data_migrates_forward_with_nothing_lost(objective, editor):
    agreed = factories.PlanFactory(objective=objective, version=1, change_summary="Agreed with the ministry.")
    draft = factories.PlanFactory(objective=objective, version=2, state=PlanState.DRAFT, agreed_on=None)
    factories.ActivityFactory(plan=agreed, title="Review the curriculum")
    key, _secret = PartnerKey.issue(partner=factories.PartnerOrganisationFactory(), label="Reader", scopes=["api:read"])
    targets = latest()

    migrate(PREVIOUS)
    migrate(targets)

    assert {(plan.pk, plan.state, plan.version) for plan in PlanOnAPage.objects.all()} == {
        (agreed.pk, PlanState.AGREED, 1),
        (draft.pk, PlanState.DRAFT, 2),
    }
    assert PlanOnAPage.objects.get(pk=agreed.pk).change_summary == "Agreed with the ministry."
    assert [activity.title for activity in PlanOnAPage.objects.get(pk=agreed.pk).activities.all()] == [
        "Review the curriculum"
    ]
    assert PlanOnAPage.objects.get(pk=draft.pk).submitted_by is None
    # The access records (their app kept its label) are untouched.
    assert PartnerKey.objects.get(pk=key.pk).key_hash == key.key_hash
    assert list(StaffProfile.objects.get(user=editor).divisions.all()) == [objective.owning_division]
