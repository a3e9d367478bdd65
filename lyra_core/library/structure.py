"""The shape of expressions: Length, Head, Depth, Dimensions, ArrayDepth,
Level, Flatten, Transpose, and the sums along a shape: Total, Accumulate,
Differences.
"""

from __future__ import annotations

from itertools import product
from math import prod

from ..engine import messages
from ..expr.assoc import Association
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol
from ..expr import system_symbols as S
from .levels import INFINITE, depth as depth_of, parse_levelspec, walk
from .list_support import (
    call,
    check_size,
    declare_once,
    is_infinity,
    normal_message,
    set_default_options,
    settled,
    settled_list,
    split_options,
)
from .registry import builtin

List = S.List
Plus = S.Plus
Times = S.Times
TRUE = S.True_

Heads = declare_once(
    "Heads",
    "Heads is an option for Map, Apply, Level, Scan, ...: Heads -> True includes the heads of expressions.\n"
    "Example: Map[f, g[a], Heads -> True] gives f[g][f[a]]",
)
_HEADS = {"Heads": S.False_}

messages.define("Flatten", "flev", "Level to be flattened together in `1` should be a non-negative integer.")
messages.define("Flatten", "fldep", "Level `1` specified in `2` exceeds the levels, `3`, which can be flattened together in `4`.")
messages.define("Transpose", "nmtx", "The first two levels of `1` cannot be transposed.")
messages.define("Transpose", "perm", "`1` is not a permutation.")
messages.define("Transpose", "tpdim", "Transposition specification `1` requires an array of depth at least `2`; `3` has array depth `4`.")
messages.define("Total", "tllen", "Lists of unequal length in `1` cannot be added.")


# ================================================================ Length, Head
@builtin(
    "Length",
    nargs=1,
    attributes=("Protected",),
    usage="Length[e] gives the number of elements of e (0 for an atom; the number of keys of an association).\n"
    "Example: Length[{a, b, c}] gives 3; Length[x] gives 0",
)
def length(ev, e):
    t = type(e)
    if t is Expr:
        return len(e.args)
    if t is Association:
        return len(e)
    return 0


_ATOM_HEADS = {
    int: S.Integer,
    float: S.Real,
    BigReal: S.Real,
    Rational: S.Rational,
    Complex: S.Complex,
    str: S.String,
    Symbol: S.Symbol,
    Association: S.Association,
}


def head_of(e):
    """WL's Head of any value."""
    if type(e) is Expr:
        return e.head
    return _ATOM_HEADS.get(type(e), S.Symbol)


@builtin(
    "Head",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Head[e] gives the head of e: f for f[x], List for a list, and Integer, Real, Rational, Complex, String, "
    "Symbol or Association for atoms; Head[e, h] gives h[Head[e]].\n"
    "Example: Head[{1}] gives List; Head[1/2] gives Rational; Head[f[x]] gives f",
)
def head(ev, e, *wrap):
    h = head_of(e)
    return Expr(wrap[0], (h,)) if wrap else h


# ================================================================ Depth, Dimensions, ArrayDepth
@builtin(
    "Depth",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Depth[e] gives the maximum number of indices needed to reach any part of e, plus 1 (1 for atoms); "
    "Depth[e, Heads -> True] counts heads too.\nExample: Depth[{a, {b}}] gives 3",
)
def depth(ev, e, *opts):
    split = split_options(ev, "Depth", opts, _HEADS, (e,) + opts)
    if split is None or split[0]:
        return None
    if split[1]["Heads"] is TRUE:
        return _depth_with_heads(e)
    if type(e) is Association:
        return 1 + max((depth_of(v) for v in e.values()), default=0) if len(e) else 1
    return depth_of(e)


set_default_options("Depth", Expr(S.Rule, (Heads, S.False_)))


def _depth_with_heads(e):
    best = 1
    stack = [(e, 1)]
    while stack:
        node, d = stack.pop()
        if type(node) is Expr:
            stack.append((node.head, d + 1))
            for a in node.args:
                stack.append((a, d + 1))
        elif d > best:
            best = d
    return best


def array_dimensions(e, limit=INFINITE, head=None) -> list:
    """WL's Dimensions: the lengths at each level down to which e is a full
    array (every part at a level has the same head and length)."""
    dims = []
    if type(e) is Association:
        dims.append(len(e))
        level = e.values()
        if not level or len(dims) >= limit:
            return dims
        head = level[0].head if type(level[0]) is Expr else None
        if head is None:
            return dims
    elif type(e) is Expr:
        level = [e]
        if head is None:
            head = e.head
    else:
        return dims
    while len(dims) < limit:
        first = level[0]
        if type(first) is not Expr:
            break
        n = len(first.args)
        for x in level:
            if type(x) is not Expr or len(x.args) != n or (x.head is not head and x.head != head):
                return dims
        dims.append(n)
        if n == 0:
            break
        level = [a for x in level for a in x.args]
    return dims


