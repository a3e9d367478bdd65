"""Numerical evaluation: N, Precision, Chop, and the numeric constants.

N[expr] turns every exact number and numeric constant in expr into a machine
real and evaluates again; N[expr, p] does the same with p-digit BigReals,
working with a few guard digits and giving the numbers in the result
precision p, as WL's N does for ordinary expressions.

Other modules use `n_value(ev, expr, precision)` (precision None for machine
numbers) and `numeric_q(expr)` (NumericQ).
"""

from __future__ import annotations

import math

from ..engine import messages
from ..expr.atoms import BigReal, Complex, Rational, make_complex, mpmath
from ..expr.normal import Expr
from ..expr import system_symbols as S
from ..expr.symbol import (
    ATTR,
    CONSTANT,
    NUMERIC_FUNCTION,
    Symbol,
    system,
)
from . import numeric_tower as nt
from .registry import builtin, declare

GUARD_DIGITS = 10
_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_NHOLD_ALL = ATTR["NHoldAll"]
_NHOLD_FIRST = ATTR["NHoldFirst"]
_NHOLD_REST = ATTR["NHoldRest"]
MachinePrecision = system("MachinePrecision")

messages.define(
    "N",
    "precbd",
    "Requested precision `1` is not a machine-sized real number between $MinPrecision and $MaxPrecision.",
)


# ---------------------------------------------------------------- constants
def _mp_degree(mp):
    return mp.pi / 180


# name -> (machine value, mpmath value at the current working precision)
CONSTANT_VALUES = {
    "Pi": (math.pi, lambda mp: +mp.pi),
    "E": (math.e, lambda mp: +mp.e),
    "Degree": (math.pi / 180, _mp_degree),
    "EulerGamma": (0.5772156649015329, lambda mp: +mp.euler),
    "GoldenRatio": (1.618033988749895, lambda mp: +mp.phi),
    "Catalan": (0.915965594177219, lambda mp: +mp.catalan),
    "Glaisher": (1.2824271291006226, lambda mp: +mp.glaisher),
    "Khinchin": (2.6854520010653062, lambda mp: +mp.khinchin),
}

_CONSTANT_USAGE = {
    "Pi": "Pi is the constant 3.14159..., the ratio of a circle's circumference to its diameter.\n"
    "Example: N[Pi] is 3.141592653589793, Sin[Pi] is 0",
    "E": "E is the base of natural logarithms, 2.71828....\nExample: Log[E] is 1",
    "Degree": "Degree is Pi/180, so that 30 Degree is 30 degrees in radians.\n"
    "Example: Sin[30 Degree] is 1/2",
    "EulerGamma": "EulerGamma is Euler's constant 0.577216....\nExample: N[EulerGamma]",
    "GoldenRatio": "GoldenRatio is (1 + Sqrt[5])/2, 1.61803....\nExample: N[GoldenRatio]",
    "Catalan": "Catalan is Catalan's constant 0.915966....\nExample: N[Catalan]",
    "Glaisher": "Glaisher is the Glaisher-Kinkelin constant 1.28243....\nExample: N[Glaisher]",
    "Khinchin": "Khinchin is Khinchin's constant 2.68545....\nExample: N[Khinchin]",
}

for _name, _text in _CONSTANT_USAGE.items():
    declare(_name, attributes=("Constant", "Protected", "ReadProtected"), usage=_text)


def constant_value(sym: Symbol, precision):
    """The numeric value of a constant symbol, or None."""
    entry = CONSTANT_VALUES.get(sym.name) if sym.context == "System`" else None
    if entry is None:
        return None
    if precision is None:
        return entry[0]
    mp = mpmath()
    with mp.workprec(nt.value_bits(precision)):
        return BigReal(entry[1](mp), precision)


# ---------------------------------------------------------------- NumericQ
def numeric_q(e) -> bool:
    """NumericQ: a number, a numeric constant, or a numeric function of those."""
    t = type(e)
    if t in _NUMBER_TYPES:
        return True
    if t is Symbol:
        return bool(e.attributes & CONSTANT) and e.name in CONSTANT_VALUES
    if t is Expr:
        head = e.head
        if type(head) is not Symbol or not head.attributes & NUMERIC_FUNCTION:
            return False
        for a in e.args:
            if not numeric_q(a):
                return False
        return True
    return False


# ---------------------------------------------------------------- N
def to_inexact(x, precision):
    """A number in the target precision (None: machine). Machine reals stay
    machine reals; BigReals above the target are rounded down to it."""
    t = type(x)
    if precision is None:
        if t is float:
            return x
        if t is int or t is Rational or t is BigReal:
            try:
                f = nt.to_float(x)
                if f != 0.0 or (t is int and x == 0) or (t is BigReal and not x.value):
                    return f
            except OverflowError:
                pass
            # beyond the machine range: a BigReal at machine precision, as WL
            return BigReal(nt.to_mpf(x, nt.MACHINE_PRECISION), nt.MACHINE_PRECISION)
        return make_complex(to_inexact(x.re, None), to_inexact(x.im, None))
    if t is float:
        return x
    if t is int or t is Rational:
        return BigReal(nt.to_mpf(x, precision), precision)
    if t is BigReal:
        if x.precision <= precision:
            return x
        return BigReal(nt.to_mpf(x, precision), precision)
    re, im = to_inexact(x.re, precision), to_inexact(x.im, precision)
    return make_complex(re, im)


