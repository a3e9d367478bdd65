"""Arithmetic on Lyra numbers: int, Rational, float, BigReal, Complex.

Pure functions with no messages and no symbolic results; arithmetic.py builds
Plus, Times and Power on top of them. The rules are WL's:

  * exact op exact stays exact (int, Rational, Complex with exact parts);
  * a machine real anywhere makes the result a machine real, even next to a
    BigReal (1.5`30 + 1. is a machine number);
  * BigReal results carry a precision in decimal digits: a sum keeps the least
    accuracy (digits after the point) of its terms, a product the least
    precision, a power x^e loses log10|e| digits;
  * machine overflow does not give inf: the result becomes a BigReal at
    machine precision, as WL switches to arbitrary precision.

No function here imports mpmath unless a BigReal (or an overflow) is involved.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..expr.atoms import (
    BigReal,
    Complex,
    Rational,
    digits_to_bits,
    make_complex,
    make_rational,
    mpmath,
)

MACHINE_PRECISION = 15.954589770191003  # $MachinePrecision: 53 bits in digits
# BigReal values keep this many bits beyond their precision, so the digits a
# printer shows past the precision are still the true ones (as in WL).
GUARD_BITS = 16
INF = math.inf
_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_REAL_TYPES = frozenset((int, float, Rational, BigReal))


def is_number(x) -> bool:
    return type(x) in _NUMBER_TYPES


def is_real_number(x) -> bool:
    return type(x) in _REAL_TYPES


def is_exact(x) -> bool:
    t = type(x)
    if t is int or t is Rational:
        return True
    if t is Complex:
        return is_exact(x.re) and is_exact(x.im)
    return False


def is_inexact(x) -> bool:
    t = type(x)
    return t is float or t is BigReal or (
        t is Complex and not (is_exact(x.re) and is_exact(x.im))
    )


def is_machine(x) -> bool:
    t = type(x)
    return t is float or (t is Complex and type(x.re) is float)


def precision(x) -> float:
    """Precision in digits: INF for exact numbers."""
    t = type(x)
    if t is float:
        return MACHINE_PRECISION
    if t is BigReal:
        return x.precision
    if t is Complex:
        return min(precision(x.re), precision(x.im))
    return INF


def is_zero(x) -> bool:
    """x is zero, exact or inexact (0, 0., 0`20)."""
    t = type(x)
    if t is int or t is float:
        return x == 0
    if t is BigReal:
        return not x.value
    return False  # Rational and Complex are never zero


def sign(x) -> int:
    """-1, 0 or 1 for a real number."""
    t = type(x)
    if t is int or t is float:
        return (x > 0) - (x < 0)
    if t is Rational:
        return 1 if x.num > 0 else -1
    if t is BigReal:
        v = x.value
        return (v > 0) - (v < 0)
    raise TypeError("sign of a non-real number")


# ---------------------------------------------------------------- conversion
def to_fraction(x) -> Fraction:
    """The exact value of a real number (floats and BigReals in binary)."""
    t = type(x)
    if t is int:
        return Fraction(x)
    if t is Rational:
        return Fraction(x.num, x.den)
    if t is float:
        return Fraction(x)
    man, exp = x.value.man_exp
    return Fraction(int(man) << exp) if exp >= 0 else Fraction(int(man), 1 << -exp)


def from_fraction(f: Fraction):
    return make_rational(f.numerator, f.denominator)


def to_float(x) -> float:
    """A real number as a machine float (may raise OverflowError)."""
    t = type(x)
    if t is float:
        return x
    if t is int:
        return float(x)
    if t is Rational:
        return x.num / x.den
    return float(x.value)


def to_mpf(x, prec_digits: float):
    """A real number as an mpmath mpf, rounded at the given precision."""
    mp = mpmath()
    t = type(x)
    with mp.workprec(value_bits(prec_digits)):
        if t is BigReal:
            return +x.value
        if t is Rational:
            return mp.mpf(x.num) / x.den
        return mp.mpf(x)


def machine_or_big(value_mpf):
    """An mpf computed at machine precision: a float if it fits, else a BigReal."""
    f = float(value_mpf)
    if f == INF or f == -INF or (f == 0.0 and value_mpf != 0):
        return BigReal(value_mpf, MACHINE_PRECISION)
    return f


def _checked_float(r: float, slow):
    """r, unless it overflowed: then `slow()` recomputes it in mpmath."""
    if r == INF or r == -INF or r != r:
        return slow()
    return r


def value_bits(prec_digits: float) -> int:
    """Working bits for a BigReal of the given precision (guard bits included)."""
    return digits_to_bits(prec_digits) + GUARD_BITS


def big_from_mpf(value, prec_digits: float) -> BigReal:
    return BigReal(value, max(prec_digits, 0.0))


def _log10_abs(value) -> float:
    mp = mpmath()
    return float(mp.log10(abs(value))) if value else -INF


# ---------------------------------------------------------------- real ops
def real_add(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return a + b
    if ta is float or tb is float:
        try:
            return _checked_float(to_float(a) + to_float(b), lambda: _mp_machine(a, b, "add"))
        except OverflowError:
            return _mp_machine(a, b, "add")
    if ta is BigReal or tb is BigReal:
        return _big_add(a, b)
    # exact: int / Rational
    an, ad = (a, 1) if ta is int else (a.num, a.den)
    bn, bd = (b, 1) if tb is int else (b.num, b.den)
    return make_rational(an * bd + bn * ad, ad * bd)


def real_mul(a, b):
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return a * b
    if ta is float or tb is float:
        try:
            r = to_float(a) * to_float(b)
        except OverflowError:
            return _mp_machine(a, b, "mul")
        if r == 0.0 and a != 0 and b != 0:  # underflow: keep the tiny value
            return _mp_machine(a, b, "mul")
        return _checked_float(r, lambda: _mp_machine(a, b, "mul"))
    if ta is BigReal or tb is BigReal:
        return _big_mul(a, b)
    an, ad = (a, 1) if ta is int else (a.num, a.den)
    bn, bd = (b, 1) if tb is int else (b.num, b.den)
    return make_rational(an * bn, ad * bd)


def real_neg(a):
    t = type(a)
    if t is int or t is float:
        return -a
    if t is Rational:
        return Rational(-a.num, a.den)
    return BigReal(-a.value, a.precision)


def real_inverse(a):
    """1/a for a non-zero real number (ZeroDivisionError for zero)."""
    t = type(a)
    if t is int:
        if a == 0:
            raise ZeroDivisionError
        return make_rational(1, a)
    if t is Rational:
        return make_rational(a.den, a.num)
    if t is float:
        if a == 0.0:
            raise ZeroDivisionError
        r = 1.0 / a
        if r == INF or r == -INF:  # a subnormal
            return _mp_machine(1, a, "div")
        return r
    if not a.value:
        raise ZeroDivisionError
    mp = mpmath()
    with mp.workprec(value_bits(a.precision)):
        return BigReal(1 / a.value, a.precision)


def _mp_machine(a, b, op):
    """a op b at machine precision in mpmath (the float result overflowed)."""
    mp = mpmath()
    with mp.workprec(53):
        x, y = to_mpf(a, MACHINE_PRECISION), to_mpf(b, MACHINE_PRECISION)
        if op == "add":
            r = x + y
        elif op == "mul":
            r = x * y
        elif op == "div":
            r = x / y
        else:
            r = mp.power(x, y)
    return machine_or_big(r)


def _big_add(a, b):
    pa, pb = precision(a), precision(b)
    work = max(p for p in (pa, pb) if p != INF) + 5
    mp = mpmath()
    x, y = to_mpf(a, work), to_mpf(b, work)
    with mp.workprec(value_bits(work)):
        r = x + y
    # Accuracy (digits after the point) of the sum is the least of the terms'.
    acc = min(_accuracy(pa, x), _accuracy(pb, y))
    prec = acc + _log10_abs(r) if r else 0.0
    if prec < 1.0:
        # Total cancellation: nothing significant is left. WL writes 0``acc;
        # a BigReal zero carries the accuracy as its precision.
        return BigReal(mp.mpf(0), max(acc, 0.0))
    with mp.workprec(value_bits(prec)):
        r = +r
    return big_from_mpf(r, prec)


def _accuracy(prec, value) -> float:
    if prec == INF:
        return INF
    if not value:
        return prec
    return prec - _log10_abs(value)


def _big_mul(a, b):
    prec = min(precision(a), precision(b))
    mp = mpmath()
    x, y = to_mpf(a, prec + 5), to_mpf(b, prec + 5)
    with mp.workprec(value_bits(prec)):
        return BigReal(x * y, prec)


def real_compare(a, b) -> int:
    """Exact comparison of two real numbers: -1, 0 or 1."""
    ta, tb = type(a), type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return (a > b) - (a < b)
    fa, fb = to_fraction(a), to_fraction(b)
    return (fa > fb) - (fa < fb)


def real_equal_tolerant(a, b) -> bool:
    """WL's Equal on reals: inexact numbers may differ in their last 7 bits."""
    if is_exact(a) and is_exact(b):
        return real_compare(a, b) == 0
    prec = min(precision(a), precision(b))
    if type(a) is not BigReal and type(b) is not BigReal:
        x, y = to_float(a), to_float(b)
        if x == y:
            return True
        tol = 2.0 ** (7 - 53) * max(abs(x), abs(y))
        return abs(x - y) <= tol
    fa, fb = to_fraction(a), to_fraction(b)
    if fa == fb:
        return True
    bits = digits_to_bits(prec) - 4
    tol = Fraction(2) ** (7 - bits) * max(abs(fa), abs(fb))
    return abs(fa - fb) <= tol


# ---------------------------------------------------------------- any number
def add(a, b):
    ta, tb = type(a), type(b)
    if ta is not Complex and tb is not Complex:
        return real_add(a, b)
    if ta is Complex and type(a.re) is float and (
        tb is float or tb is int or (tb is Complex and type(b.re) is float)
    ):
        z = complex(a.re, a.im) + (complex(b.re, b.im) if tb is Complex else b)
        return Complex(z.real, z.imag)
    ar, ai = (a.re, a.im) if ta is Complex else (a, 0)
    br, bi = (b.re, b.im) if tb is Complex else (b, 0)
    return make_complex(real_add(ar, br), real_add(ai, bi))


def mul(a, b):
    ta, tb = type(a), type(b)
    if ta is not Complex and tb is not Complex:
        return real_mul(a, b)
    if is_machine(a) or is_machine(b):
        try:
            z = _as_complex(a) * _as_complex(b)
            if not (math.isinf(z.real) or math.isinf(z.imag)):
                return Complex(z.real, z.imag)
        except OverflowError:
            pass
        return _mp_complex_machine(a, b, "mul")
    ar, ai = (a.re, a.im) if ta is Complex else (a, 0)
    br, bi = (b.re, b.im) if tb is Complex else (b, 0)
    re = real_add(real_mul(ar, br), real_neg(real_mul(ai, bi)))
    im = real_add(real_mul(ar, bi), real_mul(ai, br))
    return make_complex(re, im)


def neg(a):
    if type(a) is Complex:
        return Complex(real_neg(a.re), real_neg(a.im))
    return real_neg(a)


def inverse(a):
    """1/a (ZeroDivisionError for zero)."""
    if type(a) is not Complex:
        return real_inverse(a)
    if is_machine(a):
        z = 1 / complex(a.re, a.im)
        return Complex(z.real, z.imag)
    re, im = a.re, a.im
    norm = real_add(real_mul(re, re), real_mul(im, im))
    inv = real_inverse(norm)
    return make_complex(real_mul(re, inv), real_neg(real_mul(im, inv)))


def subtract(a, b):
    return add(a, neg(b))


def divide(a, b):
    """a/b (ZeroDivisionError for b zero); one rounding for machine reals."""
    ta, tb = type(a), type(b)
    if (ta is float or tb is float) and ta is not Complex and tb is not Complex and tb is not BigReal and ta is not BigReal:
        try:
            q = to_float(a) / to_float(b)
            if q != INF and q != -INF and (q != 0.0 or a == 0):
                return q
        except OverflowError:
            pass
    if ta is int and tb is int:
        if b == 0:
            raise ZeroDivisionError
        return make_rational(a, b)
    return mul(a, inverse(b))


def _as_complex(x) -> complex:
    if type(x) is Complex:
        return complex(to_float(x.re), to_float(x.im))
    return complex(to_float(x))


def _as_mpc(x, prec_digits):
    mp = mpmath()
    if type(x) is Complex:
        return mp.mpc(to_mpf(x.re, prec_digits), to_mpf(x.im, prec_digits))
    return mp.mpc(to_mpf(x, prec_digits))


def from_mpc(z, prec_digits: float, machine: bool):
    """A Lyra number from an mpmath mpc/mpf result."""
    mp = mpmath()
    if isinstance(z, mp.mpc):
        re, im = z.real, z.imag
        if machine:
            return make_complex(machine_or_big(re), machine_or_big(im))
        return Complex(BigReal(re, prec_digits), BigReal(im, prec_digits))
    if machine:
        return machine_or_big(z)
    return BigReal(z, prec_digits)


def _mp_complex_machine(a, b, op):
    mp = mpmath()
    with mp.workprec(53):
        x, y = _as_mpc(a, MACHINE_PRECISION), _as_mpc(b, MACHINE_PRECISION)
        r = x * y if op == "mul" else mp.power(x, y)
    return from_mpc(r, MACHINE_PRECISION, True)


def abs_number(x):
    """|x| for any number; exact for exact reals, None when it is not a
    rational number (exact complex with an irrational modulus)."""
    t = type(x)
    if t is not Complex:
        return x if sign(x) >= 0 else real_neg(x)
    re, im = x.re, x.im
    if is_machine(x):
        return math.hypot(re, im)
    if type(re) is BigReal or type(im) is BigReal:
        prec = precision(x)
        mp = mpmath()
        with mp.workprec(value_bits(prec)):
            return BigReal(mp.hypot(to_mpf(re, prec), to_mpf(im, prec)), prec)
    return None


# ---------------------------------------------------------------- powers
def int_power(base, n: int):
    """base^n for any number and an integer n (ZeroDivisionError for 0^-k)."""
    if n < 0:
        return inverse(int_power(base, -n))
    t = type(base)
    if t is int:
        return base**n
    if t is Rational:
        return Rational(base.num**n, base.den**n)  # already in lowest terms
    if t is float:
        try:
            r = base**n
        except OverflowError:
            return _mp_machine(base, n, "pow")
        if r == 0.0 and base != 0.0:  # underflow
            return _mp_machine(base, n, "pow")
        return _checked_float(r, lambda: _mp_machine(base, n, "pow"))
    if t is BigReal:
        prec = _power_precision(base.precision, n)
        mp = mpmath()
        with mp.workprec(value_bits(base.precision) + n.bit_length()):
            r = base.value**n
        with mp.workprec(value_bits(max(prec, 1.0))):
            return BigReal(+r, prec)
    # Complex
    if is_machine(base):
        try:
            z = complex(base.re, base.im) ** n
            if not (math.isinf(z.real) or math.isinf(z.imag)):
                return Complex(z.real, z.imag)
        except OverflowError:
            pass
        return _mp_complex_machine(base, n, "pow")
    result = 1
    square = base
    while n:
        if n & 1:
            result = mul(result, square)
        n >>= 1
        if n:
            square = mul(square, square)
    return result


def _power_precision(prec: float, exponent) -> float:
    """Precision of x^e when x has `prec` digits and e is exact."""
    e = abs(float(exponent))
    if e == 0 or prec == INF:
        return prec
    return max(prec - math.log10(e), 0.0)


def inexact_power(base, exponent):
    """base^exponent where at least one side is inexact; a number.

    The caller handles zero bases. Negative real bases with non-integer
    exponents give complex results, as in WL.
    """
    machine = is_machine(base) or is_machine(exponent)
    if machine:
        if type(base) is not Complex and type(exponent) is not Complex:
            try:
                b = to_float(base)
                e = to_float(exponent)
            except OverflowError:
                return _mp_general(base, exponent, True)
            if b >= 0 or e == int(e):
                try:
                    r = math.pow(b, e)
                    if r == 0.0 and b != 0.0:  # underflow
                        return _mp_general(base, exponent, True)
                    return _checked_float(r, lambda: _mp_general(base, exponent, True))
                except OverflowError:
                    return _mp_general(base, exponent, True)
                except ValueError:
                    return _mp_general(base, exponent, True)
        try:
            z = _as_complex(base) ** _as_complex(exponent)
            if not (math.isinf(z.real) or math.isinf(z.imag)):
                return _complex_result(z)
        except (OverflowError, ZeroDivisionError):
            pass
        return _mp_general(base, exponent, True)
    return _mp_general(base, exponent, False)


def _complex_result(z: complex):
    return Complex(z.real, z.imag)


def _mp_general(base, exponent, machine: bool):
    mp = mpmath()
    if machine:
        prec = MACHINE_PRECISION
    else:
        pb, pe = precision(base), precision(exponent)
        prec = min(pb, pe)
        if pe == INF:
            prec = _power_precision(pb, exponent if is_real_number(exponent) else 1)
    work = (MACHINE_PRECISION if machine else max(p for p in (precision(base), precision(exponent)) if p != INF)) + 5
    with mp.workprec(value_bits(work)):
        complex_case = type(base) is Complex or type(exponent) is Complex
        if not complex_case and sign(base) < 0 and not _is_integer_valued(exponent):
            complex_case = True
        if complex_case:
            r = mp.power(_as_mpc(base, work), _as_mpc(exponent, work))
            if isinstance(r, mp.mpc) and not r.imag and type(base) is not Complex and type(exponent) is not Complex and sign(base) >= 0:
                r = r.real
        else:
            r = mp.power(to_mpf(base, work), to_mpf(exponent, work))
    return from_mpc(r, prec, machine)


def _is_integer_valued(x) -> bool:
    t = type(x)
    if t is int:
        return True
    if t is float:
        return x == int(x) if math.isfinite(x) else False
    if t is BigReal:
        mp = mpmath()
        return mp.isint(x.value)
    return False


def integer_root(n: int, k: int):
    """The exact k-th root of n >= 0 when n is a perfect k-th power, else None."""
    if n < 2:
        return n
    # Newton's method on integers, from a float estimate when it fits.
    try:
        guess = int(round(n ** (1.0 / k)))
    except OverflowError:
        guess = 1 << -(-n.bit_length() // k)
    r = _int_nth_root(n, k, guess)
    return r if r**k == n else None


def _int_nth_root(n: int, k: int, guess: int) -> int:
    """floor(n ** (1/k))."""
    x = max(guess, 1)
    # Make sure we start above the root, then descend (Newton).
    while x**k <= n:
        x *= 2
    while True:
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            break
        x = y
    while x**k > n:
        x -= 1
    while (x + 1) ** k <= n:
        x += 1
    return x


def floor_number(x) -> int:
    """Floor of a real number (exact)."""
    t = type(x)
    if t is int:
        return x
    if t is Rational:
        return x.num // x.den
    if t is float:
        return math.floor(x)
    return math.floor(to_fraction(x))
