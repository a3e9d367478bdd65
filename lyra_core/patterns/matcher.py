"""The general pattern matcher: every WL pattern form, every match, WL's order.

    match_all(pattern, expr, ev)  -> iterator of bindings dicts
    match(pattern, expr, ev)      -> the first bindings dict, or None
    matches(pattern, expr, ev)    -> bool (MatchQ)

Bindings map a pattern name (Symbol) to its value; a sequence pattern binds
Sequence[...]. Matches come in the order WL tries them: sequence patterns
shortest first, optional arguments present before absent, alternatives left
to right, Orderless arguments in their (canonical) order, Flat runs shortest
first.

How it works: `_match(p, e, b, ev)` returns an iterable of the extended
bindings (a tuple when the answer is immediate, a generator when there may be
several). Argument lists are matched by a depth-first search over pattern
elements that keeps its own stack of iterators (`_drive`), so a pattern or an
expression with 10^5 arguments never deepens the Python stack. Bindings dicts
are copied on write, so an abandoned branch needs no undo.
"""

from __future__ import annotations

from itertools import combinations

from ..expr import system_symbols as S
from ..expr.normal import Expr, same
from ..expr.symbol import FLAT, ONE_IDENTITY, ORDERLESS, Symbol
from .defaults import MISSING, optional_default
from .plans import OPTIONAL, SEQ, SINGLE, element_info, plan_of, repeat_bounds
from .structure import (
    OPTIONS_KEY,
    Longest,
    PatternSequence,
    Shortest,
    alternative_names,
    flatten_rules,
    has_head,
    head_checker,
    is_literal,
)
from .substitute import substitute

_True = S.True_
_Sequence = S.Sequence
_Pattern = S.Pattern
_Blank = S.Blank
_Optional = S.Optional



# ================================================================ public API
def match_all(pattern, expr, ev, bindings=None):
    """Every way `pattern` matches `expr`, in WL's order."""
    b = {} if bindings is None else dict(bindings)
    alternatives = alternative_names(pattern)
    for r in _match(pattern, expr, b, ev):
        yield _fill_unmatched(r, alternatives) if alternatives else r


def match(pattern, expr, ev, bindings=None):
    """The first match of `pattern` against `expr` (a bindings dict) or None."""
    b = {} if bindings is None else dict(bindings)
    for r in _match(pattern, expr, b, ev):
        alternatives = alternative_names(pattern)
        return _fill_unmatched(r, alternatives) if alternatives else r
    return None


def matches(pattern, expr, ev) -> bool:
    """MatchQ[expr, pattern]."""
    for _ in _match(pattern, expr, {}, ev):
        return True
    return False


_EMPTY_SEQUENCE = Expr(_Sequence, ())


def _fill_unmatched(b: dict, names: tuple) -> dict:
    # Names of alternatives that were not chosen vanish from the right side.
    missing = [n for n in names if n not in b]
    if not missing:
        return b
    b = dict(b)
    for n in missing:
        b[n] = _EMPTY_SEQUENCE
    return b


# ================================================================ helpers
def _bind(b: dict, name, value):
    """b extended with name -> value, b itself if already so bound, else None."""
    old = b.get(name, MISSING)
    if old is MISSING:
        nb = b.copy()
        nb[name] = value
        return nb
    if old is value or same(old, value):
        return b
    return None


def _bind_each(matches, name, value):
    for b in matches:
        nb = _bind(b, name, value)
        if nb is not None:
            yield nb


def condition_holds(test, b: dict, ev) -> bool:
    """A Condition's test, with the bindings so far put in, evaluates to True."""
    return ev.evaluate(substitute(test, b)) is _True


def passes_test(test, e, ev) -> bool:
    """A PatternTest: test[e] evaluates to True."""
    return ev.evaluate(Expr(test, (e,))) is _True


def _literal(p, e, b):
    return (b,) if p is e or same(p, e) else ()


def _first(iterable):
    for x in iterable:
        return x
    return None


