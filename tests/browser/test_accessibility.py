"""axe-core (through axe-playwright-python) on every public page type and
the key admin pages, in English and Arabic: no serious or critical
violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

SERIOUS = ("serious", "critical")


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(
            node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
            for node in violation["nodes"][:3]
        )
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def test_public_pages_have_no_serious_violations(page, live_server, source_data):
    found = {}
    for path in factories.public_paths():
        for address in (path, factories.arabic(path)):
            page.goto(live_server.url + address)
            violations = serious_violations(page)
            if violations:
                found[address] = violations
    assert found == {}, "\n".join(
        f"{path}: {violation}" for path, violations in found.items() for violation in violations
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_key_admin_pages_have_no_serious_violations(browser, live_server, source_data, language):
    administrator = factories.StaffFactory(username="admin", is_superuser=True)
    # The admin follows the browser's language.
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    assert page.evaluate("document.documentElement.lang") == language
    found = {}
    if violations := serious_violations(page):
        found["/admin/login/"] = violations
    page.fill("#id_username", administrator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    from objectives.models import LongTermObjective

    objective = LongTermObjective.objects.order_by("pk").first()
    for path in (
        "/admin/",
        "/admin/objectives/longtermobjective/",
        f"/admin/objectives/longtermobjective/{objective.pk}/change/",
        "/admin/objectives/progressreport/add/",
        "/admin/outreach/event/",
        "/admin/recent-changes/",
        "/admin/second-factor/",
    ):
        page.goto(live_server.url + path)
        if violations := serious_violations(page):
            found[path] = violations
    context.close()
    assert found == {}, "\n".join(
        f"{path}: {violation}" for path, violations in found.items() for violation in violations
    )
