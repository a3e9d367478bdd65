"""Applying a function repeatedly: Fold, FoldList, Nest, NestList, NestWhile,
NestWhileList, FixedPoint, FixedPointList.

Each step needs the value of the previous one, so these call ev.apply in a
Python loop (checking for interrupts now and then: a loop that never ends,
such as FixedPoint[# + 1 &, 0], stays abortable).
"""

from __future__ import annotations

from collections import deque

from ..engine import messages
from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .compare import same_q
from .list_support import (
    call,
    is_infinity,
    normal_message,
    set_default_options,
    settled,
    settled_list,
    split_options,
)
from .registry import builtin

List = S.List
TRUE = S.True_
SameTest = system("SameTest")
_SAME_TEST = {"SameTest": S.Automatic}

for _name in ("Nest", "NestList", "NestWhile", "NestWhileList", "FixedPoint", "FixedPointList"):
    messages.define(_name, "intnm", "Non-negative machine-sized integer expected at position `2` in `1`.")
for _name in ("FixedPoint", "FixedPointList"):
    set_default_options(_name, Expr(S.Rule, (SameTest, S.Automatic)))


# ================================================================ Fold, FoldList
def _fold_inputs(ev, name, f, rest):
    """(start, items, head) for Fold-like calls, or None (message when due)."""
    if len(rest) == 1:
        e = rest[0]
        items = _items(e)
        if items is None:
            normal_message(ev, name, 2, (f, e))
            return None
        if not items:
            return None
        return items[0], items[1:], e.head if type(e) is Expr else List
    x, e = rest
    items = _items(e)
    if items is None:
        normal_message(ev, name, 3, (f, x, e))
        return None
    return x, items, e.head if type(e) is Expr else List


def _items(e):
    if type(e) is Expr:
        return e.args
    if type(e) is Association:
        return tuple(e.values())
    return None


@builtin(
    "Fold",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="Fold[f, x, {a, b, ...}] gives f[...f[f[x, a], b]...]; Fold[f, {a, b, ...}] starts from a. "
    "Fold[f] is the operator form.\nExample: Fold[f, x, {a, b}] gives f[f[x, a], b]; Fold[Plus, 0, {1, 2, 3}] gives 6",
)
def fold(ev, f, *rest):
    if not rest:
        return None
    inputs = _fold_inputs(ev, "Fold", f, rest)
    if inputs is None:
        return None  # Fold[f, {}] stays as it is
    x, items, _ = inputs
    apply = ev.apply
    for i, item in enumerate(items):
        x = apply(f, x, item)
        if not i & 4095:
            ev.check_interrupt()
    return x


@builtin(
    "FoldList",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 1),
    usage="FoldList[f, x, {a, b, ...}] gives {x, f[x, a], f[f[x, a], b], ...}; FoldList[f, {a, b, ...}] starts "
    "from a. FoldList[f] is the operator form.\nExample: FoldList[Plus, 0, {1, 2, 3}] gives {0, 1, 3, 6}",
)
def fold_list(ev, f, *rest):
    if not rest:
        return None
    if len(rest) == 1 and type(rest[0]) is Expr and not rest[0].args:
        return rest[0]
    inputs = _fold_inputs(ev, "FoldList", f, rest)
    if inputs is None:
        return None
    x, items, head = inputs
    out = [x]
    apply = ev.apply
    for i, item in enumerate(items):
        x = apply(f, x, item)
        out.append(x)
        if not i & 4095:
            ev.check_interrupt()
    return settled(head, tuple(out))


# ================================================================ Nest, NestList
MACHINE_INTEGER = 2**63 - 1


def _count_argument(ev, name, n, whole):
    if type(n) is int and 0 <= n <= MACHINE_INTEGER:
        return n
    ev.message(name, "intnm", whole, 3)
    return None


@builtin(
    "Nest",
    nargs=3,
    attributes=("Protected",),
    usage="Nest[f, x, n] applies f to x n times.\nExample: Nest[f, x, 3] gives f[f[f[x]]]",
)
def nest(ev, f, x, n):
    count = _count_argument(ev, "Nest", n, call("Nest", f, x, n))
    if count is None:
        return None
    apply = ev.apply
    for i in range(count):
        x = apply(f, x)
        if not i & 4095:
            ev.check_interrupt()
    return x


@builtin(
    "NestList",
    nargs=3,
    attributes=("Protected",),
    usage="NestList[f, x, n] gives {x, f[x], f[f[x]], ...} with n applications of f.\n"
    "Example: NestList[2 # &, 1, 3] gives {1, 2, 4, 8}",
)
def nest_list(ev, f, x, n):
    count = _count_argument(ev, "NestList", n, call("NestList", f, x, n))
    if count is None:
        return None
    out = [x]
    apply = ev.apply
    for i in range(count):
        x = apply(f, x)
        out.append(x)
        if not i & 4095:
            ev.check_interrupt()
    return settled_list(tuple(out))


# ================================================================ NestWhile, NestWhileList
@builtin(
    "NestWhile",
    nargs=(3, 6),
    attributes=("Protected",),
    usage="NestWhile[f, x, test] applies f to x repeatedly while test of the latest result is True; "
    "NestWhile[f, x, test, m] gives test the m latest results (All: all of them; test is first applied once there "
    "are m); NestWhile[f, x, test, m, max] applies f at most max times; NestWhile[f, x, test, m, max, n] applies f "
    "n more times afterwards (n < 0: goes back -n results).\n"
    "Example: NestWhile[#/2 &, 96, EvenQ] gives 3",
)
def nest_while(ev, f, x, test, *more):
    results = _nest_while(ev, "NestWhile", f, x, test, more, keep_all=False)
    return None if results is None else results[-1]


