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

    assert json.loads(result.stdout)["cache"] == "nmi_site.caching.backends.RedisCache"


def run_under(arguments, **variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CACHE_URL"))
    }
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


STRONG_PRODUCTION = {
    # Long and varied, as the checklist asks (a real key comes from a secrets manager).
    "DJANGO_SECRET_KEY": "k3Vq9zR7pL2wX8mN4tY6bH1cJ5dF0gSaE3uW7iO2eT9rQ-checklist-only",
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
}


def test_the_deployment_checklist_passes_with_production_settings():
    result = run_under(["check", "--deploy", "--fail-level", "WARNING"], **STRONG_PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checklist_fails_when_https_is_turned_off():
    result = run_under(["check", "--deploy", "--fail-level", "WARNING"], **STRONG_PRODUCTION, DJANGO_HTTPS="false")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_production_security_settings():
    import json

    code = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS,"
        "'session_secure': s.SESSION_COOKIE_SECURE,"
        "'csrf_secure': s.CSRF_COOKIE_SECURE, 'csrf_httponly': s.CSRF_COOKIE_HTTPONLY, 'idle': s.SESSION_COOKIE_AGE,"
        "'browser_close': s.SESSION_EXPIRE_AT_BROWSER_CLOSE, 'upgrade': s.CONTENT_SECURITY_POLICY['DIRECTIVES']"
        "['upgrade-insecure-requests'], 'backends': s.AUTHENTICATION_BACKENDS[0]}))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(STRONG_PRODUCTION, DJANGO_SETTINGS_MODULE="nmi_site.settings")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "ssl_redirect": True,
        "hsts": 31_536_000,
        "session_secure": True,
        "csrf_secure": True,
        "csrf_httponly": True,
        "idle": 1800,
        "browser_close": True,
        "upgrade": True,
        "backends": "axes.backends.AxesStandaloneBackend",
    }
