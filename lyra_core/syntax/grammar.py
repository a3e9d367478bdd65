"""The grammar: every operator's precedence and the code that builds its expression.

Prefix handlers (PREFIX) take the parser positioned at the first token of a
construct and return its expression; infix/postfix handlers (INFIX, with
their precedence) take the parser positioned at the operator and the left
operand. Precedence values are WL's (Precedence[...]) where WL has the
operator; the order is LANGUAGE.md section 2.
"""

from __future__ import annotations

from ..expr import BigReal, Expr, Rational, Symbol, lookup, make_rational, system
from ..expr import system_symbols as S
from ..expr.atoms import mpmath
from .pipeline import apply_stage

# ------------------------------------------------------------- precedences
# WL's precedence values where WL has the operator (Precedence[...]).
PREC_MESSAGE = 750
PREC_CALL = 700  # f[x], e[[i]], e.m[x], f'
PREC_PATTERN_TEST = 680
PREC_INCREMENT = 660
PREC_PREFIX_APPLY = 640  # f @ x
PREC_COMPOSITION = 625
PREC_RIGHT_COMPOSITION = 624
PREC_MAP = 620  # /@ //@ @@ @@@
PREC_FACTORIAL = 610
PREC_STRING_JOIN = 600
PREC_POWER = 590
PREC_NONCOMMUTATIVE = 510
PREC_DOT = 490
PREC_UNARY_MINUS = 480
PREC_DIVIDE = 470
PREC_TIMES = 400
PREC_PLUS = 310
PREC_SPAN = 305
PREC_COMPARE = 290
PREC_SAME = 285
PREC_NOT = 230
PREC_AND = 215
PREC_OR = 214
PREC_REPEATED = 170
PREC_ALTERNATIVES = 160
PREC_PATTERN = 150
PREC_STRING_EXPRESSION = 135
PREC_CONDITION = 130
PREC_RULE = 120
PREC_REPLACE = 110
PREC_ASSIGN_OP = 100  # += -= *= /=
PREC_FUNCTION = 90  # &
PREC_POSTFIX = 70  # // and |>
PREC_ARROW = 50  # x => body
PREC_SET = 40  # = := ^= ^:= =. /:
PREC_PUT = 30
PREC_COMPOUND = 10


# ----------------------------------------------------------------- symbols
_Null = S.Null
_All = S.All
_Times = S.Times
_Plus = S.Plus
_Power = S.Power
_List = S.List
_Function = S.Function
_Pattern = S.Pattern
_Optional = S.Optional
_BLANKS = {"_": S.Blank, "__": S.BlankSequence, "___": S.BlankNullSequence}
_PATTERN_HEADS = frozenset(
    (S.Pattern, S.Blank, S.BlankSequence, S.BlankNullSequence, S.PatternTest)
)
_NonCommutativeMultiply = system("NonCommutativeMultiply")
_TagSet = S.TagSet
_TagSetDelayed = S.TagSetDelayed
_TagUnset = system("TagUnset")

# Kinds of token that can begin an operand (after `;`, `;;`).
STARTS_OPERAND = frozenset(
    (
        "name", "num", "str", "pat", "slot", "out", "get",
        "(", "{", "<|", "<||>", "-", "+", "!", "!!", "++", "--", ";;",
    )
)
# Kinds that, right after an operand, multiply by juxtaposition (`2 x`).
_JUXTAPOSE = ("name", "num", "str", "pat", "slot", "out", "(", "{", "<|", "<||>")


def negate_number(x):
    t = type(x)
    if t is int or t is float:
        return -x
    if t is BigReal:
        # Exact: mpf negation would round to mpmath's global working precision.
        return BigReal(mpmath().fneg(x.value, exact=True), x.precision)
    if t is Rational:
        return make_rational(-x.num, x.den)
    return None


# ------------------------------------------------------- prefix handlers
# Each takes the parser positioned at the construct's first token.


