"""The back office in a real browser, as a new Editor and a new Reviewer
use it: from "My work" on the admin home through the buttons on a report's
own page, without bulk actions. Every page of the journey fits 1,280 px
without scrolling sideways, and axe finds no serious or critical
violation on it."""

import pytest
from playwright.sync_api import expect

from objectives.models import ProgressReport, ReportState
from tests import factories
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = 1280


class Checked:
    """Every page a journey opens: how wide it is and what axe finds."""

    def __init__(self):
        self.too_wide = {}
        self.violations = {}

    def __call__(self, page):
        page.wait_for_load_state("load")
        path = page.url.split("//", 1)[1].split("/", 1)[1]
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            self.too_wide[path] = width
        if found := serious_violations(page):
            self.violations[path] = found

    def assert_clean(self):
        assert self.too_wide == {}, f"pages wider than {WIDTH} px: {self.too_wide}"
        assert self.violations == {}, self.violations


def test_an_editor_and_a_reviewer_take_a_report_through_its_cycle_from_my_work(sign_in, live_server):
    division = factories.DivisionFactory(name="Ministerial Advisory Division", acronym="MAD", slug="mad")
    objective = factories.ObjectiveFactory(owning_division=division, title="Strategic planning", slug="lto-9", number=9)
    indicator = factories.IndicatorFactory(objective=objective, name="Plans agreed", unit="plans")
    factories.make_editor(division, username="editor")
    factories.StaffFactory(username="reviewer", roles=["Reviewer"])
    check = Checked()

    # The Editor's home says a report is due, and links to a form for it.
    editor = sign_in("editor")
    check(editor)
    due = editor.locator("#work-due")
    expect(due).to_contain_text("Reports due from my divisions")
    due.get_by_role("link", name="LTO 9: Strategic planning").click()
    check(editor)
    editor.fill("#id_percent_complete", "64")
    editor.fill("#id_narrative_en", "Two of three plans agreed with the ministry.")
    editor.select_option("#id_measurements-0-indicator", str(indicator.pk))
    editor.fill("#id_measurements-0-actual_value", "2")
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    check(editor)
    report = ProgressReport.objects.get()

    # Submit from the report's own page.
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messagelist")).to_contain_text("The report is submitted")
    check(editor)

    # The Reviewer finds it in "My work" and returns it with a note.
    reviewer = sign_in("reviewer")
    reviewer.locator("#work-review").get_by_role("link").first.click()
    check(reviewer)
    reviewer.fill("#id_return-note", "Name the plans that were agreed.")
    reviewer.get_by_role("button", name="Return to the author").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("returned to its author")

    # The Editor sees it returned, with the note at the top of the page.
    editor.goto(live_server.url + "/admin/")
    returned = editor.locator("#work-returned")
    expect(returned).to_contain_text("Name the plans that were agreed.")
    returned.get_by_role("link").first.click()
    expect(editor.locator("#workflow")).to_contain_text("Name the plans that were agreed.")
    check(editor)
    editor.fill("#id_narrative_en", "The defence and the logistics plans are agreed.")
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messagelist")).to_contain_text("The report is submitted")

    # The Reviewer approves it from its page; the page lists every step.
    reviewer.goto(live_server.url + "/admin/")
    reviewer.locator("#work-review").get_by_role("link").first.click()
    reviewer.get_by_role("button", name="Approve").click()
    expect(reviewer.locator(".messagelist")).to_contain_text("The report is approved")
    expect(reviewer.locator(".workflow-history tbody tr")).to_have_count(4)
    check(reviewer)

    report.refresh_from_db()
    assert report.state == ReportState.APPROVED
    assert report.narrative == "The defence and the logistics plans are agreed."

    # The other pages of these journeys.
    plan = factories.PlanFactory(objective=objective)
    factories.ActivityFactory(plan=plan, title="Draft the logistics plan")
    event = factories.EventFactory(organising_division=division)
    post = factories.AdvisoryPostFactory(division=division)
    factories.TourFactory(post=post)
    engagement = factories.EngagementFactory(post=post)
    factories.NextStepFactory(engagement=engagement)
    handover = factories.HandoverFactory(post=post)
    factories.ChecklistItemFactory(handover=handover)
    for path in (
        f"/admin/advisory/advisorypost/{post.pk}/change/",
        f"/admin/advisory/engagement/{engagement.pk}/change/",
        f"/admin/advisory/advisorypost/{post.pk}/handover-pack/",
        "/admin/advisory/handover/",
        "/admin/translations/pendingtranslation/",
        f"/admin/objectives/progressreport/{report.pk}/change/",
        f"/admin/advisory/handover/{handover.pk}/change/",
        "/admin/objectives/progressreport/",
        "/admin/objectives/reportawaitingreview/",
        f"/admin/objectives/planonapage/{plan.pk}/change/",
        f"/admin/objectives/longtermobjective/{objective.pk}/change/",
        f"/admin/outreach/event/{event.pk}/change/",
    ):
        editor.goto(live_server.url + path)
        check(editor)
    check.assert_clean()
