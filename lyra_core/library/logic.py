"""Logic: And, Or, Not, Xor, Nand, Nor, Implies, and the structural predicates
(TrueQ, BooleanQ, AtomQ, ListQ, StringQ, VectorQ, MatrixQ, Between).

And and Or hold their arguments and evaluate them left to right, stopping at
the first one that decides the result (WL's short-circuit). Arguments that are
neither True nor False stay, so `x && True` is `x` and `x && y` stays symbolic.
"""

from __future__ import annotations

from ..expr.assoc import Association
from ..expr.normal import E, Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .list_support import truth
from .registry import builtin

TRUE = S.True_
FALSE = S.False_
List = S.List
_And = S.And
_Or = S.Or
_Not = S.Not
_Xor = system("Xor")
_Nand = system("Nand")
_Nor = system("Nor")


def _junction(ev, head, args, absorbing, neutral):
    """And (absorbing False, neutral True) and Or (absorbing True, neutral False)."""
    kept = []
    changed = False
    evaluate = ev.evaluate
    for a in args:
        v = evaluate(a)
        if v is absorbing:
            return absorbing
        if v is neutral:
            changed = True
            continue
        if type(v) is Expr and v.head is head:
            kept.extend(v.args)  # Flat: (a && b) && c is a && b && c
            changed = True
            continue
        if v is not a:
            changed = True
        kept.append(v)
    if not kept:
        return neutral
    if len(kept) == 1:
        return kept[0]
    if not changed:
        return None
    return Expr(head, tuple(kept))


@builtin(
    "And",
    attributes=("Flat", "HoldAll", "OneIdentity", "Protected"),
    usage="And[e1, e2, ...] or e1 && e2 && ... is True if all the e's are True; it evaluates them in order and "
    "gives False at the first False; undecided ones stay.\n"
    "Example: True && False gives False; x && True gives x",
)
def and_(ev, *args):
    return _junction(ev, _And, args, FALSE, TRUE)


@builtin(
    "Or",
    attributes=("Flat", "HoldAll", "OneIdentity", "Protected"),
    usage="Or[e1, e2, ...] or e1 || e2 || ... is True if any of the e's is True; it evaluates them in order and "
    "gives True at the first True; undecided ones stay.\n"
    "Example: False || True gives True; x || False gives x",
)
def or_(ev, *args):
    return _junction(ev, _Or, args, TRUE, FALSE)


# !(a == b) is a != b, !(a < b) is a >= b, ... (two-argument comparisons only).
_NEGATED = {
    S.Equal: S.Unequal,
    S.Unequal: S.Equal,
    S.Less: S.GreaterEqual,
    S.GreaterEqual: S.Less,
    S.Greater: S.LessEqual,
    S.LessEqual: S.Greater,
}


@builtin(
    "Not",
    nargs=1,
    attributes=("Protected",),
    usage="Not[e] or !e is False if e is True and True if e is False; !!e is e.\n"
    "Example: !True gives False; !(a == b) gives a != b",
)
def not_(ev, x):
    if x is TRUE:
        return FALSE
    if x is FALSE:
        return TRUE
    if type(x) is Expr:
        if x.head is _Not and len(x.args) == 1:
            return x.args[0]
        flipped = _NEGATED.get(x.head)
        if flipped is not None and len(x.args) == 2:
            return Expr(flipped, x.args)
    return None


@builtin(
    "Xor",
    attributes=("Flat", "OneIdentity", "Orderless", "Protected"),
    usage="Xor[e1, e2, ...] is True if an odd number of the e's are True and the rest False.\n"
    "Example: Xor[True, False] gives True; Xor[True, x] gives !x",
)
def xor(ev, *args):
    odd = False
    rest = []
    for a in args:
        if a is TRUE:
            odd = not odd
        elif a is not FALSE:
            rest.append(a)
    if len(rest) == len(args) and len(args) > 1:
        return None
    if not rest:
        return truth(odd)
    base = rest[0] if len(rest) == 1 else Expr(_Xor, tuple(rest))
    return E(_Not, base) if odd else base


def _negated_junction(ev, head, args, decisive, ignored):
    """Nand (decisive False -> True) and Nor (decisive True -> False)."""
    kept = []
    for a in args:
        v = ev.evaluate(a)
        if v is decisive:
            return truth(decisive is FALSE)
        if v is not ignored:
            kept.append(v)
    if not kept:
        return truth(decisive is TRUE)
    if len(kept) == 1:
        return E(_Not, kept[0])
    if len(kept) == len(args) and all(k is a for k, a in zip(kept, args)):
        return None
    return Expr(head, tuple(kept))


@builtin(
    "Nand",
    attributes=("HoldAll", "Orderless", "Protected"),
    usage="Nand[e1, e2, ...] is !(e1 && e2 && ...): False if all the e's are True, True at the first False.\n"
    "Example: Nand[True, True] gives False; Nand[True, x] gives !x",
)
def nand(ev, *args):
    return _negated_junction(ev, _Nand, args, FALSE, TRUE)


