"""The language of an API answer: the ``lang`` query parameter when given,
else the best of ``Accept-Language`` the site speaks, else English. Pages
take theirs from the address (``/ar/``) instead."""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

LANG_PARAMETER = "lang"


def codes():
    return [code for code, _name in settings.LANGUAGES]


def api_language(request):
    """``(language, error)``: ``error`` is true when ``lang`` names a
    language the site does not speak (the answer is then English)."""
    asked = request.GET.get(LANG_PARAMETER)
    if asked is not None:
        return (asked, False) if asked in codes() else (settings.LANGUAGE_CODE, True)
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code), False
        except LookupError:
            continue
    return settings.LANGUAGE_CODE, False
