"""Views and view mixins shared by every app, and the site-wide pages."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView


class VisibleQuerysetMixin:
    """Generic views of content models start from the records the viewer may
    see. Views add ``select_related``/``prefetch_related`` for their template
    in :meth:`get_queryset`; related lists go through :func:`visible_prefetch`
    so they too hold visible records only."""

    model = None

    @property
    def viewer(self):
        return self.request.user

    def get_queryset(self):
        return self.model.objects.visible_to(self.viewer)


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


class SourcesView(TemplateView):
    template_name = "pages/sources.html"


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
