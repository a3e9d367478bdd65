"""Scoping constructs: Module (renaming), Block (dynamic), With (substitution)."""

from __future__ import annotations

import gc
import sys
import types

from ..expr import symbol as symtab
from ..expr.normal import Expr
from ..expr.symbol import TEMPORARY, Symbol
from ..expr import system_symbols as S
from ..patterns import substitute
from .registry import builtin
from . import system_variables


def _local_specs(ev, caller, spec):
    """[(symbol, initial value expression or None)] or None after a message."""
    if type(spec) is not Expr or spec.head is not S.List:
        ev.message(caller, "lvlist", spec)
        return None
    out = []
    for item in spec.args:
        if type(item) is Symbol:
            out.append((item, None))
        elif (
            type(item) is Expr
            and item.head in (S.Set, S.SetDelayed)
            and len(item.args) == 2
            and type(item.args[0]) is Symbol
        ):
            out.append((item.args[0], item))
        else:
            ev.message(caller, "lvsym", spec, item)
            return None
    return out


@builtin(
    "Module",
    evaluates_result=True,
    nargs=2,
    attributes=("HoldAll", "Protected"),
    usage="Module[{x, y = v, ...}, body] evaluates body with x, y renamed to fresh symbols x$nnn (lexical scoping).\n"
    "Example: Module[{t = 2}, t^2] gives 4; Module[{x}, x] gives x$nnn",
)
def module(ev, spec, body):
    specs = _local_specs(ev, "Module", spec)
    if specs is None:
        return None
    # $ModuleNumber: each session numbers its Module locals from 1, so a
    # program gives the same x$nnn names however many sessions ran before.
    serial = ev.module_number
    ev.module_number = serial + 1
    renames = {sym: _temporary(sym, serial) for sym, _ in specs}
    locals_ = list(renames.values())
    # Initial values are evaluated outside the Module's scope, then assigned.
    for sym, init in specs:
        if init is not None:
            value = ev.evaluate(init.args[1]) if init.head is S.Set else init.args[1]
            renames[sym].ownvalue = value
    try:
        result = ev.evaluate(substitute(body, renames))
    finally:
        del renames
    _release_temporaries(locals_)
    return result


def _temporary(sym, serial):
    local = symtab.intern(f"{sym.context}{sym.name}${serial}")
    symtab.touch(local)
    local.attributes |= TEMPORARY
    return local


def _release_temporaries(locals_: list) -> None:
    """Forget Module's local symbols that nothing refers to any more.

    WL removes a Temporary symbol when its last reference goes; CPython's
    reference count tells us the same. The references we hold ourselves are:
    the intern table, the workspace's touched set, this list and the
    getrefcount argument (see the count below).
    """
    workspace = symtab.active_workspace()
    while locals_:
        sym = locals_.pop()
        # Ours: the intern table, `sym`, getrefcount's argument, and the
        # workspace's bookkeeping.
        own = 3
        if workspace is not None:
            own += (sym in workspace.touched) + (sym in workspace.created)
        if not sym.attributes & TEMPORARY:
            continue
        symtab.forget_cached(sym)  # the caches (canonical order, patterns) hold symbols too
        count = sys.getrefcount(sym)
        if count > own and sym.has_definitions():
            # The bytecode engine's code for its own rules names it too
            # (f$1[n_] := f$1[n - 1]): compiled again if it is still used.
            for rules in (sym.downvalues, sym.upvalues, sym.subvalues):
                for rule in rules:
                    rule.forget_compiled()
            count = sys.getrefcount(sym)
            # Its own definitions (s$1[1] = 5) refer to it: those do not keep
            # it alive. Freed along with it, so the cycle goes too.
            own += _references_from_own_state(sym)
        if count <= own:
            if sym.has_definitions():
                # Break the cycle through its own rules (before removing:
                # clearing touches the symbol, which records it again).
                symtab.clear_state(sym)
            symtab.remove_symbol(sym)
        elif len(_still_referenced) < _RETRY_LIMIT:
            _still_referenced.append(sym)


