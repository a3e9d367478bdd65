"""Rearranging lists: Join, Riffle, Reverse, RotateLeft, RotateRight,
Partition, Split, SplitBy, and the combinatorial Subsets, Permutations, Tuples.
"""

from __future__ import annotations

from itertools import combinations, product
from math import comb

from ..engine import messages
from ..expr.assoc import Association, key_of
from ..expr.normal import Expr, same
from ..expr import system_symbols as S
from .list_support import (
    UpTo,
    call,
    check_size,
    is_infinity,
    normal_message,
    settled,
    settled_list,
)
from .registry import builtin

List = S.List
TRUE = S.True_

messages.define("Join", "incpt", "Incompatible elements in `1` cannot be joined.")
messages.define(
    "General",
    "ilsmp",
    "Single or list of positive machine-sized integers expected at position `1` of `2`.",
)
messages.define("Partition", "ilsmp", "Single or list of positive machine-size integers expected at position `1` of `2`.")
messages.define("Partition", "pdep", "Depth of object `1` is not sufficient for the given partition specification.")
messages.define("Partition", "ovl", "Overhang specification `1` at position `2` of `3` is not valid.")
messages.define("Riffle", "rspec", "Position specification `1` in `2` is not valid.")


# ================================================================ Join
@builtin(
    "Join",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="Join[e1, e2, ...] concatenates expressions with the same head (lists, or associations, merged with later "
    "keys winning); Join[e1, e2, ..., n] joins at level n.\n"
    "Example: Join[{a, b}, {c}] gives {a, b, c}; Join[{{1}, {2}}, {{3}, {4}}, 2] gives {{1, 3}, {2, 4}}",
)
def join(ev, *args):
    level = 1
    parts = args
    if len(args) >= 2 and type(args[-1]) is int:
        level = args[-1]
        parts = args[:-1]
        if level < 1:
            ev.message("Join", "level", level)
            return None
    if not parts:
        return Expr(List, ())
    first = parts[0]
    for i, p in enumerate(parts, 1):
        if type(p) is not Expr and type(p) is not Association:
            normal_message(ev, "Join", i, args)
            return None
    if type(first) is Association:
        for i, p in enumerate(parts, 1):
            if type(p) is not Association:
                ev.message("Join", "heads", S.Association, p.head, 1, i)
                return None
        items = {}
        for p in parts:
            items.update(p.items)
        return Association(items)
    for i, p in enumerate(parts, 1):
        if type(p) is Association:
            ev.message("Join", "heads", first.head, S.Association, 1, i)
            return None
        if p.head is not first.head and not same(p.head, first.head):
            ev.message("Join", "heads", first.head, p.head, 1, i)
            return None
    joined = _join_at(parts, level)
    if joined is None:
        ev.message("Join", "incpt", call("Join", *args))
    return joined


def _join_at(parts, level):
    head = parts[0].head
    if level == 1:
        if len(parts) == 2:
            return settled(head, parts[0].args + parts[1].args)
        out = []
        for p in parts:
            out.extend(p.args)
        return settled(head, tuple(out))
    n = len(parts[0].args)
    if any(type(p) is not Expr or len(p.args) != n for p in parts):
        return None
    rows = []
    for i in range(n):
        column = [p.args[i] for p in parts]
        if any(type(c) is not Expr for c in column):
            return None
        joined = _join_at(column, level - 1)
        if joined is None:
            return None
        rows.append(joined)
    return settled(head, tuple(rows))


