"""TreeForm as indented text:

    Plus
    ├─ 1
    └─ Times
       ├─ 2
       └─ x
"""

from __future__ import annotations

from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import Symbol
from ..expr import system_symbols as S
from .printers import input_form
from .short import short
from .text import symbol_name

# Beyond this depth the indentation alone grows quadratically; callers that
# want a deep tree's top pass max_depth.
TREE_DEPTH_LIMIT = 1000


class FormatTooDeep(ValueError):
    """The expression is too deep to print in the requested form.

    Raised by tree_form for trees deeper than TREE_DEPTH_LIMIT levels when
    no max_depth is given. input_form, full_form, output_form and short
    print expressions of any depth and never raise it.
    """


def _node(x):
    """(label, children) of one tree node."""
    if type(x) is Expr:
        if not x.args:
            return input_form(x), ()
        head = x.head
        label = symbol_name(head) if type(head) is Symbol else input_form(head)
        return label, x.args
    if type(x) is Association:
        rules = tuple(
            Expr(S.RuleDelayed if delayed else S.Rule, (k, v)) for k, v, delayed in x.items.values()
        )
        return "Association", rules
    return input_form(x), ()


def tree_form(e, max_depth: int | None = None) -> str:
    """A readable multi-line tree of e. Subtrees below max_depth levels are
    shown as their InputForm on one line; without max_depth, a tree deeper
    than TREE_DEPTH_LIMIT raises FormatTooDeep."""
    lines = []
    # (node, text before its label, text before its children's branches, depth)
    stack = [(e, "", "", 0)]
    while stack:
        x, lead, child_lead, depth = stack.pop()
        label, children = _node(x)
        if children and max_depth is not None and depth >= max_depth:
            label, children = short(x, 60), ()
        lines.append(lead + label)
        if not children:
            continue
        if depth >= TREE_DEPTH_LIMIT:
            raise FormatTooDeep(
                f"expression is more than {TREE_DEPTH_LIMIT} levels deep; give a max_depth"
            )
        last = len(children) - 1
        for i in range(last, -1, -1):
            if i == last:
                stack.append((children[i], child_lead + "└─ ", child_lead + "   ", depth + 1))
            else:
                stack.append((children[i], child_lead + "├─ ", child_lead + "│  ", depth + 1))
    return "\n".join(lines)
