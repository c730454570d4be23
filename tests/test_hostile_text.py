"""User text that a spreadsheet or the page could take for something else: Streamlit's icon
shortcodes in a vendor name, an owner or a review, rendered as the characters typed on
every page; CSV exports that never start a cell with a formula sign, full-width ones
included; and a refused value cut before it is echoed back."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import ROOT, TODAY
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from governance import formats, ingest
from governance.access import Actor
from governance.ingest import Upload
from governance.ingest.problem_export import to_csv
from governance.ingest.problems import Problem, ProblemList
from governance.store import Store
from ui.registry import PAGES

SKULL = ":material/skull:"
EDITS = {  # demo file -> (text, the same with shortcodes)
    "vendors": ("株式会社さくらビジネスサービス", f"{SKULL} さくら :streamlit: :material_bolt:"),
    "reviews": ("山口（さくらビジネスサービス）", f"山口（{SKULL}）"),
    "actions": ("中村", f"{SKULL}中村"),
}
PLAIN = {"Text", "Code", "Json", "Selectbox", "Multiselect", "UnknownElement"}  # no Markdown


def _strings(message: Message):
    for field, value in message.ListFields():
        for item in (value if field.is_repeated else [value]):
            if isinstance(item, Message):
                yield from ((f"{field.name}.{n}", v) for n, v in _strings(item))
            elif isinstance(item, str):
                yield field.name, item


def rendered(at: AppTest) -> list[tuple[str, str]]:
    """(element, text) of every field the front end renders as Markdown."""
    found = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message) and type(node).__name__ not in PLAIN:
            found.extend((type(node).__name__, v) for n, v in _strings(proto)
                         if n.split(".")[-1] in ("body", "label", "help", "options"))
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else []):
            walk(child)

    walk(at._tree)
    return found


def live_shortcodes(text: str) -> list[str]:
    """Shortcodes Streamlit's front end would draw: it turns ``:material/`` into
    ``:material_`` in the source, parses the Markdown (undoing escapes), then looks for
    ``:material_NAME:`` and ``:streamlit:`` in the text."""
    source = re.sub(r"\\(.)", r"\1", text.replace(":material/", ":material_"))
    return re.findall(r":(material_\w+|streamlit):", source)


@pytest.fixture
def shortcode_db(demo_app_db):
    store = Store(str(demo_app_db))
    for kind, (old, new) in EDITS.items():
        text = (ROOT / "data" / "demo" / f"{kind}.csv").read_text("utf-8-sig")
        assert old in text
        upload = ingest.load(store, Upload(f"{kind}_edited.csv", text.replace(old, new).encode()),
                             Actor("ada", "admin"), TODAY)
        assert not upload.refused, upload.summary("en")
    return store


def test_icon_shortcodes_in_user_text_render_as_typed_on_every_page(shortcode_db):
    seen = {}
    for spec in PAGES:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        at.query_params["vendor"], at.query_params["month"] = "V-BPO-01", "2026-10"
        at.run()
        at.switch_page(f"pages/{spec.file}")
        at.run()
        assert not at.exception, at.exception
        texts = rendered(at)
        # a lazy tab is drawn only when open: open each (one set of tabs per page)
        for key in [k for k in at.session_state if str(k).startswith("tab_")]:
            for label in [tab.label for tab in at.tabs]:
                at.session_state[key] = label
                at.run()
                assert not at.exception, (spec.url_path, label, at.exception)
                texts += rendered(at)
        ours = [(kind, text) for kind, text in texts if "skull" in text or "bolt" in text]
        seen[spec.url_path] = sorted({kind for kind, _ in ours})
        for kind, text in texts:
            assert not [s for s in live_shortcodes(text) if s in ("material_skull",
                                                                  "material_bolt", "streamlit")
                        ], (spec.url_path, kind, text)
    # the hostile text did reach Markdown: headers, page links, metrics
    assert seen["vendor"] and seen["overview"] and seen["cost"], seen


def test_the_check_would_see_the_old_escape_draw_an_icon():
    assert live_shortcodes(r"\:material/skull\: x \:streamlit\:") == ["material_skull",
                                                                        "streamlit"]


# --- exports ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  "＝ＨＹＰＥＲＬＩＮＫ(\"http://x\")", "＋1", "－1", "＠x"])
def test_a_formula_start_is_neutralised_half_and_full_width(text):
    assert formats.neutralise(text) == "'" + text
    assert formats.neutralise("a" + text) == "a" + text


def test_the_problem_report_csv_neutralises_a_full_width_formula():
    problems = ProblemList()
    problems.add(Problem.of("invalid-integer", row=2, column="予算額", value="＝1+1"))
    data = to_csv(problems, "ja", "kpis").decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(data)) for c in row]
    assert "'＝1+1" in cells and "＝1+1" not in cells


# --- long values --------------------------------------------------------------------------
def test_a_problem_keeps_at_most_200_characters_of_a_value_column_or_detail():
    huge = "x" * 50_000_000
    problem = Problem.of("malformed-csv", row=2, column="y" * 300, value=huge, detail=huge)
    assert problem.value == "x" * 200 + "… (+49,999,800)"
    assert problem.column == "y" * 200 + "… (+100)"
    assert len(problem.message("en")) < 300
    assert Problem.of("too-long", value="z" * 200).value == "z" * 200
