"""Functional programming: Map, MapAll, MapIndexed, MapAt, MapThread, Apply,
Scan, Thread, Composition, RightComposition, Through, AllTrue, AnyTrue,
NoneTrue. (Fold, Nest, NestWhile and FixedPoint are in nesting.py.)

Map, Apply and friends return the new expression with the calls f[x]
unevaluated: the evaluator evaluates the result once, as WL does (so a
function with Hold attributes sees its arguments unevaluated). Inside an
association, which is an atom holding values, the calls are evaluated here.
"""

from __future__ import annotations

from ..engine import messages
from ..engine.signals import BreakSignal, ContinueSignal, ReturnSignal
from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .levels import INFINITE, in_range, map_at_levels, parse_levelspec, walk
from .list_support import (
    BadSpec,
    OutOfRange,
    call,
    sequence_positions,
    set_default_options,
    split_options,
)
from .registry import BUILTINS, builtin
from .structure import Heads

List = S.List
TRUE = S.True_
FALSE = S.False_
NULL = S.Null
Key = S.Key
Identity = system("Identity")
Composition = S.Composition
RightComposition = S.RightComposition

_HEADS = {"Heads": FALSE}

messages.define("MapAt", "partw", "Part `1` of `2` does not exist.")
messages.define(
    "MapAt",
    "psl",
    "Position specification `1` in `2` is not a machine-sized integer or a list of machine-sized integers.",
)
messages.define(
    "MapThread",
    "mptc",
    "Incompatible dimensions of objects at positions `1` and `2` of `3`; dimensions are `4` and `5`.",
)
messages.define("MapThread", "mptd", "Object `1` at position `2` in `3` has only `4` of required `5` dimensions.")
messages.define("MapThread", "intnm", "Non-negative machine-sized integer expected at position `2` in `1`.")

for _name in ("Map", "MapAll", "MapIndexed", "Apply", "Scan"):
    set_default_options(_name, Expr(S.Rule, (Heads, FALSE)))


def _level_and_heads(ev, name, f, e, more, default):
    """((lo, hi), heads) from the optional level specification and Heads option."""
    split = split_options(ev, name, more, _HEADS, (f, e) + more)
    if split is None:
        return None
    positional, options = split
    if len(positional) > 1:
        ev.message(name, "nonopt", positional[1], 3, call(name, f, e, *more))
        return None
    bounds = default
    if positional:
        bounds = parse_levelspec(ev, positional[0], name)
        if bounds is None:
            return None
    return bounds, options["Heads"] is TRUE


# ================================================================ Map, MapAll
@builtin(
    "Map",
    nargs=(1, 4),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="Map[f, e] or f /@ e applies f to each element of e; Map[f, e, levelspec] to the parts at those levels; "
    "on an association f is applied to the values. Option Heads -> True maps over heads too. Map[f] is the "
    "operator form.\nExample: Map[f, {a, b}] gives {f[a], f[b]}; Map[f, {{a}}, {2}] gives {{f[a]}}",
)
def map_(ev, f, *rest):
    if not rest:
        return None
    e = rest[0]
    if len(rest) == 1:
        # The common case: level 1, no options.
        if type(e) is Expr:
            return Expr(e.head, tuple([Expr(f, (a,)) for a in e.args]))
        if type(e) is Association:
            return _map_values(ev, f, e)
        return e
    parsed = _level_and_heads(ev, "Map", f, e, rest[1:], (1, 1))
    if parsed is None:
        return None
    (lo, hi), heads = parsed
    if type(e) is Association and (lo, hi) == (1, 1) and not heads:
        return _map_values(ev, f, e)
    return map_at_levels(e, lambda x: Expr(f, (x,)), lo, hi, heads)


def _map_values(ev, f, assoc):
    """f applied to each value (evaluated: an association holds values)."""
    apply = ev.apply
    return Association.from_pairs(
        (k, Expr(f, (v,)) if delayed else apply(f, v), delayed) for k, v, delayed in assoc.entries()
    )


