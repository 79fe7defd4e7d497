"""Two app servers, one PostgreSQL, one Redis: do logins, cache
invalidation and throttling hold across both? (``make scale-out-check``)

Starts two gunicorn instances on different ports against a scratch
PostgreSQL database and a Redis database, then checks, as a browser and an
API client would:

1. a staff login made on server A is valid on server B;
2. an anonymous page cached by server B shows, on B's very next answer, an
   edit saved through the admin on server A;
3. the anonymous API rate counts requests to both servers together.

Exits non-zero, naming the failed check, when one fails.
"""

import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from local_services import free_port, fresh_postgres, manage, reachable

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES_URL = os.environ.get("SCALE_OUT_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/nmi_scale_out")
REDIS_URL = os.environ.get("SCALE_OUT_REDIS_URL", "redis://127.0.0.1:6379/12")
PASSWORD = "scale-out-check-password-1"
RATE = 6


class FormReader(HTMLParser):
    """The fields of the form with the given id, as a browser would send them."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.fields, self.in_form, self.done = {}, False, False
        self._textarea = self._select = None
        self._selected = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        elif not self.in_form:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields[attrs["name"]] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.fields[self._textarea] = ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


class Browser:
    def __init__(self, base):
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def on(self, base):
        """The same browser (same cookies) talking to another server."""
        other = Browser(base)
        other.cookies = self.cookies
        other.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)
        return other

    def request(self, path, data=None, headers=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"Referer": self.base + path, **(headers or {})}
        )
        try:
            with self.opener.open(request) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def form(self, path, form_id):
        status, _headers, text = self.request(path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}")
        reader = FormReader(form_id)
        reader.feed(text)
        return reader.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main():
    if not reachable("127.0.0.1", 5432) or not reachable("127.0.0.1", 6379):
        raise SystemExit("The scale-out check needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379.")
    import redis

    fresh_postgres(POSTGRES_URL)
    redis.Redis.from_url(REDIS_URL).flushdb()

    work = Path(tempfile.mkdtemp(prefix="nmi-scale-out-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "scale-out-check-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DATABASE_URL": POSTGRES_URL,
        "REDIS_URL": REDIS_URL,
        "API_THROTTLE_ANONYMOUS": f"{RATE}/minute",
    }
    env.pop("CACHE_URL", None)

    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_source_data", "--facts-only")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('scale-out-admin', 'admin@example.org', '{PASSWORD}')",
    )

    servers = []
    logs = []
    for _ in range(2):
        port = free_port()
        log = open(work / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed below)
        logs.append(log)
        servers.append(
            (
                f"http://127.0.0.1:{port}",
                subprocess.Popen(
                    [GUNICORN, "nmi_site.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                ),
            )
        )
    failures = []
    try:
        for base, _process in servers:
            port = int(base.rsplit(":", 1)[1])
            for _ in range(100):
                if reachable("127.0.0.1", port):
                    break
                time.sleep(0.2)
        (a, _), (b, _) = servers
        check_login(a, b, failures)
        check_invalidation(a, b, failures)
        check_throttling(a, b, failures)
    finally:
        for _base, process in servers:
            process.terminate()
            process.wait(timeout=30)
        for log in logs:
            log.close()
    for path in work.glob("gunicorn-*.log"):
        if "Traceback" in path.read_text():
            failures.append(f"{path.name} has an error:\n{path.read_text()}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("Scale-out check passed: logins, cache invalidation and throttling hold across both servers.")


def check_login(a, b, failures):
    browser = Browser(a)
    fields = browser.form("/admin/login/?next=/admin/", "login-form")
    fields.update(username="scale-out-admin", password=PASSWORD)
    status, headers, _ = browser.request("/admin/login/?next=/admin/", fields)
    if status != 302 or headers.get("Location") != "/admin/":
        failures.append(f"login on A: expected a redirect to /admin/, got {status} {headers.get('Location')}")
        return
    status, _headers, text = browser.on(b).request("/admin/")
    if status != 200 or "scale-out-admin" not in text:
        failures.append(f"login on A not valid on B: /admin/ on B answered {status}")
    else:
        print("ok: a login made on server A is valid on server B")


def check_invalidation(a, b, failures):
    visitor = Browser(b)
    status, headers, text = visitor.request("/lessons/")
    _status_again, headers_again, _ = visitor.request("/lessons/")
    if status != 200 or headers.get("ETag") != headers_again.get("ETag"):
        failures.append("B did not cache /lessons/ for anonymous visitors")
        return
    editor = Browser(a)
    fields = editor.form("/admin/login/?next=/admin/", "login-form")
    fields.update(username="scale-out-admin", password=PASSWORD)
    editor.request("/admin/login/?next=/admin/", fields)
    _status, _headers, changelist = editor.request("/admin/missions/lesson/")
    change_path = re.search(r'href="(/admin/missions/lesson/\d+/change/)', changelist).group(1)
    fields = editor.form(change_path, "lesson_form")
    fields["title_en"] = "Lessons travel between servers"
    status, _headers, text = editor.request(change_path, fields)
    if status != 302:
        errors = re.findall(r'id="id_(\w+)_error"', text)
        failures.append(f"the admin on A did not save the lesson (answered {status}): {errors}")
        return
    status, _headers, text = visitor.request("/lessons/")
    if "Lessons travel between servers" not in text:
        failures.append("B served its old copy of /lessons/ after an admin save on A")
    else:
        print("ok: an admin save on server A shows on server B's next anonymous answer")


def check_throttling(a, b, failures):
    statuses = []
    for number in range(RATE + 2):
        client = Browser(a if number % 2 == 0 else b)
        status, _headers, _ = client.request("/api/v1/lessons/", headers={"Accept": "application/json"})
        statuses.append(status)
    if statuses[:RATE] != [200] * RATE or statuses[RATE:] != [429, 429]:
        failures.append(f"anonymous rate of {RATE}/minute across A and B gave {statuses}")
    else:
        print(f"ok: the anonymous rate of {RATE}/minute counts requests to both servers together")


if __name__ == "__main__":
    main()
