"""'My work' of the corporate memory: posts about to lose their holder
with nobody to take over."""

import datetime

import pytest

from advisory import selectors
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 10)


def test_posts_of_my_divisions_with_no_incoming_holder(editor, division, other_division):
    leaving = factories.AdvisoryPostFactory(division=division, title="Advisor A")
    factories.TourFactory(
        post=leaving, holder_name="Ann", starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30)
    )
    covered = factories.AdvisoryPostFactory(division=division, title="Advisor B")
    factories.TourFactory(post=covered, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30))
    factories.TourFactory(post=covered, starts_on=datetime.date(2026, 6, 20), ends_on=datetime.date(2026, 12, 31))
    elsewhere = factories.AdvisoryPostFactory(division=other_division)
    factories.TourFactory(post=elsewhere, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30))

    work = {kind.key: kind for kind in selectors.work_for(editor, today=TODAY)}["posts_without_successor"]

    assert [item.label for item in work.items] == ["Advisor A"]
    assert work.items[0].detail == "Ann leaves on 30 Jun 2026"
    assert work.items[0].url == f"/admin/advisory/advisorypost/{leaving.pk}/change/"


def test_the_list_takes_the_same_number_of_queries_whatever_it_holds(editor, division, django_assert_num_queries):
    def add(count):
        for _number in range(count):
            post = factories.AdvisoryPostFactory(division=division)
            factories.TourFactory(post=post, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30))

    add(3)
    selectors.work_for(editor, today=TODAY)  # the user's divisions, read once
    with django_assert_num_queries(4):
        selectors.work_for(editor, today=TODAY)
    add(30)
    with django_assert_num_queries(4):
        selectors.work_for(editor, today=TODAY)


def test_next_steps_past_their_due_date(editor, division, other_division):
    post = factories.AdvisoryPostFactory(division=division, title="Advisor A")
    late = factories.NextStepFactory(
        engagement=factories.EngagementFactory(post=post),
        description="Send the draft",
        due_on=datetime.date(2026, 6, 1),
    )
    factories.NextStepFactory(engagement=late.engagement, due_on=datetime.date(2026, 6, 1), done=True)
    factories.NextStepFactory(engagement=late.engagement, due_on=datetime.date(2026, 6, 10))  # due today
    factories.NextStepFactory(
        engagement=factories.EngagementFactory(post=factories.AdvisoryPostFactory(division=other_division)),
        due_on=datetime.date(2026, 5, 1),
    )

    work = {kind.key: kind for kind in selectors.work_for(editor, today=TODAY)}["next_steps_overdue"]

    assert [item.label for item in work.items] == ["Send the draft"]
    assert work.items[0].url == f"/admin/advisory/engagement/{late.engagement_id}/change/"
    assert work.items[0].detail.startswith("Advisor A, due 1 Jun 2026 (from ")