# ================================================================ Riffle
@builtin(
    "Riffle",
    nargs=(2, 3),
    attributes=("Protected",),
    usage="Riffle[{e1, e2, ...}, x] puts x between successive elements; Riffle[{e1, ...}, {x1, x2, ...}] interleaves "
    "the xi (used cyclically if there are fewer); Riffle[list, x, n] puts x at every n-th position.\n"
    "Example: Riffle[{a, b, c}, x] gives {a, x, b, x, c}; Riffle[{a, b}, {x, y}] gives {a, x, b, y}",
)
def riffle(ev, e, x, *every):
    if type(e) is not Expr:
        normal_message(ev, "Riffle", 1, (e, x) + every)
        return None
    items = e.args
    n = len(items)
    if every:
        step = every[0]
        if type(step) is not int or step < 2:
            ev.message("Riffle", "rspec", step, call("Riffle", e, x, step))
            return None
        out = []
        k = 0
        for i, item in enumerate(items):
            if i and i % (step - 1) == 0:
                out.append(_riffle_item(x, k))
                k += 1
            out.append(item)
        return settled(e.head, tuple(out))
    if type(x) is Expr and x.head is List and x.args and x.head is e.head:
        fill = x.args
        m = len(fill)
        out = []
        for i, item in enumerate(items):
            out.append(item)
            if i < n - 1 or m == n:
                out.append(fill[i % m])
        return settled(e.head, tuple(out))
    out = []
    for i, item in enumerate(items):
        if i:
            out.append(x)
        out.append(item)
    return settled(e.head, tuple(out))


def _riffle_item(x, k):
    if type(x) is Expr and x.head is List and x.args:
        return x.args[k % len(x.args)]
    return x


# ================================================================ Reverse, RotateLeft, RotateRight
@builtin(
    "Reverse",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Reverse[e] reverses the order of the elements of e; Reverse[e, n] reverses at level n; "
    "Reverse[e, {n1, n2, ...}] at several levels; Reverse[e, All] at all levels.\n"
    "Example: Reverse[{a, b, c}] gives {c, b, a}; Reverse[{{1, 2}, {3, 4}}, 2] gives {{2, 1}, {4, 3}}",
)
def reverse(ev, e, *spec):
    if type(e) is Association and (not spec or spec[0] == 1):
        return Association.from_pairs(reversed(e.entries()))
    if type(e) is not Expr:
        normal_message(ev, "Reverse", 1, (e,) + spec)
        return None
    levels = {1}
    if spec:
        s = spec[0]
        if s is S.All:
            levels = None
        elif type(s) is int and s >= 1:
            levels = {s}
        elif type(s) is Expr and s.head is List and all(type(k) is int and k >= 1 for k in s.args):
            levels = set(s.args)
        else:
            ev.message("Reverse", "ilsmp", 2, call("Reverse", e, s))
            return None
    return _reverse_levels(e, levels, 1, max(levels) if levels else None)


def _reverse_levels(e, levels, level, deepest):
    if type(e) is not Expr:
        return e
    args = e.args
    if deepest is None or level < deepest:
        args = tuple([_reverse_levels(a, levels, level + 1, deepest) for a in args])
    if levels is None or level in levels:
        args = args[::-1]
    return settled(e.head, args)


@builtin(
    "RotateLeft",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="RotateLeft[e, n] cycles the elements of e n places to the left (1 place by default); "
    "RotateLeft[e, {n1, n2, ...}] rotates successive levels.\n"
    "Example: RotateLeft[{a, b, c, d}, 1] gives {b, c, d, a}",
)
def rotate_left(ev, e, *by):
    return _rotate(ev, "RotateLeft", e, by, 1)


@builtin(
    "RotateRight",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="RotateRight[e, n] cycles the elements of e n places to the right (1 place by default); "
    "RotateRight[e, {n1, n2, ...}] rotates successive levels.\n"
    "Example: RotateRight[{a, b, c, d}] gives {d, a, b, c}",
)
def rotate_right(ev, e, *by):
    return _rotate(ev, "RotateRight", e, by, -1)


def _rotate(ev, name, e, by, direction):
    amounts = (1,)
    if by:
        s = by[0]
        if type(s) is int:
            amounts = (s,)
        elif type(s) is Expr and s.head is List and all(type(k) is int for k in s.args):
            amounts = s.args
        else:
            ev.message(name, "intlist", call(name, e, s))
            return None
    if type(e) is Association:
        entries = e.entries()
        if entries and amounts:
            k = (direction * amounts[0]) % len(entries)
            entries = entries[k:] + entries[:k]
        return Association.from_pairs(entries)
    if type(e) is not Expr:
        normal_message(ev, name, 1, (e,) + by)
        return None
    return _rotate_levels(e, [direction * a for a in amounts], 0)