# Temporaries something still referred to when their Module ended (its
# result, as in Module[{t}, t + 1]): looked at again after each top-level
# evaluation, when that result may be gone.
_still_referenced: list = []
_RETRY_LIMIT = 100_000
_RETRY_BATCH = 2000


def release_unreferenced_temporaries() -> None:
    """Forget the waiting temporaries nothing refers to any more (a batch
    at a time, so a program keeping many alive does not slow every input)."""
    if not _still_referenced:
        return
    batch = _still_referenced[-_RETRY_BATCH:]
    del _still_referenced[-_RETRY_BATCH:]
    kept = len(_still_referenced)
    _release_temporaries(batch)  # appends the survivors again
    # Survivors go to the front, so the next batch looks at others.
    survivors = _still_referenced[kept:]
    del _still_referenced[kept:]
    _still_referenced[:0] = survivors


def _references_from_own_state(sym) -> int:
    """How many references to sym the objects of its own definitions hold
    (a walk over those objects only; other symbols are not entered)."""
    from ..patterns.rules import Rule

    # Only plain data is entered: never a function, module or other
    # symbol, whose references to sym would be someone else's.
    enter = (Expr, Rule, tuple, list, dict, _CELL)
    found = 0
    seen = set()
    stack = [getattr(sym, field) for field in symtab.STATE_FIELDS]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        for ref in gc.get_referents(obj):
            if ref is sym:
                found += 1
            elif type(ref) in enter:
                stack.append(ref)
            elif type(ref) is _FUNCTION and ref.__closure__:
                # A rule's compiled matcher: only its closure, not its globals.
                stack.append(ref.__closure__)
    return found


_FUNCTION = types.FunctionType
_CELL = types.CellType


@builtin(
    "Block",
    evaluates_result=True,
    nargs=2,
    attributes=("HoldAll", "Protected"),
    usage="Block[{x, y = v, ...}, body] evaluates body with the values of x, y cleared or set locally (dynamic scoping); "
    "their old values come back afterwards.\nExample: x = 1; f := x; Block[{x = 5}, f] gives 5",
)
def block(ev, spec, body):
    specs = _local_specs(ev, "Block", spec)
    if specs is None:
        return None
    values = []
    for sym, init in specs:
        if init is not None:
            values.append(ev.evaluate(init.args[1]) if init.head is S.Set else init.args[1])
        else:
            values.append(None)
    saved = block_enter(ev, [sym for sym, _ in specs], values)
    try:
        return ev.evaluate(body)
    finally:
        block_exit(ev, saved)


def block_enter(ev, syms, values) -> list:
    """Block's start, shared with the VM's BLOCK_ENTER: save each symbol's
    state, clear it and give it its local value (None: no value). Gives
    what block_exit needs."""
    saved = [(sym, symtab.snapshot(sym)) for sym in syms]
    try:
        for sym, value in zip(syms, values):
            if sym.attributes & symtab.PROTECTED and value is not None:
                ev.message("Block", "wrsym", sym)
                continue
            symtab.clear_state(sym)
            if value is not None:
                sym.ownvalue = value
                system_variables.assigned(ev, sym, value)
    except BaseException:  # an abort while setting up: nothing stays changed
        block_exit(ev, saved)
        raise
    return saved


def block_exit(ev, saved) -> None:
    """Block's end (BLOCK_EXIT): the saved states back, last first."""
    for sym, state in reversed(saved):
        symtab.restore(sym, state)
        system_variables.restored(ev, sym)


@builtin(
    "With",
    nargs=2,
    attributes=("HoldAll", "Protected"),
    usage="With[{x = v, ...}, body] replaces x by the value v everywhere in body, then evaluates it.\n"
    "Example: With[{n = 3}, Table[n, {2}]] gives {3, 3}",
)
def with_(ev, spec, body):
    specs = _local_specs(ev, "With", spec)
    if specs is None:
        return None
    bindings = {}
    for sym, init in specs:
        if init is None:
            ev.message("With", "lvset", spec, sym, sym)
            return None
        bindings[sym] = ev.evaluate(init.args[1]) if init.head is S.Set else init.args[1]
    return substitute(body, bindings)