# ================================================================ one expression
def _match(p, e, b: dict, ev):
    """Iterable of the bindings extending `b` under which `p` matches `e`."""
    if type(p) is not Expr:
        if p is e or (type(p) is type(e) and p == e):
            return (b,)
        return ()
    head = p.head
    if type(head) is Symbol:
        handler = _HANDLERS.get(head)
        if handler is not None:
            return handler(p, e, b, ev)
    return _match_normal(p, e, b, ev)


def _match_blank(p, e, b, ev):
    args = p.args
    if not args:
        return (b,)
    if len(args) == 1:
        return (b,) if has_head(e, args[0]) else ()
    return _literal(p, e, b)


def _match_as_run(p, e, b, ev):
    # A sequence pattern standing for a whole expression matches it as a
    # sequence of length one (MatchQ[a, __] is True).
    return _match_run(p, (e,), b, ev)


def _match_pattern(p, e, b, ev):
    args = p.args
    if len(args) != 2 or type(args[0]) is not Symbol:
        return _literal(p, e, b)
    name, inner = args
    old = b.get(name, MISSING)
    if old is not MISSING and old is not e and not same(old, e):
        return ()  # a repeated name must see the same value
    if type(inner) is Expr and inner.head is _Blank and len(inner.args) < 2:
        if inner.args and not has_head(e, inner.args[0]):
            return ()
        if old is not MISSING:
            return (b,)
        nb = b.copy()
        nb[name] = e
        return (nb,)
    return _bind_each(_match(inner, e, b, ev), name, e)


def _match_pattern_test(p, e, b, ev):
    if len(p.args) != 2:
        return _literal(p, e, b)
    inner, test = p.args
    return _tested(_match(inner, e, b, ev), test, (e,), ev)


def _tested(matches, test, values, ev):
    # The test depends only on the values, so it runs once, after the inner
    # pattern matched (WL never tests what does not fit structurally).
    verdict = None
    for b in matches:
        if verdict is None:
            verdict = all(passes_test(test, v, ev) for v in values)
        if not verdict:
            return
        yield b


def _match_condition(p, e, b, ev):
    if len(p.args) != 2:
        return _literal(p, e, b)
    inner, test = p.args
    return _conditioned(_match(inner, e, b, ev), test, ev)


def _conditioned(matches, test, ev):
    for b in matches:
        if condition_holds(test, b, ev):
            yield b


def _match_alternatives(p, e, b, ev):
    for alt in p.args:
        yield from _match(alt, e, b, ev)


def _match_wrapped(p, e, b, ev):
    """Optional[p, d], Longest[p, pri], Shortest[p, pri] (second argument
    optional): standing for one expression, they match as p does."""
    if len(p.args) not in (1, 2):
        return _literal(p, e, b)
    return _match(p.args[0], e, b, ev)


def _match_except(p, e, b, ev):
    args = p.args
    if len(args) == 1:
        return () if _first(_match(args[0], e, b, ev)) is not None else (b,)
    if len(args) == 2:
        if _first(_match(args[0], e, b, ev)) is not None:
            return ()
        return _match(args[1], e, b, ev)
    return _literal(p, e, b)


def _match_hold_pattern(p, e, b, ev):
    if len(p.args) != 1:
        return _literal(p, e, b)
    return _match(p.args[0], e, b, ev)


def _match_verbatim(p, e, b, ev):
    if len(p.args) != 1:
        return _literal(p, e, b)
    return _literal(p.args[0], e, b)


_HANDLERS = {
    S.Blank: _match_blank,
    S.BlankSequence: _match_as_run,
    S.BlankNullSequence: _match_as_run,
    S.Repeated: _match_as_run,
    S.RepeatedNull: _match_as_run,
    S.OptionsPattern: _match_as_run,
    PatternSequence: _match_as_run,
    S.Pattern: _match_pattern,
    S.PatternTest: _match_pattern_test,
    S.Condition: _match_condition,
    S.Alternatives: _match_alternatives,
    S.Optional: _match_wrapped,
    S.Except: _match_except,
    S.HoldPattern: _match_hold_pattern,
    S.Verbatim: _match_verbatim,
    Longest: _match_wrapped,
    Shortest: _match_wrapped,
}


