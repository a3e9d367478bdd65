"""The printing engine shared by InputForm, OutputForm and FullForm.

A node's layout function returns its text as a list of *pieces*: literal
strings and `(child, min_prec, depth)` nodes still to print. `render`
drives an explicit stack over the nodes, appending strings to one output
list that is joined once at the end, so a 100,000-deep `f[f[...]]` prints
like anything else, without Python recursion or quadratic string building.
For speed, `put` lays small subtrees out at once by direct recursion, but
never more than EAGER_LEVELS levels deep before handing nodes back to the
stack.

Parenthesising is decided top-down: a node carries the least precedence
its position allows; a node whose own precedence (returned by its layout)
is lower is wrapped in parentheses.

Layout functions have the signature `layout(expr, ctx, depth) -> (prec,
pieces) | None`; None means "this shape has no special form here", and the
expression prints as an ordinary call `head[args]`.
"""

from __future__ import annotations

import sys

from ..expr.assoc import Association
from ..expr.atoms import BigReal, Complex, Rational, mpmath
from ..expr.normal import Expr
from ..expr.symbol import Symbol
from ..expr import system_symbols as S
from .numbers import int_text
from .precedence import ATOM, CALL, DIVIDE, UNARY_MINUS
from .text import quote_string, symbol_name


class Skeleton:
    """Stands for `count` elided elements (short()); prints as `<<count>>`."""

    __slots__ = ("count",)

    def __init__(self, count: int):
        self.count = count


class Style:
    """What distinguishes one textual form from another."""

    __slots__ = ("name", "full", "quote_strings", "times_sep", "real", "bigreal", "layouts", "transparent")

    def __init__(self, name, *, full, quote_strings, times_sep, real, bigreal):
        self.name = name
        self.full = full  # FullForm: every normal expression as head[args]
        self.quote_strings = quote_strings
        self.times_sep = times_sep  # "*" (InputForm) or " " (OutputForm)
        self.real = real  # float -> text
        self.bigreal = bigreal  # BigReal -> text
        self.layouts: dict = {}  # head -> layout function (operator forms)
        self.transparent: frozenset = frozenset()  # heads printed as their argument


# Direct recursion is about twice as fast as the explicit stack but must stay
# shallow: each level costs about four Python frames.
EAGER_LEVELS = 20


class TooLong(Exception):
    """Raised inside render() when the text would exceed ctx.limit."""


class Context:
    """One render's settings: the style and short()'s elision parameters."""

    __slots__ = ("style", "keep", "max_depth", "limit", "elided", "eager")

    def __init__(self, style: Style, keep=None, max_depth=None, limit=None):
        self.style = style
        self.keep = keep  # elide argument sequences longer than 2*keep+1
        self.max_depth = sys.maxsize if max_depth is None else max_depth
        self.limit = sys.maxsize if limit is None else limit
        self.elided = False  # set when keep actually removed something
        # Levels of subexpressions laid out by direct recursion before
        # falling back to the explicit stack (see put). None with a limit:
        # only the render loop counts characters, so it must see every node.
        self.eager = EAGER_LEVELS if limit is None else 0


def register(heads, styles, layout) -> None:
    """Give each of `heads` the `layout` function in each of `styles`."""
    for style in styles:
        for head in heads:
            style.layouts[head] = layout


# ---------------------------------------------------------------- atoms

def atom_text(x, style: Style) -> tuple[str, int]:
    """(text, precedence) of an atom other than Complex and Association."""
    t = type(x)
    if t is int:
        return int_text(x), (ATOM if x >= 0 else UNARY_MINUS)
    if t is str:
        return (quote_string(x) if style.quote_strings else x), ATOM
    if t is Symbol:
        return symbol_name(x), ATOM
    if t is float:
        return style.real(x), (UNARY_MINUS if x < 0 else ATOM)
    if t is Rational:
        if style.full:
            return "Rational[" + int_text(x.num) + ", " + int_text(x.den) + "]", ATOM
        return int_text(x.num) + "/" + int_text(x.den), DIVIDE
    if t is BigReal:
        return style.bigreal(x), (UNARY_MINUS if x.value < 0 else ATOM)
    if t is Skeleton:
        return "<<" + str(x.count) + ">>", ATOM
    # Not a Lyra value; print something rather than fail.
    return str(x), ATOM


def is_negative_number(x) -> bool:
    t = type(x)
    if t is int or t is float:
        return x < 0
    if t is Rational:
        return x.num < 0
    if t is BigReal:
        return x.value < 0
    return False


def negate_number(x):
    """-x for a real number atom (used to print `a - 2` for Plus[a, -2])."""
    t = type(x)
    if t is Rational:
        return Rational(-x.num, x.den)
    if t is BigReal:
        # Plain `-value` would round to mpmath's global (machine) precision.
        return BigReal(mpmath().fneg(x.value, exact=True), x.precision)
    return -x


