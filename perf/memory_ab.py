"""The memory A/B: Lyra's representation vs the same data without its sharing.

The core cannot switch its memory optimisations off (symbols are interned by
construction, every Expr caches its hash, atoms are plain Python values), so
"off" is measured as an explicit alternative representation of the very same
tree, rebuilt node by node under tracemalloc:

    interning off      every symbol occurrence is its own name object (a
                       distinct copy of the full-name string), as in a design
                       that looks symbols up by name instead of interning
                       them; on: one name object per distinct symbol
    cached hash off    nodes are HashlessExpr: head, args and the evaluated
                       mark, with no stored hash (hashing recomputes it)
    shared atoms off   every atom occurrence is a distinct object wherever
                       CPython allows it (floats, strings of 2+ characters,
                       integers outside CPython's own -5..256 cache); on:
                       one object per distinct atom value

"on" is the same rebuild keeping all three, so on and off differ only in the
switched optimisations. The data is first built by a real session; its
retained and peak bytes are reported too.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc

from lyra_core.expr import Association, Expr, Symbol

SWITCHES = ("interning", "cached_hash", "shared_atoms")


class HashlessExpr:
    """Expr without the cached hash: the 'cached hash off' representation."""

    __slots__ = ("head", "args", "evaluated")

    def __init__(self, head, args):
        self.head = head
        self.args = args
        self.evaluated = -1

    def __hash__(self):
        return hash((self.head, self.args))


def _fresh_atom(value):
    """A distinct copy of an atom wherever CPython allows one."""
    kind = type(value)
    if kind is int:
        return value + 0  # new unless CPython's own -5..256 cache applies
    if kind is float:
        return value * 1.0
    if kind is str and len(value) > 1:
        return value[:1] + value[1:]
    return value


def rebuild(value, memo: dict, interning: bool = True, cached_hash: bool = True,
            shared_atoms: bool = True):
    """A copy of `value` in the representation the switches describe.

    Every variant allocates its own atoms and names, so on and off count the
    same things: with sharing on, one copy per distinct atom or symbol name
    (kept in `memo`); with it off, one per occurrence. A symbol's stand-in is
    a copy of its full-name string (cheaper than a Symbol object, so the
    comparison leans towards "off")."""
    kind = type(value)
    if kind is Expr:
        node = Expr if cached_hash else HashlessExpr
        head = rebuild(value.head, memo, interning, cached_hash, shared_atoms)
        args = tuple([rebuild(a, memo, interning, cached_hash, shared_atoms)
                      for a in value.args])
        return node(head, args)
    if kind is Symbol:
        if not interning:
            return (" " + value.full_name)[1:]
        copy = memo.get(value)
        if copy is None:
            copy = memo[value] = (" " + value.full_name)[1:]
        return copy
    if kind is Association:
        return value  # not in the measured data
    if not shared_atoms:
        return _fresh_atom(value)
    by_value = memo.get(kind)  # one table per type: 1 and 1. stay apart
    if by_value is None:
        by_value = memo[kind] = {}
    copy = by_value.get(value)
    if copy is None:
        copy = by_value[value] = _fresh_atom(value)
    return copy


def count_nodes(value) -> int:
    """Leaves plus normal expressions: the 'values' a per-value figure divides by."""
    if type(value) is not Expr:
        return 1
    return 1 + count_nodes(value.head) + sum(count_nodes(a) for a in value.args)


def _traced(build):
    """(result, retained bytes, peak bytes) of build() under tracemalloc."""
    gc.collect()
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = build()
        gc.collect()
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, after - before, peak - before


def measure(session, expr_text: str) -> dict:
    """Bytes for one data set: as built by the session, and the A/B rebuilds."""
    from lyra_core.syntax import parse

    parsed = parse(expr_text)
    session.evaluate_expr(parse("1"), False)  # activate, warm caches
    value, built_bytes, built_peak = _traced(lambda: session.evaluate_expr(parsed, False))
    nodes = count_nodes(value)
    result = {"nodes": nodes, "session_retained": built_bytes, "session_peak": built_peak}
    variants = {"on": {}, "off": {s: False for s in SWITCHES}}
    for switch in SWITCHES:
        variants[f"{switch}_off"] = {switch: False}
    for label, switches in variants.items():
        memo: dict = {}
        copy, retained, _peak = _traced(lambda: rebuild(value, memo, **switches))
        # The memo is measuring scaffolding, not part of the representation.
        scaffolding = sys.getsizeof(memo) + sum(
            sys.getsizeof(table) for table in memo.values() if type(table) is dict)
        result[label] = retained - scaffolding
        del copy, memo
    return result
