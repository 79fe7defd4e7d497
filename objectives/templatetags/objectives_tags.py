from django import template

from objectives.models import ReportStatus

register = template.Library()


@register.filter
def report_status_label(value):
    """The readable label of a report status code (from an annotation)."""
    return ReportStatus(value).label if value in ReportStatus.values else ""