@builtin(
    "Nor",
    attributes=("HoldAll", "Orderless", "Protected"),
    usage="Nor[e1, e2, ...] is !(e1 || e2 || ...): True if all the e's are False, False at the first True.\n"
    "Example: Nor[False, False] gives True; Nor[False, x] gives !x",
)
def nor(ev, *args):
    return _negated_junction(ev, _Nor, args, TRUE, FALSE)


@builtin(
    "Implies",
    nargs=2,
    attributes=("Protected",),
    usage="Implies[p, q] is the logical implication p => q: True unless p is True and q is False.\n"
    "Example: Implies[False, x] gives True; Implies[True, x] gives x",
)
def implies(ev, p, q):
    if p is FALSE or q is TRUE:
        return TRUE
    if p is TRUE:
        return q
    if q is FALSE:
        return E(_Not, p)
    return None


# ---------------------------------------------------------------- predicates
@builtin(
    "TrueQ",
    nargs=1,
    usage="TrueQ[e] gives True if e is True, and False otherwise.\nExample: TrueQ[x] gives False",
)
def true_q(ev, x):
    return truth(x is TRUE)


@builtin(
    "BooleanQ",
    nargs=1,
    usage="BooleanQ[e] gives True if e is True or False, and False otherwise.\nExample: BooleanQ[1 < 2] gives True",
)
def boolean_q(ev, x):
    return truth(x is TRUE or x is FALSE)


@builtin(
    "AtomQ",
    nargs=1,
    usage="AtomQ[e] gives True if e is an atom (a number, string, symbol or association), False for a normal "
    "expression.\nExample: AtomQ[\"s\"] gives True; AtomQ[f[x]] gives False",
)
def atom_q(ev, x):
    return truth(type(x) is not Expr)


@builtin(
    "ListQ",
    nargs=1,
    usage="ListQ[e] gives True if e is a list (head List).\nExample: ListQ[{1, 2}] gives True",
)
def list_q(ev, x):
    return truth(type(x) is Expr and x.head is List)


@builtin(
    "StringQ",
    nargs=1,
    usage="StringQ[e] gives True if e is a string.\nExample: StringQ[\"a\"] gives True; StringQ[a] gives False",
)
def string_q(ev, x):
    return truth(type(x) is str)


@builtin(
    "AssociationQ",
    nargs=1,
    usage="AssociationQ[e] gives True if e is an association.\nExample: AssociationQ[<|a -> 1|>] gives True",
)
def association_q(ev, x):
    return truth(type(x) is Association)


def _all_pass(ev, items, test) -> bool:
    if test is None:
        return True
    for i, item in enumerate(items):
        if ev.evaluate(Expr(test, (item,))) is not TRUE:
            return False
        if i % 4096 == 4095:
            ev.check_interrupt()
    return True


def _is_vector(x) -> bool:
    if type(x) is not Expr or x.head is not List:
        return False
    for a in x.args:
        if type(a) is Expr and a.head is List:
            return False
    return True


@builtin(
    "VectorQ",
    nargs=(1, 2),
    usage="VectorQ[e] gives True if e is a list none of whose elements is a list; VectorQ[e, test] also requires "
    "test to give True on each element.\nExample: VectorQ[{1, 2, 3}, IntegerQ] gives True",
)
def vector_q(ev, x, test=None):
    return truth(_is_vector(x) and _all_pass(ev, x.args, test))


@builtin(
    "MatrixQ",
    nargs=(1, 2),
    usage="MatrixQ[e] gives True if e is a list of lists of equal length whose elements are not lists; "
    "MatrixQ[e, test] also requires test to give True on each element.\n"
    "Example: MatrixQ[{{1, 2}, {3, 4}}] gives True",
)
def matrix_q(ev, x, test=None):
    if type(x) is not Expr or x.head is not List or not x.args:
        return FALSE
    width = None
    for row in x.args:
        if not _is_vector(row):
            return FALSE
        if width is None:
            width = len(row.args)
        elif len(row.args) != width:
            return FALSE
    if test is not None:
        for row in x.args:
            if not _all_pass(ev, row.args, test):
                return FALSE
    return TRUE


# ---------------------------------------------------------------- Between
def _is_range(r) -> bool:
    return _is_vector(r) and len(r.args) == 2


@builtin(
    "Between",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="Between[x, {min, max}] gives True if min <= x <= max; Between[x, {{min1, max1}, ...}] if x is in any of "
    "the ranges; Between[{min, max}] is the operator form.\n"
    "Example: Between[5, {1, 10}] gives True; Select[{1, 5, 20}, Between[{2, 10}]] gives {5}",
)
def between(ev, x, ranges=None):
    if ranges is None:
        return None  # operator form waiting for its argument
    if _is_range(ranges):
        return E(S.LessEqual, ranges.args[0], x, ranges.args[1])
    if type(ranges) is Expr and ranges.head is List and ranges.args and all(_is_range(r) for r in ranges.args):
        return Expr(_Or, tuple(E(S.LessEqual, r.args[0], x, r.args[1]) for r in ranges.args))
    return None
