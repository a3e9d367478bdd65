"""Normal expressions head[args...]: immutable, hashable, structurally equal.

The hash is computed once, bottom-up, when the expression is built, so hashing
and equality never recurse into deep trees that are already distinct.
"""

from __future__ import annotations


class Expr:
    __slots__ = ("head", "args", "_hash", "evaluated")

    def __init__(self, head, args: tuple = ()):
        self.head = head
        self.args = args
        self._hash = hash((head, args))
        # The evaluator stores the definition epoch at which this expression
        # was found to be a fixed point; -1 means "not known to be evaluated".
        self.evaluated = -1

    def __hash__(self):
        return self._hash

    def __eq__(self, other):
        if self is other:
            return True
        if type(other) is not Expr or self._hash != other._hash:
            return False
        return same(self.head, other.head) and same_args(self.args, other.args)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __len__(self):
        return len(self.args)

    def __repr__(self):
        # A debugging view; user-facing text comes from lyra_core.forms.
        from ..forms import full_form

        return f"<Expr {full_form(self)}>"


def same(a, b) -> bool:
    """SameQ on any two values: equal type and equal value (so 1 is not 1.)."""
    if a is b:
        return True
    return type(a) is type(b) and a == b


def same_args(xs: tuple, ys: tuple) -> bool:
    if len(xs) != len(ys):
        return False
    for a, b in zip(xs, ys):
        if a is not b and (type(a) is not type(b) or a != b):
            return False
    return True


def E(head, *args) -> Expr:
    """Build head[args...]; the short spelling used throughout the library."""
    return Expr(head, args)
