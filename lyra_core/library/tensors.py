"""Products of nested lists: Outer, Inner and Dot.

Inner and Dot contract the last index of the first array with the first
index of the second. Dot multiplies arrays of integers or machine reals
directly; anything else becomes sums of products that the arithmetic
builtins evaluate, and Dot of non-lists stays symbolic (a . b).
"""

from __future__ import annotations

from ..engine import messages
from ..expr.normal import Expr
from ..expr import system_symbols as S
from .list_support import check_size, normal_message, settled_list
from .registry import builtin
from .structure import array_dimensions

List = S.List
Plus = S.Plus
Times = S.Times
Dot = S.Dot

messages.define(
    "Inner",
    "incom",
    "Length `1` of dimension `2` in `3` is incommensurate with length `4` of dimension `5` in `6`.",
)
messages.define("Dot", "dotsh", "Tensors `1` and `2` have incompatible shapes.")
messages.define("Dot", "rect", "Nonrectangular tensor encountered.")
messages.define("Outer", "heads", "Heads `1` and `2` at positions `3` and `4` are expected to be the same.")


# ================================================================ Outer
@builtin(
    "Outer",
    nargs=(2, None),
    attributes=("Protected",),
    usage="Outer[f, l1, l2, ...] gives the nested list of f[e1, e2, ...] for every combination of elements ei of "
    "the li (taken at full depth); Outer[f, l1, l2, ..., n1, n2, ...] treats the sublists at level ni of li as "
    "elements.\nExample: Outer[f, {a, b}, {x, y}] gives {{f[a, x], f[a, y]}, {f[b, x], f[b, y]}}; "
    "Outer[Times, {1, 2}, {3, 4}] gives {{3, 4}, {6, 8}}",
)
def outer(ev, f, *rest):
    lists = list(rest)
    levels = []
    while lists and type(lists[-1]) is int and len(lists) > 1:
        levels.insert(0, lists.pop())
    for i, x in enumerate(lists, 2):
        if type(x) is not Expr:
            normal_message(ev, "Outer", i, (f,) + rest)
            return None
    head = lists[0].head
    for i, x in enumerate(lists, 2):
        if x.head is not head and x.head != head:
            ev.message("Outer", "heads", head, x.head, 2, i)
            return None
    depths = [levels[i] if i < len(levels) else None for i in range(len(lists))]
    size = 1
    for x, d in zip(lists, depths):
        size *= _leaf_count(x, head, d, 0)
    check_size(ev, size)

    def descend(x, i, prefix, level):
        limit = depths[i]
        if type(x) is Expr and (x.head is head or x.head == head) and (limit is None or level < limit):
            return Expr(head, tuple([descend(y, i, prefix, level + 1) for y in x.args]))
        if i + 1 == len(lists):
            return Expr(f, prefix + (x,))
        return descend(lists[i + 1], i + 1, prefix + (x,), 0)

    return descend(lists[0], 0, (), 0)


def _leaf_count(x, head, limit, level):
    if type(x) is Expr and (x.head is head or x.head == head) and (limit is None or level < limit):
        return sum(_leaf_count(y, head, limit, level + 1) for y in x.args)
    return 1


# ================================================================ Inner
def _element(t, index):
    for i in index:
        t = t.args[i]
    return t


def contract(a, b, dims_a, dims_b, f, g, head):
    """The array with elements g[f[a[I, 1], b[1, J]], ..., f[a[I, k], b[k, J]]]
    (unevaluated), I running over all but the last index of a, J over all but
    the first of b."""
    ra, rb = len(dims_a), len(dims_b)
    k = dims_a[-1]

    def over_b(pa, pb):
        if len(pb) == rb - 1:
            return Expr(g, tuple([Expr(f, (_element(a, pa + (j,)), _element(b, (j,) + pb))) for j in range(k)]))
        return Expr(head, tuple([over_b(pa, pb + (i,)) for i in range(dims_b[1 + len(pb)])]))

    def over_a(pa):
        if len(pa) == ra - 1:
            return over_b(pa, ())
        return Expr(head, tuple([over_a(pa + (i,)) for i in range(dims_a[len(pa)])]))

    return over_a(())


