"""Comparisons and ordering: Equal ... GreaterEqual, Inequality, SameQ,
UnsameQ, Positive ..., Max, Min, Abs, Sign, Order, OrderedQ, Sort, SortBy.

Numbers of every kind compare by value (1 == 1. is True); approximate numbers
are equal when they differ only in their last 7 bits, as in WL. A comparison
that cannot be decided (x == y, 1 < x) stays unevaluated.
"""

from __future__ import annotations

from functools import cmp_to_key

from ..engine import messages
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr, same
from ..expr.order import canonical_sort, compare as order_compare, is_ordered, order_key
from ..expr import system_symbols as S
from ..expr.symbol import CONSTANT as _CONSTANT, NUMERIC_FUNCTION as _NUMERIC_FUNCTION, Symbol, system
from . import numeric_tower as nt
from .list_support import truth as _bool
from .registry import builtin

True_ = S.True_
False_ = S.False_
DirectedInfinity = S.DirectedInfinity
List = S.List
_NUMBER_TYPES = frozenset((int, float, Rational, BigReal, Complex))
_REAL_TYPES = frozenset((int, float, Rational, BigReal))
MINUS_INFINITY = Expr(DirectedInfinity, (-1,))
INFINITY = Expr(DirectedInfinity, (1,))

messages.define("General", "nord", "Invalid comparison with `1` attempted.")



def _numeric_value(ev, x):
    """A number for x when x is a number or an exact numeric quantity such as
    Sqrt[2] or Pi (through N, when the library defines it); else None."""
    t = type(x)
    if t in _NUMBER_TYPES:
        return x
    numeric = (t is Expr and x.head is not DirectedInfinity and _is_numeric_expr(x)) or (
        t is Symbol and x.attributes & _CONSTANT
    )
    if numeric:
        n_symbol = system("N")
        if n_symbol.builtin is None:
            return None
        value = ev.evaluate(Expr(n_symbol, (x,)))
        if type(value) in _NUMBER_TYPES:
            return value
    return None


def _is_numeric_expr(x) -> bool:
    """NumericQ: built from numbers and constants by numeric functions."""
    t = type(x)
    if t in _NUMBER_TYPES:
        return True
    if t is Symbol:
        return bool(x.attributes & _CONSTANT)
    if t is Expr:
        head = x.head
        if type(head) is not Symbol or not head.attributes & _NUMERIC_FUNCTION:
            return False
        return all(_is_numeric_expr(a) for a in x.args)
    return False


# ---------------------------------------------------------------- Equal
def _equal_numbers(a, b) -> bool:
    if type(a) is Complex or type(b) is Complex:
        ar, ai = (a.re, a.im) if type(a) is Complex else (a, 0)
        br, bi = (b.re, b.im) if type(b) is Complex else (b, 0)
        return nt.real_equal_tolerant(ar, br) and nt.real_equal_tolerant(ai, bi)
    return nt.real_equal_tolerant(a, b)


def equal_pair(ev, a, b):
    """True, False, or None (undecided) for a == b."""
    ta, tb = type(a), type(b)
    if ta in _NUMBER_TYPES and tb in _NUMBER_TYPES:
        return _equal_numbers(a, b)
    if ta is str and tb is str:
        return a == b
    if same(a, b):
        return True
    if (ta is str and tb in _NUMBER_TYPES) or (tb is str and ta in _NUMBER_TYPES):
        return False
    if (a is True_ or a is False_) and (b is True_ or b is False_):
        return False
    a_inf = ta is Expr and a.head is DirectedInfinity
    b_inf = tb is Expr and b.head is DirectedInfinity
    if a_inf or b_inf:
        if a_inf and b_inf:
            return None if a.args and b.args else False
        other = b if a_inf else a
        if type(other) in _NUMBER_TYPES:
            return False
        return None
    if ta is Expr and tb is Expr and a.head is List and b.head is List:
        if len(a.args) != len(b.args):
            return False
        verdict = True
        for x, y in zip(a.args, b.args):
            r = equal_pair(ev, x, y)
            if r is False:
                return False
            if r is None:
                verdict = None
        return verdict
    # Numeric quantities (Sqrt[2] == 1.4142135623730951) compare by value.
    if (ta in _NUMBER_TYPES or _is_numeric_expr(a)) and (tb in _NUMBER_TYPES or _is_numeric_expr(b)):
        x, y = _numeric_value(ev, a), _numeric_value(ev, b)
        if x is not None and y is not None:
            if nt.is_exact(x) and nt.is_exact(y):
                return _equal_numbers(x, y)
            return _equal_numbers(x, y)
    return None


