"""Loading files: read, detect the kind, validate, and store each file as one batch.

A refused file writes nothing; a file that would change nothing (every row already stored
with these values) writes nothing either and says which batches hold them.
Files given together are loaded register first, so KPIs may name vendors that arrive in
the same call.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from governance import pause
from governance.access import AccessDenied, Actor, cli_user, require
from governance.catalog import KINDS, LOAD_ORDER
from governance.errors import GovernanceError, LoadInterrupted, ReadError
from governance.i18n import t
from governance.ingest import profiles
from governance.ingest.problems import Problem, ProblemList
from governance.ingest.profiles import Profile
from governance.ingest.profiles import saved as saved_profiles
from governance.ingest.readers import MAX_UPLOAD_BYTES, RawTable, check_size, read_table
from governance.ingest.validate import Checked, detect_kind, prepare_checks, validate
from governance.store import BatchResult, RollbackResult, Store


def current_user() -> str:
    """Who a CLI or scheduled job acts as: ``$GOVERNANCE_USER``, else the login name."""
    return cli_user()


@dataclass
class Upload:
    """One file on its way in: its bytes, name, what was read and what was found."""

    file_name: str
    data: bytes
    kind: str | None = None
    sheet: str | None = None
    profile: Profile | None = None  # the import profile it is read with (given or found)
    raw: RawTable | None = None
    checked: Checked | None = None
    problems: ProblemList = field(default_factory=ProblemList)
    result: BatchResult | None = None

    @functools.cached_property
    def sha256(self) -> str:  # 0.2 s for a 1,000,000-row file: computed once
        return hashlib.sha256(self.data).hexdigest()

    @property
    def refused(self) -> bool:
        return not self.problems.ok

    def summary(self, lang: str) -> list[str]:
        """What happened to this file, as lines for a terminal or a page; the first says
        which import profile read it, if one did."""
        lines = self._summary(lang)
        if lines and self.profile is not None:
            lines[0] = t("ingest.via-profile", lang, line=lines[0], profile=self.profile.name)
        return lines

    def _summary(self, lang: str) -> list[str]:
        if self.refused:
            return [t("problems.refused", lang, file=self.file_name,
                      summary=self.problems.summary(lang))]
        result = self.result
        if result is None:
            return []
        if result.nothing_changed:
            lines = [t("ingest.nothing-to-change", lang, file=self.file_name,
                       batches=batch_list(result.holders))]
        else:
            lines = [t("ingest.loaded", lang, file=self.file_name,
                       kind=KINDS[result.kind].label(lang), batch=result.batch_id,
                       inserted=result.inserted, replaced=result.replaced,
                       unchanged=result.unchanged)]
        if result.kept_vendors:
            ids = ", ".join(result.kept_vendors[:10]) + (" …" if len(result.kept_vendors) > 10
                                                         else "")
            lines.append(t("ingest.kept-vendors", lang, count=len(result.kept_vendors), ids=ids))
        lines += [t("ingest.warning", lang, message=p.message(lang))
                  for p in self.problems.warnings]
        return lines


def batch_list(batch_ids: tuple[int, ...], shown: int = 10) -> str:
    """Batch numbers as text: "2, 3", the first ``shown`` and "…" when there are more."""
    text = ", ".join(str(b) for b in batch_ids[:shown])
    return text + (" …" if len(batch_ids) > shown else "")


def rollback_summary(result: RollbackResult, lang: str) -> list[str]:
    """What a rollback did, as lines for a terminal or a page."""
    lines = [t("rollback.done", lang, batch=result.batch_id, removed=result.removed,
               restored=result.restored)]
    if result.kept:
        lines.append(t("rollback.kept", lang, kept=result.kept))
    if result.unrecorded:
        lines.append(t("rollback.unrecorded", lang, batches=batch_list(result.unrecorded)))
    return lines


def read(upload: Upload, limit: int = MAX_UPLOAD_BYTES,
         saved: Sequence[Profile] = ()) -> Upload:
    """Read the file and settle its kind; a file that cannot be read gets its problem list.
    Read with ``upload.profile`` when it has one, else with the one of the ``saved``
    import profiles it fits (two or more fitting: refused, naming them). The file's SHA-256
    (needed to find an identical load) is computed meanwhile, and the checks are made
    ready (``prepare_checks``): the parse runs in a child process and hashing releases
    the GIL."""
    hashing = threading.Thread(target=lambda: upload.sha256, daemon=True)
    hashing.start()
    preparing = threading.Thread(target=prepare_checks, args=(upload.kind,), daemon=True)
    preparing.start()
    try:
        if upload.profile is None:
            upload.raw = read_table(upload.data, upload.file_name, upload.sheet, limit)
            fitting = profiles.recognise(upload.data, upload.raw, saved, upload.sheet,
                                         upload.kind, limit)
            if len(fitting) > 1:
                upload.problems.add(Problem.of("profile-ambiguous", profiles="".join(
                    f"「{p.name}」" for p in fitting)))
                return upload
            upload.profile = fitting[0] if fitting else None
        if upload.profile is not None:
            upload.raw, problems = profiles.read(upload.data, upload.file_name,
                                                 upload.profile, upload.sheet, limit,
                                                 first=upload.raw)
            upload.problems.extend(problems)
            upload.kind = upload.profile.kind
    except ReadError as exc:
        upload.problems.add(exc.problem)
        return upload
    finally:
        hashing.join()
        preparing.join()
    upload.kind = upload.kind or detect_kind(upload.raw.headers)
    return upload


def check(store: Store, upload: Upload, today: dt.date | None = None,
          extra_vendors: frozenset[str] = frozenset()) -> Upload:
    """Validate a read upload against the store's vendor register, plus ``extra_vendors``
    (those of a register chosen alongside, not yet loaded); writes nothing."""
    if upload.raw is None or upload.refused:
        return upload
    known = (store.vendor_ids() | extra_vendors) if upload.kind not in (None, "vendors") \
        else None
    pause.at("validate")
    upload.checked = validate(upload.raw, upload.kind, known, today)
    upload.kind = upload.checked.kind.name if upload.checked.problems.ok else upload.kind
    upload.problems = upload.checked.problems
    return upload


def commit(store: Store, upload: Upload, user: Actor | str | None = None) -> Upload:
    """Write a checked upload as one batch (the acting user needs the ``upload`` right;
    a plain name or ``None`` is a trusted local caller, see ``governance.access``)."""
    actor = require(user, "upload")
    if upload.checked is None or not upload.checked.ok:  # a real check: asserts vanish under -O
        raise GovernanceError("error.not-checked", file=upload.file_name)
    raw = upload.raw
    meta = {"file_name": upload.file_name, "sha256": upload.sha256, "user": actor.name,
            "file_format": raw.file_format, "encoding": raw.encoding, "sheet": raw.sheet,
            "profile": None if upload.profile is None else upload.profile.name}
    upload.result = store.write_batch(upload.checked.kind, upload.checked.frame, meta)
    return upload


def load(store: Store, upload: Upload, user: Actor | str | None = None,
         today: dt.date | None = None, limit: int = MAX_UPLOAD_BYTES) -> Upload:
    """Read (unless already read), check and (if clean) commit one upload."""
    require(user, "upload")
    if upload.raw is None:
        read(upload, limit)
    if upload.refused:
        return upload
    # the newest batch of its kind, sent again: skip the check (not with a profile,
    # which may have changed since)
    if upload.kind is not None and upload.profile is None:
        loaded = store.find_current_file(upload.kind, upload.sha256, upload.raw.sheet)
        if loaded is not None:
            rows = len(upload.raw.frame)
            upload.result = BatchResult(None, upload.kind, rows, 0, 0, rows, holders=(loaded,))
            return upload
    check(store, upload, today)
    if upload.refused:
        return upload
    return commit(store, upload, user)


def load_paths(store: Store, paths: list[Path], kind: str | None = None,
               sheet: str | None = None, user: Actor | str | None = None,
               today: dt.date | None = None, limit: int = MAX_UPLOAD_BYTES,
               profile: Profile | None = None, data: Mapping[Path, bytes] | None = None
               ) -> list[Upload]:
    """Load files from disk, the vendor register first. Sizes are checked before reading.
    Each is read with ``profile`` when given, else with the saved profile it fits.
    ``data``: the bytes of files the caller has read already (``readers.read_files_ahead``)."""
    saved = () if profile is not None else saved_profiles.usable(store)
    uploads = []
    for path in paths:
        upload = Upload(path.name, b"", kind=kind, sheet=sheet, profile=profile)
        try:
            check_size(path.stat().st_size, limit)
            upload.data = (data or {}).get(path) or path.read_bytes()
        except ReadError as exc:
            upload.problems.add(exc.problem)
        uploads.append(upload)
    for upload in uploads:
        if not upload.refused:
            read(upload, limit, saved)
    load_in_order(store, [u for u in uploads if not u.refused], user, today, limit)
    return uploads


def load_in_order(store: Store, uploads: list[Upload], user: Actor | str | None = None,
                  today: dt.date | None = None, limit: int = MAX_UPLOAD_BYTES,
                  on_start: Callable[[Upload], None] | None = None) -> list[Upload]:
    """Load ``uploads`` register first, each as its own batch (``on_start(upload)`` before
    each, for a progress display). When one cannot be written (a full disk, a lost
    server), ``LoadInterrupted`` names it and every file committed before it; the files
    after it are not tried. A project error before anything was committed stands as is."""
    order = {k: i for i, k in enumerate(LOAD_ORDER)}
    done: list[Upload] = []
    for upload in sorted(uploads, key=lambda u: order.get(u.kind or "", len(order))):
        if on_start is not None:
            on_start(upload)
        try:
            load(store, upload, user, today, limit)
        except Exception as exc:
            if isinstance(exc, AccessDenied) or (isinstance(exc, GovernanceError)
                                                 and not done):
                raise
            loaded = [u.file_name for u in done
                      if u.result is not None and not u.result.nothing_changed]
            raise LoadInterrupted(upload.file_name, loaded, exc, done) from exc
        done.append(upload)
    return done


def rollback(store: Store, batch_id: int, user: Actor | str | None = None) -> RollbackResult:
    """Undo batch ``batch_id`` (the acting user needs the ``rollback`` right: admin)."""
    actor = require(user, "rollback")
    return store.rollback(batch_id, actor.name)
