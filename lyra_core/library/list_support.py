"""Helpers shared by the list, structure and functional builtins.

Nothing here is a builtin: these are the small pieces several of them (and
other library modules) need -- trailing options, size guards, WL's "sequence
specifications" (Take, Drop), lists of plain data marked as already evaluated,
and the messages they share.
"""

from __future__ import annotations

from itertools import chain

from ..engine import messages
from ..engine.signals import AbortSignal
from ..expr import symbol as symtab
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol, freeze_pristine, system
from ..expr import system_symbols as S
from .registry import USAGE, BUILTINS, declare

List = S.List
Rule = S.Rule
RuleDelayed = S.RuleDelayed
TRUE = S.True_
FALSE = S.False_

# A result with more elements than this is refused with General::nomem (and
# $Aborted, as WL does when memory runs out) instead of exhausting memory
# while it is being built.
MAX_ELEMENTS = 50_000_000

messages.define(
    "General", "heads", "Heads `1` and `2` at positions `3` and `4` are expected to be the same."
)
messages.define("General", "innf", "Non-negative integer or Infinity expected at position `1` in `2`.")
messages.define("General", "intnm", "Non-negative machine-sized integer expected at position `2` in `1`.")
messages.define(
    "General",
    "seqs",
    "Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) expected at position `2` in `1`.",
)
messages.define("General", "optx", "Unknown option `1` in `2`.")
messages.define(
    "General",
    "nonopt",
    "Options expected (instead of `1`) beyond position `2` in `3`. An option must be a rule or a list of rules.",
)


# ---------------------------------------------------------------- symbols
def declare_once(name: str, usage: str, attributes=("Protected",)) -> Symbol:
    """Declare an option or marker symbol (Heads, SameTest, UpTo) unless some
    other module already gave it a definition."""
    if name in BUILTINS or name in USAGE:
        return system(name)
    return declare(name, attributes=attributes, usage=usage)


def set_default_options(name: str, *rules: Expr) -> None:
    """Options[name] as a fresh session sees it."""
    sym = system(name)
    sym.options = list(rules)
    freeze_pristine(sym)


# ---------------------------------------------------------------- options
def split_options(ev, caller: str, args: tuple, known: dict, call_args: tuple | None = None):
    """Separate trailing option rules from positional arguments.

    known maps option names to defaults. Gives (positional, values) with values a
    dict name -> value, or None after General::optx for an unknown option.
    """
    values = dict(known)
    n = len(args)
    while n and is_rule(args[n - 1]):
        n -= 1
    for r in args[n:]:
        name = r.args[0]
        key = name.name if type(name) is Symbol else name if type(name) is str else None
        if key not in known:
            ev.message(caller, "optx", name, Expr(system(caller), call_args if call_args is not None else args))
            return None
        values[key] = r.args[1]
    return args[:n], values


def is_rule(x) -> bool:
    return type(x) is Expr and (x.head is Rule or x.head is RuleDelayed) and len(x.args) == 2


# ---------------------------------------------------------------- sizes
def check_size(ev, count) -> None:
    """Refuse to build a result of `count` elements when it cannot fit."""
    if count > MAX_ELEMENTS:
        ev.message("General", "nomem")
        raise AbortSignal("memory")


# ---------------------------------------------------------------- results
# Atoms that evaluate to themselves and can carry no definitions.
_PLAIN_ATOMS = frozenset((int, float, str, Rational, BigReal, Complex))


def settled_list(items: tuple) -> Expr:
    """List[items...], marked as already evaluated when every item is a plain
    atom or a list so marked: evaluating it again could change nothing (List is
    Locked, numbers and strings carry no rules), so the evaluator skips it."""
    e = Expr(List, items)
    mark = symtab.data_epoch[0]  # the evaluator's mark for lists of plain data
    plain = _PLAIN_ATOMS
    for x in items:
        t = type(x)
        if t in plain or (t is Expr and x.evaluated == mark):
            continue
        return e
    e.evaluated = mark
    return e


