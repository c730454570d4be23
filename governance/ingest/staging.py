"""Files chosen together, checked and previewed before anything is written, then loaded.

``read`` turns one file's bytes into an ``Upload`` (size checked first, sheets listed,
kind detected or chosen). ``stage`` checks the uploads of one selection in load order
(register first) against the store and previews each clean one: a KPI file may name
vendors that a register chosen alongside brings, and then waits for that register.
``commit`` loads the chosen uploads in load order, each as its own batch, checking each
again against the store as it is at that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from governance.access import Actor, require
from governance.catalog import LOAD_ORDER
from governance.errors import ReadError
from governance.ingest import pipeline, preview
from governance.ingest.pipeline import Upload
from governance.ingest.problems import ProblemList
from governance.ingest.profiles import Profile
from governance.ingest.readers import MAX_UPLOAD_BYTES, check_size, sheet_names
from governance.ingest.validate import detect_kind
from governance.store import Store

READY, WAITING, LOADED, REFUSED = "ready", "waiting", "loaded", "refused"


@dataclass
class Staged:
    """One file of a selection, checked against the store; nothing written."""

    upload: Upload
    sheets: tuple[str, ...] = ()  # worksheets of a workbook, in file order
    detected: str | None = None  # the kind the headers describe
    loaded_as: int | None = None  # this exact file is the newest batch of its kind
    waits_for: tuple[str, ...] = ()  # registers of the selection to be loaded first
    preview: preview.Preview | None = None
    new_vendors: frozenset[str] = field(default_factory=frozenset)  # a register's new IDs
    skipped: tuple[str, ...] = ()  # leading sheets passed over: no known table on them

    @property
    def state(self) -> str:
        if self.upload.refused:
            return REFUSED
        if self.holders:
            return LOADED
        return WAITING if self.waits_for else READY

    @property
    def holders(self) -> tuple[int, ...]:
        """When loading the file would change nothing: the batches holding its values."""
        if self.loaded_as is not None:
            return (self.loaded_as,)
        if self.preview is not None and self.preview.changes_nothing:
            return self.preview.holders
        return ()

    @property
    def rows(self) -> int:
        raw = self.upload.raw
        return 0 if raw is None else len(raw.frame)


def read(file_name: str, data: bytes, kind: str | None = None, sheet: str | None = None,
         size: int | None = None, limit: int = MAX_UPLOAD_BYTES,
         profile: Profile | None = None, saved: Sequence[Profile] = ()) -> Staged:
    """Read one file (nothing is parsed when it is over ``limit``), with ``profile`` when
    given, else with the one of the ``saved`` import profiles it fits."""
    upload = Upload(file_name, b"", kind=kind, sheet=sheet, profile=profile)
    staged = Staged(upload)
    try:
        check_size(len(data) if size is None else size, limit)
        upload.data = data
        staged.sheets = tuple(sheet_names(data, limit))
    except ReadError as exc:
        upload.problems.add(exc.problem)
        return staged
    if sheet is not None and sheet not in staged.sheets:
        upload.sheet = None
    pipeline.read(upload, limit, saved)
    if upload.profile is not None:
        staged.detected = upload.profile.kind
    elif upload.raw is not None:
        staged.detected = detect_kind(upload.raw.headers)
    ambiguous = any(p.code == "profile-ambiguous" for p in upload.problems.entries)
    if upload.sheet is None and staged.detected is None and len(staged.sheets) > 1 \
            and not ambiguous:
        # a cover or notes sheet first: take the first sheet that holds a known table
        for other in staged.sheets[1:]:
            trial = Upload(file_name, data, kind=kind, sheet=other)
            pipeline.read(trial, limit)
            if trial.raw is not None and detect_kind(trial.raw.headers) is not None:
                staged.upload, staged.detected = trial, detect_kind(trial.raw.headers)
                staged.skipped = staged.sheets[:staged.sheets.index(other)]
                break
    return staged


def _fresh(staged: Staged) -> Staged:
    """A copy whose upload can be checked again (checking sets the report and kind)."""
    old = staged.upload
    upload = Upload(old.file_name, old.data, kind=old.kind, sheet=old.sheet,
                    profile=old.profile, raw=old.raw,
                    problems=ProblemList(list(old.problems.entries), old.problems.hidden))
    return Staged(upload, staged.sheets, staged.detected, skipped=staged.skipped)


def stage(store: Store, selection: list[Staged], today: dt.date | None = None,
          config=None) -> list[Staged]:
    """Check and preview every read file of ``selection``; returned in the same order."""
    out = [_fresh(s) for s in selection]
    order = {k: i for i, k in enumerate(LOAD_ORDER)}
    stored = store.vendor_ids()
    registers: list[Staged] = []
    for s in sorted(out, key=lambda s: order.get(s.upload.kind or "", len(order))):
        upload = s.upload
        if upload.refused:
            continue
        if upload.kind is not None and upload.profile is None:
            s.loaded_as = store.find_current_file(upload.kind, upload.sha256,
                                                  upload.raw.sheet)
            if s.loaded_as is not None:
                continue
        extra = frozenset().union(*(r.new_vendors for r in registers))
        pipeline.check(store, upload, today, extra_vendors=extra)
        if upload.refused:
            continue
        frame = upload.checked.frame
        if upload.kind == "vendors":
            s.new_vendors = frozenset(frame["vendor_id"]) - stored
            registers.append(s)
        elif "vendor_id" in frame:
            missing = frozenset(frame["vendor_id"].dropna()) - stored
            s.waits_for = tuple(r.upload.file_name for r in registers
                                if r.new_vendors & missing)
        s.preview = preview.build(store, upload.checked, config)
    return out


def committable(selection: list[Staged]) -> list[Staged]:
    """The files of a selection that can be loaded now, registers first."""
    order = {k: i for i, k in enumerate(LOAD_ORDER)}
    ready = [s for s in selection if s.state in (READY, WAITING)]
    return sorted(ready, key=lambda s: order.get(s.upload.kind or "", len(order)))


def commit(store: Store, uploads: list[Upload], user: Actor | str,
           today: dt.date | None = None,
           on_start: Callable[[Upload], None] | None = None) -> list[Upload]:
    """Load ``uploads`` in load order, each as one batch, each checked again first;
    ``on_start(upload)`` is called before each (for a progress display). The acting user
    needs the ``upload`` right (``AccessDenied`` before anything is written); a failure
    part-way raises ``LoadInterrupted`` naming the files committed before it."""
    user = require(user, "upload")
    fresh = [Upload(u.file_name, u.data, kind=u.kind, sheet=u.sheet, profile=u.profile,
                    raw=u.raw) for u in uploads]
    return pipeline.load_in_order(store, fresh, user, today, on_start=on_start)