@builtin(
    "MapAll",
    nargs=(2, 3),
    attributes=("Protected",),
    usage="MapAll[f, e] or f //@ e applies f to every part of e, e itself included (levels 0 through Infinity). "
    "Option Heads -> True maps over heads too.\nExample: MapAll[f, {a, {b}}] gives f[{f[a], f[{f[b]}]}]",
)
def map_all(ev, f, e, *opts):
    split = split_options(ev, "MapAll", opts, _HEADS, (f, e) + opts)
    if split is None or split[0]:
        return None
    return map_at_levels(e, lambda x: Expr(f, (x,)), 0, INFINITE, split[1]["Heads"] is TRUE)


# ================================================================ MapIndexed
@builtin(
    "MapIndexed",
    nargs=(1, 4),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="MapIndexed[f, e] applies f to each element of e, giving f[part, {i}] with the part's position; "
    "MapIndexed[f, e, levelspec] at those levels (positions {i, j, ...}); in an association positions are {Key[k]}. "
    "MapIndexed[f] is the operator form.\nExample: MapIndexed[f, {a, b}] gives {f[a, {1}], f[b, {2}]}",
)
def map_indexed(ev, f, *rest):
    if not rest:
        return None  # operator form MapIndexed[f]
    e, more = rest[0], rest[1:]
    parsed = _level_and_heads(ev, "MapIndexed", f, e, more, (1, 1))
    if parsed is None:
        return None
    (lo, hi), heads = parsed
    return _map_indexed(ev, f, e, lo, hi, heads, 0, (), False)


def _map_indexed(ev, f, e, lo, hi, heads, level, position, in_association):
    original = e
    if type(e) is Expr and (hi > level or hi < 0):
        new_head = e.head
        if heads:
            new_head = _map_indexed(ev, f, e.head, lo, hi, heads, level + 1, position + (0,), False)
        new_args = tuple(
            [_map_indexed(ev, f, a, lo, hi, heads, level + 1, position + (i,), False) for i, a in enumerate(e.args, 1)]
        )
        e = Expr(new_head, new_args)
    elif type(e) is Association and (hi > level or hi < 0):
        e = Association.from_pairs(
            (k, _map_indexed(ev, f, v, lo, hi, heads, level + 1, position + (Expr(Key, (k,)),), True), d)
            for k, v, d in e.entries()
        )
    if in_range(level, original, lo, hi):
        result = Expr(f, (e, Expr(List, position)))
        return ev.evaluate(result) if in_association else result
    return e


# ================================================================ MapAt
class _NoPart(Exception):
    pass


@builtin(
    "MapAt",
    nargs=(2, 3),
    attributes=("Protected",),
    operator_form=(2, 1),
    usage="MapAt[f, e, n] applies f to the element at position n of e; MapAt[f, e, {i, j, ...}] to a deeper part; "
    "MapAt[f, e, {{i1, ...}, {i2, ...}}] at several positions (twice if given twice). Positions may use negative "
    "indices, All, spans and keys. MapAt[f, pos] is the operator form.\n"
    "Example: MapAt[f, {a, b, c}, 2] gives {a, f[b], c}; MapAt[f, {{a, b}, {c, d}}, {2, 1}] gives {{a, b}, {f[c], d}}",
)
def map_at(ev, f, e, *where):
    if not where:
        return None  # operator form MapAt[f, pos]
    spec = where[0]
    positions = _map_at_positions(spec)
    if positions is None:
        ev.message("MapAt", "psl", spec, call("MapAt", f, e, spec))
        return None
    # Deeper positions first, so mapping a part does not hide the parts inside it.
    for position in sorted(positions, key=len, reverse=True):
        try:
            e = _map_at(ev, f, e, position, 0, False)
        except _NoPart:
            ev.message("MapAt", "partw", Expr(List, position), e)
            return None
    return e


def _is_position_index(x) -> bool:
    return (
        type(x) is int
        or type(x) is str
        or x is S.All
        or (type(x) is Expr and (x.head is Key or x.head is S.Span))
    )


