"""
Dates known only to the month or the year.

The source report often gives "July 2018" or "2018" rather than a day. Such a
date is stored as the first day of its period plus a precision, and renders
at that precision: ``12 Mar 2024``, ``Jul 2018`` or ``2018``.
"""

from django.db import models
from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


FORMATS = {
    DatePrecision.DAY: "j M Y",
    DatePrecision.MONTH: "M Y",
    DatePrecision.YEAR: "Y",
}


def format_date(value, precision=DatePrecision.DAY):
    """Render ``value`` unambiguously at ``precision`` in the active language."""
    if value is None:
        return ""
    return dateformat.format(value, FORMATS.get(precision, FORMATS[DatePrecision.DAY]))


def format_datetime(value):
    """Render a moment unambiguously in the site's time zone (Baghdad):
    ``12 Mar 2024, 14:05``."""
    if value is None:
        return ""
    return dateformat.format(timezone.localtime(value), "j M Y, H:i")


def precision_field(verbose_name):
    return models.CharField(
        verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How precisely the date is known; a month or a year is stored as its first day."),
    )


def precision_check(date_field, precision=None):
    """A named constraint: a date known to the month or year is stored as
    the first day of that month or year. ``precision`` names the precision
    field (by default ``<date_field>_precision``)."""
    precision = precision or f"{date_field}_precision"
    return models.CheckConstraint(
        condition=(
            models.Q(**{precision: DatePrecision.DAY})
            | models.Q(**{f"{date_field}__isnull": True})
            | models.Q(**{precision: DatePrecision.MONTH, f"{date_field}__day": 1})
            | models.Q(**{precision: DatePrecision.YEAR, f"{date_field}__day": 1, f"{date_field}__month": 1})
        ),
        name=f"%(app_label)s_%(class)s_{date_field}_precision",
        violation_error_message=_("A date known to the month or year must be the first day of that period."),
    )


def precision_errors(value, precision, field_name):
    """The field-level message that mirrors :func:`precision_check`, for
    ``clean()`` methods."""
    if value is None or precision == DatePrecision.DAY:
        return {}
    if value.day != 1 or (precision == DatePrecision.YEAR and value.month != 1):
        period = _("month") if precision == DatePrecision.MONTH else _("year")
        return {
            field_name: _("A date known only to the %(period)s must be the first day of that %(period)s.")
            % {"period": period}
        }
    return {}
