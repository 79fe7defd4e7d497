"""The site-wide pages: the home page, search, accessibility, sources,
robots.txt and the error pages."""

import logging

from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from missions.models import Contribution, Division, Institution, Milestone, PartnerOrganisation
from missions.views import visible_mission
from nmi_site.content.filtering import form_parameters
from nmi_site.content.links import absolute_url
from nmi_site.content.visibility import visible_prefetch
from nmi_site.security.log import log_event
from nmi_site.sitewide.search import KINDS, KINDS_BY_SLUG, MAX_WORDS, SearchForm, search
from objectives.models import LongTermObjective, PlanOnAPage, PlanState, ProgressReport
from outreach.models import Event

# How many of each the home page shows.
HOME_EVENTS = 3
HOME_REPORTS = 4
HOME_MILESTONES = 3


class HomeView(TemplateView):
    """The mission now: what it is, where its objectives stand, its next
    events, its latest approved progress, its latest milestones and its
    divisions."""

    template_name = "pages/home.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        divisions = (
            Division.objects.visible_to(viewer)
            .filter(parent__isnull=True)
            .prefetch_related(visible_prefetch("branches", Division, viewer, to_attr="visible_branches"))
        )
        return super().get_context_data(
            mission=visible_mission(viewer),
            divisions=divisions,
            figures={
                "divisions": Division.objects.visible_to(viewer).filter(parent__isnull=True).count(),
                "nations": Contribution.objects.visible_to(viewer).count(),
                "partners": PartnerOrganisation.objects.visible_to(viewer).count(),
                "counterparts": Institution.objects.visible_to(viewer).count(),
            },
            progress_counts=LongTermObjective.objects.visible_to(viewer).progress_counts(),
            events=list(
                Event.objects.visible_to(viewer).upcoming().select_related("organising_division")[:HOME_EVENTS]
            ),
            # The latest approved reports that count (not corrected since),
            # newest period first, of objectives the visitor may see.
            reports=list(
                ProgressReport.objects.visible_to(viewer)
                .filter(is_superseded=False)
                .select_related("objective")
                .order_by("-period_end", "-reviewed_at", "-pk")[:HOME_REPORTS]
            ),
            milestones=Milestone.objects.visible_to(viewer).order_by("-date", "-pk")[:HOME_MILESTONES],
            **kwargs,
        )


def sitemap(request, **kwargs):
    """Django's sitemap view; ``?p=`` is the page of a long sitemap."""
    return sitemap_views.sitemap(request, **kwargs)


sitemap.query_params = ("p",)


class SearchView(TemplateView):
    """``/search/?q=…&kind=…``: ranked results the visitor may see."""

    template_name = "pages/search.html"
    paginate_by = 20
    query_params = form_parameters(SearchForm) | {"page"}

    def get_context_data(self, **kwargs):

        form = SearchForm(self.request.GET or None)
        context = {"form": form, "searched": False, **kwargs}
        if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
            kind = form.cleaned_data["kind"]
            results = search(form.cleaned_data["q"], self.request.user, [KINDS_BY_SLUG[kind]] if kind else KINDS)
            page = Paginator(results, self.paginate_by).get_page(self.request.GET.get("page"))
            query = self.request.GET.copy()
            query.pop("page", None)
            context.update(
                searched=True,
                words_ignored=form.words_ignored,
                max_words=MAX_WORDS,
                results=page.object_list,
                page_obj=page,
                paginator=page.paginator,
                is_paginated=page.has_other_pages(),
                page_range=page.paginator.get_elided_page_range(page.number),
                query=query.urlencode(),
            )
        return super().get_context_data(**context)


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


class SourcesView(TemplateView):
    template_name = "pages/sources.html"


class SiteMapView(TemplateView):
    """Every page of the site a visitor may open, for people (robots read
    ``/sitemap.xml``): the main pages, each division and each objective
    with its plan. Events are reached through their lists (they run to
    thousands)."""

    template_name = "pages/site_map.html"

    def get_context_data(self, **kwargs):
        viewer = self.request.user
        return super().get_context_data(
            divisions=Division.objects.visible_to(viewer).only("pk", "name", "slug", "parent_id", "order"),
            objectives=LongTermObjective.objects.visible_to(viewer)
            .select_related("owning_division")
            .only("pk", "number", "title", "slug", "owning_division__name", "owning_division__order")
            # Its plan's page exists while it has an agreed plan.
            .annotate(
                has_plan=Exists(
                    PlanOnAPage.objects.visible_to(viewer).filter(objective=OuterRef("pk"), state=PlanState.AGREED)
                )
            )
            .order_by("owning_division__order", "number", "title"),
            **kwargs,
        )


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# Error handlers: the site's own pages, and JSON under /api/ -----------------


def _is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    log_event("permission_denied", request, level=logging.WARNING)
    if _is_api(request):
        return JsonResponse({"detail": "You do not have permission to do this."}, status=403)
    return defaults.permission_denied(request, exception)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (a forged or expired form):
    logged, and answered with the site's 403 page."""
    log_event("csrf_failure", request, level=logging.WARNING, reason=reason)
    if _is_api(request):
        return JsonResponse({"detail": "CSRF check failed."}, status=403)
    return defaults.permission_denied(request, PermissionDenied(reason))


def page_not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)
