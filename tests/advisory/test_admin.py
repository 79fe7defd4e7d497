"""Posts in the back office: an Editor keeps their division's posts and
tours; a post's page shows its holders over time with overlaps and gaps;
the handovers list says who acknowledged what and how far the checklist is."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advisory import services
from advisory.models import AdvisoryPost, ChecklistItem, Engagement, Handover, Tour
from tests import factories

pytestmark = pytest.mark.django_db


def add_post(client, division, **changes):
    data = {
        "division": division.pk,
        "title_en": "Advisor to the Director of Training",
        "title_ar": "",
        "duties_en": "",
        "duties_ar": "",
        "tours-TOTAL_FORMS": "1",
        "tours-INITIAL_FORMS": "0",
        "tours-MIN_NUM_FORMS": "0",
        "tours-MAX_NUM_FORMS": "1000",
        "tours-0-holder_name": "J. Doe",
        "tours-0-starts_on": "2026-01-01",
        "tours-0-ends_on": "2026-06-30",
        **changes,
    }
    return client.post(reverse("admin:advisory_advisorypost_add"), data)


def test_an_editor_adds_a_post_of_their_division_with_its_first_tour(editor_client, division):
    response = add_post(editor_client, division)
    assert response.status_code == 302, response.context["adminform"].form.errors
    post = AdvisoryPost.objects.get()
    assert [tour.holder_name for tour in post.tours.all()] == ["J. Doe"]
    assert post.history.count() == 1


def test_an_editor_cannot_write_for_another_divisions_post(editor_client, other_division):
    response = add_post(editor_client, other_division)
    assert response.status_code == 200
    assert "division" in response.context["adminform"].form.errors
    assert not AdvisoryPost.objects.exists()


def test_a_tour_ending_before_it_starts_is_a_field_error_and_saves_nothing(editor_client, division):
    response = add_post(editor_client, division, **{"tours-0-ends_on": "2025-12-01"})
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0] == {"ends_on": ["A tour cannot end before it starts."]}
    assert not AdvisoryPost.objects.exists() and not Tour.objects.exists()


def test_the_post_page_shows_its_holders_with_overlaps_and_gaps(editor_client, division):
    post = factories.AdvisoryPostFactory(division=division)
    factories.TourFactory(
        post=post, holder_name="Outgoing", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30)
    )
    factories.TourFactory(
        post=post, holder_name="Incoming", starts_on=datetime.date(2026, 6, 17), ends_on=datetime.date(2026, 12, 31)
    )

    page = editor_client.get(reverse("admin:advisory_advisorypost_change", args=[post.pk])).text

    assert "<td>Incoming</td>" in page
    assert "14 days of overlap" in page


def test_another_divisions_editor_cannot_open_a_post(client, other_editor, division):
    post = factories.AdvisoryPostFactory(division=division, title="Confidential post title")
    client.force_login(other_editor)
    response = client.get(reverse("admin:advisory_advisorypost_change", args=[post.pk]), follow=True)
    assert "Confidential post title" not in response.text


def engagement_form(post, institution, **changes):
    return {
        "post": post.pk,
        "held_on": "2026-03-10",
        "institution": institution.pk,
        "purpose": "Agree the training calendar.",
        "outcomes": "",
        "atmosphere": "positive",
        "cancellation_reason": "",
        "next_steps-TOTAL_FORMS": "1",
        "next_steps-INITIAL_FORMS": "0",
        "next_steps-MIN_NUM_FORMS": "0",
        "next_steps-MAX_NUM_FORMS": "1000",
        "next_steps-0-description": "Send the draft calendar",
        "next_steps-0-owner": post.pk,
        "next_steps-0-due_on": "2026-04-01",
        **changes,
    }


def test_an_editor_records_an_engagement_with_its_next_steps(editor_client, division):
    post = factories.AdvisoryPostFactory(division=division)
    institution = factories.InstitutionFactory()
    response = editor_client.post(reverse("admin:advisory_engagement_add"), engagement_form(post, institution))
    assert response.status_code == 302, response.context["adminform"].form.errors
    engagement = Engagement.objects.get()
    assert [step.description for step in engagement.next_steps.all()] == ["Send the draft calendar"]


def test_a_next_step_due_before_its_engagement_is_a_field_error_and_saves_nothing(editor_client, division):
    post = factories.AdvisoryPostFactory(division=division)
    data = engagement_form(post, factories.InstitutionFactory(), **{"next_steps-0-due_on": "2026-03-01"})
    response = editor_client.post(reverse("admin:advisory_engagement_add"), data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0] == {"due_on": ["A next step cannot be due before its engagement (10 Mar 2026)."]}
    assert not Engagement.objects.exists()


def test_an_editor_cannot_record_an_engagement_for_another_divisions_post(editor_client, other_division):
    post = factories.AdvisoryPostFactory(division=other_division)
    response = editor_client.post(
        reverse("admin:advisory_engagement_add"), engagement_form(post, factories.InstitutionFactory())
    )
    assert response.status_code == 200
    assert "post" in response.context["adminform"].form.errors
    assert not Engagement.objects.exists()


# Handovers ---------------------------------------------------------------------


def started_handover(division, editor):
    post = factories.AdvisoryPostFactory(division=division, title="Advisor to the Director of Training")
    outgoing = factories.TourFactory(post=post, holder_name="Outgoing")
    incoming = factories.TourFactory(
        post=post, holder_name="Incoming", starts_on=datetime.date(2026, 6, 16), ends_on=datetime.date(2026, 12, 31)
    )
    return services.handover_start(user=editor, outgoing=outgoing, incoming=incoming)


def test_the_handovers_list_says_who_acknowledged_and_how_far_the_checklist_is(editor_client, editor, division):
    handover = started_handover(division, editor)
    services.checklist_tick(user=editor, item=handover.checklist.first())
    services.handover_acknowledge(user=editor, handover=handover, side="outgoing")

    page = editor_client.get(reverse("admin:advisory_handover_changelist")).text

    assert "Advisor to the Director of Training" in page
    assert "1 of 7 done" in page
    assert "Not yet" in page  # the incoming side
    assert editor.get_username() in page  # the outgoing side, by whom


def test_the_handovers_list_takes_the_same_number_of_queries_as_handovers_grow(
    editor_client, editor, division, django_assert_max_num_queries
):
    started_handover(division, editor)
    url = reverse("admin:advisory_handover_changelist")
    editor_client.get(url)
    with CaptureQueriesContext(connection) as one:
        editor_client.get(url)
    for _number in range(5):
        started_handover(division, editor)
    with django_assert_max_num_queries(len(one)):
        editor_client.get(url)


def test_a_handover_is_started_from_its_post_not_added_here(editor_client):
    assert editor_client.get(reverse("admin:advisory_handover_add")).status_code == 403


def test_an_editor_adds_the_posts_own_checklist_item(editor_client, editor, division):
    handover = started_handover(division, editor)
    url = reverse("admin:advisory_handover_change", args=[handover.pk])
    data = factories.form_data(editor_client.get(url))
    prefix = "checklist"
    extra = int(data[f"{prefix}-TOTAL_FORMS"]) - 1
    data[f"{prefix}-{extra}-order"] = "8"
    data[f"{prefix}-{extra}-text"] = "Visit the training area at Taji with the counterpart."

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert handover.checklist.count() == 8
    assert handover.checklist.last().text == "Visit the training area at Taji with the counterpart."
    assert handover.history.count() >= 2


def test_a_checklist_item_without_text_is_a_field_error_and_saves_nothing(editor_client, editor, division):
    handover = started_handover(division, editor)
    url = reverse("admin:advisory_handover_change", args=[handover.pk])
    data = factories.form_data(editor_client.get(url))
    first = "checklist-0-text"
    data[first] = ""

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0] == {"text": ["This field is required."]}
    assert not ChecklistItem.objects.filter(text="").exists()


def test_another_divisions_editor_neither_sees_nor_changes_a_handover(client, other_editor, editor, division):
    handover = started_handover(division, editor)
    client.force_login(other_editor)

    assert "Advisor to the Director of Training" not in client.get(reverse("admin:advisory_handover_changelist")).text
    response = client.post(reverse("admin:advisory_handover_delete", args=[handover.pk]), {"post": "yes"})

    assert response.status_code in (302, 403)
    assert Handover.objects.filter(pk=handover.pk).exists()
