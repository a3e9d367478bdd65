"""Specialised matchers: small closures compiled once per rule for common shapes.

    f[x_]   f[x_Integer]   f[x_, y_]   f[x_, y_Integer]   f[0]   f[x_?test]
    f[x_, x_]   f[x_] /; cond   x_Integer   _?test   ...

Every argument must be a literal or a (named) blank with an optional head,
PatternTest or Condition; the head must be an ordinary symbol. Such a pattern
matches at most one way, so a closure that checks head and length, then the
cheap structural tests, then the tests that need evaluation (in argument
order, like the general matcher), and builds the bindings dict directly,
finds exactly what the general matcher would.

A compiled matcher returns a bindings dict, None (no match), or FALLBACK
when the head has acquired Flat or Orderless (then several matches, runs of
arguments and partial Flat matches are possible: the general matcher decides).
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.normal import Expr, same
from ..expr.symbol import FLAT, ORDERLESS, Symbol
from .matcher import condition_holds, matches, passes_test
from .structure import PATTERN_HEADS, head_checker, is_literal, split_condition

FALLBACK = object()

_Blank = S.Blank
_Pattern = S.Pattern


def compile_matcher(lhs):
    """A closure (expr, ev) -> bindings | None | FALLBACK for `lhs`, or None
    when lhs is not one of the shapes handled here."""
    core, tests = split_condition(lhs)
    if len(tests) > 1:
        return None
    test = tests[0] if tests else None
    spec = _argument_spec(core)
    if spec is not None:
        return _whole_blank(spec, test)
    if type(core) is not Expr:
        return None
    head = core.head
    if type(head) is not Symbol or head in PATTERN_HEADS:
        return None
    specs = []
    for a in core.args:
        s = _argument_spec(a)
        if s is None:
            if type(a) is Expr and not is_literal(a):
                return None
            s = (a, None, None, None, None)  # literal argument
        specs.append(s)
    return _compound(head, specs, test)


def _argument_spec(p):
    """(literal, name, head_check, pattern_test, condition) for a blank-like
    argument, or None. literal is _NO_LITERAL for blanks."""
    name = test = cond = None
    if type(p) is Expr and p.head is S.Condition and len(p.args) == 2:
        p, cond = p.args
    if type(p) is Expr and p.head is S.PatternTest and len(p.args) == 2:
        p, test = p.args
    if type(p) is Expr and p.head is _Pattern and len(p.args) == 2 and type(p.args[0]) is Symbol:
        name, p = p.args
    if type(p) is not Expr or p.head is not _Blank or len(p.args) > 1:
        return None
    check = head_checker(p.args[0]) if p.args else None
    return (_NO_LITERAL, name, check, test, cond)


_NO_LITERAL = object()


def _whole_blank(spec, whole_test):
    """The rule's left side is itself a blank: x_, x_Integer, _?test, ..."""
    _, name, check, test, cond = spec
    if test is None and cond is None and whole_test is None:
        if name is None:
            if check is None:
                return lambda expr, ev: {}
            return lambda expr, ev: {} if check(expr) else None
        if check is None:
            return lambda expr, ev: {name: expr}
        return lambda expr, ev: {name: expr} if check(expr) else None

    def match_blank(expr, ev):
        if check is not None and not check(expr):
            return None
        b = {} if name is None else {name: expr}
        if test is not None and not passes_test(test, expr, ev):
            return None
        if cond is not None and not condition_holds(cond, b, ev):
            return None
        if whole_test is not None and not condition_holds(whole_test, b, ev):
            return None
        return b

    return match_blank


def _compound(head, specs, whole_test):
    n = len(specs)
    # Orderless only matters with two or more arguments; Flat always.
    unsure = FLAT | (ORDERLESS if n >= 2 else 0)
    literals = tuple((i, s[0]) for i, s in enumerate(specs) if s[0] is not _NO_LITERAL)
    checks = tuple((i, s[2]) for i, s in enumerate(specs) if s[0] is _NO_LITERAL and s[2] is not None)
    names = [s[1] for s in specs if s[0] is _NO_LITERAL and s[1] is not None]
    evaluated = any(s[3] is not None or s[4] is not None for s in specs) or whole_test is not None
    distinct = len(set(names)) == len(names)

    # The commonest shape of all: f[x_], f[x_, y_], ... (distinct names, no checks)
    if not literals and not checks and not evaluated and distinct and len(names) == n:
        names_t = tuple(names)
        if n == 1:
            only = names_t[0]

            def match_one(expr, ev):
                if type(expr) is not Expr or expr.head is not head:
                    return None
                if head.attributes & unsure:
                    return FALLBACK
                args = expr.args
                if len(args) != 1:
                    return None
                return {only: args[0]}

            return match_one

        def match_plain(expr, ev):
            if type(expr) is not Expr or expr.head is not head:
                return None
            if head.attributes & unsure:
                return FALLBACK
            args = expr.args
            if len(args) != n:
                return None
            return dict(zip(names_t, args))

        return match_plain

    binders = tuple(
        (i, s[1], s[3], s[4]) for i, s in enumerate(specs) if s[0] is _NO_LITERAL and (s[1] is not None or s[3] is not None or s[4] is not None)
    )

    def match_general(expr, ev):
        if type(expr) is not Expr or expr.head is not head:
            return None
        if head.attributes & unsure:
            return FALLBACK
        args = expr.args
        if len(args) != n:
            return None
        # Structure first: nothing is evaluated for an argument list that cannot fit.
        for i, lit in literals:
            a = args[i]
            if a is not lit and not same(a, lit):
                return None
        for i, check in checks:
            if not check(args[i]):
                return None
        b = {}
        for i, name, test, cond in binders:
            a = args[i]
            if name is not None:
                old = b.get(name)
                if old is None:
                    b[name] = a
                elif old is not a and not same(old, a):
                    return None
            if test is not None and not passes_test(test, a, ev):
                return None
            if cond is not None and not condition_holds(cond, b, ev):
                return None
        if whole_test is not None and not condition_holds(whole_test, b, ev):
            return None
        return b

    return match_general


def pattern_predicate(pattern, ev):
    """A one-argument test `e -> bool` for MatchQ[e, pattern], using a
    specialised matcher when the pattern has a common shape (not under naive)."""
    if not ev.naive:
        compiled = compile_matcher(pattern)
        if compiled is not None:

            def test(e):
                b = compiled(e, ev)
                if b is FALLBACK:
                    return matches(pattern, e, ev)
                return b is not None

            return test
    return lambda e: matches(pattern, e, ev)