def n_value(ev, e, precision):
    """N[e] (precision None) or N[e, precision] without the final rounding."""
    t = type(e)
    if t in _NUMBER_TYPES:
        return to_inexact(e, precision)
    if t is Symbol:
        value = constant_value(e, precision) if e.attributes & CONSTANT else None
        return e if value is None else value
    if t is not Expr:
        return e
    head = e.head
    if head is S.DirectedInfinity:
        return e
    attrs = head.attributes if type(head) is Symbol else 0
    args = e.args
    if head is S.Power and len(args) == 2 and args[0] is S.E:
        # E^x for a number x: keep E so Power computes exp(x) directly
        # (N[E]^x would lose digits); N[E^x] is 2.718281828459045^x.
        exponent = n_value(ev, args[1], precision)
        base = args[0] if type(exponent) in _NUMBER_TYPES else n_value(ev, args[0], precision)
        return ev.evaluate(Expr(head, (base, exponent)))
    if attrs & _NHOLD_ALL:
        new_args = args
    elif attrs & _NHOLD_FIRST:
        new_args = args[:1] + tuple(n_value(ev, a, precision) for a in args[1:])
    elif attrs & _NHOLD_REST:
        new_args = tuple(n_value(ev, a, precision) for a in args[:1]) + args[1:]
    else:
        new_args = tuple([n_value(ev, a, precision) for a in args])
    return ev.evaluate(Expr(head, new_args))


def set_precision(e, precision):
    """Every BigReal in e given precision `precision` (N's final rounding)."""
    t = type(e)
    if t is BigReal:
        # The value keeps its guard digits (they are correct); only the
        # precision it claims is lowered to what was asked for.
        return BigReal(e.value, precision) if e.precision > precision else e
    if t is Complex:
        return make_complex(set_precision(e.re, precision), set_precision(e.im, precision))
    if t is Expr:
        args = tuple(set_precision(a, precision) for a in e.args)
        if all(x is y for x, y in zip(args, e.args)):
            return e
        return Expr(e.head, args)
    return e


def numericize(ev, e, precision):
    """N[e, precision] complete: guard digits, then rounded to precision."""
    if precision is None:
        return n_value(ev, e, None)
    value = n_value(ev, e, precision + GUARD_DIGITS)
    return set_precision(value, precision)


def _requested_precision(ev, p):
    """The digits asked for in N[e, p]: None for machine precision, a float,
    or False after a message."""
    if p is MachinePrecision:
        return None
    t = type(p)
    if t is int or t is float or t is Rational or t is BigReal:
        value = float(nt.to_float(p))
        if 0 < value < 1e8 and math.isfinite(value):
            return value
    ev.message("N", "precbd", p)
    return False


@builtin(
    "N",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="N[expr] gives the numerical value of expr as machine reals; N[expr, n] "
    "gives it with n-digit precision.\nExample: N[1/3] is 0.3333333333333333, "
    "N[Pi, 30] is 3.14159265358979323846264338328`30.",
)
def n_(ev, e, *rest):
    if rest:
        precision = _requested_precision(ev, rest[0])
        if precision is False:
            return None
    else:
        precision = None
    return numericize(ev, e, precision)


# ---------------------------------------------------------------- Precision
def precision_of(e):
    """The least precision of the numbers in e (INF when all are exact)."""
    t = type(e)
    if t in _NUMBER_TYPES:
        return nt.precision(e)
    if t is Expr:
        best = nt.INF
        for a in e.args:
            p = precision_of(a)
            if p < best:
                best = p
        return best
    return nt.INF


@builtin(
    "Precision",
    nargs=1,
    attributes=("Protected",),
    usage="Precision[x] is the number of significant decimal digits of x: "
    "Infinity for exact numbers, MachinePrecision for machine reals.\n"
    "Example: Precision[N[Pi, 30]] is 30.",
)
def precision_(ev, x):
    p = precision_of(x)
    if p == nt.INF:
        return Expr(S.DirectedInfinity, (1,))
    if p == nt.MACHINE_PRECISION:
        return MachinePrecision
    return float(p)


declare(
    "MachinePrecision",
    attributes=("Constant", "Protected"),
    usage="MachinePrecision is the precision of machine reals, about 15.95 digits.\n"
    "Example: Precision[1.5] is MachinePrecision",
)
CONSTANT_VALUES["MachinePrecision"] = (nt.MACHINE_PRECISION, lambda mp: mp.mpf(nt.MACHINE_PRECISION))


# ---------------------------------------------------------------- Chop
def _chop(x, tolerance):
    t = type(x)
    if t is float or t is BigReal:
        return 0 if abs(nt.to_float(x)) < tolerance else x
    if t is Complex:
        re, im = _chop(x.re, tolerance), _chop(x.im, tolerance)
        if re is x.re and im is x.im:
            return x
        if type(im) is int and im == 0:
            return re
        return make_complex(re, im) if not (type(re) is int and re == 0) else make_complex(0, im)
    if t is Expr:
        args = tuple(_chop(a, tolerance) for a in x.args)
        if all(a is b for a, b in zip(args, x.args)):
            return x
        return Expr(x.head, args)
    return x


@builtin(
    "Chop",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Chop[expr] replaces approximate real numbers in expr closer to zero than "
    "10^-10 by 0; Chop[expr, delta] uses the tolerance delta.\n"
    "Example: Chop[1. + 10.^-12 I] is 1.",
)
def chop(ev, e, *rest):
    tolerance = 1e-10
    if rest:
        if type(rest[0]) not in (int, float, Rational, BigReal):
            return None
        tolerance = abs(nt.to_float(rest[0]))
    result = _chop(e, tolerance)
    return None if result is e else result
