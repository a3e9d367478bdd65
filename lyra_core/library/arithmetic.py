"""Plus, Times, Power and their spellings (Subtract, Minus, Divide, Sqrt),
with WL's automatic simplifications and infinities.

The evaluator has already applied the attributes when these run: arguments
are flattened (Flat), threaded over lists (Listable) and sorted into canonical
order (Orderless). Each function returns the new expression, or None when the
call is already in normal form.

What happens without Simplify, as in WL:
  Plus  folds numbers, collects like terms (x + 2 x -> 3 x), drops exact 0;
  Times folds numbers, collects powers of equal bases (x x^2 -> x^3), gives 0
        for an exact 0 factor, distributes a lone -1 over a sum;
  Power folds numbers (exact roots too: Sqrt[8] -> 2 Sqrt[2]), simplifies
        x^0, x^1, (x^a)^n, (x y)^n.
"""

from __future__ import annotations

import math

from fractions import Fraction
from functools import lru_cache

from ..engine import messages
from ..expr import symbol as symtab
from ..expr.assoc import key_of
from ..expr.atoms import BigReal, Complex, Rational, make_rational
from ..expr.normal import Expr
from ..expr.order import canonical_sort
from ..expr import system_symbols as S
from ..expr.symbol import CONSTANT, Symbol
from . import numeric_tower as nt
from .numeric_eval import n_value, numeric_q
from .numeric_primes import primes_up_to
from .registry import builtin, declare

Plus = S.Plus
Times = S.Times
Power = S.Power
DirectedInfinity = S.DirectedInfinity
Indeterminate = S.Indeterminate

# Exact powers with more bits than this are refused (General::ovfl, left
# unevaluated): Python's multiplication would take many seconds. Powers of
# two are a shift, so they may be as large as 10^7 digits.
MAX_RESULT_BITS = 10_000_000  # about 3*10^6 decimal digits
MAX_SHIFT_BITS = 33_300_000  # about 10^7 decimal digits

_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_FLOAT_MAX = 1.7976931348623157e308
_HALF = Rational(1, 2)
_I = Complex(0, 1)
_MINUS_I = Complex(0, -1)
COMPLEX_INFINITY = Expr(DirectedInfinity, ())
INFINITY = Expr(DirectedInfinity, (1,))
MINUS_INFINITY = Expr(DirectedInfinity, (-1,))

messages.define("Power", "infy", "Infinite expression `1` encountered.")
messages.define("Power", "indet", "Indeterminate expression `1` encountered.")
messages.define("Infinity", "indet", "Indeterminate expression `1` encountered.")

_ARITH_ATTRS = ("Flat", "Listable", "NumericFunction", "OneIdentity", "Orderless", "Protected")


def _is_number(x) -> bool:
    return type(x) in _NUMBER_TYPES


def _is_exact_zero(x) -> bool:
    return type(x) is int and x == 0


def _is_exact_one(x) -> bool:
    return type(x) is int and x == 1


def _is_infinity(x) -> bool:
    return type(x) is Expr and x.head is DirectedInfinity


# ================================================================ Plus
@builtin(
    "Plus",
    attributes=_ARITH_ATTRS,
    usage="Plus[x, y, ...] or x + y + ... is the sum of its terms.\n"
    "Example: 1 + 2*x + x is 1 + 3*x",
)
def plus(ev, *args):
    # Fast path: integers and machine reals only (every loop counter).
    s = 0
    try:
        for a in args:
            t = type(a)
            if t is not int and t is not float:
                break
            s += a
        else:
            if type(s) is int or -_FLOAT_MAX <= s <= _FLOAT_MAX:
                return s  # (Plus[] is 0)
            return _plus_general(ev, args)  # machine overflow: redo with BigReals
    except OverflowError:  # a huge int next to a machine real
        return _plus_general(ev, args)
    n = len(args)
    if n == 1:
        return args[0]
    if n == 2:
        # Common normal forms: 1 + x and x + y stay as they are.
        a, b = args
        if type(b) is Symbol and b is not Indeterminate:
            if type(a) is Symbol:
                if a is not b and a is not Indeterminate:
                    return None
            elif (type(a) is int and a != 0) or type(a) is Rational:
                return None
    return _plus_general(ev, args)


