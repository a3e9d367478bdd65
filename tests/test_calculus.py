"""Native differentiation (calculus.py): every WL form of D, the chain rule for
the elementary functions, unknown functions through Derivative, and
Derivative[n][f] as a pure function.

Expected values are WL's InputForm results, from WL's documentation and its
well-known derivative table. Where WL's InputForm writes E^(-x^2) as a
denominator (a printer question, not D's), the result is compared with ===.
"""

import time

import pytest


# ================================================================ D forms
@pytest.mark.parametrize(
    "source, expected",
    [
        ("D[x^3, x]", "3*x^2"),  # brief; WL doc
        ("D[Sin[x]^2, x]", "2*Cos[x]*Sin[x]"),  # brief
        ("D[f[x], x]", "Derivative[1][f][x]"),  # brief: WL's InputForm
        ("D[x^n, x]", "n*x^(-1 + n)"),
        ("D[x^2 y^3, x, y]", "6*x*y^2"),
        ("D[x^5, {x, 3}]", "60*x^2"),
        ("D[x^5, {x, 0}]", "x^5"),
        ("D[x^3 y^2, {x, 2}, y]", "12*x*y"),
        ("D[x^2 + y^2, {{x, y}}]", "{2*x, 2*y}"),  # gradient
        ("D[{x y, x + y}, {{x, y}}]", "{{y, x}, {1, 1}}"),  # Jacobian
        ("D[{Sin[x], Cos[x]}, {x, 2}]", "{-Sin[x], -Cos[x]}"),
        ("D[x^2 == y, x]", "2*x == 0"),
        ("D[a, x]", "0"),
        ("D[5, x]", "0"),
        ("D[x^2]", "x^2"),
        ("D[f[x], {x}]", "Derivative[1][f][x]"),
    ],
)
def test_d_forms(lyra, source, expected):
    lyra.check(source, expected)


def test_d_wrong_calls(lyra):
    # WL: General::ivar "2 is not a valid variable." under D's name
    lyra.check("D[x^2, 2]", "D[x^2, 2]", ["D::ivar"])
    assert lyra.message_texts == ["D::ivar: 2 is not a valid variable."]
    lyra.check("D[x^2, x, 2]", "D[x^2, x, 2]", ["D::ivar"])
    lyra.check("D[x^2, {x, -1}]", "D[x^2, {x, -1}]", ["D::dvar"])
    lyra.check("D[]", "D[]", ["D::argm"])


# ================================================================ rules
@pytest.mark.parametrize(
    "source, expected",
    [
        ("D[Sin[x] Cos[x], x]", "Cos[x]^2 - Sin[x]^2"),
        ("D[Exp[a x], x]", "a*E^(a*x)"),
        ("D[E^(2 x), x]", "2*E^(2*x)"),
        ("D[2^x, x]", "2^x*Log[2]"),
        ("D[x^x, x]", "x^x*(1 + Log[x])"),  # WL doc
        ("D[x^y, y]", "x^y*Log[x]"),
        ("D[Log[x], x]", "1/x"),
        ("D[Log[x^2 + 1], x]", "(2*x)/(1 + x^2)"),
        ("D[Log[2, x], x]", "1/(x*Log[2])"),
        ("D[1/x, x]", "-x^(-2)"),
        ("D[Sqrt[x], x]", "1/(2*Sqrt[x])"),
        ("D[Sqrt[1 + x^2], x]", "x/Sqrt[1 + x^2]"),
        ("D[Sin[x^2], x]", "2*x*Cos[x^2]"),
        ("D[Sin[Cos[x]], x]", "-(Cos[Cos[x]]*Sin[x])"),
        ("D[Tan[x], x]", "Sec[x]^2"),
        ("D[Cot[x], x]", "-Csc[x]^2"),
        ("D[Sec[x], x]", "Sec[x]*Tan[x]"),
        ("D[Csc[x], x]", "-(Cot[x]*Csc[x])"),
        ("D[ArcSin[x], x]", "1/Sqrt[1 - x^2]"),
        ("D[ArcCos[x], x]", "-(1/Sqrt[1 - x^2])"),
        ("D[ArcTan[x], x]", "1/(1 + x^2)"),
        ("D[ArcTan[x^2], x]", "(2*x)/(1 + x^4)"),
        ("D[ArcCot[x], x]", "-(1/(1 + x^2))"),
        ("D[Sinh[x], x]", "Cosh[x]"),
        ("D[Cosh[x], x]", "Sinh[x]"),
        ("D[Tanh[x], x]", "Sech[x]^2"),
        ("D[Coth[x], x]", "-Csch[x]^2"),
        ("D[Sech[x], x]", "-(Sech[x]*Tanh[x])"),
        ("D[Csch[x], x]", "-(Coth[x]*Csch[x])"),
        ("D[ArcSinh[x], x]", "1/Sqrt[1 + x^2]"),
        ("D[ArcCosh[x], x]", "1/(Sqrt[-1 + x]*Sqrt[1 + x])"),
        ("D[ArcTanh[x], x]", "1/(1 - x^2)"),
        ("D[ArcCoth[x], x]", "1/(1 - x^2)"),
        ("D[Gamma[x], x]", "Gamma[x]*PolyGamma[0, x]"),
        ("D[Log[Gamma[x]], x]", "PolyGamma[0, x]"),
        ("D[PolyGamma[0, x], x]", "PolyGamma[1, x]"),
        ("D[ProductLog[x], x]", "ProductLog[x]/(x*(1 + ProductLog[x]))"),
        ("D[ExpIntegralEi[x], x]", "E^x/x"),
        ("D[SinIntegral[x], x]", "Sin[x]/x"),
        ("D[ArcTan[x, y], x]", "-(y/(x^2 + y^2))"),
        ("D[Piecewise[{{x^2, x > 0}}, -x], x]", "Piecewise[{{2*x, x > 0}}, -1]"),
        # WL leaves Abs and Floor to Derivative (not differentiable over the complexes)
        ("D[Abs[x], x]", "Derivative[1][Abs][x]"),
        ("D[Floor[x], x]", "Derivative[1][Floor][x]"),
    ],
)
def test_derivative_rules(lyra, source, expected):
    lyra.check(source, expected)


