import datetime
from unittest import mock

import pytest
from django.core.management import call_command

from objectives.models import (
    Indicator,
    KeyAchievement,
    LongTermObjective,
    Measurement,
    PlannedActivity,
    PlanOnAPage,
    PlanState,
    ProgressReport,
    ReportState,
)

pytestmark = pytest.mark.django_db

MODELS = [LongTermObjective, Indicator, KeyAchievement, ProgressReport, Measurement, PlanOnAPage, PlannedActivity]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in MODELS}


def test_loader_loads_the_reports_objectives_as_facts():
    call_command("load_source_data", "--facts-only")

    lto9 = LongTermObjective.objects.get(number=9)
    lto11 = LongTermObjective.objects.get(number=11)
    ihl = LongTermObjective.objects.get(slug="international-humanitarian-and-human-rights-law")
    assert (lto9.owning_division.acronym, lto11.owning_division.acronym, ihl.owning_division.acronym) == (
        "PSE",
        "PSE",
        "SPCO",
    )
    assert list(lto11.lines_of_effort.values_list("title", flat=True)) == [
        "Curriculum development",
        "Faculty development",
        "Institutional development",
    ]
    assert ihl.number is None
    assert ihl.lines_of_effort.count() == 3
    assert set(LongTermObjective.objects.filter(owning_division__acronym="MAD").values_list("title", flat=True)) == {
        "Strategy formulation",
        "Defence planning",
        "Logistics",
        "Cyber",
        "Human resource management",
        "Intelligence",
        "Financial reform",
    }
    assert KeyAchievement.objects.filter(division__acronym="MAD").count() == 9
    assert KeyAchievement.objects.get(objective__slug="mad-cyber").when == "since May 2023"
    assert KeyAchievement.objects.get(objective__slug="mad-logistics").when == "2018 – 2023"
    # Facts only: no example data at all.
    assert not LongTermObjective.objects.filter(is_example=True).exists()
    for model in (ProgressReport, PlanOnAPage, Indicator):
        assert not model.objects.exists()


def test_loader_adds_flagged_example_data_to_reach_21_objectives():
    call_command("load_source_data")

    assert LongTermObjective.objects.count() == 21
    assert LongTermObjective.objects.filter(owning_division__acronym="MAD").count() == 14
    assert LongTermObjective.objects.filter(owning_division__acronym="PSE").count() == 2
    assert LongTermObjective.objects.filter(is_example=True).count() == 11
    assert not LongTermObjective.objects.filter(number=9, is_example=True).exists()
    assert set(ProgressReport.objects.values_list("is_example", "state")) == {(True, ReportState.APPROVED)}
    assert set(PlanOnAPage.objects.values_list("is_example", flat=True)) == {True}
    assert set(Indicator.objects.values_list("is_example", flat=True)) == {True}
    assert Measurement.objects.exists()
    # Every objective has exactly one agreed plan and its superseded predecessor.
    for objective in LongTermObjective.objects.all():
        assert list(objective.plans.order_by("version").values_list("state", flat=True)) == [
            PlanState.SUPERSEDED,
            PlanState.AGREED,
        ]
        assert objective.plans.get(state=PlanState.AGREED).activities.count() <= 12


def test_loader_run_twice_changes_nothing():
    call_command("load_source_data")
    before = snapshot()

    call_command("load_source_data")

    assert snapshot() == before


def test_example_data_is_made_once_even_on_a_later_day():
    call_command("load_source_data")
    before = snapshot()

    # A run on another day finds every objective's example data in place.
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2030, 1, 1)):
        call_command("load_source_data")

    assert snapshot() == before


def test_facts_only_then_full_load_adds_the_examples():
    call_command("load_source_data", "--facts-only")
    facts = LongTermObjective.objects.count()

    call_command("load_source_data")

    assert LongTermObjective.objects.count() == 21 > facts
