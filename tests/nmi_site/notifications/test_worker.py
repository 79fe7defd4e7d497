"""The job queue end to end, as a server runs it: a job enqueued by one
process is sent by ``manage.py db_worker --batch`` in another, through a
database of its own (a SQLite file) and the file email backend."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_a_queued_email_is_sent_by_the_worker_command(tmp_path):
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith(("DJANGO_", "DATABASE_URL"))},
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "nmi_site.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'jobs.sqlite3'}",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "PYTEST_XDIST_WORKER": "",
    }
    env["DJANGO_EMAIL_FILE_PATH"] = str(tmp_path / "mail")
    assert manage("migrate", "--no-input", env=env).returncode == 0
    enqueue = (
        "from nmi_site.notifications.tasks import send_email; "
        "send_email.enqueue('someone@example.org', 'Subject of the test', 'Body of the test')"
    )
    assert manage("shell", "-c", enqueue, env=env).returncode == 0
    assert not (tmp_path / "mail").exists()

    worked = manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env)

    assert worked.returncode == 0, worked.stderr
    (sent,) = (tmp_path / "mail").iterdir()
    message = sent.read_text()
    assert "Subject: Subject of the test" in message
    assert "To: someone@example.org" in message