messages.define("General", "intlist", "Integer or list of integers expected in `1`.")


def _rotate_levels(e, amounts, level):
    if type(e) is not Expr:
        return e
    args = e.args
    if level + 1 < len(amounts):
        args = tuple([_rotate_levels(a, amounts, level + 1) for a in args])
    if args and amounts:
        k = amounts[level] % len(args)
        args = args[k:] + args[:k]
    return settled(e.head, args)


# ================================================================ Partition
@builtin(
    "Partition",
    nargs=(2, 5),
    attributes=("Protected",),
    usage="Partition[list, n] splits list into sublists of length n, dropping an incomplete last one; "
    "Partition[list, n, d] starts a sublist every d elements; Partition[list, n, d, {kL, kR}] lets the sublists "
    "overhang the ends, filling cyclically from the list (or with padding x from Partition[list, n, d, {kL, kR}, x]; "
    "padding {} means no padding); Partition[list, UpTo[n]] keeps a shorter last sublist; "
    "Partition[list, {n1, n2}] makes blocks of a matrix.\n"
    "Example: Partition[{a, b, c, d, e}, 2] gives {{a, b}, {c, d}}; Partition[{a, b, c, d}, 3, 1] gives "
    "{{a, b, c}, {b, c, d}}",
)
def partition(ev, e, n, *more):
    whole = call("Partition", e, n, *more)
    if type(e) is not Expr:
        ev.message("Partition", "normal", 1, whole)
        return None
    # Block partitions of nested lists: Partition[m, {n1, n2}, {d1, d2}]
    if type(n) is Expr and n.head is List and n.args:
        sizes = n.args
        steps = sizes
        if more:
            d = more[0]
            steps = d.args if type(d) is Expr and d.head is List else None
            if steps is None or len(steps) != len(sizes) or len(more) > 1:
                ev.message("Partition", "ilsmp", 3, whole)
                return None
        if not all(_positive(k) for k in sizes) or not all(_positive(k) for k in steps):
            ev.message("Partition", "ilsmp", 2 if not all(_positive(k) for k in sizes) else 3, whole)
            return None
        blocks = _partition_blocks(e, list(sizes), list(steps))
        if blocks is None:
            ev.message("Partition", "pdep", e)
        return blocks
    upto = type(n) is Expr and n.head is UpTo and len(n.args) == 1 and _positive(n.args[0])
    size = n.args[0] if upto else n
    if not _positive(size):
        ev.message("Partition", "ilsmp", 2, whole)
        return None
    step = size
    if more:
        step = more[0]
        if not _positive(step):
            ev.message("Partition", "ilsmp", 3, whole)
            return None
    items = e.args
    if len(more) < 2:
        return settled_list(tuple(_plain_partition(e.head, items, size, step, upto)))
    overhang = _overhang(more[1], size)
    if overhang is None:
        ev.message("Partition", "ovl", more[1], 4, whole)
        return None
    padding = more[2] if len(more) > 2 else None
    return settled_list(tuple(_overhang_partition(e.head, items, size, step, overhang, padding)))


def _positive(k) -> bool:
    return type(k) is int and k > 0


def _plain_partition(head, items, size, step, upto):
    n = len(items)
    out = []
    start = 0
    while start + size <= n:
        out.append(settled(head, items[start : start + size]))
        start += step
    if upto and start < n:
        out.append(settled(head, items[start:]))
    return out


def _overhang(spec, size):
    """(kL, kR) as positive positions inside a sublist, or None."""
    if type(spec) is int:
        pair = (spec, spec)
    elif type(spec) is Expr and spec.head is List and len(spec.args) == 2 and all(type(k) is int for k in spec.args):
        pair = spec.args
    else:
        return None
    out = []
    for k in pair:
        if k < 0:
            k = size + k + 1
        if not 1 <= k <= size:
            return None
        out.append(k)
    return tuple(out)


