import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from missions import models
from nmi_site.access.models import KeyScope, PartnerKey
from tests import factories

pytestmark = pytest.mark.django_db


def violates(callable_):
    """True when the database itself refuses the write."""
    try:
        with transaction.atomic():
            callable_()
    except IntegrityError:
        return True
    return False


def test_new_records_are_internal_by_default(mission):
    lesson = models.Lesson.objects.create(mission=mission, number=1, title="Lesson")

    assert lesson.visibility == "internal"


def test_database_refuses_duplicate_division_slug_in_a_mission(division):
    assert violates(lambda: factories.DivisionFactory(mission=division.mission, slug=division.slug))


def test_same_division_slug_is_allowed_in_another_mission(division):
    factories.DivisionFactory(slug=division.slug)

    assert models.Division.objects.filter(slug=division.slug).count() == 2


def test_database_refuses_a_division_that_is_its_own_branch(division):
    assert violates(lambda: models.Division.objects.filter(pk=division.pk).update(parent=division.pk))


def test_database_refuses_lesson_number_zero(mission):
    assert violates(lambda: models.Lesson.objects.create(mission=mission, number=0, title="Zero"))


def test_database_refuses_duplicate_lesson_number(mission):
    factories.LessonFactory(mission=mission, number=1)

    assert violates(lambda: factories.LessonFactory(mission=mission, number=1))


def test_database_refuses_negative_trust_fund_amount(mission):
    assert violates(
        lambda: models.TrustFundContribution.objects.create(mission=mission, year=2018, amount_eur=Decimal("-1"))
    )


def test_database_refuses_implausible_trust_fund_year(mission):
    assert violates(lambda: models.TrustFundContribution.objects.create(mission=mission, year=1900, amount_eur=1))


def test_database_refuses_a_malformed_iso_code(db):
    assert violates(lambda: models.Nation.objects.create(name="Italy", iso_code="it", status="ally"))


def test_database_refuses_duplicate_contribution(mission):
    nation = factories.NationFactory()
    factories.ContributionFactory(mission=mission, nation=nation)

    assert violates(lambda: factories.ContributionFactory(mission=mission, nation=nation))


@pytest.mark.parametrize(
    ("date", "precision", "allowed"),
    [
        (datetime.date(2018, 7, 15), "day", True),
        (datetime.date(2018, 7, 1), "month", True),
        (datetime.date(2018, 7, 15), "month", False),
        (datetime.date(2018, 1, 1), "year", True),
        (datetime.date(2018, 7, 1), "year", False),
    ],
)
def test_database_keeps_approximate_dates_on_the_first_of_their_period(mission, date, precision, allowed):
    write = lambda: models.Milestone.objects.create(  # noqa: E731
        mission=mission, date=date, date_precision=precision, title="M"
    )

    assert violates(write) is not allowed


def test_database_refuses_establishment_before_launch(db):
    assert violates(
        lambda: factories.MissionFactory(
            launched_on=datetime.date(2018, 7, 1), established_on=datetime.date(2018, 6, 1)
        )
    )


def test_clean_explains_establishment_before_launch(db):
    mission = factories.MissionFactory.build(
        launched_on=datetime.date(2018, 7, 1), established_on=datetime.date(2018, 6, 1)
    )

    with pytest.raises(ValidationError) as error:
        mission.full_clean()

    assert error.value.message_dict == {"established_on": ["The mission cannot be established before it was launched."]}


def test_clean_refuses_a_branch_of_another_mission(division):
    branch = factories.DivisionFactory.build(mission=factories.MissionFactory(), parent=division)

    with pytest.raises(ValidationError) as error:
        branch.full_clean()

    assert error.value.message_dict["parent"] == ["A branch must belong to a division of the same mission."]


def test_clean_refuses_a_division_with_branches_becoming_a_branch(mission, division, other_division):
    factories.DivisionFactory(mission=mission, parent=division)
    division.parent = other_division

    with pytest.raises(ValidationError) as error:
        division.full_clean()

    assert error.value.message_dict["parent"] == ["This division has branches of its own, so it cannot be a branch."]


