"""Middleware of the portal's own that is not about security or caching."""

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html

from nmi_site.content.languages import api_language
from nmi_site.content.templatetags.portal import FALLBACK_ATTRIBUTES

NOTICE_MARKER = b"<!--english-notice-->"


class AdminLanguageMiddleware:
    """The admin has no /ar/ prefix: it follows the language the browser
    asks for (or the language cookie), English when that is not Arabic.
    Public pages keep their language from the address."""

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class ApiLanguageMiddleware:
    """The API has no /ar/ prefix either: it answers in the language of
    ``?lang=`` or of ``Accept-Language`` (English text where a record has
    no Arabic), and says which in ``Content-Language``. An unknown
    ``lang`` is answered in English and refused by the view (400)."""

    prefix = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.prefix):
            return self.get_response(request)
        language, request.unknown_language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response["Content-Language"] = request.LANGUAGE_CODE
        return response


class EnglishFallbackNoticeMiddleware:
    """On a page in Arabic, a short notice at the top of the content when
    some of it is shown in English because it has no Arabic yet (the text
    ``fallback_lang`` marks with ``lang="en"``). Pages leave a marker where
    the notice goes (templates/base.html); it is replaced, or removed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            return response
        content = response.content
        at = content.find(NOTICE_MARKER)
        if at == -1:
            return response
        notice = b""
        if FALLBACK_ATTRIBUTES.encode() in content[at:]:
            notice = format_html(
                '<p class="notice notice--language" role="note">{}</p>',
                translation.gettext("Parts of this page are not yet translated into Arabic and are shown in English."),
            ).encode()
        response.content = content[:at] + notice + content[at + len(NOTICE_MARKER) :]
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
