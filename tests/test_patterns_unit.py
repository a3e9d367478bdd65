"""Unit tests of lyra_core.patterns with expressions built by E(...) and a stub
evaluator. Every rule-level test runs under both matchers (naive and fast),
which must agree."""

import time

import pytest

from lyra_core.expr import E, Expr, S, intern, same, system
from lyra_core.expr.assoc import Association
from lyra_core.expr.atoms import BigReal, Complex, Rational
from lyra_core.expr.symbol import FLAT, ONE_IDENTITY, ORDERLESS
from lyra_core.library import load_library
from lyra_core.patterns import (
    OPTIONS_KEY,
    Rule,
    RuleTable,
    apply_definitions,
    apply_rules_once,
    insert_definition,
    match,
    match_all,
    matches,
    remove_definition,
    substitute,
)
from lyra_core.patterns.dispatch import index_of
from lyra_core.patterns.specialize import FALLBACK, compile_matcher

load_library()  # Plus, Times, Power carry their attributes

IntegerQ = system("IntegerQ")
EvenQ = system("EvenQ")
Length = system("Length")
OptionValue = system("OptionValue")


class StubEv:
    """Just enough evaluation for conditions and tests."""

    def __init__(self, naive=False):
        self.naive = naive
        self.messages = []
        self.evaluations = 0

    def evaluate(self, e):
        self.evaluations += 1
        if type(e) is not Expr:
            return e
        h = e.head
        args = [self.evaluate(a) for a in e.args]
        ints = all(type(a) is int for a in args)
        if h is S.Greater and ints:
            return S.True_ if all(a > b for a, b in zip(args, args[1:])) else S.False_
        if h is S.Less and ints:
            return S.True_ if all(a < b for a, b in zip(args, args[1:])) else S.False_
        if h is IntegerQ:
            return S.True_ if type(args[0]) is int else S.False_
        if h is EvenQ:
            return S.True_ if type(args[0]) is int and args[0] % 2 == 0 else S.False_
        if h is S.SameQ:
            return S.True_ if same(args[0], args[1]) else S.False_
        if h is Length and type(args[0]) is Expr:
            return len(args[0].args)
        return Expr(h, tuple(args))

    def message(self, sym, tag, *args):
        self.messages.append(f"{sym}::{tag}")


@pytest.fixture(params=["naive", "fast"])
def ev(request):
    return StubEv(naive=request.param == "naive")


# ---------------------------------------------------------------- builders
def sym(name):
    return intern("PT`" + name)


a, b, c, d, f, g, h, x, y, z, n, u = (sym(s) for s in "abcdfghxyznu")
X, Y, Z, N, OPTS = sym("x"), sym("y"), sym("z"), sym("n"), sym("opts")


def blank(head=None):
    return E(S.Blank) if head is None else E(S.Blank, head)


def P(name, p):
    return E(S.Pattern, name, p)


def bl(name, head=None):
    return P(name, blank(head))


def bs(name, head=None):
    return P(name, E(S.BlankSequence) if head is None else E(S.BlankSequence, head))


def bns(name, head=None):
    return P(name, E(S.BlankNullSequence) if head is None else E(S.BlankNullSequence, head))


def opt(p, *default):
    return E(S.Optional, p, *default)


def seq(*items):
    return E(S.Sequence, *items)


def L(*items):
    return E(S.List, *items)


def rule(lhs, rhs, delayed=True):
    return Rule(lhs, rhs, delayed)


@pytest.fixture
def attrs():
    """Set attributes on test symbols; restored afterwards."""
    saved = []

    def set_attrs(symbol, flags):
        saved.append((symbol, symbol.attributes))
        symbol.attributes = flags
        symbol.dispatch = None

    yield set_attrs
    for symbol, flags in reversed(saved):
        symbol.attributes = flags
        symbol.dispatch = None


def first(pattern, expr, ev=None):
    return match(pattern, expr, ev or StubEv())


def every(pattern, expr, ev=None):
    return list(match_all(pattern, expr, ev or StubEv()))


