"""Posts and tours: who held a post from when to when, refused when a tour
is impossible, with the overlaps and gaps between holders."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from advisory.models import AdvisoryPost, NextStep, Tour, needs_incoming_holder, tour_changes
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def errors_of(tour):
    with pytest.raises(ValidationError) as caught:
        tour.full_clean()
    return caught.value.message_dict


def test_a_tour_that_ends_before_it_starts_is_refused(division):
    post = factories.AdvisoryPostFactory(division=division)
    tour = Tour(post=post, holder_name="A. Advisor", starts_on=D(2026, 6, 1), ends_on=D(2026, 5, 1))
    assert errors_of(tour) == {"ends_on": ["A tour cannot end before it starts."]}


def test_a_tour_needs_a_holder(division):
    tour = Tour(post=factories.AdvisoryPostFactory(division=division), starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 1))
    assert errors_of(tour) == {"holder_name": ["Choose the holder's account or give their name."]}


def test_one_person_holds_one_post_at_a_time(division, editor):
    first = factories.AdvisoryPostFactory(division=division, title="Advisor to the Chief of Staff")
    factories.TourFactory(post=first, holder=editor, holder_name="", starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    second = factories.AdvisoryPostFactory(division=division)
    tour = Tour(post=second, holder=editor, starts_on=D(2026, 6, 1), ends_on=D(2026, 12, 31))

    assert errors_of(tour) == {
        "starts_on": [
            "editor already holds Advisor to the Chief of Staff from 1 Jan 2026 to 30 Jun 2026: "
            "one person holds one post at a time."
        ]
    }


def test_a_named_holder_of_the_same_nation_is_the_same_person(division):
    nation = factories.NationFactory()
    factories.TourFactory(holder_name="Jane Roe", nation=nation, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    clash = Tour(
        post=factories.AdvisoryPostFactory(division=division),
        holder_name="jane roe ",
        nation=nation,
        starts_on=D(2026, 3, 1),
        ends_on=D(2026, 9, 1),
    )
    assert "starts_on" in errors_of(clash)
    clash.nation = factories.NationFactory()
    clash.full_clean()  # another nation's Jane Roe


def test_two_holders_of_one_post_may_overlap_and_the_overlap_is_counted(division):
    post = factories.AdvisoryPostFactory(division=division)
    outgoing = factories.TourFactory(post=post, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    incoming = factories.TourFactory(post=post, starts_on=D(2026, 6, 21), ends_on=D(2026, 12, 31))
    later = factories.TourFactory(post=post, starts_on=D(2027, 1, 11), ends_on=D(2027, 6, 30))

    rows = tour_changes([later, incoming, outgoing])

    assert [(row["tour"], row["overlap"], row["gap"]) for row in rows] == [
        (outgoing, 0, 0),
        (incoming, 10, 0),
        (later, 0, 10),
    ]


def test_a_post_needs_an_incoming_holder_within_30_days_of_the_tour_end(division):
    post = factories.AdvisoryPostFactory(division=division)
    current = factories.TourFactory(post=post, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))

    assert not needs_incoming_holder([current], D(2026, 5, 30))
    assert needs_incoming_holder([current], D(2026, 5, 31))
    assert needs_incoming_holder([current], D(2026, 8, 1))  # left, nobody came
    incoming = factories.TourFactory(post=post, starts_on=D(2026, 6, 25), ends_on=D(2026, 12, 31))
    assert not needs_incoming_holder([current, incoming], D(2026, 6, 10))
    assert not needs_incoming_holder([], D(2026, 6, 10))


def test_the_corporate_memory_is_never_visible_outside_staff(division):
    post = factories.AdvisoryPostFactory(division=division)
    factories.TourFactory(post=post)
    assert not AdvisoryPost.objects.visible_to(None).exists()
    assert not Tour.objects.visible_to(None).exists()
    staff = factories.StaffFactory(roles=["Reviewer"])
    assert AdvisoryPost.objects.visible_to(staff).get() == post


def test_a_next_step_cannot_be_due_before_its_engagement(division):
    engagement = factories.EngagementFactory(post=factories.AdvisoryPostFactory(division=division))
    step = NextStep(engagement=engagement, owner=engagement.post, description="Call back", due_on=D(2026, 3, 1))
    assert errors_of(step) == {"due_on": ["A next step cannot be due before its engagement (10 Mar 2026)."]}


def test_a_cancelled_engagement_says_why(division):
    engagement = factories.EngagementFactory(post=factories.AdvisoryPostFactory(division=division))
    engagement.cancelled = True
    assert errors_of(engagement) == {"cancellation_reason": ["Say why the engagement was cancelled."]}
    engagement.cancellation_reason = "The minister travelled."
    engagement.full_clean()