def _map_at_positions(spec):
    if _is_position_index(spec):
        return [(spec,)]
    if type(spec) is Expr and spec.head is List:
        if all(_is_position_index(i) for i in spec.args):
            return [spec.args]
        if all(type(p) is Expr and p.head is List and all(_is_position_index(i) for i in p.args) for p in spec.args):
            return [p.args for p in spec.args]
    return None


def _map_at(ev, f, e, position, depth, in_association):
    if depth == len(position):
        new = Expr(f, (e,))
        return ev.evaluate(new) if in_association else new
    index = position[depth]
    if type(e) is Association:
        if type(index) is int:
            entries = e.entries()
            n = len(entries)
            k = index if index > 0 else n + index + 1
            if not 1 <= k <= n:
                raise _NoPart
            key = entries[k - 1][0]
        else:
            key = index.args[0] if type(index) is Expr and index.head is Key else index
        entry = e.get(key)
        if entry is None:
            raise _NoPart
        items = dict(e.items)
        from ..expr.assoc import key_of

        items[key_of(key)] = (entry[0], _map_at(ev, f, entry[1], position, depth + 1, True), entry[2])
        return Association(items)
    if type(e) is not Expr:
        raise _NoPart
    n = len(e.args)
    if index is S.All:
        chosen = range(1, n + 1)
    elif type(index) is Expr and index.head is S.Span:
        from .parts import _PartFailure, _span_indices

        try:
            chosen = _span_indices(_Silent(), index, n, e)
        except _PartFailure:
            raise _NoPart
    elif type(index) is int:
        k = index if index >= 0 else n + index + 1
        if not 0 <= k <= n or (index < 0 and k < 1):
            raise _NoPart
        if k == 0:
            return Expr(_map_at(ev, f, e.head, position, depth + 1, in_association), e.args)
        chosen = (k,)
    else:
        raise _NoPart
    args = list(e.args)
    for k in chosen:
        args[k - 1] = _map_at(ev, f, args[k - 1], position, depth + 1, in_association)
    return Expr(e.head, tuple(args))


class _Silent:
    """Stands in for the evaluator where a helper would issue a Part message."""

    def message(self, *args):
        pass


# ================================================================ Apply
@builtin(
    "Apply",
    nargs=(1, 4),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="Apply[f, e] or f @@ e replaces the head of e by f; Apply[f, e, levelspec] replaces heads at those levels "
    "(f @@@ e is Apply[f, e, {1}]); on an association f gets the values. Apply[f] is the operator form.\n"
    "Example: f @@ {a, b} gives f[a, b]; f @@@ {{a}, {b}} gives {f[a], f[b]}",
)
def apply_(ev, f, *rest):
    if not rest:
        return None
    e = rest[0]
    if len(rest) == 1:
        return _replace_head(f, e)
    parsed = _level_and_heads(ev, "Apply", f, e, rest[1:], (0, 0))
    if parsed is None:
        return None
    (lo, hi), heads = parsed
    if (lo, hi) == (0, 0) and not heads:
        return _replace_head(f, e)
    return map_at_levels(e, lambda x: _replace_head(f, x), lo, hi, heads)


def _replace_head(f, e):
    if type(e) is Expr:
        return Expr(f, e.args)
    if type(e) is Association:
        return Expr(f, tuple(e.values()))
    return e


# ================================================================ Scan
@builtin(
    "Scan",
    nargs=(1, 4),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="Scan[f, e] evaluates f applied to each element of e in turn and gives Null; Scan[f, e, levelspec] at "
    "those levels. Return[v] inside ends the scan with v; Break[] ends it with Null. Scan[f] is the operator form.\n"
    "Example: Scan[Print, {1, 2}] prints 1 and 2",
)
def scan(ev, f, *rest):
    if not rest:
        return None
    e = rest[0]
    if len(rest) == 1:
        if type(e) is Expr:
            parts = e.args
        elif type(e) is Association:
            parts = e.values()
        else:
            return NULL
    else:
        parsed = _level_and_heads(ev, "Scan", f, e, rest[1:], (1, 1))
        if parsed is None:
            return None
        (lo, hi), heads = parsed
        parts = [part for _, part in walk(e, lo, hi, heads)]
    apply = ev.apply
    try:
        for x in parts:
            try:
                apply(f, x)
            except ContinueSignal:
                pass
    except ReturnSignal as r:
        return r.value
    except BreakSignal:
        pass
    return NULL


