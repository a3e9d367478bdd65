"""Machine-real fast paths of compiled arithmetic and comparisons.

Compiled code tries the machine-integer form of Plus, Times, Less, ... inline
(compiler.INT_OPS); when an operand is a machine real it calls the function
here instead. Each gives exactly what the builtin gives for the same two
numbers -- the same float arithmetic, the same overflow rule, WL's tolerant
comparison of inexact numbers -- or None when the builtin must decide (not
a machine real and a small number, an overflow to big reals, ...), and the
code then calls the builtin.
"""

from __future__ import annotations

from ...expr import system_symbols as S
from ...expr.symbol import system
from ...library.numeric_tower import real_compare, real_equal_tolerant

_FLOAT_MAX = 1.7976931348623157e308
_EXACT_IN_FLOAT = 1 << 53  # an int this small converts to a float exactly
TRUE, FALSE = S.True_, S.False_


def _machine_pair(a, b) -> bool:
    """A machine real and a machine real or a small integer."""
    ta, tb = type(a), type(b)
    if ta is float:
        return tb is float or tb is int and -_EXACT_IN_FLOAT < b < _EXACT_IN_FLOAT
    if tb is float:
        return ta is int and -_EXACT_IN_FLOAT < a < _EXACT_IN_FLOAT
    return False


def real_plus(a, b):
    if not _machine_pair(a, b):
        return None
    s = 0 + a + b  # as arithmetic.plus sums (0 + -0. is 0.)
    return s if -_FLOAT_MAX <= s <= _FLOAT_MAX else None


def real_times(a, b):
    if not _machine_pair(a, b):
        return None
    p = 1 * a * b
    if -_FLOAT_MAX <= p <= _FLOAT_MAX and (p != 0.0 or a == 0 or b == 0):
        return p
    return None  # overflow or underflow: the builtin goes to big reals


def _order(a, b):
    """-1, 0, 1 as compare.compare_reals orders two machine numbers, or None."""
    if not _machine_pair(a, b):
        return None
    return 0 if real_equal_tolerant(a, b) else real_compare(a, b)


def _relation(test):
    def relation(a, b):
        c = _order(a, b)
        if c is None:
            return None
        return TRUE if test(c) else FALSE

    return relation


# head -> the function compiled code calls for a machine-real operand
REAL_OPS = {
    S.Plus: real_plus,
    S.Times: real_times,
    system("Less"): _relation(lambda c: c < 0),
    system("LessEqual"): _relation(lambda c: c <= 0),
    system("Greater"): _relation(lambda c: c > 0),
    system("GreaterEqual"): _relation(lambda c: c >= 0),
}


def real_subtract(old, d):
    """x -= d is x = x + (-1) d: the two steps the builtin takes."""
    minus = real_times(-1, d)
    return None if minus is None else real_plus(old, minus)


# x += d, x *= d, x++ ... on a machine real: the new value, or None
REAL_UPDATES = {S.Plus: real_plus, S.Times: real_times, "SubtractFrom": real_subtract}