def no_prefix(p):
    """A token that cannot begin an expression (or the end of the input)."""
    raise p.unexpected(p.pos)


def _string(p):
    value = p.vals[p.pos]
    p.pos += 1
    if type(value) is str:
        return value
    pieces = []
    for piece in value:
        if type(piece) is str:
            if piece:
                pieces.append(piece)
        else:
            pieces.append(Expr(S.ToString, (p.parse_interpolation(piece),)))
    return Expr(S.StringJoin, tuple(pieces))


def _pattern(p):
    name, blanks, head, dot = p.vals[p.pos]
    p.pos += 1
    blank_head = _BLANKS[blanks]
    result = Expr(blank_head, ()) if head is None else Expr(blank_head, (lookup(head),))
    if name is not None:
        result = Expr(_Pattern, (lookup(name), result))
    if dot is not None:
        result = Expr(_Optional, (result,))
    return result


def _slot(p):
    text = p.vals[p.pos]
    p.pos += 1
    if text.startswith("##"):
        return Expr(S.SlotSequence, (int(text[2:] or 1),))
    rest = text[1:]
    if not rest:
        return Expr(S.Slot, (1,))
    if rest[0].isdigit():
        return Expr(S.Slot, (int(rest),))
    return Expr(S.Slot, (rest,))


def _out(p):
    value = p.vals[p.pos]
    p.pos += 1
    return Expr(S.Out, () if value is None else (value,))


def _get(p):
    name = p.vals[p.pos]
    p.pos += 1
    return Expr(S.Get, (name,))


def _group(p):
    """( expr ), or the parameter list of an arrow function (x, y) => body."""
    open_pos = p.pos
    p.pos += 1
    saved_infix = p.infix
    p.infix = INFIX
    p.depth += 1
    kinds = p.kinds
    params = []  # (token position, expression)
    comma = None
    if kinds[p.pos] != ")":
        while True:
            if kinds[p.pos] == "eof":
                raise p.unclosed(open_pos, ")")
            params.append((p.pos, p.expr(0)))
            if kinds[p.pos] != ",":
                break
            if comma is None:
                comma = p.pos
            p.pos += 1
    if kinds[p.pos] != ")":
        raise p.unclosed(open_pos, ")")
    close_pos = p.pos
    p.pos += 1
    p.depth -= 1
    p.infix = saved_infix
    if p.continues("=>"):
        return _arrow_function(p, params)
    if comma is not None:
        raise p.error("unexpected ','", comma)
    if not params:
        raise p.error("unexpected ')'", close_pos)
    inner = params[0][1]
    # Parentheses keep a product whole and make a call a plain stage.
    if inner is p.op_times:
        p.op_times = None
    if inner is p.last_call:
        p.last_call = None
    return inner


def _arrow_function(p, params):
    """(x, y) => body: Function[{x, y}, body]; the body is read as `=`'s right side."""
    for pos, param in params:
        if type(param) is not Symbol:
            raise p.error("the parameters of '=>' must be symbols", pos)
    p.pos += 1  # =>
    body = p.expr(PREC_SET)
    return Expr(_Function, (Expr(_List, tuple(param for _, param in params)), body))


def _list(p):
    return Expr(_List, tuple(p.items("}", "}", INFIX)))


def _association(p):
    return Expr(S.Association, tuple(p.items("|>", "|>", INFIX_IN_ASSOCIATION)))


def _empty_association(p):
    p.pos += 1
    return Expr(S.Association, ())


def _minus(p):
    p.pos += 1
    return p.negate(p.expr(PREC_UNARY_MINUS))


def _plus_sign(p):
    p.pos += 1
    return p.expr(PREC_UNARY_MINUS)


def _not(p):
    p.pos += 1
    return Expr(S.Not, (p.expr(PREC_NOT),))


def _not_not(p):
    p.pos += 1
    return Expr(S.Not, (Expr(S.Not, (p.expr(PREC_NOT),)),))


