"""The admin's change history: per record and site-wide."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def make_changes(division, count):
    for number in range(count):
        event = factories.EventFactory(organising_division=division, title=f"Seminar {number}")
        event.title = f"Seminar {number} (moved)"
        event.save()


def test_recent_changes_lists_every_kind_of_change_newest_first(administrator_client, division, objective):
    event = factories.EventFactory(organising_division=division, title="Information day")
    event.title = "Information day (moved)"
    event.save()
    event.delete()

    response = administrator_client.get("/admin/recent-changes/")
    assert response.status_code == 200
    lines = response.context["lines"]
    assert [(line["action"], line["name"]) for line in lines[:3]] == [
        ("Deleted", "Information day (moved)"),
        ("Changed", "Information day (moved)"),
        ("Created", "Information day"),
    ]
    kinds = {str(line["kind"]) for line in lines}
    assert {"event", "long-term objective", "division"} <= kinds
    body = response.content.decode()
    assert f'href="/admin/objectives/longtermobjective/{objective.pk}/history/"' in body


def test_recent_changes_names_who_made_each_change(administrator_client, division):
    administrator_client.post(
        f"/admin/missions/division/{division.pk}/change/",
        {
            "name": "Ministerial Advisory Division",
            "name_en": "Ministerial Advisory Division",
            "acronym": "MAD",
            "slug": "mad",
            "mission": division.mission_id,
        },
    )
    response = administrator_client.get("/admin/recent-changes/", {"model": "missions.division"})
    assert response.status_code == 200
    assert {str(line["kind"]) for line in response.context["lines"]} == {"division"}


def test_recent_changes_filters_by_who(administrator, editor, division):
    client = factories.Client()
    client.force_login(administrator)
    response = client.get("/admin/recent-changes/", {"user": editor.pk})
    assert response.status_code == 200
    assert response.context["lines"] == []


@pytest.mark.parametrize("query", [{"model": "auth.user"}, {"model": "x" * 500}, {"user": "abc"}, {"page": "-1"}])
def test_bad_filters_get_a_message_not_an_error(administrator_client, division, query):
    response = administrator_client.get("/admin/recent-changes/", query)
    assert response.status_code == 200
    if "page" not in query:
        assert response.context["form"].errors
        assert response.context["lines"] == []


def test_editors_see_only_the_kinds_of_record_they_may_view(editor_client, division):
    make_changes(division, 1)
    factories.NationFactory(name="Italy")
    response = editor_client.get("/admin/recent-changes/")
    assert response.status_code == 200
    labels = {label for label, _ in response.context["form"].fields["model"].choices if label}
    assert "outreach.event" in labels
    assert "missions.mission" not in labels
    assert "nmi_site.securitypolicy" not in labels


@pytest.mark.parametrize("changes", [2, 20])
def test_recent_changes_query_count_does_not_grow_with_rows(
    administrator_client, division, changes, django_assert_num_queries
):
    make_changes(division, changes)
    administrator_client.get("/admin/recent-changes/")
    # Session, user, second-factor device and policy, the UNION's count and
    # page, the admin's app list, one query per kind of record on the page
    # (mission, division, event) and one for the users who made the changes.
    with django_assert_num_queries(11):
        response = administrator_client.get("/admin/recent-changes/")
    assert len(response.context["lines"]) == min(50, 2 * changes + 2)


def test_every_content_model_keeps_a_history_with_its_many_to_many_changes(division):
    from nmi_site.history.audit import history_models

    labels = set(history_models())
    for label in ("missions.division", "objectives.longtermobjective", "objectives.progressreport", "outreach.event"):
        assert label in labels
    event = factories.EventFactory(organising_division=division)
    nation = factories.NationFactory(name="Italy")
    event.nations.add(nation)
    latest = event.history.latest()
    assert [row.nation_id for row in latest.nations.all()] == [nation.pk]


def test_editors_see_only_their_own_divisions_changes(editor_client, division, other_division):
    own = factories.ObjectiveFactory(owning_division=division, title="Own objective")
    factories.HandoverNoteFactory(objective=own, summary="Own note")
    foreign = factories.ObjectiveFactory(owning_division=other_division, title="Foreign objective")
    factories.HandoverNoteFactory(objective=foreign, summary="Foreign note")
    factories.EventFactory(organising_division=other_division, title="Foreign seminar")

    response = editor_client.get("/admin/recent-changes/")

    names = {line["name"] for line in response.context["lines"]}
    assert any("Own objective" in name for name in names)
    assert not any("Foreign" in name for name in names)
    assert not any(str(other_division) == name for name in names)
