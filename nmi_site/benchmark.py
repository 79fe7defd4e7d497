"""Raw baselines for the benchmark (``make bench``), mounted at
``/benchmark/raw/<resource>/`` only when ``DJANGO_BENCHMARK`` is on.

Each reads the same rows as a page or API list, public records only, with
``values()`` and answers with ``JsonResponse``: no serializers, templates or
pagination. The benchmark compares the real responses with these."""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe

from missions.models import Division, Institution, Nation, PartnerOrganisation
from objectives.models import LongTermObjective
from outreach.models import Event

MAX_ROWS = 100


def _events(limit):
    rows = list(
        Event.objects.visible_to(None)
        .order_by("starts_at", "pk")
        .values(
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
            "organising_division__name",
            "organising_division__slug",
        )[:limit]
    )
    ids = [row["id"] for row in rows]
    related = (
        ("nations", Event.nations.through, "nation", Nation, ("iso_code", "name")),
        (
            "partner_organisations",
            Event.partner_organisations.through,
            "partnerorganisation",
            PartnerOrganisation,
            ("slug", "name"),
        ),
        ("institutions", Event.institutions.through, "institution", Institution, ("slug", "name")),
        ("objectives", Event.objectives.through, "longtermobjective", LongTermObjective, ("slug", "title")),
    )
    by_id = {row["id"]: row for row in rows}
    for name, through, field, model, columns in related:
        for row in rows:
            row[name] = []
        for link in through.objects.filter(event_id__in=ids, **{f"{field}__in": model.objects.visible_to(None)}).values(
            "event_id", *(f"{field}__{column}" for column in columns)
        ):
            by_id[link["event_id"]][name].append(link)
    return rows


def _objectives(limit):
    return list(
        LongTermObjective.objects.visible_to(None)
        .order_by("number")
        .values("id", "number", "slug", "title", "statement", "status", "owning_division__name")[:limit]
    )


def _divisions(limit):
    return list(
        Division.objects.visible_to(None).order_by("order", "name").values("id", "name", "acronym", "slug")[:limit]
    )


RESOURCES = {"events": _events, "objectives": _objectives, "divisions": _divisions}


@require_safe
def raw_rows(request, resource):
    try:
        read = RESOURCES[resource]
        limit = int(request.GET.get("limit", "20"))
    except (KeyError, ValueError):
        raise Http404 from None
    if not 1 <= limit <= MAX_ROWS:
        raise Http404
    return JsonResponse({"results": read(limit)})