def _pre_increment(p):
    p.pos += 1
    return Expr(S.PreIncrement, (p.expr(PREC_INCREMENT),))


def _pre_decrement(p):
    p.pos += 1
    return Expr(S.PreDecrement, (p.expr(PREC_INCREMENT),))


def _span_from_start(p):
    p.pos += 1
    return _span_rest(p, 1)


def _span_rest(p, first):
    """The rest of a span after its first `;;`: a;;b, a;;, a;;b;;c, a;;;;c."""
    second = p.expr(PREC_SPAN + 1) if p.operand_follows() and p.kinds[p.pos] != ";;" else _All
    if p.continues(";;"):
        p.pos += 1
        if not p.operand_follows() or p.kinds[p.pos] == ";;":
            raise p.unexpected(p.pos)
        return Expr(S.Span, (first, second, p.expr(PREC_SPAN + 1)))
    return Expr(S.Span, (first, second))


PREFIX = {
    "str": _string,
    "pat": _pattern,
    "slot": _slot,
    "out": _out,
    "get": _get,
    "(": _group,
    "{": _list,
    "<|": _association,
    "<||>": _empty_association,
    "-": _minus,
    "+": _plus_sign,
    "!": _not,
    "!!": _not_not,
    "++": _pre_increment,
    "--": _pre_decrement,
    ";;": _span_from_start,
}


# -------------------------------------------------------- infix handlers
# Each takes the parser positioned at the operator and the left operand.


def _flat(head, kind, right_prec):
    """A handler collecting `a op b op c` into head[a, b, c]."""

    def handler(p, left):
        args = [left]
        while True:
            p.pos += 1
            args.append(p.expr(right_prec))
            if not p.continues(kind):
                return Expr(head, tuple(args))

    return handler


def _binary(head, right_prec):
    """A handler building head[left, right]."""

    def handler(p, left):
        p.pos += 1
        return Expr(head, (left, p.expr(right_prec)))

    return handler


def _postfix(head):
    def handler(p, left):
        p.pos += 1
        return Expr(head, (left,))

    return handler


def _message_name(p, left):
    args = [left]
    while True:
        p.pos += 1
        pos = p.pos
        kind = p.kinds[pos]
        value = p.vals[pos]
        if kind == "name" or (kind == "str" and type(value) is str):
            args.append(value)
        elif kind == "eof":
            raise p.unexpected(pos)
        else:
            raise p.error(f"expected a message name after '::', not {p.describe(pos)}", pos)
        p.pos += 1
        if not p.continues("::"):
            return Expr(S.MessageName, tuple(args))


def _call(p, left):
    result = p.last_call = Expr(left, tuple(p.items("]", "]", INFIX)))
    return result


def _part(p, left):
    open_pos = p.pos
    args = p.items("]", "]]", INFIX)
    if p.kinds[p.pos] != "]":
        raise p.unclosed(open_pos, "]]")
    p.pos += 1
    return Expr(S.Part, (left,) + tuple(args))


def _derivative(p, left):
    order = p.vals[p.pos]
    p.pos += 1
    return Expr(Expr(S.Derivative, (order,)), (left,))


def _dot(p, left):
    """a . b . c is Dot[a, b, c]; e.m[args] is the pipeline stage m[args] on e."""
    if p.is_dot_call(p.pos):
        name_pos = p.pos + 1
        p.pos += 2
        stage = Expr(lookup(p.vals[name_pos]), tuple(p.items("]", "]", INFIX)))
        return apply_stage(left, stage, True)
    args = [left]
    while True:
        p.pos += 1
        args.append(p.expr(PREC_DOT + 1))
        if not p.continues(".") or p.is_dot_call(p.pos):
            return Expr(S.Dot, tuple(args))


def _prefix_apply(p, left):
    p.pos += 1
    return Expr(left, (p.expr(PREC_PREFIX_APPLY),))


