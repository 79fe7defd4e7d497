"""Template tags used by every app's pages."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from nmi_site.content.dates import format_date
from nmi_site.content.filtering import export_links
from nmi_site.content.numbers import format_number, format_percent
from nmi_site.content.visibility import Visibility

register = template.Library()

#: How text shown in English on a page in another language is marked (the
#: page then says so at the top: nmi_site/sitewide/middleware.py).
FALLBACK_ATTRIBUTES = ' lang="en" dir="ltr"'


# The badges and labels below are written in Python rather than with an
# inclusion tag: lists of hundreds of records show them on every row, and a
# template per row cost more than the rest of the row.


@register.simple_tag
def visibility_badge(record):
    """A badge on a non-public record. Only staff can see such records on
    public pages, so only staff ever see the badge."""
    level = getattr(record, "visibility", Visibility.PUBLIC)
    if level == Visibility.PUBLIC:
        return ""
    return format_html('<strong class="badge badge--{}">{}</strong>', level, Visibility(level).label)


@register.simple_tag
def status_tag(status, label):
    """A report's progress status (on track, at risk …) as a coloured label."""
    if not status:
        return ""
    return format_html('<strong class="status status--{}">{}</strong>', status, label)


@register.filter
def number(value):
    """A figure as the site writes it in every language: ``61.7``, ``1,130``."""
    return format_number(value)


@register.filter
def percent(value):
    """A percentage as the site writes it in every language: ``61.7%``."""
    return format_percent(value)


@register.filter
def approximate_date(value, precision="day"):
    """``{{ milestone.date|approximate_date:milestone.date_precision }}``"""
    return format_date(value, precision)


MACHINE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


@register.simple_tag
def approximate_time(value, precision="day"):
    """A ``<time>`` element for a date known to the day, month or year."""
    if value is None:
        return ""
    machine = value.strftime(MACHINE_FORMATS.get(precision, MACHINE_FORMATS["day"]))
    return format_html('<time datetime="{}">{}</time>', machine, format_date(value, precision))


@register.simple_tag
def fallback_lang(record, field):
    """``lang``/``dir`` attributes for a record's text that is shown in
    English on a page in another language because no translation exists,
    so that screen readers and the bidi algorithm treat it as English."""
    language = get_language()
    if not language or language == settings.LANGUAGE_CODE:
        return ""
    if getattr(record, build_localized_fieldname(field, language), None):
        return ""
    return mark_safe(FALLBACK_ATTRIBUTES)


@register.simple_tag
def example_tag(*records):
    """An "example" label when any of ``records`` is invented demonstration data."""
    if not any(getattr(record, "is_example", False) for record in records if record is not None):
        return ""
    return format_html('<strong class="tag tag--example">{}</strong>', _("Example"))


@register.simple_tag
def downloads_of(list_name):
    """The CSV and XLSX links of the API list ``list_name`` ("api:lesson-list"),
    in the page's language, for ``includes/downloads.html``."""
    return export_links(reverse(list_name))