def _overhang_partition(head, items, size, step, overhang, padding):
    """Sublists starting so that the first element sits at position kL of the
    first sublist and the last element at or after position kR of the last."""
    n = len(items)
    if n == 0:
        return []
    k_left, k_right = overhang
    start = 1 - (k_left - 1)  # 1-based position of the first sublist's start
    last_start = n - k_right + 1
    if type(padding) is Expr and padding.head is List:
        pad = padding.args
    elif padding is None:
        pad = None  # cyclic: the list itself
    else:
        pad = (padding,)
    out = []
    while start <= last_start:
        chunk = []
        for p in range(start, start + size):
            if 1 <= p <= n:
                chunk.append(items[p - 1])
            elif pad is None:
                chunk.append(items[(p - 1) % n])
            elif pad:
                chunk.append(pad[(p - 1) % len(pad)])
        out.append(settled(head, tuple(chunk)))
        start += step
    return out


def _partition_blocks(e, sizes, steps):
    """Partition nested lists into blocks: level 1 by sizes[0], then recursively."""
    if type(e) is not Expr:
        return None
    rows = _plain_partition(e.head, e.args, sizes[0], steps[0], False)
    if len(sizes) == 1:
        return settled_list(tuple(rows))
    out = []
    for group in rows:
        parts = []
        for row in group.args:
            p = _partition_blocks(row, sizes[1:], steps[1:])
            if p is None:
                return None
            parts.append(p.args)
        # parts[i][j] is block j of row i: regroup by j.
        count = min((len(p) for p in parts), default=0)
        out.append(settled_list(tuple(settled(group.head, tuple(p[j] for p in parts)) for j in range(count))))
    return settled_list(tuple(out))


# ================================================================ Split, SplitBy
@builtin(
    "Split",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Split[list] splits list into runs of identical elements; Split[list, test] starts a new run where "
    "test applied to two adjacent elements is not True.\n"
    "Example: Split[{a, a, b, a}] gives {{a, a}, {b}, {a}}; Split[{1, 2, 4, 5}, #2 == #1 + 1 &] gives "
    "{{1, 2}, {4, 5}}",
)
def split(ev, e, *test):
    if type(e) is not Expr:
        normal_message(ev, "Split", 1, (e,) + test)
        return None
    items = e.args
    if not items:
        return Expr(List, ())
    runs = []
    run = [items[0]]
    if test:
        f = test[0]
        for previous, x in zip(items, items[1:]):
            if ev.apply(f, previous, x) is TRUE:
                run.append(x)
            else:
                runs.append(settled(e.head, tuple(run)))
                run = [x]
    else:
        for previous, x in zip(items, items[1:]):
            if x is previous or same(x, previous):
                run.append(x)
            else:
                runs.append(settled(e.head, tuple(run)))
                run = [x]
    runs.append(settled(e.head, tuple(run)))
    return settled_list(tuple(runs))


@builtin(
    "SplitBy",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="SplitBy[list, f] splits list into runs of elements with the same value of f; SplitBy[list, {f1, f2, ...}] "
    "splits by f1, then each run by f2, ...; SplitBy[f] is the operator form.\n"
    "Example: SplitBy[{1, 3, 2, 4, 5}, OddQ] gives {{1, 3}, {2, 4}, {5}}",
)
def split_by(ev, e, *f):
    if not f:
        return None
    if type(e) is not Expr:
        normal_message(ev, "SplitBy", 1, (e,) + f)
        return None
    fs = f[0].args if type(f[0]) is Expr and f[0].head is List else (f[0],)
    return _split_by(ev, e, fs)


def _split_by(ev, e, fs):
    if not fs:
        return e
    f = fs[0]
    runs = []
    run = []
    previous = None
    for x in e.args:
        value = ev.apply(f, x)
        if run and not same(value, previous):
            runs.append(settled(e.head, tuple(run)))
            run = []
        run.append(x)
        previous = value
    if run:
        runs.append(settled(e.head, tuple(run)))
    if len(fs) > 1:
        runs = [_split_by(ev, r, fs[1:]) for r in runs]
    return settled_list(tuple(runs))


