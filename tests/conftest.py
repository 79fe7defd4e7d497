import datetime
import os
import time

import pytest
from django.core.cache import cache
from django.utils import timezone, translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from nmi_site.access.models import KeyScope, PartnerKey
from nmi_site.api.throttling import forget_unsent
from nmi_site.caching.generations import forget_leases
from nmi_site.caching.responses import clear_local_entries
from nmi_site.content.clock import SystemClock, use
from tests import factories


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may pass by being skipped."""
    if os.environ.get("CI", "").lower() != "true" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI=true: {len(skipped)} test(s) skipped, which fails the run.", red=True)
        session.exitstatus = 1


class WindowStartClock(SystemClock):
    """The machine's clock, shifted so that the test starts just after a
    cache window begins: no test depends on where in a window the real time
    happens to fall (an answer's ETag names its window)."""

    def __init__(self, window):
        self.shift = 1.0 - time.time() % window

    def time(self):
        return time.time() + self.shift

    def time_ns(self):
        return time.time_ns() + int(self.shift * 1e9)


@pytest.fixture(autouse=True)
def _window_start_clock(settings):
    with use(WindowStartClock(settings.ANONYMOUS_CACHE_SECONDS or 1)):
        yield


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache: a request leaves its
    language active in the thread, and modeltranslation writes ``name`` to
    the active language's column."""
    translation.activate("en")
    cache.clear()
    clear_local_entries()
    forget_leases()
    forget_unsent()
    yield
    cache.clear()
    clear_local_entries()
    forget_leases()
    forget_unsent()
    translation.activate("en")


@pytest.fixture
def run_jobs(db):
    """Run the jobs that are due, each as the job queue's worker runs it
    (django-tasks-db's ``Worker.run_task``), until none is left; returns
    how many ran. The worker's own loop also closes the database
    connection between jobs, which a test's transaction cannot survive:
    tests/nmi_site/notifications/test_worker.py runs the real command."""

    def run():
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
            excluded_queue_names=[],
        )
        while (job := DBTaskResult.objects.ready().filter(backend_name="default").get_locked()) is not None:
            job.claim(worker.worker_id)
            worker.run_task(job)
        return worker._run_tasks

    return run


@pytest.fixture
def client():
    """The test client, signing in as a browser does (see factories.Client)."""
    return factories.Client()


@pytest.fixture
def mission(db):
    return factories.MissionFactory(name="NATO Mission Iraq")


@pytest.fixture
def division(mission):
    return factories.DivisionFactory(mission=mission, name="Ministerial Advisory Division", acronym="MAD", slug="mad")


@pytest.fixture
def other_division(mission):
    return factories.DivisionFactory(mission=mission, name="Training Development Division", acronym="TDD", slug="tdd")


@pytest.fixture
def administrator(db):
    return factories.StaffFactory(username="admin", is_superuser=True)


@pytest.fixture
def administrator_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def editor(division):
    return factories.make_editor(division, username="editor", email="editor@example.org")


@pytest.fixture
def other_editor(other_division):
    return factories.make_editor(other_division, username="other-editor", email="other@example.org")


@pytest.fixture
def objective(division):
    return factories.ObjectiveFactory(
        owning_division=division, title="Curriculum development", slug="lto-11", number=11
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reviewer(db):
    return factories.StaffFactory(username="reviewer", email="reviewer@example.org", roles=["Reviewer"])


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


# API callers ---------------------------------------------------------------


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def make_client(db):
    """A client for each kind of caller the API knows."""

    def make(kind, division=None):
        if kind == "anonymous":
            return APIClient()
        partner = factories.PartnerOrganisationFactory()
        if kind in ("partner", "expired", "revoked", "calendar only"):
            scopes = [KeyScope.CALENDAR] if kind == "calendar only" else [KeyScope.API_READ]
            key, secret = PartnerKey.issue(partner=partner, label=kind, scopes=scopes)
            if kind == "expired":
                key.expires_at = timezone.now() - datetime.timedelta(days=1)
                key.save()
            if kind == "revoked":
                key.revoke()
            return factories.client_with(secret)
        if kind == "editor of another division":
            user = factories.make_editor(division) if division else factories.make_editor()
        elif kind == "reviewer":
            user = factories.StaffFactory(roles=["Reviewer"])
        elif kind == "administrator":
            user = factories.StaffFactory(is_superuser=True)
        else:
            raise ValueError(kind)
        _, secret = PartnerKey.issue(user=user, label=kind, scopes=[KeyScope.API_READ, KeyScope.API_WRITE])
        return factories.client_with(secret)

    return make
