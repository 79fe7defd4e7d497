"""Backup and restore of all the portal's data (``manage.py backup_data``
and ``manage.py restore_data``).

A backup is Django's JSON serialisation of every row of every model, with
natural keys for users, groups, permissions and content types, so that it
loads into any freshly migrated database, SQLite or PostgreSQL. It holds
records, their history, staff accounts (with password hashes), roles,
partner keys (hashes only), the security policy, sign-in attempts and
second-factor devices. Left out: sessions (everyone signs in again), and
the content types and permissions that ``migrate`` creates itself. A
backup file is readable by its owner only (mode 0600); one made
``--without-secrets`` also has no password hashes and no second-factor
devices, for handing to someone who should not hold them.

A restore goes into an empty database only: it stops, changing nothing, if
the database holds any record beyond what ``migrate`` creates.
"""

import gzip
import json
import os
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib.auth.models import Group
from django.test.utils import override_settings

# A backup is JSON, compressed when its name ends in .gz.
SUFFIXES = (".json", ".json.gz")


def check_name(path):
    """The message for a backup file name that will not do, else ``None``."""
    if not path.name.endswith(SUFFIXES):
        return f"A backup's name ends in .json or .json.gz (got {path.name!r})."
    return None


# Created by migrate, or not worth keeping (the content generations are
# moved on restore anyway).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "caching")
# Second-factor devices hold their seeds in the clear: a backup without
# secrets leaves them out (staff enrol again).
SECRET_MODELS = ("otp_totp",)
# An unusable password (Django's own marker): the account signs in again
# only after a password reset.
UNUSABLE_PASSWORD = "!"


def backed_up_models(*, without_secrets=False):
    excluded = (*EXCLUDED, *SECRET_MODELS) if without_secrets else EXCLUDED
    excluded_apps = {label for label in excluded if "." not in label}
    excluded_models = {label for label in excluded if "." in label}
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in excluded_apps
        and model._meta.label_lower not in excluded_models
        and not model._meta.proxy
    ]


def create_private_file(path):
    """Create (or empty) ``path`` with mode 0600 before anything is written."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)


def _open(path, mode):
    return gzip.open(path, mode, encoding="utf-8") if path.name.endswith(".gz") else open(path, mode, encoding="utf-8")


def strip_secrets(path):
    """Replace every password hash in the backup at ``path`` with an
    unusable password."""
    with _open(path, "rt") as source:
        rows = json.load(source)
    for row in rows:
        if row["model"] == "auth.user":
            row["fields"]["password"] = UNUSABLE_PASSWORD
    with _open(path, "wt") as target:
        json.dump(rows, target, ensure_ascii=False)


def created_by_migrate(model):
    """Rows that ``migrate`` itself creates: the role groups."""
    return model is Group


def rows_in_the_way():
    """The models that already hold rows a restore would collide with."""
    return [
        model._meta.label
        for model in backed_up_models()
        if not created_by_migrate(model) and model._default_manager.exists()
    ]


_restoring = ContextVar("restoring", default=False)


def is_restoring():
    """True while a backup is being loaded: signal handlers that record a
    change (history, calendar revisions) leave the rows as the backup has
    them."""
    return _restoring.get()


@contextmanager
def restoring():
    token = _restoring.set(True)
    try:
        # django-simple-history would record loading many-to-many fields
        # as new changes; it has a switch of its own.
        with override_settings(SIMPLE_HISTORY_ENABLED=False):
            yield
    finally:
        _restoring.reset(token)
