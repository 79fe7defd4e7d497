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
