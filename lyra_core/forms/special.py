"""Bracketed and token forms: lists, Part, slots, Out, pure functions,
message names, compound expressions, inequality chains, spans, patterns."""

from __future__ import annotations

import re

from ..expr.atoms import BigReal, Complex
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from .core import put, put_sequence, register
from . import precedence as P
from .styles import OPERATOR_STYLES
from .text import symbol_name

# A name the lexer reads as one word: WL's letters/digits/$ plus Lyra's
# `_` followed by a lowercase letter or a digit.
_NAME = re.compile(r"[A-Za-z$][A-Za-z0-9$]*(?:_[a-z0-9][A-Za-z0-9$]*)*\Z")


def layout_list(e: Expr, ctx, depth):
    pieces = ["{"]
    put_sequence(pieces, e.args, ", ", 0, depth, ctx)
    pieces.append("}")
    return P.ATOM, pieces


def layout_association_call(e: Expr, ctx, depth):
    """Association[rules...] as the parser builds it from <|...|>."""
    for rule in e.args:
        if type(rule) is not Expr or rule.head not in (S.Rule, S.RuleDelayed) or len(rule.args) != 2:
            return None
    pieces = ["<|"]
    put_sequence(pieces, e.args, ", ", 0, depth, ctx)
    pieces.append("|>")
    return P.ATOM, pieces


def layout_part(e: Expr, ctx, depth):
    """e[[i,j]]: WL writes the indices without a blank after the comma."""
    args = e.args
    if len(args) < 2:
        return None
    pieces = []
    put(pieces, args[0], P.CALL, depth, ctx)
    pieces.append("[[")
    put_sequence(pieces, args[1:], ",", 0, depth, ctx)
    pieces.append("]]")
    return P.CALL, pieces


def layout_slot(e: Expr, ctx, depth):
    return _slot("#", e.args, least=0, allow_name=True)  # #0 is the function itself


def layout_slot_sequence(e: Expr, ctx, depth):
    return _slot("##", e.args, least=1, allow_name=False)


def _slot(mark: str, args, least: int, allow_name: bool):
    if len(args) != 1:
        return None
    n = args[0]
    if type(n) is int and n >= least:
        return P.ATOM, [mark + str(n)]
    if allow_name and type(n) is str and _NAME.match(n):
        return P.ATOM, [mark + n]
    return None


def layout_out(e: Expr, ctx, depth):
    """%, %n, and %% ... for Out[-k]."""
    args = e.args
    if not args:
        return P.ATOM, ["%"]
    if len(args) == 1 and type(args[0]) is int:
        n = args[0]
        if n >= 1:
            return P.ATOM, ["%" + str(n)]
        if n <= -2:
            return P.ATOM, ["%" * -n]
    return None


def layout_function(e: Expr, ctx, depth):
    """body & -- WL writes a blank after the ampersand: `#1^2 & `."""
    if len(e.args) != 1:
        return None
    pieces = []
    put(pieces, e.args[0], P.FUNCTION + 1, depth, ctx)
    pieces.append(" & ")
    return P.FUNCTION, pieces


def layout_message_name(e: Expr, ctx, depth):
    args = e.args
    if not 2 <= len(args) <= 3:
        return None
    for tag in args[1:]:
        if type(tag) is not str or not _NAME.match(tag):
            return None
    pieces = []
    put(pieces, args[0], P.MESSAGE_NAME + 1, depth, ctx)
    for tag in args[1:]:
        pieces.append("::" + tag)
    return P.MESSAGE_NAME, pieces


def layout_compound(e: Expr, ctx, depth):
    """a; b, and `a; ` when the last element is Null (a trailing semicolon)."""
    args = e.args
    if len(args) < 2:
        return None
    trailing = args[-1] is S.Null
    shown = args[:-1] if trailing else args
    pieces = []
    first = True
    for statement in shown:
        if first:
            first = False
        else:
            pieces.append("; ")
        put(pieces, statement, P.COMPOUND + 1, depth, ctx)
    if trailing:
        pieces.append("; ")
    return P.COMPOUND, pieces


_COMPARISON_TEXT = {
    S.Equal: " == ",
    S.Unequal: " != ",
    S.Less: " < ",
    S.LessEqual: " <= ",
    S.Greater: " > ",
    S.GreaterEqual: " >= ",
}


def layout_inequality(e: Expr, ctx, depth):
    """Inequality[a, Less, b, LessEqual, c] is the chain a < b <= c."""
    args = e.args
    n = len(args)
    if n < 3 or n % 2 == 0:
        return None
    for i in range(1, n, 2):
        op = args[i]
        if type(op) is not Symbol or op not in _COMPARISON_TEXT:
            return None
    pieces = []
    put(pieces, args[0], P.COMPARISON + 1, depth, ctx)
    for i in range(1, n, 2):
        pieces.append(_COMPARISON_TEXT[args[i]])
        put(pieces, args[i + 1], P.COMPARISON + 1, depth, ctx)
    return P.COMPARISON, pieces


def layout_span(e: Expr, ctx, depth):
    """1;;3 and 1;;-1;;2 -- WL writes no blanks around ;;."""
    args = e.args
    if not 2 <= len(args) <= 3:
        return None
    pieces = []
    put(pieces, args[0], P.SPAN + 1, depth, ctx)
    for operand in args[1:]:
        pieces.append(";;")
        put(pieces, operand, P.SPAN + 1, depth, ctx)
    return P.SPAN, pieces


# ---------------------------------------------------------------- patterns

_BLANK_TEXT = {S.Blank: "_", S.BlankSequence: "__", S.BlankNullSequence: "___"}