# ================================================================ Subsets
@builtin(
    "Subsets",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Subsets[list] gives all subsets of list (by size, then in order); Subsets[list, n] those of at most n "
    "elements; Subsets[list, {n}] exactly n; Subsets[list, {m, n}] m through n; Subsets[list, spec, k] the first k "
    "(or the k-th with {k}).\nExample: Subsets[{a, b, c}, {2}] gives {{a, b}, {a, c}, {b, c}}",
)
def subsets(ev, e, *more):
    whole = call("Subsets", e, *more)
    if type(e) is not Expr:
        ev.message("Subsets", "normal", 1, whole)
        return None
    items = e.args
    n = len(items)
    sizes = _size_spec(more[0] if more else S.All, n)
    if sizes is None:
        ev.message("Subsets", "nninfseq", 2, whole)
        return None
    total = sum(comb(n, k) for k in sizes if 0 <= k <= n)
    pick = _pick_spec(more[1], total) if len(more) > 1 else range(total)
    if pick is None:
        ev.message("Subsets", "nninfseq", 3, whole)
        return None
    check_size(ev, len(pick) * max(n, 1))
    return settled_list(tuple(_nth_items(_all_subsets(e.head, items, sizes), pick, ev)))


messages.define(
    "Subsets",
    "nninfseq",
    "Position `1` of `2` must be All, Infinity, a non-negative integer, or a List whose first element (required) "
    "is a non-negative integer, second element (optional) is a non-negative integer or Infinity, and third element "
    "(optional) is a nonzero integer.",
)


def _size_spec(spec, n):
    """The subset (or permutation) sizes a WL size specification names, or None."""
    if spec is S.All or is_infinity(spec):
        return range(0, n + 1)
    if type(spec) is int and spec >= 0:
        return range(0, min(spec, n) + 1)
    if type(spec) is Expr and spec.head is List and 1 <= len(spec.args) <= 3:
        a = spec.args
        lo = a[0]
        hi = a[1] if len(a) > 1 else lo
        step = a[2] if len(a) > 2 else 1
        if is_infinity(hi):
            hi = n
        if type(lo) is not int or type(hi) is not int or type(step) is not int or lo < 0 or hi < 0 or step == 0:
            return None
        if step > 0:
            return range(lo, min(hi, n) + 1, step)
        return [k for k in range(lo, hi - 1, step) if k <= n]
    return None


def _pick_spec(spec, total):
    """Which of the generated items to keep: k (the first k), {k} or {m, n}."""
    if spec is S.All or is_infinity(spec):
        return range(total)
    if type(spec) is int and spec >= 0:
        return range(min(spec, total))
    if type(spec) is Expr and spec.head is List and 1 <= len(spec.args) <= 2 and all(
        type(k) is int and k >= 1 for k in spec.args
    ):
        lo = spec.args[0]
        hi = spec.args[-1]
        return range(lo - 1, min(hi, total))
    return None


def _all_subsets(head, items, sizes):
    for k in sizes:
        if 0 <= k <= len(items):
            for c in combinations(items, k):
                yield settled(head, c)


def _nth_items(generator, pick, ev):
    out = []
    wanted_stop = pick.stop
    wanted_start = pick.start
    for i, item in enumerate(generator):
        if i >= wanted_stop:
            break
        if i >= wanted_start:
            out.append(item)
        if not i & 4095:
            ev.check_interrupt()
    return out


