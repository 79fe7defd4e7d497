"""Browser tests: Debian's Chromium (/usr/bin/chromium) driven by
Playwright against pytest-django's live server.

Without Chromium the tests are skipped with a reason that says so; with
CI=true any skip fails the run (tests/conftest.py), so CI always runs them.
Screenshots of failing tests are kept in test-results/."""

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests import factories
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


@pytest.fixture
def sign_in(browser, live_server):
    """``sign_in(username)``: a new browser window of a 1,280-pixel screen,
    signed in to the admin as ``username``, on the admin home."""

    contexts = []

    def sign_in(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", factories.PASSWORD)
        page.click("#login-form input[type=submit]")
        expect(page).to_have_url(live_server.url + "/admin/")
        return page

    yield sign_in
    for context in contexts:
        context.close()
