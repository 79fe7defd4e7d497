"""Absolute links, always from the configured site address
(``settings.SITE_URL``), never from the Host a request claims."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """``path`` (``/events/…``) as an absolute link on the portal."""
    return f"{settings.SITE_URL}{path}"


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme


def site_domain():
    """Host and port, as Django's sitemaps and emails name a site."""
    return urlsplit(settings.SITE_URL).netloc


# The year the portal's name (CALENDAR_UID_DOMAIN) was first used in its
# identifiers: part of every tag URI, so it never changes.
TAG_YEAR = "2018"


def tag_uri(specific):
    """A ``tag:`` URI (RFC 4151) that names a record for good, whatever the
    site's address: ``tag:nmi-portal,2018:event-21``. Feed readers compare
    entry ids as they are, so a change of host never duplicates an entry."""
    return f"tag:{settings.CALENDAR_UID_DOMAIN},{TAG_YEAR}:{specific}"
