from django import template

from nmi_site.access import rules
from objectives.models import ProgressReport

register = template.Library()


@register.inclusion_tag("admin/objectives/review_queue_notice.html", takes_context=True)
def review_queue_notice(context):
    """On the admin index: how many reports wait for a reviewer."""
    request = context.get("request")
    if request is None or not rules.reviews_reports(request.user):
        return {"show": False}
    return {"show": True, "count": ProgressReport.objects.awaiting_review().count()}
