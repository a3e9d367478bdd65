"""Native polynomial algebra (algebra.py, polynomials.py): Expand, ExpandAll,
Coefficient, CoefficientList, Exponent, Variables, PolynomialQ, Collect.

Expected values are WL's InputForm results (checked against WL's documented
examples and behaviour). Where the printed order of a product of a sum and a
symbol matters (WL prints (a + b)*x, Lyra's canonical order is another
module's), results are compared with === instead of as text.
"""

import time

import pytest

from lyra_core.library import polynomials


# ================================================================ Expand
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Expand[(x + 1)^2]", "1 + 2*x + x^2"),  # WL doc example (given in the brief)
        ("Expand[(x + y)^3]", "x^3 + 3*x^2*y + 3*x*y^2 + y^3"),
        ("Expand[(a + b) (c + d)]", "a*c + b*c + a*d + b*d"),
        ("Expand[x (1 + x)]", "x + x^2"),
        ("Expand[(1 + x)^2 (1 - x)]", "1 + x - x^2 - x^3"),
        ("Expand[(x - 1)^3]", "-1 + 3*x - 3*x^2 + x^3"),
        ("Expand[(2 x + 3)^2]", "9 + 12*x + 4*x^2"),
        ("Expand[(x + 1/2)^2]", "1/4 + x + x^2"),
        ("Expand[(x - y) (x + y)]", "x^2 - y^2"),
        ("Expand[(x + y)^2 + (x - y)^2]", "2*x^2 + 2*y^2"),
        ("Expand[a (b + c (d + e))]", "a*b + a*c*d + a*c*e"),
        # numerators are expanded, each term keeps the denominator (WL doc)
        ("Expand[(x + 1)^2/y]", "1/y + (2*x)/y + x^2/y"),
        ("Expand[(1 + x^2)^2/x]", "1/x + 2*x + x^3"),
        ("Expand[((1 + x)^2 + y)/(1 + x)]", "1/(1 + x) + (2*x)/(1 + x) + x^2/(1 + x) + y/(1 + x)"),
        # denominators and function arguments stay as they are
        ("Expand[1/(1 + x)^2]", "(1 + x)^(-2)"),
        ("Expand[Sin[(x + 1)^2] + x (x + 1)]", "x + x^2 + Sin[(1 + x)^2]"),
        ("Expand[Sqrt[(1 + x)^2]]", "Sqrt[(1 + x)^2]"),
        # numbers, radicals, complex and inexact coefficients
        ("Expand[(1 + Sqrt[2])^4]", "17 + 12*Sqrt[2]"),
        ("Expand[(Sqrt[1 + x] + 1)^2]", "2 + x + 2*Sqrt[1 + x]"),
        ("Expand[(x + I)^3]", "-I - 3*x + (3*I)*x^2 + x^3"),
        ("Expand[(1.5 x + 2)^2]", "4 + 6.*x + 2.25*x^2"),
        ("Expand[(x^n + 1)^2]", "1 + 2*x^n + x^(2*n)"),
        ("Expand[(E^x + 1)^2]", "1 + 2*E^x + E^(2*x)"),
        ("Expand[(Sin[x] + Cos[x])^2]", "Cos[x]^2 + 2*Cos[x]*Sin[x] + Sin[x]^2"),
        ("Expand[x - x]", "0"),
        ("Expand[5]", "5"),
        ("Expand[x]", "x"),
        # threads over lists, equations, inequalities
        ("Expand[{(x + 1)^2, (x - 1)^2}]", "{1 + 2*x + x^2, 1 - 2*x + x^2}"),
        ("Expand[(x + 1)^2 == 0]", "1 + 2*x + x^2 == 0"),
        ("Expand[(x + y)^2 < 1]", "x^2 + 2*x*y + y^2 < 1"),
        # Expand[e, patt]: parts free of patt stay closed
        ("Expand[(a + b)^2 (x + 1), x] === (a + b)^2 + (a + b)^2 x", "True"),
        ("Expand[(x + y)^2, y]", "x^2 + 2*x*y + y^2"),
        ("Expand[(a + b)^2 + (x + 1)^2, x] === 1 + (a + b)^2 + 2 x + x^2", "True"),
    ],
)
def test_expand(lyra, source, expected):
    lyra.check(source, expected)


