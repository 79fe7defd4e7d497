"""Handovers: started by the post's division, acknowledged by each holder,
the checklist ticked by the incoming holder; anything else refused with
nothing changed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from advisory import services
from advisory.models import FIRST_30_DAYS, Handover
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tours(division):
    post = factories.AdvisoryPostFactory(division=division)
    outgoing_user = factories.StaffFactory(username="outgoing")
    incoming_user = factories.StaffFactory(username="incoming")
    outgoing = factories.TourFactory(
        post=post,
        holder=outgoing_user,
        holder_name="",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
    )
    incoming = factories.TourFactory(
        post=post,
        holder=incoming_user,
        holder_name="",
        starts_on=datetime.date(2026, 6, 20),
        ends_on=datetime.date(2026, 12, 31),
    )
    return outgoing, incoming


def test_a_handover_starts_with_the_first_30_days_checklist(editor, tours):
    handover = services.handover_start(user=editor, outgoing=tours[0], incoming=tours[1])
    assert [item.text for item in handover.checklist.all()] == [str(text) for text in FIRST_30_DAYS]


def test_another_divisions_editor_cannot_start_it(other_editor, tours):
    with pytest.raises(PermissionDenied):
        services.handover_start(user=other_editor, outgoing=tours[0], incoming=tours[1])
    assert not Handover.objects.exists()


def test_each_holder_acknowledges_their_own_side_once(editor, tours):
    handover = services.handover_start(user=editor, outgoing=tours[0], incoming=tours[1])
    outgoing, incoming = tours[0].holder, tours[1].holder

    with pytest.raises(PermissionDenied):
        services.handover_acknowledge(user=incoming, handover=handover, side="outgoing")
    with pytest.raises(PermissionDenied):
        services.handover_acknowledge(user=editor, handover=handover, side="incoming")
    services.handover_acknowledge(user=outgoing, handover=handover, side="outgoing")
    with pytest.raises(ValidationError):
        services.handover_acknowledge(user=outgoing, handover=handover, side="outgoing")
    services.handover_acknowledge(user=incoming, handover=handover, side="incoming")

    handover.refresh_from_db()
    assert handover.is_acknowledged
    assert (handover.outgoing_acknowledged_by, handover.incoming_acknowledged_by) == (outgoing, incoming)


def test_an_editor_acknowledges_for_a_holder_without_an_account(editor, division):
    post = factories.AdvisoryPostFactory(division=division)
    outgoing = factories.TourFactory(post=post, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 30))
    incoming = factories.TourFactory(
        post=post, starts_on=datetime.date(2026, 7, 1), ends_on=datetime.date(2026, 12, 31)
    )
    handover = services.handover_start(user=editor, outgoing=outgoing, incoming=incoming)
    services.handover_acknowledge(user=editor, handover=handover, side="outgoing")
    handover.refresh_from_db()
    assert handover.outgoing_acknowledged_by == editor


def test_the_incoming_holder_ticks_the_checklist(editor, other_editor, tours):
    handover = services.handover_start(user=editor, outgoing=tours[0], incoming=tours[1])
    item = handover.checklist.first()

    with pytest.raises(PermissionDenied):
        services.checklist_tick(user=other_editor, item=item)
    services.checklist_tick(user=tours[1].holder, item=item)
    with pytest.raises(ValidationError):
        services.checklist_tick(user=tours[1].holder, item=item)

    item.refresh_from_db()
    assert (item.done_by, item.done_at is not None) == (tours[1].holder, True)
