"""OutputForm's handling of the form wrappers: HoldForm[e] and OutputForm[e]
print as e, FullForm[e] and InputForm[e] as e in that form (what ToString
shows for them in WL)."""

from __future__ import annotations

from ..expr.normal import Expr
from ..expr import system_symbols as S
from .core import Context, register, render
from .styles import FULL, INPUT, OUTPUT

OUTPUT.transparent = frozenset((S.HoldForm, S.OutputForm))


def _in_style(style, prec: int):
    def layout(e: Expr, ctx, depth):
        if len(e.args) != 1:
            return None
        # The wrapped expression is printed by its own iterative render, so
        # nesting these wrappers costs one Python frame each, not per level.
        return prec, [render(e.args[0], Context(style))]

    return layout


# FullForm text is always head[args] or an atom; InputForm text may be an
# operator form, so it gets parentheses inside any operator.
register([S.FullForm], (OUTPUT,), _in_style(FULL, 1000))
register([S.InputForm], (OUTPUT,), _in_style(INPUT, 0))
