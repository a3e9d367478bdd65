"""Number literals: the text of a numeric token to its Lyra value.

Forms (LANGUAGE.md section 1, and WL's own):
    123  123n  16^^FF  16^^F.8          integers (any size), base notation
    3.14  .5  1.  2.5e-3  1.23E+10      machine reals (a Python float)
    2.5*^-3  1*^3  1*^-3                WL exponent: exact when the mantissa is
                                        an integer (1000, 1/1000), else a real
    1.23`30  1.23d30  1``20             arbitrary precision (BigReal); 1.5` is machine
    3.14159265358979323846              more than 17 significant digits: BigReal with
                                        precision = the number of digits written
The lexer's pattern guarantees the shape; this module only converts.
"""

from __future__ import annotations

import math

from ..expr import BigReal, make_rational

# A decimal literal with more significant digits than this is arbitrary precision
# (17 is what a shortest round-trip double can need, so printed reals read back
# as machine reals).
MACHINE_DIGITS = 17
MACHINE_PRECISION = 15.954589770191003  # WL's $MachinePrecision

# CPython refuses int(str) beyond ~4300 decimal digits; longer literals are
# converted a chunk at a time.
_CHUNK = 4000


def integer_from_digits(digits: str, base: int = 10) -> int:
    if len(digits) <= _CHUNK:
        return int(digits, base)
    value = 0
    for i in range(0, len(digits), _CHUNK):
        chunk = digits[i : i + _CHUNK]
        value = value * base ** len(chunk) + int(chunk, base)
    return value


def number_value(text: str):
    """The value of a numeric token. Raises ValueError with a one-line reason."""
    if text.isdigit():
        return integer_from_digits(text)
    if "^^" in text:
        return _based_value(text)
    if text[-1] == "n":  # Lyra's BigInt spelling
        return integer_from_digits(text[:-1])

    star_exponent = 0
    has_star = False
    cut = text.find("*^")
    if cut >= 0:
        star_exponent = int(text[cut + 2 :])
        has_star = True
        text = text[:cut]

    # Precision marks: `p (precision), ``a (accuracy), ` alone (machine), dP (Lyra).
    precision = None
    accuracy = None
    machine_mark = False
    cut = text.find("`")
    if cut >= 0:
        mark = text[cut:]
        text = text[:cut]
        if mark.startswith("``"):
            if len(mark) > 2:
                accuracy = float(mark[2:])
            else:
                machine_mark = True
        elif len(mark) > 1:
            precision = float(mark[1:])
        else:
            machine_mark = True
    else:
        cut = text.find("d")
        if cut >= 0:
            precision = float(text[cut + 1 :])
            text = text[:cut]

    e_exponent = 0
    has_e = False
    for letter in "eE":
        cut = text.find(letter)
        if cut >= 0:
            e_exponent = int(text[cut + 1 :])
            has_e = True
            text = text[:cut]
            break

    mantissa = text
    exponent = e_exponent + star_exponent
    decimal = "." in mantissa or has_e

    if precision is None and accuracy is None:
        if not decimal and not machine_mark:
            # WL: an integer mantissa with *^ stays exact.
            whole = integer_from_digits(mantissa)
            if not has_star or exponent >= 0:
                return whole * 10**exponent
            return make_rational(whole, 10**-exponent)
        digits = mantissa.replace(".", "").lstrip("0")
        if len(digits) > MACHINE_DIGITS and not machine_mark:
            return _big_real(mantissa, exponent, len(digits))
        return _machine_real(mantissa, exponent, digits)

    if accuracy is not None:
        # WL: accuracy a means precision a + log10(|x|).
        magnitude = abs(float(f"{mantissa}e{exponent}"))
        if magnitude == 0 or math.isinf(magnitude):
            precision = accuracy
        else:
            precision = accuracy + math.log10(magnitude)
    if precision <= 0:
        raise ValueError("the precision of a real must be positive")
    return _big_real(mantissa, exponent, precision)


def _machine_real(mantissa: str, exponent: int, digits: str):
    value = float(f"{mantissa}e{exponent}") if exponent else float(mantissa)
    if math.isinf(value) or (value == 0.0 and digits.strip("0")):
        # Outside the double range: WL keeps it as an arbitrary-precision number.
        return _big_real(mantissa, exponent, MACHINE_PRECISION)
    return value


def _big_real(mantissa: str, exponent: int, precision: float) -> BigReal:
    text = f"{mantissa}e{exponent}" if exponent else mantissa
    if text.startswith("."):
        text = "0" + text
    if text.endswith("."):
        text += "0"
    text = text.replace(".e", ".0e")
    return BigReal.from_string(text, precision)


def _based_value(text: str):
    """base^^digits[.digits][*^exponent]: digits 0-9 then a-z (case-insensitive)."""
    base_text, _, rest = text.partition("^^")
    base = int(base_text)
    if not 2 <= base <= 36:
        raise ValueError(f"base {base} is not between 2 and 36")
    exponent = 0
    cut = rest.find("*^")
    if cut >= 0:
        exponent = int(rest[cut + 2 :])
        rest = rest[:cut]
    whole, dot, fraction = rest.partition(".")
    for ch in whole + fraction:
        if int(ch, 36) >= base:
            raise ValueError(f"digit '{ch}' is out of range for base {base}")
    if not dot:
        value = integer_from_digits(whole, base)
        if exponent >= 0:
            return value * base**exponent
        return make_rational(value, base**-exponent)
    scaled = integer_from_digits(whole + fraction or "0", base)
    return scaled / float(base) ** (len(fraction) - exponent)