def _apply_level_one(p, left):
    p.pos += 1
    return Expr(S.Apply, (left, p.expr(PREC_MAP), Expr(_List, (1,))))


def _times(p, left):
    """a * b, a b: one flat Times; operator-built products inside are spliced."""
    kinds = p.kinds
    nls = p.nls
    args = list(left.args) if left is p.op_times else [left]
    while True:
        kind = kinds[p.pos]
        if kind == "*":
            p.pos += 1
        elif kind not in _JUXTAPOSE:
            break
        factor = p.expr(PREC_TIMES + 1)
        if factor is p.op_times:
            args.extend(factor.args)
        else:
            args.append(factor)
        if nls[p.pos] and not p.depth:
            break
    result = p.op_times = Expr(_Times, tuple(args))
    return result


def _divide(p, left):
    args = left.args if left is p.op_times else (left,)
    p.pos += 1
    denominator = p.expr(PREC_DIVIDE + 1)
    result = p.op_times = Expr(_Times, args + (Expr(_Power, (denominator, -1)),))
    return result


def _plus(p, left):
    """a + b - c: Plus[a, b, Times[-1, c]] (a - 5 is Plus[a, -5])."""
    kinds = p.kinds
    args = [left]
    while True:
        kind = kinds[p.pos]
        p.pos += 1
        term = p.expr(PREC_PLUS + 1)
        args.append(term if kind == "+" else p.negate(term))
        kind = kinds[p.pos]
        if (kind != "+" and kind != "-") or (p.nls[p.pos] and not p.depth):
            return Expr(_Plus, tuple(args))


def _span(p, left):
    p.pos += 1
    return _span_rest(p, left)


_COMPARISONS = {
    "==": S.Equal,
    "!=": S.Unequal,
    "<": S.Less,
    "<=": S.LessEqual,
    ">": S.Greater,
    ">=": S.GreaterEqual,
}


def _compare(p, left):
    """a < b < c is Less[a, b, c]; a mixed chain is Inequality[a, Less, b, ...]."""
    operands = [left]
    heads = []
    kinds = p.kinds
    while True:
        heads.append(_COMPARISONS[kinds[p.pos]])
        p.pos += 1
        operands.append(p.expr(PREC_COMPARE + 1))
        pos = p.pos
        if kinds[pos] not in _COMPARISONS or (p.nls[pos] and not p.depth):
            break
    head = heads[0]
    if all(h is head for h in heads):
        return Expr(head, tuple(operands))
    mixed = [operands[0]]
    for h, operand in zip(heads, operands[1:]):
        mixed.append(h)
        mixed.append(operand)
    return Expr(S.Inequality, tuple(mixed))


_SAMENESS = {"===": S.SameQ, "=!=": S.UnsameQ}


def _same(p, left):
    """a === b === c is SameQ[a, b, c]; a change of operator nests to the left."""
    kinds = p.kinds
    head = _SAMENESS[kinds[p.pos]]
    args = [left]
    while True:
        p.pos += 1
        args.append(p.expr(PREC_SAME + 1))
        pos = p.pos
        kind = kinds[pos]
        if kind not in _SAMENESS or (p.nls[pos] and not p.depth):
            return Expr(head, tuple(args))
        if _SAMENESS[kind] is not head:
            args = [Expr(head, tuple(args))]
            head = _SAMENESS[kind]


def _colon(p, left):
    """x:p is Pattern[x, p]; after a pattern (x_, x:p) it is Optional[patt, default].

    x:p:d is Optional[Pattern[x, p], d], so a pattern's p stops at the next `:`;
    a default extends over further colons (_:a:b is Optional[_, Pattern[a, b]]).
    """
    colon = p.pos
    if type(left) is Symbol:
        p.pos += 1
        return Expr(_Pattern, (left, p.expr(PREC_PATTERN + 1)))
    if type(left) is Expr and left.head in _PATTERN_HEADS:
        p.pos += 1
        return Expr(_Optional, (left, p.expr(PREC_PATTERN)))
    raise p.error("':' must follow a symbol (x:p) or a pattern (x_:default)", colon)