def _match_normal(p: Expr, e, b, ev):
    """p is h[...] with an ordinary head h."""
    if is_literal(p):
        return (b,) if p is e or p == e else ()
    phead = p.head
    if type(phead) is Symbol:
        if phead.attributes & ONE_IDENTITY and plan_of(p).has_optional:
            if type(e) is not Expr or e.head is not phead:
                return _one_identity(p, e, b, ev)
        if type(e) is not Expr or e.head is not phead:
            return ()
        return _match_args(p, e.args, b, ev, phead, phead.attributes)
    if type(e) is not Expr:
        return ()
    return _match_compound_head(p, e, b, ev)


def _match_compound_head(p, e, b, ev):
    ehead = e.head
    attrs = ehead.attributes if type(ehead) is Symbol else 0
    for b1 in _match(p.head, ehead, b, ev):
        yield from _match_args(p, e.args, b1, ev, ehead, attrs)


def _one_identity(p, e, b, ev):
    """OneIdentity: h[x_., y_] matches a non-h expression e as y, x taking its
    default (that is how n_. x_ matches a plain symbol)."""
    plan = plan_of(p)
    kinds = plan.kinds
    if kinds.count(OPTIONAL) != len(kinds) - 1:
        return ()
    main = next(i for i, k in enumerate(kinds) if k != OPTIONAL)
    if kinds[main] != SINGLE:
        return ()
    head = p.head
    for i, q in enumerate(p.args):
        if i != main:
            b = _omit(q, b, head, i + 1, ev)
            if b is None:
                return ()
    return _match(p.args[main], e, b, ev)


# ================================================================ optional arguments
def _omit(p, b, head, position, ev):
    """Bindings for an Optional element left out: its names take the default."""
    names = []
    q = p
    while q.head is not _Optional:
        if q.head is _Pattern:
            names.append(q.args[0])
            q = q.args[1]
        else:
            q = q.args[0]
    d = optional_default(q, head, position, ev)
    if d is MISSING:
        return None
    inner = q.args[0]
    while type(inner) is Expr and len(inner.args) >= 1:
        if inner.head is _Pattern and len(inner.args) == 2 and type(inner.args[0]) is Symbol:
            names.append(inner.args[0])
            inner = inner.args[1]
        elif inner.head in (S.PatternTest, S.Condition, S.HoldPattern):
            inner = inner.args[0]
        else:
            break
    for name in names:
        b = _bind(b, name, d)
        if b is None:
            return None
    return b


# ================================================================ argument lists
def _match_args(p: Expr, args: tuple, b, ev, head, attrs):
    plan = plan_of(p)
    pats = p.args
    if not attrs & (FLAT | ORDERLESS):
        if plan.all_single:
            n = len(pats)
            if len(args) != n:
                return ()
            for i, lit, h in plan.checks:
                a = args[i]
                if h is None:
                    if not (lit is a or same(lit, a)):
                        return ()
                elif not has_head(a, h):
                    return ()
            if n == 0:
                return (b,)
            if n == 1:
                return _match(pats[0], args[0], b, ev)
            return _fixed(pats, args, b, ev)
        return _sequence(pats, plan, args, b, ev, head, False, False)
    if attrs & ORDERLESS:
        return _orderless(pats, plan, args, b, ev, head, attrs & FLAT, attrs & ONE_IDENTITY)
    return _sequence(pats, plan, args, b, ev, head, True, attrs & ONE_IDENTITY)


def _drive(n, step, state):
    """Depth-first search over n elements without recursion: step(i, state)
    iterates the states after element i; yields the states after the last."""
    stack = [iter(step(0, state))]
    while stack:
        state = next(stack[-1], None)
        if state is None:
            stack.pop()
        elif len(stack) == n:
            yield state
        else:
            stack.append(iter(step(len(stack), state)))


def _fixed(pats, args, b, ev):
    """Element i of pats matches args[i]: the plain fixed-length case."""
    n = len(pats)
    stack = [iter(_match(pats[0], args[0], b, ev))]
    while stack:
        nb = next(stack[-1], None)
        if nb is None:
            stack.pop()
        elif len(stack) == n:
            yield nb
        else:
            i = len(stack)
            stack.append(iter(_match(pats[i], args[i], nb, ev)))


