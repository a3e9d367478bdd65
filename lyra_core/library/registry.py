"""The builtin registry: every builtin is one plain Python function.

A builtin is registered with its attributes, the range of argument counts it
accepts, and its usage text. Both engines call the same function: the
tree-walker through the symbol's `builtin` slot, the VM by linking it directly
(CALL_STATIC). The function receives the evaluator first and then the
arguments -- already evaluated unless the attributes hold them -- and returns
the result, or None to leave the call unevaluated (as WL does on bad input,
usually after issuing a message).

    @builtin("StringLength", nargs=1, attributes=("Listable", "Protected"),
             usage="StringLength[s] gives the number of characters in s.\n"
                   "StringLength[\"abc\"] is 3.")
    def string_length(ev, s):
        if type(s) is str:
            return len(s)
        ev.message("StringLength", "string", 1, E(S.StringLength, s))
        return None
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..expr.symbol import ATTR, Symbol, freeze_pristine, system


@dataclass
class Builtin:
    name: str
    symbol: Symbol
    fn: Callable
    min_args: int
    max_args: int | None  # None: no upper bound
    usage: str
    # Functions that need the whole call (e.g. to rebuild it) take (ev, expr).
    whole: bool = False
    # Touches the file system, processes or environment: True is refused in a
    # sandboxed session; "read" only reads, and runs there as long as every
    # path it reads lies in the allowed directory (files.check_readable).
    system_access: bool | str = False
    # WL's curried operator form: (arguments of the curried head, position
    # the data goes to). Select[crit][list] is Select[list, crit]: (1, 0);
    # Map[f][expr] is Map[f, expr]: (1, 1).
    operator_form: tuple | None = None
    # The function evaluates what it returns itself (Block, Module, loops):
    # the evaluator must not evaluate the result again, outside its scope.
    evaluates_result: bool = False
    # fn(ev, atom) neither evaluates nor reports anything, and what it returns
    # (True, False, None for "unevaluated") is final: the VM may call it
    # without opening an evaluation level (EvenQ in Select).
    pure: bool = False
    # For calls h[...][args] whose inner head h is this builtin
    # (Composition[f, g][x]): applied(ev, head, args) gives the rewrite.
    applied: Callable | None = None


BUILTINS: dict[str, Builtin] = {}


def builtin(
    name: str,
    *,
    nargs=None,
    attributes=("Protected",),
    usage: str,
    whole: bool = False,
    system_access: bool | str = False,
    operator_form: tuple | None = None,
    evaluates_result: bool = False,
    pure: bool = False,
):
    """Register `fn` as the implementation of System`name.

    nargs: None (any count), an int (exactly), or (min, max) with max None for
    no upper bound. operator_form: see Builtin.operator_form. A call outside that range gets WL's General::arg* message
    and stays unevaluated; the function is not called.
    """
    if nargs is None:
        lo, hi = 0, None
    elif isinstance(nargs, int):
        lo, hi = nargs, nargs
    else:
        lo, hi = nargs

    def register(fn):
        sym = system(name)
        flags = 0
        for attr in attributes:
            flags |= ATTR[attr]
        sym.attributes = flags
        entry = Builtin(
            name, sym, fn, lo, hi, usage, whole, system_access, operator_form, evaluates_result,
            pure=pure,
        )
        sym.builtin = entry
        freeze_pristine(sym)
        BUILTINS[name] = entry
        return fn

    return register


def declare(name: str, *, attributes=("Protected",), usage: str, value=None) -> Symbol:
    """A System symbol with attributes and usage but no code (constants, heads
    such as Integer, option names, symbols handled inside the evaluator);
    value, when given, is the value every new session starts with ($Version)."""
    sym = system(name)
    flags = 0
    for attr in attributes:
        flags |= ATTR[attr]
    sym.attributes = flags
    if value is not None:
        sym.ownvalue = value
    freeze_pristine(sym)
    USAGE[name] = usage
    return sym


# Usage text of declared symbols that have no Builtin entry.
USAGE: dict[str, str] = {}


def usage_of(name: str) -> str | None:
    entry = BUILTINS.get(name)
    if entry is not None:
        return entry.usage
    return USAGE.get(name)


def set_pristine_attributes(name: str, *attributes: str) -> None:
    sym = system(name)
    for attr in attributes:
        sym.attributes |= ATTR[attr]
    freeze_pristine(sym)


__all__ = [
    "BUILTINS",
    "Builtin",
    "builtin",
    "declare",
    "usage_of",
]