def _function(p, left):
    p.pos += 1
    return Expr(_Function, (left,))


def _function_arrow(p, left):
    """x |-> body and {x, y} |-> body (WL's \\[Function]): Function[params, body]."""
    p.pos += 1
    return Expr(_Function, (left, p.expr(PREC_FUNCTION + 1)))


def _postfix_apply(p, left):
    p.pos += 1
    return Expr(p.expr(PREC_POSTFIX + 1), (left,))


def _pipeline(p, left):
    p.pos += 1
    p.last_call = None
    stage = p.expr(PREC_POSTFIX + 1)
    return apply_stage(left, stage, stage is p.last_call)


def _arrow(p, left):
    """x => body: Function[{x}, body]."""
    if type(left) is not Symbol:
        raise p.error("the left side of '=>' must be a symbol or a parameter list (x, y)", p.pos)
    p.pos += 1
    return Expr(_Function, (Expr(_List, (left,)), p.expr(PREC_SET)))


def _tag_set(p, left):
    """f /: lhs = rhs, f /: lhs := rhs, f /: lhs =. (TagSet, TagSetDelayed, TagUnset)."""
    p.pos += 1
    lhs = p.expr(PREC_SET + 1)
    kind = p.kinds[p.pos]
    p.pos += 1
    if kind == "=":
        return Expr(_TagSet, (left, lhs, p.expr(PREC_SET)))
    if kind == ":=":
        return Expr(_TagSetDelayed, (left, lhs, p.expr(PREC_SET)))
    if kind == "=.":
        return Expr(_TagUnset, (left, lhs))
    p.pos -= 1
    if kind == "eof":
        raise p.unexpected(p.pos)
    raise p.error(f"expected '=', ':=' or '=.' after '/:', not {p.describe(p.pos)}", p.pos)


def _put(head):
    def handler(p, left):
        name = p.vals[p.pos]
        p.pos += 1
        return Expr(head, (left, name))

    return handler


def _compound(p, left):
    """a; b; c is CompoundExpression[a, b, c]; a trailing `;` adds Null."""
    args = [left]
    while True:
        p.pos += 1
        args.append(p.expr(PREC_COMPOUND + 1) if p.operand_follows() else _Null)
        if not p.continues(";"):
            return Expr(S.CompoundExpression, tuple(args))


