import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

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


def duplicate(client, *events, months="6"):
    """Choose the action (which asks how much later), then answer."""
    url = reverse("admin:outreach_event_changelist")
    chosen = [event.pk for event in events]
    before = Event.objects.count()
    asked = client.post(url, {"action": "duplicate_events", "_selected_action": chosen})
    assert Event.objects.count() == before  # nothing copied before the answer
    done = client.post(url, {"action": "duplicate_events", "_selected_action": chosen, "apply": "1", "months": months})
    return asked, done


def test_duplicate_action_asks_how_much_later_then_copies_an_internal_draft(administrator_client, division):
    italy = factories.NationFactory(name="Italy")
    starts = timezone.make_aware(datetime.datetime(2026, 5, 31, 10, 0))
    event = factories.EventFactory(
        organising_division=division,
        slug="ambassador-day",
        title="Ambassador day",
        title_ar="يوم السفراء",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        nations=[italy],
        status=EventStatus.HELD,
        outcome="Done.",
    )

    asked, done = duplicate(administrator_client, event)
    assert asked.status_code == 200
    assert "How much later" in asked.text
    assert done.status_code == 302

    copy = Event.objects.exclude(pk=event.pk).get()
    assert copy.slug == "ambassador-day-2"
    assert (copy.status, copy.visibility, copy.outcome) == (EventStatus.PLANNED, "internal", "")
    assert list(copy.nations.all()) == [italy]
    # Six months later, at the same time of day; the 31st becomes November's last day.
    assert timezone.localtime(copy.starts_at).replace(tzinfo=None) == datetime.datetime(2026, 11, 30, 10, 0)
    assert copy.ends_at - copy.starts_at == datetime.timedelta(hours=3)
    assert copy.title_en == "Ambassador day (November 2026)"
    assert copy.title_ar.startswith("يوم السفراء (")
    assert copy.title_ar != event.title_ar

    # A copy of the copy names its own month, not both.
    duplicate(administrator_client, copy, months="12")
    assert Event.objects.filter(title_en="Ambassador day (November 2027)").exists()


def test_a_duplicate_needs_a_valid_shift_and_changes_nothing_without_one(administrator_client, division):
    event = factories.EventFactory(organising_division=division)
    _asked, done = duplicate(administrator_client, event, months="7")
    assert done.status_code == 200
    assert "months" in done.context["form"].errors
    assert Event.objects.count() == 1


def test_an_editor_is_told_to_ask_a_reviewer_to_publish_the_copy(editor_client, editor, division):
    event = factories.EventFactory(organising_division=division)
    _asked, done = duplicate(editor_client, event)
    shown = [str(message) for message in get_messages(done.wsgi_request)]
    assert any("ask a Reviewer to publish it" in message for message in shown)
    assert Event.objects.count() == 2


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


def test_duplicate_on_the_event_page_goes_to_the_copy_and_a_second_press_makes_no_other(editor_client, division):
    event = factories.EventFactory(
        organising_division=division, title="Ambassador day", starts_at=baghdad(2030, 3, 12, 9)
    )
    page = editor_client.get(reverse("admin:outreach_event_change", args=[event.pk]))
    assert ">Duplicate</button>" in page.text
    url = reverse("admin:outreach_event_workflow", args=[event.pk, "duplicate"])
    data = {"token": page.context["workflow_token"], "duplicate-months": "6"}

    first = editor_client.post(url, data, follow=True)
    copy = Event.objects.exclude(pk=event.pk).get()
    assert first.redirect_chain[-1][0] == reverse("admin:outreach_event_change", args=[copy.pk])
    assert copy.title == "Ambassador day (September 2030)"
    assert "ask a Reviewer to publish it" in " ".join(str(m) for m in first.context["messages"])

    second = editor_client.post(url, data, follow=True)
    assert Event.objects.count() == 2
    assert "already exists" in " ".join(str(m) for m in second.context["messages"])


def test_duplicate_is_not_offered_on_another_divisions_event(client, other_editor, division):
    event = factories.EventFactory(organising_division=division)
    client.force_login(other_editor)
    url = reverse("admin:outreach_event_workflow", args=[event.pk, "duplicate"])
    client.post(url, {"token": "x", "duplicate-months": "6"})
    assert Event.objects.count() == 1


def test_the_key_form_offers_only_what_a_partner_key_can_hold(administrator_client, partner):
    page = administrator_client.get(reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)))
    content = page.content.decode()

    assert 'value="calendar"' in content
    assert 'value="api:read"' in content
    assert 'value="api:write"' not in content
    # Asked for anyway: a field error, and no key.
    response = administrator_client.post(
        reverse("admin:missions_partnerorganisation_change", args=(partner.pk,)),
        key_form(partner, **{"keys-0-scopes": ["api:write"]}),
    )
    assert response.status_code == 200
    assert "api:write is not one of the available choices" in response.content.decode()
    assert not PartnerKey.objects.exists()