@builtin(
    "Equal",
    attributes=("Protected",),
    usage="Equal[x, y, ...] or x == y == ... is True when all are equal, False when "
    "two differ, and stays unevaluated when that cannot be decided.\n"
    "Example: 1 == 1. is True, x == y stays x == y",
)
def equal(ev, *args):
    if len(args) < 2:
        return True_
    verdict = True
    for a, b in zip(args, args[1:]):
        r = equal_pair(ev, a, b)
        if r is False:
            return False_
        if r is None:
            verdict = None
    return None if verdict is None else True_


@builtin(
    "Unequal",
    attributes=("Protected",),
    usage="Unequal[x, y, ...] or x != y != ... is True when no two are equal.\n"
    "Example: 1 != 2 is True",
)
def unequal(ev, *args):
    if len(args) < 2:
        return True_
    verdict = True
    for i in range(len(args)):
        for j in range(i + 1, len(args)):
            r = equal_pair(ev, args[i], args[j])
            if r is True:
                return False_
            if r is None:
                verdict = None
    return None if verdict is None else True_


# ---------------------------------------------------------------- order relations
def _real_or_infinite(ev, x):
    """(kind, value): kind 0 a real number, -1 / 1 minus / plus infinity,
    2 a complex number (cannot be ordered), None undecided."""
    t = type(x)
    if t in _REAL_TYPES:
        return 0, x
    if t is Complex:
        return 2, x
    if t is Expr and x.head is DirectedInfinity:
        if x.args and type(x.args[0]) in _REAL_TYPES:
            return nt.sign(x.args[0]), None
        return 2, x
    value = _numeric_value(ev, x)
    if value is not None:
        if type(value) is Complex:
            return 2, x
        return 0, value
    return None, None


def compare_reals(ev, a, b):
    """-1, 0, 1 for a real-valued a, b; None when undecided; 'nord' for a
    complex value (not ordered)."""
    ka, va = _real_or_infinite(ev, a)
    if ka == 2:
        return "nord", a
    kb, vb = _real_or_infinite(ev, b)
    if kb == 2:
        return "nord", b
    if ka is None or kb is None:
        return None, None
    if ka or kb:
        return (ka > kb) - (ka < kb), None
    if nt.is_exact(va) and nt.is_exact(vb):
        return nt.real_compare(va, vb), None
    if nt.real_equal_tolerant(va, vb):
        return 0, None
    return nt.real_compare(va, vb), None


_RELATIONS = {
    "Less": lambda c: c < 0,
    "LessEqual": lambda c: c <= 0,
    "Greater": lambda c: c > 0,
    "GreaterEqual": lambda c: c >= 0,
}


def relation_pair(ev, name, a, b):
    """True, False or None for a op b (op one of Less ... GreaterEqual)."""
    c, culprit = compare_reals(ev, a, b)
    if c == "nord":
        ev.message(name, "nord", culprit)
        return None
    if c is None:
        return None
    return _RELATIONS[name](c)


def _chain(ev, name, args):
    if len(args) < 2:
        return True_
    results = [relation_pair(ev, name, a, b) for a, b in zip(args, args[1:])]
    if False in results:
        return False_
    if all(r is True for r in results):
        return True_
    # Drop decided links at the ends: 1 < 2 < x is 2 < x.
    start, end = 0, len(results)
    while start < end and results[start] is True:
        start += 1
    while end > start and results[end - 1] is True:
        end -= 1
    if start == 0 and end == len(results):
        return None
    return Expr(system(name), args[start : end + 1])


