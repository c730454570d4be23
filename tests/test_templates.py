"""Upload templates: every kind, language and format reads back with the catalog's headers,
and a template with example rows loads through ingest to exactly the example values."""

from __future__ import annotations

import functools
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, TODAY
from openpyxl import load_workbook

from governance import ingest
from governance.catalog import KINDS, LOAD_ORDER
from governance.ingest import Upload, templates
from governance.ingest.readers import read_table
from governance.store import Store


@pytest.fixture(autouse=True, scope="module")
def _examples_once():
    """The example rows come from validating the whole demo file: do it once per kind."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(templates, "examples", functools.cache(templates.examples))
        yield


@pytest.fixture(scope="module")
def _register_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("register") / "register.duckdb"
    upload = ingest.load(Store(str(path)), Upload("vendors.csv", (ROOT / "data/demo/vendors.csv")
                                                  .read_bytes()), today=TODAY)
    assert upload.result.inserted == 14
    return path


@pytest.fixture
def register_store(tmp_path, _register_db) -> Store:
    """A store holding only the demo register (copied per test)."""
    shutil.copyfile(_register_db, tmp_path / "g.duckdb")
    return Store(str(tmp_path / "g.duckdb"))


@pytest.mark.parametrize("fmt", templates.FORMATS)
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", LOAD_ORDER)
def test_an_empty_template_has_exactly_the_catalog_headers(kind, lang, fmt):
    raw = read_table(templates.render(kind, lang, fmt))
    expected = [c.ja if lang == "ja" else c.name for c in KINDS[kind].columns]
    assert raw.headers == expected
    assert raw.frame.empty
    # canonical headers are ASCII, which is valid UTF-8 as well
    cp932 = "cp932" if lang == "ja" else "utf-8"
    assert raw.encoding == {"csv": "utf-8-bom", "csv-cp932": cp932, "xlsx": None}[fmt]


def test_an_empty_template_uploaded_as_is_is_refused_for_having_no_rows(register_store):
    before = register_store.counts()
    upload = ingest.load(register_store, Upload("t.csv", templates.render("kpis", "ja", "csv")),
                         today=TODAY)
    assert [p.as_tuple() for p in upload.problems.errors] == [(None, None, "no-rows")]
    assert register_store.counts() == before


@pytest.mark.parametrize("fmt", templates.FORMATS)
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("kind", ["kpis", "reviews", "actions"])
def test_a_template_with_examples_loads_back_to_the_example_values(register_store, kind,
                                                                   lang, fmt):
    data = templates.render(kind, lang, fmt, example=True)
    upload = ingest.load(register_store, Upload(f"t.{fmt}", data), user="u", today=TODAY)
    assert upload.problems.entries == []
    assert (upload.kind, upload.result.inserted) == (kind, templates.EXAMPLE_ROWS)
    stored = register_store.table(kind).drop(columns="batch_id")
    expected = templates.examples(kind).sort_values(list(KINDS[kind].key))
    pd.testing.assert_frame_equal(stored.astype(object).where(stored.notna(), None),
                                  expected.reset_index(drop=True).astype(object)
                                  .where(expected.reset_index(drop=True).notna(), None),
                                  check_dtype=False)


@pytest.mark.parametrize("fmt", templates.FORMATS)
def test_the_register_template_with_examples_changes_nothing_in_the_demo_register(
        register_store, fmt):
    data = templates.render("vendors", "ja", fmt, example=True)
    upload = ingest.load(register_store, Upload("t", data), today=TODAY)
    assert (upload.result.inserted, upload.result.replaced, upload.result.unchanged) == (
        0, 0, templates.EXAMPLE_ROWS)


def test_the_xlsx_template_offers_dropdowns_and_explains_each_column():
    book = load_workbook(io.BytesIO(templates.render("vendors", "ja", "xlsx")))
    sheet = book.active
    assert sheet.title == "委託先台帳"
    assert sheet["A1"].value == "委託先ID"
    assert sheet["A1"].comment.text.endswith(" *")  # required
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["D2:D1001"] == '"アウトソーシング,外注,派遣"'
    assert lists["E2:E1001"] == '"高,中,低"'


def test_the_cp932_template_is_plain_cp932_without_a_bom():
    data = templates.render("kpis", "ja", "csv-cp932", example=True)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.decode("cp932").startswith("委託先ID,対象月,")
    assert data.endswith(b"\r\n")
