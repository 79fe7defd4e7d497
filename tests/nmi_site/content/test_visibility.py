import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions import models
from nmi_site.content.selectors import latest_visible_change
from nmi_site.content.visibility import (
    Visibility,
    most_restrictive,
    refresh_all_effective_visibility,
    visibility_levels,
)
from objectives.models import Measurement
from tests import factories

pytestmark = pytest.mark.django_db


class PartnerViewer:
    """Stands in for a partner key: anything that states its own levels."""

    visibility_levels = (Visibility.PUBLIC, Visibility.PARTNERS)


@pytest.fixture
def programmes(mission, division):
    hidden_division = factories.DivisionFactory(mission=mission, visibility=Visibility.INTERNAL)
    return {
        level: factories.ProgrammeFactory(division=division, name=level, visibility=level)
        for level in Visibility.values
    } | {"under hidden division": factories.ProgrammeFactory(division=hidden_division, name="under hidden division")}


def names(queryset):
    return sorted(queryset.values_list("name", flat=True))


def test_anonymous_sees_public_only(programmes):
    assert names(models.Programme.objects.visible_to(None)) == ["public"]


def test_partner_sees_public_and_partner_records(programmes):
    assert names(models.Programme.objects.visible_to(PartnerViewer())) == ["partners", "public"]


def test_staff_see_everything(programmes):
    staff = factories.StaffFactory()

    assert names(models.Programme.objects.visible_to(staff)) == [
        "internal",
        "partners",
        "public",
        "under hidden division",
    ]


def test_inactive_staff_see_public_only(programmes):
    staff = factories.StaffFactory(is_active=False)

    assert visibility_levels(staff) == {Visibility.PUBLIC}
    assert names(models.Programme.objects.visible_to(staff)) == ["public"]


def test_children_follow_every_ancestor(mission, division):
    programme = factories.ProgrammeFactory(division=division)
    mission.visibility = Visibility.INTERNAL
    mission.save()

    assert not models.Programme.objects.visible_to(None).filter(pk=programme.pk).exists()
    assert not models.Division.objects.visible_to(None).exists()


def test_contribution_follows_its_nation_and_mission(mission):
    hidden_nation = factories.NationFactory(visibility=Visibility.PARTNERS)
    factories.ContributionFactory(mission=mission, nation=hidden_nation)

    assert models.Contribution.objects.visible_to(None).count() == 0
    assert models.Contribution.objects.visible_to(PartnerViewer()).count() == 1


def test_latest_visible_change_is_none_when_nothing_is_visible(db):
    factories.LessonFactory(visibility=Visibility.INTERNAL, mission=factories.MissionFactory(visibility="internal"))

    assert latest_visible_change(None) is None
    assert latest_visible_change(factories.StaffFactory()) is not None


# The stored effective visibility --------------------------------------------------


def expected_level(record):
    """The effective level worked out from scratch, up the tree in Python."""
    levels = [record.visibility] if hasattr(record, "visibility") else []
    for path in type(record).visibility_parents:
        parent = getattr(record, path)
        if parent is not None:
            levels.append(expected_level(type(parent)._base_manager.get(pk=parent.pk)))
    return most_restrictive(levels)


def tree(mission):
    """A small tree with every kind of parent: a division and its branch,
    an objective of the branch with a report, a measurement, a plan and an
    activity, an achievement, an event and a programme."""
    top = factories.DivisionFactory(mission=mission)
    branch = factories.DivisionFactory(mission=mission, parent=top)
    other = factories.DivisionFactory(mission=mission)
    objective = factories.ObjectiveFactory(owning_division=branch)
    report = factories.ReportFactory(objective=objective)
    indicator = factories.IndicatorFactory(objective=objective)
    measurement = Measurement.objects.create(indicator=indicator, report=report, actual_value=1)
    plan = factories.PlanFactory(objective=objective)
    return {
        "mission": mission,
        "top": top,
        "branch": branch,
        "other": other,
        "objective": objective,
        "report": report,
        "indicator": indicator,
        "measurement": measurement,
        "plan": plan,
        "activity": factories.ActivityFactory(plan=plan),
        "achievement": factories.AchievementFactory(division=branch, objective=objective),
        "event": factories.EventFactory(organising_division=branch, mission=mission),
        "programme": factories.ProgrammeFactory(division=top),
        "line": factories.LineOfEffortFactory(objective=objective),
    }


