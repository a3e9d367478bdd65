"""Sums and products the VM knows to be in normal form, and a term merged into one.

A rule such as d[a_ + b_, x_] := d[a, x] + d[b, x] takes a sum apart and
builds one again, term by term. The tree-walker evaluates each part it
builds -- sorting it, merging like terms -- although nothing changes. Two
facts spare that work, without changing any result:

  * a part h[run] of a sum or product h[...] that is a fixed point under the
    current definitions is a fixed point too, provided its arguments are
    plain evaluated terms and it holds no number (see `fixed_point`);
  * t + s, for such a sum s and a term t that has no like term in s, is s
    with t put in its place in canonical order (see `merge_term`).

Which sums were found plain is remembered by identity until a definition
changes (the epoch moves), so a chain of parts is never scanned twice.
"""

from __future__ import annotations

from bisect import bisect_right

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.atoms import BigReal, Complex, Rational
from ...expr.normal import Expr
from ...expr.order import order_key
from ...expr.symbol import Symbol, on_forget

_Plus = S.Plus
_Times = S.Times
_PLAIN_ATOMS = frozenset((int, float, str, Rational, BigReal, Complex))
_SPECIAL_HEADS = frozenset((S.List, S.Sequence, S.Unevaluated, S.DirectedInfinity))

_plain: dict = {}  # id -> the sum or product known plain in epoch _plain_epoch[0]
_plain_epoch = [-1]
_PLAIN_LIMIT = 1024


def _remember(e) -> None:
    if _plain_epoch[0] != symtab.epoch[0] or len(_plain) >= _PLAIN_LIMIT:
        _plain.clear()
        _plain_epoch[0] = symtab.epoch[0]
    _plain[id(e)] = e  # (the entry keeps e alive: its id is not reused)


def _forget(sym) -> None:
    # A Module local is released when nothing refers to it: the sums kept
    # here must not.
    _plain.clear()


on_forget(_forget)


def _known(e) -> bool:
    return _plain_epoch[0] == symtab.epoch[0] and _plain.get(id(e)) is e


def fixed_point(e) -> bool:
    """Is e = Plus[...] or Times[...] a fixed point whose parts are too?

    True when e is marked evaluated in the current epoch, neither Plus nor
    Times has rules of the user's, and every argument is a plain evaluated
    term: a number or string, a symbol without value or UpValues, or an
    evaluated expression with a symbol head that has no UpValues (not a
    list, Sequence, Unevaluated, infinity or nested e-head). Then a part
    without numbers is still flat and sorted, has no like terms or equal
    bases, and no rule can see it: the builtin leaves it as it is."""
    if _known(e):
        return True
    head = e.head
    if head is not _Plus and head is not _Times:
        return False
    ep = symtab.epoch[0]
    if e.evaluated != ep or head.downvalues or head.upvalues:
        return False
    for a in e.args:
        if not _plain_term(a, head, ep):
            return False
    _remember(e)
    return True


def _plain_term(a, head, ep) -> bool:
    ta = type(a)
    if ta is Expr:
        h = a.head
        if type(h) is not Symbol or h.upvalues or h is head or h in _SPECIAL_HEADS:
            return False
        return a.evaluated == ep or a.evaluated == symtab.data_epoch[0]
    if ta is Symbol:
        return not a.upvalues and a.ownvalue is None and a is not S.Indeterminate
    return ta in _PLAIN_ATOMS


def part(head, run, whole_plain: bool):
    """head[run] as the general matcher builds it (a single argument stands
    for itself), marked evaluated when it is a number-free part of a plain
    fixed point."""
    if len(run) == 1:
        return run[0]
    value = Expr(head, run)
    if whole_plain:
        for a in run:
            if type(a) in _PLAIN_ATOMS:
                return value
        value.evaluated = symtab.epoch[0]
        _remember(value)
    return value


# ================================================================ t + s
def merge_term(args):
    """Plus[t, s] or Plus[s, t], evaluated, for a plain sum s (fixed_point)
    and a plain term t that s has no like term of; None when the general
    way is needed (a like term, numbers to add, inexact numbers...).

    The general way would flatten, sort and call Plus, which would find
    nothing to merge and leave the sorted sum as it is: that sum is s with t
    inserted where its canonical-order key belongs."""
    a, b = args
    if type(b) is Expr and b.head is _Plus:
        s, t = b, a
    elif type(a) is Expr and a.head is _Plus:
        s, t = a, b
    else:
        return None
    if type(t) is Expr and t.head is _Plus:
        return None
    ep = symtab.epoch[0]
    if not _plain_term(t, _Plus, ep) or not fixed_point(s):
        return None
    items = s.args
    if type(items[0]) in _PLAIN_ATOMS:
        return None  # numbers to add, or an inexact one that may numericize t
    if type(t) in _PLAIN_ATOMS:
        if type(t) is not Rational and not (type(t) is int and t != 0):
            return None  # 0 vanishes; inexact numbers numericize the sum
        pos = 0
    else:
        key = order_key(t)
        pos = _position(items, key)
        if pos is None:
            return None
    value = Expr(_Plus, items[:pos] + (t,) + items[pos:])
    value.evaluated = ep
    _remember(value)
    return value


def _position(items, key):
    """Where key goes among the (sorted) items, or None when an item with the
    same monomial factors is next to it (a like term, maybe: Plus merges)."""
    keys = _KeyView(items)
    pos = bisect_right(keys, key)
    factors = key[1]
    if pos > 0 and keys[pos - 1][1] == factors:
        return None
    if pos < len(items) and keys[pos][1] == factors:
        return None
    return pos


class _KeyView:
    """items seen as their order keys, computed only where bisect looks."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return order_key(self.items[i])
