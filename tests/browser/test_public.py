"""The public site in a real browser: the visitor's journey, by mouse and
by keyboard, without JavaScript, and mirrored in Arabic."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from objectives.models import LongTermObjective, PlanOnAPage, PlanState
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_journey_from_home_to_a_calendar_download(page, live_server, source_data, console_errors):
    plan = PlanOnAPage.objects.visible_to(None).filter(state=PlanState.AGREED).select_related("objective").first()
    objective = plan.objective

    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Objectives").click()
    expect(page).to_have_url(re.compile(r"/objectives/$"))

    page.locator(f"a[href='{objective.get_absolute_url()}']").first.click()
    expect(page.locator("h1")).to_contain_text(objective.title)

    page.get_by_role("link", name="Open the printable plan").click()
    expect(page).to_have_url(re.compile(r"/plan/$"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page).to_have_url(re.compile(r"/events/$"))
    page.locator("main a[href^='/events/']:not([href='/events/']):not([href^='/events/past/'])").first.click()
    expect(page.get_by_role("link", name="Add to my calendar")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar").click()
    calendar = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in calendar
    assert console_errors == []


def tab_to(page, name, limit=80):
    """Press Tab until the link or button called ``name`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_keyboard_only_journey(page, live_server, source_data):
    plan = PlanOnAPage.objects.visible_to(None).filter(state=PlanState.AGREED).select_related("objective").first()
    page.goto(live_server.url + "/")

    # The first Tab reaches the skip link, which moves the focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    expect(page.locator(".skip-link")).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto(live_server.url + "/")
    tab_to(page, "Objectives")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused link must show where the focus is"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/objectives/$"))

    tab_to(page, plan.objective.title)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(plan.objective.title)
    tab_to(page, "Open the printable plan")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/plan/$"))


def test_every_public_page_works_without_javascript(browser, live_server, source_data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in factories.public_paths():
        for address in (path, factories.arabic(path)):
            response = page.goto(live_server.url + address)
            expected = 404 if "no-such-page" in address else 200
            assert response.status == expected, address
            expect(page.locator("main h1")).to_be_visible()
            expect(page.get_by_role("navigation", name=re.compile("Main|الرئيسية"))).to_be_visible()
    context.close()


def test_arabic_pages_are_right_to_left_and_mirrored(page, live_server, source_data):
    page.goto(live_server.url + "/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    links = page.locator(".primary-nav li")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    width = page.viewport_size["width"]
    # The navigation starts at the right: its first item is right of its last
    # one on the same line, or above it when it wraps, and hugs the right edge.
    assert first["x"] > last["x"] or first["y"] < last["y"]
    assert first["x"] + first["width"] > width * 0.6

    page.goto(live_server.url + "/ar/objectives/")
    progress = page.locator("progress").first
    assert progress.evaluate("element => getComputedStyle(element).direction") == "rtl"

    # And English stays left to right.
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    first = page.locator(".primary-nav li").first.bounding_box()
    assert first["x"] < page.viewport_size["width"] * 0.4


SVG_NUMBERS = """svg => {
    const names = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "font-size", "stroke-width"];
    const bad = [];
    let count = 0;
    for (const element of svg.querySelectorAll("*")) {
        for (const name of names) {
            const value = element.getAttribute(name);
            if (value === null) continue;
            count += 1;
            if (!/^-?\\d+(\\.\\d+)?$/.test(value)) bad.push(`${element.tagName} ${name}="${value}"`);
        }
    }
    const points = svg.querySelector("polyline")?.getAttribute("points") ?? "";
    for (const pair of points.split(" ").filter(Boolean)) {
        if (!/^\\d+(\\.\\d+)?,\\d+(\\.\\d+)?$/.test(pair)) bad.push(`points ${pair}`);
    }
    const box = svg.getBoundingClientRect();
    const drawn = [...svg.querySelectorAll("circle")].filter(circle => {
        const own = circle.getBoundingClientRect();
        return own.width > 0 && own.left >= box.left && own.right <= box.right;
    }).length;
    return {count, bad, drawn, circles: svg.querySelectorAll("circle").length,
            gridlines: [...svg.querySelectorAll("line")].filter(line => line.getBBox().width > 100).length};
}"""


def test_progress_charts_draw_in_english_and_arabic(page, live_server, source_data):
    objective = factories.objectives.LongTermObjective.objects.filter(reports__state="approved").distinct().first()
    for address in (objective.get_absolute_url(), factories.arabic(objective.get_absolute_url())):
        page.goto(live_server.url + address)
        svg = page.locator("figure.chart svg")
        result = svg.evaluate(SVG_NUMBERS)
        assert result["bad"] == [], address
        assert result["count"] > 20
        # Every point is drawn inside the chart, and the gridlines span it.
        assert result["circles"] > 0 and result["drawn"] == result["circles"], address
        assert result["gridlines"] == 6, address


# A phone's screen ------------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


def test_no_public_page_scrolls_sideways_on_a_phone(browser, live_server, source_data):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for path in factories.public_paths():
        for address in (path, factories.arabic(path)):
            page.goto(live_server.url + address)
            wider = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wider <= 0, f"{address} is {wider} px wider than the screen"
            # What is wider (a table, a chart) scrolls inside its own box.
            overflowing = page.evaluate(
                """[...document.querySelectorAll('main *')].filter(e => {
                    const r = e.getBoundingClientRect();
                    const outside = r.right > innerWidth + 1 || r.left < -1;
                    return r.width > 0 && outside && !e.closest('.table-scroll, .chart');
                }).map(e => e.tagName + '.' + e.className).slice(0, 3)"""
            )
            assert overflowing == [], f"{address}: {overflowing}"
    context.close()


def test_on_a_phone_the_menu_and_the_filters_fold_away_and_open_without_javascript(browser, live_server, source_data):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/events/")
    menu = page.get_by_role("navigation", name="Main")

    expect(menu).to_be_hidden()
    expect(page.locator("#filters")).to_be_hidden()
    # The first event is on the first screen.
    first = page.locator(".events .event__title").first
    assert first.bounding_box()["y"] < PHONE["height"]

    page.get_by_role("link", name="Menu").click()
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="Objectives")).to_be_visible()
    page.get_by_role("link", name="Close the menu").click()
    expect(menu).to_be_hidden()

    page.get_by_role("link", name="Show the filters").click()
    expect(page.locator("#filters")).to_be_visible()
    page.select_option("#id_kind", "course")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".filters-toggle__active")).to_be_visible()
    context.close()


def test_chart_text_is_readable_on_a_phone(browser, live_server, source_data):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    objective = LongTermObjective.objects.visible_to(None).filter(latest_report__isnull=False).first()
    page.goto(live_server.url + objective.get_absolute_url())
    # The font size as drawn: the SVG's own size, scaled as the chart is.
    sizes = page.evaluate(
        """[...document.querySelectorAll('.chart svg text')].map(t => {
            const svg = t.ownerSVGElement;
            return Number(t.getAttribute('font-size')) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        })"""
    )
    assert sizes and min(sizes) >= 11, sizes
    context.close()


def test_the_footer_reaches_the_bottom_of_a_short_page(browser, live_server, source_data):
    context = browser.new_context(viewport={"width": 1280, "height": 2000})
    page = context.new_page()
    for address in ("/no-such-page/", "/ar/no-such-page/"):
        page.goto(live_server.url + address)
        bottom = page.evaluate("document.querySelector('.site-footer').getBoundingClientRect().bottom")
        assert abs(bottom - 2000) <= 1, (address, bottom)
    context.close()


def test_on_a_wide_screen_the_menu_stands_open_with_no_menu_controls(page, live_server, source_data):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/events/")

    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("link", name="Menu", exact=True)).to_be_hidden()
    expect(page.get_by_role("link", name="Close the menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Show the filters")).to_be_hidden()
    expect(page.locator("#filters")).to_be_visible()


def test_the_home_page_sets_the_key_figures_beside_the_mandate(page, live_server, source_data):
    page.set_viewport_size({"width": 1280, "height": 900})
    for address, beside in (("/", "right"), ("/ar/", "left")):
        page.goto(live_server.url + address)
        text = page.locator(".hero__text").bounding_box()
        figures = page.locator(".hero__figures").bounding_box()
        # Side by side, the figures on the far side of the reading direction.
        assert abs(text["y"] - figures["y"]) < 80, address
        if beside == "right":
            assert figures["x"] >= text["x"] + text["width"], address
        else:
            assert figures["x"] + figures["width"] <= text["x"], address
