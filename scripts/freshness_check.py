"""Is every worker current after a change, with and without a shared cache,
and through a Redis outage? (``make freshness-check``)

Serves the site with gunicorn and three workers on a SQLite file (the
embedded default), first with no shared cache at all, then with a Redis of
its own. In each run it fills every worker's cache, then, as staff in the
admin, changes an event's title and then makes the event internal; after
each change it asks 9 times for each of the event's page, the events list,
the sitemap, the calendar, the Atom feed, the API list and detail and the
search, and requires every answer to show the change. It also requires
identical answers to carry one ETag whichever worker sent them.

With Redis, Redis is shut down (keeping its data) after the caches are
full; both changes are made while it is away; then it is started again
with the data it had, answers rendered before the changes included.
Nothing may fail meanwhile, and nothing hidden may be served after.

Exits non-zero, naming each failed check, when one fails.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from local_services import ROOT, free_port, manage, reachable
from scale_out_check import Browser

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "freshness-check-password-1"
REQUESTS = 9
OLD_TITLE = "Harbour liaison day"
NEW_TITLE = "Riverside liaison day"
SLUG = "freshness-liaison-day"


def paths(event_id):
    """What must show a change: path → how to find the event in it."""
    return {
        f"/events/{SLUG}/": "page",
        "/events/": "list",
        "/sitemap.xml": "sitemap",
        "/calendar/events.ics": "calendar",
        "/feeds/events.atom": "feed",
        "/api/v1/events/?page_size=100": "api",
        f"/api/v1/events/{event_id}/": "api detail",
        "/search/?q=liaison": "search",
    }


def shows(kind, status, text, title):
    """Whether an answer shows the event under ``title``."""
    if kind == "sitemap":
        return status == 200 and f"/events/{SLUG}/" in text
    return status == 200 and title in text


class Run:
    def __init__(self, name, env, work, event_id):
        self.name, self.env, self.work, self.event_id = name, env, work, event_id
        self.failures = []
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = work / f"gunicorn-{name}.log"

    def start(self):
        self.log_file = open(self.log, "w")  # noqa: SIM115 (closed in stop)
        self.server = subprocess.Popen(
            [GUNICORN, "nmi_site.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", "3", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            if reachable("127.0.0.1", self.port):
                return
            time.sleep(0.2)
        raise SystemExit(f"{self.name}: gunicorn did not start; see {self.log}")

    def stop(self):
        self.server.terminate()
        self.server.wait(timeout=30)
        self.log_file.close()

    def fail(self, message):
        self.failures.append(f"{self.name}: {message}")

    def ask(self, path):
        headers = {"Accept": "application/json"} if path.startswith("/api/") else {}
        return Browser(self.base).request(path, headers=headers)

    def ask_at_once(self, path):
        """``REQUESTS`` requests sent together, so that every worker answers some."""
        with ThreadPoolExecutor(REQUESTS) as pool:
            return list(pool.map(self.ask, [path] * REQUESTS))

    def fill_caches(self):
        for path in paths(self.event_id):
            for _round in range(3):
                for status, _headers, _text in self.ask_at_once(path):
                    if status != 200:
                        self.fail(f"{path} answered {status} while the caches were filled")

    def expect(self, what, title, visible):
        """``REQUESTS`` answers of every path show the event as it now is."""
        for path, kind in paths(self.event_id).items():
            seen, tags, statuses = 0, set(), set()
            for status, headers, text in self.ask_at_once(path):
                statuses.add(status)
                if status >= 500:
                    self.fail(f"{path} answered {status} {what}")
                if status == 200:
                    tags.add(headers.get("ETag"))
                if shows(kind, status, text, title):
                    seen += 1
            wanted = REQUESTS if visible else 0
            if seen != wanted:
                self.fail(f"{path} showed the event {seen} times in {REQUESTS} {what} (wanted {wanted})")
            elif kind == "page" and not visible and statuses != {404}:
                self.fail(f"{path} answered {statuses} {what} (wanted 404)")
            if len(tags) > 1:
                self.fail(f"{path} carried {len(tags)} ETags for one content {what}")
        print(f"ok ({self.name}): every answer {what}", flush=True)

    def signed_in(self):
        browser = Browser(self.base)
        fields = browser.form("/admin/login/?next=/admin/", "login-form")
        fields.update(username="freshness-admin", password=PASSWORD)
        status, _headers, _text = browser.request("/admin/login/?next=/admin/", fields)
        if status != 302:
            raise SystemExit(f"{self.name}: signing in answered {status}")
        return browser

    def change_title(self, admin, event_id):
        path = f"/admin/outreach/event/{event_id}/change/"
        fields = admin.form(path, "event_form")
        fields["title_en"] = NEW_TITLE
        status, _headers, text = admin.request(path, fields)
        if status != 302:
            errors = re.findall(r'id="id_(\w+)_error"', text)
            self.fail(f"saving the title answered {status}: {errors}")

    def make_internal(self, admin, event_id):
        _status, _headers, text = admin.request("/admin/outreach/event/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)
        fields = {"csrfmiddlewaretoken": token, "action": "make_internal", "_selected_action": str(event_id)}
        status, _headers, _text = admin.request("/admin/outreach/event/", fields)
        if status != 302:
            self.fail(f"'Make internal' answered {status}")


def prepare(env):
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_source_data", "--facts-only")
    starts = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7)).replace(microsecond=0)
    ends = starts + datetime.timedelta(hours=3)
    script = f"""
