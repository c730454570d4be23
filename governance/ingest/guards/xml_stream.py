"""The XML parser the guards read workbook parts with: expat (C, streaming), defused.

A part is fed in chunks, so a sheet of hundreds of MB never sits in memory whole. No
document a spreadsheet writes has a DTD, so any DTD, entity declaration or external
reference is refused (defusedxml's exceptions, all ``ValueError``), as is XML that is not
well formed (``ValueError`` too): a guard refuses what it cannot read exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO
from xml.parsers import expat

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

CHUNK = 1 << 20


def _no_dtd(name, sysid, pubid, has_internal_subset):
    raise DTDForbidden(name, sysid, pubid)


def _no_entity(name, is_parameter_entity, value, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation_name)


def _no_unparsed_entity(name, base, sysid, pubid, notation_name):
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation_name)


def _no_external(context, base, sysid, pubid):
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _parser() -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_entity
    parser.UnparsedEntityDeclHandler = _no_unparsed_entity
    parser.ExternalEntityRefHandler = _no_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    return parser


def parse(stream: BinaryIO, start: Callable, end: Callable | None = None,
          chars: Callable | None = None) -> None:
    """Stream ``stream`` through expat with the given element and text handlers.

    Names arrive as written (``x:c``: no namespace processing, like calamine's reader);
    attributes as a dict. A handler may raise to stop the parse early."""
    checker = Checker()
    checker.parser.StartElementHandler = start
    if end is not None:
        checker.parser.EndElementHandler = end
    if chars is not None:
        checker.parser.CharacterDataHandler = chars
    while chunk := stream.read(CHUNK):
        checker.feed(chunk)
    checker.close()


class Checker:
    """Feeds a document to expat chunk by chunk: without handlers it only proves the
    document well formed (and free of DTDs), at the speed of C."""

    def __init__(self) -> None:
        self.parser = _parser()

    def feed(self, chunk: bytes) -> None:
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise ValueError(f"XML not well formed: {exc}") from None

    def close(self) -> None:
        self.feed(b"")
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise ValueError(f"XML not well formed: {exc}") from None


def local(name: str) -> str:
    """The local part of a qualified name, as calamine matches names (any prefix)."""
    return name.rpartition(":")[2]