def test_clean_refuses_an_institution_inside_itself(db):
    ministry = factories.InstitutionFactory()
    directorate = factories.InstitutionFactory(parent=ministry)
    ministry.parent = directorate

    with pytest.raises(ValidationError) as error:
        ministry.full_clean()

    assert error.value.message_dict["parent"] == ["An institution cannot be part of itself."]


def test_string_representations(mission, division):
    assert str(mission) == "NATO Mission Iraq"
    assert str(division) == "Ministerial Advisory Division (MAD)"
    assert str(factories.LessonFactory(mission=mission, number=4, title="Shared objectives")) == "4. Shared objectives"
    assert str(factories.TrustFundContributionFactory(mission=mission)) == "2018: EUR 1,130,000.00"
    assert (
        str(
            factories.MilestoneFactory(
                mission=mission, title="Launch", date=datetime.date(2018, 7, 1), date_precision="month"
            )
        )
        == "Jul 2018 — Launch"
    )


def test_division_figures_render_with_their_qualifier(division):
    division.advisor_count, division.advisor_count_qualifier = 60, "over"
    division.nation_count, division.nation_count_qualifier = 15, "about"

    assert (division.advisors_display, division.nations_display) == ("over 60", "about 15")


def test_every_change_is_kept_in_history(division):
    division.name = "Renamed"
    division.save()

    assert [record.name for record in division.history.all()] == ["Renamed", "Ministerial Advisory Division"]


def test_programme_history_records_link_changes(division):
    programme = factories.ProgrammeFactory(division=division)
    partner = factories.PartnerOrganisationFactory()

    programme.partner_organisations.add(partner)

    latest = programme.history.latest()
    assert [link.partnerorganisation_id for link in latest.partner_organisations.all()] == [partner.pk]


# Lessons through NATO's stages ------------------------------------------------


@pytest.mark.parametrize("stage", ["observation", "identified", "action"])
def test_a_lesson_before_it_is_learned_is_seen_by_staff_only(client, mission, stage, division):
    lesson = factories.LessonFactory(
        mission=mission,
        title="Zqx observation marker",
        stage=stage,
        remedial_action="Train the trainers.",
        action_owner=division,
        action_due=datetime.date(2027, 1, 1),
    )
    objective = factories.ObjectiveFactory(owning_division=division)
    objective.lessons.add(lesson)
    partner = factories.PartnerOrganisationFactory()
    _key, secret = PartnerKey.issue(partner=partner, label="probe", scopes=[KeyScope.API_READ])

    assert not models.Lesson.objects.visible_to(None).exists()
    assert models.Lesson.objects.visible_to(factories.StaffFactory(roles=["Reviewer"])).get() == lesson
    for path in ("/lessons/", objective.get_absolute_url(), "/search/?q=observation", "/api/v1/lessons/"):
        assert "Zqx observation marker" not in client.get(path).text, path
        assert "Zqx observation marker" not in factories.client_with(secret).get(path).content.decode(), path


def test_a_published_lesson_learned_is_public(client, mission):
    factories.LessonFactory(mission=mission, title="Protect the corporate memory")
    assert "Protect the corporate memory" in client.get("/lessons/").text


def test_a_remedial_action_is_written_owned_and_dated(mission):
    lesson = factories.LessonFactory.build(mission=mission, number=7, stage="action")
    with pytest.raises(ValidationError) as caught:
        lesson.full_clean()
    assert set(caught.value.message_dict) == {"remedial_action", "action_owner", "action_due"}


def test_the_source_reports_lessons_are_lessons_learned(db):
    call_command("load_source_data", stdout=io.StringIO())
    assert set(models.Lesson.objects.filter(is_example=False).values_list("stage", flat=True)) == {"learned"}


def test_the_api_gives_staff_every_stage_and_others_lessons_learned_only(make_client, mission):
    factories.LessonFactory(mission=mission, title="Learned")
    factories.LessonFactory(mission=mission, title="Seen", stage="observation")

    staff = make_client("reviewer").get("/api/v1/lessons/").json()["results"]
    partner = make_client("partner").get("/api/v1/lessons/").json()["results"]

    assert sorted((lesson["title"], lesson["stage"]) for lesson in staff) == [
        ("Learned", "learned"),
        ("Seen", "observation"),
    ]
    assert [(lesson["title"], lesson["stage"]) for lesson in partner] == [("Learned", "learned")]