def starts_with_minus(x) -> bool:
    """Whether x's text begins with `-`: such operands need parentheses after
    `*`, `/` or binary `-` (`a*(-2)`, `a - (-x)`)."""
    t = type(x)
    if t is Expr:
        head = x.head
        args = x.args
        if head is S.Times:
            return len(args) >= 2 and (is_negative_number(args[0]) or starts_with_minus(args[0]))
        if head is S.DirectedInfinity:
            return len(args) == 1 and args[0] == -1 and type(args[0]) is int
        return head is S.PreDecrement and len(args) == 1
    if t is Complex:
        re = x.re
        if type(re) is int and re == 0:
            return is_negative_number(x.im)
        return is_negative_number(re)
    return is_negative_number(x)


def complex_as_expr(c: Complex):
    """The expression WL prints for a Complex atom: 2 + 3*I, I, -I, I/2 ..."""
    re, im = c.re, c.im
    if type(im) is int and (im == 1 or im == -1):
        im_term = S.I if im == 1 else Expr(S.Times, (-1, S.I))
    else:
        im_term = Expr(S.Times, (im, S.I))
    if type(re) is int and re == 0:
        return im_term
    return Expr(S.Plus, (re, im_term))


# ---------------------------------------------------------------- pieces

_COMPOSITE = (Expr, Complex, Association)


def put(pieces: list, x, min_prec: int, depth: int, ctx: Context) -> None:
    """Append x's text (or a node to print later) at least at min_prec."""
    t = type(x)
    if t is Expr:
        text = inline_call(x, ctx, depth + 1)
        if text is not None:
            pieces.append(text if min_prec <= CALL else "(" + text + ")")
        else:
            _put_node(pieces, x, min_prec, depth + 1, ctx)
    elif t is Complex or t is Association:
        _put_node(pieces, x, min_prec, depth + 1, ctx)
    else:
        text, prec = atom_text(x, ctx.style)
        pieces.append(text if prec >= min_prec else "(" + text + ")")


def _put_node(pieces: list, x, min_prec: int, depth: int, ctx: Context) -> None:
    """Lay a composite x out right away while the eager budget lasts, else
    leave it as a node for the render loop."""
    if ctx.eager:
        ctx.eager -= 1
        pieces.extend(node_pieces(x, min_prec, depth, ctx))
        ctx.eager += 1
    else:
        pieces.append((x, min_prec, depth))


def inline_call(e: Expr, ctx: Context, depth: int):
    """The text of f[atoms...] when it is an ordinary call, else None.

    Most leaves of real expressions are such calls; printing them here
    spares the render loop a node (a large share of the time for {f[1], ...}).
    """
    head = e.head
    if type(head) is not Symbol:
        return None
    style = ctx.style
    if head in style.layouts or head in style.transparent or depth > ctx.max_depth:
        return None
    args = e.args
    n = len(args)
    keep = ctx.keep
    if n > ctx.limit or (keep is not None and n > 2 * keep + 1):
        return None
    for a in args:
        t = type(a)
        if t is Expr or t is Complex or t is Association:
            return None
    # Call arguments never need parentheses.
    return symbol_name(head) + "[" + ", ".join([atom_text(a, style)[0] for a in args]) + "]"


def put_apart(pieces: list, x, min_prec: int, depth: int, ctx: Context) -> None:
    """Like put, but also parenthesise an operand that begins with `-`."""
    if starts_with_minus(x):
        pieces.append("(")
        put(pieces, x, 0, depth, ctx)
        pieces.append(")")
    else:
        put(pieces, x, min_prec, depth, ctx)


def put_sequence(pieces: list, args, sep: str, min_prec: int, depth: int, ctx: Context) -> None:
    """Append args separated by sep; a run of atoms becomes one string."""
    style = ctx.style
    texts = []
    composite = False
    child_depth = depth + 1
    size = 0
    limit = ctx.limit
    for a in args:
        t = type(a)
        if t is Expr:
            text = inline_call(a, ctx, child_depth)
            if text is None:
                texts.append(a)
                composite = True
                continue
            if min_prec > CALL:
                text = "(" + text + ")"
        elif t is Complex or t is Association:
            texts.append(a)
            composite = True
            continue
        else:
            text, prec = atom_text(a, style)
            if prec < min_prec:
                text = "(" + text + ")"
        texts.append(text)
        size += len(text)
        if size > limit:  # short(): stop before formatting the rest
            raise TooLong
    if not composite:
        pieces.append(sep.join(texts))
        return
    first = True
    for item in texts:
        if first:
            first = False
        else:
            pieces.append(sep)
        if type(item) is str:
            pieces.append(item)
        else:
            _put_node(pieces, item, min_prec, child_depth, ctx)


