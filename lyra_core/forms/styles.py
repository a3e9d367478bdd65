"""The three textual forms: InputForm, OutputForm, FullForm."""

from .core import Style
from .numbers import format_bigreal, format_bigreal_output, format_real, format_real_output

INPUT = Style(
    "InputForm",
    full=False,
    quote_strings=True,
    times_sep="*",
    real=format_real,
    bigreal=format_bigreal,
)

# WL's OutputForm is two-dimensional; this is its one-line approximation:
# strings unquoted, Times as a space (`2 x`), reals to six digits.
OUTPUT = Style(
    "OutputForm",
    full=False,
    quote_strings=False,
    times_sep=" ",
    real=format_real_output,
    bigreal=format_bigreal_output,
)

FULL = Style(
    "FullForm",
    full=True,
    quote_strings=True,
    times_sep="*",
    real=format_real,
    bigreal=format_bigreal,
)

OPERATOR_STYLES = (INPUT, OUTPUT)