def _relation_builtin(name, symbol_text, example):
    @builtin(
        name,
        attributes=("Protected",),
        usage=f"{name}[x, y, ...] or x {symbol_text} y {symbol_text} ... compares numbers by value; "
        "it stays unevaluated when that cannot be decided.\n"
        f"Example: {example}",
    )
    def relation(ev, *args):
        return _chain(ev, name, args)

    return relation


less = _relation_builtin("Less", "<", "1 < 2 < 3 is True, 1 < x stays")
less_equal = _relation_builtin("LessEqual", "<=", "1 <= 1. is True")
greater = _relation_builtin("Greater", ">", "Infinity > 10^100 is True")
greater_equal = _relation_builtin("GreaterEqual", ">=", "2 >= 3 is False")

_OPERATOR_NAMES = {
    S.Less: "Less",
    S.LessEqual: "LessEqual",
    S.Greater: "Greater",
    S.GreaterEqual: "GreaterEqual",
    S.Equal: "Equal",
    S.Unequal: "Unequal",
}


@builtin(
    "Inequality",
    attributes=("Protected",),
    usage="Inequality[a, op1, b, op2, c, ...] is the chain a op1 b op2 c ... with "
    "mixed relations; decided links are dropped.\n"
    "Example: Inequality[1, Less, x, LessEqual, 2] is 1 < x <= 2",
)
def inequality(ev, *args):
    n = len(args)
    if n == 1:
        return True_
    if n < 3 or n % 2 == 0:
        return None
    terms = args[0::2]
    ops = args[1::2]
    if any(op not in _OPERATOR_NAMES for op in ops):
        return None
    results = []
    for (a, b), op in zip(zip(terms, terms[1:]), ops):
        name = _OPERATOR_NAMES[op]
        if name == "Equal":
            r = equal_pair(ev, a, b)
        elif name == "Unequal":
            r = equal_pair(ev, a, b)
            r = None if r is None else not r
        else:
            r = relation_pair(ev, name, a, b)
        results.append(r)
    if False in results:
        return False_
    if all(r is True for r in results):
        return True_
    # Split the chain at decided links into undecided runs, joined with And.
    runs = []
    current = None
    for i, r in enumerate(results):
        if r is True:
            current = None
            continue
        if current is None:
            current = [terms[i]]
            runs.append(current)
        current.extend((ops[i], terms[i + 1]))
    pieces = [_run_expr(run) for run in runs]
    result = pieces[0] if len(pieces) == 1 else Expr(S.And, tuple(pieces))
    if len(runs) == 1 and len(runs[0]) == n:
        return None
    return result


def _run_expr(run):
    ops = run[1::2]
    if all(op is ops[0] for op in ops):
        return Expr(ops[0], tuple(run[0::2]))
    return Expr(S.Inequality, tuple(run))


# ---------------------------------------------------------------- SameQ
def same_q(a, b) -> bool:
    """SameQ: identical, except machine reals may differ in the last bit."""
    if same(a, b):
        return True
    if type(a) is float and type(b) is float:
        import math

        return math.nextafter(a, b) == b
    return False


@builtin(
    "SameQ",
    attributes=("Protected",),
    usage="SameQ[x, y, ...] or x === y is True when all are identical expressions.\n"
    "Example: 1 === 1. is False, x === x is True",
)
def same_q_builtin(ev, *args):
    for a, b in zip(args, args[1:]):
        if not same_q(a, b):
            return False_
    return True_


@builtin(
    "UnsameQ",
    attributes=("Protected",),
    usage="UnsameQ[x, y, ...] or x =!= y is True when no two are identical.\n"
    "Example: 1 =!= 1. is True",
)
def unsame_q(ev, *args):
    for i in range(len(args)):
        for j in range(i + 1, len(args)):
            if same_q(args[i], args[j]):
                return False_
    return True_


# ---------------------------------------------------------------- signs
def _sign_test(name, accept, example):
    @builtin(
        name,
        nargs=1,
        attributes=("Listable", "Protected"),
        usage=f"{name}[x] is True when x is a {name.lower()} real number, False when "
        "x is a number that is not, and stays unevaluated for symbolic x.\n"
        f"Example: {example}",
    )
    def test(ev, x):
        kind, value = _real_or_infinite(ev, x)
        if kind is None:
            return None
        if kind == 2:
            return False_ if type(x) is Complex else None
        if kind:
            return _bool(accept(kind))
        return _bool(accept(nt.sign(value)))

    return test