# ---------------------------------------------------------------- blanks and heads
@pytest.mark.parametrize(
    "head, value, expected",
    [
        (S.Integer, 3, True),
        (S.Integer, 3.0, False),
        (S.Real, 3.0, True),
        (S.Real, BigReal.from_string("1.5", 30), True),
        (S.Real, 3, False),
        (S.Rational, Rational(1, 3), True),
        (S.Rational, 1, False),
        (S.Complex, Complex(1, 2), True),
        (S.String, "s", True),
        (S.String, a, False),
        (S.Symbol, a, True),
        (S.Symbol, "a", False),
        (S.List, L(1, 2), True),
        (S.List, E(f, 1), False),
        (S.Association, Association.from_pairs([("k", 1, False)]), True),
        (f, E(f, 1, 2), True),
        (f, E(g, 1), False),
        (f, f, False),
    ],
)
def test_blank_heads(head, value, expected):
    assert (first(bl(X, head), value) is not None) is expected
    assert matches(blank(head), value, StubEv()) is expected


def test_named_blank_binds_value():
    assert first(E(f, bl(X)), E(f, 5)) == {X: 5}
    assert first(E(f, bl(X)), E(f, 5, 6)) is None
    assert first(E(f, bl(X)), E(g, 5)) is None


def test_repeated_names_must_be_sameq():
    pat = E(f, bl(X), bl(X))
    assert first(pat, E(f, 1, 1)) == {X: 1}
    assert first(pat, E(f, 1, 2)) is None
    assert first(pat, E(f, 1, 1.0)) is None  # SameQ, not Equal


def test_literals_are_sameq():
    assert matches(E(f, 1, a), E(f, 1, a), StubEv())
    assert not matches(E(f, 1, a), E(f, 1.0, a), StubEv())
    assert matches(L(1, bl(X)), L(1, "s"), StubEv())


def test_initial_bindings_constrain():
    assert match(bl(X), 1, StubEv(), {X: 1}) == {X: 1}
    assert match(bl(X), 1, StubEv(), {X: 2}) is None


# ---------------------------------------------------------------- sequences
def test_sequence_then_single():
    assert first(E(h, bs(X), bl(Y)), E(h, 1, 2, 3, 4)) == {X: seq(1, 2, 3), Y: 4}


def test_sequences_shortest_first():
    assert first(E(f, bs(X), bs(Y)), E(f, 1, 2, 3)) == {X: seq(1), Y: seq(2, 3)}
    assert every(E(f, bns(X), bns(Y)), E(f, 1, 2, 3)) == [
        {X: seq(), Y: seq(1, 2, 3)},
        {X: seq(1), Y: seq(2, 3)},
        {X: seq(1, 2), Y: seq(3)},
        {X: seq(1, 2, 3), Y: seq()},
    ]


def test_sequence_with_head():
    assert first(L(bs(X, S.Integer)), L(1, 2, 3)) == {X: seq(1, 2, 3)}
    assert first(L(bs(X, S.Integer)), L(1, a, 3)) is None
    assert first(L(bns(X, S.Integer), bl(Y)), L(a)) == {X: seq(), Y: a}


def test_long_sequence_is_fast_and_shallow():
    big = E(S.List, *range(100_000))
    start = time.perf_counter()
    assert matches(L(E(S.BlankSequence, S.Integer)), big, StubEv())
    r = first(L(bs(X, S.Integer), bl(Y)), big)
    assert r[Y] == 99_999 and len(r[X].args) == 99_999
    assert not matches(L(E(S.BlankSequence, S.String)), big, StubEv())
    assert matches(L(E(S.Repeated, blank(S.Integer))), big, StubEv())
    assert first(L(E(S.Repeated, bl(X))), E(S.List, *([7] * 50_000))) == {X: 7}
    assert time.perf_counter() - start < 5


def test_long_fixed_pattern_does_not_recurse():
    items = tuple(range(20_000))
    pat = Expr(S.List, items[:-1] + (bl(X),))
    assert first(pat, Expr(S.List, items)) == {X: 19_999}


# ---------------------------------------------------------------- tests and conditions
def test_pattern_test():
    pat = E(f, E(S.PatternTest, bl(X), EvenQ))
    assert first(pat, E(f, 4)) == {X: 4}
    assert first(pat, E(f, 3)) is None
    seq_pat = E(f, E(S.PatternTest, bs(X), EvenQ))
    assert first(seq_pat, E(f, 2, 4)) == {X: seq(2, 4)}
    assert first(seq_pat, E(f, 2, 3)) is None


def test_pattern_test_not_run_when_structure_fails():
    ev = StubEv()
    assert match(E(f, E(S.PatternTest, bl(X), EvenQ), 1), E(f, 2, 2), ev) is None
    assert ev.evaluations == 0