def _plus_general(ev, args):
    number = None  # sum of the numeric terms
    numbers = 0
    infinities = []
    # Like terms: key (the term without its numeric coefficient) ->
    # [coefficient, key, original term or None when it changed].
    terms: dict = {}
    changed = False
    for a in args:
        t = type(a)
        if t in _NUMBER_TYPES:
            number = a if number is None else nt.add(number, a)
            numbers += 1
            continue
        if t is Expr:
            head = a.head
            if head is DirectedInfinity:
                infinities.append(a)
                continue
            if head is Times and len(a.args) >= 2 and type(a.args[0]) in _NUMBER_TYPES:
                coef = a.args[0]
                rest = a.args[1:]
                if len(rest) == 1:
                    key = rest[0]
                    if type(key) in _NUMBER_TYPES:  # not a normal-form product
                        coef, key = 1, a
                else:
                    key = Expr(Times, rest)
            else:
                coef, key = 1, a
        elif a is Indeterminate:
            return Indeterminate
        else:
            coef, key = 1, a
        entry = terms.get(key)
        if entry is None:
            terms[key] = [coef, key, a]
        else:
            entry[0] = nt.add(entry[0], coef)
            entry[2] = None
            changed = True

    if infinities:
        return _plus_infinities(ev, infinities)
    if number is not None and nt.is_inexact(number):
        # Pi + 1. is 4.141592653589793: numeric terms join an inexact sum.
        numeric = _numericize_terms(ev, number, [
            original if original is not None else _with_coefficient(coef, key)
            for coef, key, original in terms.values()
        ])
        if numeric is not None:
            return Expr(Plus, numeric)

    out = []
    for coef, key, original in terms.values():
        if original is not None:
            out.append(original)
            continue
        if type(coef) is int and coef == 0:
            continue  # x - x is 0; but x - 1. x is 0. x, as in WL
        out.append(_with_coefficient(coef, key))
    if number is not None:
        if _is_exact_zero(number):
            changed = True
        else:
            out.insert(0, number)
    if numbers > 1:
        changed = True
    if not changed:
        return None
    if not out:
        return 0
    if len(out) == 1:
        return out[0]
    return Expr(Plus, canonical_sort(tuple(out)))


def _with_coefficient(coef, key):
    """coef * key, key being a term without numeric coefficient."""
    if _is_exact_one(coef):
        return key
    if type(key) is Expr and key.head is Times:
        return Expr(Times, (coef,) + key.args)
    return Expr(Times, (coef, key))


def _plus_infinities(ev, infinities):
    """A sum with infinite terms: finite terms vanish next to them."""
    directed = []
    complex_count = 0
    for inf in infinities:
        if inf.args:
            if not any(d == inf for d in directed):
                directed.append(inf)
        else:
            complex_count += 1
    if complex_count and (directed or complex_count > 1):
        ev.message(symtab.system("Infinity"), "indet", Expr(Plus, tuple(infinities)))
        return Indeterminate
    if complex_count:
        return COMPLEX_INFINITY
    if len(directed) > 1:
        ev.message(symtab.system("Infinity"), "indet", Expr(Plus, canonical_sort(tuple(directed))))
        return Indeterminate
    return directed[0]


# ================================================================ Times
@builtin(
    "Times",
    attributes=_ARITH_ATTRS,
    usage="Times[x, y, ...] or x*y*... or x y ... is the product of its factors.\n"
    "Example: 2*x*x is 2*x^2",
)
def times(ev, *args):
    p = 1
    try:
        for a in args:
            t = type(a)
            if t is not int and t is not float:
                break
            p *= a
        else:
            if type(p) is int or (-_FLOAT_MAX <= p <= _FLOAT_MAX and (p != 0.0 or 0 in args)):
                return p
            return _times_general(ev, args)  # machine over/underflow: BigReals
    except OverflowError:  # a huge int next to a machine real
        return _times_general(ev, args)
    n = len(args)
    if n == 1:
        return args[0]
    if n == 2:
        # Common normal forms: 2 x and x y stay as they are.
        a, b = args
        if type(b) is Symbol and b is not Indeterminate:
            if type(a) is Symbol:
                if a is not b and a is not Indeterminate:
                    return None
            elif (type(a) is int and a != 0 and a != 1) or type(a) is Rational:
                return None
    return _times_general(ev, args)


