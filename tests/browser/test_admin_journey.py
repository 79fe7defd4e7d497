"""The back office in a real browser: an editor drafts a progress report
with a measurement and submits it; a reviewer returns it with a note; the
editor resubmits; the reviewer approves; the public page shows the new
progress and the history shows every step."""

import re

import pytest
from playwright.sync_api import expect

from objectives.models import ProgressReport, ReportState
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def run_action(page, live_server, report, action):
    page.goto(live_server.url + "/admin/objectives/progressreport/")
    page.check(f"input[name=_selected_action][value='{report.pk}']")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")


def test_a_report_goes_from_draft_to_the_public_page(browser, sign_in, live_server):
    division = factories.DivisionFactory(name="Ministerial Advisory Division", acronym="MAD", slug="mad")
    objective = factories.ObjectiveFactory(owning_division=division, title="Strategic planning", slug="lto-9", number=9)
    indicator = factories.IndicatorFactory(objective=objective, name="Plans agreed")
    factories.make_editor(division, username="editor")
    factories.StaffFactory(username="reviewer", roles=["Reviewer"])

    # The editor drafts the report with a measurement, and submits it.
    editor = sign_in("editor")
    editor.goto(live_server.url + "/admin/objectives/progressreport/add/")
    # The objective is chosen in the admin's autocomplete box.
    editor.click(".field-objective .select2-selection")
    editor.fill(".select2-container--open .select2-search__field", "Strategic")
    editor.click(".select2-results__option:has-text('Strategic planning')")
    editor.fill("#id_period_start", "2025-01-01")
    editor.fill("#id_period_end", "2025-06-30")
    editor.fill("#id_percent_complete", "64")
    editor.select_option("#id_status", "on_track")
    editor.fill("#id_narrative_en", "Two of three plans agreed with the ministry.")
    editor.select_option("#id_measurements-0-indicator", str(indicator.pk))
    editor.fill("#id_measurements-0-actual_value", "2")
    editor.click("input[name=_save]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    report = ProgressReport.objects.get()
    assert report.measurements.get().actual_value == 2

    run_action(editor, live_server, report, "submit_reports")
    expect(editor.locator(".messagelist")).to_contain_text("1 report submitted.")

    # The reviewer returns it with a note.
    reviewer = sign_in("reviewer")
    run_action(reviewer, live_server, report, "return_reports")
    reviewer.fill("#id_review_note", "Name the plans that were agreed.")
    reviewer.click("input[type=submit][value='Return the reports']")
    expect(reviewer.locator(".messagelist")).to_contain_text("1 report returned.")

    # The editor sees the note, changes the narrative and resubmits.
    editor.goto(live_server.url + f"/admin/objectives/progressreport/{report.pk}/change/")
    expect(editor.locator("body")).to_contain_text("Name the plans that were agreed.")
    editor.fill("#id_narrative_en", "The defence and the logistics plans are agreed.")
    editor.click("input[name=_save]")
    run_action(editor, live_server, report, "submit_reports")
    expect(editor.locator(".messagelist")).to_contain_text("1 report submitted.")

    # The reviewer approves.
    run_action(reviewer, live_server, report, "approve_reports")
    expect(reviewer.locator(".messagelist")).to_contain_text("1 report approved.")
    report.refresh_from_db()
    assert report.state == ReportState.APPROVED

    # The public page shows the new progress.
    public = browser.new_context().new_page()
    public.goto(live_server.url + objective.get_absolute_url())
    expect(public.locator("main")).to_contain_text("64%")

    # The history shows every step: drafted, changed, and each transition
    # (the workflow steps head the report's page).
    reviewer.goto(live_server.url + f"/admin/objectives/progressreport/{report.pk}/change/")
    transitions = reviewer.locator("#workflow .workflow-history tbody tr")
    expect(transitions).to_have_count(4)
    expect(transitions.nth(1)).to_contain_text("Name the plans that were agreed.")
    reviewer.goto(live_server.url + f"/admin/objectives/progressreport/{report.pk}/history/")
    rows = reviewer.locator("#change-history tbody tr")
    assert rows.count() >= 5
    history = reviewer.locator("#change-history").inner_text()
    assert re.search(r"editor", history)
    assert re.search(r"reviewer", history)
