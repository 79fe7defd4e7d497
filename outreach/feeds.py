from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from nmi_site.content.links import absolute_url, tag_uri
from outreach.models import Event


class EventAtomFeed(Feed):
    """New and changed public events, most recently changed first."""

    feed_type = Atom1Feed
    title = _("NMI Portal: outreach events")
    subtitle = _("New and updated public outreach events of NATO Mission Iraq.")
    # The feed's id and its entries' are tag URIs: they never change, even
    # when the site moves to another address.
    feed_guid = tag_uri("feed:events")
    author_name = _("NATO Mission Iraq")

    def author_link(self):
        return absolute_url(reverse("missions:about"))

    # Links are absolute from the configured site address.
    def link(self):
        return absolute_url(reverse("outreach:upcoming"))

    def feed_url(self):
        return absolute_url(reverse("events_atom"))

    def items(self):
        # The feed is public: anonymous visibility, whoever asks.
        return Event.objects.visible_to(None).select_related("organising_division").order_by("-updated_at", "-pk")[:50]

    def item_title(self, event):
        return event.title

    def item_description(self, event):
        return event.summary

    def item_link(self, event):
        return absolute_url(event.get_absolute_url())

    def item_guid(self, event):
        return tag_uri(f"event-{event.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.get_kind_display()]