def _flat_values(head, run, one_identity):
    """What a single element under Flat head h can stand for when it covers run."""
    if len(run) == 1:
        # Without OneIdentity, h[a] is tried before a (WL's Flat rule).
        return (run[0],) if one_identity else (Expr(head, run), run[0])
    return (Expr(head, run),)


def _sequence(pats, plan, args, b, ev, head, flat, one_identity):
    """Ordered argument matching with sequence, optional and (Flat) run elements."""
    nargs = len(args)
    npats = len(pats)
    minrest, maxrest, maxs = plan.flat_bounds if flat else plan.bounds
    if nargs < minrest[0] or nargs > maxrest[0]:
        return ()
    if npats == 0:
        return (b,)
    kinds = plan.kinds
    mins = plan.mins

    def step(i, state):
        j, bb = state
        avail = nargs - j
        lo = max(mins[i], avail - maxrest[i + 1])
        hi = min(maxs[i], avail - minrest[i + 1])
        if lo > hi:
            return
        kind = kinds[i]
        if kind == SEQ:
            p = pats[i]
            check = plan.filters[i]
            if plan.greedy[i]:
                # Longest[...]: long runs first, up to the first failing argument
                if check is not None:
                    ok = j
                    while ok < j + hi and check(args[ok]):
                        ok += 1
                    hi = ok - j
                for k in range(hi, lo - 1, -1):
                    for b2 in _match_run(p, args[j : j + k], bb, ev):
                        yield (j + k, b2)
                return
            ok = j  # args[j:ok] are known to pass `check`
            for k in range(lo, hi + 1):
                if check is not None:
                    while ok < j + k and check(args[ok]):
                        ok += 1
                    if ok < j + k:
                        return  # longer runs contain the same failing argument
                for b2 in _match_run(p, args[j : j + k], bb, ev):
                    yield (j + k, b2)
            return
        p = plan.present[i]
        if not flat:
            if hi >= 1:
                for b2 in _match(p, args[j], bb, ev):
                    yield (j + 1, b2)
        else:
            required = plan.req_heads[i]
            if required is not None and required is not head:
                hi = min(hi, 1)  # cannot be head[...]: only a single argument fits
            for k in range(max(lo, 1), hi + 1):
                run = args[j : j + k]
                values = _flat_values(head, run, one_identity) if (
                    required is None or required is head
                ) else run
                for v in values:
                    for b2 in _match(p, v, bb, ev):
                        yield (j + k, b2)
        if kind == OPTIONAL and lo == 0:
            b2 = _omit(pats[i], bb, head, i + 1, ev)
            if b2 is not None:
                yield (j, b2)

    return _final_bindings(_drive(npats, step, (0, b)))


def _final_bindings(states):
    for _, b in states:
        yield b


def _orderless(pats, plan, args, b, ev, head, flat, one_identity):
    """Arguments of an Orderless head: each element in turn takes any of the
    arguments not yet used (in their order); sequences take subsets."""
    nargs = len(args)
    npats = len(pats)
    minrest, maxrest, maxs = plan.flat_bounds if flat else plan.bounds
    if nargs < minrest[0] or nargs > maxrest[0]:
        return ()
    if npats == 0:
        return (b,)
    kinds = plan.kinds
    mins = plan.mins

    def step(i, state):
        used, bb = state
        remaining = [t for t in range(nargs) if not (used >> t) & 1]
        r = len(remaining)
        lo = max(mins[i], r - maxrest[i + 1])
        hi = min(maxs[i], r - minrest[i + 1])
        if lo > hi:
            return
        kind = kinds[i]
        if kind == SEQ:
            p = pats[i]
            for k in range(lo, hi + 1):
                for chosen in combinations(remaining, k):
                    run = tuple([args[t] for t in chosen])
                    bits = used
                    for t in chosen:
                        bits |= 1 << t
                    for b2 in _match_run(p, run, bb, ev):
                        yield (bits, b2)
            return
        p = plan.present[i]
        if not flat:
            if hi >= 1:
                for t in remaining:
                    for b2 in _match(p, args[t], bb, ev):
                        yield (used | (1 << t), b2)
        else:
            required = plan.req_heads[i]
            absorbs = required is None or required is head
            if not absorbs:
                hi = min(hi, 1)
            for k in range(max(lo, 1), hi + 1):
                for chosen in combinations(remaining, k):
                    run = tuple([args[t] for t in chosen])
                    bits = used
                    for t in chosen:
                        bits |= 1 << t
                    values = _flat_values(head, run, one_identity) if absorbs else run
                    for v in values:
                        for b2 in _match(p, v, bb, ev):
                            yield (bits, b2)
        if kind == OPTIONAL and lo == 0:
            b2 = _omit(pats[i], bb, head, i + 1, ev)
            if b2 is not None:
                yield (used, b2)

    return _final_bindings(_drive(npats, step, (0, b)))


