import pytest
from django.urls import reverse

from nmi_site.access.models import PartnerKey
from nmi_site.history.concurrency import version_of
from outreach.models import Event, EventStatus
from tests import factories
from tests.factories import baghdad

pytestmark = pytest.mark.django_db


def test_admin_event_pages_open(administrator_client, division):
    event = factories.EventFactory(organising_division=division)

    for url in (
        reverse("admin:outreach_event_changelist"),
        reverse("admin:outreach_event_add"),
        reverse("admin:outreach_event_change", args=(event.pk,)),
        reverse("admin:outreach_event_history", args=(event.pk,)),
    ):
        assert administrator_client.get(url).status_code == 200
    for query in ({"year": "2030"}, {"year": "abc"}, {"kind__exact": "seminar"}, {"q": "seminar"}):
        assert administrator_client.get(reverse("admin:outreach_event_changelist"), query).status_code == 200


def test_admin_stores_baghdad_times_in_utc(administrator_client, mission, division):
    response = administrator_client.post(
        reverse("admin:outreach_event_add"), factories.event_form(mission, division, visibility="public")
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.starts_at == baghdad(2030, 3, 12, 9)
    assert event.starts_at.astimezone(__import__("datetime").UTC).hour == 6


def test_admin_refuses_an_end_before_the_start(administrator_client, mission, division):
    response = administrator_client.post(
        reverse("admin:outreach_event_add"), factories.event_form(mission, division, ends_at_0="2030-03-11")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["ends_at"] == ["An event cannot end before it starts."]
    assert not Event.objects.exists()


def test_admin_refuses_a_duplicate_slug(administrator_client, mission, division):
    factories.EventFactory(organising_division=division, slug="ambassador-day")

    response = administrator_client.post(reverse("admin:outreach_event_add"), factories.event_form(mission, division))

    assert response.status_code == 200
    assert Event.objects.count() == 1


def test_editor_manages_own_division_events_only(editor_client, mission, division, other_division):
    own = factories.EventFactory(organising_division=division, title="Own")
    factories.EventFactory(organising_division=other_division, title="Other")

    listed = editor_client.get(reverse("admin:outreach_event_changelist")).context["cl"].result_list
    refused = editor_client.post(reverse("admin:outreach_event_add"), factories.event_form(mission, other_division))

    assert list(listed) == [own]
    assert "organising_division" in refused.context["adminform"].form.errors


def test_duplicate_action_copies_an_event_as_an_internal_draft(administrator_client, division):
    italy = factories.NationFactory(name="Italy")
    event = factories.EventFactory(
        organising_division=division, slug="ambassador-day", nations=[italy], status=EventStatus.HELD, outcome="Done."
    )

    administrator_client.post(
        reverse("admin:outreach_event_changelist"), {"action": "duplicate_events", "_selected_action": [event.pk]}
    )
    administrator_client.post(
        reverse("admin:outreach_event_changelist"), {"action": "duplicate_events", "_selected_action": [event.pk]}
    )

    copies = Event.objects.exclude(pk=event.pk).order_by("pk")
    assert [copy.slug for copy in copies] == ["ambassador-day-2", "ambassador-day-3"]
    first = copies[0]
    assert (first.status, first.visibility, first.outcome) == (EventStatus.PLANNED, "internal", "")
    assert list(first.nations.all()) == [italy]


# Partner keys --------------------------------------------------------------------------


def key_form(partner, **changes):
    data = {
        "name_en": partner.name,
        "name_ar": "",
        "acronym": partner.acronym,
        "slug": partner.slug,
        "kind": partner.kind,
        "website": "",
        "summary_en": "",
        "summary_ar": "",
        "visibility": "public",
        "edit_version": version_of(partner.updated_at),
        "keys-TOTAL_FORMS": 1,
        "keys-INITIAL_FORMS": 0,
        "keys-MIN_NUM_FORMS": 0,
        "keys-MAX_NUM_FORMS": 1000,
        "keys-0-label": "Outlook",
        "keys-0-scopes": ["calendar"],
        "keys-0-expires_at_0": "",
        "keys-0-expires_at_1": "",
    }
    data.update(changes)
    return data


def test_administrator_issues_a_key_whose_secret_is_shown_once(administrator_client, partner):
    response = administrator_client.post(
        reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)), key_form(partner), follow=True
    )

    key = PartnerKey.objects.get()
    messages = [str(message) for message in response.context["messages"]]
    secret = messages[0].split(": ")[1].split(" ")[0]
    assert secret.startswith(f"nmi_{key.prefix}_")
    assert PartnerKey.authenticate(secret, "calendar") == key
    assert key.key_hash != secret
    # Shown once: the next page does not repeat it.
    again = administrator_client.get(reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)))
    assert secret not in again.content.decode()
    # Never in a cookie.
    assert all(secret not in morsel.value for morsel in response.client.cookies.values())


def test_administrator_revokes_a_key(administrator_client, partner, calendar_key):
    key, secret = calendar_key
    data = key_form(partner) | {
        "keys-INITIAL_FORMS": 1,
        "keys-0-id": key.pk,
        "keys-0-partner": partner.pk,
        "keys-0-revoke": "on",
    }

    administrator_client.post(reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)), data)

    key.refresh_from_db()
    assert key.revoked_at is not None
    assert PartnerKey.authenticate(secret, "calendar") is None


def test_a_key_needs_a_scope(administrator_client, partner):
    response = administrator_client.post(
        reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)),
        key_form(partner, **{"keys-0-scopes": []}),
    )

    assert response.status_code == 200
    assert not PartnerKey.objects.exists()


def test_reviewers_do_not_see_partner_keys(reviewer_client, partner, calendar_key):
    content = reviewer_client.get(
        reverse("admin:missions_partnerorganisation_change", args=(partner.pk,))
    ).content.decode()

    assert calendar_key[0].prefix not in content
