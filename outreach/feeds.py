from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nmi_site.content.feeds import PortalAtomFeed
from nmi_site.content.links import absolute_url
from outreach.models import Event


class EventAtomFeed(PortalAtomFeed):
    """New and changed public events, most recently changed first."""

    title = _("NMI Portal: outreach events")
    subtitle = _("New and updated public outreach events of NATO Mission Iraq.")
    name = "feed:events"

    # Links are absolute from the configured site address.
    def link(self):
        return absolute_url(reverse("outreach:upcoming"))

    def feed_url(self):
        return absolute_url(reverse("events_atom"))

    def items(self):
        # The feed is public: anonymous visibility, whoever asks.
        return (
            Event.objects.visible_to(None)
            .select_related("organising_division")
            .order_by("-updated_at", "-pk")[: self.size]
        )

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.summary

    def item_link(self, event):
        return absolute_url(event.get_absolute_url())

    def item_key(self, event):
        return f"event-{event.pk}"

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_kind_display()]