def _times_general(ev, args):
    coef = None
    numbers = 0
    infinities = []
    # Powers of equal bases: key_of(base) -> [base, exponent, original factor
    # or None when the exponent changed].
    factors: dict = {}
    changed = False
    for a in args:
        t = type(a)
        if t in _NUMBER_TYPES:
            coef = a if coef is None else nt.mul(coef, a)
            numbers += 1
            continue
        if t is Expr:
            head = a.head
            if head is DirectedInfinity:
                infinities.append(a)
                continue
            if head is Power and len(a.args) == 2:
                base, exponent = a.args
            else:
                base, exponent = a, 1
        elif a is Indeterminate:
            return Indeterminate
        else:
            base, exponent = a, 1
        k = key_of(base)
        entry = factors.get(k)
        if entry is None:
            factors[k] = [base, exponent, a]
        else:
            entry[1] = _add_exponents(ev, entry[1], exponent)
            entry[2] = None
            changed = True

    if coef is not None and nt.is_zero(coef):
        if infinities:
            ev.message(symtab.system("Infinity"), "indet", Expr(Times, (coef,) + tuple(infinities)))
            return Indeterminate
        if type(coef) is int or not factors:
            return coef  # 0 x is 0
        # 0. x stays: an inexact zero is not known to annihilate x.
    if infinities:
        return _times_infinities(ev, coef, infinities, factors)
    if coef is not None and nt.is_inexact(coef):
        # 2. Pi is 6.283185307179586: numeric factors join an inexact product.
        numeric = _numericize_terms(ev, coef, [
            original if original is not None else Expr(Power, (base, exponent))
            for base, exponent, original in factors.values()
        ])
        if numeric is not None:
            return Expr(Times, numeric)

    out = []
    for base, exponent, original in factors.values():
        if original is not None:
            out.append(original)
            continue
        value = power_value(ev, base, exponent)
        if value is None:
            value = Expr(Power, (base, exponent))
        if type(value) in _NUMBER_TYPES:
            coef = value if coef is None else nt.mul(coef, value)
            numbers += 1
        elif type(value) is Expr and value.head is Times:
            # e.g. 2^(3/2) -> 2*Sqrt[2]: splice; the result is evaluated again.
            for f in value.args:
                if type(f) in _NUMBER_TYPES:
                    coef = f if coef is None else nt.mul(coef, f)
                    numbers += 1
                else:
                    out.append(f)
        else:
            out.append(value)

    surds = _numeric_surds(coef, out)
    if surds is not None:
        coef, out = surds
        changed = True

    if coef is not None:
        if type(coef) is int and coef == 0:
            return 0
        if _is_exact_one(coef):
            changed = True
            coef = None
    if numbers > 1:
        changed = True
    if not changed:
        if len(out) == 1 and type(coef) is int and coef == -1:
            only = out[0]
            if type(only) is Expr and only.head is Plus:
                # -(a + b) is -a - b (WL distributes a lone -1 over a sum).
                return Expr(Plus, tuple(_negate_term(t) for t in only.args))
        return None
    if coef is not None:
        out.insert(0, coef)
    if not out:
        return 1
    if len(out) == 1:
        return out[0]
    return Expr(Times, canonical_sort(tuple(out)))


def _negate_term(t):
    if type(t) in _NUMBER_TYPES:
        return nt.neg(t)
    if type(t) is Expr and t.head is Times and t.args and type(t.args[0]) in _NUMBER_TYPES:
        c = nt.neg(t.args[0])
        if _is_exact_one(c):
            rest = t.args[1:]
            return rest[0] if len(rest) == 1 else Expr(Times, rest)
        return Expr(Times, (c,) + t.args[1:])
    return Expr(Times, (-1, t))


def _numericize_terms(ev, number, terms):
    """(number, *terms) with every numeric term (Pi, Sqrt[2], ...) turned into a
    number of number's precision; None when no term is numeric."""
    precision = None if nt.is_machine(number) else nt.precision(number)
    out = [number]
    changed = False
    for term in terms:
        if type(term) is not Symbol or term.attributes & CONSTANT:
            if numeric_q(term):
                term = n_value(ev, term, precision)
                changed = True
        out.append(term)
    return tuple(out) if changed else None


def _add_exponents(ev, a, b):
    if type(a) in _NUMBER_TYPES and type(b) in _NUMBER_TYPES:
        return nt.add(a, b)
    return ev.evaluate(Expr(Plus, (a, b)))


def _times_infinities(ev, coef, infinities, factors):
    """A product with infinite factors: every finite factor joins the
    direction, as in WL (x Infinity is DirectedInfinity[x])."""
    if any(not inf.args for inf in infinities):
        return COMPLEX_INFINITY
    parts = [] if coef is None else [coef]
    parts.extend(
        original if original is not None else Expr(Power, (base, exponent))
        for base, exponent, original in factors.values()
    )
    parts.extend(inf.args[0] for inf in infinities)
    if len(parts) == 1:
        direction = parts[0]
    elif all(type(p) in _NUMBER_TYPES for p in parts):
        direction = parts[0]
        for p in parts[1:]:
            direction = nt.mul(direction, p)
    else:
        direction = ev.evaluate(Expr(Times, tuple(parts)))
    return ev.evaluate(Expr(DirectedInfinity, (direction,)))


