"""short(): WL's Short -- the text of an expression cut to about max_chars by
eliding the middle of long argument sequences as `<<n>>`.

Every attempt prints with a character limit and stops as soon as the limit
is passed, and an elided node only lays out the elements it keeps, so the
cost is about max_chars per attempt whatever the size of the expression.
"""

from __future__ import annotations

from .core import Context, TooLong, render
from .printers import STYLE_OF_PRINTER, input_form


def short(e, max_chars: int = 2000, form=input_form) -> str:
    """The text of e in `form` (input_form, output_form or full_form), at most
    about max_chars long: `{1, 2, 3, <<999994>>, 999998, 999999, 1000000}`.

    The same number of elements is kept at each end of every long sequence,
    as many as fit. If even one element per end is too long, subexpressions
    below some depth become `<<1>>`. A single atom longer than the budget,
    or a form other than the three printers, is cut in the middle of its
    text, with `<<n>>` counting the characters left out.
    """
    style = STYLE_OF_PRINTER.get(form)
    if style is None:
        return _cut_text(form(e), max_chars)

    def attempt(keep=None, max_depth=None):
        try:
            return render(e, Context(style, keep, max_depth, max_chars))
        except TooLong:
            return None

    text = attempt()
    if text is not None:
        return text
    if attempt(keep=1) is not None:
        return _largest_fit(lambda k: attempt(keep=k), 1)
    if attempt(keep=1, max_depth=0) is not None:
        return _largest_fit(lambda d: attempt(keep=1, max_depth=d), 0)
    return _cut_text(render(e, Context(style)), max_chars)


def _largest_fit(attempt, fits_at: int) -> str:
    """The text of attempt(n) for the largest n >= fits_at whose text fits
    (attempt(fits_at) is known to fit); doubling, then bisection."""
    low, best = fits_at, attempt(fits_at)
    high = max(1, 2 * fits_at)
    while True:
        text = attempt(high)
        if text is None:
            break
        low, best = high, text
        high *= 2
        if high > 1 << 40:  # cannot happen for real data; bounds the loop
            return best
    while high - low > 1:
        middle = (low + high) // 2
        text = attempt(middle)
        if text is None:
            high = middle
        else:
            low, best = middle, text
    return best


def _cut_text(text: str, max_chars: int) -> str:
    if len(text) <= max_chars:
        return text
    half = max(1, max_chars // 2)
    return text[:half] + "<<" + str(len(text) - 2 * half) + ">>" + text[len(text) - half :]
