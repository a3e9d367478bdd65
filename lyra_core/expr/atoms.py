"""Numeric atoms that Python has no exact built-in type for.

Lyra represents atoms with Python values wherever one fits exactly, because the
engines spend most of their time creating and comparing atoms:

    Integer  -> int   (never bool: True/False are the symbols True and False)
    Real     -> float (a machine real, an IEEE double)
    String   -> str
    Rational -> Rational  (below; always normalised, denominator > 1)
    Real with precision -> BigReal (below; an mpmath number plus its precision)
    Complex  -> Complex   (below; parts are exact or inexact numbers)

Symbols and normal expressions live in symbol.py and normal.py.
"""

from __future__ import annotations

from math import gcd

_mpmath = None


def mpmath():
    """Import mpmath on first use: start-up must not pay for it."""
    global _mpmath
    if _mpmath is None:
        import mpmath as _m

        _mpmath = _m
    return _mpmath


class Rational:
    """An exact fraction num/den in lowest terms with den > 1."""

    __slots__ = ("num", "den", "_hash")

    def __init__(self, num: int, den: int):
        # Callers normally go through make_rational, which normalises.
        self.num = num
        self.den = den
        self._hash = hash(("Rational", num, den))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (
            type(other) is Rational and self.num == other.num and self.den == other.den
        )

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f"Rational({self.num}, {self.den})"

    def __float__(self):
        return self.num / self.den


def make_rational(num: int, den: int):
    """The exact number num/den: an int when den divides num, else a Rational.

    den must be non-zero (division by zero is the arithmetic layer's business).
    """
    if den < 0:
        num, den = -num, -den
    g = gcd(num, den)
    if g != 1:
        num //= g
        den //= g
    if den == 1:
        return num
    return Rational(num, den)


class BigReal:
    """An arbitrary-precision real: an mpmath mpf and its precision in decimal digits."""

    __slots__ = ("value", "precision", "_hash")

    def __init__(self, value, precision: float):
        self.value = value
        self.precision = float(precision)
        self._hash = hash(("BigReal", value))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (
            type(other) is BigReal
            and self.value == other.value
            and self.precision == other.precision
        )

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f"BigReal({self.value!s}, {self.precision:g})"

    def __float__(self):
        return float(self.value)

    @staticmethod
    def from_string(digits: str, precision: float) -> "BigReal":
        """Parse decimal text such as '1.23' or '1.5e-10' at the given precision."""
        mp = mpmath()
        with mp.workprec(digits_to_bits(precision)):
            return BigReal(mp.mpf(digits), precision)


def digits_to_bits(digits: float) -> int:
    # log2(10) ~ 3.3219; a few guard bits keep the last digit honest.
    return int(digits * 3.321928094887362) + 4


class Complex:
    """A complex number re + im*I; im is never an exact zero."""

    __slots__ = ("re", "im", "_hash")

    def __init__(self, re, im):
        self.re = re
        self.im = im
        self._hash = hash(("Complex", type(re), re, type(im), im))

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        return (
            type(other) is Complex
            and type(self.re) is type(other.re)
            and type(self.im) is type(other.im)
            and self.re == other.re
            and self.im == other.im
        )

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f"Complex({self.re!r}, {self.im!r})"


def make_complex(re, im):
    """re + im*I, collapsing to re when im is an exact zero (as WL does)."""
    if type(im) is int and im == 0:
        return re
    # WL: a machine part makes both parts machine reals.
    if type(re) is float or type(im) is float:
        re, im = to_float(re), to_float(im)
    return Complex(re, im)


def to_float(x) -> float:
    return float(x)


NUMBER_TYPES = (int, float, Rational, BigReal, Complex)
EXACT_NUMBER_TYPES = (int, Rational)
