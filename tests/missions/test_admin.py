import pytest

from missions import models
from nmi_site.content.visibility import Visibility
from nmi_site.history.concurrency import version_of
from tests import factories

pytestmark = pytest.mark.django_db

MODEL_FACTORIES = {
    models.Mission: factories.MissionFactory,
    models.Division: factories.DivisionFactory,
    models.Nation: factories.NationFactory,
    models.Contribution: factories.ContributionFactory,
    models.Institution: factories.InstitutionFactory,
    models.PartnerOrganisation: factories.PartnerOrganisationFactory,
    models.CapabilityArea: factories.CapabilityAreaFactory,
    models.Milestone: factories.MilestoneFactory,
    models.Programme: factories.ProgrammeFactory,
    models.Lesson: factories.LessonFactory,
    models.TrustFundContribution: factories.TrustFundContributionFactory,
}


@pytest.mark.parametrize("model", MODEL_FACTORIES, ids=lambda model: model.__name__)
def test_admin_pages_open_for_every_model(administrator_client, model):
    record = MODEL_FACTORIES[model]()

    assert administrator_client.get(factories.admin_url(model, "changelist")).status_code == 200
    assert administrator_client.get(factories.admin_url(model, "changelist"), {"q": "anything"}).status_code == 200
    assert administrator_client.get(factories.admin_url(model, "add")).status_code == 200
    assert administrator_client.get(factories.admin_url(model, "change", record.pk)).status_code == 200
    assert administrator_client.get(factories.admin_url(model, "history", record.pk)).status_code == 200


def test_admin_adds_a_lesson_and_keeps_history(administrator_client, administrator, mission):
    response = administrator_client.post(
        factories.admin_url(models.Lesson, "add"),
        {
            "mission": mission.pk,
            "number": 3,
            "title_en": "Training alone is not enough",
            "title_ar": "",
            "summary_en": "Strategic advice matters more.",
            "summary_ar": "",
            "stage": "learned",
            "visibility": Visibility.PUBLIC,
        },
    )

    assert response.status_code == 302
    lesson = models.Lesson.objects.get(number=3)
    assert lesson.title == "Training alone is not enough"
    assert [(record.history_type, record.history_user) for record in lesson.history.all()] == [("+", administrator)]
    history = administrator_client.get(factories.admin_url(models.Lesson, "history", lesson.pk)).content.decode()
    assert "admin" in history


def test_history_shows_what_changed(administrator_client, mission):
    lesson = factories.LessonFactory(mission=mission, number=1, title="Old title")
    data = {
        "mission": mission.pk,
        "number": 1,
        "title_en": "New title",
        "title_ar": "",
        "summary_en": "",
        "summary_ar": "",
        "stage": "learned",
        "visibility": Visibility.PUBLIC,
        "edit_version": version_of(lesson.updated_at),
    }

    administrator_client.post(factories.admin_url(models.Lesson, "change", lesson.pk), data)

    history = administrator_client.get(factories.admin_url(models.Lesson, "history", lesson.pk)).content.decode()
    assert "Old title" in history
    assert "New title" in history


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"number": 0}, "number", "Ensure this value is greater than or equal to 1."),
        ({"number": 1}, "__all__", "This mission already has a lesson with this number."),
        ({"title_en": ""}, "title_en", "This field is required."),
    ],
)
def test_admin_rejects_a_bad_lesson_with_a_field_message(administrator_client, mission, data, field, message):
    factories.LessonFactory(mission=mission, number=1)
    post = {
        "mission": mission.pk,
        "number": 2,
        "title_en": "A lesson",
        "title_ar": "",
        "summary_en": "",
        "summary_ar": "",
        "visibility": Visibility.PUBLIC,
        **data,
    }

    response = administrator_client.post(factories.admin_url(models.Lesson, "add"), post)

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors[field]
    assert models.Lesson.objects.count() == 1


def test_admin_rejects_a_month_date_that_is_not_the_first(administrator_client, mission):
    response = administrator_client.post(
        factories.admin_url(models.Milestone, "add"),
        {
            "mission": mission.pk,
            "date": "2018-07-15",
            "date_precision": "month",
            "kind": "mandate",
            "title_en": "Launch",
            "title_ar": "",
            "summary_en": "",
            "summary_ar": "",
            "visibility": Visibility.PUBLIC,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["date"] == [
        "A date known only to the month must be the first day of that month."
    ]
    assert not models.Milestone.objects.exists()


def test_admin_rejects_a_negative_trust_fund_amount(administrator_client, mission):
    response = administrator_client.post(
        factories.admin_url(models.TrustFundContribution, "add"),
        {
            "mission": mission.pk,
            "year": 2018,
            "amount_eur": "-5",
            "purpose_en": "",
            "purpose_ar": "",
            "visibility": Visibility.PUBLIC,
        },
    )

    assert response.status_code == 200
    assert "amount_eur" in response.context["adminform"].form.errors
    assert not models.TrustFundContribution.objects.exists()


def test_admin_rejects_a_branch_of_a_branch(administrator_client, mission, division):
    branch = factories.DivisionFactory(mission=mission, parent=division)

    response = administrator_client.post(
        factories.admin_url(models.Division, "add"),
        {
            "mission": mission.pk,
            "name_en": "Sub-branch",
            "name_ar": "",
            "acronym": "SB",
            "slug": "sub-branch",
            "parent": branch.pk,
            "order": 0,
            "purpose_en": "",
            "purpose_ar": "",
            "advisor_count_qualifier": "exact",
            "nation_count_qualifier": "exact",
            "visibility": Visibility.PUBLIC,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == [
        "A branch cannot have branches of its own; choose a division."
    ]
    assert not models.Division.objects.filter(slug="sub-branch").exists()


def test_admin_rejects_a_lowercase_iso_code(administrator_client):
    response = administrator_client.post(
        factories.admin_url(models.Nation, "add"),
        {"name_en": "Italy", "name_ar": "", "iso_code": "it", "status": "ally", "visibility": "public"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["iso_code"] == [
        "Enter the two capital letters of the ISO 3166-1 code."
    ]


@pytest.mark.parametrize(
    "query",
    [{"o": "abc"}, {"q": "\x00"}, {"visibility__exact": "nonsense"}, {"p": "999"}, {"division__id__exact": "x"}],
)
def test_admin_changelist_survives_hostile_query_strings(administrator_client, query):
    factories.ProgrammeFactory()

    response = administrator_client.get(factories.admin_url(models.Programme, "changelist"), query)

    assert response.status_code in (200, 302)


def test_admin_change_page_of_unknown_record_redirects(administrator_client):
    response = administrator_client.get(factories.admin_url(models.Division, "change", 999999))

    assert response.status_code == 302


def test_a_remedial_action_without_owner_or_date_is_a_field_error(administrator_client, mission):
    response = administrator_client.post(
        factories.admin_url(models.Lesson, "add"),
        {
            "mission": mission.pk,
            "number": 4,
            "title_en": "Handovers lose contacts",
            "title_ar": "",
            "summary_en": "",
            "summary_ar": "",
            "stage": "action",
            "remedial_action": "",
            "visibility": Visibility.INTERNAL,
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"remedial_action", "action_owner", "action_due"}
    assert not models.Lesson.objects.filter(number=4).exists()
