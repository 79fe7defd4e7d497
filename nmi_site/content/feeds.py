"""What every Atom feed of the portal shares: absolute links from the
configured site address, the mission as author, and ``tag:`` ids that
never change (``nmi_site.content.links.tag_uri``)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from nmi_site.content.links import absolute_url, tag_uri


class PortalAtomFeed(Feed):
    """An Atom feed of the portal. Subclasses give ``name`` (the feed's part
    of its id, "feed:events") or override ``feed_guid``, and ``item_key``
    (an entry's part of its id, "event-21")."""

    feed_type = Atom1Feed
    author_name = _("NATO Mission Iraq")
    name = None
    # Entries in a feed, newest first.
    size = 50

    def author_link(self):
        return absolute_url(reverse("missions:about"))

    def feed_guid(self, obj):
        return tag_uri(self.name)

    def item_key(self, item):
        raise NotImplementedError

    def item_guid(self, item):
        return tag_uri(self.item_key(item))

    item_guid_is_permalink = False
