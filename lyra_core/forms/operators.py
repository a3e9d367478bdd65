"""Infix, prefix and postfix operator forms driven by one table each."""

from __future__ import annotations

from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .core import put, put_apart, register
from . import precedence as P
from .styles import OPERATOR_STYLES

# head name: (operator text, precedence). At least two operands, each of
# strictly higher precedence: a nested same-head operand keeps its
# parentheses, `a + (b + c)`, so the printed tree reads back unchanged.
N_ARY = {
    "And": (" && ", P.AND),
    "Or": (" || ", P.OR),
    "Alternatives": (" | ", P.ALTERNATIVES),
    "StringJoin": (" <> ", P.STRING_JOIN),
    "StringExpression": (" ~~ ", P.STRING_EXPRESSION),
    "Dot": (" . ", P.DOT),  # spaced: `e.m[x]` would be a dot-call
    "Composition": (" @* ", P.COMPOSITION),
    "RightComposition": (" /* ", P.RIGHT_COMPOSITION),
    "SameQ": (" === ", P.SAME),
    "UnsameQ": (" =!= ", P.SAME),
    "Equal": (" == ", P.COMPARISON),
    "Unequal": (" != ", P.COMPARISON),
    "Less": (" < ", P.COMPARISON),
    "LessEqual": (" <= ", P.COMPARISON),
    "Greater": (" > ", P.COMPARISON),
    "GreaterEqual": (" >= ", P.COMPARISON),
}

# head name: (operator text, precedence, least left precedence, least right precedence)
BINARY = {
    "Rule": (" -> ", P.RULE, P.RULE + 1, P.RULE),  # right-associative
    "RuleDelayed": (" :> ", P.RULE, P.RULE + 1, P.RULE),
    "Set": (" = ", P.SET, P.SET + 1, P.SET),
    "SetDelayed": (" := ", P.SET, P.SET + 1, P.SET),
    "UpSet": (" ^= ", P.SET, P.SET + 1, P.SET),
    "UpSetDelayed": (" ^:= ", P.SET, P.SET + 1, P.SET),
    "Condition": (" /; ", P.CONDITION, P.CONDITION + 1, P.CONDITION + 1),
    "ReplaceAll": (" /. ", P.REPLACE, P.REPLACE, P.REPLACE + 1),  # left-associative
    "ReplaceRepeated": (" //. ", P.REPLACE, P.REPLACE, P.REPLACE + 1),
    "AddTo": (" += ", P.ASSIGN_OP, P.ASSIGN_OP + 1, P.ASSIGN_OP + 1),
    "SubtractFrom": (" -= ", P.ASSIGN_OP, P.ASSIGN_OP + 1, P.ASSIGN_OP + 1),
    "TimesBy": (" *= ", P.ASSIGN_OP, P.ASSIGN_OP + 1, P.ASSIGN_OP + 1),
    "DivideBy": (" /= ", P.ASSIGN_OP, P.ASSIGN_OP + 1, P.ASSIGN_OP + 1),
    "Map": (" /@ ", P.MAP, P.MAP + 1, P.MAP),  # right-associative
    "MapAll": (" //@ ", P.MAP, P.MAP + 1, P.MAP),
    "Apply": (" @@ ", P.MAP, P.MAP + 1, P.MAP),
    # Anything but an atom after `?` is parenthesised: `_?(f[x])`.
    "PatternTest": ("?", P.PATTERN_TEST, P.PATTERN_TEST + 1, P.CALL + 1),
}

# head name: (operator text, precedence); the operand binds strictly tighter
# (`(n!)!`, not `n!!`, which is Factorial2).
POSTFIX = {
    "Increment": ("++", P.INCREMENT),
    "Decrement": ("--", P.INCREMENT),
    "Factorial": ("!", P.FACTORIAL),
    "Factorial2": ("!!", P.FACTORIAL),
    "Unset": (" =.", P.SET),
}

PREFIX = {
    "PreIncrement": ("++", P.INCREMENT),
    "PreDecrement": ("--", P.INCREMENT),
    "Not": ("!", P.NOT),  # `!(!a)`: `!!` would read as one token
}


def _n_ary(op: str, prec: int):
    def layout(e: Expr, ctx, depth):
        args = e.args
        if len(args) < 2:
            return None
        pieces = []
        put(pieces, args[0], prec + 1, depth, ctx)
        for operand in args[1:]:
            pieces.append(op)
            put(pieces, operand, prec + 1, depth, ctx)
        return prec, pieces

    return layout


def _binary(op: str, prec: int, left_min: int, right_min: int):
    def layout(e: Expr, ctx, depth):
        args = e.args
        if len(args) != 2:
            return None
        pieces = []
        put(pieces, args[0], left_min, depth, ctx)
        pieces.append(op)
        put(pieces, args[1], right_min, depth, ctx)
        return prec, pieces

    return layout


def _postfix(op: str, prec: int):
    def layout(e: Expr, ctx, depth):
        if len(e.args) != 1:
            return None
        pieces = []
        put(pieces, e.args[0], prec + 1, depth, ctx)
        pieces.append(op)
        return prec, pieces

    return layout


def _prefix(op: str, prec: int):
    def layout(e: Expr, ctx, depth):
        if len(e.args) != 1:
            return None
        pieces = [op]
        put_apart(pieces, e.args[0], prec + 1, depth, ctx)
        return prec, pieces

    return layout


def layout_apply(e: Expr, ctx, depth):
    """f @@ x, and f @@@ x for Apply[f, x, {1}]."""
    args = e.args
    if len(args) == 2:
        op = " @@ "
    elif len(args) == 3 and args[2] == _LEVEL_ONE:
        op = " @@@ "
    else:
        return None
    pieces = []
    put(pieces, args[0], P.MAP + 1, depth, ctx)
    pieces.append(op)
    put(pieces, args[1], P.MAP, depth, ctx)
    return P.MAP, pieces


_LEVEL_ONE = Expr(S.List, (1,))

for _name, (_op, _prec) in N_ARY.items():
    register([system(_name)], OPERATOR_STYLES, _n_ary(_op, _prec))
for _name, (_op, _prec, _left, _right) in BINARY.items():
    register([system(_name)], OPERATOR_STYLES, _binary(_op, _prec, _left, _right))
for _name, (_op, _prec) in POSTFIX.items():
    register([system(_name)], OPERATOR_STYLES, _postfix(_op, _prec))
for _name, (_op, _prec) in PREFIX.items():
    register([system(_name)], OPERATOR_STYLES, _prefix(_op, _prec))
register([S.Apply], OPERATOR_STYLES, layout_apply)
