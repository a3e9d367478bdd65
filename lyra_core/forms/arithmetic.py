"""Plus, Times, Power (and DirectedInfinity) in InputForm/OutputForm, as WL
writes them: `a - 2*b`, `-x`, `-(x*y)`, `(2*x)/3`, `a/(b*c)`, `1/x`,
`x^(-2)`, `Sqrt[x]`, `1/Sqrt[x]`. Arguments are never reordered."""

from __future__ import annotations

from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr import system_symbols as S
from .core import (
    is_negative_number,
    negate_number,
    put,
    put_apart,
    register,
)
from .precedence import ATOM, CALL, DIVIDE, PLUS, POWER, TIMES, UNARY_MINUS
from .styles import OPERATOR_STYLES

_HALF = Rational(1, 2)
_NUMBER_TYPES = (int, float, Rational, BigReal, Complex)
_MINUS_HALF = Rational(-1, 2)


def _product(factors: list):
    """One factor as itself, several as a Times (a printing-only expression)."""
    return factors[0] if len(factors) == 1 else Expr(S.Times, tuple(factors))


# ---------------------------------------------------------------- Plus

def negated_term(x):
    """If x prints with a leading minus inside a sum, the term to print after
    ` - ` instead (Plus[a, Times[-2, b]] is `a - 2*b`); else None."""
    t = type(x)
    if t is Expr:
        args = x.args
        head = x.head
        if head is S.Times and len(args) >= 2 and is_negative_number(args[0]):
            first = args[0]
            if type(first) is int and first == -1:
                return _product(list(args[1:]))
            return Expr(S.Times, (negate_number(first),) + args[1:])
        if head is S.DirectedInfinity and args == (-1,) and type(args[0]) is int:
            return Expr(S.DirectedInfinity, (1,))
        return None
    if t is Complex:
        re = x.re
        if type(re) is int and re == 0 and is_negative_number(x.im):
            return Complex(0, negate_number(x.im))
        return None
    if is_negative_number(x):
        return negate_number(x)
    return None


def layout_plus(e: Expr, ctx, depth):
    args = e.args
    if len(args) < 2:
        return None
    pieces = []
    put(pieces, args[0], PLUS + 1, depth, ctx)
    for term in args[1:]:
        negated = negated_term(term)
        if negated is None:
            pieces.append(" + ")
            put(pieces, term, PLUS + 1, depth, ctx)
        else:
            pieces.append(" - ")
            put_apart(pieces, negated, PLUS + 1, depth, ctx)
    return PLUS, pieces


# ---------------------------------------------------------------- Times

def _denominator_part(x):
    """For Power[b, -e] with e a positive number, the denominator b^e; else None."""
    if type(x) is Expr and x.head is S.Power and len(x.args) == 2:
        base, exponent = x.args
        if is_negative_number(exponent):
            positive = negate_number(exponent)
            if type(positive) is int and positive == 1:
                return base
            return Expr(S.Power, (base, positive))
    return None


def layout_times(e: Expr, ctx, depth):
    args = e.args
    if len(args) < 2:
        return None
    first = args[0]
    if type(first) is int and first == -1:
        # -x, -(x*y), -(x/y): WL keeps the minus outside the rest.
        pieces = ["-"]
        put_apart(pieces, _product(list(args[1:])), UNARY_MINUS + 1, depth, ctx)
        return UNARY_MINUS, pieces
    numerator = []
    denominator = []
    for factor in args:
        if type(factor) is Rational:
            if factor.num != 1:
                numerator.append(factor.num)
            denominator.append(factor.den)
            continue
        part = _denominator_part(factor)
        if part is None:
            numerator.append(factor)
        else:
            denominator.append(part)
    if not denominator:
        return TIMES, _factors(args, ctx, depth)
    pieces = []
    if numerator:
        put(pieces, _product(numerator), DIVIDE, depth, ctx)
    else:
        pieces.append("1")
    pieces.append("/")
    put_apart(pieces, _product(denominator), DIVIDE + 1, depth, ctx)
    return DIVIDE, pieces


def _factors(args, ctx, depth) -> list:
    # A quotient factor keeps its parentheses, `(I/2)*a`: `a*I/2` reads
    # as the flat product Times[a, I, Power[2, -1]].
    sep = ctx.style.times_sep
    pieces = []
    put(pieces, args[0], DIVIDE + 1, depth, ctx)
    for factor in args[1:]:
        pieces.append(sep)
        put_apart(pieces, factor, DIVIDE + 1, depth, ctx)
    return pieces


# ---------------------------------------------------------------- Power

def layout_power(e: Expr, ctx, depth):
    args = e.args
    if len(args) != 2:
        return None
    base, exponent = args
    if type(exponent) is Rational:
        if exponent == _HALF:
            return CALL, _sqrt(base, ctx, depth)
        if exponent == _MINUS_HALF:
            return DIVIDE, ["1/"] + _sqrt(base, ctx, depth)
    elif type(exponent) is int and exponent == -1 and type(base) not in _NUMBER_TYPES:
        # WL writes 1/x, but 2^(-1): `1/2` would read as the Rational.
        pieces = ["1/"]
        put_apart(pieces, base, DIVIDE + 1, depth, ctx)
        return DIVIDE, pieces
    pieces = []
    put(pieces, base, POWER + 1, depth, ctx)
    pieces.append("^")
    put(pieces, exponent, POWER, depth, ctx)
    return POWER, pieces


def _sqrt(base, ctx, depth) -> list:
    pieces = ["Sqrt["]
    put(pieces, base, 0, depth, ctx)
    pieces.append("]")
    return pieces


# ---------------------------------------------------------------- infinities

def layout_directed_infinity(e: Expr, ctx, depth):
    args = e.args
    if not args:
        return ATOM, ["ComplexInfinity"]
    if len(args) == 1 and type(args[0]) is int:
        if args[0] == 1:
            return ATOM, ["Infinity"]
        if args[0] == -1:
            return UNARY_MINUS, ["-Infinity"]
    return None


register([S.Plus], OPERATOR_STYLES, layout_plus)
register([S.Times], OPERATOR_STYLES, layout_times)
register([S.Power], OPERATOR_STYLES, layout_power)
register([S.DirectedInfinity], OPERATOR_STYLES, layout_directed_infinity)
