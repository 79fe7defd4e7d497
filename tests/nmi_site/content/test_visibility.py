import pytest

from missions import models
from nmi_site.content.selectors import latest_visible_change
from nmi_site.content.visibility import Visibility, visibility_levels
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
