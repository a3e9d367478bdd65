"""Plus, Times, Power, Subtract, Minus, Divide, Sqrt and infinities, called
through a minimal stub evaluator (arith_stub) so they are tested on their own.

Expected values are WL's normal forms, written in FullForm. Where WL's
behaviour was taken from its documentation or well-known outputs rather than
a live kernel, the comment says "WL doc" / "WL output".
"""

import time

import pytest

from arith_stub import StubEvaluator, ff, parse, run
from lyra_core.expr import E, S, lookup
from lyra_core.library import arithmetic

CASES = [
    # exact numbers
    ("Plus[1, 2]", "3"),
    ("Plus[Rational[1, 3], Rational[1, 6]]", "Rational[1, 2]"),
    ("Times[Rational[2, 3], Rational[3, 2]]", "1"),
    ("Divide[6, 2]", "3"),
    ("Divide[6, 4]", "Rational[3, 2]"),
    ("Subtract[5, 3]", "2"),
    ("Minus[5]", "-5"),
    ("Plus[]", "0"),
    ("Times[]", "1"),
    ("Plus[x]", "x"),
    ("Times[x]", "x"),
    # machine reals: any machine real makes the result machine
    ("Plus[1, 2.]", "3.0"),
    ("Plus[Rational[1, 2], 0.5]", "1.0"),
    ("Divide[1., 3]", "0.3333333333333333"),
    # complex numbers
    ("Power[I, 2]", "-1"),
    ("Power[Plus[1, I], 2]", "Complex[0, 2]"),
    ("Divide[1, I]", "Complex[0, -1]"),
    ("Times[Plus[2., I], 3]", "Complex[6.0, 3.0]"),
    ("Plus[I, Minus[I]]", "0"),
    ("Times[Plus[1, I], Plus[1, Minus[I]]]", "2"),
    # integer and rational powers
    ("Power[2, 10]", "1024"),
    ("Power[2, -2]", "Rational[1, 4]"),
    ("Power[Rational[2, 3], 2]", "Rational[4, 9]"),
    ("Power[Rational[4, 9], Rational[1, 2]]", "Rational[2, 3]"),
    ("Sqrt[16]", "4"),
    ("Sqrt[8]", "Times[2, Power[2, Rational[1, 2]]]"),
    ("Sqrt[-4]", "Complex[0, 2]"),
    ("Sqrt[2]", "Power[2, Rational[1, 2]]"),
    ("Sqrt[-2]", "Times[Complex[0, 1], Power[2, Rational[1, 2]]]"),
    ("Power[8, Rational[1, 3]]", "2"),
    ("Power[8, Rational[2, 3]]", "4"),
    ("Power[4, Rational[1, 3]]", "Power[2, Rational[2, 3]]"),  # WL output
    ("Power[12, Rational[1, 2]]", "Times[2, Power[3, Rational[1, 2]]]"),
    ("Power[2, Rational[3, 2]]", "Times[2, Power[2, Rational[1, 2]]]"),
    ("Power[2, Rational[-3, 2]]", "Times[Rational[1, 2], Power[2, Rational[-1, 2]]]"),
    ("Power[Rational[1, 2], Rational[1, 2]]", "Power[2, Rational[-1, 2]]"),  # 1/Sqrt[2]
    ("Power[Rational[4, 3], Rational[1, 2]]", "Times[2, Power[3, Rational[-1, 2]]]"),
    ("Power[Rational[2, 3], Rational[1, 2]]", "Power[Rational[2, 3], Rational[1, 2]]"),
    ("Power[-1, Rational[1, 2]]", "Complex[0, 1]"),
    ("Power[-1, Rational[3, 2]]", "Complex[0, -1]"),
    ("Power[-1, Rational[1, 3]]", "Power[-1, Rational[1, 3]]"),
    ("Power[-1, Rational[4, 3]]", "Times[-1, Power[-1, Rational[1, 3]]]"),  # WL output
    ("Power[-8, Rational[1, 3]]", "Times[2, Power[-1, Rational[1, 3]]]"),  # WL output
    ("Power[I, Rational[1, 2]]", "Power[-1, Rational[1, 4]]"),  # WL: Sqrt[I]
    ("Power[1, x]", "1"),
    # inexact powers
    ("Power[2., 0.5]", "1.4142135623730951"),
    ("Power[2, 0.5]", "1.4142135623730951"),
    ("Power[-8., Rational[1, 3]]", "Complex[1.0000000000000002, 1.7320508075688772]"),
    ("Power[4., -1]", "0.25"),
    # symbolic powers
    ("Power[x, 0]", "1"),
    ("Power[x, 1]", "x"),
    ("Power[x, 0.]", "1.0"),
    ("Power[Power[x, 2], 3]", "Power[x, 6]"),
    ("Power[Power[x, 2], Rational[1, 2]]", "Power[Power[x, 2], Rational[1, 2]]"),
    ("Power[Power[x, Rational[1, 2]], 2]", "x"),
    ("Power[Power[x, Rational[1, 2]], Rational[1, 2]]", "Power[x, Rational[1, 4]]"),
    ("Power[Times[x, y], 2]", "Times[Power[x, 2], Power[y, 2]]"),
    ("Power[Times[2, x], 2]", "Times[4, Power[x, 2]]"),
    ("Power[Times[-1, x], 2]", "Power[x, 2]"),
    ("Sqrt[Times[2, x]]", "Times[Power[2, Rational[1, 2]], Power[x, Rational[1, 2]]]"),
    ("Power[Times[x, y], Rational[1, 2]]", "Power[Times[x, y], Rational[1, 2]]"),
    # collecting terms and factors
    ("Plus[x, x]", "Times[2, x]"),
    ("Times[x, x]", "Power[x, 2]"),
    ("Plus[Times[2, x], Times[-2, x]]", "0"),
    ("Times[0, x]", "0"),
    ("Plus[x, Times[2., x]]", "Times[3.0, x]"),
    ("Times[Power[x, 2], Power[x, 3]]", "Power[x, 5]"),
    ("Times[x, Power[y, -1], y]", "x"),
    ("Times[x, Power[x, -1]]", "1"),
    ("Divide[x, x]", "1"),
    ("Times[x, Sqrt[x]]", "Power[x, Rational[3, 2]]"),
    ("Times[Power[x, a], Power[x, b]]", "Power[x, Plus[a, b]]"),
    ("Times[Sqrt[2], Sqrt[2]]", "2"),
    ("Times[2, Sqrt[2], Sqrt[2]]", "4"),
    ("Times[2, Sqrt[2]]", "Times[2, Power[2, Rational[1, 2]]]"),
    ("Divide[Sqrt[2], 2]", "Power[2, Rational[-1, 2]]"),  # WL: 1/Sqrt[2]
    ("Divide[2, Sqrt[2]]", "Power[2, Rational[1, 2]]"),
    ("Times[Sqrt[2], Sqrt[3]]", "Power[6, Rational[1, 2]]"),
    ("Divide[Sqrt[6], Sqrt[2]]", "Power[3, Rational[1, 2]]"),
    ("Times[Minus[1], Plus[a, b]]", "Plus[Times[-1, a], Times[-1, b]]"),  # -(a + b) -> -a - b
    ("Times[2, Plus[a, b]]", "Times[2, Plus[a, b]]"),
    ("Plus[1, x, 1]", "Plus[2, x]"),
    ("Subtract[a, a]", "0"),
    ("Plus[Times[a, b], c, Times[b, a]]", "Plus[Times[2, a, b], c]"),
    ("Plus[Power[x, 2], Times[2, x], 1]", "Plus[1, Times[2, x], Power[x, 2]]"),
    ("Times[b, Power[b, 2], a, c]", "Times[a, Power[b, 3], c]"),
    # inexact zeros: an exact 0 annihilates, an inexact one does not
    # (WL: 0 x is 0 but 0. x stays 0. x; 0*1.5 is 0. since version 8;
    # x + 0. stays 0. + x)
    ("Times[0., x]", "Times[0.0, x]"),
    ("Times[0, 1.5]", "0.0"),
    ("Times[0., 2]", "0.0"),
    ("Plus[x, 0.]", "Plus[0.0, x]"),
    ("Plus[x, Times[-1., x]]", "Times[0.0, x]"),
    ("Plus[x, 0]", "x"),
    # infinities
    ("Infinity", "DirectedInfinity[1]"),
    ("Minus[Infinity]", "DirectedInfinity[-1]"),
    ("ComplexInfinity", "DirectedInfinity[]"),
    ("Plus[Infinity, 1]", "DirectedInfinity[1]"),
    ("Plus[Infinity, x]", "DirectedInfinity[1]"),
    ("Plus[Infinity, Infinity]", "DirectedInfinity[1]"),
    ("Times[2, Infinity]", "DirectedInfinity[1]"),
    ("Times[-2, Infinity]", "DirectedInfinity[-1]"),
    ("Times[Infinity, Infinity]", "DirectedInfinity[1]"),
    ("Times[Infinity, Minus[Infinity]]", "DirectedInfinity[-1]"),
    ("Divide[1, Infinity]", "0"),
    ("Power[Infinity, 2]", "DirectedInfinity[1]"),
    ("Power[2, Infinity]", "DirectedInfinity[1]"),
    ("Power[Rational[1, 2], Infinity]", "0"),
    ("Times[x, ComplexInfinity]", "DirectedInfinity[]"),
    ("DirectedInfinity[5]", "DirectedInfinity[1]"),
    ("DirectedInfinity[0]", "DirectedInfinity[]"),
    ("DirectedInfinity[Complex[3, 4]]", "DirectedInfinity[Complex[Rational[3, 5], Rational[4, 5]]]"),
    ("Plus[Indeterminate, 1]", "Indeterminate"),
    ("Times[Indeterminate, 0]", "Indeterminate"),
]


