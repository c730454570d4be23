"""Every user-facing string, in Japanese and English.

The messages are data: one TOML file per feature under ``messages/`` (``app``, ``upload``,
``problems``, ``reviews``, ``executive_report``, ``scoring``, ``access``, ``errors``,
``demo``), each message with its Japanese and English text side by side. Column and kind
labels come from the KPI catalog, not from here. ``t(key, lang, **params)`` formats one
message; an unknown key raises ``KeyError`` (tests check every key's placeholders, that
every key is used and that no key is built at run time).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

LANGS = ("ja", "en")
DEFAULT_LANG = "ja"
MESSAGE_DIR = Path(__file__).resolve().parent / "messages"


def _load() -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = {}
    for path in sorted(MESSAGE_DIR.glob("*.toml")):
        for key, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if key in messages:
                raise ValueError(f"{path.name}: message {key!r} is defined twice")
            messages[key] = entry
    return messages


MESSAGES: dict[str, dict[str, str]] = _load()


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message ``key`` in ``lang`` with ``params`` filled in."""
    entry = MESSAGES[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def choose_lang(value: object) -> str:
    """A supported language code from user input (query param, option), default Japanese."""
    return value if value in LANGS else DEFAULT_LANG
