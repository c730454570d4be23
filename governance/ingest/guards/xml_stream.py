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


def parse(stream: BinaryIO, start: Callable, end: Callable | None = None,
          chars: Callable | None = None) -> None:
    """Stream ``stream`` through expat with the given element and text handlers.

    Names arrive as written (``x:c``: no namespace processing, like calamine's reader);
    attributes as a dict. A handler may raise to stop the parse early."""
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_entity
    parser.UnparsedEntityDeclHandler = _no_unparsed_entity
    parser.ExternalEntityRefHandler = _no_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if chars is not None:
        parser.CharacterDataHandler = chars
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise ValueError(f"XML not well formed: {exc}") from None


def local(name: str) -> str:
    """The local part of a qualified name, as calamine matches names (any prefix)."""
    return name.rpartition(":")[2]
