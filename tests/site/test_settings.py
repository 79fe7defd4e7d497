"""Settings read from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRINT = (
    "import django, json; from django.conf import settings; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': settings.DATABASES['default']['ENGINE'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'tz': settings.TIME_ZONE, 'use_tz': settings.USE_TZ, "
    "'static': settings.STORAGES['staticfiles']['BACKEND']}))"
)


def settings_under(**variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "nmi_site.settings"
    env.update(variables)
    return subprocess.run([sys.executable, "-c", PRINT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


PRODUCTION = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "portal.example.org"}


def test_production_defaults():
    import json

    result = settings_under(**PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "debug": False,
        "engine": "django.db.backends.sqlite3",
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "tz": "Asia/Baghdad",
        "use_tz": True,
        "static": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    }


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "portal.example.org"}, "NMI Portal: set DJANGO_SECRET_KEY in the environment"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "NMI Portal: set DJANGO_ALLOWED_HOSTS in the environment"),
        ({}, "NMI Portal: set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS in the environment"),
    ],
)
def test_start_up_stops_with_one_line_when_production_settings_are_missing(missing, message):
    result = settings_under(**missing)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(message)


def test_debug_needs_no_secret():
    import json

    result = settings_under(DJANGO_DEBUG="true")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["debug"] is True


def test_database_url_selects_postgresql():
    import json

    result = settings_under(**PRODUCTION, DATABASE_URL="postgres://user:pw@db.example.org:5432/nmi")

    assert json.loads(result.stdout)["engine"] == "django.db.backends.postgresql"


def test_redis_url_selects_the_redis_cache():
    import json

    result = settings_under(**PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/1")

    assert json.loads(result.stdout)["cache"] == "nmi_site.cache_backends.RedisCache"
