"""System variables whose assignment changes the engine: $RecursionLimit,
$IterationLimit, $HistoryLength. Set and Block call `assigned`/`restored`."""

from __future__ import annotations

from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .registry import declare

_INFINITE = 10**6  # what "Infinity" means for a depth counter


def _limit_value(value):
    if type(value) is int:
        return value
    if type(value) is Expr and value.head is S.DirectedInfinity and value.args == (1,):
        return _INFINITE
    return None


def _recursion_limit(ev, value):
    n = _limit_value(value)
    if n is None or n < 20:
        ev.message("$RecursionLimit", "limset", value)
        return
    ev.set_recursion_limit(n)


def _iteration_limit(ev, value):
    n = _limit_value(value)
    if n is None or n < 20:
        ev.message("$IterationLimit", "limset", value)
        return
    ev.iteration_limit = n


def _history_length(ev, value):
    n = _limit_value(value)
    if n is not None and n >= 0:
        ev.session.history_length = n


def _line(ev, value):
    # $Line's value is a reader of the session's counter; an assignment moves
    # the counter and puts the reader back.
    sym = system("$Line")
    if type(value) is int and value >= 1:
        ev.session.line = value
    if sym.pristine is not None:
        sym.ownvalue = sym.pristine[1]


_HOOKS = {
    "System`$Line": _line,
    "System`$RecursionLimit": _recursion_limit,
    "System`$IterationLimit": _iteration_limit,
    "System`$HistoryLength": _history_length,
}


def assigned(ev, sym, value) -> None:
    hook = _HOOKS.get(sym.full_name)
    if hook is not None:
        hook(ev, value)


def restored(ev, sym) -> None:
    """After Block puts a variable back, the engine follows its old value."""
    hook = _HOOKS.get(sym.full_name)
    if hook is not None and sym.ownvalue is not None:
        hook(ev, sym.ownvalue)


for _name, _value, _doc in (
    ("$RecursionLimit", 1024, "$RecursionLimit is the maximum depth of nested evaluation (default 1024).\nExample: Block[{$RecursionLimit = 50}, f[1]]"),
    ("$IterationLimit", 4096, "$IterationLimit is the maximum number of times an expression is rewritten in one evaluation (default 4096).\nExample: $IterationLimit = 100"),
    ("$HistoryLength", 100, "$HistoryLength is how many Out values the session keeps (default 100).\nExample: $HistoryLength = 10"),
):
    declare(_name, attributes=(), usage=_doc, value=_value)
