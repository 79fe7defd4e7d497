"""Reads of objectives that pages, the API and templates share. Simple
filters are QuerySet methods (``LongTermObjective.objects.with_latest_progress()``,
``Measurement.objects.current()``, ``ProgressReport.objects.current()``);
what needs more than one queryset lives here."""

from django.db.models import Prefetch

from objectives.models import Indicator, Measurement, PlanState


def indicators_prefetch(*, queryset=None):
    """An objective's indicators, each with its current measurements newest
    first (``indicator.latest_measurement`` reads them)."""
    queryset = queryset if queryset is not None else Indicator.objects.all()
    return Prefetch(
        "indicators",
        queryset=queryset.prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.current(), to_attr="current_measurements")
        ),
    )


def current_plan(*, plans):
    """The objective's current agreed plan among ``plans`` (a prefetched
    list), or ``None``."""
    return next((plan for plan in plans if plan.state == PlanState.AGREED), None)
