"""Lyra: a symbolic language in the Wolfram Language family.

Layers, bottom to top: expr (core data) -> syntax (text to expressions) ->
forms (expressions to text) -> patterns -> engine (tree-walker, VM) ->
library (builtins) -> session (the embedding API).
"""

__version__ = "0.1.0"

import sys as _sys

# Lyra integers have no size limit: lift Python's guard on int <-> str
# conversion (giant results are refused by the arithmetic's own size checks).
_sys.set_int_max_str_digits(0)

from .session import Session, engines_available  # noqa: E402
from .library.interaction import SessionExit  # noqa: E402


def dis(session, source, recursive: bool = False) -> str:
    """The bytecode listing of `source` for `session` (like CPython's dis);
    recursive=True adds the compiled user definitions it calls."""
    return session.disassemble(source, recursive=recursive)

__all__ = ["Session", "SessionExit", "dis", "engines_available", "__version__"]
