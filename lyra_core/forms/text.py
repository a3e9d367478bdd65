"""Text of strings and symbols."""

from __future__ import annotations

import re

from ..expr.symbol import GLOBAL, SYSTEM

_NEEDS_ESCAPE = re.compile(r'[\\"\n\t\r]|#\{')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def quote_string(s: str) -> str:
    """A string literal the parser reads back as s: `"a\\"b\\n"`.

    `#{` is written `\\#{` because a bare `#{` in a literal starts Lyra's
    string interpolation.
    """
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + s.translate(_ESCAPES).replace("#{", "\\#{") + '"'


def symbol_name(sym) -> str:
    """Short name for System` and Global` symbols, else the full name (std`net`Get)."""
    context = sym.context
    if context == SYSTEM or context == GLOBAL:
        return sym.name
    return sym.full_name
