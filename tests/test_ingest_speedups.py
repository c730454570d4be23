"""The ingest's short cuts change nothing it reports or stores: columns parsed side by side
report what a serial parse reports, in the same order; a read started ahead is the read
of the same bytes; a table written in DuckDB's row-group batches is stored whole; the
blank-row scan that looks at first cells keeps and drops the rows the full scan did."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT, TODAY

from governance.ingest import Upload, load, parallel, readers, sandbox
from governance.ingest.headers import to_table
from governance.ingest.readers import read_table
from governance.ingest.validate import validate
from governance.store import batches

VENDORS = frozenset({"V-001", "V-002", "V-003"})
HEAD = "委託先ID,対象月,予算額,実績額,手順書整備率,SLA目標,SLA達成率,アクセス権棚卸実施\n"
ROWS = [
    "V-001,2026-09,1000000,900000,55.5,99.0,98.5,はい",
    "V-002,2026-09,abc,0,12.5,99,xyz,yes",
    "V-003,2026-13,２０００,-5,200,99.9,99.1,maybe",
    "V-009,2026-09,1000000,x,50,99.5,101,no",
    "V-001,2026-10,\"1,000\",1.5,,99.0,98,",
]


def _table(rows: list[str]) -> bytes:
    return (HEAD + "\n".join(rows) + "\n").encode()


def _problems(checked) -> list[tuple]:
    return [p.as_tuple() for p in checked.problems.entries]


def test_columns_parsed_side_by_side_report_what_a_serial_parse_reports(monkeypatch):
    raw = read_table(_table(ROWS * 30))
    monkeypatch.setattr(parallel, "threads", lambda: 1)
    serial = validate(raw, "kpis", VENDORS, TODAY)
    monkeypatch.setattr(parallel, "threads", lambda: 2)
    monkeypatch.setattr(parallel, "SMALL", 0)
    side_by_side = validate(raw, "kpis", VENDORS, TODAY)
    assert _problems(side_by_side) == _problems(serial)  # the same problems, same order
    assert len(_problems(serial)) > 150
    pd.testing.assert_frame_equal(side_by_side.frame, serial.frame)


def test_a_read_started_ahead_is_the_one_read_table_returns(monkeypatch, tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_bytes(_table(ROWS[:1]))
    calls = []
    call = sandbox._call
    monkeypatch.setattr(sandbox, "_call", lambda request, data: calls.append(
        request["task"]) or call(request, data))
    found = readers.read_files_ahead([path, tmp_path / "missing.csv"], None, 1 << 20)
    assert list(found) == [path]  # a file that cannot be opened is left to the caller
    raw = read_table(path.read_bytes(), "kpis.csv", None, 1 << 20)  # equal bytes, new object
    assert raw.frame.iloc[0].tolist()[:3] == ["V-001", "2026-09", "1000000"]
    assert calls == ["table"]  # read once, ahead
    read_table(path.read_bytes(), "kpis.csv", None, 1 << 20)
    assert calls == ["table", "table"]  # taken once: a second read is a read


def test_a_read_ahead_of_other_bytes_or_another_sheet_is_not_used():
    data = _table(ROWS[:1])
    readers.read_ahead(data, "kpis.csv", None, 1 << 20)
    other = read_table(_table(ROWS[3:4]), "kpis.csv", None, 1 << 20)
    assert other.frame.iloc[0, 0] == "V-009"
    assert read_table(data, "kpis.csv", "Sheet2", 1 << 20).frame.iloc[0, 0] == "V-001"
    assert read_table(data, "kpis.csv", None, 1 << 20).frame.iloc[0, 0] == "V-001"
    assert sandbox._AHEAD.pending == []


def test_a_file_refused_while_read_ahead_is_refused_where_it_is_asked_for():
    data = b"\x00\x01binary"
    readers.read_ahead(data, "kpis.csv", None, 1 << 20)
    with pytest.raises(Exception) as ahead:
        read_table(data, "kpis.csv", None, 1 << 20)
    with pytest.raises(Exception) as direct:
        read_table(data, "kpis.csv", None, 1 << 20)
    assert ahead.value.problem == direct.value.problem


def test_a_table_written_in_row_group_batches_is_stored_whole(store, monkeypatch):
    monkeypatch.setattr(batches, "ROW_GROUP", 3)  # the demo's 14 vendors: 5 batches
    register = ROOT / "data" / "demo" / "vendors.csv"
    expected = read_table(register.read_bytes()).frame[0].tolist()
    upload = load(store, Upload("vendors.csv", register.read_bytes()), "tester", TODAY)
    assert upload.result.inserted == 14
    assert sorted(store.vendor_ids()) == sorted(expected)


def test_blank_rows_are_found_by_their_first_cell_then_every_cell():
    frame = pd.DataFrame([["ID", "名前", ""],
                          ["A", "x", ""],
                          ["", "kept: its second cell", ""],
                          [" \u3000", "\t", " "],  # blank in every cell: dropped
                          ["B", "y", "no header, but a value"],
                          ["", "", ""]], dtype="str")
    raw = to_table(frame, "csv")
    assert raw.rows.tolist() == [2, 3, 5]
    assert raw.frame[0].tolist() == ["A", "", "B"]
    assert raw.frame.shape[1] == 3  # the headerless column holds a value: kept
    assert raw.headers == ["ID", "名前", ""]
    without = to_table(frame.iloc[:, :2].assign(extra=""), "csv")
    assert without.frame.shape[1] == 2  # headerless and empty: dropped


@pytest.mark.parametrize("cells", [
    ["1.5", "2", "-3"],  # the first has a point: the integer cast is not tried
    ["2", "1.5", "-3"],  # tried, and it fails on the second
    ["1,000", "2", "-3.5"],  # a comma first: straight to the patterns
    ["2", "1,000", "-3.5"],
    ["7", "8", "9"],  # integers: one cast
])
def test_numbers_read_the_same_whichever_way_the_column_is_tried(cells):
    from governance.catalog import KPIS
    from governance.ingest.values import parse

    column = KPIS.column("knowledge_transfer_hours")
    typed, refused = parse(pd.Series(cells, dtype="str"), column)
    slow, _ = parse(pd.Series([*cells, "１"], dtype="str"), column)  # the forgiving path too
    assert typed.tolist() == [float(c.replace(",", "")) for c in cells]
    assert slow.tolist()[:3] == typed.tolist()
    assert refused.empty


def test_making_the_checks_ready_never_raises_whatever_the_kind(monkeypatch):
    from checks import models
    from governance.ingest.validate import prepare_checks

    prepare_checks("no such kind")  # the KPI report's checks instead
    monkeypatch.setattr(models, "prepare", lambda *a: 1 / 0)
    prepare_checks("vendors")  # a head start only: validate meets the error itself
