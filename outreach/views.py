from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from missions.models import Institution, Nation, PartnerOrganisation
from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.content.filtering import export_links, form_parameters
from nmi_site.content.links import absolute_url
from nmi_site.content.views import VisibleQuerysetMixin
from nmi_site.content.visibility import Visibility, visible_prefetch
from objectives.models import LongTermObjective
from outreach.calendars import build_calendar, feed_window, public_page, subscribe_links
from outreach.filters import EventFilter
from outreach.models import Event, EventKind


class EventListView(VisibleQuerysetMixin, ListView):
    """Upcoming events, soonest first; ``past=True``: past events, latest first."""

    model = Event
    template_name = "outreach/event_list.html"
    context_object_name = "events"
    paginate_by = 20
    past = False
    query_params = form_parameters(filterset_class=EventFilter) | {"page"}

    def get_queryset(self):
        events = super().get_queryset().select_related("organising_division")
        events = events.past() if self.past else events.upcoming()
        self.filterset = EventFilter(self.request.GET or None, queryset=events, request=self.request)
        if not self.filterset.is_bound:
            return events
        # An invalid filter value shows its message and no results.
        return self.filterset.qs.distinct() if self.filterset.is_valid() else events.none()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        page = context["page_obj"]
        year = (
            self.filterset.form.cleaned_data.get("year")
            if self.filterset.is_bound and self.filterset.is_valid()
            else None
        )
        return {
            **context,
            # The API has no "year": the year's span, in Baghdad.
            "downloads": export_links(
                reverse("api:event-list"),
                self.filterset,
                renamed={"year": None},
                extra={"starts_after": f"{year}-01-01T00:00:00+03:00", "starts_before": f"{year}-12-31T23:59:59+03:00"}
                if year
                else None,
            ),
            "calendars": [
                {
                    "label": _("All public events"),
                    **subscribe_links(reverse("outreach_feeds:calendar"), _("NMI outreach events")),
                },
                *(
                    {
                        "label": label,
                        **subscribe_links(
                            reverse("outreach_feeds:calendar_kind", kwargs={"kind": kind}),
                            _("NMI: %(kind)s") % {"kind": label},
                        ),
                    }
                    for kind, label in EventKind.choices
                ),
            ],
            "page_range": page.paginator.get_elided_page_range(page.number) if page else [],
            "filter": self.filterset,
            "past": self.past,
            "filtered": bool(query),
            "query": query.urlencode(),
            "has_examples": any(event.is_example for event in context["events"]),
        }


class EventDetailView(VisibleQuerysetMixin, DetailView):
    model = Event
    template_name = "outreach/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        viewer = self.viewer
        return (
            super()
            .get_queryset()
            .select_related("organising_division", "mission")
            .prefetch_related(
                visible_prefetch("nations", Nation, viewer, to_attr="visible_nations"),
                visible_prefetch("partner_organisations", PartnerOrganisation, viewer, to_attr="visible_partners"),
                visible_prefetch("institutions", Institution, viewer, to_attr="visible_institutions"),
                visible_prefetch("objectives", LongTermObjective, viewer, to_attr="visible_objectives"),
            )
        )


def partner_key_or_404(key):
    """The live partner key with the calendar scope, or "not found"."""
    partner_key = PartnerKey.authenticate(key, KeyScope.CALENDAR)
    if partner_key is None:
        raise Http404(_("No such calendar."))
    return partner_key


def keep_private(response):
    """A partner's own page or feed: never kept by shared caches, never
    indexed, and its address (which holds the key) never sent on."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


class PartnerEventView(EventDetailView):
    """An event as a partner sees it, from their private calendar: the
    events shared with partners have no public page, so the partner's
    calendar links here (``/calendar/private/<key>/events/<slug>/``)."""

    def dispatch(self, request, *args, key, **kwargs):
        self.partner_key = partner_key_or_404(key)
        return keep_private(super().dispatch(request, *args, **kwargs))

    @property
    def viewer(self):
        return self.partner_key

    def get_context_data(self, **kwargs):
        key = self.kwargs["key"]
        return super().get_context_data(
            calendar_link=reverse("outreach_feeds:calendar_partner", kwargs={"key": key}),
            calendar_label=_("Subscribe to your organisation's calendar"),
            **kwargs,
        )


# Calendars ---------------------------------------------------------------------


def calendar_response(request, events, *, name, filename, attachment=False, page=public_page):
    response = HttpResponse(
        build_calendar(events, name=name, request=request, page=page), content_type="text/calendar; charset=utf-8"
    )
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_safe
def public_calendar(request):
    """All public events (the last year and everything to come)."""
    events = feed_window(Event.objects.visible_to(None))
    return calendar_response(request, events, name=_("NMI outreach events"), filename="nmi-events.ics")


@require_safe
def kind_calendar(request, kind):
    if kind not in EventKind.values:
        raise Http404(_("No such kind of event."))
    events = feed_window(Event.objects.visible_to(None).filter(kind=kind))
    label = EventKind(kind).label
    return calendar_response(request, events, name=_("NMI: %(kind)s") % {"kind": label}, filename=f"nmi-{kind}.ics")


@require_safe
def event_calendar(request, slug):
    """One event, to add to a calendar application."""
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    return calendar_response(request, [event], name=event.title, filename=f"{event.slug}.ics", attachment=True)


@require_safe
def partner_calendar(request, key):
    """A partner's private feed: public events and those shared with
    partners. An unknown, expired or revoked key is simply not found."""
    partner_key = partner_key_or_404(key)
    events = feed_window(Event.objects.visible_to(partner_key))

    def page(event):
        # Events shared with partners have no public page: the partner's own.
        if event.effective_visibility == Visibility.PUBLIC:
            return public_page(event)
        return absolute_url(reverse("outreach_feeds:partner_event", kwargs={"key": key, "slug": event.slug}))

    response = calendar_response(
        request,
        events,
        name=_("NMI events for %(partner)s") % {"partner": partner_key.partner.acronym or partner_key.partner.name},
        filename="nmi-partner-events.ics",
        page=page,
    )
    return keep_private(response)
