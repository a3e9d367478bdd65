"""WL's canonical order: the order Sort uses and Orderless heads sort into.

Every value maps to a sort key (a tuple) that Python compares in C, so a sort
computes each key once. The order, as WL documents and prints it:

  * numbers first, by real part, then |imaginary part|, then imaginary part;
    on a tie exact before inexact (1 < 1.), lower precision first;
  * everything else is compared as a *monomial*: Times[c, f1, ..., fn] is its
    factors read from the last one back, each factor as (base, exponent)
    (x is x^1), then the numeric coefficient c. That is what makes Plus print
    as WL does: 1 + 2*x + x^2, x^2 + 2*x*y + y^2 + 2*x*z + 2*y*z + z^2;
  * bases: strings before symbols before other expressions; strings and
    symbols alphabetically with lowercase first (a < A < b < B); expressions
    shorter first, then head, then arguments left to right.

Keys are injective: two values have equal keys exactly when they are SameQ,
so the order is total and Order[a, b] == 0 means a === b.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .assoc import Association
from .atoms import BigReal, Complex, Rational
from .normal import Expr
from .symbol import Symbol, on_forget, system

# BigReals with a binary exponent beyond this are compared approximately
# (+-Infinity, +-tiny), their exact tie broken by mantissa and exponent.
_EXACT_EXPONENT = 1 << 16

_TIMES = system("Times")
_POWER = system("Power")

# Key classes (first tuple element). Numbers sort before all other values.
_NUMBER = 0
_OTHER = 1
# Base classes inside a monomial factor.
_B_NUMBER = 0
_B_STRING = 1
_B_SYMBOL = 2
_B_EXPR = 3
_B_ASSOC = 4
_B_FOREIGN = 5

# Rank of each number type among numerically equal numbers.
_R_INT, _R_RATIONAL, _R_REAL, _R_BIGREAL, _R_COMPLEX = range(5)


# ---------------------------------------------------------------- numbers
def _real_value(x):
    """An exact Python value of a real number, comparable across kinds."""
    t = type(x)
    if t is int or t is float:
        return x
    if t is Rational:
        return Fraction(x.num, x.den)
    if t is BigReal:
        # mpf -> exact binary fraction (man * 2**exp): comparisons stay exact.
        man, exp = x.value.man_exp
        if man is None:  # not a finite number; should not occur
            return float(x.value)
        if exp > _EXACT_EXPONENT or exp < -_EXACT_EXPONENT:
            # Beyond any exact number one would compare with (1.5*^300^2):
            # an exact fraction would have billions of digits.
            if exp > 0:
                return math.inf if man > 0 else -math.inf
            return Fraction(1 if man > 0 else -1, 1 << _EXACT_EXPONENT)
        return Fraction(int(man) << exp) if exp >= 0 else Fraction(int(man), 1 << -exp)
    return 0


def _rank_extra(x):
    """(rank, extra): breaks ties between numerically equal numbers."""
    t = type(x)
    if t is int:
        return _R_INT, 0
    if t is Rational:
        return _R_RATIONAL, 0
    if t is float:
        return _R_REAL, 0
    if t is BigReal:
        man, exp = x.value.man_exp
        if exp is not None and not -_EXACT_EXPONENT <= exp <= _EXACT_EXPONENT:
            return _R_BIGREAL, (x.precision, exp, man)
        return _R_BIGREAL, (x.precision,)
    # Complex: the kinds (and precisions) of the parts.
    re_rank, re_extra = _rank_extra(x.re)
    im_rank, im_extra = _rank_extra(x.im)
    return _R_COMPLEX, (re_rank, im_rank, re_extra, im_extra)


def _number_key(x):
    if type(x) is Complex:
        im = _real_value(x.im)
        rank, extra = _rank_extra(x)
        return (_NUMBER, _real_value(x.re), abs(im), im, rank, extra)
    rank, extra = _rank_extra(x)
    return (_NUMBER, _real_value(x), 0, 0, rank, extra)


# ---------------------------------------------------------------- text
def _text_key(text: str):
    # Alphabetical ignoring case, then lowercase before uppercase letter by
    # letter (swapcase turns lowercase into the smaller code points), then
    # the text itself so distinct strings never tie.
    return (text.lower(), text.swapcase(), text)


# Symbol keys never change; symbols are interned, so cache by identity.
_symbol_base_keys: dict = {}
_symbol_keys: dict = {}


def _drop_symbol_keys(sym: Symbol) -> None:
    _symbol_keys.pop(sym, None)
    _symbol_base_keys.pop(sym, None)


on_forget(_drop_symbol_keys)


def _symbol_base_key(sym: Symbol):
    key = _symbol_base_keys.get(sym)
    if key is None:
        name = sym.name
        # Names tie only across contexts: then the context decides (WL).
        key = (_B_SYMBOL, name.lower(), name.swapcase(), name, sym.context)
        _symbol_base_keys[sym] = key
    return key


# ---------------------------------------------------------------- monomials
_ONE_KEY = None  # the key of the exponent 1, set below
_PLAIN_TIE = (0,)
_POWER_TIE = (1,)


def _base_key(e):
    """The key of a value in base position (not split into a monomial)."""
    t = type(e)
    if t is Symbol:
        return _symbol_base_key(e)
    if t is Expr:
        args = e.args
        return (_B_EXPR, len(args), order_key(e.head), tuple([order_key(a) for a in args]))
    if t is str:
        return (_B_STRING,) + _text_key(e)
    if t is int or t is float or t is Rational or t is BigReal or t is Complex:
        return (_B_NUMBER,) + _number_key(e)
    if t is Association:
        entries = tuple(
            (order_key(k), order_key(v), bool(d)) for k, v, d in e.items.values()
        )
        return (_B_ASSOC, len(entries), entries)
    # Not a Lyra value; ordered by type name and text so sorting never fails.
    return (_B_FOREIGN, t.__name__, repr(e))


def _is_number(e) -> bool:
    t = type(e)
    return t is int or t is float or t is Rational or t is BigReal or t is Complex


def _factor(e):
    """(base key, exponent key, was-a-Power flag) of one factor of a product."""
    if type(e) is Expr and e.head is _POWER and len(e.args) == 2:
        return (_base_key(e.args[0]), order_key(e.args[1])), 1
    return (_base_key(e), _ONE_KEY), 0


def _times_key(args: tuple):
    if args and _is_number(args[0]):
        coef_key = _number_key(args[0])
        factors = args[1:]
        has_coef = 1
    else:
        coef_key = _ONE_KEY
        factors = args
        has_coef = 0
    entries = []
    flags = []
    for f in reversed(factors):
        entry, flag = _factor(f)
        entries.append(entry)
        flags.append(flag)
    # The tie part tells Times[x] from x, Times[1, x] from Times[x], and
    # Power[x, 1] factors from x factors: keys stay injective.
    return (_OTHER, tuple(entries), coef_key, (2, has_coef, tuple(flags)))


def order_key(e):
    """The canonical-order sort key of any Lyra value."""
    t = type(e)
    if t is int:
        return (_NUMBER, e, 0, 0, _R_INT, 0)
    if t is float:
        return (_NUMBER, e, 0, 0, _R_REAL, 0)
    if t is Symbol:
        key = _symbol_keys.get(e)
        if key is None:
            key = (_OTHER, ((_symbol_base_key(e), _ONE_KEY),), _ONE_KEY, _PLAIN_TIE)
            _symbol_keys[e] = key
        return key
    if t is Expr:
        head = e.head
        if head is _TIMES:
            return _times_key(e.args)
        if head is _POWER and len(e.args) == 2:
            base, exponent = e.args
            return (
                _OTHER,
                ((_base_key(base), order_key(exponent)),),
                _ONE_KEY,
                _POWER_TIE,
            )
        return (_OTHER, ((_base_key(e), _ONE_KEY),), _ONE_KEY, _PLAIN_TIE)
    if t is float or t is Rational or t is BigReal or t is Complex:
        return _number_key(e)
    return (_OTHER, ((_base_key(e), _ONE_KEY),), _ONE_KEY, _PLAIN_TIE)


_ONE_KEY = (_NUMBER, 1, 0, 0, _R_INT, 0)


def compare(a, b) -> int:
    """-1 if a comes before b in canonical order, 1 if after, 0 if a === b."""
    if a is b:
        return 0
    ka = order_key(a)
    kb = order_key(b)
    if ka < kb:
        return -1
    if kb < ka:
        return 1
    return 0


def canonical_sort(args: tuple) -> tuple:
    """args in canonical order; the same tuple object when already sorted."""
    n = len(args)
    if n < 2:
        return args
    if n == 2:
        # The common binary cases without building keys.
        a, b = args
        ta, tb = type(a), type(b)
        if ta is int or ta is float:
            if tb is int or tb is float:
                if a < b:
                    return args
                if b < a:
                    return (b, a)
                return (b, a) if ta is float and tb is int else args  # 1 before 1.
            if tb is Symbol:
                return args
        elif ta is Symbol and (tb is int or tb is float):
            return (b, a)
        ka, kb = order_key(a), order_key(b)
        return args if not kb < ka else (b, a)
    keys = [order_key(a) for a in args]
    previous = keys[0]
    for key in keys:
        if key < previous:
            break
        previous = key
    else:
        return args
    order = sorted(range(n), key=keys.__getitem__)
    return tuple([args[i] for i in order])


def is_ordered(items) -> bool:
    """True when items are in canonical order (OrderedQ)."""
    previous = None
    for i, item in enumerate(items):
        key = order_key(item)
        if i and key < previous:
            return False
        previous = key
    return True


__all__ = ["canonical_sort", "compare", "is_ordered", "order_key"]
