"""Writes with rules for outreach events."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from nmi_site.access import rules
from nmi_site.content.visibility import Visibility
from outreach.models import Event, EventStatus

LINKS = ("nations", "partner_organisations", "institutions", "objectives")
LANGUAGES = ("en", "ar")


@transaction.atomic
def event_duplicate(*, user, event, months):
    """Copy ``event`` as a planned, internal draft with the same
    participants, ``months`` later, to adjust and publish: the twice-yearly
    ambassador day, say. The copy's title names its month and year, so the
    two are told apart in lists. Only those who may edit the event copy it;
    a copy already made for that date is not made again."""
    if not rules.can_edit(user, event):
        raise PermissionDenied(_("Only editors of the organising division copy its events."))
    if months < 1:
        raise ValueError("A copy is at least a month later than its event.")
    links = {field: list(getattr(event, field).all()) for field in LINKS}
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy._state.adding = True
    copy.slug = _free_slug(event)
    copy.status = EventStatus.PLANNED
    copy.visibility = Visibility.INTERNAL
    copy.outcome = ""
    copy.sequence = 0
    copy.starts_at, copy.ends_at = (shifted(moment, months) for moment in (event.starts_at, event.ends_at))
    for language in LANGUAGES:
        field = build_localized_fieldname("title", language)
        title = getattr(event, field)
        if title:
            setattr(copy, field, dated_title(title, event.starts_at, copy.starts_at, language))
    same = Event.objects.filter(mission=event.mission_id, starts_at=copy.starts_at)
    for language in LANGUAGES:
        field = build_localized_fieldname("title", language)
        same = same.filter(**{field: getattr(copy, field)})
    existing = same.first()
    if existing is not None:
        # A second press of the button, or a copy made before.
        raise ValidationError(
            _("A copy of this event on that date already exists (%(copy)s): no other copy was made.")
            % {"copy": existing}
        )
    copy.full_clean()
    copy.save()
    for field, related in links.items():
        getattr(copy, field).set(related)
    return copy


def shifted(moment, months):
    """``moment`` ``months`` later on the calendar, at the same time of day
    in Baghdad (the 31st becomes the month's last day)."""
    local = timezone.localtime(moment)
    return (local + relativedelta(months=months)).astimezone(moment.tzinfo)


def dated_title(title, original_start, start, language):
    """``title`` followed by the month and year of ``start`` in ``language``,
    in place of the original's own month and year when it carries them."""
    with translation.override(language):
        old = f" ({date_format(timezone.localtime(original_start), 'F Y')})"
        new = f" ({date_format(timezone.localtime(start), 'F Y')})"
    base = title[: -len(old)] if title.endswith(old) else title
    return base[: 200 - len(new)] + new


def _free_slug(event):
    for number in range(2, 1000):
        slug = f"{event.slug[:90]}-{number}"
        if not Event.objects.filter(mission=event.mission_id, slug=slug).exists():
            return slug
    raise ValueError("No free slug")
