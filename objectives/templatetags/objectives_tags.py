from django import template

from objectives.models import LongTermObjective, ReportStatus
from objectives.views import with_latest_progress

register = template.Library()


@register.filter
def report_status_label(value):
    """The readable label of a report status code (from an annotation)."""
    return ReportStatus(value).label if value in ReportStatus.values else ""


@register.inclusion_tag("objectives/includes/division_objectives.html", takes_context=True)
def division_objectives(context, division):
    """The objectives a division leads, with their latest approved progress,
    for the division's page."""

    viewer = context["request"].user
    objectives = with_latest_progress(
        LongTermObjective.objects.visible_to(viewer).filter(owning_division=division)
    ).order_by("number", "title")
    return {"objectives": list(objectives), "division": division, "request": context["request"]}
