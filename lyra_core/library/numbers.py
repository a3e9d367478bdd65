"""Integer and rounding functions: Round, Floor, Ceiling, IntegerPart,
FractionalPart, Mod, Quotient, QuotientRemainder, GCD, LCM, Factorial,
Factorial2, Gamma, Binomial, Multinomial, Fibonacci, IntegerDigits, FromDigits,
IntegerLength, PowerMod, BaseForm, Clip, Rescale, and the number predicates.

Number theory (primes, factoring) lives in numeric_primes.py.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..engine import messages
from ..expr.atoms import BigReal, Complex, Rational, digits_to_bits, make_complex, make_rational, mpmath
from ..expr.normal import Expr
from ..expr import system_symbols as S
from ..expr.symbol import system
from . import numeric_tower as nt
from .numeric_eval import n_value, numeric_q
from .list_support import truth as _bool
from .registry import builtin

True_ = S.True_
False_ = S.False_
List = S.List
_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_REAL_TYPES = frozenset((int, float, Rational, BigReal))
_EXACT_TYPES = frozenset((int, Rational))
COMPLEX_INFINITY = Expr(S.DirectedInfinity, ())
# Integer results with more digits than this are refused (General::ovfl):
# Python's big-integer products would take seconds beyond it.
MAX_DIGITS = 1_000_000

messages.define("Mod", "indet", "Indeterminate expression `1` encountered.")
messages.define("Quotient", "infy", "Infinite expression `1` encountered.")
messages.define("QuotientRemainder", "divz", "The argument `1` in `2` should be nonzero.")
messages.define("PowerMod", "ninv", "`1` is not invertible modulo `2`.")
messages.define("IntegerDigits", "ibase", "Base `1` is not an integer greater than 1.")
messages.define("FromDigits", "ibase", "Base `1` is not an integer greater than 1.")



def _real_value(ev, x):
    """x as a real number: numbers as they are, numeric quantities (Pi,
    Sqrt[2]) through N with enough digits to round correctly; else None."""
    t = type(x)
    if t in _REAL_TYPES:
        return x
    if t is not Complex and numeric_q(x):
        value = n_value(ev, x, 40.0)
        if type(value) in _REAL_TYPES:
            return value
    return None


# ---------------------------------------------------------------- rounding
def _to_int(x, how) -> int:
    """Floor, ceiling, round or truncation of a real number, exactly."""
    t = type(x)
    if t is int:
        return x
    if t is float:
        if how == "floor":
            return math.floor(x)
        if how == "ceiling":
            return math.ceil(x)
        if how == "round":
            return round(x)
        return int(x)
    f = nt.to_fraction(x)
    if how == "floor":
        return math.floor(f)
    if how == "ceiling":
        return math.ceil(f)
    if how == "round":
        return round(f)
    return math.trunc(f)


def _rounding(ev, how, x, step=None):
    """Round/Floor/Ceiling[x] and [x, a] (a*Round[x/a])."""
    if step is not None:
        if type(x) in _NUMBER_TYPES and type(step) in _NUMBER_TYPES:
            if nt.is_zero(step):
                return None
            q = _rounding(ev, how, nt.divide(x, step))
            return None if q is None else nt.mul(q, step)
        return None
    t = type(x)
    if t is Complex:
        re = _rounding(ev, how, x.re)
        im = _rounding(ev, how, x.im)
        return make_complex(re, im)
    if t is Expr and x.head is S.DirectedInfinity:
        return x if x.args else None
    value = _real_value(ev, x)
    if value is None:
        return None
    if type(value) is float and not math.isfinite(value):
        return None
    return _to_int(value, how)


def _rounding_builtin(name, how, usage):
    @builtin(name, nargs=(1, 2), attributes=("Listable", "NumericFunction", "Protected"), usage=usage)
    def fn(ev, x, *rest):
        return _rounding(ev, how, x, rest[0] if rest else None)

    return fn


round_ = _rounding_builtin(
    "Round",
    "round",
    "Round[x] is the integer nearest x (halves go to the even neighbour); Round[x, a] "
    "rounds to a multiple of a.\nExample: Round[2.5] is 2, Round[7, 5] is 5",
)
floor = _rounding_builtin(
    "Floor",
    "floor",
    "Floor[x] is the greatest integer not above x; Floor[x, a] the greatest multiple of a.\n"
    "Example: Floor[-2.5] is -3",
)
ceiling = _rounding_builtin(
    "Ceiling",
    "ceiling",
    "Ceiling[x] is the least integer not below x; Ceiling[x, a] the least multiple of a.\n"
    "Example: Ceiling[2.1] is 3",
)


@builtin(
    "IntegerPart",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="IntegerPart[x] is x with its fractional part dropped (rounded toward zero).\n"
    "Example: IntegerPart[-2.7] is -2",
)
def integer_part(ev, x):
    if type(x) is Complex:
        return make_complex(_to_int(x.re, "trunc"), _to_int(x.im, "trunc"))
    value = _real_value(ev, x)
    if value is None:
        return None
    return _to_int(value, "trunc")


@builtin(
    "FractionalPart",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="FractionalPart[x] is x minus IntegerPart[x], with the sign of x.\n"
    "Example: FractionalPart[7/3] is 1/3, FractionalPart[-2.5] is -0.5",
)
def fractional_part(ev, x):
    if type(x) is Complex:
        return make_complex(_frac_part(x.re), _frac_part(x.im))
    if type(x) in _REAL_TYPES:
        return _frac_part(x)
    if numeric_q(x):
        value = _real_value(ev, x)  # None for a non-real quantity (Sqrt[-3/4])
        if value is None:
            return None
        return Expr(S.Plus, (x, -_to_int(value, "trunc")))
    return None


def _frac_part(x):
    return nt.add(x, -_to_int(x, "trunc"))


# ---------------------------------------------------------------- Mod, Quotient
def _mod(m, n, d=0):
    """m - n*Floor[(m - d)/n] for real numbers (n non-zero)."""
    q = _to_int(nt.divide(nt.subtract(m, d), n), "floor")
    return nt.subtract(m, nt.mul(n, q))


@builtin(
    "Mod",
    nargs=(2, 3),
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Mod[m, n] is the remainder of m divided by n, with the sign of n; "
    "Mod[m, n, d] uses the offset d.\nExample: Mod[-1, 3] is 2, Mod[5.5, 2] is 1.5",
)
def mod(ev, m, n, *rest):
    d = rest[0] if rest else 0
    if type(m) is int and type(n) is int and type(d) is int:
        if n == 0:
            ev.message("Mod", "indet", Expr(system("Mod"), (m, n) + tuple(rest)))
            return S.Indeterminate
        return m - n * ((m - d) // n)
    values = [_real_value(ev, v) for v in (m, n, d)]
    if None in values:
        return None
    mv, nv, dv = values
    if nt.is_zero(nv):
        ev.message("Mod", "indet", Expr(system("Mod"), (m, n) + tuple(rest)))
        return S.Indeterminate
    if not all(type(v) in _NUMBER_TYPES for v in (m, n, d)):
        # Mod[Pi, 2]: exact answer Pi - 2 Floor[Pi/2]
        q = _to_int(nt.divide(nt.subtract(mv, dv), nv), "floor")
        return Expr(S.Plus, (m, Expr(S.Times, (-q, n))))
    return _mod(mv, nv, dv)


@builtin(
    "Quotient",
    nargs=(2, 3),
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Quotient[m, n] is the integer quotient Floor[m/n]; Quotient[m, n, d] is "
    "Floor[(m - d)/n].\nExample: Quotient[17, 5] is 3, Quotient[-7, 2] is -4",
)
def quotient(ev, m, n, *rest):
    d = rest[0] if rest else 0
    values = [_real_value(ev, v) for v in (m, n, d)]
    if None in values:
        return None
    mv, nv, dv = values
    if nt.is_zero(nv):
        ev.message("Quotient", "infy", Expr(system("Quotient"), (m, n) + tuple(rest)))
        return COMPLEX_INFINITY
    return _to_int(nt.divide(nt.subtract(mv, dv), nv), "floor")


@builtin(
    "QuotientRemainder",
    nargs=2,
    attributes=("Listable", "Protected"),
    usage="QuotientRemainder[m, n] is {Quotient[m, n], Mod[m, n]}.\n"
    "Example: QuotientRemainder[17, 5] is {3, 2}",
)
def quotient_remainder(ev, m, n):
    values = [_real_value(ev, v) for v in (m, n)]
    if None in values:
        return None
    mv, nv = values
    if nt.is_zero(nv):
        ev.message("QuotientRemainder", "divz", n, Expr(system("QuotientRemainder"), (m, n)))
        return None
    q = _to_int(nt.divide(mv, nv), "floor")
    return Expr(List, (q, nt.subtract(mv, nt.mul(nv, q))))


# ---------------------------------------------------------------- GCD, LCM
@builtin(
    "GCD",
    attributes=("Flat", "Listable", "OneIdentity", "Orderless", "Protected"),
    usage="GCD[n1, n2, ...] is the greatest common divisor of integers or rationals.\n"
    "Example: GCD[12, 18] is 6, GCD[1/2, 1/3] is 1/6",
)
def gcd_(ev, *args):
    if not all(type(a) in _EXACT_TYPES for a in args):
        return None
    if all(type(a) is int for a in args):
        return math.gcd(*args)
    nums = [abs(nt.to_fraction(a).numerator) for a in args]
    dens = [nt.to_fraction(a).denominator for a in args]
    return make_rational(math.gcd(*nums), math.lcm(*dens))


@builtin(
    "LCM",
    attributes=("Flat", "Listable", "OneIdentity", "Orderless", "Protected"),
    usage="LCM[n1, n2, ...] is the least common multiple of integers or rationals.\n"
    "Example: LCM[4, 6] is 12",
)
def lcm_(ev, *args):
    if not all(type(a) in _EXACT_TYPES for a in args):
        return None
    if all(type(a) is int for a in args):
        return math.lcm(*args)
    nums = [abs(nt.to_fraction(a).numerator) for a in args]
    dens = [nt.to_fraction(a).denominator for a in args]
    return make_rational(math.lcm(*nums), math.gcd(*dens))


# ---------------------------------------------------------------- factorials
def _digits_of_factorial(n: int) -> float:
    return math.lgamma(n + 1) / math.log(10)


def _sqrt_pi_times(c):
    return Expr(S.Times, (c, Expr(S.Power, (S.Pi, Rational(1, 2)))))


def _gamma_exact(x):
    """Gamma[x] for an exact x: integers and half-integers; None otherwise."""
    if type(x) is int:
        if x <= 0:
            return COMPLEX_INFINITY
        return "factorial", x - 1
    if type(x) is Rational and x.den == 2:
        k = (x.num - 1) // 2  # x = k + 1/2
        if _digits_of_factorial(abs(2 * k)) > MAX_DIGITS:
            return None
        if k >= 0:
            c = make_rational(math.factorial(2 * k), 4**k * math.factorial(k))
        else:
            k = -k
            c = make_rational((-4) ** k * math.factorial(k), math.factorial(2 * k))
        return _sqrt_pi_times(c)
    return None


def _gamma_numeric(x):
    """Gamma of an inexact number."""
    if type(x) is float and x <= 0 and x == int(x):
        return COMPLEX_INFINITY
    # mpmath even for machine reals: math.gamma is not correctly rounded.
    precision = None if nt.is_machine(x) else nt.precision(x)
    work = nt.MACHINE_PRECISION if precision is None else precision
    mp = mpmath()
    with mp.workprec(digits_to_bits(work) + 10):
        arg = mp.mpc(nt.to_mpf(x.re, work), nt.to_mpf(x.im, work)) if type(x) is Complex else nt.to_mpf(x, work)
        try:
            value = mp.gamma(arg)
        except (ValueError, ZeroDivisionError):
            return COMPLEX_INFINITY
    return nt.from_mpc(value, work, precision is None)


def _factorial_of(ev, n):
    if type(n) is int:
        if n < 0:
            return COMPLEX_INFINITY
        if _digits_of_factorial(n) > MAX_DIGITS:
            ev.message("General", "ovfl")
            return None
        return math.factorial(n)
    if type(n) in _NUMBER_TYPES:
        if nt.is_inexact(n):
            return _gamma_numeric(nt.add(n, 1))
        value = _gamma_exact(nt.add(n, 1))
        if type(value) is tuple:
            return math.factorial(value[1])
        return value
    return None


@builtin(
    "Factorial",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Factorial[n] or n! is the factorial of n (Gamma[n + 1] for non-integers).\n"
    "Example: 5! is 120, (1/2)! is Sqrt[Pi]/2",
)
def factorial(ev, n):
    return _factorial_of(ev, n)


@builtin(
    "Gamma",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Gamma[z] is the Euler gamma function; Gamma[n] is (n - 1)! for integers.\n"
    "Example: Gamma[5] is 24, Gamma[1/2] is Sqrt[Pi]",
)
def gamma(ev, z):
    if type(z) not in _NUMBER_TYPES:
        return None
    if nt.is_inexact(z):
        return _gamma_numeric(z)
    value = _gamma_exact(z)
    if type(value) is tuple:
        return _factorial_of(ev, value[1])
    return value


@builtin(
    "Factorial2",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Factorial2[n] or n!! is the double factorial n (n - 2) (n - 4) ....\n"
    "Example: 7!! is 105, (-1)!! is 1",
)
def factorial2(ev, n):
    if type(n) is not int:
        return None
    if n >= 0:
        if _digits_of_factorial(n) / 2 > MAX_DIGITS:
            ev.message("General", "ovfl")
            return None
        return _product(list(range(n, 1, -2)))
    if n % 2 == 0:
        return COMPLEX_INFINITY
    # (-1)!! = 1 and n!! = (n + 2)!!/(n + 2) going down
    value = Fraction(1)
    k = -1
    while k > n:
        value /= k
        k -= 2
    return nt.from_fraction(value)


def _comb(n: int, k: int) -> int:
    """n choose k for 0 <= k <= n. Large cases multiply the prime powers of
    the result (Legendre's formula) in a balanced tree: far faster than
    math.comb's running product."""
    k = min(k, n - k)
    if k < 0:
        return 0
    if k < 200 or n > 50_000_000:
        return math.comb(n, k)
    from .numeric_primes import primes_up_to

    factors = []
    for p in primes_up_to(n):
        e = 0
        q = p
        while q <= n:
            e += n // q - k // q - (n - k) // q
            q *= p
        if e:
            factors.append(p**e if e > 1 else p)
    return _product(factors)


def _product(items: list) -> int:
    """The product of integers, pairing similar sizes (fast for big results)."""
    if not items:
        return 1
    while len(items) > 1:
        paired = [items[i] * items[i + 1] for i in range(0, len(items) - 1, 2)]
        if len(items) % 2:
            paired.append(items[-1])
        items = paired
    return items[0]


def _binomial_digits(n: int, k: int) -> float:
    if k < 0 or k > n:
        return 0.0
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(10)


def _binomial_int(n: int, k: int) -> int:
    if k >= 0:
        if n >= 0:
            return _comb(n, k) if k <= n else 0
        return (-1) ** k * _comb(k - n - 1, k)
    if n >= 0 or k > n:
        return 0
    return (-1) ** (n - k) * _comb(-k - 1, n - k)


@builtin(
    "Binomial",
    nargs=2,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Binomial[n, k] is the binomial coefficient n choose k.\n"
    "Example: Binomial[5, 2] is 10",
)
def binomial(ev, n, k):
    if type(n) is int and type(k) is int:
        top = n if n >= 0 else (k - n - 1 if k >= 0 else -k - 1)
        if _binomial_digits(top, min(abs(k), abs(top))) > MAX_DIGITS:
            ev.message("General", "ovfl")
            return None
        return _binomial_int(n, k)
    if type(k) is int and type(n) in _EXACT_TYPES:
        if k < 0:
            return 0
        value = 1
        for i in range(k):
            value = nt.mul(value, nt.subtract(n, i))
        return nt.divide(value, math.factorial(k))
    if type(n) in _NUMBER_TYPES and type(k) in _NUMBER_TYPES:
        if nt.is_inexact(n) or nt.is_inexact(k):
            precision = min(nt.precision(n), nt.precision(k))
            machine = nt.is_machine(n) or nt.is_machine(k)
            work = nt.MACHINE_PRECISION if machine else precision
            mp = mpmath()
            with mp.workprec(digits_to_bits(work) + 10):
                if type(n) is Complex or type(k) is Complex:
                    value = mp.binomial(nt._as_mpc(n, work), nt._as_mpc(k, work))
                else:
                    value = mp.binomial(nt.to_mpf(n, work), nt.to_mpf(k, work))
            return nt.from_mpc(value, work, machine)
        return None
    if type(k) is int:
        if k == 0:
            return 1
        if k == 1:
            return n
    if type(n) is type(k) and n == k:
        return 1  # Binomial[n, n]
    return None


@builtin(
    "Multinomial",
    attributes=("Listable", "NumericFunction", "Orderless", "Protected"),
    usage="Multinomial[n1, n2, ...] is (n1 + n2 + ...)!/(n1! n2! ...).\n"
    "Example: Multinomial[2, 3] is 10",
)
def multinomial(ev, *args):
    if not all(type(a) is int and a >= 0 for a in args):
        return None
    digits = (math.lgamma(sum(args) + 1) - sum(math.lgamma(a + 1) for a in args)) / math.log(10)
    if digits > MAX_DIGITS:
        ev.message("General", "ovfl")
        return None
    result = 1
    total = 0
    for a in args:
        total += a
        result *= _comb(total, a)
    return result


# ---------------------------------------------------------------- Fibonacci
def _fib_pair(n: int):
    """(F(n), F(n + 1)) by fast doubling."""
    if n == 0:
        return 0, 1
    a, b = _fib_pair(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d


@builtin(
    "Fibonacci",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Fibonacci[n] is the nth Fibonacci number (F(1) = F(2) = 1).\n"
    "Example: Fibonacci[10] is 55",
)
def fibonacci(ev, n):
    if type(n) is int:
        if abs(n) * 0.209 > MAX_DIGITS:
            ev.message("General", "ovfl")
            return None
        f = _fib_pair(abs(n))[0]
        if n < 0 and n % 2 == 0:
            f = -f
        return f
    if type(n) in _NUMBER_TYPES and nt.is_inexact(n) and type(n) is not Complex:
        precision = None if nt.is_machine(n) else nt.precision(n)
        work = nt.MACHINE_PRECISION if precision is None else precision
        mp = mpmath()
        with mp.workprec(digits_to_bits(work) + 10):
            value = mp.fibonacci(nt.to_mpf(n, work))
        return nt.from_mpc(value, work, precision is None)
    return None


# ---------------------------------------------------------------- digits
_DIGIT_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _digits(n: int, base: int) -> list[int]:
    if n == 0:
        return [0]
    if base == 10:
        from ..forms.numbers import int_text

        return [ord(c) - 48 for c in int_text(n)]
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(r)
    out.reverse()
    return out


@builtin(
    "IntegerDigits",
    nargs=(1, 3),
    attributes=("Listable", "Protected"),
    usage="IntegerDigits[n] is the list of the decimal digits of |n|; IntegerDigits[n, b] "
    "in base b; IntegerDigits[n, b, len] padded with zeros to len digits.\n"
    "Example: IntegerDigits[1234] is {1, 2, 3, 4}, IntegerDigits[5, 2, 4] is {0, 1, 0, 1}",
)
def integer_digits(ev, n, *rest):
    base = rest[0] if rest else 10
    if type(n) is not int:
        return None
    if type(base) is not int or base < 2:
        ev.message("IntegerDigits", "ibase", base)
        return None
    digits = _digits(abs(n), base)
    if len(rest) == 2:
        length = rest[1]
        if type(length) is not int or length < 0:
            return None
        digits = [0] * (length - len(digits)) + digits[max(0, len(digits) - length):]
    return Expr(List, tuple(digits))


@builtin(
    "FromDigits",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="FromDigits[list] is the integer with the given decimal digits; FromDigits[list, b] "
    "in base b; FromDigits[\"string\", b] reads the digits of a string.\n"
    "Example: FromDigits[{1, 2, 3}] is 123, FromDigits[\"ff\", 16] is 255",
)
def from_digits(ev, digits, *rest):
    base = rest[0] if rest else 10
    if type(digits) is str:
        if type(base) is not int or base < 2 or base > 36:
            ev.message("FromDigits", "ibase", base)
            return None
        values = []
        for c in digits.lower():
            d = _DIGIT_CHARS.find(c)
            if d < 0:
                return None
            values.append(d)
        result = 0
        for d in values:
            result = result * base + d
        return result
    if type(digits) is not Expr or digits.head is not List:
        return None
    items = digits.args
    if type(base) is int and all(type(d) is int for d in items):
        result = 0
        for d in items:
            result = result * base + d
        return result
    # Symbolic digits or base: the polynomial in the base.
    terms = []
    n = len(items)
    for i, d in enumerate(items):
        terms.append(Expr(S.Times, (d, Expr(S.Power, (base, n - 1 - i)))))
    return Expr(S.Plus, tuple(terms))


@builtin(
    "IntegerLength",
    nargs=(1, 2),
    attributes=("Listable", "Protected"),
    usage="IntegerLength[n] is the number of decimal digits of |n|; IntegerLength[n, b] "
    "the number of base-b digits.\nExample: IntegerLength[12345] is 5",
)
def integer_length(ev, n, *rest):
    base = rest[0] if rest else 10
    if type(n) is not int:
        return None
    if type(base) is not int or base < 2:
        ev.message("IntegerLength", "ibase", base)
        return None
    n = abs(n)
    if n == 0:
        return 0
    if base == 2:
        return n.bit_length()
    return _digit_count(ev, n, base)


def _digit_count(ev, n: int, base: int) -> int:
    """The number of base-`base` digits of n > 0, floor(log_base(n)) + 1.

    A double-precision log_base(n) (math.log2 reads only n's leading bits)
    is off by far less than `slack`, so it settles the count unless n lies
    within a hair of a power of base. Only then is that power computed: for
    a 10^6-digit n, base^k costs seconds, and str(n) longer still."""
    estimate = math.log2(n) / math.log2(base)
    slack = estimate * 2.0**-40 + 2.0**-30
    nearest = round(estimate)
    if abs(estimate - nearest) > slack:
        return math.floor(estimate) + 1
    # base^(nearest-1) < n < base^(nearest+1): the digit count is nearest
    # or nearest + 1, depending on which side of base^nearest n is.
    return nearest + 1 if _at_least_power(ev, n, base, nearest) else nearest


def _at_least_power(ev, n: int, base: int, k: int) -> bool:
    """n >= base^k. Writing base = 2^s c with c odd, that is (n >> s k) >= c^k
    (c^k is an integer), which spares the factor 2^(s k) of the power."""
    s = (base & -base).bit_length() - 1
    c = base >> s
    return (n >> (s * k)) >= _power(ev, c, k)


def _power(ev, c: int, k: int) -> int:
    """c^k by binary powering, looking for an interrupt between products:
    pow() on a million-digit result runs in C for seconds."""
    result = 1
    for bit in bin(k)[2:]:
        ev.check_interrupt()
        result *= result
        if bit == "1":
            result *= c
    return result


messages.define("IntegerLength", "ibase", "Base `1` is not an integer greater than 1.")


@builtin(
    "PowerMod",
    nargs=3,
    attributes=("Listable", "Protected"),
    usage="PowerMod[a, b, m] is a^b mod m, computed without forming a^b; a negative b "
    "uses the modular inverse.\nExample: PowerMod[2, 10, 1000] is 24, PowerMod[3, -1, 7] is 5",
)
def power_mod(ev, a, b, m):
    if not (type(a) is int and type(b) is int and type(m) is int) or m == 0:
        return None
    try:
        return pow(a, b, m)
    except ValueError:
        ev.message("PowerMod", "ninv", a, m)
        return None


@builtin(
    "BaseForm",
    nargs=2,
    attributes=("Protected",),
    usage="BaseForm[expr, b] displays the numbers in expr in base b; it is a wrapper "
    "for display only.\nExample: BaseForm[255, 16] shows ff_16",
)
def base_form(ev, e, base):
    return None


# ---------------------------------------------------------------- Clip, Rescale
@builtin(
    "Clip",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Clip[x] is x clipped to [-1, 1]; Clip[x, {min, max}] to [min, max]; "
    "Clip[x, {min, max}, {vmin, vmax}] gives vmin or vmax outside the range. Lists are "
    "clipped elementwise.\nExample: Clip[5, {0, 3}] is 3",
)
def clip(ev, x, *rest):
    bounds = rest[0] if rest else Expr(List, (-1, 1))
    if type(bounds) is not Expr or bounds.head is not List or len(bounds.args) != 2:
        return None
    lo, hi = bounds.args
    if len(rest) == 2:
        values = rest[1]
        if type(values) is not Expr or values.head is not List or len(values.args) != 2:
            return None
        below, above = values.args
    else:
        below, above = lo, hi
    if type(x) is Expr and x.head is List:
        return Expr(List, tuple(Expr(system("Clip"), (item,) + rest) for item in x.args))
    xv, lv, hv = (_real_value(ev, v) for v in (x, lo, hi))
    if xv is None or lv is None or hv is None:
        return None
    if nt.real_compare(xv, lv) < 0:
        return below
    if nt.real_compare(xv, hv) > 0:
        return above
    return x


@builtin(
    "Rescale",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Rescale[x, {min, max}] maps x linearly from [min, max] to [0, 1]; "
    "Rescale[x, {min, max}, {ymin, ymax}] to [ymin, ymax]; Rescale[list] uses the list's "
    "own minimum and maximum.\nExample: Rescale[5, {0, 10}] is 1/2",
)
def rescale(ev, x, *rest):
    if not rest:
        if type(x) is not Expr or x.head is not List:
            return None
        lo = ev.evaluate(Expr(system("Min"), (x,)))
        hi = ev.evaluate(Expr(system("Max"), (x,)))
        return Expr(List, tuple(_rescaled(item, lo, hi, 0, 1) for item in x.args))
    bounds = rest[0]
    if type(bounds) is not Expr or bounds.head is not List or len(bounds.args) != 2:
        return None
    lo, hi = bounds.args
    ylo, yhi = 0, 1
    if len(rest) == 2:
        target = rest[1]
        if type(target) is not Expr or target.head is not List or len(target.args) != 2:
            return None
        ylo, yhi = target.args
    if type(x) is Expr and x.head is List:
        return Expr(List, tuple(_rescaled(item, lo, hi, ylo, yhi) for item in x.args))
    return _rescaled(x, lo, hi, ylo, yhi)


def _rescaled(x, lo, hi, ylo, yhi):
    """ylo + (yhi - ylo) (x - lo)/(hi - lo), left for the evaluator to simplify."""
    Plus, Times, Power = S.Plus, S.Times, S.Power
    fraction = Expr(Times, (
        Expr(Plus, (x, Expr(Times, (-1, lo)))),
        Expr(Power, (Expr(Plus, (hi, Expr(Times, (-1, lo)))), -1)),
    ))
    if type(ylo) is int and ylo == 0 and type(yhi) is int and yhi == 1:
        return fraction
    return Expr(Plus, (ylo, Expr(Times, (Expr(Plus, (yhi, Expr(Times, (-1, ylo)))), fraction))))


# ---------------------------------------------------------------- predicates
def _predicate(name, test, usage):
    @builtin(name, nargs=1, attributes=("Protected",), usage=usage, pure=True)
    def fn(ev, x):
        return _bool(test(x))

    return fn


integer_q = _predicate(
    "IntegerQ", lambda x: type(x) is int,
    "IntegerQ[expr] is True if expr is an integer, else False.\nExample: IntegerQ[3] is True, IntegerQ[3.] is False",
)
even_q = _predicate(
    "EvenQ", lambda x: type(x) is int and x % 2 == 0,
    "EvenQ[expr] is True if expr is an even integer, else False.\nExample: EvenQ[4] is True",
)
odd_q = _predicate(
    "OddQ", lambda x: type(x) is int and x % 2 == 1,
    "OddQ[expr] is True if expr is an odd integer, else False.\nExample: OddQ[3] is True",
)
number_q = _predicate(
    "NumberQ", lambda x: type(x) in _NUMBER_TYPES,
    "NumberQ[expr] is True if expr is a number (integer, rational, real or complex).\n"
    "Example: NumberQ[1/2] is True, NumberQ[Pi] is False",
)
numeric_q_builtin = _predicate(
    "NumericQ", numeric_q,
    "NumericQ[expr] is True if expr has a numerical value: numbers, constants such as Pi, "
    "and numeric functions of them.\nExample: NumericQ[Sqrt[2] + Pi] is True",
)
exact_number_q = _predicate(
    "ExactNumberQ", lambda x: type(x) in _NUMBER_TYPES and nt.is_exact(x),
    "ExactNumberQ[expr] is True if expr is an exact number.\nExample: ExactNumberQ[1/3] is True",
)
inexact_number_q = _predicate(
    "InexactNumberQ", lambda x: type(x) in _NUMBER_TYPES and nt.is_inexact(x),
    "InexactNumberQ[expr] is True if expr is an approximate number.\nExample: InexactNumberQ[0.5] is True",
)
machine_number_q = _predicate(
    "MachineNumberQ", lambda x: type(x) in _NUMBER_TYPES and nt.is_machine(x),
    "MachineNumberQ[expr] is True if expr is a machine-precision number.\n"
    "Example: MachineNumberQ[1.5] is True, MachineNumberQ[1.5`20] is False",
)


@builtin(
    "PossibleZeroQ",
    nargs=1,
    attributes=("Protected",),
    usage="PossibleZeroQ[expr] is True if expr is numerically zero.\n"
    "Example: PossibleZeroQ[E^(I Pi) + 1] is True",
)
def possible_zero_q(ev, x):
    t = type(x)
    if t in _NUMBER_TYPES:
        return _bool(nt.is_zero(x) or (t is Complex and nt.is_zero(x.re) and nt.is_zero(x.im)))
    if numeric_q(x):
        value = n_value(ev, x, 50.0)
        if type(value) in _NUMBER_TYPES:
            magnitude = nt.abs_number(value)
            if magnitude is None:
                return False_
            return _bool(abs(nt.to_float(magnitude)) < 1e-40)
    return False_
