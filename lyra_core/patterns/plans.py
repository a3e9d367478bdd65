"""What the matcher works out once about a pattern h[p1, p2, ...] and keeps.

For each argument pattern: how many arguments it can cover (element_info:
one, one-or-none for Optional, a bounded or unbounded sequence), cheap
necessary conditions (a literal, a demanded head) checked before any
backtracking, the head its matches must have (so under a Flat head it need
not try absorbing runs), and a per-argument filter for sequence patterns
(so `__Integer` stops at the first non-integer). Plans are cached by pattern.
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.normal import Expr, same
from ..expr.symbol import Symbol
from .defaults import MISSING
from .structure import (
    INF,
    PATTERN_HEADS,
    Longest,
    PatternSequence,
    Shortest,
    clear_cache,
    head_checker,
    is_literal,
    note_temporaries,
)

_Pattern = S.Pattern
_Blank = S.Blank
_Optional = S.Optional

# What one element of an argument pattern can cover.
SINGLE = 0  # exactly one argument (or, under a Flat head, a run of them)
OPTIONAL = 1  # one argument or none (then its default)
SEQ = 2  # a sequence with its own length bounds (x__, p.., OptionsPattern[])


class Plan:
    """What the matcher precomputes about the argument patterns of h[p1, p2, ...]."""

    __slots__ = (
        "kinds",  # SINGLE / OPTIONAL / SEQ per element
        "mins",  # least arguments each element covers
        "maxs",  # most arguments each element covers (INF: no bound)
        "all_single",  # every element covers exactly one argument
        "has_optional",
        "checks",  # cheap necessary conditions: (index, literal or MISSING, head or None)
        "present",  # per element: the pattern to use when an Optional is present
        "req_heads",  # per element: the head its matches must have, if known
        "filters",  # per SEQ element: a predicate every covered argument must pass
        "greedy",  # per element: Longest[...] (try long runs first)
        "bounds",  # (minrest, maxrest, maxs): suffix sums of mins / maxs, plain heads
        "flat_bounds",  # the same for Flat heads (single elements absorb runs)
    )


_plan_cache: dict = {}


def plan_of(p: Expr) -> Plan:
    # Keyed by identity, as structure._cached (an equal pattern from another
    # session would cost a deep comparison per lookup); the entry holds p.
    entry = _plan_cache.get(id(p))
    if entry is None or entry[0] is not p:
        if len(_plan_cache) >= 20000:
            clear_cache(_plan_cache)
        entry = _plan_cache[id(p)] = (p, _make_plan(p.args))
        note_temporaries(_plan_cache, p)  # so a released Module local is not kept
    return entry[1]


def _make_plan(pats: tuple) -> Plan:
    plan = Plan()
    infos = [element_info(q) for q in pats]
    plan.kinds = kinds = tuple(i[0] for i in infos)
    plan.mins = mins = tuple(i[1] for i in infos)
    plan.maxs = maxs = tuple(i[2] for i in infos)
    plan.all_single = all(k == SINGLE for k in kinds)
    plan.has_optional = OPTIONAL in kinds
    plan.present = tuple(
        _strip_optional(q) if k == OPTIONAL else q for q, k in zip(pats, kinds)
    )
    plan.req_heads = tuple(_required_head(q) for q in plan.present)
    plan.filters = tuple(_element_filter(q) if k == SEQ else None for q, k in zip(pats, kinds))
    plan.greedy = tuple(type(q) is Expr and q.head is Longest for q in pats)
    checks = []
    if plan.all_single:
        for i, q in enumerate(pats):
            if type(q) is not Expr or is_literal(q):
                checks.append((i, q, None))
            else:
                h = _blank_head(q)
                if h is not None:
                    checks.append((i, MISSING, h))
    plan.checks = tuple(checks)
    plan.bounds = _suffix_bounds(mins, maxs) + (maxs,)
    flat_maxs = tuple(INF if k != SEQ else m for k, m in zip(kinds, maxs))
    plan.flat_bounds = _suffix_bounds(mins, flat_maxs) + (flat_maxs,)
    return plan


def _suffix_bounds(mins, maxs):
    n = len(mins)
    minrest = [0] * (n + 1)
    maxrest = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        minrest[i] = minrest[i + 1] + mins[i]
        maxrest[i] = min(INF, maxrest[i + 1] + maxs[i])
    return minrest, maxrest


def element_info(p):
    """(kind, least, most) arguments the argument pattern `p` can cover."""
    if type(p) is not Expr:
        return (SINGLE, 1, 1)
    h = p.head
    args = p.args
    n = len(args)
    if h is S.BlankSequence and n <= 1:
        return (SEQ, 1, INF)
    if h is S.BlankNullSequence and n <= 1:
        return (SEQ, 0, INF)
    if h is _Pattern and n == 2 and type(args[0]) is Symbol:
        return element_info(args[1])
    if (h is S.PatternTest or h is S.Condition) and n == 2:
        return element_info(args[0])
    if h is S.HoldPattern and n == 1:
        return element_info(args[0])
    if (h is Longest or h is Shortest) and n in (1, 2):
        return element_info(args[0])
    if h is _Optional and n in (1, 2):
        return (OPTIONAL, 0, 1)
    if h is S.Repeated or h is S.RepeatedNull:
        bounds = repeat_bounds(p)
        if bounds is not None:
            return (SEQ, bounds[0], bounds[1])
        return (SINGLE, 1, 1)
    if h is S.OptionsPattern and n <= 1:
        return (SEQ, 0, INF)
    if h is PatternSequence:
        infos = [element_info(q) for q in args]
        lo = sum(i[1] for i in infos)
        hi = min(INF, sum(i[2] for i in infos))
        return (SEQ, lo, hi)
    if h is S.Alternatives and n >= 1:
        infos = [element_info(q) for q in args]
        if all(i[0] == SINGLE for i in infos):
            return (SINGLE, 1, 1)
        return (SEQ, min(i[1] for i in infos), max(i[2] for i in infos))
    if h is S.Except and n == 2:
        return element_info(args[1])
    return (SINGLE, 1, 1)


def _is_infinity(x) -> bool:
    return x is S.Infinity or (
        type(x) is Expr and x.head is S.DirectedInfinity and x.args == (1,)
    )


def _count(x):
    if type(x) is int and x >= 0:
        return x
    if _is_infinity(x):
        return INF
    return None


def repeat_bounds(p: Expr):
    """(least, most) repetitions of Repeated/RepeatedNull p, or None if malformed."""
    args = p.args
    lo = 1 if p.head is S.Repeated else 0
    if len(args) == 1:
        return (lo, INF)
    if len(args) != 2:
        return None
    spec = args[1]
    n = _count(spec)
    if n is not None:
        return (lo, n)
    if type(spec) is Expr and spec.head is S.List:
        if len(spec.args) == 1:
            n = _count(spec.args[0])
            return None if n is None else (n, n)
        if len(spec.args) == 2:
            m, n = _count(spec.args[0]), _count(spec.args[1])
            if m is None or n is None:
                return None
            return (m, n)
    return None


def _strip_optional(p):
    """The pattern an Optional element stands for when its argument is present."""
    h = p.head
    args = p.args
    if h is _Optional:
        return args[0]
    if h is _Pattern:
        return Expr(h, (args[0], _strip_optional(args[1])))
    # PatternTest, Condition, HoldPattern, Longest, Shortest: the first argument
    return Expr(h, (_strip_optional(args[0]),) + args[1:])


def _blank_head(q):
    """The head a single blank-like element demands (x_h, _h?t, x_h /; c), or None."""
    while type(q) is Expr:
        h = q.head
        args = q.args
        if h is _Blank:
            return args[0] if len(args) == 1 else None
        if h is _Pattern and len(args) == 2:
            q = args[1]
        elif (h is S.PatternTest or h is S.Condition) and len(args) == 2:
            q = args[0]
        else:
            return None
    return None


def _required_head(q):
    """The head every match of element q has, when that is known (else None).

    Under a Flat head h, an element that can only match expressions of another
    head never needs to try absorbing a run of arguments (which makes h[...])."""
    if type(q) is not Expr:
        return _NOT_A_HEAD  # an atom: never h[...]
    if is_literal(q):
        return q.head
    h = _blank_head(q)
    if h is not None:
        return h
    if q.head not in PATTERN_HEADS:
        return q.head if type(q.head) is Symbol else None
    return None


_NOT_A_HEAD = object()


def _element_filter(q):
    """A predicate every argument covered by SEQ element q must pass, or None."""
    while type(q) is Expr:
        h = q.head
        args = q.args
        if h is S.BlankSequence or h is S.BlankNullSequence:
            return head_checker(args[0]) if len(args) == 1 else None
        if (h is S.Repeated or h is S.RepeatedNull) and args:
            inner = args[0]
            if type(inner) is not Expr or is_literal(inner):
                return lambda e: e is inner or same(e, inner)
            bh = _blank_head(inner)
            return head_checker(bh) if bh is not None else None
        if h is _Pattern and len(args) == 2:
            q = args[1]
        elif h in (S.PatternTest, S.Condition, S.HoldPattern, Longest, Shortest) and args:
            q = args[0]
        else:
            return None
    return None
