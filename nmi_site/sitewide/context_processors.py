from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from nmi_site.caching.generations import content_version


def site(request):
    """Language links for the current page and the "last updated" stamp of
    what the viewer can see."""

    path = request.get_full_path()
    links = [{"code": code, "name": name, "url": translate_url(path, code)} for code, name in settings.LANGUAGES]
    return {
        "language_links": links,
        # Read from the cache: the database is asked once per change.
        # A request refused before authentication (a forged Host, say) has
        # no user: it sees what the public sees.
        "last_updated": SimpleLazyObject(lambda: content_version(getattr(request, "user", None))[0]),
    }
