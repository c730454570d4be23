"""The message catalog (governance/i18n/messages/*.toml) and the registry of problem codes
(``governance.ingest.problems.CODES``) against the code that uses them: every message in
Japanese and English with the same placeholders, every message used, no key built at run
time, every problem code declared once with its message."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from checks import findings, models
from governance.i18n import LANGS, MESSAGES, t
from governance.ingest import values
from governance.ingest.problems import CELL, CODES, FILE, HEADER, Problem

# where messages are used: the app, not tests/ nor bench/
APP_SOURCES = [*sorted(p for d in ("governance", "ui", "pages", "checks")
                       for p in (ROOT / d).rglob("*.py")), ROOT / "dashboard.py"]
# every Python file outside tests/ (bench/ too: it must not build keys either)
NON_TEST_SOURCES = sorted(p for p in ROOT.rglob("*.py")
                          if not {"tests", ".git", ".venv"} & set(p.relative_to(ROOT).parts))

# Japanese counter words (件, 社) that English does without
MAY_BE_EMPTY = {("unit.count", "en"), ("exec.companies", "en"), ("exec.items", "en")}
# names and symbols, the same in both languages
SAME_IN_BOTH = {"unit.%", "meeting.download-md", "encoding.utf-8", "encoding.utf-16"}


_FINDINGS = re.compile(r'(?:Finding|_ordered)\((?:\s*ctx,(?:\s*"[a-z_]+",){2})?\s*"([a-z-]+)"')


def test_the_checks_declare_every_code_their_findings_carry():
    scanned = {m for path in sorted((ROOT / "checks").rglob("*.py"))
               for m in _FINDINGS.findall(path.read_text("utf-8"))}
    used = scanned | set(models.CHECK_CODES.values())
    assert used >= {"duplicate-key", "month-in-future", "closed-before-raised", "required"}
    assert used == set(findings.CODES)
    with pytest.raises(ValueError):
        findings.Finding("no-such-code", 0, "vendor_id")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _trees(paths: list[Path]) -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"), str(p))) for p in paths]


def _string_literals(paths: list[Path]) -> set[str]:
    return {node.value for _, tree in _trees(paths) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGS)
    for lang in LANGS:
        assert entry[lang].strip() or (key, lang) in MAY_BE_EMPTY, (key, lang)
    assert entry["ja"] != entry["en"] or key in SAME_IN_BOTH, key
    assert _fields(entry["ja"]) == _fields(entry["en"])


def test_the_exceptions_above_are_still_needed():
    assert {k for k, lang in MAY_BE_EMPTY if not MESSAGES[k][lang]} == {
        k for k, _ in MAY_BE_EMPTY}
    assert {k for k in SAME_IN_BOTH if MESSAGES[k]["ja"] == MESSAGES[k]["en"]} == SAME_IN_BOTH


def test_every_message_is_used():
    """A message is used when its key is written out as a string literal in the app's
    code (governance/, ui/, pages/, checks/, dashboard.py). Keys are never built at run
    time (the next test), so a key that is not written out anywhere is dead."""
    used = _string_literals(APP_SOURCES)
    assert sorted(set(MESSAGES) - used) == []


def _key_takers() -> set[str]:
    """t, tr, translated and the project's exceptions that take a message key first (every
    subclass of GovernanceError that keeps its constructor)."""
    classes: dict[str, tuple[list[str], bool]] = {}
    for _, tree in _trees(APP_SOURCES):
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                own_init = any(isinstance(n, ast.FunctionDef) and n.name == "__init__"
                               for n in node.body)
                bases = [b.id for b in node.bases if isinstance(b, ast.Name)]
                classes[node.name] = (bases, own_init)
    errors = {"GovernanceError"}
    while grown := {name for name, (bases, _) in classes.items()
                    if set(bases) & errors and name not in errors}:
        errors |= grown
    return {"t", "tr", "translated", "GovernanceError"} | {e for e in errors if not classes[e][1]}


def _allowed_key(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.IfExp):
        return _allowed_key(node.body) and _allowed_key(node.orelse)
    if isinstance(node, ast.Name | ast.Attribute):
        name = node.id if isinstance(node, ast.Name) else node.attr
        return name.lower().endswith("key")
    if isinstance(node, ast.Subscript):
        mapping = node.value
        name = (mapping.id if isinstance(mapping, ast.Name) else
                mapping.attr if isinstance(mapping, ast.Attribute) else "")
        return name.endswith("KEYS")
    return False


def _built_head(node: ast.AST) -> str | None:
    """The literal text a string built at run time starts with (f-string, ``+``, ``%``,
    ``str.format``), or None for anything else."""
    if isinstance(node, ast.JoinedStr):
        head = ""
        for part in node.values:
            if not isinstance(part, ast.Constant):
                return head
            head += part.value
        return None  # no placeholder: a plain string
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        left = node.left
        if isinstance(left, ast.Constant) and isinstance(left.value, str):
            return left.value.split("%")[0] if isinstance(node.op, ast.Mod) else left.value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)):
        return node.func.value.value.split("{")[0]
    return None


def _starts_a_key(head: str) -> bool:
    return "." in head and any(key.startswith(head) for key in MESSAGES)


def _key_map_values(node: ast.AST) -> list[ast.expr] | None:
    """The values of a ``*_KEYS = {...}`` or ``*_KEYS = (...)`` declaration, else None."""
    if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
        return None
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if not any(isinstance(t, ast.Name) and t.id.endswith("KEYS") for t in targets):
        return None
    value = node.value
    return (value.values if isinstance(value, ast.Dict) else
            value.elts if isinstance(value, ast.Tuple | ast.List) else [value])


def test_no_message_key_is_built_at_run_time():
    """Every key is written out in full, so the two tests above see every key in use.

    The first argument of ``t``, ``tr``, ``translated`` and of the project's exceptions
    (``GovernanceError`` and the subclasses that keep its constructor) must be one of:
    - a string literal: ``t("status.green", lang)``;
    - an entry of an explicit map named ``*_KEYS``, declared once beside the concept as a
      dict (or tuple) whose values are message keys written out:
      ``t(STATUS_KEYS[status], lang)``, ``t(LEGEND_KEYS[s], lang)``;
    - a name or attribute ending in ``key``: a key chosen elsewhere and passed along
      (``t(self.key, lang)``, ``tr(title_key)``, ``t(CODES[code].key, lang)``);
    - ``a if cond else b`` of those.
    And no Python file outside tests/ builds a string (f-string, ``+``, ``%``,
    ``str.format``) whose literal start begins a key, such as ``f"status.{s}"`` or
    ``"status." + s``: that stops a key being built first and passed along as ``key``.
    """
    takers = _key_takers()
    assert {"t", "tr", "translated", "GovernanceError", "BatchError"} <= takers
    assert "ReadError" not in takers  # takes a Problem, not a key
    computed, built, maps = [], [], []
    for path, tree in _trees(NON_TEST_SOURCES):
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            declared = _key_map_values(node)
            if declared is not None:
                maps += [f"{where}:{node.lineno}: {ast.unparse(v)}" for v in declared
                         if not (isinstance(v, ast.Constant) and v.value in MESSAGES)]
            if isinstance(node, ast.Call) and node.args:
                func = node.func
                name = (func.id if isinstance(func, ast.Name) else
                        func.attr if isinstance(func, ast.Attribute) else None)
                if name in takers and not _allowed_key(node.args[0]):
                    computed.append(f"{where}:{node.lineno}: {ast.unparse(node.args[0])}")
            head = _built_head(node)
            if head is not None and _starts_a_key(head):
                built.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    assert computed == []
    assert built == []
    assert maps == []


def test_the_rule_above_tells_built_keys_from_plain_ones():
    def first_arg(source: str) -> ast.expr:
        return ast.parse(source).body[0].value.args[0]

    for ok in ('t("status.green", lang)', "t(STATUS_KEYS[s], lang)", "tr(title_key)",
               "t(self.key, lang)", "t(CODES[c].key, lang)", 't("a.b" if x else key, lang)'):
        assert _allowed_key(first_arg(ok)), ok
    for bad in ('t(f"status.{s}", lang)', 't("status." + s, lang)', "t(label, lang)",
                't("status.{}".format(s), lang)', "t(statuses[s], lang)",
                "t(key.upper(), lang)"):
        assert not _allowed_key(first_arg(bad)), bad
    for built in ('f"status.{s}"', '"status." + s', '"status.%s" % s', '"status.{}".format(s)',
                  'f"exec.legend-{s}"'):
        node = ast.parse(built).body[0].value
        assert _starts_a_key(_built_head(node)), built
    for fine in ('f"{axis}_status"', 'f"e{i}.duckdb"', 'f"qp_{key}"', '"status.green"',
                 'f"exec-report-{fmt}"'):
        head = _built_head(ast.parse(fine).body[0].value)
        assert head is None or not _starts_a_key(head), fine


# --- the registry of problem codes


def test_every_problem_code_is_declared_with_its_message():
    for slug, code in CODES.items():
        assert code.slug == slug
        assert code.key == f"problem.{slug}"
        assert code.key in MESSAGES
        assert code.scope in (FILE, HEADER, CELL)
    assert {k for k in MESSAGES if k.startswith("problem.")} == {c.key for c in CODES.values()}


def test_the_codes_of_values_and_checks_are_declared():
    assert set(values.BAD_CODE.values()) <= set(CODES)
    assert set(models.CHECK_CODES.values()) <= set(CODES)


def test_every_declared_code_is_raised_somewhere():
    """Each code is written out in a reader, validate, values, checks (not only in the
    registry): a code nothing raises would be listed in the docs for nothing."""
    registry = ROOT / "governance" / "ingest" / "problems.py"
    used = _string_literals([p for p in APP_SOURCES if p != registry])
    assert sorted(set(CODES) - used) == []


def test_every_code_a_reader_refuses_with_is_declared():
    """``refuse("code")`` and ``Problem.of("code")`` with a literal code name a declared
    one. An undeclared code is a ValueError when the problem is made, and the workbook
    guard reads a ValueError as a damaged file: a user would be told ``bad-xlsx``."""
    readers = [p for p in APP_SOURCES if "ingest" in p.parts]  # access.py has its own refuse
    raised = {call.args[0].value for _, tree in _trees(readers)
              for call in ast.walk(tree) if isinstance(call, ast.Call)
              and ast.unparse(call.func) in ("refuse", "Problem.of")
              and call.args and isinstance(call.args[0], ast.Constant)}
    assert "xlsb-unsupported" in raised and "bad-xlsx" in raised  # the scan sees them
    assert sorted(raised - set(CODES)) == []


def test_notes_are_the_ones_the_contract_allows():
    # an ignored column and a closing date before the date raised are allowed by the
    # contract; unreadable Excel number formats leave the values as stored, with a note;
    # an event log's earlier rows of a ticket are passed over, with a note
    assert {c.slug for c in CODES.values() if c.warning} == {
        "ignored-column", "closed-before-raised", "percent-formats-unread", "latest-rows"}
    assert Problem.of("ignored-column", row=1).warning
    assert not Problem.of("required", row=2).warning


def test_an_undeclared_code_is_a_programming_error():
    with pytest.raises(ValueError, match="no-such-code"):
        Problem.of("no-such-code", row=2)
    with pytest.raises(ValueError):
        Problem("more-problems")


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_problem_renders_in_both_languages_with_its_parameters(code):
    params = {name: "X" for lang in LANGS for name in _fields(MESSAGES[CODES[code].key][lang])}
    problem = Problem.of(code, row=2, column="列", **params)
    for lang in LANGS:
        text = problem.message(lang)
        assert text and "{" not in text


def test_a_missing_key_fails_loudly():
    with pytest.raises(KeyError):
        t("problem.no-such-code", "ja")
