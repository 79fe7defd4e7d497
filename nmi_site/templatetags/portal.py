"""Template tags used by every app's pages."""

from django import template
from django.utils.html import format_html

from nmi_site.dates import format_date
from nmi_site.visibility import Visibility

register = template.Library()


@register.inclusion_tag("includes/visibility_badge.html")
def visibility_badge(record):
    """A badge on a non-public record. Only staff can see such records on
    public pages, so only staff ever see the badge."""
    level = getattr(record, "visibility", Visibility.PUBLIC)
    return {"level": level, "label": Visibility(level).label if level != Visibility.PUBLIC else ""}


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
