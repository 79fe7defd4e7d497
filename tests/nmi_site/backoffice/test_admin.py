"""The admin's shared base (nmi_site/backoffice/admin.py): every path asks the rules,
reverts change only what a change may, and a form without its edit version
is a conflict."""

import pytest
from django.urls import reverse

from missions import models as missions
from nmi_site.access.services import record_set_visibility
from nmi_site.content.visibility import Visibility
from nmi_site.history.concurrency import version_of
from objectives import models as objectives
from outreach.models import Event
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(division):
    return factories.ProgrammeFactory(division=division, name="Own programme", visibility=Visibility.PUBLIC)


# Reverting from the history --------------------------------------------------


def test_an_editor_reverting_an_old_version_keeps_the_reviewers_visibility(editor_client, reviewer, programme):
    public_version = programme.history.latest().history_id
    record_set_visibility(user=reviewer, records=[programme], level=Visibility.INTERNAL)
    programme.refresh_from_db()
    url = reverse("admin:missions_programme_simple_history", args=(programme.pk, public_version))

    response = editor_client.post(url, factories.programme_form(programme, name_en="Reverted name"))

    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Reverted name"
    assert programme.visibility == Visibility.INTERNAL


def test_a_revert_form_carries_the_current_edit_version(editor_client, programme):
    first_version = programme.history.earliest().history_id
    programme.summary = "Changed since"
    programme.save()
    url = reverse("admin:missions_programme_simple_history", args=(programme.pk, first_version))

    form = editor_client.get(url).context["adminform"].form

    assert form["edit_version"].value() == version_of(programme.updated_at)


def test_a_revert_over_a_newer_version_is_a_conflict(editor_client, programme):
    first_version = programme.history.earliest().history_id
    url = reverse("admin:missions_programme_simple_history", args=(programme.pk, first_version))
    stale = factories.programme_form(programme, name_en="Reverted name")
    programme.summary = "Changed meanwhile"
    programme.save()

    response = editor_client.post(url, stale)

    assert response.status_code == 200
    programme.refresh_from_db()
    assert programme.name == "Own programme"


@pytest.mark.parametrize("version", ["", None])
def test_a_change_form_without_its_edit_version_is_a_conflict(editor_client, programme, version):
    data = factories.programme_form(programme, name_en="Renamed")
    if version is None:
        del data["edit_version"]
    else:
        data["edit_version"] = version
    history_rows = programme.history.count()

    response = editor_client.post(factories.admin_url(missions.Programme, "change", programme.pk), data)

    assert response.status_code == 200
    assert "sent without the version of the record" in response.content.decode()
    programme.refresh_from_db()
    assert programme.name == "Own programme"
    assert programme.history.count() == history_rows


def test_an_editor_opens_an_objective_history_version(editor_client, objective):
    version = objective.history.earliest().history_id

    response = editor_client.get(
        reverse("admin:objectives_longtermobjective_simple_history", args=(objective.pk, version))
    )

    assert response.status_code == 200


# Records of other divisions ----------------------------------------------------


def test_opening_another_divisions_record_says_it_is_not_theirs(editor_client, other_division):
    programme = factories.ProgrammeFactory(division=other_division, name="Secret cooperation")

    response = editor_client.get(factories.admin_url(missions.Programme, "change", programme.pk), follow=True)

    content = response.content.decode()
    assert "belongs to a division you don" in content
    assert "Secret cooperation" not in content
    assert "Perhaps it was deleted" not in content


def test_opening_a_record_that_does_not_exist_says_so(editor_client):
    response = editor_client.get(factories.admin_url(missions.Programme, "change", 999999), follow=True)

    assert "Perhaps it was deleted" in response.content.decode()


# Choices, checked on the server at every hop --------------------------------


def achievement_form(**fields):
    return {
        "title_en": "Doctrine published",
        "title_ar": "",
        "summary_en": "",
        "summary_ar": "",
        "achieved_from": "2024-01-01",
        "achieved_by": "",
        "date_precision": "day",
        **fields,
    }


def test_an_editors_achievement_cannot_hang_from_another_divisions_objective(editor_client, division, other_division):
    foreign = factories.ObjectiveFactory(owning_division=other_division)

    response = editor_client.post(
        factories.admin_url(objectives.KeyAchievement, "add"),
        achievement_form(division=division.pk, objective=foreign.pk),
    )

    assert response.status_code == 200
    assert "objective" in response.context["adminform"].form.errors
    assert not objectives.KeyAchievement.objects.exists()


def test_an_editors_achievement_hangs_from_an_own_objective(editor_client, division, objective):
    response = editor_client.post(
        factories.admin_url(objectives.KeyAchievement, "add"),
        achievement_form(division=division.pk, objective=objective.pk),
    )

    assert response.status_code == 302
    assert objectives.KeyAchievement.objects.get().objective == objective


def test_an_editors_event_needs_an_organising_division(editor_client, mission, division):
    response = editor_client.post(
        factories.admin_url(Event, "add"), factories.event_form(mission, division, organising_division="")
    )

    assert response.status_code == 200
    assert "organising_division" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


def test_an_editors_event_cannot_serve_another_divisions_internal_objective(
    editor_client, mission, division, other_division
):
    hidden = factories.ObjectiveFactory(owning_division=other_division, visibility=Visibility.INTERNAL)

    response = editor_client.post(
        factories.admin_url(Event, "add"), factories.event_form(mission, division, objectives=[hidden.pk])
    )

    assert response.status_code == 200
    assert "objectives" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


def test_an_editors_event_may_serve_another_divisions_shared_objective(
    editor_client, mission, division, other_division
):
    shared = factories.ObjectiveFactory(owning_division=other_division, visibility=Visibility.PUBLIC)

    response = editor_client.post(
        factories.admin_url(Event, "add"), factories.event_form(mission, division, objectives=[shared.pk])
    )

    assert response.status_code == 302
    assert list(Event.objects.get().objectives.all()) == [shared]


def test_autocomplete_offers_only_the_objectives_an_editor_may_link(editor_client, objective, other_division):
    shared = factories.ObjectiveFactory(owning_division=other_division, title="Shared objective")
    factories.ObjectiveFactory(owning_division=other_division, title="Hidden objective", visibility="internal")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "outreach", "model_name": "event", "field_name": "objectives", "term": ""},
    )

    names = {result["text"] for result in response.json()["results"]}
    assert names == {str(objective), str(shared)}


def test_autocomplete_of_an_own_division_link_offers_own_records_only(editor_client, objective, other_division):
    factories.ObjectiveFactory(owning_division=other_division, title="Shared objective")

    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "objectives", "model_name": "keyachievement", "field_name": "objective", "term": ""},
    )

    assert {result["text"] for result in response.json()["results"]} == {str(objective)}


def test_each_box_of_a_split_date_and_time_is_named(administrator_client, division):
    event = factories.EventFactory(organising_division=division)
    page = administrator_client.get(reverse("admin:outreach_event_change", args=[event.pk])).text
    assert 'aria-label="Starts: date"' in page
    assert 'aria-label="Starts: time"' in page
    assert 'aria-label="Ends: date"' in page