def test_condition_on_part_and_whole():
    part = E(f, E(S.Condition, bl(X), E(S.Greater, X, 0)))
    assert first(part, E(f, 3)) == {X: 3}
    assert first(part, E(f, -3)) is None
    whole = E(S.Condition, E(f, bl(X), bl(Y)), E(S.Less, X, Y))
    assert first(whole, E(f, 1, 2)) == {X: 1, Y: 2}
    assert first(whole, E(f, 2, 1)) is None


def test_condition_backtracks_over_sequences():
    pat = E(S.Condition, L(bns(X), bl(Y), bns(Z)), E(S.Greater, Y, 2))
    assert first(pat, L(1, 3, 5)) == {X: seq(1), Y: 3, Z: seq(5)}


# ---------------------------------------------------------------- alternatives
def test_alternatives_left_to_right():
    pat = E(S.Alternatives, bl(X, S.Integer), bl(X))
    assert first(pat, 1) == {X: 1}
    assert every(pat, 1) == [{X: 1}, {X: 1}]
    assert first(E(S.Alternatives, a, b), b) == {}
    assert first(E(S.Alternatives, a, b), c) is None


def test_alternatives_unbound_names_vanish():
    pat = E(S.Alternatives, E(f, bl(X)), E(g, bl(Y)))
    assert first(pat, E(f, 1)) == {X: 1, Y: seq()}
    assert first(pat, E(g, 2)) == {X: seq(), Y: 2}


# ---------------------------------------------------------------- optional and defaults
def test_optional_with_explicit_default():
    pat = E(f, bl(X), opt(bl(Y), 0))
    assert first(pat, E(f, a)) == {X: a, Y: 0}
    assert first(pat, E(f, a, b)) == {X: a, Y: b}


def test_optional_present_before_absent():
    pat = E(f, opt(bl(X), 1), opt(bl(Y), 2))
    assert every(pat, E(f, a)) == [{X: a, Y: 2}, {X: 1, Y: a}]


def test_default_values_from_symbol(attrs):
    pat = E(g, bl(X), opt(bl(Y)))
    assert first(pat, E(g, a)) is None  # no Default[g]
    g.defaultvalues = {None: 7}
    try:
        assert first(pat, E(g, a)) == {X: a, Y: 7}
        g.defaultvalues = {2: 9, None: 7}
        assert first(pat, E(g, a)) == {X: a, Y: 9}
    finally:
        g.defaultvalues = {}


def test_builtin_defaults_and_one_identity():
    times = E(S.Times, opt(bl(N)), bl(X))
    assert first(times, a) == {N: 1, X: a}
    assert first(times, E(S.Times, 2, a)) == {N: 2, X: a}
    power = E(S.Power, bl(X), opt(bl(N)))
    assert first(power, a) == {X: a, N: 1}
    assert first(power, E(S.Power, a, 3)) == {X: a, N: 3}
    plus = E(S.Plus, bl(X), opt(bl(Y)))
    assert first(plus, a) == {X: a, Y: 0}


def test_defaults_need_one_identity(attrs):
    pat = E(g, opt(bl(X), 0), bl(Y))
    assert first(pat, a) is None
    attrs(g, ONE_IDENTITY)
    assert first(pat, a) == {X: 0, Y: a}


# ---------------------------------------------------------------- repeated, except, verbatim
def test_repeated():
    assert matches(L(E(S.Repeated, a)), L(a, a, a), StubEv())
    assert not matches(L(E(S.Repeated, a)), L(), StubEv())
    assert matches(L(E(S.RepeatedNull, a)), L(), StubEv())
    assert first(E(f, P(X, E(S.Repeated, a)), bns(Y)), E(f, a, a, b)) == {X: seq(a), Y: seq(a, b)}
    two_to_three = L(E(S.Repeated, blank(), L(2, 3)))
    assert not matches(two_to_three, L(1), StubEv())
    assert matches(two_to_three, L(1, 2), StubEv())
    assert matches(two_to_three, L(1, 2, 3), StubEv())
    assert not matches(two_to_three, L(1, 2, 3, 4), StubEv())
    assert matches(L(E(S.Repeated, blank(), L(2))), L(1, 2), StubEv())
    assert matches(L(E(S.Repeated, blank(), 2)), L(1, 2), StubEv())
    assert not matches(L(E(S.Repeated, blank(), 2)), L(1, 2, 3), StubEv())