# ================================================================ Thread, MapThread
@builtin(
    "Thread",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Thread[f[args]] threads f over the lists among args; Thread[f[args], h] over the arguments with head h; "
    "Thread[f[args], h, n] over the first n arguments only (or -n, {n}).\n"
    "Example: Thread[f[{a, b}, {c, d}]] gives {f[a, c], f[b, d]}; Thread[{a, b} -> {1, 2}] gives {a -> 1, b -> 2}",
)
def thread(ev, e, *more):
    h = more[0] if more else List
    if type(e) is not Expr:
        return e
    args = e.args
    chosen = range(len(args))
    if len(more) > 1:
        try:
            chosen = sequence_positions(more[1], len(args))
        except (BadSpec, OutOfRange):
            ev.message("Thread", "seqs", call("Thread", e, *more), 3)
            return None
    threaded = [i for i in chosen if type(args[i]) is Expr and args[i].head == h]
    if not threaded:
        return e
    n = len(args[threaded[0]].args)
    if any(len(args[i].args) != n for i in threaded):
        ev.message("Thread", "tdlen", e)
        return None
    over = set(threaded)
    return Expr(
        h,
        tuple(
            Expr(e.head, tuple(a.args[k] if i in over else a for i, a in enumerate(args))) for k in range(n)
        ),
    )


@builtin(
    "MapThread",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="MapThread[f, {{a1, a2, ...}, {b1, b2, ...}, ...}] gives {f[a1, b1, ...], f[a2, b2, ...], ...}; "
    "MapThread[f, lists, n] threads n levels deep. MapThread[f] is the operator form.\n"
    "Example: MapThread[f, {{a, b}, {c, d}}] gives {f[a, c], f[b, d]}",
)
def map_thread(ev, f, *rest):
    if not rest:
        return None
    lists = rest[0]
    whole = call("MapThread", f, *rest)
    depth = 1
    if len(rest) > 1:
        depth = rest[1]
        if type(depth) is not int or depth < 0:
            ev.message("MapThread", "intnm", whole, 3)
            return None
    if type(lists) is not Expr:
        ev.message("MapThread", "list", whole, 2)
        return None
    if depth == 0:
        return Expr(f, lists.args)
    try:
        return _map_thread(f, lists.args, depth, [(2, i) for i in range(1, len(lists.args) + 1)], lists.head)
    except _ThreadShape as bad:
        ev.message("MapThread", *bad.args_for(whole))
        return None


messages.define("MapThread", "list", "List expected at position `2` in `1`.")


class _ThreadShape(Exception):
    def __init__(self, tag, *details):
        self.tag = tag
        self.details = details

    def args_for(self, whole):
        if self.tag == "mptd":
            obj, position, have, need = self.details
            return ("mptd", obj, Expr(List, position), whole, have, need)
        p1, p2, n1, n2 = self.details
        return ("mptc", Expr(List, p1), Expr(List, p2), whole, n1, n2)


def _map_thread(f, items, depth, positions, head):
    if not items:
        return Expr(head, ())
    n = None
    for x, p in zip(items, positions):
        if type(x) is not Expr:
            raise _ThreadShape("mptd", x, p, len(p) - 2, len(p) - 2 + depth)
        if n is None:
            n, first = len(x.args), p
        elif len(x.args) != n:
            raise _ThreadShape("mptc", first, p, n, len(x.args))
    out_head = items[0].head
    if depth == 1:
        return Expr(out_head, tuple(Expr(f, tuple(x.args[k] for x in items)) for k in range(n)))
    return Expr(
        out_head,
        tuple(
            _map_thread(f, tuple(x.args[k] for x in items), depth - 1, [p + (k + 1,) for p in positions], out_head)
            for k in range(n)
        ),
    )


