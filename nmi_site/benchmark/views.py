"""Raw baselines for the benchmark (``make bench``), mounted at
``/benchmark/raw/<resource>/`` only when ``DJANGO_BENCHMARK`` is on.

Each reads the same rows as the page or API list it is compared with,
public records only, with ``values()`` and answers with ``JsonResponse``: no
serializers, templates, forms or pagination objects. What the target shows
besides its main rows is read too, so that the comparison measures the
framework's work, not a different amount of data:

- ``events``: ``limit`` events in date order with their organising
  division and the names of their nations, partners, institutions and
  objectives (the API list's rows).
- ``?count=1`` adds the number of matching rows (lists show it);
  ``?upcoming=1`` keeps events that have not ended (the events page);
  ``?choices=1`` adds the rows of the page's filter lists.
- ``objectives``: the objectives with their owning division, latest
  approved progress and visible supporting divisions, institutions and
  capability areas (the API list's rows); ``?choices=1`` adds the dashboard's filter lists.

The *plain* baselines (``plain-events``, ``plain-objectives``) are what the
targets are set against: a ``values()`` of ``limit`` rows of the model's own
columns in primary-key order, with no joins, no sorting and no visibility
rule, so that what the rule, the ordering and the rendering cost is all part
of what a target measures."""

from django.db.models import Max, Min, OuterRef, Subquery
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from missions.models import CapabilityArea, Division, Institution, Nation, PartnerOrganisation
from objectives.models import LongTermObjective, PlanOnAPage, ProgressReport
from outreach.models import Event

MAX_ROWS = 100


def _names(model, *columns):
    return list(model.objects.visible_to(None).values(*columns))


def _add_related(rows, owner, owner_column, related):
    """Give each row the visible rows of each many-to-many relation in
    ``related`` (name, through-table column, model, columns): one query per
    relation, as the API's prefetches read them."""
    by_id = {row["id"]: row for row in rows}
    for name, field, model, columns in related:
        for row in rows:
            row[name] = []
        through = getattr(owner, name).through
        links = through.objects.filter(
            **{f"{owner_column}__in": list(by_id), f"{field}__in": model.objects.visible_to(None)}
        ).values(owner_column, *(f"{field}__{column}" for column in columns))
        for link in links:
            by_id[link[owner_column]][name].append(link)


def _events(request, limit):
    events = Event.objects.visible_to(None)
    if request.GET.get("upcoming"):
        events = events.filter(ends_at__gte=timezone.now())
    rows = list(
        events.order_by("starts_at", "pk").values(
            "id",
            "updated_at",
            "title",
            "slug",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "all_day",
            "location",
            "online",
            "summary",
            "is_example",
            "organising_division__name",
            "organising_division__slug",
        )[:limit]
    )
    _add_related(
        rows,
        Event,
        "event_id",
        (
            ("nations", "nation", Nation, ("iso_code", "name")),
            ("partner_organisations", "partnerorganisation", PartnerOrganisation, ("slug", "name")),
            ("institutions", "institution", Institution, ("slug", "name")),
            ("objectives", "longtermobjective", LongTermObjective, ("slug", "title")),
        ),
    )
    body = {"results": rows}
    if request.GET.get("count"):
        body["count"] = events.count()
    if request.GET.get("choices"):
        body["choices"] = {
            "divisions": _names(Division, "slug", "name"),
            "partners": _names(PartnerOrganisation, "slug", "name"),
            "nations": _names(Nation, "iso_code", "name"),
            "objectives": _names(LongTermObjective, "slug", "title"),
            "years": events.aggregate(first=Min("starts_at"), last=Max("starts_at")),
        }
    return body


def _objectives(request, limit):
    latest = ProgressReport.objects.current().filter(objective=OuterRef("pk")).order_by("-period_end", "-pk")
    rows = list(
        LongTermObjective.objects.visible_to(None)
        .annotate(
            latest_percent=Subquery(latest.values("percent_complete")[:1]),
            latest_status=Subquery(latest.values("status")[:1]),
            latest_period_end=Subquery(latest.values("period_end")[:1]),
            latest_is_example=Subquery(latest.values("is_example")[:1]),
        )
        .order_by("number")
        .values(
            "id",
            "number",
            "slug",
            "title",
            "statement",
            "status",
            "is_example",
            "owning_division__name",
            "owning_division__slug",
            "latest_percent",
            "latest_status",
            "latest_period_end",
            "latest_is_example",
        )[:limit]
    )
    _add_related(
        rows,
        LongTermObjective,
        "longtermobjective_id",
        (
            ("supporting_divisions", "division", Division, ("id", "name", "acronym", "slug")),
            ("institutions", "institution", Institution, ("id", "name", "acronym", "slug")),
            ("capability_areas", "capabilityarea", CapabilityArea, ("id", "name", "slug")),
        ),
    )
    body = {"results": rows}
    if request.GET.get("count"):
        body["count"] = LongTermObjective.objects.visible_to(None).count()
    if request.GET.get("choices"):
        body["choices"] = {
            "divisions": _names(Division, "slug", "name"),
            "capability_areas": _names(CapabilityArea, "slug", "name"),
            "institutions": _names(Institution, "slug", "name"),
        }
    return body


EVENT_COLUMNS = (
    "id", "updated_at", "title", "slug", "kind", "status", "starts_at", "ends_at", "all_day", "location", "online",
    "summary", "is_example", "organising_division_id",
)  # fmt: skip
OBJECTIVE_COLUMNS = ("id", "number", "slug", "title", "statement", "status", "is_example", "owning_division_id")


def _plain_events(request, limit):
    return {"results": list(Event._base_manager.order_by("pk").values(*EVENT_COLUMNS)[:limit])}


def _plain_objectives(request, limit):
    rows = LongTermObjective._base_manager.order_by("pk").values(*OBJECTIVE_COLUMNS)[:limit]
    return {"results": list(rows)}


RESOURCES = {
    "events": _events,
    "objectives": _objectives,
    "plain-events": _plain_events,
    "plain-objectives": _plain_objectives,
}


def sample_paths():
    """One public page of every kind (both languages for the busiest),
    the sitemap, feed, calendar and search: what the benchmark's query
    counts and the load test (scripts/) request."""

    division = Division.objects.visible_to(None).order_by("pk").first()
    objective = LongTermObjective.objects.visible_to(None).order_by("number").first()
    plan = PlanOnAPage.objects.visible_to(None).filter(objective=objective).first()
    event = Event.objects.visible_to(None).exclude(slug__startswith="generated-").order_by("pk").first()
    paths = [
        "/", "/about/", "/structure/", division.get_absolute_url(), "/timeline/", "/nations-and-partners/",
        "/lessons/", "/objectives/", objective.get_absolute_url(), "/events/", "/events/past/",
        event.get_absolute_url(), "/search/?q=training", "/accessibility/", "/sources/",
        "/ar/", "/ar/events/", "/ar/objectives/", "/sitemap.xml", "/feeds/events.atom", "/calendar/events.ics",
        "/api/v1/search/?q=training",
    ]  # fmt: skip
    if plan is not None:
        paths.append(reverse("objectives:plan", args=[objective.slug]))
    return paths


@require_safe
def raw_rows(request, resource):
    try:
        read = RESOURCES[resource]
        limit = int(request.GET.get("limit", "20"))
    except (KeyError, ValueError):
        raise Http404 from None
    if not 1 <= limit <= MAX_ROWS:
        raise Http404
    return JsonResponse(read(request, limit))
