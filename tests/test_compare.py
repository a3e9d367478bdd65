"""Comparisons, SameQ, signs, Max/Min, Abs/Sign, Order, OrderedQ, Sort, SortBy
(lyra_core/library/compare.py) through the stub evaluator."""

import pytest

from arith_stub import run

CASES = [
    ("Equal[1, 1.]", "True"),
    ("Equal[1, Rational[1, 1]]", "True"),
    ("Equal[Rational[1, 2], 0.5]", "True"),
    ("Equal[1, 2]", "False"),
    ('Equal["a", "a"]', "True"),
    ('Equal["a", "b"]', "False"),
    ('Equal["a", 1]', "False"),
    ("Equal[x, x]", "True"),
    ("Equal[x, y]", "Equal[x, y]"),
    ("Equal[1, 1, 1]", "True"),
    ("Equal[1, 2, x]", "False"),
    ("Equal[1]", "True"),
    ("Equal[Complex[1, 2], Complex[1., 2.]]", "True"),
    ("Equal[1., Plus[1., Power[10., -15]]]", "True"),  # WL: last 7 bits tolerance
    ("Equal[List[1, 2], List[1, 2.]]", "True"),
    ("Equal[List[1, 2], List[1, 3]]", "False"),
    ("Equal[List[1], List[1, 2]]", "False"),
    ("Equal[Infinity, Infinity]", "True"),
    ("Equal[Infinity, 1]", "False"),
    ("Unequal[1, 2]", "True"),
    ("Unequal[1, 1.]", "False"),
    ("Unequal[x, y]", "Unequal[x, y]"),
    ("Unequal[1, 2, 1]", "False"),
    ("Less[1, 2]", "True"),
    ("Less[1, 2, 3]", "True"),
    ("Less[1, 3, 2]", "False"),
    ("Less[1, x]", "Less[1, x]"),
    ("Less[1, 2, x]", "Less[2, x]"),
    ("Less[Rational[1, 3], 0.34]", "True"),
    ("Less[1., Plus[1., Power[10., -15]]]", "False"),
    ("LessEqual[1, 1.]", "True"),
    ("Greater[Infinity, Power[10, 100]]", "True"),
    ("Greater[Minus[Infinity], -5]", "False"),
    ("GreaterEqual[2, 3]", "False"),
    ("Less[]", "True"),
    ("Less[x]", "True"),
    ("Inequality[1, Less, 2, LessEqual, 3]", "True"),
    ("Inequality[1, Less, x, LessEqual, 2]", "Inequality[1, Less, x, LessEqual, 2]"),
    ("Inequality[1, Less, 2, Less, x]", "Less[2, x]"),
    ("Inequality[1, Less, 3, Less, 2]", "False"),
    ("SameQ[1, 1]", "True"),
    ("SameQ[1, 1.]", "False"),
    ("SameQ[x, x, x]", "True"),
    ("SameQ[]", "True"),
    ("SameQ[f[x], f[x]]", "True"),
    ("UnsameQ[1, 1.]", "True"),
    ("UnsameQ[x, y, x]", "False"),
    ("Positive[3]", "True"),
    ("Positive[-3]", "False"),
    ("Positive[0]", "False"),
    ("Positive[x]", "Positive[x]"),
    ("Positive[Infinity]", "True"),
    ("Positive[Complex[1, 1]]", "False"),
    ("Negative[Rational[-1, 2]]", "True"),
    ("NonNegative[0]", "True"),
    ("NonPositive[1]", "False"),
    ("Positive[List[1, -1]]", "List[True, False]"),
    ("Max[3, 1, 2]", "3"),
    ("Max[List[1, List[7, 2]], 3]", "7"),
    ("Max[1, 2.5]", "2.5"),
    ("Max[]", "DirectedInfinity[-1]"),
    ("Min[]", "DirectedInfinity[1]"),
    ("Max[x, 1, 3]", "Max[3, x]"),
    ("Max[x, y]", "Max[x, y]"),
    ("Min[3, List[1, 7], 2.5]", "1"),
    ("Max[1, Infinity]", "DirectedInfinity[1]"),
    ("Abs[-3]", "3"),
    ("Abs[Rational[-1, 2]]", "Rational[1, 2]"),
    ("Abs[-2.5]", "2.5"),
    ("Abs[Complex[3, 4]]", "5"),
    ("Abs[Complex[1, 1]]", "Power[2, Rational[1, 2]]"),
    ("Abs[Complex[3., 4.]]", "5.0"),
    ("Abs[x]", "Abs[x]"),
    ("Abs[Times[-1, x]]", "Abs[x]"),
    ("Abs[Minus[Infinity]]", "DirectedInfinity[1]"),
    ("Sign[-2.5]", "-1"),
    ("Sign[0]", "0"),
    ("Sign[Rational[3, 4]]", "1"),
    ("Sign[Complex[3, 4]]", "Complex[Rational[3, 5], Rational[4, 5]]"),
    ("Sign[Times[-1, x]]", "Times[-1, Sign[x]]"),
    ("Order[x, y]", "1"),
    ("Order[y, x]", "-1"),
    ("Order[x, x]", "0"),
    ("Order[1, 1.]", "1"),
    ("OrderedQ[List[1, 2, 2]]", "True"),
    ("OrderedQ[List[2, 1]]", "False"),
    ("OrderedQ[List[3, 2, 1], Greater]", "True"),
    ("Sort[List[3, 1, 2]]", "List[1, 2, 3]"),
    ('Sort[List["b", "a", "B"]]', 'List["a", "b", "B"]'),
    ("Sort[List[1., 1]]", "List[1, 1.0]"),
    ("Sort[f[c, a, b]]", "f[a, b, c]"),
    ("Sort[List[1, 3, 2], Greater]", "List[3, 2, 1]"),
    ("SortBy[List[-3, 1, 2], Abs]", "List[1, 2, -3]"),
    ("SortBy[List[-1, 1], Abs]", "List[-1, 1]"),
]


@pytest.mark.parametrize("source,expected", CASES)
def test_comparisons(source, expected):
    value, messages = run(source)
    assert value == expected
    assert messages == []


def test_complex_numbers_cannot_be_ordered():
    value, messages = run("Less[Complex[1, 1], 2]")
    assert value == "Less[Complex[1, 1], 2]"
    assert messages == ["Less::nord"]
    value, messages = run("Max[Complex[0, 1], 2]")
    assert messages == ["Max::nord"]


def test_sort_of_an_atom():
    value, messages = run("Sort[5]")
    assert value == "Sort[5]"
    assert messages == ["Sort::normal"]
