"""Elementary functions: Exp, Log, Log2, Log10, the trigonometric and
hyperbolic functions and their inverses, Re, Im, Conjugate, Arg.

As in WL, exact arguments give exact special values where they exist
(Sin[Pi/6] is 1/2, ArcTan[1] is Pi/4, Log[E] is 1), symmetries are applied
(Sin[-x] is -Sin[x], Cos[x + Pi] is -Cos[x]), anything else exact stays
symbolic (Sin[1]), and inexact arguments give numbers at their precision.
Branch cuts follow mpmath, which follows WL (ArcSin[2.] is 1.5708 - 1.31696 I).
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..expr.atoms import BigReal, Complex, Rational, make_rational, mpmath
from ..expr.normal import Expr
from ..expr import system_symbols as S
from ..expr.symbol import system
from . import numeric_tower as nt
from .registry import builtin

Pi = S.Pi
E = S.E
Times = S.Times
Plus = S.Plus
Power = S.Power
DirectedInfinity = S.DirectedInfinity
Degree = system("Degree")
_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_REAL_TYPES = frozenset((int, float, Rational, BigReal))
_HALF = Rational(1, 2)
COMPLEX_INFINITY = Expr(DirectedInfinity, ())
INFINITY = Expr(DirectedInfinity, (1,))
MINUS_INFINITY = Expr(DirectedInfinity, (-1,))
_FN_ATTRS = ("Listable", "NumericFunction", "Protected")


def _sqrt(x):
    return Expr(Power, (x, _HALF))


def _times(*factors):
    return Expr(Times, factors)


def _plus(*terms):
    return Expr(Plus, terms)


def _pi_times(r):
    """r*Pi for an exact rational r."""
    if type(r) is int and r == 1:
        return Pi
    if type(r) is int and r == 0:
        return 0
    return Expr(Times, (r, Pi))


def _is_exact_zero(x):
    return type(x) is int and x == 0


# ---------------------------------------------------------------- numeric core
def numeric_apply(x, name: str):
    """The mpmath function `name` at x, for an inexact number x; machine reals
    use math where the result is real. None if x is not an inexact number."""
    t = type(x)
    if t is float:
        fast = _MATH.get(name)
        if fast is not None:
            try:
                r = fast(x)
                if r != 0.0 or name != "exp":  # exp underflows to 0.
                    return r
            except (ValueError, OverflowError, ZeroDivisionError):
                pass
        return _mp_apply(x, name, None)
    if t is BigReal:
        return _mp_apply(x, name, x.precision)
    if t is Complex and nt.is_inexact(x):
        return _mp_apply(x, name, None if nt.is_machine(x) else nt.precision(x))
    return None


def _mp_apply(x, name, precision):
    mp = mpmath()
    work = nt.MACHINE_PRECISION if precision is None else precision
    with mp.workprec(nt.value_bits(work) + 10):
        arg = mp.mpc(nt.to_mpf(x.re, work), nt.to_mpf(x.im, work)) if type(x) is Complex else nt.to_mpf(x, work)
        try:
            value = getattr(mp, name)(arg)
        except (ZeroDivisionError, ValueError):
            return COMPLEX_INFINITY
        if isinstance(value, mp.mpc) and value.imag == 0 and type(x) is not Complex:
            value = value.real
        if not mp.isfinite(value.real if isinstance(value, mp.mpc) else value):
            return COMPLEX_INFINITY
    if precision is not None:  # machine results round once, in from_mpc
        with mp.workprec(nt.value_bits(work)):
            value = +value
    return nt.from_mpc(value, work, precision is None)


def _cot(x):
    return 1.0 / math.tan(x)


_MATH = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "cot": _cot,
    "sec": lambda x: 1.0 / math.cos(x),
    "csc": lambda x: 1.0 / math.sin(x),
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
    "acot": lambda x: math.atan(1.0 / x) if x else math.pi / 2,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "asinh": math.asinh,
    "acosh": math.acosh,
    "atanh": math.atanh,
    "exp": math.exp,
}


def _log_machine(x):
    if x > 0:
        return math.log(x)
    raise ValueError


_MATH["log"] = _log_machine


# ---------------------------------------------------------------- structure helpers
def pi_multiple(x):
    """r when x is r*Pi (or r*Degree) for an exact rational r, else None."""
    if x is Pi:
        return 1
    if x is Degree:
        return Rational(1, 180)
    if type(x) is int and x == 0:
        return 0
    if type(x) is Expr and x.head is Times and len(x.args) == 2:
        c, rest = x.args
        if type(c) is int or type(c) is Rational:
            if rest is Pi:
                return c
            if rest is Degree:
                return nt.real_mul(c, Rational(1, 180))
    return None


def negated(x):
    """-x written without the leading minus when x "looks negative" (a negative
    number, a term with negative coefficient, a sum whose first term does);
    None otherwise. Odd and even functions use it: Sin[-x] is -Sin[x]."""
    t = type(x)
    if t in _REAL_TYPES:
        return nt.real_neg(x) if nt.sign(x) < 0 else None
    if t is Expr:
        if x.head is Times and x.args:
            c = x.args[0]
            if type(c) in _REAL_TYPES and nt.sign(c) < 0:
                c = nt.real_neg(c)
                rest = x.args[1:]
                if type(c) is int and c == 1:
                    return rest[0] if len(rest) == 1 else Expr(Times, rest)
                return Expr(Times, (c,) + rest)
        elif x.head is Plus and x.args and negated(x.args[0]) is not None:
            return Expr(Plus, tuple(_negate(a) for a in x.args))
    return None


def _negate(a):
    n = negated(a)
    if n is not None:
        return n
    if type(a) in _NUMBER_TYPES:
        return nt.neg(a)
    if type(a) is Expr and a.head is Times and a.args and type(a.args[0]) in _NUMBER_TYPES:
        return Expr(Times, (nt.neg(a.args[0]),) + a.args[1:])
    return Expr(Times, (-1, a))


def _split_pi_shift(x):
    """(rest, r) when x is rest + r*Pi with r a multiple of 1/2, else None."""
    if type(x) is not Expr or x.head is not Plus:
        return None
    for i, term in enumerate(x.args):
        r = pi_multiple(term)
        if r is None:
            continue
        r = nt.to_fraction(r)
        if r * 2 % 1 == 0:
            rest = x.args[:i] + x.args[i + 1 :]
            rest_expr = rest[0] if len(rest) == 1 else Expr(Plus, rest)
            return rest_expr, r
    return None


# ---------------------------------------------------------------- exact trig values
def _sin_table():
    s2, s3, s5 = _sqrt(2), _sqrt(3), _sqrt(5)
    inv_s2 = Expr(Power, (2, Rational(-1, 2)))
    return {
        Fraction(0): 0,
        Fraction(1, 12): _times(_plus(-1, s3), Rational(1, 2), inv_s2),
        Fraction(1, 10): _times(Rational(1, 4), _plus(-1, s5)),
        Fraction(1, 8): _times(_HALF, _sqrt(_plus(2, _times(-1, s2)))),
        Fraction(1, 6): _HALF,
        Fraction(1, 5): _sqrt(_plus(Rational(5, 8), _times(Rational(-1, 8), s5))),
        Fraction(1, 4): inv_s2,
        Fraction(3, 10): _times(Rational(1, 4), _plus(1, s5)),
        Fraction(1, 3): _times(_HALF, s3),
        Fraction(3, 8): _times(_HALF, _sqrt(_plus(2, s2))),
        Fraction(2, 5): _sqrt(_plus(Rational(5, 8), _times(Rational(1, 8), s5))),
        Fraction(5, 12): _times(_plus(1, s3), Rational(1, 2), inv_s2),
        Fraction(1, 2): 1,
    }


def _tan_table():
    s2, s3 = _sqrt(2), _sqrt(3)
    return {
        Fraction(0): 0,
        Fraction(1, 12): _plus(2, _times(-1, s3)),
        Fraction(1, 8): _plus(-1, s2),
        Fraction(1, 6): Expr(Power, (3, Rational(-1, 2))),
        Fraction(1, 4): 1,
        Fraction(1, 3): s3,
        Fraction(3, 8): _plus(1, s2),
        Fraction(5, 12): _plus(2, s3),
    }


_TABLES = {}


def _table(name):
    table = _TABLES.get(name)
    if table is None:
        table = _TABLES[name] = _sin_table() if name == "sin" else _tan_table()
    return table


def _signed(ev, sign, value):
    if sign > 0:
        return value
    return ev.evaluate(Expr(Times, (-1, value)))


def _sin_of_pi(ev, r: Fraction):
    """Sin[r Pi]: (sign, exact value or reduced r) with r brought into [0, 1/2]."""
    r %= 2
    sign = 1
    if r >= 1:
        sign, r = -1, r - 1
    if r > Fraction(1, 2):
        r = 1 - r
    value = _table("sin").get(r)
    return sign, value, r


def _cos_of_pi(ev, r: Fraction):
    r %= 2
    if r > 1:
        r = 2 - r
    sign = 1
    if r > Fraction(1, 2):
        sign, r = -1, 1 - r
    value = _table("sin").get(Fraction(1, 2) - r)
    return sign, value, r


def _tan_of_pi(ev, r: Fraction):
    r %= 1
    sign = 1
    if r > Fraction(1, 2):
        sign, r = -1, 1 - r
    if r == Fraction(1, 2):
        return sign, COMPLEX_INFINITY, r
    return sign, _table("tan").get(r), r


def _trig(ev, name, x):
    """Sin, Cos, Tan, Cot, Sec, Csc: exact values, symmetries, numbers."""
    fn = system(name)
    r = pi_multiple(x)
    if r is not None:
        return _trig_of_pi(ev, name, nt.to_fraction(r), x)
    if type(x) in _NUMBER_TYPES:
        if nt.is_inexact(x):
            return numeric_apply(x, name.lower())
        if _is_exact_zero(x):
            return {"Sin": 0, "Cos": 1, "Tan": 0, "Cot": COMPLEX_INFINITY, "Sec": 1, "Csc": COMPLEX_INFINITY}[name]
    inner = negated(x)
    if inner is not None:
        value = Expr(fn, (inner,))
        return value if name in ("Cos", "Sec") else Expr(Times, (-1, value))
    shift = _split_pi_shift(x)
    if shift is not None:
        return _trig_shift(ev, name, shift[0], shift[1])
    if type(x) is Expr and len(x.args) == 1:
        inverse = _INVERSE_OF.get(name)
        if inverse is not None and x.head is system(inverse):
            return x.args[0]  # Sin[ArcSin[y]] is y
    return None


_INVERSE_OF = {"Sin": "ArcSin", "Cos": "ArcCos", "Tan": "ArcTan", "Cot": "ArcCot"}


def _trig_of_pi(ev, name, r: Fraction, original):
    if name in ("Sin", "Csc"):
        sign, value, reduced = _sin_of_pi(ev, r)
    elif name in ("Cos", "Sec"):
        sign, value, reduced = _cos_of_pi(ev, r)
    elif name == "Tan":
        sign, value, reduced = _tan_of_pi(ev, r)
    else:  # Cot[r Pi] = Tan[(1/2 - r) Pi]
        sign, value, reduced = _tan_of_pi(ev, Fraction(1, 2) - r)
        if value is None:
            # keep Cot with its own reduced argument
            r2 = r % 1
            sign2 = 1
            if r2 > Fraction(1, 2):
                sign2, r2 = -1, 1 - r2
            new = Expr(system("Cot"), (_pi_times(nt.from_fraction(r2)),))
            if new == Expr(system("Cot"), (original,)):
                return None
            return _signed(ev, sign2, new)
    if value is not None:
        if name in ("Sec", "Csc"):
            if _is_exact_zero(value):
                return COMPLEX_INFINITY
            value = ev.evaluate(Expr(Power, (value, -1)))
        return _signed(ev, sign, value)
    new = Expr(system(name), (_pi_times(nt.from_fraction(reduced)),))
    if sign > 0 and new.args[0] == original:
        return None
    return _signed(ev, sign, new)


def _trig_shift(ev, name, rest, r: Fraction):
    """f[rest + r Pi] for r a multiple of 1/2."""
    quarter = int(r * 2) % 4  # r Pi = quarter * Pi/2 (mod 2 Pi)
    fn = system(name)
    if name in ("Tan", "Cot"):
        if quarter % 2 == 0:
            return Expr(fn, (rest,))
        other = system("Cot" if name == "Tan" else "Tan")
        return Expr(Times, (-1, Expr(other, (rest,))))
    # Sin, Cos, Csc, Sec: shifts by quarter turns
    co = {"Sin": "Cos", "Cos": "Sin", "Csc": "Sec", "Sec": "Csc"}[name]
    if quarter == 0:
        return Expr(fn, (rest,))
    if quarter == 2:
        return Expr(Times, (-1, Expr(fn, (rest,))))
    # sin(x + pi/2) = cos x, cos(x + pi/2) = -sin x; and the reverse for 3 pi/2
    positive = (name in ("Sin", "Csc")) == (quarter == 1)
    value = Expr(system(co), (rest,))
    return value if positive else Expr(Times, (-1, value))


def _trig_builtin(name, example):
    @builtin(
        name,
        nargs=1,
        attributes=_FN_ATTRS,
        usage=f"{name}[x] is the {_TRIG_WORDS[name]} of x (in radians).\nExample: {example}",
    )
    def fn(ev, x):
        return _trig(ev, name, x)

    return fn


_TRIG_WORDS = {
    "Sin": "sine",
    "Cos": "cosine",
    "Tan": "tangent",
    "Cot": "cotangent",
    "Sec": "secant",
    "Csc": "cosecant",
}

sin = _trig_builtin("Sin", "Sin[Pi/6] is 1/2, Sin[-x] is -Sin[x]")
cos = _trig_builtin("Cos", "Cos[Pi] is -1")
tan = _trig_builtin("Tan", "Tan[Pi/4] is 1")
cot = _trig_builtin("Cot", "Cot[Pi/4] is 1")
sec = _trig_builtin("Sec", "Sec[Pi/3] is 2")
csc = _trig_builtin("Csc", "Csc[Pi/6] is 2")


# ---------------------------------------------------------------- hyperbolic
_HYPERBOLIC = {
    # name: (value at 0, odd?)
    "Sinh": (0, True),
    "Cosh": (1, False),
    "Tanh": (0, True),
    "Coth": (COMPLEX_INFINITY, True),
    "Sech": (1, False),
    "Csch": (COMPLEX_INFINITY, True),
}


def _hyperbolic_builtin(name, word, example):
    zero_value, odd = _HYPERBOLIC[name]

    @builtin(
        name,
        nargs=1,
        attributes=_FN_ATTRS,
        usage=f"{name}[x] is the hyperbolic {word} of x.\nExample: {example}",
    )
    def fn(ev, x):
        if type(x) in _NUMBER_TYPES:
            if nt.is_inexact(x):
                return numeric_apply(x, name.lower())
            if _is_exact_zero(x):
                return zero_value
        inner = negated(x)
        if inner is not None:
            value = Expr(system(name), (inner,))
            return Expr(Times, (-1, value)) if odd else value
        return None

    return fn


sinh = _hyperbolic_builtin("Sinh", "sine", "Sinh[0] is 0")
cosh = _hyperbolic_builtin("Cosh", "cosine", "Cosh[0] is 1")
tanh = _hyperbolic_builtin("Tanh", "tangent", "Tanh[-x] is -Tanh[x]")
coth = _hyperbolic_builtin("Coth", "cotangent", "Coth[1.] is 1.3130352854993312")
sech = _hyperbolic_builtin("Sech", "secant", "Sech[0] is 1")
csch = _hyperbolic_builtin("Csch", "cosecant", "Csch[-x] is -Csch[x]")

def _inverse_hyperbolic_builtin(name, word, zero_point, zero_value, odd, example, extra=None):
    @builtin(
        name,
        nargs=1,
        attributes=_FN_ATTRS,
        usage=f"{name}[x] is the inverse hyperbolic {word} of x.\nExample: {example}",
    )
    def fn(ev, x):
        if type(x) in _NUMBER_TYPES:
            if nt.is_inexact(x):
                return numeric_apply(x, _MP_NAMES[name])
            if type(x) is int and x == zero_point:
                return zero_value
            if extra is not None:
                value = extra(x)
                if value is not None:
                    return value
        if odd:
            inner = negated(x)
            if inner is not None:
                return Expr(Times, (-1, Expr(system(name), (inner,))))
        return None

    return fn


_MP_NAMES = {
    "ArcSinh": "asinh",
    "ArcCosh": "acosh",
    "ArcTanh": "atanh",
    "ArcCoth": "acoth",
    "ArcSech": "asech",
    "ArcCsch": "acsch",
}


def _arctanh_extra(x):
    if type(x) is int and x in (1, -1):
        return Expr(DirectedInfinity, (x,))
    return None


arcsinh = _inverse_hyperbolic_builtin("ArcSinh", "sine", 0, 0, True, "ArcSinh[0] is 0")
arccosh = _inverse_hyperbolic_builtin("ArcCosh", "cosine", 1, 0, False, "ArcCosh[1] is 0")
arctanh = _inverse_hyperbolic_builtin(
    "ArcTanh", "tangent", 0, 0, True, "ArcTanh[1] is Infinity", _arctanh_extra
)


# ---------------------------------------------------------------- inverse trig
def _arcsin_table():
    return [
        (0, 0),
        (_HALF, Rational(1, 6)),
        (Expr(Power, (2, Rational(-1, 2))), Rational(1, 4)),
        (Expr(Times, (_HALF, _sqrt(3))), Rational(1, 3)),
        (1, _HALF),
    ]


def _arctan_table():
    return [
        (0, 0),
        (Expr(Power, (3, Rational(-1, 2))), Rational(1, 6)),
        (1, Rational(1, 4)),
        (_sqrt(3), Rational(1, 3)),
        (_plus(2, _times(-1, _sqrt(3))), Rational(1, 12)),
        (_plus(2, _sqrt(3)), Rational(5, 12)),
        (_plus(-1, _sqrt(2)), Rational(1, 8)),
        (_plus(1, _sqrt(2)), Rational(3, 8)),
    ]


def _lookup(table, x):
    for key, r in table:
        if type(key) is type(x) and key == x:
            return r
    return None


@builtin(
    "ArcSin",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="ArcSin[x] is the arc sine of x (in radians).\nExample: ArcSin[1] is Pi/2",
)
def arcsin(ev, x):
    if type(x) in _NUMBER_TYPES and nt.is_inexact(x):
        return numeric_apply(x, "asin")
    r = _lookup(_arcsin_table(), x)
    if r is not None:
        return ev.evaluate(_pi_times(r))
    inner = negated(x)
    if inner is not None:
        return Expr(Times, (-1, Expr(system("ArcSin"), (inner,))))
    return None


@builtin(
    "ArcCos",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="ArcCos[x] is the arc cosine of x (in radians).\nExample: ArcCos[0] is Pi/2",
)
def arccos(ev, x):
    if type(x) in _NUMBER_TYPES and nt.is_inexact(x):
        return numeric_apply(x, "acos")
    r = _lookup(_arcsin_table(), x)
    if r is not None:  # ArcCos[x] = Pi/2 - ArcSin[x]
        return ev.evaluate(_pi_times(nt.real_add(_HALF, nt.real_neg(r))))
    inner = negated(x)
    if inner is not None:
        r = _lookup(_arcsin_table(), inner)
        if r is not None:
            return ev.evaluate(_pi_times(nt.real_add(_HALF, r)))
    return None


@builtin(
    "ArcTan",
    nargs=(1, 2),
    attributes=_FN_ATTRS,
    usage="ArcTan[z] is the arc tangent of z; ArcTan[x, y] is the angle of the point "
    "{x, y}.\nExample: ArcTan[1] is Pi/4, ArcTan[-1, 0] is Pi",
)
def arctan(ev, x, *rest):
    if rest:
        return _arctan2(ev, x, rest[0])
    if type(x) in _NUMBER_TYPES and nt.is_inexact(x):
        return numeric_apply(x, "atan")
    if type(x) is Expr and x.head is DirectedInfinity and x.args and type(x.args[0]) is int:
        return ev.evaluate(_pi_times(Rational(x.args[0], 2)))
    r = _lookup(_arctan_table(), x)
    if r is not None:
        return ev.evaluate(_pi_times(r))
    inner = negated(x)
    if inner is not None:
        return Expr(Times, (-1, Expr(system("ArcTan"), (inner,))))
    return None


def _arctan2(ev, x, y):
    tx, ty = type(x), type(y)
    if tx not in _REAL_TYPES or ty not in _REAL_TYPES:
        return None
    if nt.is_zero(x) and nt.is_zero(y):
        ev.message("ArcTan", "indet", Expr(system("ArcTan"), (x, y)))
        return S.Indeterminate
    if nt.is_inexact(x) or nt.is_inexact(y):
        if type(x) is BigReal or type(y) is BigReal:
            prec = min(nt.precision(x), nt.precision(y))
            mp = mpmath()
            with mp.workprec(nt.value_bits(prec)):
                return BigReal(mp.atan2(nt.to_mpf(y, prec), nt.to_mpf(x, prec)), prec)
        return math.atan2(nt.to_float(y), nt.to_float(x))
    sx, sy = nt.sign(x), nt.sign(y)
    if sx == 0:
        return ev.evaluate(_pi_times(Rational(sy, 2)))
    base = ev.evaluate(Expr(system("ArcTan"), (nt.divide(y, x),)))
    if sx > 0:
        return base
    shift = Pi if sy >= 0 else Expr(Times, (-1, Pi))
    return ev.evaluate(Expr(Plus, (base, shift)))


@builtin(
    "ArcCot",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="ArcCot[x] is the arc cotangent of x.\nExample: ArcCot[1] is Pi/4",
)
def arccot(ev, x):
    if type(x) in _NUMBER_TYPES and nt.is_inexact(x):
        return numeric_apply(x, "acot")
    if _is_exact_zero(x):
        return ev.evaluate(_pi_times(_HALF))
    if type(x) is Expr and x.head is DirectedInfinity:
        return 0
    r = _lookup(_arctan_table(), x)
    if r is not None:  # ArcCot[x] = Pi/2 - ArcTan[x] for x > 0
        return ev.evaluate(_pi_times(nt.real_add(_HALF, nt.real_neg(r))))
    inner = negated(x)
    if inner is not None:
        return Expr(Times, (-1, Expr(system("ArcCot"), (inner,))))
    return None


# ---------------------------------------------------------------- Exp and Log
@builtin(
    "Exp",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Exp[z] is the exponential function, E^z.\nExample: Exp[0] is 1, Exp[1.] is 2.718281828459045",
)
def exp(ev, z):
    return Expr(Power, (E, z))


def _log_exact(ev, x):
    """Log of an exact number (or None when it stays Log[x])."""
    t = type(x)
    if t is int:
        if x == 1:
            return 0
        if x == 0:
            return MINUS_INFINITY
        if x < 0:  # Log[-n] = I Pi + Log[n]
            rest = 0 if x == -1 else Expr(system("Log"), (-x,))
            return ev.evaluate(Expr(Plus, (Expr(Times, (Complex(0, 1), Pi)), rest)))
        return None
    if t is Rational:
        if x.num < 0:
            return ev.evaluate(Expr(Plus, (Expr(Times, (Complex(0, 1), Pi)), Expr(system("Log"), (nt.real_neg(x),)))))
        if x.num == 1:  # Log[1/n] = -Log[n]
            return Expr(Times, (-1, Expr(system("Log"), (x.den,))))
        return None
    if t is Complex and type(x.re) is int and x.re == 0 and type(x.im) is int and x.im in (1, -1):
        return Expr(Times, (Complex(0, Rational(x.im, 2)), Pi))
    return None


@builtin(
    "Log",
    nargs=(1, 2),
    attributes=_FN_ATTRS,
    usage="Log[z] is the natural logarithm of z; Log[b, z] is the logarithm to base b.\n"
    "Example: Log[E] is 1, Log[2, 8] is 3",
)
def log(ev, x, *rest):
    if rest:
        return _log_base(ev, x, rest[0])
    t = type(x)
    if t in _NUMBER_TYPES:
        if nt.is_inexact(x):
            if nt.is_zero(x):
                return MINUS_INFINITY
            return numeric_apply(x, "log")
        return _log_exact(ev, x)
    if x is E:
        return 1
    if t is Expr:
        if x.head is Power and len(x.args) == 2 and x.args[0] is E:
            e = x.args[1]
            if type(e) in _REAL_TYPES:
                return e
        if x.head is DirectedInfinity:
            return INFINITY
    return None


def _log_base(ev, b, x):
    """Log[b, x]: an exact rational when x is a rational power of b."""
    if type(b) is int and type(x) in (int, Rational) and b > 1:
        r = _rational_log(b, x)
        if r is not None:
            return r
    inexact = [v for v in (b, x) if type(v) in _NUMBER_TYPES and nt.is_inexact(v)]
    if inexact and all(type(v) in _NUMBER_TYPES and not nt.is_zero(v) for v in (b, x)):
        # Both logarithms at the precision of the inexact argument, then one
        # division: Log[10, 100.] is exactly 2.
        machine = any(nt.is_machine(v) for v in inexact)
        precision = None if machine else min(nt.precision(v) for v in inexact)
        from .numeric_eval import to_inexact

        lx = numeric_apply(to_inexact(x, precision), "log")
        lb = numeric_apply(to_inexact(b, precision), "log")
        if type(lx) in _NUMBER_TYPES and type(lb) in _NUMBER_TYPES and not nt.is_zero(lb):
            return nt.divide(lx, lb)
    log_sym = system("Log")
    return Expr(Times, (Expr(log_sym, (x,)), Expr(Power, (Expr(log_sym, (b,)), -1))))


def _rational_log(b: int, x):
    """r with b^r == x for an integer base b > 1 and rational x, else None."""
    if type(x) is Rational:
        if x.num != 1:
            return None
        r = _rational_log(b, x.den)
        return None if r is None else nt.real_neg(r)
    if x <= 0:
        return None
    if x == 1:
        return 0
    root_b, m = _perfect_power(b)
    root_x, n = _perfect_power(x)
    # b = c^m and x = c^n for the same c, after bringing both to the smallest root
    if root_b == root_x:
        return make_rational(n, m)
    return None


def _perfect_power(n: int):
    """(c, k) with n == c^k and k as large as possible."""
    best = (n, 1)
    for k in range(2, n.bit_length() + 1):
        c = nt.integer_root(n, k)
        if c is not None:
            best = (c, k)
    return best


@builtin(
    "Log2",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Log2[x] is the base-2 logarithm of x.\nExample: Log2[8] is 3",
)
def log2(ev, x):
    return _log_base(ev, 2, x)


@builtin(
    "Log10",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Log10[x] is the base-10 logarithm of x.\nExample: Log10[1000] is 3",
)
def log10(ev, x):
    return _log_base(ev, 10, x)


# ---------------------------------------------------------------- complex parts
def _re_im(z):
    if type(z) is Complex:
        return z.re, z.im
    return z, 0


@builtin(
    "Re",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Re[z] is the real part of z.\nExample: Re[3 + 4 I] is 3",
)
def re(ev, z):
    if type(z) in _NUMBER_TYPES:
        return _re_im(z)[0]
    return None


@builtin(
    "Im",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Im[z] is the imaginary part of z.\nExample: Im[3 + 4 I] is 4",
)
def im(ev, z):
    if type(z) in _NUMBER_TYPES:
        return _re_im(z)[1]
    return None


@builtin(
    "Conjugate",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Conjugate[z] is the complex conjugate of z.\nExample: Conjugate[3 + 4 I] is 3 - 4 I",
)
def conjugate(ev, z):
    if type(z) is Complex:
        return Complex(z.re, nt.real_neg(z.im))
    if type(z) in _REAL_TYPES:
        return z
    return None


@builtin(
    "Arg",
    nargs=1,
    attributes=_FN_ATTRS,
    usage="Arg[z] is the argument (phase angle) of z, in (-Pi, Pi].\nExample: Arg[-1] is Pi, Arg[1 + I] is Pi/4",
)
def arg(ev, z):
    t = type(z)
    if t in _REAL_TYPES:
        if nt.sign(z) >= 0:
            return 0
        if type(z) is float:
            return math.pi
        if type(z) is BigReal:
            return _arg_big(z)
        return Pi
    if t is Complex:
        return _arctan2(ev, z.re, z.im)
    return None


def _arg_big(z):
    mp = mpmath()
    with mp.workprec(nt.value_bits(z.precision)):
        return BigReal(+mp.pi if z.value < 0 else mp.mpf(0), z.precision)