def assert_every_level_right(records):
    for name, record in records.items():
        stored = type(record)._base_manager.get(pk=record.pk)
        assert stored.effective_visibility == expected_level(stored), name


# What may change: a record's own level (saved, or by a queryset update), or
# the parent it hangs from.
LEVELLED = ["mission", "top", "branch", "other", "objective", "achievement", "event", "programme"]
change = st.one_of(
    st.tuples(st.just("level"), st.sampled_from(LEVELLED), st.sampled_from(Visibility.values), st.booleans()),
    st.tuples(st.just("objective to"), st.sampled_from(["top", "branch", "other"])),
    st.tuples(st.just("branch under"), st.sampled_from(["top", "other"])),
    st.tuples(st.just("event to"), st.sampled_from(["top", "branch", "other"])),
)


def apply(records, step):
    if step[0] == "level":
        _, name, level, by_update = step
        record = records[name]
        if by_update:
            type(record).objects.filter(pk=record.pk).update(visibility=level)
        else:
            record = type(record)._base_manager.get(pk=record.pk)
            record.visibility = level
            record.save()
        return
    kind, target = step
    record = {"objective to": "objective", "branch under": "branch", "event to": "event"}[kind]
    field = {"objective to": "owning_division", "branch under": "parent", "event to": "organising_division"}[kind]
    fresh = type(records[record])._base_manager.get(pk=records[record].pk)
    setattr(fresh, field, records[target])
    fresh.save()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(change, min_size=1, max_size=6))
def test_the_stored_level_is_right_after_every_kind_of_parent_change(mission, steps):
    with transaction.atomic():
        records = tree(mission)
        assert_every_level_right(records)
        for step in steps:
            apply(records, step)
            assert_every_level_right(records)
        transaction.set_rollback(True)


def test_a_parent_change_updates_its_subtree_one_model_at_a_time(mission, django_assert_max_num_queries):
    records = tree(mission)
    top = records["top"]
    top.visibility = Visibility.INTERNAL

    # The division itself, its branch and the branch's records, and its
    # programmes: an update (and an existence check) per child model and
    # level, however many rows each holds.
    with django_assert_max_num_queries(40):
        top.save()

    assert Measurement.objects.visible_to(None).count() == 0
    assert models.Programme.objects.visible_to(None).count() == 0
    assert records["other"].__class__.objects.visible_to(None).filter(pk=records["other"].pk).exists()


def test_bulk_created_records_get_their_level(mission, division):
    report = factories.ReportFactory(objective=factories.ObjectiveFactory(owning_division=division))
    indicator = factories.IndicatorFactory(objective=report.objective)
    (measurement,) = Measurement.objects.bulk_create([Measurement(indicator=indicator, report=report, actual_value=2)])
    assert Measurement.objects.get(pk=measurement.pk).effective_visibility == expected_level(measurement)


def test_working_everything_out_again_changes_nothing_that_was_right(mission):
    records = tree(mission)
    records["branch"].visibility = Visibility.PARTNERS
    records["branch"].save()
    before = {name: type(r)._base_manager.get(pk=r.pk).effective_visibility for name, r in records.items()}
    type(records["objective"])._base_manager.update(effective_visibility=Visibility.PUBLIC)  # gone wrong

    refresh_all_effective_visibility()

    after = {name: type(r)._base_manager.get(pk=r.pk).effective_visibility for name, r in records.items()}
    assert after == before


def test_level_names_sort_from_the_most_restrictive():
    assert most_restrictive([Visibility.PUBLIC, Visibility.PARTNERS]) == Visibility.PARTNERS
    assert most_restrictive([Visibility.PUBLIC, Visibility.INTERNAL, Visibility.PARTNERS]) == Visibility.INTERNAL
    assert most_restrictive([]) == Visibility.PUBLIC
