"""The benchmark behind ``make bench`` (see docs/performance.md).

1. Seeds a scratch database (SQLite, or PostgreSQL with ``--database
   postgres``) with the source report's data and ``generate_volume_data``.
2. Counts the SQL queries of every page and API list, at 1× and again at
   10× the data, in-process: the counts must be the same.
3. Serves the site with gunicorn (2 workers, production settings, Redis as
   the cache when it answers) and measures it with wrk at 64 connections,
   each target interleaved with its baseline: a plain ``values()`` of the
   same model's own columns with no joins and no visibility rule (the rule
   is part of what is measured), the static-file ceiling, or another
   target.
4. Prints a table and fails if a target is missed; a full run writes its
   results into docs/performance.md.

``--smoke`` (CI) uses 1× and 2× data and short runs, and checks only errors
and query counts.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from local_services import free_port, fresh_postgres, reachable

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DOCS = ROOT / "docs" / "performance.md"
CONNECTIONS = 64
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/nmi_bench")
NO_CACHE = "X-Benchmark-No-Cache: 1"

# Targets: the minimum ratio of the measured rate to its baseline.
PARTNER_API_LIST_VS_PLAIN = 0.25
UNCACHED_PAGE_VS_PLAIN = 0.15
JUNK_COOKIE_VS_NO_COOKIE = 0.85
CACHED_PAGE_VS_STATIC = 0.85
CACHED_API_VS_CACHED_PAGE = 0.85
NOT_MODIFIED_VS_RENDER = 3.0
P99_OVER_P50 = 3.0
JUNK_COOKIE = "Cookie: sessionid=made-up-to-force-a-render"


def log(message):
    print(message, flush=True)


# Setting up --------------------------------------------------------------------


def environment(work, database_url, redis):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "benchmark-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_HTTPS": "false",
        "DJANGO_BENCHMARK": "true",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DATABASE_URL": database_url,
        "DJANGO_CONN_MAX_AGE": "60",
        "API_THROTTLE_ANONYMOUS": "100000000/minute",
        "API_THROTTLE_KEY": "100000000/minute",
    }
    env.pop("CACHE_URL", None)
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# Query counts ------------------------------------------------------------------

QUERY_COUNT_SCRIPT = r"""
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from advisory.api.views import StaffTokensOnly
from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.api_router import router
from nmi_site.benchmark.views import sample_paths

# The corporate memory answers staff tokens only (404 to anyone else), so
# its lists are counted as a Reviewer's token reads them.
reviewer, _ = get_user_model().objects.get_or_create(username="bench-reviewer", defaults={"is_staff": True})
reviewer.groups.add(Group.objects.get(name="Reviewer"))
_, secret = PartnerKey.issue(user=reviewer, label="query counts", scopes=[KeyScope.API_READ])
anonymous = Client(HTTP_X_BENCHMARK_NO_CACHE="1")
staff = Client(HTTP_X_BENCHMARK_NO_CACHE="1", HTTP_AUTHORIZATION=f"Bearer {secret}")
pages = [(path, anonymous) for path in sample_paths()]
for _prefix, viewset, basename in router.registry:
    if basename != "search":
        client = staff if StaffTokensOnly in viewset.permission_classes else anonymous
        pages.append((reverse(f"api:{basename}-list") + "?page_size=100", client))
