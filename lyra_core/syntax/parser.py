"""The parser: tokens to Lyra expressions, with WL's FullForm (LANGUAGE.md 1-2).

A Pratt parser. `_Parser.expr(min_prec)` reads one operand (a prefix
construct) and then applies every infix/postfix operator whose precedence is
at least `min_prec`. The operators themselves -- precedence and the code that
builds each expression -- are in grammar.py; pipelines in pipeline.py.
Operators of one family (`+`/`-`, `*`/juxtaposition, `&&`, ...) are collected
into one flat expression by their handler, as WL's parser does.

Two pieces of parse-time state mimic WL's FullForm exactly:
  * `op_times` -- the last Times built by an operator (`a b`, `a/b`, `-a`).
    Such a Times is spliced into an enclosing product (`-a b` is
    Times[-1, a, b], `a/b/c` is Times[a, Power[b, -1], Power[c, -1]]) but a
    parenthesised one or one written as Times[...] is not.
  * `last_call` -- the last expression built by call syntax h[...]: a pipeline
    stage written as a call gets the data inserted (`x |> g[a]` is g[x, a]);
    any other stage is applied (`x |> (g[a])` is g[a][x]).
Newlines: at bracket depth 0 a newline before an infix operator ends the
statement; inside any bracket, and after an operator that still needs its
operand, newlines are blanks.
"""

from __future__ import annotations

import gc
import sys
from typing import NamedTuple

from ..expr import Expr, lookup
from ..expr import system_symbols as S
from .errors import LyraSyntaxError, line_and_column
from .grammar import INFIX, PREFIX, STARTS_OPERAND, negate_number, no_prefix
from .lexer import Tokens, tokenize
from .pipeline import OPERATOR_FORM_ARITY, apply_stage  # noqa: F401 (re-exported)

# Nesting limit: brackets, prefix operators, right-associative chains ... each
# level is one `expr` call (and at most three Python frames).
MAX_NESTING = 5000
_FRAMES_NEEDED = MAX_NESTING * 4 + 2000
if sys.getrecursionlimit() < _FRAMES_NEEDED:
    sys.setrecursionlimit(_FRAMES_NEEDED)


