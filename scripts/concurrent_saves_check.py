"""Two people save one record at the same moment, against a real server:
one save goes through, the other is told someone changed the record first;
neither is a server error (``make concurrent-saves-check``, ``DB=postgres``).

Starts gunicorn with three workers on the embedded SQLite default (a file
database, no Redis) or on a scratch PostgreSQL database, signs two
Administrators in, has both open the same lesson's change form, and sends
both saves at once, several rounds. Exits non-zero, saying what happened,
when a round does not end with exactly one save and one stale-record
message, or when the server logged an error.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from local_services import ROOT, free_port, fresh_postgres, manage, reachable
from scale_out_check import Browser

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES_URL = os.environ.get("CONCURRENT_SAVES_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/nmi_concurrent")
PASSWORD = "concurrent-saves-password-1"
ROUNDS = 6
STALE = "after you opened it"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nmi-concurrent-"))
    if args.database == "postgres":
        if not reachable("127.0.0.1", 5432):
            raise SystemExit("The PostgreSQL check needs PostgreSQL on 127.0.0.1:5432.")
        fresh_postgres(POSTGRES_URL)
        database_url = POSTGRES_URL
    else:
        database_url = f"sqlite:///{work / 'db.sqlite3'}"
    env = {
        **{key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "CACHE_URL")},
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "concurrent-saves-check-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_HTTPS": "false",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DATABASE_URL": database_url,
    }

    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_source_data", "--facts-only")
    manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.create_superuser('first', 'first@example.org', '{PASSWORD}'); "
        f"User.objects.create_superuser('second', 'second@example.org', '{PASSWORD}')",
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = work / "gunicorn.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [GUNICORN, "nmi_site.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3", "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            for _ in range(100):
                if reachable("127.0.0.1", port):
                    break
                time.sleep(0.2)
            failures = race(base)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if "Traceback" in log_path.read_text():
        failures.append(f"the server logged an error:\n{log_path.read_text()}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(
        f"Concurrent saves on {args.database}: {ROUNDS} rounds, each one save and one stale-record message, "
        "no server error."
    )


def signed_in(base, username):
    browser = Browser(base)
    fields = browser.form("/admin/login/?next=/admin/", "login-form")
    fields.update(username=username, password=PASSWORD)
    status, _headers, _text = browser.request("/admin/login/?next=/admin/", fields)
    if status != 302:
        raise SystemExit(f"{username} could not sign in ({status})")
    return browser


def save(barrier, answers, index, browser, path, form):
    """Send ``form`` the moment the other browser sends its own."""
    barrier.wait()
    answers[index] = browser.request(path, form)


def race(base):
    first, second = signed_in(base, "first"), signed_in(base, "second")
    _status, _headers, changelist = first.request("/admin/missions/lesson/")
    path = re.search(r'href="(/admin/missions/lesson/\d+/change/)', changelist).group(1)
    failures = []
    for number in range(ROUNDS):
        forms = [browser.form(path, "lesson_form") for browser in (first, second)]
        for name, form in zip(("first", "second"), forms, strict=True):
            form["title_en"] = f"Saved by {name} in round {number}"
        answers = [None, None]
        barrier = threading.Barrier(2)
        threads = [
            threading.Thread(target=save, args=(barrier, answers, index, browser, path, form))
            for index, (browser, form) in enumerate(zip((first, second), forms, strict=True))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(answer[0] for answer in answers)
        stale = [answer for answer in answers if answer[0] == 200]
        if statuses != [200, 302] or STALE not in stale[0][2]:
            failures.append(
                f"round {number}: answers {[answer[0] for answer in answers]}, expected one 302 and one 200"
            )
    return failures


if __name__ == "__main__":
    main()
