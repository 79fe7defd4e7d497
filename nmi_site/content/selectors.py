"""Reads that span apps."""

from django.apps import apps
from django.db.models import F, Func

from nmi_site.content.models import ContentModel


def content_models():
    return [model for model in apps.get_models() if issubclass(model, ContentModel)]


def latest_visible_change(viewer):
    """When the newest record ``viewer`` can see last changed, in one query.

    Only visible rows count, so the stamp never reveals an edit to a hidden
    record. Returns ``None`` when nothing is visible."""
    subqueries = [
        # Func rather than Max: a plain MAX() without GROUP BY, one row each.
        model.objects.visible_to(viewer)
        .order_by()
        .annotate(latest=Func(F("updated_at"), function="MAX"))
        .values("latest")
        for model in content_models()
    ]
    if not subqueries:
        return None
    first, *rest = subqueries
    stamps = [row["latest"] for row in first.union(*rest, all=True) if row["latest"]]
    return max(stamps, default=None)
