"""Writes with rules for the corporate memory: starting a handover,
acknowledging it, ticking the incoming holder's checklist."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from advisory.models import FIRST_30_DAYS, ChecklistItem, Handover
from nmi_site.access import rules

OUTGOING, INCOMING = "outgoing", "incoming"


@transaction.atomic
def handover_start(*, user, outgoing, incoming):
    """Record that ``outgoing``'s holder hands the post to ``incoming``'s,
    with the first-30-days checklist to tick."""
    if not rules.can_edit(user, outgoing.post):
        raise PermissionDenied(_("Only editors of the post's division start its handover."))
    handover = Handover(post=outgoing.post, outgoing=outgoing, incoming=incoming)
    handover.full_clean()
    handover.save()
    ChecklistItem.objects.bulk_create(
        ChecklistItem(handover=handover, order=number, text=str(text)) for number, text in enumerate(FIRST_30_DAYS, 1)
    )
    return handover


@transaction.atomic
def handover_acknowledge(*, user, handover, side):
    """The holder of one side says the handover took place."""
    handover = (
        Handover.objects.select_for_update(of=("self",)).select_related("outgoing", "incoming").get(pk=handover.pk)
    )
    if side not in (OUTGOING, INCOMING):
        raise ValueError(side)
    tour = handover.outgoing if side == OUTGOING else handover.incoming
    if not rules.can_acknowledge_tour(user, tour):
        raise PermissionDenied(
            _("Only %(holder)s acknowledges this side of the handover.") % {"holder": tour.holder_label}
        )
    if getattr(handover, f"{side}_acknowledged_at") is not None:
        raise ValidationError(_("This side of the handover is already acknowledged."))
    setattr(handover, f"{side}_acknowledged_by", user if user.pk else None)
    setattr(handover, f"{side}_acknowledged_at", timezone.now())
    handover._change_reason = f"{side} acknowledged"
    handover.save()
    return handover


@transaction.atomic
def checklist_tick(*, user, item, done=True):
    """The incoming holder (or an editor of the division) ticks an item of
    the first-30-days checklist, or unticks it."""
    item = ChecklistItem.objects.select_for_update(of=("self",)).select_related("handover__incoming").get(pk=item.pk)
    if not (rules.holds_tour(user, item.handover.incoming) or rules.can_edit(user, item.handover)):
        raise PermissionDenied(_("Only the incoming holder ticks their checklist."))
    if done == (item.done_at is not None):
        raise ValidationError(_("This item is already ticked.") if done else _("This item is not ticked."))
    item.done_at = timezone.now() if done else None
    item.done_by = user if done and user.pk else None
    item.save()
    return item