# ================================================================ sequences
def _match_run(p, run: tuple, b, ev):
    """Iterable of bindings under which sequence pattern p covers exactly `run`."""
    n = len(run)
    if type(p) is not Expr:
        return _match(p, run[0], b, ev) if n == 1 else ()
    h = p.head
    args = p.args
    if h is S.BlankSequence or h is S.BlankNullSequence:
        if len(args) > 1:
            return _match(p, run[0], b, ev) if n == 1 else ()
        if n == 0 and h is S.BlankSequence:
            return ()
        if args:
            check = head_checker(args[0])
            for e in run:
                if not check(e):
                    return ()
        return (b,)
    if h is _Pattern and len(args) == 2 and type(args[0]) is Symbol:
        name, inner = args
        if element_info(inner)[0] == SEQ:
            value = Expr(_Sequence, run)
        elif n == 1:
            value = run[0]
        else:
            return ()
        old = b.get(name, MISSING)
        if old is not MISSING and not same(old, value):
            return ()
        return _bind_each(_match_run(inner, run, b, ev), name, value)
    if h is S.PatternTest and len(args) == 2:
        return _tested(_match_run(args[0], run, b, ev), args[1], run, ev)
    if h is S.Condition and len(args) == 2:
        return _conditioned(_match_run(args[0], run, b, ev), args[1], ev)
    if h is S.Repeated or h is S.RepeatedNull:
        bounds = repeat_bounds(p)
        if bounds is not None:
            if not bounds[0] <= n <= bounds[1]:
                return ()
            if n == 0:
                return (b,)
            return _fixed((args[0],) * n, run, b, ev)
    elif h is S.OptionsPattern and len(args) <= 1:
        return _match_options(p, run, b)
    elif h is PatternSequence:
        return _sequence(args, plan_of(p), run, b, ev, None, False, False)
    elif h is S.Alternatives:
        return _run_alternatives(args, run, b, ev)
    elif (h is S.HoldPattern or h is Longest or h is Shortest) and args:
        return _match_run(args[0], run, b, ev)
    elif h is S.Except and len(args) in (1, 2):
        return _run_except(args, run, b, ev)
    if n != 1:
        return ()
    if h in _RUN_HEADS:  # a malformed sequence construct: only itself matches
        return _literal(p, run[0], b)
    return _match(p, run[0], b, ev)


_RUN_HEADS = frozenset(
    {S.BlankSequence, S.BlankNullSequence, S.Repeated, S.RepeatedNull, S.OptionsPattern, PatternSequence}
)


def _run_alternatives(alts, run, b, ev):
    for alt in alts:
        yield from _match_run(alt, run, b, ev)


def _run_except(args, run, b, ev):
    for e in run:
        if _first(_match(args[0], e, b, ev)) is not None:
            return ()
    if len(args) == 1:
        return (b,) if len(run) == 1 else ()
    return _match_run(args[1], run, b, ev)


def _is_option(e) -> bool:
    if type(e) is not Expr:
        return False
    h = e.head
    if h is S.Rule or h is S.RuleDelayed:
        return len(e.args) == 2
    if h is S.List:
        return all(_is_option(x) for x in e.args)
    return False


def _match_options(p, run, b):
    for e in run:
        if not _is_option(e):
            return ()
    nb = b.copy()
    nb[OPTIONS_KEY] = (tuple(flatten_rules(run, [])), p.args[0] if p.args else None)
    return (nb,)