@builtin(
    "NestWhileList",
    nargs=(3, 6),
    attributes=("Protected",),
    usage="NestWhileList[f, x, test] gives {x, f[x], ...}, applying f while test of the latest result is True; "
    "m, max and n work as in NestWhile.\nExample: NestWhileList[#/2 &, 96, EvenQ] gives {96, 48, 24, 12, 6, 3}",
)
def nest_while_list(ev, f, x, test, *more):
    results = _nest_while(ev, "NestWhileList", f, x, test, more, keep_all=True)
    return None if results is None else settled_list(tuple(results))


messages.define("General", "nwargs", "`1` is not a valid specification at position `2` of `3`.")


def _nest_while(ev, name, f, x, test, more, keep_all, apply=None):
    """apply: how f and test are called (the VM passes its compiled appliers)."""
    whole = call(name, f, x, test, *more)
    at_least, at_most = 1, 1  # how many latest results test sees
    if more:
        m = more[0]
        if m is S.All:
            at_least, at_most = 1, None
        elif type(m) is int and 1 <= m <= MACHINE_INTEGER:
            at_least, at_most = m, m
        elif type(m) is Expr and m.head is List and len(m.args) == 2 and all(
            type(k) is int and 1 <= k <= MACHINE_INTEGER for k in m.args
        ):
            at_least, at_most = m.args
        else:
            ev.message(name, "nwargs", m, 4, whole)
            return None
    limit = None
    if len(more) > 1 and not is_infinity(more[1]):
        limit = more[1]
        if type(limit) is not int or not 0 <= limit <= MACHINE_INTEGER:
            ev.message(name, "intnm", whole, 5)
            return None
    extra = 0
    if len(more) > 2:
        extra = more[2]
        if type(extra) is not int or abs(extra) > MACHINE_INTEGER:
            ev.message(name, "nwargs", extra, 6, whole)
            return None
    keep = None if keep_all or at_most is None else max(at_most, -extra + 1, 1)
    results = deque([x], maxlen=keep) if keep else [x]
    produced = 1
    if apply is None:
        apply = ev.apply
    steps = 0
    while limit is None or steps < limit:
        if produced >= at_least:
            if at_most == 1:
                window = (results[-1],)
            elif at_most is None:
                window = results
            elif type(results) is list:
                window = results[-at_most:]
            else:  # a deque: short, at most max(at_most, 1 - extra) long
                window = list(results)[-at_most:]
            if apply(test, *window) is not TRUE:
                break
        results.append(apply(f, results[-1]))
        produced += 1
        steps += 1
        if not steps & 4095:
            ev.check_interrupt()
    if extra > 0:
        for i in range(extra):
            results.append(apply(f, results[-1]))
            if not i & 4095:
                ev.check_interrupt()
    elif extra < 0:
        results = list(results)
        if -extra >= len(results):
            return results[:1] if not keep_all else []
        results = results[: len(results) + extra]
    return list(results)


# ================================================================ FixedPoint, FixedPointList
def _fixed_point(ev, name, f, x, more, keep_all):
    split = split_options(ev, name, more, _SAME_TEST, (f, x) + more)
    if split is None:
        return None
    positional, options = split
    limit = None
    if positional:
        limit = positional[0]
        if is_infinity(limit):
            limit = None
        elif type(limit) is not int or not 0 <= limit <= MACHINE_INTEGER:
            ev.message(name, "intnm", call(name, f, x, *more), 3)
            return None
    test = options["SameTest"]
    if test is S.Automatic:
        test = None
    out = [x] if keep_all else None
    apply = ev.apply
    steps = 0
    while limit is None or steps < limit:
        new = apply(f, x)
        steps += 1
        if keep_all:
            out.append(new)
        if same_q(x, new) if test is None else apply(test, x, new) is TRUE:
            return out if keep_all else new
        x = new
        if not steps & 4095:
            ev.check_interrupt()
    return out if keep_all else x


@builtin(
    "FixedPoint",
    nargs=(2, 4),
    attributes=("Protected",),
    usage="FixedPoint[f, x] applies f repeatedly until the result no longer changes (SameQ); FixedPoint[f, x, max] "
    "stops after at most max steps. Option SameTest -> s compares successive results with s instead.\n"
    "Example: FixedPoint[Floor[#/2] &, 100] gives 0",
)
def fixed_point(ev, f, x, *more):
    return _fixed_point(ev, "FixedPoint", f, x, more, keep_all=False)


@builtin(
    "FixedPointList",
    nargs=(2, 4),
    attributes=("Protected",),
    usage="FixedPointList[f, x] gives {x, f[x], f[f[x]], ...} until the result no longer changes (the last two "
    "elements are the same); FixedPointList[f, x, max] stops after max steps; option SameTest as in FixedPoint.\n"
    "Example: FixedPointList[Floor[#/2] &, 10] gives {10, 5, 2, 1, 0, 0}",
)
def fixed_point_list(ev, f, x, *more):
    out = _fixed_point(ev, "FixedPointList", f, x, more, keep_all=True)
    return None if out is None else settled_list(tuple(out))
