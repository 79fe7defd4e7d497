"""Writes with rules for outreach events."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nmi_site.access import rules
from nmi_site.content.visibility import Visibility
from outreach.models import Event, EventStatus

LINKS = ("nations", "partner_organisations", "institutions", "objectives")


@transaction.atomic
def event_duplicate(*, user, event):
    """Copy ``event`` as a planned, internal draft with the same
    participants, to adjust and publish: the twice-yearly ambassador day,
    say. Only those who may edit the event copy it."""
    if not rules.can_edit(user, event):
        raise PermissionDenied(_("Only editors of the organising division copy its events."))
    links = {field: list(getattr(event, field).all()) for field in LINKS}
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy._state.adding = True
    copy.slug = _free_slug(event)
    copy.status = EventStatus.PLANNED
    copy.visibility = Visibility.INTERNAL
    copy.outcome = ""
    copy.sequence = 0
    copy.full_clean()
    copy.save()
    for field, related in links.items():
        getattr(copy, field).set(related)
    return copy


def _free_slug(event):
    for number in range(2, 1000):
        slug = f"{event.slug[:90]}-{number}"
        if not Event.objects.filter(mission=event.mission_id, slug=slug).exists():
            return slug
    raise ValueError("No free slug")