def test_expand_wrong_calls(lyra):
    lyra.check("Expand[]", "Expand[]", ["Expand::argt"])
    lyra.check("Expand[x, y, z]", "Expand[x, y, z]", ["Expand::argt"])


def test_expand_is_fast(lyra):
    lyra("Expand[(x + y + z)^8]")  # warm up
    start = time.perf_counter()
    assert lyra("Length[Expand[(x + y + z)^8]]") == "45"
    assert time.perf_counter() - start < 0.5
    start = time.perf_counter()
    assert lyra("Length[Expand[(a + b + c + d + e)^10]]") == "1001"
    assert time.perf_counter() - start < 5


def test_expand_large_coefficients(lyra):
    lyra.check("Coefficient[Expand[(x + 1)^100], x, 50]", "100891344545564193334812497256")
    lyra.check("Expand[(x + y + z)^8] /. {x -> 1, y -> 1, z -> 1}", "6561")


# ================================================================ ExpandAll
@pytest.mark.parametrize(
    "source, expected",
    [
        ("ExpandAll[Sin[(x + 1)^2]]", "Sin[1 + 2*x + x^2]"),
        ("ExpandAll[x (1 + Sin[(1 + x)^2])]", "x + x*Sin[1 + 2*x + x^2]"),
        ("ExpandAll[1/(1 + x)^2]", "1/(1 + 2*x + x^2)"),
        ("ExpandAll[1/(x (1 + x))]", "1/(x + x^2)"),
        (
            "ExpandAll[(x + 1)^2/(y + 1)^2]",  # WL doc example
            "1/(1 + 2*y + y^2) + (2*x)/(1 + 2*y + y^2) + x^2/(1 + 2*y + y^2)",
        ),
        ("ExpandAll[(a + b)/(c (d + e))]", "a/(c*d + c*e) + b/(c*d + c*e)"),
        ("ExpandAll[Sqrt[(1 + x)^2]]", "Sqrt[1 + 2*x + x^2]"),
        ("ExpandAll[{(1 + x)^2, E^(x (1 + x))}]", "{1 + 2*x + x^2, E^(x + x^2)}"),
        ("ExpandAll[f[(x + 1)^2, (y + 1)^2], x]", "f[1 + 2*x + x^2, (1 + y)^2]"),
        ("ExpandAll[x/y]", "x/y"),
    ],
)
def test_expand_all(lyra, source, expected):
    lyra.check(source, expected)


def test_expand_all_wrong_call(lyra):
    lyra.check("ExpandAll[]", "ExpandAll[]", ["ExpandAll::argt"])


# ================================================================ Coefficient
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Coefficient[(x + 1)^3, x, 2]", "3"),  # WL doc example
        ("Coefficient[a x + b x^2 + c, x]", "a"),
        ("Coefficient[a x + b x^2 + c, x, 2]", "b"),
        ("Coefficient[a x + b x^2 + c, x, 0]", "c"),
        ("Coefficient[2 x + 3 x^2 + 4, x, 2]", "3"),
        ("Coefficient[(x + y)^4, x y^3]", "4"),
        ("Coefficient[x y + x^2 y + 2 x y, x y]", "3"),
        ("Coefficient[x^2 + a x^2, x^2]", "1 + a"),
        ("Coefficient[a x + b y + c, y]", "b"),
        ("Coefficient[Sin[x] + x Sin[x], Sin[x]]", "1 + x"),
        ("Coefficient[(a + b)^2 x + x^2, x]", "(a + b)^2"),
        ("Coefficient[a x^n + b x^(2 n), x^n]", "a"),
        ("Coefficient[1/x + 2/x^2, x, -1]", "1"),
        ("Coefficient[x^2, x, 3]", "0"),
        ("Coefficient[x^2 + x, {x, x^2}]", "{1, 1}"),  # Listable
    ],
)
def test_coefficient(lyra, source, expected):
    lyra.check(source, expected)