positive = _sign_test("Positive", lambda s: s > 0, "Positive[3] is True")
negative = _sign_test("Negative", lambda s: s < 0, "Negative[-1/2] is True")
non_negative = _sign_test("NonNegative", lambda s: s >= 0, "NonNegative[0] is True")
non_positive = _sign_test("NonPositive", lambda s: s <= 0, "NonPositive[1] is False")


# ---------------------------------------------------------------- Max, Min
def _flatten_lists(args):
    out = []
    for a in args:
        if type(a) is Expr and a.head is List:
            out.extend(_flatten_lists(a.args))
        else:
            out.append(a)
    return out


def _extremum(ev, name, args, direction):
    """Max (direction 1) or Min (-1) of numbers; symbolic rest kept."""
    items = _flatten_lists(args)
    best = None  # (kind, value, item)
    symbolic = []
    for item in items:
        kind, value = _real_or_infinite(ev, item)
        if kind is None:
            symbolic.append(item)
            continue
        if kind == 2:
            ev.message(name, "nord", item)
            return None
        if best is None:
            best = (kind, value, item)
            continue
        if kind or best[0]:
            c = (kind > best[0]) - (kind < best[0])
        else:
            c = nt.real_compare(value, best[1])
        if c * direction > 0:
            best = (kind, value, item)
    if best is None and not symbolic:
        return MINUS_INFINITY if direction > 0 else INFINITY
    if not symbolic:
        return best[2]
    rest = ([best[2]] if best is not None else []) + symbolic
    if len(rest) == 1:
        return rest[0]
    new = canonical_sort(tuple(rest))
    if len(new) == len(args) and all(x is y for x, y in zip(new, args)):
        return None
    return Expr(system(name), new)


@builtin(
    "Max",
    attributes=("Flat", "NumericFunction", "OneIdentity", "Orderless", "Protected"),
    usage="Max[x, y, ...] or Max[{x, y, ...}] is the largest of the numbers; "
    "lists are flattened and Max[] is -Infinity.\nExample: Max[3, {1, 7}, 2.5] is 7",
)
def max_(ev, *args):
    return _extremum(ev, "Max", args, 1)


@builtin(
    "Min",
    attributes=("Flat", "NumericFunction", "OneIdentity", "Orderless", "Protected"),
    usage="Min[x, y, ...] or Min[{x, y, ...}] is the smallest of the numbers; "
    "lists are flattened and Min[] is Infinity.\nExample: Min[3, {1, 7}, 2.5] is 1",
)
def min_(ev, *args):
    return _extremum(ev, "Min", args, -1)


# ---------------------------------------------------------------- Abs, Sign
def _negated_inner(x):
    """y when x is -y written as Times[negative number, ...]; else None."""
    if type(x) is Expr and x.head is S.Times and x.args:
        c = x.args[0]
        if type(c) in _REAL_TYPES and nt.sign(c) < 0:
            c = nt.real_neg(c)
            rest = x.args[1:]
            if type(c) is int and c == 1:
                return rest[0] if len(rest) == 1 else Expr(S.Times, rest)
            return Expr(S.Times, (c,) + rest)
    return None


@builtin(
    "Abs",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Abs[z] is the absolute value of a real or complex number.\n"
    "Example: Abs[-3] is 3, Abs[3 + 4*I] is 5",
)
def abs_(ev, z):
    t = type(z)
    if t in _REAL_TYPES:
        return z if nt.sign(z) >= 0 else nt.real_neg(z)
    if t is Complex:
        value = nt.abs_number(z)
        if value is not None:
            return value
        norm = nt.real_add(nt.real_mul(z.re, z.re), nt.real_mul(z.im, z.im))
        return Expr(S.Sqrt, (norm,))
    if t is Expr and z.head is DirectedInfinity:
        return INFINITY
    inner = _negated_inner(z)
    if inner is not None:
        return Expr(system("Abs"), (inner,))
    value = _numeric_value(ev, z)
    if value is not None and type(value) in _REAL_TYPES:
        # Abs of a numeric quantity such as Sqrt[2] - 2: the sign decides.
        return z if nt.sign(value) >= 0 else Expr(S.Times, (-1, z))
    return None