@pytest.mark.parametrize("source,expected", CASES)
def test_normal_forms(source, expected):
    value, messages = run(source)
    assert value == expected
    assert messages == []


MESSAGE_CASES = [
    ("Power[0, 0]", "Indeterminate", ["Power::indet"]),
    ("Power[0., 0]", "Indeterminate", ["Power::indet"]),
    ("Power[0, -1]", "DirectedInfinity[]", ["Power::infy"]),
    ("Divide[1, 0]", "DirectedInfinity[]", ["Power::infy"]),
    ("Divide[0, 0]", "Indeterminate", ["Power::infy", "Infinity::indet"]),
    ("Times[0, Infinity]", "Indeterminate", ["Infinity::indet"]),
    ("Plus[Infinity, Minus[Infinity]]", "Indeterminate", ["Infinity::indet"]),
    ("Plus[ComplexInfinity, ComplexInfinity]", "Indeterminate", ["Infinity::indet"]),
    ("Power[Infinity, 0]", "Indeterminate", ["Power::indet"]),
    ("Power[1, Infinity]", "Indeterminate", ["Power::indet"]),
]


@pytest.mark.parametrize("source,expected,expected_messages", MESSAGE_CASES)
def test_messages(source, expected, expected_messages):
    value, messages = run(source)
    assert value == expected
    assert messages == expected_messages