def blank_token(p):
    """`_`, `__h`, ... for a blank with no head or a symbol head; else None."""
    if type(p) is not Expr:
        return None
    text = _BLANK_TEXT.get(p.head)
    if text is None:
        return None
    args = p.args
    if not args:
        return text
    if len(args) == 1 and type(args[0]) is Symbol:
        return text + symbol_name(args[0])
    return None


def pattern_token(p):
    """The one-word spelling of a blank or a named blank (x_, x__Integer), or None.

    A named blank with a head whose name starts with a lowercase letter
    is not one word in Lyra (`x_h` is a symbol): it is written `x:_h`.
    """
    token = blank_token(p)
    if token is not None:
        return token
    if type(p) is Expr and p.head is S.Pattern and len(p.args) == 2:
        name, blank = p.args
        token = blank_token(blank)
        if type(name) is Symbol and token is not None:
            head_start = token.lstrip("_")[:1]
            if head_start == "" or head_start == "$" or "A" <= head_start <= "Z":
                return symbol_name(name) + token
    return None


def layout_blank(e: Expr, ctx, depth):
    token = blank_token(e)
    return None if token is None else (P.ATOM, [token])


def layout_pattern(e: Expr, ctx, depth):
    token = pattern_token(e)
    if token is not None:
        return P.ATOM, [token]
    args = e.args
    if len(args) != 2 or type(args[0]) is not Symbol:
        return None
    pieces = [symbol_name(args[0]) + ":"]
    put(pieces, args[1], P.PATTERN + 1, depth, ctx)
    return P.PATTERN, pieces


def layout_optional(e: Expr, ctx, depth):
    """x_. for Optional[x_]; x_:d, _:d and x:p:d with a default."""
    args = e.args
    if not 1 <= len(args) <= 2:
        return None
    token = pattern_token(args[0])
    if len(args) == 1:
        return None if token is None else (P.ATOM, [token + "."])
    if token is not None:
        pieces = [token + ":"]
    else:
        p = args[0]
        if not (type(p) is Expr and p.head is S.Pattern and len(p.args) == 2 and type(p.args[0]) is Symbol):
            return None
        pieces = [symbol_name(p.args[0]) + ":"]
        put(pieces, p.args[1], P.ALTERNATIVES + 1, depth, ctx)
        pieces.append(":")
    put(pieces, args[1], P.PATTERN + 1, depth, ctx)  # `_:(a:b)`
    return P.OPTIONAL, pieces


def _repeated(op: str):
    def layout(e: Expr, ctx, depth):
        if len(e.args) != 1:
            return None
        p = e.args[0]
        pieces = []
        put(pieces, p, P.REPEATED + 1, depth, ctx)
        # `1...` would read as RepeatedNull[1]: keep a trailing `.` apart.
        pieces.append(" " + op if _may_end_with_dot(p, ctx) else op)
        return P.REPEATED, pieces

    return layout


# Operator heads whose text ends with the text of their last argument
# (Times and Power: of any argument, as denominators move).
_LAST_OPERAND_HEADS = frozenset(
    system(name)
    for name in (
        "Plus Rule RuleDelayed Set SetDelayed UpSet UpSetDelayed Condition ReplaceAll "
        "ReplaceRepeated AddTo SubtractFrom TimesBy DivideBy Map MapAll PatternTest Dot "
        "And Or Alternatives StringJoin StringExpression Composition RightComposition "
        "SameQ UnsameQ Equal Unequal Less LessEqual Greater GreaterEqual Inequality Span "
        "Not PreIncrement PreDecrement CompoundExpression Pattern"
    ).split()
)


def _may_end_with_dot(x, ctx) -> bool:
    """Whether x's text may end with `.` (a real like `1.`, or `x_.`).
    Conservative: says yes when unsure."""
    pending = [x]
    budget = 64
    while pending:
        budget -= 1
        if budget < 0:
            return True
        x = pending.pop()
        t = type(x)
        if t is float:
            if ctx.style.real(x).endswith("."):
                return True
        elif t is BigReal:
            if ctx.style.bigreal(x).endswith("."):
                return True
        elif t is Complex:
            pending.append(x.im)
        elif t is Expr and x.args:
            head = x.head
            if head is S.Optional:
                return True
            if head is S.Times or head is S.Power:
                pending.extend(x.args)
            elif head is S.Apply:
                pending.append(x.args[1] if len(x.args) > 1 else x.args[0])
            elif head in _LAST_OPERAND_HEADS:
                pending.append(x.args[-1])
    return False


register([S.List], OPERATOR_STYLES, layout_list)
register([S.Association], OPERATOR_STYLES, layout_association_call)
register([S.Part], OPERATOR_STYLES, layout_part)
register([S.Slot], OPERATOR_STYLES, layout_slot)
register([S.SlotSequence], OPERATOR_STYLES, layout_slot_sequence)
register([S.Out], OPERATOR_STYLES, layout_out)
register([S.Function], OPERATOR_STYLES, layout_function)
register([S.MessageName], OPERATOR_STYLES, layout_message_name)
register([S.CompoundExpression], OPERATOR_STYLES, layout_compound)
register([S.Inequality], OPERATOR_STYLES, layout_inequality)
register([S.Span], OPERATOR_STYLES, layout_span)
register(list(_BLANK_TEXT), OPERATOR_STYLES, layout_blank)
register([S.Pattern], OPERATOR_STYLES, layout_pattern)
register([S.Optional], OPERATOR_STYLES, layout_optional)
register([S.Repeated], OPERATOR_STYLES, _repeated(".."))
register([S.RepeatedNull], OPERATOR_STYLES, _repeated("..."))
