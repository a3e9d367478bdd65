"""Text of numeric atoms: machine reals, arbitrary-precision reals, big integers.

InputForm writes a machine real with the shortest digits that read back as
the same double (what Python's repr finds), a trailing `.` when integral
(`1.`, `100.`), and `*^` exponent form outside 10^-5 <= |x| < 10^6, as WL
does (`1.*^6`, `123456.7`, `0.00001`, `1.*^-6`).
"""

from __future__ import annotations

import decimal
import math

from ..expr.atoms import BigReal, digits_to_bits, mpmath

# Decimal exponents printed in fixed notation; outside, `d.ddd*^e`.
MIN_FIXED_EXPONENT = -5
MAX_FIXED_EXPONENT = 5


def place_digits(digits: str, exponent: int) -> tuple[str, str]:
    """Lay out significant `digits` (no leading zeros, at least one digit) whose
    first digit has decimal `exponent`: returns (mantissa text, `*^e` suffix)."""
    if MIN_FIXED_EXPONENT <= exponent <= MAX_FIXED_EXPONENT:
        if exponent >= 0:
            whole = exponent + 1
            if len(digits) <= whole:
                return digits + "0" * (whole - len(digits)) + ".", ""
            return digits[:whole] + "." + digits[whole:], ""
        return "0." + "0" * (-exponent - 1) + digits, ""
    return digits[0] + "." + digits[1:], "*^" + str(exponent)


def _split_scientific(text: str) -> tuple[str, int]:
    """'1.2345e+08' -> ('12345', 8), '1234567.0' -> ('1234567', 6): significant
    digits and the decimal exponent of the first one (text has no sign)."""
    mantissa, _, exp = text.partition("e")
    head, _, tail = mantissa.partition(".")
    all_digits = head + tail
    significant = all_digits.lstrip("0")
    if not significant:
        return "0", 0
    leading_zeros = len(all_digits) - len(significant)
    exponent = int(exp or 0) + len(head) - 1 - leading_zeros
    return significant.rstrip("0"), exponent


def format_real(x: float) -> str:
    """The InputForm text of a machine real: `1.`, `0.5`, `-2.25`, `1.5*^20`, `1.*^-7`."""
    magnitude = -x if x < 0 else x
    if 1e-4 <= magnitude < 1e6:
        # repr writes these in fixed notation with the shortest digits.
        text = repr(x)
        return text[:-1] if text.endswith(".0") else text
    if magnitude == 0.0:
        return "0."  # WL has no negative zero
    if magnitude != magnitude or magnitude == math.inf:
        # The evaluator never makes these; print something readable anyway.
        if magnitude != magnitude:
            return "Indeterminate"
        return "-Infinity" if x < 0 else "Infinity"
    # repr holds the shortest round-trip digits, in whichever notation.
    digits, exponent = _split_scientific(repr(magnitude))
    mantissa, suffix = place_digits(digits, exponent)
    return ("-" if x < 0 else "") + mantissa + suffix


def format_real_output(x: float) -> str:
    """OutputForm text of a machine real: six significant digits (`0.333333`,
    `3.14159`, `1.`), exponents written `*^` on one line (`1.5*^20`)."""
    magnitude = -x if x < 0 else x
    if magnitude == 0.0:
        return "0."
    if magnitude != magnitude or magnitude == math.inf:
        return format_real(x)
    digits, exponent = _split_scientific("%.5e" % magnitude)
    mantissa, suffix = place_digits(digits, exponent)
    return ("-" if x < 0 else "") + mantissa + suffix


# ---------------------------------------------------------------- BigReal

def precision_text(precision: float) -> str:
    """The precision after the backquote: 30 -> `30.`, 30.5 -> `30.5`."""
    if precision.is_integer():
        return str(int(precision)) + "."
    return repr(precision)


def _bigreal_digits(value, dps: int) -> tuple[str, str, int]:
    """(sign, significant digits, exponent of the first digit) at dps digits."""
    from mpmath.libmp import to_str

    text = to_str(
        value._mpf_, dps, strip_zeros=True, min_fixed=0, max_fixed=0, show_zero_exponent=True
    )
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    digits, exponent = _split_scientific(text)
    return sign, digits, exponent