from django.contrib.auth.models import User
from missions.models import Division
from outreach.models import Event, EventKind
User.objects.create_superuser("freshness-admin", "admin@example.org", "{PASSWORD}")
division = Division.objects.filter(visibility="public", parent__isnull=True).first()
event = Event.objects.create(
    title="{OLD_TITLE}", slug="{SLUG}", kind=EventKind.INFORMATION_DAY,
    starts_at="{starts.isoformat()}", ends_at="{ends.isoformat()}",
    organising_division=division, mission=division.mission, visibility="public",
    summary="A liaison day with the host nation.",
)
print(event.pk)
"""
    output = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(output.stdout.split()[-1])


class Redis:
    """A Redis of the check's own, shut down and started again with its data."""

    def __init__(self, work):
        self.port = free_port()
        self.dir = work / "redis"
        self.dir.mkdir()
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        subprocess.run(
            [
                "redis-server",
                "--daemonize",
                "yes",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            check=True,
        )
        for _ in range(50):
            if reachable("127.0.0.1", self.port):
                return
            time.sleep(0.1)
        raise SystemExit("Redis did not start")

    def stop(self):
        subprocess.run(["redis-cli", "-p", str(self.port), "shutdown", "save"], check=False, capture_output=True)
        for _ in range(50):
            if not reachable("127.0.0.1", self.port):
                return
            time.sleep(0.1)
        raise SystemExit("Redis did not stop")


def check(name, with_redis):
    work = Path(tempfile.mkdtemp(prefix=f"nmi-freshness-{name}-"))
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_URL")},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "freshness-check-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "API_THROTTLE_ANONYMOUS": "100000/minute",
    }
    redis = None
    if with_redis:
        redis = Redis(work)
        redis.start()
        env["REDIS_URL"] = redis.url
    event_id = prepare(env)
    run = Run(name, env, work, event_id)
    run.start()
    try:
        admin = run.signed_in()
        run.fill_caches()
        run.expect("before any change", OLD_TITLE, visible=True)
        if redis:
            redis.stop()
            run.expect("while Redis is away", OLD_TITLE, visible=True)
        run.change_title(admin, event_id)
        run.expect("after the title was changed" + (" (Redis away)" if redis else ""), NEW_TITLE, visible=True)
        run.make_internal(admin, event_id)
        run.expect("after 'Make internal'" + (" (Redis away)" if redis else ""), NEW_TITLE, visible=False)
        if redis:
            redis.start()
            run.expect("after Redis came back with its old data", NEW_TITLE, visible=False)
    finally:
        run.stop()
        if redis:
            redis.stop()
    log = run.log.read_text()
    for line in log.splitlines():
        if "Internal Server Error" in line or "Traceback" in line:
            run.fail(f"the server logged an error; see {run.log}")
            break
    return run.failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    failures = check("no shared cache", with_redis=False)
    failures += check("Redis", with_redis=True)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("Freshness check passed: every worker shows each change on its next answer, through a Redis outage too.")


if __name__ == "__main__":
    main()
