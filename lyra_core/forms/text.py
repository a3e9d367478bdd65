"""Text of strings and symbols."""

from __future__ import annotations

import re

from ..expr.symbol import GLOBAL, SYSTEM, existing

_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]|#\{')
# Other control characters as WL writes them: \.XX (two hex digits).
_ESCAPE_TEXT = {chr(c): "\\.%02x" % c for c in [*range(0x20), 0x7F]}
_ESCAPE_TEXT.update({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\b": "\\b", "\f": "\\f"})
_ESCAPES = str.maketrans(_ESCAPE_TEXT)


def quote_string(s: str) -> str:
    """A string literal the parser reads back as s: `"a\\"b\\n"`.

    `#{` is written `\\#{` because a bare `#{` in a literal starts Lyra's
    string interpolation.
    """
    if _NEEDS_ESCAPE.search(s) is None:
        return '"' + s + '"'
    return '"' + s.translate(_ESCAPES).replace("#{", "\\#{") + '"'


def symbol_name(sym) -> str:
    """Short name for System` and Global` symbols, else the full name
    (std`net`Get); Global`E in full, as E is System`E everywhere else."""
    context = sym.context
    if context == SYSTEM:
        return sym.name
    if context == GLOBAL and existing(SYSTEM + sym.name) is None:
        return sym.name
    return sym.full_name