@builtin(
    "Dimensions",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Dimensions[e] gives the list of the lengths at each level of e down to which e is a full (rectangular) "
    "array; Dimensions[e, n] looks at most n levels deep.\n"
    "Example: Dimensions[{{1, 2, 3}, {4, 5, 6}}] gives {2, 3}; Dimensions[{{1, 2}, {3}}] gives {2}",
)
def dimensions(ev, e, *limit):
    n = INFINITE
    if limit:
        n = limit[0]
        if is_infinity(n):
            n = INFINITE
        elif type(n) is not int or n < 0:
            ev.message("Dimensions", "intnn", call("Dimensions", e, n), 2)
            return None
    return settled_list(tuple(array_dimensions(e, n)))


@builtin(
    "ArrayDepth",
    nargs=1,
    attributes=("Protected",),
    usage="ArrayDepth[e] gives the depth to which e is a full array: the length of Dimensions[e].\n"
    "Example: ArrayDepth[{{1, 2}, {3, 4}}] gives 2",
)
def array_depth(ev, e):
    return len(array_dimensions(e))


# ================================================================ Level
@builtin(
    "Level",
    nargs=(2, 4),
    attributes=("Protected",),
    usage="Level[e, spec] gives the list of the parts of e at the levels spec names (n, {n}, {m, n}, Infinity, All; "
    "negative levels count from the leaves); Level[e, spec, f] gives f[parts...]. Option Heads -> True includes heads.\n"
    "Example: Level[{a, {b, c}}, {2}] gives {b, c}; Level[{a, {b}}, -1] gives {a, b}",
)
def level(ev, e, spec, *more):
    split = split_options(ev, "Level", more, _HEADS, (e, spec) + more)
    if split is None or len(split[0]) > 1:
        return None
    positional, options = split
    bounds = parse_levelspec(ev, spec, "Level")
    if bounds is None:
        return None
    parts = [part for _, part in walk(e, bounds[0], bounds[1], options["Heads"] is TRUE)]
    return Expr(positional[0] if positional else List, tuple(parts))


set_default_options("Level", Expr(S.Rule, (Heads, S.False_)))


# ================================================================ Flatten
@builtin(
    "Flatten",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Flatten[list] flattens out nested lists (sublists with the same head as list); Flatten[list, n] only n "
    "levels deep; Flatten[list, n, h] flattens subexpressions with head h; Flatten[list, {{1, 2}, {3}}] joins the "
    "given levels together (Flatten[m, {{2}, {1}}] transposes a matrix).\n"
    "Example: Flatten[{a, {b, {c}}}] gives {a, b, c}; Flatten[{a, {b, {c}}}, 1] gives {a, b, {c}}",
)
def flatten(ev, e, *more):
    whole = call("Flatten", e, *more)
    if type(e) is not Expr:
        ev.message("Flatten", "normal", 1, whole)
        return None
    levels = INFINITE
    target = e.head
    if more:
        n = more[0]
        if type(n) is Expr and n.head is List and n.args and all(type(g) is Expr and g.head is List for g in n.args):
            return _flatten_dimensions(ev, e, n, whole)
        if is_infinity(n):
            levels = INFINITE
        elif type(n) is int and n >= 0:
            levels = n
        else:
            ev.message("Flatten", "flev", n, whole)
            return None
        if len(more) > 1:
            target = more[1]
    return settled(e.head, tuple(_flatten(e.args, target, levels)))


def _flatten(args, head, levels) -> list:
    out = []
    for a in args:
        if levels > 0 and type(a) is Expr and (a.head is head or a.head == head):
            out.extend(_flatten(a.args, head, levels - 1))
        else:
            out.append(a)
    return out


def _flatten_dimensions(ev, e, spec, whole):
    """Flatten[array, {{s11, s12, ...}, {s21, ...}, ...}]: level k of the result
    runs over the levels sk1, sk2, ... of array together."""
    groups = [g.args for g in spec.args]
    named = [k for g in groups for k in g]
    if (
        not all(groups)
        or not all(type(k) is int and k >= 1 for k in named)
        or len(set(named)) != len(named)
    ):
        ev.message("Flatten", "flev", spec, whole)
        return None
    top = max(named)
    dims = array_dimensions(e, top)
    if len(dims) < top:
        ev.message("Flatten", "fldep", top, spec, len(dims), e)
        return None
    # Levels not named keep their place after the named ones.
    groups = groups + [(k,) for k in range(1, top + 1) if k not in named]
    check_size(ev, prod(dims))

    def element(index):
        x = e
        for i in index:
            x = x.args[i]
        return x

    def build(g, chosen):
        levels = groups[g]
        out = []
        for combo in product(*(range(dims[k - 1]) for k in levels)):
            here = dict(chosen)
            for k, i in zip(levels, combo):
                here[k] = i
            if g + 1 < len(groups):
                out.append(build(g + 1, here))
            else:
                out.append(element(tuple(here[k] for k in range(1, top + 1))))
        return settled(e.head, tuple(out))

    return build(0, {})


