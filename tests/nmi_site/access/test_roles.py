"""The editor's division restriction in every admin path, and who publishes."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from missions import models
from nmi_site.content.visibility import Visibility
from nmi_site.history.concurrency import version_of
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_programme(division):
    return factories.ProgrammeFactory(division=division, name="Own programme")


@pytest.fixture
def other_programme(other_division):
    return factories.ProgrammeFactory(division=other_division, name="Other programme")


def test_role_groups_exist_with_their_permissions(db):
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}

    assert set(groups) == {"Editor", "Reviewer", "Administrator", "Partner"}
    editor = {f"{p.content_type.app_label}.{p.codename}" for p in groups["Editor"].permissions.all()}
    assert {codename for codename in editor if codename.startswith("missions.")} == {
        "missions.view_division",
        "missions.change_division",
        "missions.view_programme",
        "missions.add_programme",
        "missions.change_programme",
        "missions.delete_programme",
        # Reference data they pick from, read-only.
        "missions.view_institution",
        "missions.view_capabilityarea",
        "missions.view_lesson",
        "missions.view_nation",
        "missions.view_partnerorganisation",
    }
    assert "objectives.add_progressreport" in editor
    assert "objectives.review_progressreport" not in editor
    reviewer = {p.codename for p in groups["Reviewer"].permissions.all()}
    assert "publish_records" in reviewer
    assert "review_progressreport" in reviewer
    assert "view_mission" in reviewer
    assert not any(codename.startswith(("add_", "change_", "delete_")) for codename in reviewer)
    assert "change_mission" in {p.codename for p in groups["Administrator"].permissions.all()}
    assert groups["Partner"].permissions.count() == 0


# Change forms --------------------------------------------------------------


def test_editor_changes_own_division_programme(editor_client, own_programme):
    response = editor_client.post(
        factories.admin_url(models.Programme, "change", own_programme.pk),
        factories.programme_form(own_programme, name_en="Renamed"),
    )

    assert response.status_code == 302
    own_programme.refresh_from_db()
    assert own_programme.name == "Renamed"


def test_editor_cannot_open_another_divisions_programme(editor_client, other_programme):
    response = editor_client.get(factories.admin_url(models.Programme, "change", other_programme.pk))

    # The admin treats a record outside the user's queryset as missing.
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_editor_cannot_change_another_divisions_programme(editor_client, other_programme):
    editor_client.post(
        factories.admin_url(models.Programme, "change", other_programme.pk),
        factories.programme_form(other_programme, name_en="Taken"),
    )

    other_programme.refresh_from_db()
    assert other_programme.name == "Other programme"


def test_editor_cannot_move_a_programme_to_another_division(editor_client, own_programme, other_division):
    response = editor_client.post(
        factories.admin_url(models.Programme, "change", own_programme.pk),
        factories.programme_form(own_programme, division=other_division.pk),
    )

    assert response.status_code == 200
    assert "division" in response.context["adminform"].form.errors
    own_programme.refresh_from_db()
    assert own_programme.division_id != other_division.pk


def test_editor_cannot_add_a_programme_to_another_division(editor_client, other_division):
    response = editor_client.post(
        factories.admin_url(models.Programme, "add"),
        {
            "division": other_division.pk,
            "name_en": "New",
            "name_ar": "",
            "slug": "new",
            "summary_en": "",
            "summary_ar": "",
        },
    )

    assert response.status_code == 200
    assert "division" in response.context["adminform"].form.errors
    assert not models.Programme.objects.filter(slug="new").exists()


def test_editor_adds_a_programme_to_own_division_as_internal(editor_client, division):
    response = editor_client.post(
        factories.admin_url(models.Programme, "add"),
        {
            "division": division.pk,
            "name_en": "New",
            "name_ar": "",
            "slug": "new",
            "summary_en": "",
            "summary_ar": "",
            "visibility": Visibility.PUBLIC,  # ignored: editors do not publish
        },
    )

    assert response.status_code == 302
    assert models.Programme.objects.get(slug="new").visibility == Visibility.INTERNAL


def test_editor_without_divisions_cannot_add(client, division):
    client.force_login(factories.make_editor())

    assert client.get(factories.admin_url(models.Programme, "add")).status_code == 403


def test_editor_cannot_change_visibility(editor_client, own_programme):
    own_programme.visibility = Visibility.INTERNAL
    own_programme.save()

    editor_client.post(
        factories.admin_url(models.Programme, "change", own_programme.pk),
        factories.programme_form(own_programme, visibility=Visibility.PUBLIC),
    )

    own_programme.refresh_from_db()
    assert own_programme.visibility == Visibility.INTERNAL


def test_editor_changes_own_division_but_not_its_structure(editor_client, division, mission):
    other_mission = factories.MissionFactory()
    data = division_form(division) | {
        "name_en": "Renamed division",
        "mission": other_mission.pk,  # read-only for editors: ignored
        "slug": "changed",
    }

    response = editor_client.post(factories.admin_url(models.Division, "change", division.pk), data)

    assert response.status_code == 302
    division.refresh_from_db()
    assert (division.name, division.mission_id, division.slug) == ("Renamed division", mission.pk, "mad")


@pytest.mark.parametrize("model", [models.Mission, models.Milestone, models.TrustFundContribution])
def test_editor_has_no_access_to_records_without_a_division(editor_client, model):
    assert editor_client.get(factories.admin_url(model, "changelist")).status_code == 403
    assert editor_client.get(factories.admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize(
    ("model", "factory"),
    [(models.Nation, factories.NationFactory), (models.Lesson, factories.LessonFactory)],
)
def test_editor_reads_reference_data_but_cannot_change_it(editor_client, model, factory):
    record = factory()

    assert editor_client.get(factories.admin_url(model, "changelist")).status_code == 200
    assert editor_client.get(factories.admin_url(model, "add")).status_code == 403
    response = editor_client.post(
        factories.admin_url(model, "change", record.pk), {"name_en": "Changed", "title_en": "Changed"}
    )
    assert response.status_code == 403


# Lists, autocomplete and actions -------------------------------------------


def test_editor_changelist_lists_own_division_only(editor_client, own_programme, other_programme):
    response = editor_client.get(factories.admin_url(models.Programme, "changelist"))

    assert list(response.context["cl"].result_list) == [own_programme]


def test_editor_autocomplete_offers_own_divisions_only(editor_client, division, other_division):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "missions", "model_name": "programme", "field_name": "division", "term": ""},
    )

    assert response.status_code == 200
    assert [result["id"] for result in json.loads(response.content)["results"]] == [str(division.pk)]


def test_editor_delete_action_leaves_other_divisions_records(editor_client, own_programme, other_programme):
    response = editor_client.post(
        factories.admin_url(models.Programme, "changelist"),
        {"action": "delete_selected", "_selected_action": [own_programme.pk, other_programme.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert list(models.Programme.objects.all()) == [other_programme]


def test_editor_cannot_use_publish_actions(editor_client, own_programme):
    own_programme.visibility = Visibility.INTERNAL
    own_programme.save()

    editor_client.post(
        factories.admin_url(models.Programme, "changelist"),
        {"action": "make_public", "_selected_action": [own_programme.pk]},
    )

    own_programme.refresh_from_db()
    assert own_programme.visibility == Visibility.INTERNAL


# History and reverts ---------------------------------------------------------


def test_editor_cannot_see_history_of_another_divisions_record(editor_client, other_programme):
    response = editor_client.get(factories.admin_url(models.Programme, "history", other_programme.pk))

    assert response.status_code == 404


def test_editor_cannot_revert_another_divisions_record(editor_client, other_programme):
    other_programme.name = "Changed by its own division"
    other_programme.save()
    first_version = other_programme.history.earliest().history_id
    url = reverse("admin:missions_programme_simple_history", args=(other_programme.pk, first_version))

    assert editor_client.get(url).status_code == 404
    assert (
        editor_client.post(url, factories.programme_form(other_programme, name_en="Other programme")).status_code == 404
    )
    other_programme.refresh_from_db()
    assert other_programme.name == "Changed by its own division"


def test_editor_cannot_revert_a_record_that_left_their_division(
    administrator_client, client, editor, own_programme, other_division
):
    """A version from when the record was theirs gives no right to it now."""
    own_programme.division = other_division
    own_programme.save()
    old_version = own_programme.history.earliest().history_id
    client.force_login(editor)
    url = reverse("admin:missions_programme_simple_history", args=(own_programme.pk, old_version))

    response = client.post(
        url, factories.programme_form(own_programme, division=own_programme.history.earliest().division_id)
    )

    assert response.status_code == 404
    own_programme.refresh_from_db()
    assert own_programme.division == other_division


def test_editor_reverts_own_record(editor_client, own_programme):
    own_programme.name = "Second name"
    own_programme.save()
    first = own_programme.history.earliest()
    url = reverse("admin:missions_programme_simple_history", args=(own_programme.pk, first.history_id))

    response = editor_client.post(url, factories.programme_form(own_programme, name_en=first.name))

    assert response.status_code == 302
    own_programme.refresh_from_db()
    assert own_programme.name == "Own programme"


# Reviewers ---------------------------------------------------------------------


def test_reviewer_sees_every_division_record(reviewer_client, own_programme, other_programme):
    response = reviewer_client.get(factories.admin_url(models.Programme, "changelist"))

    assert set(response.context["cl"].result_list) == {own_programme, other_programme}


def test_reviewer_publishes_records(reviewer_client, own_programme):
    own_programme.visibility = Visibility.INTERNAL
    own_programme.save()

    response = reviewer_client.post(
        factories.admin_url(models.Programme, "changelist"),
        {"action": "make_public", "_selected_action": [own_programme.pk]},
    )

    assert response.status_code == 302
    own_programme.refresh_from_db()
    assert own_programme.visibility == Visibility.PUBLIC
    assert own_programme.history.latest().history_user.username == "reviewer"


@pytest.mark.parametrize(("action", "level"), [("share_with_partners", "partners"), ("make_internal", "internal")])
def test_reviewer_restricts_records(reviewer_client, mission, action, level):
    lesson = factories.LessonFactory(mission=mission)

    reviewer_client.post(
        factories.admin_url(models.Lesson, "changelist"), {"action": action, "_selected_action": [lesson.pk]}
    )

    lesson.refresh_from_db()
    assert lesson.visibility == level


def test_reviewer_cannot_edit_content(reviewer_client, own_programme):
    response = reviewer_client.post(
        factories.admin_url(models.Programme, "change", own_programme.pk),
        factories.programme_form(own_programme, name_en="Edited"),
    )

    assert response.status_code == 403
    own_programme.refresh_from_db()
    assert own_programme.name == "Own programme"


def test_administrator_group_member_edits_any_division(client, other_programme):
    client.force_login(factories.StaffFactory(roles=["Administrator"]))

    response = client.post(
        factories.admin_url(models.Programme, "change", other_programme.pk),
        factories.programme_form(other_programme, name_en="Edited", visibility=Visibility.PUBLIC),
    )

    assert response.status_code == 302
    other_programme.refresh_from_db()
    assert other_programme.name == "Edited"


# Inlines ---------------------------------------------------------------------


def division_form(division, programmes=(), new_programmes=()):
    """The division change form with its programme inline."""
    data = {
        "name_en": division.name,
        "name_ar": "",
        "acronym": division.acronym,
        "purpose_en": division.purpose,
        "purpose_ar": "",
        "advisor_count_qualifier": "exact",
        "nation_count_qualifier": "exact",
        "edit_version": version_of(division.updated_at),
        "programmes-TOTAL_FORMS": len(programmes) + len(new_programmes),
        "programmes-INITIAL_FORMS": len(programmes),
        "programmes-MIN_NUM_FORMS": 0,
        "programmes-MAX_NUM_FORMS": 1000,
    }
    for index, (programme, name) in enumerate(programmes):
        data |= {
            f"programmes-{index}-id": programme.pk,
            f"programmes-{index}-edit_version": version_of(programme.updated_at),
            f"programmes-{index}-division": division.pk,
            f"programmes-{index}-name_en": name,
            f"programmes-{index}-name_ar": "",
            f"programmes-{index}-acronym": "",
            f"programmes-{index}-slug": programme.slug,
        }
    for offset, (name, slug) in enumerate(new_programmes, start=len(programmes)):
        data |= {
            f"programmes-{offset}-division": division.pk,
            f"programmes-{offset}-name_en": name,
            f"programmes-{offset}-name_ar": "",
            f"programmes-{offset}-acronym": "",
            f"programmes-{offset}-slug": slug,
            f"programmes-{offset}-visibility": Visibility.PUBLIC,
        }
    return data


def test_editor_edits_programmes_inline_on_own_division(editor_client, division, own_programme):
    response = editor_client.post(
        factories.admin_url(models.Division, "change", division.pk),
        division_form(division, programmes=[(own_programme, "Renamed inline")], new_programmes=[("Added", "added")]),
    )

    assert response.status_code == 302
    own_programme.refresh_from_db()
    added = models.Programme.objects.get(slug="added")
    assert own_programme.name == "Renamed inline"
    # Added in the editor's division, and internal: editors do not publish.
    assert (added.division, added.visibility) == (division, Visibility.INTERNAL)


def test_editor_cannot_edit_programmes_inline_on_another_division(editor_client, other_division, other_programme):
    response = editor_client.post(
        factories.admin_url(models.Division, "change", other_division.pk),
        division_form(other_division, programmes=[(other_programme, "Taken")], new_programmes=[("Sneaked", "sneaked")]),
    )

    assert response.status_code in (302, 403)
    other_programme.refresh_from_db()
    assert other_programme.name == "Other programme"
    assert not models.Programme.objects.filter(slug="sneaked").exists()


def test_inline_is_read_only_for_a_division_outside_scope(rf, editor, other_division):
    from django.contrib.admin import site

    from missions.admin import ProgrammeInline

    request = rf.get("/")
    request.user = editor
    inline = ProgrammeInline(models.Division, site)

    assert not inline.has_add_permission(request, other_division)
    assert not inline.has_change_permission(request, other_division)
    assert not inline.has_delete_permission(request, other_division)