@builtin(
    "Sign",
    nargs=1,
    attributes=("Listable", "NumericFunction", "Protected"),
    usage="Sign[x] is -1, 0 or 1 for a real x, and z/Abs[z] for a complex z.\n"
    "Example: Sign[-2.5] is -1",
)
def sign_(ev, z):
    t = type(z)
    if t in _REAL_TYPES:
        return nt.sign(z)
    if t is Complex:
        return Expr(S.Times, (z, Expr(S.Power, (Expr(system("Abs"), (z,)), -1))))
    if t is Expr and z.head is DirectedInfinity:
        return z.args[0] if z.args else None
    inner = _negated_inner(z)
    if inner is not None:
        return Expr(S.Times, (-1, Expr(system("Sign"), (inner,))))
    value = _numeric_value(ev, z)
    if value is not None and type(value) in _REAL_TYPES:
        return nt.sign(value)
    return None


# ---------------------------------------------------------------- ordering
@builtin(
    "Order",
    nargs=2,
    attributes=("Protected",),
    usage="Order[a, b] is 1 if a comes before b in canonical order, -1 if after, "
    "0 if they are identical.\nExample: Order[x, y] is 1",
)
def order(ev, a, b):
    return -order_compare(a, b)


def _ordering_function(ev, p):
    """A cmp function from the Lyra ordering function p: p[a, b] True or 1
    means a comes first, False or -1 that b comes first, 0 a tie."""

    def cmp(a, b):
        r = ev.evaluate(Expr(p, (a, b)))
        if r is True_ or r == 1 and type(r) is int:
            return -1
        if type(r) is int and r == 0:
            return 0
        return 1  # False, -1 or undecided: not in order

    return cmp


@builtin(
    "OrderedQ",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="OrderedQ[h[e1, e2, ...]] is True when the elements are in canonical order; "
    "OrderedQ[list, p] uses the ordering function p.\nExample: OrderedQ[{1, 2, 2}] is True",
)
def ordered_q(ev, e, *rest):
    if type(e) is not Expr:
        return False_
    if not rest:
        return _bool(is_ordered(e.args))
    cmp = _ordering_function(ev, rest[0])
    items = e.args
    return _bool(all(cmp(a, b) <= 0 for a, b in zip(items, items[1:])))


@builtin(
    "Sort",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Sort[list] sorts the elements into canonical order; Sort[list, p] uses the "
    "ordering function p.\nExample: Sort[{3, 1, 2}] is {1, 2, 3}, Sort[{1, 3, 2}, Greater] is {3, 2, 1}",
)
def sort(ev, e, *rest):
    if type(e) is not Expr:
        ev.message("Sort", "normal", 1, Expr(system("Sort"), (e,) + rest))
        return None
    if not rest:
        new = canonical_sort(e.args)
    else:
        new = tuple(sorted(e.args, key=cmp_to_key(_ordering_function(ev, rest[0]))))
    if new is e.args:
        return None
    return Expr(e.head, new)


@builtin(
    "SortBy",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="SortBy[list, f] sorts the elements by the canonical order of f[e] "
    "(ties by the elements); SortBy[list, {f1, f2, ...}] breaks ties with f2, ...; "
    "SortBy[f] is the operator form.\nExample: SortBy[{-3, 1, 2}, Abs] is {1, 2, -3}",
)
def sort_by(ev, e, *rest):
    if not rest:
        return None  # the operator form SortBy[f] waits for its data
    f = rest[0]
    if type(e) is not Expr:
        ev.message("SortBy", "normal", 1, Expr(system("SortBy"), (e, f)))
        return None
    fs = f.args if type(f) is Expr and f.head is List else (f,)

    def key(item):
        return tuple(order_key(ev.evaluate(Expr(g, (item,)))) for g in fs) + (order_key(item),)

    return Expr(e.head, tuple(sorted(e.args, key=key)))