# ================================================================ Transpose
@builtin(
    "Transpose",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Transpose[m] transposes the first two levels of m; Transpose[a, {n1, n2, ...}] makes level k of a "
    "level nk of the result.\nExample: Transpose[{{1, 2, 3}, {4, 5, 6}}] gives {{1, 4}, {2, 5}, {3, 6}}",
)
def transpose(ev, a, *perm):
    if not perm:
        return _transpose2(ev, a)
    p = perm[0]
    if not (type(p) is Expr and p.head is List and all(type(k) is int for k in p.args)) or sorted(p.args) != list(
        range(1, len(p.args) + 1)
    ):
        ev.message("Transpose", "perm", p)
        return None
    order = p.args
    if order == tuple(range(1, len(order) + 1)):
        return a
    dims = array_dimensions(a, len(order))
    if len(dims) < len(order):
        ev.message("Transpose", "tpdim", p, len(order), a, len(dims))
        return None
    head = a.head
    new_dims = [0] * len(order)
    for level, target in enumerate(order):
        new_dims[target - 1] = dims[level]

    def build(prefix):
        if len(prefix) == len(order):
            x = a
            for level in range(len(order)):
                x = x.args[prefix[order[level] - 1]]
            return x
        return settled(head, tuple(build(prefix + (j,)) for j in range(new_dims[len(prefix)])))

    return build(())


def _transpose2(ev, m):
    if type(m) is not Expr:
        ev.message("Transpose", "nmtx", m)
        return None
    rows = m.args
    if not rows:
        return m
    first = rows[0]
    if type(first) is not Expr:
        ev.message("Transpose", "nmtx", m)
        return None
    n = len(first.args)
    inner = first.head
    for r in rows:
        if type(r) is not Expr or len(r.args) != n or r.head is not inner and r.head != inner:
            ev.message("Transpose", "nmtx", m)
            return None
    return settled(m.head, tuple(settled(inner, column) for column in zip(*(r.args for r in rows))))


# ================================================================ Total, Accumulate, Differences
def plus_all(ev, items):
    """The evaluated sum of items (exact integers added directly)."""
    for x in items:
        if type(x) is not int:
            return ev.evaluate(Expr(Plus, tuple(items)))
    return sum(items)


@builtin(
    "Total",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Total[list] gives the sum of the elements of list; Total[list, n] sums over levels 1 through n; "
    "Total[list, {n}] over level n only; Total[list, Infinity] over all levels.\n"
    "Example: Total[{1, 2, 3}] gives 6; Total[{{1, 2}, {3, 4}}] gives {4, 6}; Total[{{1, 2}, {3, 4}}, 2] gives 10",
)
def total(ev, e, *spec):
    lo, hi = 1, 1
    if spec:
        s = spec[0]
        if is_infinity(s):
            hi = INFINITE
        else:
            bounds = parse_levelspec(ev, s, "Total")
            if bounds is None:
                return None
            lo, hi = bounds
            if lo < 1 or hi < lo:
                if lo == 0 and hi >= 0:
                    lo = 1
                else:
                    ev.message("Total", "level", s)
                    return None
    if type(e) is Association:
        e = Expr(List, tuple(e.values()))
    if type(e) is not Expr:
        return e
    return _total(ev, e, lo, hi)


def _total(ev, e, lo, hi):
    if type(e) is not Expr:
        return e
    if lo > 1:
        return settled(e.head, tuple(_total(ev, a, lo - 1, hi - 1) for a in e.args))
    items = _flatten(e.args, e.head, hi - 1)
    return plus_all(ev, items)


@builtin(
    "Accumulate",
    nargs=1,
    attributes=("Protected",),
    usage="Accumulate[list] gives the running sums {e1, e1 + e2, e1 + e2 + e3, ...}.\n"
    "Example: Accumulate[{1, 2, 3}] gives {1, 3, 6}",
)
def accumulate(ev, e):
    if type(e) is not Expr:
        normal_message(ev, "Accumulate", 1, (e,))
        return None
    items = e.args
    if all(type(x) is int for x in items):
        from itertools import accumulate as running

        return settled(e.head, tuple(running(items)))
    out = []
    acc = None
    for i, x in enumerate(items):
        acc = x if i == 0 else ev.evaluate(Expr(Plus, (acc, x)))
        out.append(acc)
        if not i & 4095:
            ev.check_interrupt()
    return settled(e.head, tuple(out))


@builtin(
    "Differences",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Differences[list] gives the successive differences {e2 - e1, e3 - e2, ...}; Differences[list, n] the "
    "n-th differences.\nExample: Differences[{1, 4, 9, 16}] gives {3, 5, 7}; Differences[{1, 4, 9, 16}, 2] gives {2, 2}",
)
def differences(ev, e, *order):
    n = 1
    if order:
        n = order[0]
        if type(n) is not int or n < 0:
            ev.message("Differences", "intnn", call("Differences", e, n), 2)
            return None
    if type(e) is not Expr:
        normal_message(ev, "Differences", 1, (e,) + order)
        return None
    items = e.args
    for _ in range(n):
        if all(type(x) is int for x in items):
            items = tuple([b - a for a, b in zip(items, items[1:])])
        else:
            items = tuple(
                [ev.evaluate(Expr(Plus, (b, Expr(Times, (-1, a))))) for a, b in zip(items, items[1:])]
            )
        if not items:
            break
    return settled(e.head, items)