def test_coefficient_wrong_call(lyra):
    lyra.check("Coefficient[x]", "Coefficient[x]", ["Coefficient::argtu"])


# ================================================================ CoefficientList
@pytest.mark.parametrize(
    "source, expected",
    [
        ("CoefficientList[1 + 2 x + 3 x^3, x]", "{1, 2, 0, 3}"),
        ("CoefficientList[(1 + x)^4, x]", "{1, 4, 6, 4, 1}"),
        ("CoefficientList[a x^2 + b x + c, x]", "{c, b, a}"),
        ("CoefficientList[(x + y)^2, {x, y}]", "{{0, 0, 1}, {0, 2, 0}, {1, 0, 0}}"),
        ("CoefficientList[x^2 + 2 x y - y, {x, y}]", "{{0, -1}, {0, 2}, {1, 0}}"),
        ("CoefficientList[1 + x, x, {4}]", "{1, 1, 0, 0}"),
        ("CoefficientList[0, x]", "{}"),  # WL doc
        ("CoefficientList[5, x]", "{5}"),
        # terms without a positive integer power go with power 0 (WL doc)
        ("CoefficientList[1/x + x, x]", "{1/x, 1}"),
    ],
)
def test_coefficient_list(lyra, source, expected):
    lyra.check(source, expected)


def test_coefficient_list_wrong_calls(lyra):
    lyra.check("CoefficientList[x]", "CoefficientList[x]", ["CoefficientList::argtu"])
    lyra.check("CoefficientList[x, 2]", "CoefficientList[x, 2]", ["CoefficientList::ivar"])


# ================================================================ Exponent
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Exponent[x^2 + a x^5 + 1, x]", "5"),
        ("Exponent[(x^2 + 1)^3, x]", "6"),
        ("Exponent[x^n, x]", "n"),
        ("Exponent[x^2 + x^n, x]", "Max[2, n]"),
        ("Exponent[a x^2 + b x^2 + x^3 y, y]", "1"),
        ("Exponent[1/x + 1, x]", "0"),
        ("Exponent[Sin[x], x]", "0"),
        ("Exponent[x^(1/2) + x, x]", "1"),
        ("Exponent[0, x]", "-Infinity"),  # WL doc
        ("Exponent[x^2 + x^3, x, Min]", "2"),
        ("Exponent[(x + 1)^3 y, x, List]", "{0, 1, 2, 3}"),
        ("Exponent[{x^2, x^3 + 1}, x]", "{2, 3}"),
    ],
)
def test_exponent(lyra, source, expected):
    lyra.check(source, expected)


def test_exponent_wrong_call(lyra):
    lyra.check("Exponent[x]", "Exponent[x]", ["Exponent::argtu"])


# ================================================================ Variables
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Variables[(x + y)^2 + 3 z^2 - y z + 7]", "{x, y, z}"),  # WL doc example
        ("Variables[x + y + 2 Sin[z]]", "{x, y, Sin[z]}"),
        ("Variables[{x^2, y + 1}]", "{x, y}"),
        ("Variables[Sqrt[2] x + Pi]", "{x}"),
        ("Variables[Sqrt[y] + x^(2/3)]", "{x, y}"),
        ("Variables[3]", "{}"),
    ],
)
def test_variables(lyra, source, expected):
    lyra.check(source, expected)


def test_variables_wrong_call(lyra):
    lyra.check("Variables[]", "Variables[]", ["Variables::argx"])