def test_repeated_with_names_binds_consistently():
    pat = L(E(S.Repeated, bl(X)))
    assert first(pat, L(1, 1, 1)) == {X: 1}
    assert first(pat, L(1, 2, 1)) is None
    pairs = L(E(S.Repeated, L(bl(X), blank())))
    assert first(pairs, L(L(1, 2), L(1, 3))) == {X: 1}


def test_except():
    assert matches(E(S.Except, 0), 1, StubEv())
    assert not matches(E(S.Except, 0), 0, StubEv())
    pat = E(S.Except, 0, bl(X, S.Integer))
    assert first(pat, 5) == {X: 5}
    assert first(pat, 0) is None
    assert first(pat, a) is None
    assert first(L(E(S.Repeated, E(S.Except, 0))), L(1, 2)) == {}
    assert first(L(E(S.Repeated, E(S.Except, 0))), L(1, 0)) is None


def test_hold_pattern_and_verbatim():
    assert first(E(S.HoldPattern, E(f, bl(X))), E(f, 1)) == {X: 1}
    assert matches(E(S.Verbatim, bl(X)), bl(X), StubEv())
    assert not matches(E(S.Verbatim, bl(X)), 1, StubEv())
    assert first(E(f, E(S.Verbatim, blank()), bl(X)), E(f, blank(), 2)) == {X: 2}


def test_options_pattern_binds_options():
    pat = E(f, bl(X), P(OPTS, E(S.OptionsPattern)))
    r = first(pat, E(f, 1, E(S.Rule, a, 2), L(E(S.RuleDelayed, b, 3))))
    assert r[X] == 1
    assert r[OPTS] == seq(E(S.Rule, a, 2), L(E(S.RuleDelayed, b, 3)))
    assert r[OPTIONS_KEY][0] == (E(S.Rule, a, 2), E(S.RuleDelayed, b, 3))
    assert first(pat, E(f, 1))[OPTS] == seq()
    assert first(pat, E(f, 1, 2)) is None


# ---------------------------------------------------------------- Flat and Orderless
def test_orderless_flat_plus_collects_like_terms():
    pat = E(S.Plus, E(S.Times, bl(a), bl(X)), E(S.Times, bl(b), bl(X)))
    expr = E(S.Plus, E(S.Times, 2, y), E(S.Times, 3, y))
    assert first(pat, expr) == {a: 2, X: y, b: 3}


def test_plus_single_and_sequence():
    assert first(E(S.Plus, bl(X), bs(Y)), E(S.Plus, a, b, c)) == {X: a, Y: seq(b, c)}


def test_flat_orderless_subsets_in_wl_order():
    results = [(r[X], r[Y]) for r in every(E(S.Plus, bl(X), bl(Y)), E(S.Plus, a, b, c))]
    assert results == [
        (a, E(S.Plus, b, c)),
        (b, E(S.Plus, a, c)),
        (c, E(S.Plus, a, b)),
        (E(S.Plus, a, b), c),
        (E(S.Plus, a, c), b),
        (E(S.Plus, b, c), a),
    ]


def test_orderless_tries_arguments_in_order(attrs):
    attrs(g, ORDERLESS)
    assert every(E(g, bl(X), bl(Y)), E(g, a, b)) == [{X: a, Y: b}, {X: b, Y: a}]
    assert first(E(g, bl(X, S.Integer), bl(Y)), E(g, a, 1)) == {X: 1, Y: a}
    assert first(E(g, a, bl(X)), E(g, b, a)) == {X: b}
    assert first(E(g, bl(X), bs(Y)), E(g, a, b, c)) == {X: a, Y: seq(b, c)}


def test_flat_runs(attrs):
    attrs(f, FLAT)
    assert first(E(f, a, bl(X)), E(f, a, b, c)) == {X: E(f, b, c)}
    assert every(E(f, bl(X), bl(Y)), E(f, a, b, c)) == [
        {X: E(f, a), Y: E(f, b, c)},
        {X: a, Y: E(f, b, c)},
        {X: E(f, a, b), Y: E(f, c)},
        {X: E(f, a, b), Y: c},
    ]
    # without OneIdentity, f[x_] binds f[a] first, then a
    assert every(E(f, bl(X)), E(f, a)) == [{X: E(f, a)}, {X: a}]
    # sequence patterns are not affected by Flat
    assert first(E(f, bs(X)), E(f, a, b)) == {X: seq(a, b)}