@builtin(
    "Inner",
    nargs=(3, 5),
    attributes=("Protected",),
    usage="Inner[f, a, b, g] is the generalized inner product: it combines the last index of a with the first of b, "
    "applying f to paired elements and g to the results; Inner[f, a, b] uses Plus for g.\n"
    "Example: Inner[f, {a, b}, {x, y}, g] gives g[f[a, x], f[b, y]]",
)
def inner(ev, f, a, b, *more):
    g = more[0] if more else Plus
    if type(a) is not Expr:
        normal_message(ev, "Inner", 2, (f, a, b) + more)
        return None
    if type(b) is not Expr:
        normal_message(ev, "Inner", 3, (f, a, b) + more)
        return None
    head = a.head
    dims_a = array_dimensions(a)
    dims_b = array_dimensions(b, head=head)
    if not dims_b or dims_a[-1] != dims_b[0]:
        ev.message("Inner", "incom", dims_a[-1], len(dims_a), a, dims_b[0] if dims_b else 0, 1, b)
        return None
    check_size(ev, _product(dims_a[:-1]) * _product(dims_b[1:]) * dims_a[-1])
    return contract(a, b, dims_a, dims_b, f, g, head)


def _product(ns):
    p = 1
    for n in ns:
        p *= n
    return p


# ================================================================ Dot
@builtin(
    "Dot",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="Dot[a, b, ...] or a . b . ... is the product of vectors, matrices and arrays (the last index of a "
    "contracted with the first of b); with symbolic factors it stays a . b.\n"
    "Example: {a, b} . {c, d} gives a*c + b*d; {{1, 2}, {3, 4}} . {1, 1} gives {3, 7}",
)
def dot(ev, *args):
    if not args:
        return 1
    if len(args) == 1:
        return args[0]
    out = [args[0]]
    changed = False
    for x in args[1:]:
        previous = out[-1]
        if _is_list(previous) and _is_list(x):
            product = _dot2(ev, previous, x)
            if product is None:
                return None
            out[-1] = product
            changed = True
        else:
            out.append(x)
    if not changed:
        return None
    return out[0] if len(out) == 1 else Expr(Dot, tuple(out))


def _is_list(x) -> bool:
    return type(x) is Expr and x.head is List


def _dot2(ev, a, b):
    dims_a = array_dimensions(a)
    dims_b = array_dimensions(b)
    if not _rectangular(a, dims_a) or not _rectangular(b, dims_b):
        ev.message("Dot", "rect")
        return None
    if dims_a[-1] != dims_b[0]:
        ev.message("Dot", "dotsh", a, b)
        return None
    if len(dims_a) <= 2 and len(dims_b) <= 2:
        fast = _numeric_dot(a, b, len(dims_a), len(dims_b))
        if fast is not None:
            return fast
    check_size(ev, _product(dims_a[:-1]) * _product(dims_b[1:]) * dims_a[-1])
    return ev.evaluate(contract(a, b, dims_a, dims_b, Times, Plus, List))


def _rectangular(x, dims) -> bool:
    """No list among the elements at the deepest full level."""
    level = [x]
    for _ in dims:
        level = [a for e in level for a in e.args]
    return not any(type(e) is Expr and e.head is List for e in level)


def _numeric_dot(a, b, ra, rb):
    """Vector and matrix products of all-integer or all-machine-real arrays."""
    rows_a = [r.args for r in a.args] if ra == 2 else None
    rows_b = [r.args for r in b.args] if rb == 2 else None
    leaves = [x for r in rows_a for x in r] if ra == 2 else list(a.args)
    leaves += [x for r in rows_b for x in r] if rb == 2 else list(b.args)
    if not leaves:
        return None
    kind = type(leaves[0])
    if kind is not int and kind is not float or any(type(x) is not kind for x in leaves):
        return None
    zero = 0 if kind is int else 0.0
    if ra == 1 and rb == 1:
        return sum((x * y for x, y in zip(a.args, b.args)), zero)
    if ra == 2 and rb == 1:
        v = b.args
        return settled_list(tuple(sum((x * y for x, y in zip(r, v)), zero) for r in rows_a))
    columns = list(zip(*rows_b))
    if ra == 1:
        return settled_list(tuple(sum((x * y for x, y in zip(a.args, c)), zero) for c in columns))
    return Expr(
        List,
        tuple(settled_list(tuple(sum((x * y for x, y in zip(r, c)), zero) for c in columns)) for r in rows_a),
    )
