"""Canonical order (lyra_core.expr.order): WL's Sort order and the term order
Plus and Times sort into."""

import random

from arith_stub import ff, parse
from lyra_core.expr import E, S, lookup, make_complex, make_rational, same
from lyra_core.expr.atoms import BigReal
from lyra_core.expr.order import canonical_sort, compare, is_ordered, order_key


def sort_text(*items):
    return [ff(x) for x in canonical_sort(tuple(parse(t) for t in items))]


def test_numbers_by_value_exact_before_inexact():
    items = (2, 1.5, 1, 1.0, make_rational(3, 2), -3, 0.25)
    assert [ff(x) for x in canonical_sort(items)] == [
        "-3", "0.25", "1", "1.0", "Rational[3, 2]", "1.5", "2",
    ]


def test_complex_by_real_part_then_imaginary_magnitude():
    items = (make_complex(1, 2), make_complex(1, -1), 1, make_complex(0, 5), 2)
    assert [ff(x) for x in canonical_sort(items)] == [
        "Complex[0, 5]", "1", "Complex[1, -1]", "Complex[1, 2]", "2",
    ]


def test_strings_lowercase_first():
    assert sort_text('"b"', '"a"', '"B"', '"A"') == ['"a"', '"A"', '"b"', '"B"']
    assert sort_text('"ab"', '"AB"', '"aB"', '"Ab"') == ['"ab"', '"aB"', '"Ab"', '"AB"']
    assert sort_text('"abc"', '"ab"') == ['"ab"', '"abc"']


def test_symbols_alphabetical_lowercase_first():
    assert sort_text("B", "b", "A", "a", "c") == ["a", "A", "b", "B", "c"]


def test_kinds_numbers_strings_symbols_expressions():
    assert sort_text("f[x]", "x", '"s"', "3") == ["3", '"s"', "x", "f[x]"]


def test_polynomial_term_order():
    # 1 + 2*x + x^2
    assert sort_text("Power[x, 2]", "Times[2, x]", "1") == ["1", "Times[2, x]", "Power[x, 2]"]
    # x + x^2 + x^3
    assert sort_text("Power[x, 3]", "x", "Power[x, 2]") == ["x", "Power[x, 2]", "Power[x, 3]"]
    # x^2 + y,  x + y,  a*b + c,  2*a + b
    assert sort_text("y", "Power[x, 2]") == ["Power[x, 2]", "y"]
    assert sort_text("c", "Times[a, b]") == ["Times[a, b]", "c"]
    assert sort_text("b", "Times[2, a]") == ["Times[2, a]", "b"]
    # a + b*c but b + a*c (products compare by their last factor)
    assert sort_text("Times[b, c]", "a") == ["a", "Times[b, c]"]
    assert sort_text("Times[a, c]", "b") == ["b", "Times[a, c]"]
    # Expand[(x + y + z)^2] in WL: x^2 + 2 x y + y^2 + 2 x z + 2 y z + z^2
    terms = ["Power[x, 2]", "Times[2, x, y]", "Power[y, 2]", "Times[2, x, z]",
             "Times[2, y, z]", "Power[z, 2]"]
    shuffled = terms[::-1]
    assert sort_text(*shuffled) == terms
    # x^3 + 3 x^2 y + 3 x y^2 + y^3
    cubic = ["Power[x, 3]", "Times[3, Power[x, 2], y]", "Times[3, x, Power[y, 2]]", "Power[y, 3]"]
    assert sort_text(*reversed(cubic)) == cubic


def test_powers_with_other_exponents():
    # 1/x + Sqrt[x] + x  (exponent -1 < 1/2 < 1); x^2 before x^n
    assert sort_text("x", "Power[x, Rational[1, 2]]", "Power[x, -1]") == [
        "Power[x, -1]", "Power[x, Rational[1, 2]]", "x",
    ]
    assert sort_text("Power[x, n]", "Power[x, 2]") == ["Power[x, 2]", "Power[x, n]"]
    # x^2 before f[x]: compared by the base x
    assert sort_text("f[x]", "Power[x, 2]") == ["Power[x, 2]", "f[x]"]


def test_coefficient_breaks_ties():
    assert sort_text("Times[2, x]", "x", "Times[-1, x]") == ["Times[-1, x]", "x", "Times[2, x]"]


def test_expressions_shorter_first_then_head_then_arguments():
    assert sort_text("f[a, b]", "g[a]") == ["g[a]", "f[a, b]"]
    assert sort_text("g[a]", "f[b]") == ["f[b]", "g[a]"]
    assert sort_text("f[b]", "f[a]") == ["f[a]", "f[b]"]
    assert sort_text("f[2]", "f[1]", "f[x]") == ["f[1]", "f[2]", "f[x]"]


def test_order_consistent_with_sameq():
    x = lookup("x")
    distinct = [
        1, 1.0, make_rational(1, 2), 0.5, make_complex(1, 1), make_complex(1.0, 1.0),
        "x", x, E(S.Times, x), E(S.Power, x, 1), E(S.Times, 1, x), E(S.Times, E(S.Power, x, 1)),
        E(S.Times, 2, x), E(S.Times, 2.0, x), E(lookup("f"), 1), E(lookup("f"), 1.0),
        BigReal.from_string("1", 20), BigReal.from_string("1", 30), E(S.Times), E(S.Times, 1),
    ]
    for a in distinct:
        for b in distinct:
            if a is b:
                assert compare(a, b) == 0
            else:
                assert (compare(a, b) == 0) == same(a, b), (ff(a), ff(b))
                assert compare(a, b) == -compare(b, a)


def test_total_order_transitive_on_random_terms():
    rng = random.Random(7)
    atoms = [1, 2, 0.5, make_rational(1, 3), "a", lookup("x"), lookup("y"), lookup("A")]

    def term(depth):
        if depth == 0 or rng.random() < 0.4:
            return rng.choice(atoms)
        head = rng.choice([S.Plus, S.Times, S.Power, lookup("f")])
        return E(head, *[term(depth - 1) for _ in range(rng.randint(1, 3))])

    items = [term(3) for _ in range(300)]
    ordered = sorted(items, key=order_key)
    for a, b in zip(ordered, ordered[1:]):
        assert compare(a, b) <= 0
    assert is_ordered(ordered)


def test_canonical_sort_returns_same_tuple_when_sorted():
    args = (1, 2, lookup("x"))
    assert canonical_sort(args) is args
    assert canonical_sort((2, 1)) == (1, 2)


def test_bigreal_in_order():
    big = BigReal.from_string("1.5", 30)
    assert [ff(x) for x in canonical_sort((2, big, 1))][0] == "1"
    assert canonical_sort((2, big, 1))[1] is big
