from django import template

from objectives.models import ProgressReport
from objectives.services import can_review

register = template.Library()


@register.inclusion_tag("admin/objectives/review_queue_notice.html", takes_context=True)
def review_queue_notice(context):
    """On the admin index: how many reports wait for a reviewer."""
    request = context.get("request")
    if request is None or not can_review(request.user):
        return {"show": False}
    return {"show": True, "count": ProgressReport.objects.awaiting_review().count()}