def _numeric_surds(coef, out):
    """WL's normal form for products of numeric roots such as Sqrt[2]:
    Sqrt[2]/2 -> 1/Sqrt[2], 2/Sqrt[2] -> Sqrt[2], Sqrt[2]*Sqrt[3] -> Sqrt[6].

    Returns (coef, factors) when something changed, else None.
    """
    positions = []
    for i, f in enumerate(out):
        if (
            type(f) is Expr
            and f.head is Power
            and len(f.args) == 2
            and type(f.args[1]) is Rational
            and _positive_exact(f.args[0])
        ):
            positions.append(i)
    if not positions:
        return None
    changed = False
    c = coef if coef is not None else 1
    surds = []  # [base, exponent]
    for i in positions:
        base, e = out[i].args
        if type(base) is int and type(c) in (int, Rational):
            num, den = (c, 1) if type(c) is int else (c.num, c.den)
            if e.num > 0 and den % base == 0:
                c = make_rational(num * base, den)
                e = nt.real_add(e, -1)
                changed = True
            elif e.num < 0 and num % base == 0:
                c = make_rational(num, den * base)
                e = nt.real_add(e, 1)
                changed = True
        surds.append([base, e])
    # Equal |exponent|: multiply the bases (a^e b^-e is (a/b)^e).
    groups: dict = {}
    for base, e in surds:
        if type(e) is int:
            continue
        magnitude = Fraction(abs(e.num), e.den)
        b = Fraction(base.num, base.den) if type(base) is Rational else Fraction(base)
        if e.num < 0:
            b = 1 / b
        groups.setdefault(magnitude, []).append(b)
    if any(len(g) > 1 for g in groups.values()):
        changed = True
    if not changed:
        return None
    taken = set(positions)
    rest = [f for i, f in enumerate(out) if i not in taken]
    for magnitude, bases in groups.items():
        product = Fraction(1)
        for b in bases:
            product *= b
        exponent = make_rational(magnitude.numerator, magnitude.denominator)
        value = _exact_power(make_rational(product.numerator, product.denominator), exponent)
        if value is None:
            value = Expr(Power, (make_rational(product.numerator, product.denominator), exponent))
        if type(value) in _NUMBER_TYPES:
            c = nt.mul(c, value)
        elif type(value) is Expr and value.head is Times:
            for f in value.args:
                if type(f) in _NUMBER_TYPES:
                    c = nt.mul(c, f)
                else:
                    rest.append(f)
        else:
            rest.append(value)
    for base, e in surds:
        if type(e) is int:  # the coefficient absorbed the whole root
            c = nt.mul(c, nt.int_power(base, e))
    return c, rest


def _positive_exact(x) -> bool:
    t = type(x)
    return (t is int and x > 1) or (t is Rational and x.num > 0)


# ================================================================ Power
@builtin(
    "Power",
    nargs=None,
    attributes=("Listable", "NumericFunction", "OneIdentity", "Protected"),
    usage="Power[x, y] or x^y is x raised to the power y.\n"
    "Example: 2^10 is 1024, Sqrt[8] is 2*Sqrt[2]",
)
def power(ev, *args):
    n = len(args)
    if n == 2:
        return power_value(ev, args[0], args[1])
    if n == 0:
        return 1
    if n == 1:
        return args[0]
    # Power[a, b, c] is a^(b^c): right-associative, as WL.
    return Expr(Power, (args[0], Expr(Power, args[1:])))