# ---------------------------------------------------------------- layouts

def layout_call(e: Expr, ctx: Context, depth: int):
    """head[arg1, arg2, ...]"""
    pieces = []
    put(pieces, e.head, CALL, depth, ctx)
    pieces.append("[")
    put_sequence(pieces, e.args, ", ", 0, depth, ctx)
    pieces.append("]")
    return CALL, pieces


def layout_complex(c: Complex, ctx: Context, depth: int):
    if ctx.style.full:
        pieces = ["Complex["]
        put(pieces, c.re, 0, depth, ctx)
        pieces.append(", ")
        put(pieces, c.im, 0, depth, ctx)
        pieces.append("]")
        return ATOM, pieces
    virtual = complex_as_expr(c)
    if type(virtual) is Expr:
        return layout_node(virtual, ctx, depth)
    return ATOM, [symbol_name(virtual)]


def layout_association(a: Association, ctx: Context, depth: int):
    n = len(a.items)
    keep = ctx.keep
    eliding = keep is not None and n > 2 * keep + 1
    if n > ctx.limit and not eliding:
        raise TooLong
    entries = list(a.items.values())
    if eliding:
        ctx.elided = True
        shown = [_entry_rule(e) for e in entries[:keep]]
        shown.append(Skeleton(n - 2 * keep))
        shown.extend(_entry_rule(e) for e in entries[n - keep :])
    else:
        shown = [_entry_rule(e) for e in entries]
    pieces = ["Association[" if ctx.style.full else "<|"]
    put_sequence(pieces, shown, ", ", 0, depth, ctx)
    pieces.append("]" if ctx.style.full else "|>")
    return ATOM, pieces


def _entry_rule(entry) -> Expr:
    key, value, delayed = entry
    return Expr(S.RuleDelayed if delayed else S.Rule, (key, value))


def elide(args: tuple, keep: int) -> tuple:
    n = len(args)
    return args[:keep] + (Skeleton(n - 2 * keep),) + args[n - keep :]


def layout_node(x, ctx: Context, depth: int):
    """(prec, pieces) for any value."""
    t = type(x)
    if t is Expr:
        args = x.args
        n = len(args)
        keep = ctx.keep
        if keep is not None and n > 2 * keep + 1:
            x = Expr(x.head, elide(args, keep))
            ctx.elided = True
        elif n > ctx.limit:  # every element takes at least one character
            raise TooLong
        style = ctx.style
        if not style.full:
            layout = style.layouts.get(x.head)
            if layout is not None:
                result = layout(x, ctx, depth)
                if result is not None:
                    return result
        return layout_call(x, ctx, depth)
    if t is Complex:
        return layout_complex(x, ctx, depth)
    if t is Association:
        return layout_association(x, ctx, depth)
    text, prec = atom_text(x, ctx.style)
    return prec, [text]


def node_pieces(x, min_prec: int, depth: int, ctx: Context) -> list:
    """The pieces of one composite node, parenthesised if its precedence is
    below min_prec, with adjacent strings joined."""
    transparent = ctx.style.transparent
    if transparent:
        while type(x) is Expr and x.head in transparent and len(x.args) == 1:
            x = x.args[0]
    if depth > ctx.max_depth and type(x) in _COMPOSITE:
        ctx.elided = True
        return ["<<1>>"]
    prec, pieces = layout_node(x, ctx, depth)
    if prec < min_prec:
        pieces.insert(0, "(")
        pieces.append(")")
    for p in pieces:
        if type(p) is not str:
            return _join_strings(pieces)
    return ["".join(pieces)]


def _join_strings(pieces: list) -> list:
    out = []
    run = []
    for p in pieces:
        if type(p) is str:
            run.append(p)
        else:
            if run:
                out.append("".join(run))
                run = []
            out.append(p)
    if run:
        out.append("".join(run))
    return out


def render(x, ctx: Context) -> str:
    """The text of x in ctx.style; raises TooLong past ctx.limit characters."""
    try:
        return _render(x, ctx)
    except RecursionError:
        # Called from deep inside the interpreter: no eager recursion at all.
        ctx.eager = 0
        ctx.elided = False
        return _render(x, ctx)


def _render(x, ctx: Context) -> str:
    out = []
    append = out.append
    stack = [(x, 0, 0)]
    pop = stack.pop
    extend = stack.extend
    total = 0
    limit = ctx.limit
    while stack:
        item = pop()
        if type(item) is not str:
            node, min_prec, depth = item
            pieces = node_pieces(node, min_prec, depth, ctx)
            if len(pieces) != 1:
                extend(reversed(pieces))
                continue
            item = pieces[0]
        append(item)
        total += len(item)
        if total > limit:
            raise TooLong
    return "".join(out)
