"""Middleware of the portal's own that is not about security or caching."""

from django.utils import translation
from django.utils.cache import patch_vary_headers

from nmi_site.content.languages import api_language


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