def power_value(ev, b, e):
    """b^e in normal form, or None when b^e is already normal."""
    tb, te = type(b), type(e)
    if tb is int and te is int:
        return _int_power(ev, b, e)
    if b is Indeterminate or e is Indeterminate:
        return Indeterminate
    if te is int:
        if e == 0:
            if _is_infinity(b) or (tb in _NUMBER_TYPES and nt.is_zero(b)):
                ev.message(Power, "indet", Expr(Power, (b, e)))
                return Indeterminate
            return 1
        if e == 1:
            return b
    if tb in _NUMBER_TYPES and te in _NUMBER_TYPES:
        return _number_power(ev, b, e)
    if _is_infinity(b) or _is_infinity(e):
        return _infinite_power(ev, b, e)
    if b is S.E and te in _NUMBER_TYPES and nt.is_inexact(e):
        from .elementary import numeric_apply

        return numeric_apply(e, "exp")  # E^1000. directly, not N[E]^1000.
    if te in _NUMBER_TYPES and nt.is_inexact(e) and numeric_q(b):
        # Pi^2. and 2^Pi-like powers with an inexact side are numbers.
        return Expr(Power, (n_value(ev, b, _precision_of_inexact(e)), e))
    if tb in _NUMBER_TYPES and nt.is_inexact(b) and numeric_q(e):
        return Expr(Power, (b, n_value(ev, e, _precision_of_inexact(b))))
    if te in _NUMBER_TYPES and nt.is_zero(e):  # x^0. is 1.
        return 1.0
    if tb is int and b == 1:
        return 1
    if b is S.E and te is Expr:
        return _exp_special(e)
    if tb is Expr:
        head = b.head
        if head is Power and len(b.args) == 2:
            return _power_of_power(ev, b.args[0], b.args[1], e)
        if head is Times and te in _NUMBER_TYPES:
            return _power_of_product(ev, b, e)
    return None


def _exp_special(e):
    """E^Log[y] is y; E^(I r Pi) is (-1)^r for rational r."""
    args = e.args
    if e.head is symtab.system("Log") and len(args) == 1:
        return args[0]
    if e.head is Times and len(args) == 2 and args[1] is S.Pi:
        c = args[0]
        if type(c) is Complex and type(c.re) is int and c.re == 0 and type(c.im) in (int, Rational):
            return _minus_one_power(c.im)
    return None


def _reciprocal_text(ev, b, e):
    """0^-k as WL writes it in the message: 1/0, 1/0^2, 1/0.; other values
    go to the printer unchanged."""
    fmt = getattr(ev, "format_message_arg", None)
    if fmt is None or type(e) not in _NUMBER_TYPES or type(e) is Complex:
        return Expr(Power, (b, e))
    k = nt.real_neg(e)
    if type(k) is int and k == 1:
        return "1/" + fmt(b)
    return "1/" + fmt(Expr(Power, (b, k)))


def _precision_of_inexact(x):
    return None if nt.is_machine(x) else nt.precision(x)


def _int_power(ev, b, e):
    if e >= 0:
        if e <= 1 or -1 <= b <= 1:
            if e == 0:
                if b == 0:
                    ev.message(Power, "indet", Expr(Power, (b, e)))
                    return Indeterminate
                return 1
            if e == 1:
                return b
            return b**e
        value = _checked_int_power(b, e)
        if value is None:
            ev.message("General", "ovfl")
        return value
    if b == 0:
        ev.message(Power, "infy", _reciprocal_text(ev, b, e))
        return COMPLEX_INFINITY
    if b == 1 or b == -1:
        return b**-e
    value = _checked_int_power(b, -e)
    if value is None:
        ev.message("General", "ovfl")
        return None
    return make_rational(1, value)


def _checked_int_power(b: int, e: int):
    """b^e for |b| >= 2 and e >= 0, or None when the result is too large."""
    magnitude = -b if b < 0 else b
    if magnitude & (magnitude - 1) == 0:  # a power of two: shift
        shift = (magnitude.bit_length() - 1) * e
        if shift > MAX_SHIFT_BITS:
            return None
        value = 1 << shift
        return -value if b < 0 and e & 1 else value
    if e * math.log2(magnitude) > MAX_RESULT_BITS:  # the result's real size, not a lower bound
        return None
    return b**e


def _too_big(bits: int, exponent) -> bool:
    """Whether x^exponent, x having `bits` bits, exceeds MAX_RESULT_BITS."""
    return (bits - 1) * exponent > MAX_RESULT_BITS


def _number_power(ev, b, e):
    """b^e for two numbers."""
    if nt.is_zero(b):
        return _zero_power(ev, b, e)
    if nt.is_exact(b) and nt.is_exact(e):
        te = type(e)
        if te is int:
            bits = _bits_of(b)
            if _too_big(bits, abs(e)):
                ev.message("General", "ovfl")
                return None
            return nt.int_power(b, e)
        if te is Rational:
            if type(b) is Complex:
                if b == _I:  # I^e = (-1)^(e/2)
                    return _minus_one_power(nt.real_mul(e, _HALF))
                if b == _MINUS_I:
                    return _minus_one_power(nt.real_mul(e, Rational(-1, 2)))
                return None
            return _exact_power(b, e)
        return None  # complex exponents stay symbolic
    if nt.is_zero(e):
        return 1.0
    return nt.inexact_power(b, e)


