"""The load test behind ``make load-test`` (results in docs/load-test.md).

1. Seeds a scratch database (SQLite, or PostgreSQL with ``--database
   postgres``) with the source report's data and ``generate_volume_data``.
2. Serves the site with gunicorn (2 workers) and the production settings
   and middleware, with Redis as the cache when it answers. The API's
   anonymous rate is raised through the environment, since every request
   comes from one address.
3. Runs wrk with 64 connections for 60 seconds, each connection going
   round the main public pages, feeds and API lists in turn.
4. Prints the requests per second, the error count (connection errors,
   timeouts and answers other than 2xx and 3xx; the goal is 0) and the
   latency percentiles, writes them into docs/load-test.md, and fails if
   there was any error or the server logged a traceback.
"""

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import POSTGRES_URL, Server, cpu_model, environment, flush_redis, log, manage
from local_services import fresh_postgres, reachable

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
DOCS = ROOT / "docs" / "load-test.md"

PATHS_SCRIPT = r"""
import json
from nmi_site.benchmark.views import sample_paths

paths = sample_paths() + [
    "/api/v1/events/?page_size=100", "/api/v1/objectives/?page_size=100", "/api/v1/divisions/",
    "/api/v1/reports/", "/api/v1/nations/?page_size=100",
]
print(json.dumps(paths))
"""

# Each connection goes round the paths in turn, starting at a different one.
WRK_SCRIPT = """
local paths = {%s}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  counter = offset
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end

function done(summary, latency, requests)
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("percentile %%g %%d\\n", p, latency:percentile(p)))
  end
  io.write(string.format("latency max %%d\\n", latency.max))
end
"""


def paths_to_load(env):
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", PATHS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(server, paths, connections, seconds, work):
    script = work / "paths.lua"
    script.write_text(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), server.base]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(bad.group(1)) if bad else 0
    percentiles = {p: int(us) / 1000 for p, us in re.findall(r"percentile ([\d.]+) (\d+)", output)}
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "errors": errors,
        "percentiles": percentiles,
        "max": int(re.search(r"latency max (\d+)", output).group(1)) / 1000,
        "output": output,
    }


def render(args, redis, paths, result, failures):
    host = f"{platform.node()}, {cpu_model()}, Python {platform.python_version()}"
    lines = [
        f"Database: {args.database}; data: {args.scale}× (generate_volume_data); cache: "
        f"{'Redis' if redis else 'local memory'}; gunicorn: 2 sync workers; wrk: {args.connections} connections "
        f"for {args.seconds} s over {len(paths)} paths.",
        f"Host: {host}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| Requests | Requests/s | Errors | p50 (ms) | p90 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| {requests} | {rate:.0f} | {errors} | {p50:.1f} | {p90:.1f} | {p99:.1f} | {p999:.1f} | {max:.1f} |".format(
            requests=result["requests"],
            rate=result["rate"],
            errors=result["errors"],
            p50=result["percentiles"]["50"],
            p90=result["percentiles"]["90"],
            p99=result["percentiles"]["99"],
            p999=result["percentiles"]["99.9"],
            max=result["max"],
        ),
        "",
        "Paths: " + ", ".join(f"`{path}`" for path in paths) + ".",
        "",
        "Result: " + ("no errors." if not failures else "; ".join(failures)),
    ]
    return "\n".join(lines)


def write_docs(database, report):
    start, end = f"<!-- load:{database} -->", f"<!-- /load:{database} -->"
    text = DOCS.read_text()
    block = f"{start}\n{report}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.DOTALL)
    else:
        text = text.rstrip() + f"\n\n## Results: {database}\n\n{block}\n"
    DOCS.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--scale", type=int, default=1, help="generate_volume_data's scale (default 1).")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--no-docs", action="store_true", help="Do not write docs/load-test.md.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("The load test needs wrk: apt-get install wrk")

    work = Path(tempfile.mkdtemp(prefix="nmi-load-"))
    if args.database == "postgres":
        if not reachable("127.0.0.1", 5432):
            raise SystemExit("PostgreSQL is not answering on 127.0.0.1:5432")
        database_url = POSTGRES_URL
        fresh_postgres(database_url)
    else:
        database_url = f"sqlite:///{work / 'db.sqlite3'}"
    redis = reachable("127.0.0.1", 6379)
    if redis:
        flush_redis()
    # The production settings, without the benchmark's extras.
    env = {**environment(work, database_url, redis), "DJANGO_BENCHMARK": "false"}

    log(f"Seeding {args.database} ({args.scale}× data) in {work} …")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_source_data")
    # The volume generator is part of the benchmark's app, installed only
    # with DJANGO_BENCHMARK on; the server itself runs without it.
    manage({**env, "DJANGO_BENCHMARK": "true"}, "generate_volume_data", "--scale", str(args.scale))
    paths = paths_to_load(env)

    server = Server(env, work)
    try:
        log(f"Loading {len(paths)} paths with {args.connections} connections for {args.seconds} s …")
        result = run(server, paths, args.connections, args.seconds, work)
    finally:
        server.stop()
    failures = []
    if result["errors"]:
        failures.append(f"{result['errors']} errors")
    server_log = (work / "gunicorn.log").read_text()
    if "Traceback" in server_log:
        failures.append("the server logged an error (see above)")
        log(server_log)
    report = render(args, redis, paths, result, failures)
    print(report)
    if not args.no_docs:
        write_docs(args.database, report)
    shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