# ================================================================ Composition, RightComposition, Through
@builtin(
    "Composition",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="Composition[f, g, ...] or f @* g @* ... is the function whose value at x is f[g[...[x]]]; "
    "Composition[] is Identity.\nExample: Composition[f, g][x] gives f[g[x]]",
)
def composition(ev, *fs):
    return _simplify_composition(Composition, fs)


@builtin(
    "RightComposition",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="RightComposition[f, g, ...] or f /* g /* ... is the function whose value at x is ...[g[f[x]]]: "
    "f first.\nExample: RightComposition[f, g][x] gives g[f[x]]",
)
def right_composition(ev, *fs):
    return _simplify_composition(RightComposition, fs)


def _simplify_composition(head, fs):
    kept = tuple(f for f in fs if f is not Identity)
    if not kept:
        return Identity
    if len(kept) == 1:
        return kept[0]
    if len(kept) != len(fs):
        return Expr(head, kept)
    return None


def apply_composition(ev, head: Expr, args: tuple):
    """Composition[f, g, ...][args] is f[g[...[args]]] (unevaluated);
    RightComposition applies its functions from the left."""
    fs = head.args
    if not fs:
        return None
    if head.head is RightComposition:
        fs = fs[::-1]
    value = Expr(fs[-1], args)
    for f in reversed(fs[:-1]):
        value = Expr(f, (value,))
    return value


# Composition[f, g][x] is a call with a compound head: the evaluator calls the
# head builtin's `applied(ev, head, args)` for it, as it would a SubValue.
for _name in ("Composition", "RightComposition"):
    BUILTINS[_name].applied = apply_composition


@builtin(
    "Through",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Through[p[f, g, ...][x]] gives p[f[x], g[x], ...]; Through[e, p] does so only when the outer head is p.\n"
    "Example: Through[{f, g}[x]] gives {f[x], g[x]}; Through[(f + g)[x]] gives f[x] + g[x]",
)
def through(ev, e, *only):
    if type(e) is not Expr or type(e.head) is not Expr:
        return e
    inner = e.head
    if only and inner.head != only[0]:
        return e
    args = e.args
    return Expr(inner.head, tuple(Expr(g, args) for g in inner.args))


# ================================================================ AllTrue, AnyTrue, NoneTrue
def _truth_parts(ev, name, e, test, more):
    if more:
        bounds = parse_levelspec(ev, more[0], name)
        if bounds is None:
            return None
        return [part for _, part in walk(e, bounds[0], bounds[1])]
    if type(e) is Expr:
        return e.args
    if type(e) is Association:
        return e.values()
    return ()


def _quantifier(name, verdict_on_hit, found_means):
    def run(ev, e, *rest):
        if not rest:
            return None  # operator form
        test = rest[0]
        parts = _truth_parts(ev, name, e, test, rest[1:])
        if parts is None:
            return None
        apply = ev.apply
        for x in parts:
            if (apply(test, x) is TRUE) is found_means:
                return verdict_on_hit
        return FALSE if verdict_on_hit is TRUE else TRUE

    return run


builtin(
    "AllTrue",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="AllTrue[list, test] is True when test[e] is True for every element e (it stops at the first that is "
    "not); AllTrue[e, test, levelspec] tests the parts at those levels. AllTrue[test] is the operator form.\n"
    "Example: AllTrue[{2, 4}, EvenQ] gives True",
)(_quantifier("AllTrue", FALSE, False))

builtin(
    "AnyTrue",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="AnyTrue[list, test] is True when test[e] is True for some element e (it stops at the first); "
    "AnyTrue[e, test, levelspec] tests the parts at those levels. AnyTrue[test] is the operator form.\n"
    "Example: AnyTrue[{1, 2}, EvenQ] gives True",
)(_quantifier("AnyTrue", TRUE, True))

builtin(
    "NoneTrue",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="NoneTrue[list, test] is True when test[e] is True for no element e; NoneTrue[e, test, levelspec] tests "
    "the parts at those levels. NoneTrue[test] is the operator form.\nExample: NoneTrue[{1, 3}, EvenQ] gives True",
)(_quantifier("NoneTrue", FALSE, True))