@pytest.mark.parametrize(
    "source",
    [
        "D[Erf[x], x] === 2/(E^x^2 Sqrt[Pi])",
        "D[Erfc[x], x] === -2/(E^x^2 Sqrt[Pi])",
        "D[ArcSec[x], x] === 1/(Sqrt[1 - 1/x^2] x^2)",  # WL's form
        "D[ArcCsc[x], x] === -1/(Sqrt[1 - 1/x^2] x^2)",
        "D[ArcCsch[x], x] === -1/(Sqrt[1 + 1/x^2] x^2)",
        "D[ArcSech[x], x] === -1/(x Sqrt[(1 - x)/(1 + x)] (1 + x))",
        "D[x/(1 + x), x] === 1/(1 + x) - x/(1 + x)^2",
    ],
)
def test_derivative_rules_structurally(lyra, source):
    lyra.check(source, "True")


# ================================================================ unknown functions
@pytest.mark.parametrize(
    "source, expected",
    [
        ("D[f[x^2], x]", "2*x*Derivative[1][f][x^2]"),
        ("D[f[2 x], x]", "2*Derivative[1][f][2*x]"),
        ("D[f[x, y], x]", "Derivative[1, 0][f][x, y]"),
        ("D[f[x, y], x, y]", "Derivative[1, 1][f][x, y]"),
        ("D[f[x, x^2], x]", "2*x*Derivative[0, 1][f][x, x^2] + Derivative[1, 0][f][x, x^2]"),
        ("D[Derivative[1][f][x], x]", "Derivative[2][f][x]"),
        ("D[f'[x], x]", "Derivative[2][f][x]"),
        ("D[f[x], {x, 3}]", "Derivative[3][f][x]"),
        ("D[f[x] g[x], x]", "g[x]*Derivative[1][f][x] + f[x]*Derivative[1][g][x]"),
        ("D[f[g[x]], x]", "Derivative[1][f][g[x]]*Derivative[1][g][x]"),
        ("f'[x]", "Derivative[1][f][x]"),
        ("f''[x]", "Derivative[2][f][x]"),
        ("D[h[x]^2, h[x]]", "2*h[x]"),  # differentiating in f[x]
    ],
)
def test_unknown_functions(lyra, source, expected):
    lyra.check(source, expected)


# ================================================================ Derivative
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Derivative[1][Sin]", "Cos[#1] & "),  # WL: Cos[#1] &
        ("Derivative[2][Sin]", "-Sin[#1] & "),
        ("Derivative[1][Cos]", "-Sin[#1] & "),
        ("Derivative[1][Tan]", "Sec[#1]^2 & "),
        ("Derivative[1][Exp]", "E^#1 & "),
        ("Derivative[3][Exp]", "E^#1 & "),
        ("Derivative[1][Log]", "1/#1 & "),
        ("Derivative[1][Sqrt]", "1/(2*Sqrt[#1]) & "),
        ("Derivative[1][#^3 &]", "3*#1^2 & "),
        ("Derivative[1][Function[x, x^3]]", "3*#1^2 & "),
        ("Derivative[0, 1][#1^2 #2^3 &]", "3*#1^2*#2^2 & "),
        ("Derivative[0][f]", "f"),
        ("Derivative[2][f]", "Derivative[2][f]"),
        ("Derivative[1][Abs]", "Derivative[1][Abs]"),
        ("Sin'[x]", "Cos[x]"),
        ("Sin''[x]", "-Sin[x]"),
        ("Tan'[x]", "Sec[x]^2"),
    ],
)
def test_derivative_of_functions(lyra, source, expected):
    lyra.check(source, expected)


def test_derivative_of_user_functions(lyra):
    lyra("h[x_] := x^4")
    lyra.check("h'[x]", "4*x^3")
    lyra.check("h''[2]", "48")
    lyra.check("Derivative[1][h]", "4*#1^3 & ")
    lyra.check("D[h[x^2], x]", "8*x^7")
    # A definition that does not apply to a symbol leaves Derivative alone.
    lyra("k[x_Integer] := x^2")
    lyra.check("k'[y]", "Derivative[1][k][y]")


def test_user_derivative_values(lyra):
    # Derivative is not Protected in WL: users may give f' a value.
    lyra("Derivative[1][q] = Cos")
    lyra.check("D[q[x^2], x]", "2*x*Cos[x^2]")


# ================================================================ speed
def test_derivative_of_a_200_term_polynomial_is_fast(lyra):
    lyra("p = Sum[k x^k, {k, 200}];")
    start = time.perf_counter()
    lyra.check("D[p, x] === Sum[k^2 x^(k - 1), {k, 200}]", "True")
    assert time.perf_counter() - start < 2
    lyra.check("D[p, {x, 2}] /. x -> 1", str(sum(k * k * (k - 1) for k in range(1, 201))))
