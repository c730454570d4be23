"""``python -m governance profiles …``: import profiles saved in the store, and the
``--profile`` option of ``ingest`` (docs/data-format.md, "Import profiles").

``add FILE`` saves a profile file (a batch: ``batches`` lists it, ``rollback`` undoes it),
``list`` shows the saved ones, ``show NAME`` prints one, ``export NAME -o FILE`` writes it,
``remove NAME`` removes it (a batch too). A profile that cannot be used is one line naming
the file and the key, exit code 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from governance.catalog import KINDS
from governance.errors import UsageError
from governance.i18n import t
from governance.lazy import Lazy
from governance.store.profiles import ACTION_KEYS

if TYPE_CHECKING:
    from governance.ingest.profiles.format import Profile

# imported when a profile is used: the other commands never load the ingest pipeline
saved = Lazy("governance.ingest.profiles.saved")
pipeline = Lazy("governance.ingest.pipeline")


def add_parsers(sub, common) -> None:
    """The ``profiles`` command and its subcommands."""
    p = sub.add_parser("profiles", help="import profiles saved in the database")
    profiles_sub = p.add_subparsers(dest="profiles_command", required=True)
    p = profiles_sub.add_parser("add", parents=[common],
                                help="save a profile file (replaces one of its name)")
    p.add_argument("file", type=Path)
    profiles_sub.add_parser("list", parents=[common], help="list the saved profiles")
    p = profiles_sub.add_parser("show", parents=[common], help="print a saved profile")
    p.add_argument("name")
    p = profiles_sub.add_parser("export", parents=[common], help="write a saved profile")
    p.add_argument("name")
    p.add_argument("-o", "--output", type=Path, required=True)
    p = profiles_sub.add_parser("remove", parents=[common], help="remove a saved profile")
    p.add_argument("name")


def profile_file(path: Path | None) -> Profile | None:
    """The profile of ``ingest --profile FILE`` (None without the option)."""
    if path is None:
        return None
    if not path.is_file():
        raise UsageError("error.file-not-found", path=path)
    return saved.from_file(path)[0]


def run(args, store_of) -> int:
    """Run ``profiles <subcommand>``; ``store_of(args)`` opens the store."""
    lang, command = args.lang, args.profiles_command
    if command == "add":
        if not args.file.is_file():
            raise UsageError("error.file-not-found", path=args.file)
        profile, text = saved.from_file(args.file)
        result = saved.save(store_of(args), profile, text, pipeline.current_user())
        if result.batch_id is None:
            print(t("profiles.unchanged", lang, name=result.name))
        else:
            print(t("profiles.saved", lang, name=result.name, batch=result.batch_id,
                    action=t(ACTION_KEYS[result.action], lang)))
        return 0
    if command == "list":
        found = saved.listing(store_of(args))
        if not found:
            print(t("profiles.none", lang))
        for s in found:
            kind = KINDS[s.kind].label(lang) if s.kind in KINDS else s.kind
            state = s.error.message(lang) if s.error is not None else " / ".join(
                s.profile.headers)
            print("\t".join((s.name, kind, str(s.batch_id), s.saved_by,
                             f"{s.saved_at:%Y-%m-%d %H:%M}", state)))
        return 0
    if command == "remove":
        result = saved.remove(store_of(args), args.name, pipeline.current_user())
        print(t("profiles.removed", lang, name=result.name, batch=result.batch_id))
        return 0
    body = saved.find(store_of(args), args.name).body
    if command == "show":
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        return 0
    args.output.write_text(body, encoding="utf-8")
    print(t("profiles.exported", lang, name=args.name, path=args.output))
    return 0