def test_flat_one_identity(attrs):
    attrs(f, FLAT | ONE_IDENTITY)
    assert every(E(f, bl(X)), E(f, a)) == [{X: a}]
    assert first(E(f, bl(X), bl(Y)), E(f, 1, 2, 3)) == {X: 1, Y: E(f, 2, 3)}


# ---------------------------------------------------------------- substitute
def test_substitute_replaces_and_keeps_untouched_objects():
    inner = E(g, a, b)
    template = E(f, X, inner, E(S.Hold, X))
    out = substitute(template, {X: 1})
    assert out == E(f, 1, inner, E(S.Hold, 1))
    assert out.args[1] is inner
    assert substitute(template, {Y: 1}) is template
    assert substitute(template, {}) is template
    assert substitute(X, {X: 5}) == 5


def test_substitute_splices_sequences():
    assert substitute(E(g, X, 0), {X: seq(1, 2)}) == E(g, 1, 2, 0)
    assert substitute(E(S.Hold, X), {X: seq(1, 2)}) == E(S.Hold, 1, 2)
    assert substitute(L(X, Y), {X: seq(), Y: 1}) == L(1)


def test_substitute_into_association():
    assoc = Association.from_pairs([("k", X, False)])
    out = substitute(assoc, {X: 3})
    assert out.get("k")[1] == 3


# ---------------------------------------------------------------- rules
def test_rule_apply_basic(ev):
    r = rule(bl(X, S.Integer), E(S.Power, X, 2), False)
    assert r.apply(3, ev) == E(S.Power, 3, 2)
    assert r.apply(a, ev) is None
    seqr = rule(E(f, bs(X)), L(X))
    assert seqr.apply(E(f, a, b, c), ev) == L(a, b, c)


def test_rule_condition_backtracks(ev):
    r = rule(L(bns(X), bl(Y), bns(Z)), E(S.Condition, Y, E(S.Greater, Y, 2)))
    assert r.apply(L(1, 3, 5), ev) == 3
    assert r.apply(L(1, 2), ev) is None


def test_definition_condition_on_rhs(ev):
    r = rule(E(f, bl(X)), E(S.Condition, E(g, X), E(S.Greater, X, 0)))
    assert r.apply(E(f, 5), ev) == E(g, 5)
    assert r.apply(E(f, -5), ev) is None


def test_rule_results_lists_every_match(ev):
    r = rule(E(f, bs(X), bs(Y)), L(L(X), L(Y)))
    assert list(r.results(E(f, 1, 2, 3), ev)) == [L(L(1), L(2, 3)), L(L(1, 2), L(3))]


def test_partial_flat_match(ev):
    r = rule(E(S.Plus, a, b), x, False)
    assert r.apply(E(S.Plus, a, b, c), ev) == E(S.Plus, x, c)  # re-sorted by evaluation
    r2 = rule(E(S.Plus, a, c), z, False)
    assert r2.apply(E(S.Plus, a, b, c), ev) == E(S.Plus, z, b)


def test_partial_flat_match_keeps_order(ev, attrs):
    attrs(f, FLAT)
    r = rule(E(f, a, b), x, False)
    assert r.apply(E(f, a, b, c), ev) == E(f, x, c)
    assert r.apply(E(f, c, a, b, d), ev) == E(f, c, x, d)
    assert r.apply(E(f, b, a), ev) is None


def test_option_value_in_rhs(ev):
    opt_a, opt_b, opt_c = sym("optA"), sym("optB"), sym("optC")
    fo = sym("fo")
    fo.options = [E(S.Rule, opt_a, 1), E(S.Rule, opt_b, 2)]
    try:
        r = rule(
            E(fo, bl(X), E(S.OptionsPattern)),
            L(X, E(OptionValue, opt_a), E(OptionValue, opt_b), E(OptionValue, "optB")),
        )
        assert r.apply(E(fo, 0), ev) == L(0, 1, 2, 2)
        assert r.apply(E(fo, 0, E(S.Rule, opt_b, 5)), ev) == L(0, 1, 5, 5)
        assert r.apply(E(fo, 0, L(E(S.Rule, opt_a, 7))), ev) == L(0, 7, 2, 2)
        r2 = rule(E(fo, E(S.OptionsPattern)), E(OptionValue, opt_c))
        assert r2.apply(E(fo), ev) == opt_c
        assert ev.messages == ["OptionValue::optnf"]
    finally:
        fo.options = []