# ================================================================ Permutations
@builtin(
    "Permutations",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Permutations[list] gives all different orderings of list (repeated elements give no repeated "
    "permutations); Permutations[list, n] those of at most n elements; Permutations[list, {n}] of exactly n; "
    "Permutations[list, {m, n}] of m through n.\n"
    "Example: Permutations[{a, b, c}] gives {{a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a}}",
)
def permutations(ev, e, *spec):
    whole = call("Permutations", e, *spec)
    if type(e) is not Expr:
        ev.message("Permutations", "normal", 1, whole)
        return None
    items = e.args
    n = len(items)
    sizes = _size_spec(spec[0], n) if spec else [n]
    if sizes is None:
        ev.message("Permutations", "nninfseq", 2, whole)
        return None
    # Distinct elements in order of first appearance, with their multiplicities.
    distinct = []
    counts = []
    index = {}
    for x in items:
        k = key_of(x)
        i = index.get(k)
        if i is None:
            index[k] = len(distinct)
            distinct.append(x)
            counts.append(1)
        else:
            counts[i] += 1
    check_size(ev, sum(_multiset_permutation_count(counts, k) * max(k, 1) for k in sizes if 0 <= k <= n))
    out = []
    for k in sizes:
        if 0 <= k <= n:
            _multiset_permutations(ev, e.head, items, [index[key_of(x)] for x in items], distinct, counts, k, out)
    return settled_list(tuple(out))


messages.define(
    "Permutations",
    "nninfseq",
    "Position `1` of `2` must be All, Infinity, a non-negative integer, or a List whose first element (required) "
    "is a non-negative integer, second element (optional) is a non-negative integer or Infinity, and third element "
    "(optional) is a nonzero integer.",
)


def _multiset_permutation_count(counts, k) -> int:
    """How many distinct k-permutations a multiset with these multiplicities
    has: k! times the x^k coefficient of the product of sum_j x^j/j!."""
    from fractions import Fraction
    from math import factorial

    poly = [Fraction(1)]
    for c in counts:
        factor = [Fraction(1, factorial(j)) for j in range(c + 1)]
        product = [Fraction(0)] * min(len(poly) + c, k + 1)
        for i, a in enumerate(poly):
            for j, b in enumerate(factor):
                if i + j <= k:
                    product[i + j] += a * b
        poly = product
    return int(poly[k] * factorial(k)) if k < len(poly) else 0


def _multiset_permutations(ev, head, items, ids, distinct, counts, k, out):
    """Append the distinct k-permutations of items in WL's order: positions in
    lexicographic order, each distinct sequence the first time it appears."""
    used = [False] * len(items)
    chosen = []

    def extend():
        if len(chosen) == k:
            out.append(settled(head, tuple(chosen)))
            if not len(out) & 4095:
                ev.check_interrupt()
            return
        tried = set()
        for i, x in enumerate(items):
            if used[i] or ids[i] in tried:
                continue
            tried.add(ids[i])
            used[i] = True
            chosen.append(x)
            extend()
            chosen.pop()
            used[i] = False

    extend()


# ================================================================ Tuples
@builtin(
    "Tuples",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Tuples[list, n] gives all n-tuples of elements of list; Tuples[{l1, l2, ...}] all tuples with the i-th "
    "element from li; Tuples[list, {n1, n2, ...}] all n1 x n2 x ... arrays.\n"
    "Example: Tuples[{0, 1}, 2] gives {{0, 0}, {0, 1}, {1, 0}, {1, 1}}",
)
def tuples(ev, e, *spec):
    whole = call("Tuples", e, *spec)
    if type(e) is not Expr:
        ev.message("Tuples", "normal", 1, whole)
        return None
    if not spec:
        lists = e.args
        if not all(type(x) is Expr for x in lists):
            ev.message("Tuples", "normal", 1, whole)
            return None
        count = 1
        for x in lists:
            count *= len(x.args)
        check_size(ev, count * max(len(lists), 1))
        head = lists[0].head if lists else List
        return _collect(ev, product(*(x.args for x in lists)), lambda t: settled(head, t))
    n = spec[0]
    if type(n) is int and n >= 0:
        dims = (n,)
    elif type(n) is Expr and n.head is List and n.args and all(type(k) is int and k >= 0 for k in n.args):
        dims = n.args
    else:
        ev.message("Tuples", "intnn", whole, 2)
        return None
    cells = 1
    for k in dims:
        cells *= k
    if not e.args and cells:
        return settled_list(())
    check_size(ev, len(e.args) ** cells * max(cells, 1))
    return _collect(ev, product(e.args, repeat=cells), lambda t: _reshape(e.head, t, dims))


def _collect(ev, items, make):
    """settled_list of make(x) for the items, interruptible."""
    out = []
    for i, x in enumerate(items):
        if not i & 4095:
            ev.check_interrupt()
        out.append(make(x))
    return settled_list(tuple(out))


def _reshape(head, flat, dims):
    if len(dims) == 1:
        return settled(head, tuple(flat))
    size = len(flat) // dims[0] if dims[0] else 0
    return settled(head, tuple(_reshape(head, flat[i * size : (i + 1) * size], dims[1:]) for i in range(dims[0])))
