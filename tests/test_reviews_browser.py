"""Real Chromium: record a meeting in meeting mode, then find its marker on the vendor's
trend charts (small multiples, one per measure; Vega draws them as SVG; each meeting rule
carries its tooltip text as an aria-label, and hovering it shows the tooltip)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser import browser, open_view, page, server, settle  # noqa: F401

pytestmark = pytest.mark.browser

SUMMARY = "ブラウザから記録した議事概要(報告書の提出遅れを確認)"
RULES = "[data-testid='stVegaLiteChart'] line[aria-roledescription='rule mark']"


def test_a_meeting_recorded_in_the_browser_shows_on_the_vendor_charts(server, page):  # noqa: F811
    text = open_view(page, server + "/reviews?mode=meeting&month=2026-10&step=V-ITO-03"
                                    "&held=2026-11-20")
    assert "ネクスト・アプリケーションズ株式会社" in text
    form = page.get_by_test_id("stForm")
    form.get_by_role("radio", name="要対応", exact=True).click()
    form.get_by_label("議事概要").fill(SUMMARY)
    form.get_by_label("決定事項").fill("12月4日までに提出させる。")
    form.get_by_role("button", name="記録する", exact=True).click()
    settle(page)
    alerts = page.get_by_test_id("stAlert").all_inner_texts()
    assert any("V-ITO-03" in a and "会議を記録しました" in a for a in alerts), alerts
    assert page.errors == []

    open_view(page, server + "/vendor?vendor=V-ITO-03&month=2026-10")
    page.get_by_role("tab", name="指標の推移").click()  # a lazy tab: drawn once opened
    settle(page)
    page.wait_for_selector(RULES, state="attached", timeout=30_000)
    # one line per small multiple (a measure); every one of them marks the meeting
    measures = page.locator("[data-testid='stVegaLiteChart'] "
                            "path[aria-roledescription='line mark']").count()
    ours = page.locator(f"{RULES}[aria-label*='{SUMMARY}']")
    assert ours.count() == measures >= 12
    label = ours.first.get_attribute("aria-label")
    assert "進捗確認会議: 2026/11/20" in label and "held_on" not in label, label
    ours.first.scroll_into_view_if_needed()
    # a vertical dashed line: no width, gaps between its dashes; the first point of its
    # middle where the rule itself is what the pointer would touch
    point = ours.first.evaluate("""rule => {
        const box = rule.getBoundingClientRect(), x = box.left + box.width / 2;
        for (let y = Math.ceil(box.top); y < box.bottom; y++)
            if (document.elementFromPoint(x, y) === rule) return [x, y];
        return null;
    }""")
    assert point is not None, "no point of the meeting's rule can be pointed at"
    page.mouse.move(*point)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_contain_text(SUMMARY, timeout=10_000)
    assert page.locator("[data-testid='stException']").count() == 0