def plain_list(items: tuple) -> Expr:
    """List[items...] marked as evaluated, for a caller that built items from
    plain atoms only (Range's numbers): settled_list without its walk over
    every element, which for 10^7 elements is a quarter second nothing could
    interrupt."""
    e = Expr(List, items)
    e.evaluated = symtab.data_epoch[0]
    return e


# Elements built between two interrupt checks by chunked_tuple.
CHUNK = 1 << 16


def chunked_tuple(ev, count: int, piece) -> tuple:
    """The tuple of count values that piece(lo, hi) yields CHUNK at a time
    (values lo..hi-1), looking for an interrupt between chunks: one tuple()
    over the whole range would run in C for as long as it takes."""
    if count <= CHUNK:
        return tuple(piece(0, count))

    def pieces():
        for lo in range(0, count, CHUNK):
            ev.check_interrupt()
            yield piece(lo, min(lo + CHUNK, count))

    return tuple(chain.from_iterable(pieces()))


def settled(head, items: tuple) -> Expr:
    """head[items...]: settled when head is List (see settled_list)."""
    return settled_list(items) if head is List else Expr(head, items)


def call(name: str, *args) -> Expr:
    """The expression name[args...] (message arguments)."""
    return Expr(system(name), args)


def normal_message(ev, name: str, position: int, args: tuple) -> None:
    """f::normal: Nonatomic expression expected at position n in f[...]."""
    ev.message(name, "normal", position, Expr(system(name), args))


def truth(flag: bool):
    return TRUE if flag else FALSE


def is_infinity(x) -> bool:
    """Infinity, as the symbol or as its value DirectedInfinity[1]."""
    if x is S.Infinity:
        return True
    return (
        type(x) is Expr
        and x.head is S.DirectedInfinity
        and len(x.args) == 1
        and type(x.args[0]) is int
        and x.args[0] == 1
    )


# ---------------------------------------------------------------- sequence specifications
UpTo = system("UpTo")


class BadSpec(Exception):
    """A sequence specification was not of a valid form."""


class OutOfRange(Exception):
    """Valid specification naming positions the expression does not have;
    carries the (first, last) positions to put in the message."""

    def __init__(self, first, last):
        self.first = first
        self.last = last


def sequence_positions(spec, n: int) -> range:
    """The 0-based indices a WL sequence specification selects in n elements.

    All, None, k, -k, {k}, {m, k}, {m, k, s}, UpTo[k]. Raises BadSpec for an
    invalid form and OutOfRange for positions that do not exist.
    """
    if spec is S.All:
        return range(n)
    if spec is S.None_:
        return range(0)
    if type(spec) is int:
        if spec >= 0:
            if spec > n:
                raise OutOfRange(1, spec)
            return range(spec)
        if -spec > n:
            raise OutOfRange(spec, -1)
        return range(n + spec, n)
    if type(spec) is Expr:
        if spec.head is UpTo and len(spec.args) == 1:
            k = spec.args[0]
            if type(k) is int and k >= 0:
                return range(min(k, n))
            if is_infinity(k):
                return range(n)
            raise BadSpec
        if spec.head is List and 1 <= len(spec.args) <= 3:
            parts = spec.args
            if not all(type(p) is int for p in parts):
                raise BadSpec
            if len(parts) == 1:
                k = parts[0]
                i = k + n + 1 if k < 0 else k
                if k == 0 or not 1 <= i <= n:
                    raise OutOfRange(k, k)
                return range(i - 1, i)
            first, last = parts[0], parts[1]
            step = parts[2] if len(parts) == 3 else 1
            if step == 0:
                raise BadSpec
            i = first + n + 1 if first < 0 else first
            j = last + n + 1 if last < 0 else last
            if step > 0:
                if i < 1 or j > n or i > j + 1:
                    raise OutOfRange(first, last)
                return range(i - 1, j, step)
            if i > n or j < 1 or i < j - 1:
                raise OutOfRange(first, last)
            return range(i - 1, j - 2, step)
    raise BadSpec