def _bits_of(x) -> int:
    t = type(x)
    if t is int:
        return abs(x).bit_length()
    if t is Rational:
        return max(abs(x.num).bit_length(), x.den.bit_length())
    return max(_bits_of(x.re), _bits_of(x.im)) + 1


def _zero_power(ev, b, e):
    """0^e: 0 for Re[e] > 0, ComplexInfinity for Re[e] < 0."""
    re = e.re if type(e) is Complex else e
    s = nt.sign(re)
    if s > 0:
        if nt.is_exact(b) and nt.is_exact(e):
            return 0
        return 0.0 if type(b) is not BigReal else b
    if s < 0:
        ev.message(Power, "infy", _reciprocal_text(ev, b, e))
        return COMPLEX_INFINITY
    ev.message(Power, "indet", Expr(Power, (b, e)))
    return Indeterminate


def _minus_one_power(r):
    """(-1)^r for an exact rational r, as WL writes it: the exponent brought
    into (-1, 1], then (-1)^r for r in (0, 1) and -(-1)^(r+1) for r in (-1, 0)."""
    if type(r) is int:
        return 1 if r % 2 == 0 else -1
    f = Fraction(r.num, r.den)
    f -= 2 * ((f + 1) // 2)  # now in (-1, 1]
    if f == Fraction(1, 2):
        return _I
    if f == Fraction(-1, 2):
        return _MINUS_I
    if f > 0:
        return Expr(Power, (-1, make_rational(f.numerator, f.denominator)))
    g = f + 1
    return Expr(Times, (-1, Expr(Power, (-1, make_rational(g.numerator, g.denominator)))))


def _exact_power(b, e):
    """b^e for a non-zero exact real b and a Rational e: exact roots are
    extracted (Sqrt[8] -> 2 Sqrt[2], 4^(1/3) -> 2^(2/3)); None when b^e is
    already in normal form. Results are cached: expressions are immutable."""
    if type(b) is int:
        return _exact_power_cached(b, 1, e.num, e.den)
    return _exact_power_cached(b.num, b.den, e.num, e.den)


@lru_cache(maxsize=4096)
def _exact_power_cached(num: int, den: int, p: int, q: int):
    return _exact_power_uncached(make_rational(num, den), Rational(p, q))


def _exact_power_uncached(b, e):
    if type(b) is int and b == -1:
        value = _minus_one_power(e)
        if type(value) is Expr and value.head is Power and value.args[1] == e:
            return None  # (-1)^(1/3) is normal
        return value
    if type(b) is int and b < 0 or type(b) is Rational and b.num < 0:
        sign_part = _minus_one_power(e)
        magnitude = nt.real_neg(b)
        rest = _exact_power(magnitude, e)
        if rest is None:
            rest = Expr(Power, (magnitude, e)) if not _is_exact_one(magnitude) else 1
        if type(sign_part) in _NUMBER_TYPES and type(rest) in _NUMBER_TYPES:
            return nt.mul(sign_part, rest)
        return Expr(Times, (sign_part, rest))
    if _is_exact_one(b):
        return 1
    num, den = (b, 1) if type(b) is int else (b.num, b.den)
    p, q = e.num, e.den
    if _too_big(max(num.bit_length(), den.bit_length()), abs(p) / q):
        return None
    if den == 1 and abs(p) < q and all(count == 1 for _, count in _partial_factor(num, q)):
        return None  # a square-free base and |e| < 1: Sqrt[6] is normal
    coef_n, parts_n = _int_root_parts(num, p, q) if num != 1 else (1, ())
    coef_d, parts_d = _int_root_parts(den, -p, q) if den != 1 else (1, ())
    coef = nt.real_mul(coef_n, coef_d)
    # Group the remaining prime powers by |exponent|: a^e b^-e is (a/b)^e.
    groups: dict = {}
    for prime, frac in parts_n + parts_d:
        magnitude = abs(frac)
        base = Fraction(prime) if frac > 0 else Fraction(1, prime)
        groups[magnitude] = groups.get(magnitude, Fraction(1)) * base
    factors = []
    for magnitude, base in groups.items():
        exponent = make_rational(magnitude.numerator, magnitude.denominator)
        if base.numerator == 1:
            factors.append(Expr(Power, (base.denominator, nt.real_neg(exponent))))
        else:
            factors.append(Expr(Power, (make_rational(base.numerator, base.denominator), exponent)))
    if not factors:
        return coef
    if _is_exact_one(coef) and len(factors) == 1:
        only = factors[0]
        if only.args[1] == e and type(only.args[0]) is type(b) and only.args[0] == b:
            return None  # already normal
        return only
    if _is_exact_one(coef):
        return Expr(Times, canonical_sort(tuple(factors)))
    return Expr(Times, canonical_sort((coef,) + tuple(factors)))


@lru_cache(maxsize=4096)
def _int_root_parts(n: int, p: int, q: int):
    """n^(p/q) for an integer n >= 2 as (exact coefficient, ((prime, frac), ...))
    where each frac is a non-integer Fraction of the same sign as p."""
    root = nt.integer_root(n, q)
    if root is not None:
        return nt.int_power(root, p), ()
    coef = 1
    parts = []
    r = Fraction(p, q)
    for prime, count in _partial_factor(n, q):
        exponent = r * count
        whole = int(exponent)  # toward zero: 2^(-3/2) = 1/2 * 2^(-1/2)
        frac = exponent - whole
        if whole:
            coef = nt.real_mul(coef, nt.int_power(prime, whole))
        if frac:
            parts.append((prime, frac))
    return coef, tuple(parts)


def _partial_factor(n: int, q: int):
    """Prime powers of n by trial division; a large cofactor is kept whole
    (or as a perfect q-th power) -- enough to pull exact roots out."""
    out = []
    for prime in primes_up_to(2000):
        if prime * prime > n:
            break
        if n % prime == 0:
            count = 0
            while n % prime == 0:
                n //= prime
                count += 1
            out.append((prime, count))
    if n > 1:
        root = nt.integer_root(n, q)
        if root is not None and root > 1:
            out.append((root, q))
        else:
            out.append((n, 1))
    return out


def _power_of_power(ev, x, a, e):
    """(x^a)^e: x^(a e) when e is an integer or a is a real number in (-1, 1]."""
    te = type(e)
    combine = te is int
    if not combine and type(a) in _NUMBER_TYPES and type(a) is not Complex:
        combine = nt.real_compare(a, -1) > 0 and nt.real_compare(a, 1) <= 0
    if not combine:
        return None
    if type(a) in _NUMBER_TYPES and te in _NUMBER_TYPES:
        exponent = nt.mul(a, e)
    else:
        exponent = ev.evaluate(Expr(Times, (a, e)))
    return ev.evaluate(Expr(Power, (x, exponent)))


def _power_of_product(ev, b, e):
    """(x y)^e: distributed for integer e; for other exponents only the
    positive numeric factor comes out ((2 x)^(1/2) -> Sqrt[2] Sqrt[x])."""
    if type(e) is int:
        return Expr(Times, tuple(Expr(Power, (f, e)) for f in b.args))
    first = b.args[0]
    if type(first) not in _NUMBER_TYPES or type(first) is Complex:
        return None
    s = nt.sign(first)
    if s > 0:
        rest = b.args[1:]
        inner = rest[0] if len(rest) == 1 else Expr(Times, rest)
        return Expr(Times, (Expr(Power, (first, e)), Expr(Power, (inner, e))))
    if _is_exact_one(nt.real_neg(first)):
        return None
    inner = Expr(Times, (-1,) + b.args[1:])
    return Expr(Times, (Expr(Power, (nt.real_neg(first), e)), Expr(Power, (inner, e))))


def _infinite_power(ev, b, e):
    if _is_infinity(b):
        if type(e) in _NUMBER_TYPES and type(e) is not Complex:
            s = nt.sign(e)
            if s < 0:
                return 0
            if s == 0:
                ev.message(Power, "indet", Expr(Power, (b, e)))
                return Indeterminate
            if not b.args:
                return COMPLEX_INFINITY
            d = b.args[0]
            if _is_exact_one(d):
                return b
            return ev.evaluate(Expr(DirectedInfinity, (Expr(Power, (d, e)),)))
        return None
    # a number raised to a directed infinity
    if not e.args or type(b) not in _NUMBER_TYPES or type(b) is Complex:
        return None
    d = e.args[0]
    if d == 1 or d == -1:
        magnitude = nt.abs_number(b)
        c = nt.real_compare(magnitude, 1)
        if c == 0:
            ev.message(Power, "indet", Expr(Power, (b, e)))
            return Indeterminate
        if (c > 0) == (d == 1):
            return INFINITY if nt.sign(b) > 0 else COMPLEX_INFINITY
        return 0
    return None


# ================================================================ spellings
@builtin(
    "Subtract",
    nargs=2,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Subtract[x, y] or x - y is x minus y.\nExample: 5 - 3 is 2",
)
def subtract(ev, x, y):
    if type(x) is int and type(y) is int:
        return x - y
    return Expr(Plus, (x, Expr(Times, (-1, y))))


@builtin(
    "Minus",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Minus[x] or -x is the arithmetic negation of x.\nExample: -(a + b) is -a - b",
)
def minus(ev, x):
    if type(x) in _NUMBER_TYPES:
        return nt.neg(x)
    return Expr(Times, (-1, x))


@builtin(
    "Divide",
    nargs=2,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Divide[x, y] or x/y is x divided by y.\nExample: 6/4 is 3/2",
)
def divide(ev, x, y):
    if type(x) is int and type(y) is int and y != 0:
        return make_rational(x, y)
    return Expr(Times, (x, Expr(Power, (y, -1))))


@builtin(
    "Sqrt",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Sqrt[x] is the square root of x, the same as x^(1/2).\n"
    "Example: Sqrt[16] is 4, Sqrt[8] is 2*Sqrt[2]",
)
def sqrt(ev, x):
    return Expr(Power, (x, _HALF))


# ================================================================ infinities
@builtin(
    "DirectedInfinity",
    nargs=(0, 1),
    attributes=("Listable", "Protected"),
    usage="DirectedInfinity[z] is an infinite quantity in the direction of z; "
    "DirectedInfinity[] is ComplexInfinity.\nExample: -Infinity is DirectedInfinity[-1]",
)
def directed_infinity(ev, *args):
    if not args:
        return None
    z = args[0]
    t = type(z)
    if t not in _NUMBER_TYPES:
        # DirectedInfinity[2 x] is DirectedInfinity[x]: only the direction counts.
        if t is Expr and z.head is Times and len(z.args) >= 2:
            c = z.args[0]
            if type(c) in _NUMBER_TYPES and type(c) is not Complex and not _is_exact_one(c):
                rest = z.args[1:]
                inner = rest[0] if len(rest) == 1 else Expr(Times, rest)
                if nt.sign(c) > 0:
                    return Expr(DirectedInfinity, (inner,))
                if not (type(c) is int and c == -1):
                    return Expr(DirectedInfinity, (Expr(Times, (-1,) + rest),))
        return None
    if nt.is_zero(z):
        return COMPLEX_INFINITY
    if t is not Complex:
        s = nt.sign(z)
        if type(z) is int and (z == 1 or z == -1):
            return None
        return INFINITY if s > 0 else MINUS_INFINITY
    if nt.is_exact(z):
        norm = nt.real_add(nt.real_mul(z.re, z.re), nt.real_mul(z.im, z.im))
        if _is_exact_one(norm):
            return None
        root = _exact_power(norm, Rational(-1, 2))
        factor = root if root is not None else Expr(Power, (norm, Rational(-1, 2)))
        if type(factor) in _NUMBER_TYPES:
            return Expr(DirectedInfinity, (nt.mul(z, factor),))
        return Expr(DirectedInfinity, (ev.evaluate(Expr(Times, (z, factor))),))
    magnitude = nt.abs_number(z)
    if abs(float(magnitude) - 1.0) < 1e-15:
        return None
    return Expr(DirectedInfinity, (nt.mul(z, nt.inverse(magnitude)),))


def _constant(name: str, value, attributes, usage: str) -> Symbol:
    """A System symbol whose value is fixed (Infinity, ComplexInfinity, I)."""
    return declare(name, attributes=attributes, usage=usage, value=value)


_constant(
    "Infinity",
    INFINITY,
    ("Constant", "Protected", "ReadProtected"),
    "Infinity is a positive infinite quantity, DirectedInfinity[1].\n"
    "Example: 1/Infinity is 0",
)
_constant(
    "ComplexInfinity",
    COMPLEX_INFINITY,
    ("Constant", "Protected", "ReadProtected"),
    "ComplexInfinity is an infinite quantity of unknown direction, DirectedInfinity[].\n"
    "Example: 1/0 is ComplexInfinity (with a message)",
)
_constant(
    "I",
    _I,
    ("Locked", "Protected", "ReadProtected"),
    "I is the imaginary unit Sqrt[-1], the number Complex[0, 1].\nExample: I^2 is -1",
)
declare(
    "Indeterminate",
    attributes=("Protected",),
    usage="Indeterminate is the value of an expression whose value cannot be determined.\n"
    "Example: 0/0 is Indeterminate (with messages)",
)
