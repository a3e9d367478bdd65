"""Default values for optional arguments: `x_.` inside f[...] uses Default[f, i].

A symbol's `defaultvalues` dict maps None (Default[f], every position) or an
int i (Default[f, i]) to the value. Plus, Times and Power have WL's built-in
defaults, used when their dict says nothing.
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.normal import Expr
from ..expr.symbol import Symbol

MISSING = object()


def default_value(head, position: int):
    """Default[head, position] (1-based), else Default[head], else MISSING."""
    if type(head) is not Symbol:
        return MISSING
    values = head.defaultvalues
    if values:
        v = values.get(position, MISSING)
        if v is MISSING:
            v = values.get(None, MISSING)
        if v is not MISSING:
            return v
    if head is S.Plus:
        return 0
    if head is S.Times:
        return 1
    if head is S.Power and position == 2:
        return 1
    return MISSING


def optional_default(p, head, position: int, ev=None):
    """The value an omitted Optional[...] element `p` stands for, or MISSING."""
    if type(p) is Expr and len(p.args) == 2:
        return p.args[1]
    v = default_value(head, position)
    if v is MISSING and ev is not None and type(head) is Symbol:
        v = _defined_default(head, position, ev)
    return v


def _defined_default(head, position, ev):
    # Default[f] = v may live as a definition of Default rather than in the
    # symbol's slot: ask the evaluator (an unevaluated Default[...] means none).
    for call in (Expr(S.Default, (head, position)), Expr(S.Default, (head,))):
        v = ev.evaluate(call)
        if not (type(v) is Expr and v.head is S.Default):
            return v
    return MISSING
