"""``make bench-export``: how much memory a complete export takes as the
list grows (see docs/performance.md, "Exports").

Seeds a scratch SQLite database with 2,000 and then 20,000 public events
(each with a division and two nations), and exports ``/api/v1/events/``
as CSV and as XLSX in-process, reading the whole answer. Prints the peak
of Python's allocations while each export runs (tracemalloc) and how
long it took; the peak must not grow with the number of events (the
export reads and writes a thousand at a time). Fails if the peak at
20,000 is more than twice the peak at 2,000.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (2_000, 20_000)
ALLOWED_GROWTH = 2.0


def setup(directory):
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="nmi_site.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="export-memory-benchmark",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{directory}/export.sqlite3",
        ANONYMOUS_CACHE_SECONDS="0",
        REDIS_URL="",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(total):
    import datetime

    from django.utils import timezone

    from missions.models import Division, Mission, Nation
    from outreach.models import Event

    mission, _ = Mission.objects.get_or_create(
        slug="nmi", defaults={"name": "NATO Mission Iraq", "short_name": "NMI", "visibility": "public"}
    )
    division, _ = Division.objects.get_or_create(
        mission=mission, slug="sros", defaults={"name": "Outreach division", "visibility": "public"}
    )
    nations = [
        Nation.objects.get_or_create(iso_code=code, defaults={"name": code, "visibility": "public"})[0]
        for code in ("IT", "DK")
    ]
    start = timezone.now()
    existing = Event.objects.count()
    events = [
        Event(
            mission=mission,
            organising_division=division,
            title=f"Generated event {number}",
            slug=f"generated-event-{number}",
            kind="seminar",
            starts_at=start + datetime.timedelta(hours=number),
            ends_at=start + datetime.timedelta(hours=number + 2),
            summary="A generated event for the export benchmark. " * 4,
            visibility="public",
        )
        for number in range(existing, total)
    ]
    Event.objects.bulk_create(events, batch_size=1000)
    through = Event.nations.through
    linked = set(through.objects.values_list("event_id", flat=True))
    through.objects.bulk_create(
        [
            through(event_id=pk, nation_id=nation.pk)
            for pk in Event.objects.values_list("pk", flat=True)
            if pk not in linked
            for nation in nations
        ],
        batch_size=1000,
    )


def measure(path):
    from django.test import Client

    client = Client()
    tracemalloc.start()
    began = time.perf_counter()
    response = client.get(path, secure=True)
    size = sum(len(part) for part in response.streaming_content)
    seconds = time.perf_counter() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return peak, size, seconds


def main():
    with tempfile.TemporaryDirectory() as directory:
        setup(directory)
        results = {}
        # Once before measuring: what the first request loads is not the export's.
        seed(10)
        for export in ("csv", "xlsx"):
            measure(f"/api/v1/events/?format={export}")
        print(f"{'events':>8}  {'format':<6}  {'peak memory':>12}  {'size':>10}  {'time':>7}")
        for total in SIZES:
            seed(total)
            for export in ("csv", "xlsx"):
                peak, size, seconds = measure(f"/api/v1/events/?format={export}")
                results[total, export] = peak
                print(f"{total:>8,}  {export:<6}  {peak / 2**20:>9.1f} MiB  {size / 2**20:>6.1f} MiB  {seconds:>6.1f}s")
        failed = False
        for export in ("csv", "xlsx"):
            growth = results[SIZES[-1], export] / results[SIZES[0], export]
            print(f"{export}: peak at {SIZES[-1]:,} events is {growth:.2f}× the peak at {SIZES[0]:,}")
            failed |= growth > ALLOWED_GROWTH
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