def _make_room_on_the_stack():
    """Raise Python's recursion limit, for this parse, to leave room for
    MAX_NESTING levels above the caller's depth (other code, such as test
    harnesses, may have lowered it since import). Returns the limit to restore,
    or None."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    limit = sys.getrecursionlimit()
    if limit >= depth + _FRAMES_NEEDED:
        return None
    sys.setrecursionlimit(depth + _FRAMES_NEEDED)
    return limit


class Statement(NamedTuple):
    """One top-level statement: its expression, first line (1-based) and text."""

    expr: object
    line: int
    text: str


def parse(source: str):
    """The expression of `source`: its single statement, CompoundExpression of
    several, or Null when there is none. Raises LyraSyntaxError."""
    statements = parse_statements(source)
    if not statements:
        return S.Null
    if len(statements) == 1:
        return statements[0].expr
    return Expr(S.CompoundExpression, tuple(st.expr for st in statements))


def parse_statements(source: str) -> list[Statement]:
    """The top-level statements of `source`, in order. Raises LyraSyntaxError."""
    # Parsing allocates many small objects and makes no reference cycles; the
    # cyclic collector's passes over them would nearly double the time.
    collecting = gc.isenabled()
    gc.disable()
    old_limit = _make_room_on_the_stack()
    parser = None
    try:
        parser = _Parser(source, tokenize(source))
        return parser.statements()
    except RecursionError:
        # Not expected (the limit was raised above); never let it reach a user.
        offset = parser.starts[parser.pos] if parser is not None else 0
        raise LyraSyntaxError.at_offset("nesting too deep", source, offset) from None
    finally:
        if old_limit is not None:
            sys.setrecursionlimit(old_limit)
        if collecting:
            gc.enable()


# ------------------------------------------------------------------ parser
class _Parser:
    __slots__ = (
        "src", "kinds", "vals", "starts", "ends", "nls",
        "pos", "depth", "level", "infix", "op_times", "last_call", "symbols",
    )

    def __init__(self, source: str, tokens: Tokens, depth: int = 0, level: int = 0):
        self.src = source
        self.kinds = tokens.kinds
        self.vals = tokens.vals
        self.starts = tokens.starts
        self.ends = tokens.ends
        self.nls = tokens.nls
        self.pos = 0
        self.depth = depth  # open brackets around the current position
        self.level = level  # nesting of `expr` calls, bounded by MAX_NESTING
        self.infix = INFIX
        self.op_times = None
        self.last_call = None
        # Names already resolved in this parse (nothing can define or remove a
        # symbol while a parse runs, so the cache cannot go stale).
        self.symbols = {}

    # ------------------------------------------------------------ errors
    def error(self, reason: str, pos: int, incomplete: bool = False) -> LyraSyntaxError:
        return LyraSyntaxError.at_offset(reason, self.src, self.starts[pos], incomplete)

    def describe(self, pos: int) -> str:
        kind = self.kinds[pos]
        if kind == "eof":
            return "end of input"
        text = self.src[self.starts[pos] : self.ends[pos]]
        if len(text) > 24:
            text = text[:21] + "..."
        return repr(text) if "'" in text else f"'{text}'"

    def unexpected(self, pos: int) -> LyraSyntaxError:
        """The error for a token that cannot come here (or for running out)."""
        if self.kinds[pos] == "eof":
            if pos == 0:
                return self.error("expression expected", pos, incomplete=True)
            return self.error(
                f"more input is needed after {self.describe(pos - 1)}", pos, incomplete=True
            )
        return self.error(f"unexpected {self.describe(pos)}", pos)

    def unclosed(self, open_pos: int, closer: str) -> LyraSyntaxError:
        """Error for a bracket opened at `open_pos` and not closed where expected."""
        opener = self.src[self.starts[open_pos] : self.ends[open_pos]]
        line, column = line_and_column(self.src, self.starts[open_pos])
        where = f"'{opener}' opened at line {line}, column {column}"
        pos = self.pos
        if self.kinds[pos] == "eof":
            return self.error(f"missing '{closer}' to close {where}", pos, incomplete=True)
        return self.error(
            f"unexpected {self.describe(pos)}: expected '{closer}' to close {where}", pos
        )

    # -------------------------------------------------------- statements
    def statements(self) -> list[Statement]:
        kinds = self.kinds
        starts = self.starts
        src = self.src
        out = []
        line = 1
        counted_to = 0
        while kinds[self.pos] != "eof":
            first = self.pos
            self.op_times = None
            self.last_call = None
            expr = self.expr(0)
            pos = self.pos
            if kinds[pos] != "eof" and not self.nls[pos]:
                raise self.unexpected(pos)
            start = starts[first]
            line += src.count("\n", counted_to, start)
            counted_to = start
            out.append(Statement(expr, line, src[start : self.ends[pos - 1]]))
        return out

    # -------------------------------------------------------- expressions
    def expr(self, min_prec: int):
        """One expression: an operand, then every operator binding at least min_prec."""
        level = self.level = self.level + 1
        if level > MAX_NESTING:
            raise self.error(f"nesting too deep (more than {MAX_NESTING} levels)", self.pos)
        kinds = self.kinds
        pos = self.pos
        kind = kinds[pos]
        if kind == "name":
            name = self.vals[pos]
            left = self.symbols.get(name)
            if left is None:
                left = self.symbols[name] = lookup(name)
            self.pos = pos + 1
        elif kind == "num":
            left = self.vals[pos]
            self.pos = pos + 1
        else:
            left = PREFIX.get(kind, no_prefix)(self)
        infix = self.infix
        nls = self.nls
        while True:
            pos = self.pos
            kind = kinds[pos]
            entry = infix.get(kind)
            if entry is None:
                break
            if entry[0] < min_prec and not (kind == "." and self.is_dot_call(pos)):
                break
            if nls[pos] and not self.depth:
                break  # a newline at top level ends the statement
            left = entry[1](self, left)
        self.level = level - 1
        return left

    def operand_follows(self) -> bool:
        """Whether the next token begins an operand on this statement."""
        pos = self.pos
        return self.kinds[pos] in STARTS_OPERAND and (self.depth or not self.nls[pos])

    def continues(self, kind: str) -> bool:
        """Whether the next token is `kind` and still belongs to this statement."""
        pos = self.pos
        return self.kinds[pos] == kind and (self.depth or not self.nls[pos])

    def is_dot_call(self, pos: int) -> bool:
        """`e.m[...]`: no blank between `.` and the name m, nor between m and `[`."""
        kinds = self.kinds
        return (
            kinds[pos + 1] == "name"
            and kinds[pos + 2] == "["
            and self.starts[pos + 1] == self.ends[pos]
            and self.starts[pos + 2] == self.ends[pos + 1]
        )

    def negate(self, x):
        """-x as WL's parser writes it: -5, Times[-2, x] for 2 x, Times[-1, x]."""
        number = negate_number(x)
        if number is not None:
            return number
        if x is self.op_times:
            args = x.args
            first = negate_number(args[0])
            if first is not None:
                args = (first,) + args[1:]
            else:
                args = (-1,) + args
        else:
            args = (-1, x)
        result = self.op_times = Expr(S.Times, args)
        return result

    def items(self, close: str, closer_name: str, infix) -> list:
        """Comma-separated items up to `close`; the opener is at self.pos.
        An empty item is Null, as in WL ({1,,2} is {1, Null, 2})."""
        open_pos = self.pos
        self.pos += 1
        saved_infix = self.infix
        self.infix = infix
        self.depth += 1
        kinds = self.kinds
        items = []
        if kinds[self.pos] == close:
            self.pos += 1
        else:
            while True:
                kind = kinds[self.pos]
                if kind == "," or kind == close:
                    items.append(S.Null)
                elif kind == "eof":
                    raise self.unclosed(open_pos, closer_name)
                else:
                    items.append(self.expr(0))
                kind = kinds[self.pos]
                if kind == ",":
                    self.pos += 1
                elif kind == close:
                    self.pos += 1
                    break
                else:
                    raise self.unclosed(open_pos, closer_name)
        self.depth -= 1
        self.infix = saved_infix
        return items

    def parse_interpolation(self, tokens: Tokens):
        """The expression inside a string's #{...}."""
        sub = _Parser(self.src, tokens, depth=1, level=self.level)
        expr = sub.expr(0)
        if sub.kinds[sub.pos] != "}":
            raise sub.unexpected(sub.pos)
        return expr