def test_indeterminate_message_arguments():
    ev = StubEvaluator()
    ev.evaluate(parse("Plus[Infinity, Minus[Infinity]]"))
    # printed by WL as "Indeterminate expression -Infinity + Infinity encountered."
    assert ff(ev.message_args[0][0]) == "Plus[DirectedInfinity[-1], DirectedInfinity[1]]"
    ev = StubEvaluator()
    ev.evaluate(parse("Divide[1, 0]"))
    # printed as "Infinite expression 1/0 encountered."
    assert ff(ev.message_args[0][0]) == "Power[0, -1]"


def test_huge_power_refused_quickly():
    start = time.perf_counter()
    value, messages = run("Power[2, Power[10, 9]]")
    assert time.perf_counter() - start < 1.0
    assert value == "Power[2, 1000000000]"
    assert "General::ovfl" in messages


def test_machine_overflow_becomes_bigreal():
    value, _ = run("Power[10., 400]")
    assert value.startswith("1.0e+400`15.95")


def test_bigreal_precision_tracking():
    from lyra_core.expr.atoms import BigReal

    ev = StubEvaluator()
    x30 = BigReal.from_string("2", 30)
    x20 = BigReal.from_string("3", 20)
    product = ev.evaluate(E(S.Times, x30, x20))
    assert type(product) is BigReal and product.precision == 20
    assert float(product) == 6.0
    # BigReal + machine real is a machine real
    assert ev.evaluate(E(S.Plus, x30, 1.5)) == 3.5
    # exact + BigReal keeps the accuracy: 2`30 + 1 has about 30.18 digits
    total = ev.evaluate(E(S.Plus, x30, 1))
    assert type(total) is BigReal and 30.1 < total.precision < 30.2


def test_fast_paths_return_plain_ints():
    ev = StubEvaluator()
    assert arithmetic.plus(ev, 1, 2, 3) == 6
    assert arithmetic.times(ev, 2, 3, 4) == 24
    assert type(arithmetic.plus(ev, 10**30, 1)) is int


def test_unchanged_calls_return_none():
    ev = StubEvaluator()
    x, y = lookup("x"), lookup("y")
    assert arithmetic.plus(ev, x, y) is None
    assert arithmetic.times(ev, 2, x) is None
    assert arithmetic.power(ev, x, 2) is None
    assert arithmetic.power(ev, 2, arithmetic.Rational(1, 2)) is None