# ================================================================ PolynomialQ
@pytest.mark.parametrize(
    "source, expected",
    [
        ("PolynomialQ[x^3 - 2 x/y + 3 x z, x]", "True"),  # WL doc example
        ("PolynomialQ[x^3 - 2 x/y + 3 x z, y]", "False"),
        ("PolynomialQ[x^3 - 2 x/y + 3 x z, {x, z}]", "True"),
        ("PolynomialQ[x^2 + 1/x, x]", "False"),
        ("PolynomialQ[(x + 1)^10, x]", "True"),
        ("PolynomialQ[Sqrt[x] + 1, x]", "False"),
        ("PolynomialQ[x^2 + Sin[x], x]", "False"),
        ("PolynomialQ[x^2 + Sin[y], x]", "True"),
        ("PolynomialQ[f[x]^2 + f[x], f[x]]", "True"),
        ("PolynomialQ[x^n, x]", "False"),
        ("PolynomialQ[x^2 + y]", "True"),
        ("PolynomialQ[5]", "True"),
    ],
)
def test_polynomial_q(lyra, source, expected):
    lyra.check(source, expected)


def test_polynomial_q_wrong_call(lyra):
    lyra.check("PolynomialQ[]", "PolynomialQ[]", ["PolynomialQ::argt"])


# ================================================================ Collect
@pytest.mark.parametrize(
    "source",
    [
        "Collect[a x + b x + c, x] === c + (a + b) x",
        "Collect[a x + b x + c x^2 + d, x] === d + (a + b) x + c x^2",  # WL doc example
        "Collect[x y + x z + 2 x^2 y, x] === x (y + z) + 2 x^2 y",
        "Collect[(1 + x + y)^2, x] === 1 + 2 y + y^2 + x (2 + 2 y) + x^2",
        "Collect[x^2 a + x^2 b + x c, x, Simplify] === (a + b) x^2 + c x",
        "Collect[a x + b x, x, h] === x h[a + b]",
        "Collect[a x y + b x y + c x, {x, y}] === x (c + (a + b) y)",
        "Collect[{a x + b x, c y + d y}, {x, y}] === {(a + b) x, (c + d) y}",
        "Collect[a Sin[x] + b Sin[x], Sin[x]] === (a + b) Sin[x]",
    ],
)
def test_collect(lyra, source):
    lyra.check(source, "True")


def test_collect_plain_forms(lyra):
    lyra.check("Collect[x^2 + 2 x^2 + x, x]", "x + 3*x^2")
    lyra.check("Collect[5, x]", "5")


def test_collect_wrong_call(lyra):
    lyra.check("Collect[x]", "Collect[x]", ["Collect::argtu"])


# ================================================================ the polynomial core
def test_multinomial_power_matches_repeated_products():
    # (1 + 2 x + 3 y)^5 as sparse polynomials: generator 0 is x, 1 is y.
    p = {(): 1, ((0, 1),): 2, ((1, 1),): 3}
    by_theorem = polynomials.power(p, 5)
    by_products = {(): 1}
    for _ in range(5):
        by_products = polynomials.multiply(by_products, p)
    assert by_theorem == by_products
    assert by_theorem[((0, 5),)] == 32
    assert by_theorem[((0, 2), (1, 3))] == 10 * 4 * 27
    assert sum(by_theorem.values()) == 6**5


def test_power_merges_equal_monomials():
    # (x + x^-1)^2 = x^2 + 2 + x^-2: the cross terms meet at the constant.
    p = {((0, 1),): 1, ((0, -1),): 1}
    assert polynomials.power(p, 2) == {((0, 2),): 1, (): 2, ((0, -2),): 1}


def test_mono_mul_cancels_exponents():
    assert polynomials.mono_mul(((0, 1), (2, 3)), ((0, -1),)) == ((2, 3),)
    assert polynomials.mono_mul(((1, 2),), ((0, 1),)) == ((0, 1), (1, 2))


def test_contains_is_structural(lyra):
    f_x = lyra.value("f[x]")
    assert polynomials.contains(lyra.value("1 + f[x]^2"), f_x)
    assert not polynomials.contains(lyra.value("1 + f[y]^2"), f_x)