# ---------------------------------------------------------------- definition order
def _defs(*rules):
    out = []
    for r in rules:
        insert_definition(out, r)
    return out


def test_literal_definitions_first():
    general = rule(E(f, bl(X)), 1)
    special = rule(E(f, 1), 2)
    assert _defs(general, special) == [special, general]


def test_identical_lhs_replaces():
    r1 = rule(E(f, bl(X)), 1)
    r2 = rule(E(S.HoldPattern, E(f, bl(X))), 2)
    defs = _defs(r1, r2)
    assert defs == [r2]
    # different right-side conditions are different definitions
    c1 = rule(E(f, bl(X)), E(S.Condition, 1, E(S.Greater, X, 0)))
    c2 = rule(E(f, bl(X)), E(S.Condition, 2, E(S.Less, X, 0)))
    assert len(_defs(c1, c2)) == 2


@pytest.mark.parametrize(
    "specific, general",
    [
        (E(f, bl(X, S.Integer)), E(f, bl(X))),
        (E(f, bl(X), bl(Y)), E(f, bs(X))),
        (E(f, bs(X)), E(f, bns(X))),
        (E(f, E(S.PatternTest, bl(X), EvenQ)), E(f, bl(X))),
        (E(f, L(bl(X), bl(Y))), E(f, bl(X, S.List))),
        (E(f, bl(X), 1), E(f, bl(X), bl(Y))),
        (E(S.Condition, E(f, bl(X)), E(S.Greater, X, 0)), E(f, bl(X))),
    ],
)
def test_specific_before_general(specific, general):
    s, g_ = rule(specific, 1), rule(general, 2)
    assert _defs(g_, s) == [s, g_]
    assert _defs(s, g_) == [s, g_]


def test_rhs_condition_is_more_specific():
    plain = rule(E(f, bl(X)), 1)
    conditioned = rule(E(f, bl(X)), E(S.Condition, 2, E(S.Greater, X, 0)))
    assert _defs(plain, conditioned) == [conditioned, plain]


def test_incomparable_keep_definition_order():
    sum_rule = rule(E(g, E(S.Plus, bl(X), bl(Y))), 1)
    prod_rule = rule(E(g, E(S.Times, bl(X), bl(Y))), 2)
    assert _defs(sum_rule, prod_rule) == [sum_rule, prod_rule]
    assert _defs(prod_rule, sum_rule) == [prod_rule, sum_rule]


def test_many_literal_definitions_are_cheap():
    defs = []
    general = rule(E(f, bl(X)), 0)
    insert_definition(defs, general)
    start = time.perf_counter()
    for i in range(5000):
        insert_definition(defs, rule(E(f, i), i, False))
    insert_definition(defs, rule(E(f, 17), -17, False))  # replaces in place
    assert time.perf_counter() - start < 3
    assert len(defs) == 5001 and defs[-1] is general
    assert defs[17].rhs == -17


def test_remove_definition():
    defs = _defs(rule(E(f, bl(X)), 1), rule(E(f, 1), 2))
    assert remove_definition(defs, E(S.HoldPattern, E(f, 1)))
    assert len(defs) == 1 and not remove_definition(defs, E(f, 1))


# ---------------------------------------------------------------- apply_definitions
def _fresh_owner(name):
    owner = sym(name)
    owner.dispatch = None
    return owner


def test_apply_definitions_order_and_literals(ev):
    owner = _fresh_owner("fa")
    defs = _defs(rule(E(owner, bl(X)), L(1, X)), rule(E(owner, 1), 2))
    assert apply_definitions(defs, E(owner, 1), ev, owner) == 2
    assert apply_definitions(defs, E(owner, 5), ev, owner) == L(1, 5)
    assert apply_definitions(defs, E(owner, 5, 6), ev, owner) is None