def _exact_digit_count(value) -> int:
    """Decimal digits enough to write the binary value man * 2^exp exactly
    (for exp < 0 it is man * 5^-exp / 10^-exp), with a little to spare."""
    man, exp = value.man_exp
    bits = abs(int(man)).bit_length()
    if exp >= 0:
        return int((bits + exp) * 0.30103) + 2
    return int(bits * 0.30103 + -exp * 0.69897) + 2


def _shortest_bigreal_digits(x: BigReal) -> tuple[str, str, int]:
    """The fewest digits that the parser turns back into the same BigReal.

    Most values come from decimal text, so the digits of the precision
    usually suffice (`1.23`30` stays `1.23`); otherwise print the digits that
    the binary precision needs (`N[Pi, 30]` shows a few guard digits, as WL does).
    """
    mp = mpmath()
    bits = digits_to_bits(x.precision)
    # More digits than show the binary value exactly add only zeros: capping
    # keeps 915`20992099 from computing twenty million of them.
    exact = _exact_digit_count(x.value)
    wanted = min(max(1, math.ceil(x.precision)), exact)
    enough = min(max(wanted, int(bits * 0.30103) + 2), exact)
    # A value typed with few digits (2.5`1000000) reads back from those
    # few: try them before computing all the precision's digits.
    for dps in (min(wanted, 20), wanted, enough):
        sign, digits, exponent = _bigreal_digits(x.value, dps)
        if dps == enough:
            break
        with mp.workprec(bits):
            again = mp.mpf(sign + digits[0] + "." + digits[1:] + "e" + str(exponent))
        if again == x.value:
            break
    return sign, digits, exponent


def _non_finite(value) -> str:
    # Arithmetic is expected to turn these into Infinity/Indeterminate first.
    if value != value:
        return "Indeterminate"
    return "-Infinity" if value < 0 else "Infinity"


def format_bigreal(x: BigReal) -> str:
    """InputForm of an arbitrary-precision real: WL's ``1.23`30.``, ``-1.`20.*^50``."""
    mark = "`" + precision_text(x.precision)
    if not x.value:
        return "0." + mark
    if not mpmath().isfinite(x.value):
        return _non_finite(x.value)
    sign, digits, exponent = _shortest_bigreal_digits(x)
    mantissa, suffix = place_digits(digits, exponent)
    return sign + mantissa + mark + suffix


def format_bigreal_output(x: BigReal) -> str:
    """OutputForm: all the digits of the precision, no mark (`1.23000000000000000000`)."""
    dps = max(1, round(x.precision))
    if not x.value:
        return "0."
    if not mpmath().isfinite(x.value):
        return _non_finite(x.value)
    sign, digits, exponent = _bigreal_digits(x.value, dps)
    digits = digits + "0" * (dps - len(digits))
    mantissa, suffix = place_digits(digits, exponent)
    return sign + mantissa + suffix


# ---------------------------------------------------------------- integers

def int_text(n: int) -> str:
    """Decimal digits of any integer.

    Python refuses str() beyond sys.get_int_max_str_digits() digits and is
    quadratic anyway, so big integers go through a divide-and-conquer
    conversion on the decimal module, whose big multiplication is fast.
    """
    # lyra_core lifts str()'s digit limit, so size decides the path: str()
    # is quadratic (3^(10^6) took 10 s, uninterruptible); the decimal
    # route takes half a second there.
    if -_STR_LIMIT < n < _STR_LIMIT:
        return str(n)
    return _big_int_text(n)


_STR_LIMIT = 1 << 20000  # about 6000 digits


def _big_int_text(n: int) -> str:
    Dec = decimal.Decimal
    with decimal.localcontext() as ctx:
        ctx.prec = decimal.MAX_PREC
        ctx.Emax = decimal.MAX_EMAX
        ctx.Emin = decimal.MIN_EMIN
        ctx.traps[decimal.Inexact] = True  # every step here must be exact
        powers: dict[int, decimal.Decimal] = {}

        def power_of_two(k: int):
            p = powers.get(k)
            if p is None:
                p = powers[k] = Dec(2) ** k
            return p

        def convert(m: int, bits: int):
            if bits <= 3000:  # about 900 digits: within str()'s limit
                return Dec(m)
            low_bits = bits >> 1
            high = m >> low_bits
            low = m - (high << low_bits)
            return convert(high, bits - low_bits) * power_of_two(low_bits) + convert(low, low_bits)

        magnitude = -n if n < 0 else n
        text = format(convert(magnitude, magnitude.bit_length()), "f")
    return "-" + text if n < 0 else text
