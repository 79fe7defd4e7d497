"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by
Playwright against pytest-django's live server.

Without Chromium the tests are skipped with a reason that says so; with
CI=true any skip fails the run (tests/conftest.py), so CI always runs them.
Screenshots of failing tests are kept in test-results/."""

import io
import os

import pytest
from django.core.management import call_command

from tests.chromium import CHROMIUM
from tests.chromium import FLAGS as CHROMIUM_FLAGS


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def source_data(transactional_db):
    call_command("load_source_data", stdout=io.StringIO())


@pytest.fixture
def console_errors(page):
    """Errors the page reports (a refused script or style among them)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