INFIX = {
    "::": (PREC_MESSAGE, _message_name),
    "[": (PREC_CALL, _call),
    "[[": (PREC_CALL, _part),
    "'": (PREC_CALL, _derivative),
    "?": (PREC_PATTERN_TEST, _binary(S.PatternTest, PREC_PATTERN_TEST + 1)),
    "++": (PREC_INCREMENT, _postfix(S.Increment)),
    "--": (PREC_INCREMENT, _postfix(S.Decrement)),
    "@": (PREC_PREFIX_APPLY, _prefix_apply),
    "@*": (PREC_COMPOSITION, _flat(S.Composition, "@*", PREC_COMPOSITION + 1)),
    "/*": (
        PREC_RIGHT_COMPOSITION,
        _flat(S.RightComposition, "/*", PREC_RIGHT_COMPOSITION + 1),
    ),
    "/@": (PREC_MAP, _binary(S.Map, PREC_MAP)),
    "//@": (PREC_MAP, _binary(S.MapAll, PREC_MAP)),
    "@@": (PREC_MAP, _binary(S.Apply, PREC_MAP)),
    "@@@": (PREC_MAP, _apply_level_one),
    "!": (PREC_FACTORIAL, _postfix(S.Factorial)),
    "!!": (PREC_FACTORIAL, _postfix(S.Factorial2)),
    "<>": (PREC_STRING_JOIN, _flat(S.StringJoin, "<>", PREC_STRING_JOIN + 1)),
    "^": (PREC_POWER, _binary(_Power, PREC_POWER)),
    "**": (
        PREC_NONCOMMUTATIVE,
        _flat(_NonCommutativeMultiply, "**", PREC_NONCOMMUTATIVE + 1),
    ),
    ".": (PREC_DOT, _dot),
    "/": (PREC_DIVIDE, _divide),
    "*": (PREC_TIMES, _times),
    "+": (PREC_PLUS, _plus),
    "-": (PREC_PLUS, _plus),
    ";;": (PREC_SPAN, _span),
    "==": (PREC_COMPARE, _compare),
    "!=": (PREC_COMPARE, _compare),
    "<": (PREC_COMPARE, _compare),
    "<=": (PREC_COMPARE, _compare),
    ">": (PREC_COMPARE, _compare),
    ">=": (PREC_COMPARE, _compare),
    "===": (PREC_SAME, _same),
    "=!=": (PREC_SAME, _same),
    "&&": (PREC_AND, _flat(S.And, "&&", PREC_AND + 1)),
    "||": (PREC_OR, _flat(S.Or, "||", PREC_OR + 1)),
    "..": (PREC_REPEATED, _postfix(S.Repeated)),
    "...": (PREC_REPEATED, _postfix(S.RepeatedNull)),
    "|": (PREC_ALTERNATIVES, _flat(S.Alternatives, "|", PREC_ALTERNATIVES + 1)),
    ":": (PREC_PATTERN, _colon),
    "~~": (
        PREC_STRING_EXPRESSION,
        _flat(S.StringExpression, "~~", PREC_STRING_EXPRESSION + 1),
    ),
    "/;": (PREC_CONDITION, _binary(S.Condition, PREC_CONDITION + 1)),
    "->": (PREC_RULE, _binary(S.Rule, PREC_RULE)),
    ":>": (PREC_RULE, _binary(S.RuleDelayed, PREC_RULE)),
    "/.": (PREC_REPLACE, _binary(S.ReplaceAll, PREC_REPLACE + 1)),
    "//.": (PREC_REPLACE, _binary(S.ReplaceRepeated, PREC_REPLACE + 1)),
    "+=": (PREC_ASSIGN_OP, _binary(S.AddTo, PREC_ASSIGN_OP)),
    "-=": (PREC_ASSIGN_OP, _binary(S.SubtractFrom, PREC_ASSIGN_OP)),
    "*=": (PREC_ASSIGN_OP, _binary(S.TimesBy, PREC_ASSIGN_OP)),
    "/=": (PREC_ASSIGN_OP, _binary(S.DivideBy, PREC_ASSIGN_OP)),
    "&": (PREC_FUNCTION, _function),
    "|->": (PREC_FUNCTION, _function_arrow),
    "//": (PREC_POSTFIX, _postfix_apply),
    "|>": (PREC_POSTFIX, _pipeline),
    "=>": (PREC_ARROW, _arrow),
    "=": (PREC_SET, _binary(S.Set, PREC_SET)),
    ":=": (PREC_SET, _binary(S.SetDelayed, PREC_SET)),
    "^=": (PREC_SET, _binary(S.UpSet, PREC_SET)),
    "^:=": (PREC_SET, _binary(S.UpSetDelayed, PREC_SET)),
    "=.": (PREC_SET, _postfix(S.Unset)),
    "/:": (PREC_SET, _tag_set),
    ">>": (PREC_PUT, _put(S.Put)),
    ">>>": (PREC_PUT, _put(S.PutAppend)),
    ";": (PREC_COMPOUND, _compound),
}
for _kind in _JUXTAPOSE:
    INFIX[_kind] = (PREC_TIMES, _times)

# Inside <| ... |> the first |> at the association's own depth closes it.
INFIX_IN_ASSOCIATION = {k: v for k, v in INFIX.items() if k != "|>"}

