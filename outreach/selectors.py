"""Reads of events that need more than a QuerySet method."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from nmi_site.access import rules
from nmi_site.backoffice.work import WorkItem, work_list
from nmi_site.content.dates import format_date
from nmi_site.content.visibility import Visibility
from outreach.models import Event, EventStatus


def _blank(name):
    """A ``Q`` keeping records whose translated field ``name`` is empty in
    every language."""
    condition = Q()
    for language in settings.MODELTRANSLATION_LANGUAGES:
        column = build_localized_fieldname(name, language)
        condition &= Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
    return condition


def _event_item(event):
    return WorkItem(
        str(event),
        reverse("admin:outreach_event_change", args=[event.pk]),
        format_date(timezone.localdate(event.starts_at)),
    )


def work_for(user, *, now=None):
    """What events ask of ``user`` next ("My work"): events waiting to be
    published (a Reviewer's, of every division; an Editor's, of their own,
    to ask a Reviewer), and their divisions' events that are over without an
    outcome written."""
    now = now or timezone.now()
    divisions = rules.division_ids(user)
    events = Event.objects.select_related("organising_division")
    unpublished = events.filter(visibility=Visibility.INTERNAL, ends_at__gte=now).exclude(status=EventStatus.CANCELLED)
    if not rules.can_publish(user):
        unpublished = unpublished.filter(organising_division_id__in=divisions)
    changelist = reverse("admin:outreach_event_changelist")
    return [
        work_list(
            "events_unpublished",
            _("Coming events waiting to be published"),
            unpublished.order_by("starts_at", "pk"),
            _event_item,
            more_url=f"{changelist}?visibility__exact=internal",
        ),
        work_list(
            "events_without_outcome",
            _("Past events of my divisions without an outcome"),
            events.filter(organising_division_id__in=divisions, ends_at__lt=now)
            .filter(_blank("outcome"))
            .filter(~Q(status__in=[EventStatus.CANCELLED, EventStatus.POSTPONED]))
            .order_by("-starts_at", "-pk"),
            _event_item,
        ),
    ]
