"""The public printers: InputForm, FullForm, OutputForm."""

from __future__ import annotations

from .core import Context, render
from .styles import FULL, INPUT, OUTPUT

# Importing these registers the operator layouts in the styles.
from . import arithmetic, operators, output, special  # noqa: F401


def input_form(e) -> str:
    """WL InputForm, the text Lyra shows for results and reads back unchanged:
    `1 + 2*x + x^2`, `{1, 2}`, `"s"`, `1/3`, `a -> b`, `#1^2 & `."""
    return render(e, Context(INPUT))


def full_form(e) -> str:
    """WL FullForm: every normal expression as head[args] -- `Plus[1, Times[2, x]]`,
    `Rational[1, 3]`, `Complex[0, 1]`, `Association[Rule["a", 1]]`."""
    return render(e, Context(FULL))


def output_form(e) -> str:
    """A one-line approximation of WL's OutputForm (used by ToString): like
    InputForm, but strings without quotes, `a b` for Times, reals with six
    significant digits (`0.333333`, `1.5*^20`), HoldForm invisible."""
    return render(e, Context(OUTPUT))


STYLE_OF_PRINTER = {input_form: INPUT, full_form: FULL, output_form: OUTPUT}
