"""法人番号 (corporate numbers): the check digit the National Tax Agency defines.

A corporate number is 13 digits; the first is a check digit over the other twelve:
``9 − (Σ Pₙ × Qₙ mod 9)``, where Pₙ is the n-th of the twelve digits counted from the
lowest (rightmost) one and Qₙ is 1 for odd n, 2 for even n. People write the number with
full-width digits, hyphens or spaces between groups (``1-1803-0101-8771``); ``clean``
takes those away. Used by the upload parser (``governance.ingest.values``) and by the
benchmark's data generator, which must make valid numbers.
"""

from __future__ import annotations

import re
import unicodedata

DIGITS = 13
# what people put between digit groups: ASCII and Unicode hyphens and dashes, the long
# vowel mark Japanese input turns a hyphen into, spaces (after NFKC: full-width ones too)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー]")
_THIRTEEN = re.compile(r"^[0-9]{13}$")


def check_digit(base: str) -> int:
    """The check digit of the twelve digits ``base``."""
    if len(base) != DIGITS - 1 or not base.isascii() or not base.isdigit():
        raise ValueError(f"twelve ASCII digits expected, got {base!r}")
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base), start=1))
    return 9 - total % 9


def with_check_digit(base: str) -> str:
    """The corporate number made of ``base`` (twelve digits) and its check digit."""
    return f"{check_digit(base)}{base}"


def clean(text: str) -> str:
    """``text`` without separators, full-width digits made ASCII (not checked)."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def well_formed(number: str) -> bool:
    """Whether a cleaned ``number`` is 13 ASCII digits."""
    return bool(_THIRTEEN.match(number))


def is_valid(number: str) -> bool:
    """Whether a cleaned ``number`` is 13 digits whose first is their check digit."""
    return well_formed(number) and int(number[0]) == check_digit(number[1:])