def test_fifty_definitions(ev):
    owner = _fresh_owner("fifty")
    defs = []
    for i in range(1, 50):
        insert_definition(defs, rule(E(owner, i), i * 10, False))
    insert_definition(defs, rule(E(owner, bl(X)), L(X)))
    insert_definition(defs, rule(E(owner, bl(X), bl(Y, S.Integer)), L(Y, X)))
    insert_definition(defs, rule(E(owner, 3, bl(Y)), L(3, Y)))
    insert_definition(defs, rule(E(owner, bs(X)), L(0, X)))
    assert apply_definitions(defs, E(owner, 7), ev, owner) == 70
    assert apply_definitions(defs, E(owner, a), ev, owner) == L(a)
    assert apply_definitions(defs, E(owner, 3, 4), ev, owner) == L(3, 4)
    assert apply_definitions(defs, E(owner, 2, 4), ev, owner) == L(4, 2)
    assert apply_definitions(defs, E(owner, 2, a), ev, owner) == L(0, 2, a)
    assert apply_definitions(defs, E(owner, 1, 2, 3), ev, owner) == L(0, 1, 2, 3)
    assert apply_definitions(defs, E(owner), ev, owner) is None
    # a new definition is seen at once (insert keeps the index in step)
    insert_definition(defs, rule(E(owner, 7), -7, False))
    owner.dispatch = None  # what touch() does
    assert apply_definitions(defs, E(owner, 7), ev, owner) == -7
    # a list changed behind the index's back is re-indexed
    defs.insert(0, rule(E(owner, bl(X, S.String)), "str"))
    owner.dispatch = None
    assert apply_definitions(defs, E(owner, "s"), ev, owner) == "str"


def test_upvalue_style_rules(ev):
    owner = _fresh_owner("up")
    defs = _defs(*(rule(E(g, E(owner, i)), i, False) for i in range(6)), rule(E(g, E(owner, bl(X))), X))
    assert apply_definitions(defs, E(g, E(owner, 3)), ev, owner) == 3
    assert apply_definitions(defs, E(g, E(owner, a)), ev, owner) == a
    assert apply_definitions(defs, E(h, E(owner, a)), ev, owner) is None


def test_definitions_with_flat_head(ev, attrs):
    owner = _fresh_owner("flatdef")
    attrs(owner, FLAT)
    defs = _defs(*(rule(E(owner, a, i), i, False) for i in range(5)), rule(E(owner, bl(X), bl(Y)), L(X, Y)))
    assert apply_definitions(defs, E(owner, a, 3), ev, owner) == 3
    assert apply_definitions(defs, E(owner, a, 3, b), ev, owner) == E(owner, 3, b)
    assert apply_definitions(defs, E(owner, b, c), ev, owner) == L(E(owner, b), E(owner, c))


def test_conditional_definitions_fall_through(ev):
    owner = _fresh_owner("cond")
    defs = _defs(
        rule(E(owner, bl(X)), E(S.Condition, "pos", E(S.Greater, X, 0))),
        rule(E(owner, bl(X)), E(S.Condition, "neg", E(S.Less, X, 0))),
        rule(E(owner, bl(X)), "zero"),
        rule(E(owner, 100), "hundred"),
        rule(E(owner, E(S.PatternTest, bl(X), EvenQ)), "even"),
    )
    assert [apply_definitions(defs, E(owner, v), ev, owner) for v in (100, 4, 3, -3, 0)] == [
        "hundred",
        "even",
        "pos",
        "neg",
        "even",
    ]
    assert apply_definitions(defs, E(owner, a), ev, owner) == "zero"


def test_apply_rules_once_and_table(ev):
    rules = [rule(a, 1, False), rule(b, 2, False), rule(bl(X, S.Integer), E(g, X)), rule(E(f, bl(X)), X)]
    for table in (rules, RuleTable(rules)):
        assert apply_rules_once(table, a, ev) == 1
        assert apply_rules_once(table, 5, ev) == E(g, 5)
        assert apply_rules_once(table, E(f, c), ev) == c
        assert apply_rules_once(table, c, ev) is None
        assert apply_rules_once(table, 5.0, ev) is None


# ---------------------------------------------------------------- specialised vs general
SHAPES = [
    E(f, bl(X)),
    E(f, blank()),
    E(f, bl(X, S.Integer)),
    E(f, bl(X, S.Real)),
    E(f, bl(X, S.String)),
    E(f, bl(X, S.Symbol)),
    E(f, bl(X, S.List)),
    E(f, bl(X, g)),
    E(f, bl(X), bl(Y)),
    E(f, bl(X), bl(Y, S.Integer)),
    E(f, bl(X), bl(X)),
    E(f, 0),
    E(f, 0, bl(X)),
    E(f, E(S.PatternTest, bl(X), EvenQ)),
    E(f, E(S.Condition, bl(X), E(S.Greater, X, 1))),
    E(S.Condition, E(f, bl(X), bl(Y)), E(S.Less, X, Y)),
    bl(X, S.Integer),
    E(S.PatternTest, blank(), EvenQ),
    E(S.HoldPattern, E(f, bl(X))),
]
SUBJECTS = [
    E(f, 0),
    E(f, 2),
    E(f, 3),
    E(f, 2.5),
    E(f, "s"),
    E(f, a),
    E(f, L(1)),
    E(f, E(g, 1)),
    E(f, 1, 2),
    E(f, 2, 1),
    E(f, 0, 0),
    E(f, a, 2),
    E(f, 2, 2),
    E(f),
    E(g, 2),
    4,
    "x",
]