counts = {}
for url, client in pages:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    counts[url] = {"status": response.status_code, "queries": len(queries)}
print(json.dumps(counts))
"""


def query_counts(env):
    # Without a lease every request reads the generation stamps, so the
    # counts do not depend on how quickly the requests follow each other.
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", QUERY_COUNT_SCRIPT],
        cwd=ROOT,
        env={**env, "DJANGO_GENERATION_LEASE_SECONDS": "0"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# Load --------------------------------------------------------------------------


class Server:
    def __init__(self, env, work):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "nmi_site.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                "2",
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            if reachable("127.0.0.1", self.port):
                return
            time.sleep(0.2)
        raise SystemExit("gunicorn did not start; see its log in " + str(work))

    def get(self, path, headers=None):
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def drain(self):
        """Wait until the server has worked through requests that wrk left
        queued when a run ended, so that they do not slow the next run."""
        for _ in range(2):
            self.get("/robots.txt", {"X-Benchmark-No-Cache": "1"})

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def wrk(server, path, seconds, headers=()):
    result = run_wrk(server.base + path, seconds, headers)
    server.drain()
    return result


def run_wrk(url, seconds, headers=()):
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latencies = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(bad.group(1)) if bad else 0
    return {"rate": rate, "p50": to_ms(latencies["50"]), "p99": to_ms(latencies["99"]), "errors": errors}


def to_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


class Measurements:
    def __init__(self, server, seconds, rounds, only=None):
        self.server, self.seconds, self.rounds, self.only = server, seconds, rounds, only
        self.rows = []  # (name, result)
        self.ratios = []  # (label, ratio, minimum, met)
        self.failures = []

    def run(self, name, path, headers=()):
        if self.only:
            return None
        result = wrk(self.server, path, self.seconds, headers)
        self.rows.append((name, result))
        return result

    def pair(self, label, target, baseline, minimum, *, check=True):
        """``target`` and ``baseline`` are (name, path, headers); they are run
        alternately ``rounds`` times and their mean rates compared."""
        if self.only and self.only not in label:
            return None
        target_results, baseline_results = [], []
        for _ in range(self.rounds):
            target_results.append(wrk(self.server, target[1], self.seconds, target[2]))
            baseline_results.append(wrk(self.server, baseline[1], self.seconds, baseline[2]))
        merged_target, merged_baseline = merge(target_results), merge(baseline_results)
        self.rows.append((target[0], merged_target))
        self.rows.append((baseline[0], merged_baseline))
        ratio = merged_target["rate"] / merged_baseline["rate"] if merged_baseline["rate"] else 0.0
        passed = ratio >= minimum
        self.ratios.append((label, ratio, minimum, passed))
        if check and not passed:
            self.failures.append(f"{label}: {ratio:.2f}, below {minimum:.2f}")
        return ratio


def merge(results):
    return {
        "rate": statistics.mean(result["rate"] for result in results),
        "p50": statistics.mean(result["p50"] for result in results),
        "p99": max(result["p99"] for result in results),
        "errors": sum(result["errors"] for result in results),
    }


# The run -----------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--scale", type=int, default=10, help="The data volume measured (default 10).")
    parser.add_argument("--seconds", type=int, default=5, help="Length of each wrk run.")
    parser.add_argument("--rounds", type=int, default=2, help="How often each target alternates with its baseline.")
    parser.add_argument("--smoke", action="store_true", help="Short run: errors and query counts only.")
    parser.add_argument("--no-docs", action="store_true", help="Do not write docs/performance.md.")
    parser.add_argument(
        "--only",
        metavar="TEXT",
        help="Measure only the comparisons whose name contains TEXT (e.g. 'partner'); implies --no-docs.",
    )
    args = parser.parse_args()
    if args.only:
        args.no_docs = True
    if args.smoke:
        args.scale, args.seconds, args.rounds, args.no_docs = 2, 2, 1, True
    if shutil.which("wrk") is None:
        raise SystemExit("The benchmark needs wrk: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="nmi-bench-"))
    if args.database == "postgres":
        database_url = POSTGRES_URL
        if not reachable("127.0.0.1", 5432):
            raise SystemExit("PostgreSQL is not answering on 127.0.0.1:5432")
        fresh_postgres(database_url)
    else:
        database_url = f"sqlite:///{work / 'db.sqlite3'}"
    redis = reachable("127.0.0.1", 6379)
    if redis:
        flush_redis()
    env = environment(work, database_url, redis)
    failures = []

    log(f"Seeding {args.database} in {work} …")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_source_data")
    manage(env, "generate_volume_data", "--scale", "1")
    small = query_counts(env)
    log(f"Generating {args.scale}× data …")
    manage(env, "generate_volume_data", "--scale", str(args.scale))
    large = query_counts(env)
    partner_key = subprocess.run(
        [PYTHON, "manage.py", "issue_key", "--partner", "unami", "--scope", "api:read", "--secret-only"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    query_table = []
    for url, counted in small.items():
        other = large[url]
        same = counted["queries"] == other["queries"]
        ok = same and counted["status"] == other["status"] == 200
        query_table.append((url, counted["queries"], other["queries"], counted["status"], ok))
        if not ok:
            failures.append(
                f"{url}: {counted['queries']} queries at 1×, {other['queries']} at {args.scale}× "
                f"(status {counted['status']}, {other['status']})"
            )

    server = Server(env, work)
    try:
        measurements = measure(server, args, work / "static", partner_key)
    finally:
        server.stop()
    log_text = (work / "gunicorn.log").read_text()
    if "Traceback" in log_text:
        failures.append("the server logged an error (see below)")
        log(log_text)

    for name, result in measurements.rows:
        if result["errors"]:
            failures.append(f"{name}: {result['errors']} errors")
        if result["p99"] > P99_OVER_P50 * result["p50"] and not args.smoke:
            failures.append(f"{name}: p99 {result['p99']:.1f} ms is over {P99_OVER_P50:g}× p50 {result['p50']:.1f} ms")
    failures += measurements.failures

    report = render(args, redis, query_table, measurements, failures)
    print(report)
    if not args.no_docs:
        write_docs(args.database, report)
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        log("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    log("Every target met." if not args.smoke else "Smoke run: no errors, query counts constant.")


def measure(server, args, static_root, partner_key):
    measurements = Measurements(server, args.seconds, args.rounds, args.only)
    check = not args.smoke
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    static = "/static/" + manifest["paths"]["css/site.css"]
    plain = "/benchmark/raw/plain-{}/?limit={}"
    partner = f"Authorization: Bearer {partner_key}"

    # Cached anonymous pages against the static-file ceiling.
    for path in ("/", "/events/", "/objectives/"):
        server.get(path)  # fill the cache
        measurements.pair(
            f"cached {path} ÷ static file",
            (f"{path} (cached)", path, ()),
            ("static file (whitenoise)", static, ()),
            CACHED_PAGE_VS_STATIC,
            check=check,
        )
    # A junk session cookie is answered from the cache like no cookie.
    measurements.pair(
        "junk session cookie ÷ no cookie (/events/)",
        ("/events/ (cached, junk session cookie)", "/events/", (JUNK_COOKIE,)),
        ("/events/ (cached)", "/events/", ()),
        JUNK_COOKIE_VS_NO_COOKIE,
        check=check,
    )
    # The cached anonymous API list against a cached page.
    server.get("/api/v1/events/")
    measurements.pair(
        "cached anonymous API list ÷ cached page",
        ("/api/v1/events/ (cached)", "/api/v1/events/", ()),
        ("/events/ (cached)", "/events/", ()),
        CACHED_API_VS_CACHED_PAGE,
        check=check,
    )
    # Uncached pages against a plain read of 100 rows.
    for path, rows in (
        ("/events/", plain.format("events", 100)),
        ("/objectives/", plain.format("objectives", 100)),
        ("/", plain.format("events", 100)),
        ("/search/?q=training", plain.format("events", 100)),
    ):
        measurements.pair(
            f"uncached {path} ÷ plain rows",
            (f"{path} (uncached)", path, (NO_CACHE,)),
            (f"plain {rows}", rows, ()),
            UNCACHED_PAGE_VS_PLAIN,
            check=check,
        )
    # A partner's API list of 100 events: never cached.
    measurements.pair(
        "partner-key API list of 100 events ÷ plain rows",
        ("/api/v1/events/?page_size=100 (partner key)", "/api/v1/events/?page_size=100", (partner,)),
        (f"plain {plain.format('events', 100)}", plain.format("events", 100), ()),
        PARTNER_API_LIST_VS_PLAIN,
        check=check,
    )
    # A 304 against a full render of the same URL.
    _status, headers, _body = server.get("/events/")
    measurements.pair(
        "304 ÷ full render of /events/",
        ("/events/ 304", "/events/", (f"If-None-Match: {headers['ETag']}",)),
        ("/events/ (uncached render)", "/events/", (NO_CACHE,)),
        NOT_MODIFIED_VS_RENDER,
        check=check,
    )
    # Details, for the record: the objectives API and the earlier baselines,
    # which repeated the visibility joins.
    measurements.run("/api/v1/objectives/?page_size=100 (partner key)", "/api/v1/objectives/?page_size=100", (partner,))
    measurements.run("/api/v1/events/1/ (uncached)", "/api/v1/events/1/", (NO_CACHE,))
    measurements.run("joined baseline: raw events, limit 100", "/benchmark/raw/events/?limit=100&count=1")
    return measurements


def render(args, redis, query_table, measurements, failures):
    lines = [
        f"Database: {args.database}; data: {args.scale}× (generate_volume_data); cache: "
        f"{'Redis' if redis else 'local memory'}; gunicorn: 2 sync workers; wrk: 2 threads, {CONNECTIONS} connections, "
        f"{args.seconds} s per run, {args.rounds} alternating round(s) per pair.",
        f"Host: {platform.node()}, {os.cpu_count()} cores, {cpu_model()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "| Run | Requests/s | p50 (ms) | p99 (ms) | Errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, result in measurements.rows:
        lines.append(
            f"| {name} | {result['rate']:.0f} | {result['p50']:.2f} | {result['p99']:.2f} | {result['errors']} |"
        )
    lines += ["", "| Ratio | Measured | Target | Met |", "|---|---:|---:|---|"]
    for label, ratio, minimum, passed in measurements.ratios:
        lines.append(f"| {label} | {ratio:.2f} | ≥ {minimum:.2f} | {'yes' if passed else 'NO'} |")
    lines += ["", f"| SQL queries per request | 1× | {args.scale}× | Same |", "|---|---:|---:|---|"]
    for url, small, large, _status, ok in query_table:
        lines.append(f"| `{url}` | {small} | {large} | {'yes' if ok else 'NO'} |")
    lines += ["", "Result: " + ("every target met." if not failures else "missed: " + "; ".join(failures))]
    return "\n".join(lines)


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_docs(database, report):
    text = DOCS.read_text()
    start, end = f"<!-- bench:{database} -->", f"<!-- /bench:{database} -->"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    DOCS.write_text(f"{before}{start}\n{report}\n{end}{after}")
    log(f"Results written to {DOCS.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
