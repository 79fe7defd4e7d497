"""Posts in the back office: an Editor keeps their division's posts and
tours; a post's page shows its holders over time with overlaps and gaps."""

import datetime

import pytest
from django.urls import reverse

from advisory.models import AdvisoryPost, Engagement, Tour
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