@pytest.mark.parametrize("shape", SHAPES, ids=range(len(SHAPES)))
def test_specialised_matchers_agree_with_general(shape):
    compiled = compile_matcher(shape)
    assert compiled is not None
    for subject in SUBJECTS:
        expected = match(shape, subject, StubEv())
        assert compiled(subject, StubEv()) == expected, subject


def test_specialised_matcher_defers_under_flat(attrs):
    compiled = compile_matcher(E(f, bl(X)))
    assert compiled(E(f, a, b), StubEv()) is None
    attrs(f, FLAT)
    assert compiled(E(f, a, b), StubEv()) is FALLBACK


def test_unusual_shapes_are_not_specialised():
    assert compile_matcher(E(f, bs(X))) is None
    assert compile_matcher(E(f, opt(bl(X), 0))) is None
    assert compile_matcher(E(f, E(g, bl(X)))) is None


def test_index_is_shared_per_list():
    defs = _defs(*(rule(E(f, i), i) for i in range(10)))
    assert index_of(defs) is index_of(defs)
    assert index_of(defs).literal_count == 10


def test_malformed_patterns_match_nothing(ev):
    odd = [
        E(S.Pattern, 1, blank()),
        E(S.Blank, 1, 2),
        E(S.Repeated, a, "bad"),
        E(S.Optional, a, b, c),
        E(S.Condition, a),
        E(S.PatternTest, a),
        E(S.Alternatives),
        E(S.Except),
        E(S.Verbatim),
        E(S.HoldPattern),
        E(f, E(S.Repeated, a, L(3, 1))),
    ]
    for p in odd:
        assert list(match_all(p, E(f, a), ev)) == [], p
        assert list(match_all(E(f, p), E(f, a), ev)) == [], p
        assert rule(p, 1).apply(a, ev) is None, p
    assert ev.messages == []


# ---------------------------------------------------------------- compiled right sides
@pytest.mark.parametrize(
    "template",
    [
        X,
        E(f, X, 1, E(g, Y, 2), E(S.Hold, X)),
        E(X, Y),
        L(X, Y, Z),
        E(g, a, b),
        5,
        Association.from_pairs([("k", X, False)]),
    ],
    ids=range(7),
)
def test_compiled_templates_agree_with_substitute(template):
    from lyra_core.patterns.substitute import compile_template

    build = compile_template(template, frozenset({X, Y, Z}))
    for b in ({X: 1, Y: 2, Z: 3}, {X: seq(1, 2), Y: seq(), Z: a}, {X: f}, {}):
        assert build(b) == substitute(template, b)
    if type(template) is Expr and template.head is g:
        assert build({X: 1}) is template  # untouched templates are reused


def test_pattern_predicate_agrees_with_matches(attrs):
    from lyra_core.patterns.specialize import pattern_predicate

    for naive in (False, True):
        ev = StubEv(naive=naive)
        for shape in SHAPES:
            test = pattern_predicate(shape, ev)
            for subject in SUBJECTS:
                assert test(subject) is matches(shape, subject, ev), (shape, subject)
    attrs(f, FLAT)
    test = pattern_predicate(E(f, bl(X)), StubEv())
    assert test(E(f, a, b))  # Flat: x_ takes f[a, b]


def test_rule_results_partial_only_without_whole_matches(ev):
    whole = rule(E(S.Plus, bl(X), bl(Y)), L(X, Y), False)
    assert len(list(whole.results(E(S.Plus, a, b, c), ev))) == 6
    part = rule(E(S.Plus, a, b), x, False)
    assert list(part.results(E(S.Plus, a, b, c), ev)) == [E(S.Plus, x, c)]
    assert part.apply(E(S.Plus, a, b, c), ev, partial=False) is None
