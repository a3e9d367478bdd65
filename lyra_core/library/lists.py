"""Making lists and taking them apart: List, Range, Array, ConstantArray,
First, Last, Rest, Most, Take, Drop, Append, Prepend, Insert, Delete,
ReplacePart.

Every function works on any head, not only List (Take[f[a, b, c], 2] is
f[a, b]), and on associations where WL allows it. Results that call a user
function (Array) are returned unevaluated: the evaluator evaluates them, once.
"""

from __future__ import annotations

from fractions import Fraction
from math import floor, prod

from ..engine import messages
from ..expr.assoc import Association, key_of
from ..expr.atoms import BigReal, Rational, make_rational
from ..expr.normal import Expr
from ..expr import system_symbols as S
from .list_support import (
    CHUNK,
    BadSpec,
    OutOfRange,
    call,
    check_size,
    chunked_tuple,
    declare_once,
    is_rule,
    normal_message,
    plain_list,
    sequence_positions,
    settled,
    settled_list,
)
from .registry import builtin, declare

List = S.List
Plus = S.Plus
Times = S.Times
Power = S.Power
Sequence = S.Sequence
Key = S.Key

messages.define("Range", "range", "Range specification in `1` does not have appropriate bounds.")
messages.define(
    "General",
    "ilsmn",
    "Single or list of non-negative machine-sized integers expected at position `1` of `2`.",
)
messages.define("General", "ilsnn", "Single or list of non-negative integers expected at position `1` of `2`.")
messages.define("General", "nofirst", "`1` has zero length and no first element.")
messages.define("General", "nolast", "`1` has zero length and no last element.")
messages.define("Rest", "norest", "Cannot take Rest of expression `1` with length zero.")
messages.define("Most", "nomost", "Cannot take Most of expression `1` with length zero.")
messages.define("General", "take", "Cannot take positions `1` through `2` in `3`.")
messages.define("General", "drop", "Cannot drop positions `1` through `2` in `3`.")
messages.define("Take", "partd", "Depth of object `1` is not sufficient for the given sequence specification.")
messages.define("Drop", "partd", "Depth of object `1` is not sufficient for the given sequence specification.")
messages.define("Insert", "ins", "Cannot insert at position `1` in `2`.")
messages.define("Delete", "partw", "Part `1` of `2` does not exist.")
messages.define(
    "Delete",
    "psl",
    "Position specification `1` in `2` is not a machine-sized integer or a list of machine-sized integers.",
)
messages.define("General", "invrl", "The argument `1` is not a valid Association or a list of rules.")
messages.define(
    "ReplacePart",
    "reps",
    "`1` is neither a list of replacement rules nor a valid dispatch table, and so cannot be used for replacing.",
)
messages.define("Array", "plen", "`1` and `2` should have the same length.")

declare(
    "List",
    attributes=("Locked", "Protected"),
    usage="List[a, b, ...] or {a, b, ...} is a list of elements.\nExample: {1, 2, 3} is List[1, 2, 3]",
)
UpTo = declare_once(
    "UpTo",
    "UpTo[n] asks for up to n elements: as many as are available, at most n.\n"
    "Example: Take[{a, b}, UpTo[5]] gives {a, b}",
)


# ================================================================ Range
@builtin(
    "Range",
    nargs=(1, 3),
    attributes=("Listable", "Protected"),
    usage="Range[n] gives {1, 2, ..., n}; Range[m, n] gives {m, ..., n}; Range[m, n, d] uses step d. "
    "Bounds need not be integers; Range[m ;; n] and Range[m ;; n ;; d] are the same as Range[m, n] and Range[m, n, d].\n"
    "Example: Range[4] gives {1, 2, 3, 4}; Range[0, 1, 1/4] gives {0, 1/4, 1/2, 3/4, 1}",
)
def range_(ev, *args):
    spec = args
    if len(args) == 1 and type(args[0]) is Expr and args[0].head is S.Span and len(args[0].args) in (2, 3):
        spec = args[0].args
    if len(spec) == 1:
        start, stop, step = 1, spec[0], 1
    elif len(spec) == 2:
        start, stop, step = spec[0], spec[1], 1
    else:
        start, stop, step = spec
    values = range_values(ev, start, stop, step)
    if values is None:
        ev.message("Range", "range", call("Range", *args))
        return None
    if type(start) in _REALS and type(stop) in _REALS and type(step) in _REALS:
        return plain_list(values)  # numbers only: no need to look at each one
    return settled_list(values)


_REALS = (int, float, Rational)


def range_values(ev, start, stop, step):
    """The tuple start, start + step, ... up to stop, or None when the bounds
    do not give a real number of steps (WL: elements are start + k step)."""
    ts, te, tp = type(start), type(stop), type(step)
    if ts is int and te is int and tp is int:
        if step == 0:
            return None
        count = (stop - start) // step + 1
        if count <= 0:
            return ()
        check_size(ev, count)
        if count <= CHUNK:
            return tuple(range(start, start + count * step, step))
        return chunked_tuple(ev, count, lambda lo, hi: range(start + lo * step, start + hi * step, step))
    if _is_zero(step):
        return None
    if ts in _REALS and te in _REALS and tp in _REALS:
        if ts is float or tp is float:
            # An inexact start or step makes every element inexact (WL).
            return _float_range(ev, float(start), float(stop), float(step))
        return _exact_range(ev, _fraction(start), _fraction(stop), _fraction(step))
    return _symbolic_range(ev, start, stop, step)


def _is_zero(x) -> bool:
    t = type(x)
    return (t is int or t is float) and x == 0


def _fraction(x) -> Fraction:
    return Fraction(x.num, x.den) if type(x) is Rational else Fraction(x)


def _float_range(ev, start: float, stop: float, step: float):
    span = (stop - start) / step
    if span != span or span in (float("inf"), float("-inf")):
        return None
    if span < 0:
        return ()
    # A few ulps of tolerance, so Range[0, 0.3, 0.1] reaches 0.3 as in WL.
    count = floor(span * (1 + 2**-44)) + 1
    check_size(ev, count)
    return chunked_tuple(ev, count, lambda lo, hi: [start + k * step for k in range(lo, hi)])


def _exact_range(ev, start: Fraction, stop: Fraction, step: Fraction):
    span = (stop - start) / step
    if span < 0:
        return ()
    count = floor(span) + 1
    check_size(ev, count)
    return chunked_tuple(ev, count, lambda lo, hi: [_exact(start + k * step) for k in range(lo, hi)])


def _exact(f: Fraction):
    return f.numerator if f.denominator == 1 else make_rational(f.numerator, f.denominator)


def _symbolic_range(ev, start, stop, step):
    """Bounds such as Range[x, x + 3] or big reals: the number of steps comes
    from evaluating (stop - start)/step, each element from start + k step."""
    span = ev.evaluate(
        Expr(Times, (Expr(Plus, (stop, Expr(Times, (-1, start)))), Expr(Power, (step, -1))))
    )
    t = type(span)
    if t is int or t is Rational or t is float:
        steps = floor(_fraction(span) if t is Rational else span)
    elif t is BigReal:
        steps = int(floor(span.value))
    else:
        return None
    if steps < 0:
        return ()
    check_size(ev, steps + 1)
    out = []
    for k in range(steps + 1):
        if not k & 4095:
            ev.check_interrupt()
        out.append(ev.evaluate(Expr(Plus, (start, Expr(Times, (k, step))))))
    return tuple(out)


# ================================================================ Array, ConstantArray
@builtin(
    "Array",
    nargs=(2, 4),
    attributes=("Protected",),
    usage="Array[f, n] gives {f[1], ..., f[n]}; Array[f, {n1, n2, ...}] a nested array of f[i1, i2, ...]; "
    "Array[f, dims, r] starts the indices at r (or at {r1, r2, ...}); Array[f, dims, r, h] uses head h instead of List.\n"
    "Example: Array[f, 3] gives {f[1], f[2], f[3]}; Array[#1 + #2 &, {2, 2}, 0] gives {{0, 1}, {1, 2}}",
)
def array(ev, f, dims, *more):
    origin = more[0] if more else 1
    head = more[1] if len(more) > 1 else List
    sizes = _dimension_list(dims)
    if sizes is None:
        ev.message("Array", "ilsmn", 2, call("Array", f, dims, *more))
        return None
    if type(origin) is Expr and origin.head is List:
        origins = origin.args
        if len(origins) != len(sizes):
            ev.message("Array", "plen", dims, origin)
            return None
    else:
        origins = (origin,) * len(sizes)
    if not sizes:
        return Expr(f, ())  # a zero-dimensional array
    check_size(ev, prod(sizes))
    # The index values of each dimension, computed once.
    indices = [tuple(_offset(ev, o, k) for k in range(n)) for o, n in zip(origins, sizes)]
    return _array_level(f, head, indices, 0, ())


def _dimension_list(dims):
    if type(dims) is int:
        return (dims,) if dims >= 0 else None
    if type(dims) is Expr and dims.head is List and all(type(n) is int and n >= 0 for n in dims.args):
        return dims.args
    return None


def _offset(ev, origin, k):
    if type(origin) is int:
        return origin + k
    return ev.evaluate(Expr(Plus, (origin, k))) if k else origin


def _array_level(f, head, indices, level, prefix):
    values = indices[level]
    if level == len(indices) - 1:
        return Expr(head, tuple([Expr(f, prefix + (v,)) for v in values]))
    return Expr(head, tuple([_array_level(f, head, indices, level + 1, prefix + (v,)) for v in values]))


@builtin(
    "ConstantArray",
    nargs=2,
    attributes=("Protected",),
    usage="ConstantArray[c, n] gives a list of n copies of c; ConstantArray[c, {n1, n2, ...}] a nested array of c.\n"
    "Example: ConstantArray[0, {2, 3}] gives {{0, 0, 0}, {0, 0, 0}}",
)
def constant_array(ev, c, dims):
    sizes = _dimension_list(dims)
    if sizes is None:
        ev.message("ConstantArray", "ilsnn", 2, call("ConstantArray", c, dims))
        return None
    check_size(ev, prod(sizes))
    result = c
    for n in reversed(sizes):
        result = settled_list((result,) * n)
    return result


# ================================================================ First, Last, Rest, Most
@builtin(
    "First",
    nargs=(1, 2),
    attributes=("HoldRest", "Protected"),
    usage="First[e] gives the first element of e; First[e, d] gives d when e has no first element.\n"
    "Example: First[{a, b, c}] gives a; First[{}, 0] gives 0",
)
def first(ev, e, *default):
    return _end_element(ev, "First", "nofirst", e, default, 0)


@builtin(
    "Last",
    nargs=(1, 2),
    attributes=("HoldRest", "Protected"),
    usage="Last[e] gives the last element of e; Last[e, d] gives d when e has no last element.\n"
    "Example: Last[{a, b, c}] gives c",
)
def last(ev, e, *default):
    return _end_element(ev, "Last", "nolast", e, default, -1)


def _end_element(ev, name, tag, e, default, index):
    if type(e) is Expr:
        if e.args:
            return e.args[index]
    elif type(e) is Association:
        if len(e):
            return e.values()[index]
    elif not default:
        normal_message(ev, name, 1, (e,))
        return None
    if default:
        return default[0]  # held: the evaluator evaluates it now
    ev.message(name, tag, e)
    return None


@builtin(
    "Rest",
    nargs=1,
    attributes=("Protected",),
    usage="Rest[e] gives e without its first element.\nExample: Rest[{a, b, c}] gives {b, c}",
)
def rest(ev, e):
    return _drop_end(ev, "Rest", "norest", e, slice(1, None))


@builtin(
    "Most",
    nargs=1,
    attributes=("Protected",),
    usage="Most[e] gives e without its last element.\nExample: Most[{a, b, c}] gives {a, b}",
)
def most(ev, e):
    return _drop_end(ev, "Most", "nomost", e, slice(None, -1))


def _drop_end(ev, name, tag, e, cut):
    if type(e) is Expr:
        if e.args:
            return settled(e.head, e.args[cut])
    elif type(e) is Association:
        if len(e):
            return Association.from_pairs(e.entries()[cut])
    else:
        normal_message(ev, name, 1, (e,))
        return None
    ev.message(name, tag, e)
    return None


# ================================================================ Take, Drop
@builtin(
    "Take",
    nargs=(2, None),
    attributes=("NHoldRest", "Protected"),
    usage="Take[e, n] gives the first n elements of e; Take[e, -n] the last n; Take[e, {m, n}] elements m through n; "
    "Take[e, {m, n, s}] in steps of s; Take[e, {n}] element n alone; Take[e, UpTo[n]] at most n; "
    "Take[e, spec1, spec2, ...] takes at successive levels.\n"
    "Example: Take[{a, b, c, d}, 2] gives {a, b}; Take[{{1, 2, 3}, {4, 5, 6}}, All, -1] gives {{3}, {6}}",
)
def take(ev, e, *specs):
    return _sequence_select(ev, "Take", e, specs, True)


@builtin(
    "Drop",
    nargs=(2, None),
    attributes=("NHoldRest", "Protected"),
    usage="Drop[e, n] gives e without its first n elements; Drop[e, -n] without the last n; Drop[e, {m, n}] without "
    "elements m through n; Drop[e, {m, n, s}] without every s-th of them; Drop[e, spec1, spec2, ...] drops at "
    "successive levels.\nExample: Drop[{a, b, c, d}, 2] gives {c, d}; Drop[{a, b, c, d, e}, {2, -2}] gives {a, e}",
)
def drop(ev, e, *specs):
    return _sequence_select(ev, "Drop", e, specs, False)


class _TooShallow(Exception):
    pass


def _sequence_select(ev, name, e, specs, keep):
    whole = call(name, e, *specs)
    if type(e) is not Expr and type(e) is not Association:
        ev.message(name, "normal", 1, whole)
        return None
    for i, spec in enumerate(specs):
        if not _valid_sequence_form(spec):
            ev.message(name, "seqs", whole, i + 2)
            return None
    try:
        return _select_level(e, specs, 0, keep)
    except OutOfRange as bad:
        ev.message(name, "take" if keep else "drop", bad.first, bad.last, bad.part)
    except _TooShallow:
        ev.message(name, "partd", e)
    return None


def _valid_sequence_form(spec) -> bool:
    try:
        sequence_positions(spec, 1 << 62)
    except OutOfRange:
        pass
    except BadSpec:
        return False
    return True


def _select_level(e, specs, level, keep):
    if type(e) is Association:
        entries = e.entries()
        picked = _picked(entries, specs[level], keep, e)
        if level + 1 < len(specs):
            picked = [(k, _select_level(v, specs, level + 1, keep), d) for k, v, d in picked]
        return Association.from_pairs(picked)
    if type(e) is not Expr:
        raise _TooShallow
    picked = _picked(e.args, specs[level], keep, e)
    if level + 1 < len(specs):
        picked = [_select_level(a, specs, level + 1, keep) for a in picked]
    return settled(e.head, tuple(picked))


def _picked(items, spec, keep, part):
    try:
        positions = sequence_positions(spec, len(items))
    except OutOfRange as bad:
        bad.part = part
        raise
    if keep:
        if positions.step == 1:
            return items[positions.start : positions.stop]
        return [items[i] for i in positions]
    if positions.step == 1:
        return items[: positions.start] + items[positions.stop :]
    gone = set(positions)
    return [x for i, x in enumerate(items) if i not in gone]


# ================================================================ Append, Prepend, Insert
@builtin(
    "Append",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="Append[e, x] gives e with x added at the end; on an association x is a rule or a list of rules. "
    "Append[x] is the operator form.\nExample: Append[{a, b}, c] gives {a, b, c}",
)
def append(ev, e, *item):
    return _add_element(ev, "Append", e, item, at_end=True)


@builtin(
    "Prepend",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="Prepend[e, x] gives e with x added at the start; Prepend[x] is the operator form.\n"
    "Example: Prepend[{a, b}, c] gives {c, a, b}",
)
def prepend(ev, e, *item):
    return _add_element(ev, "Prepend", e, item, at_end=False)


def _add_element(ev, name, e, item, at_end):
    if not item:
        return None  # the operator form Append[x] stays as it is
    x = item[0]
    if type(e) is Expr:
        return settled(e.head, e.args + (x,) if at_end else (x,) + e.args)
    if type(e) is Association:
        rules = _rule_list(x)
        if rules is None:
            ev.message(name, "invrl", x)
            return None
        pairs = [(r.args[0], r.args[1], r.head is S.RuleDelayed) for r in rules]
        if at_end:
            return Association.from_pairs(e.entries() + pairs)
        # Prepend: the new keys go first; an existing key keeps its new value.
        front = Association.from_pairs(pairs)
        rest = [entry for entry in e.entries() if key_of(entry[0]) not in front.items]
        return Association.from_pairs(front.entries() + rest)
    normal_message(ev, name, 1, (e, x))
    return None


def _rule_list(x):
    if is_rule(x):
        return [x]
    if type(x) is Expr and x.head is List and all(is_rule(r) for r in x.args):
        return list(x.args)
    if type(x) is Association:
        return [Expr(S.RuleDelayed if d else S.Rule, (k, v)) for k, v, d in x.entries()]
    return None


@builtin(
    "Insert",
    nargs=(2, 3),
    attributes=("Protected",),
    operator_form=(2, 0),
    usage="Insert[e, x, n] inserts x at position n of e (negative n counts from the end); Insert[e, x, {i, j, ...}] "
    "inserts deeper; Insert[e, x, {{i1, ...}, {i2, ...}}] at several positions. Insert[x, n] is the operator form.\n"
    "Example: Insert[{a, b, c}, x, 2] gives {a, x, b, c}; Insert[{a, b}, x, -1] gives {a, b, x}",
)
def insert(ev, e, x, *where):
    if not where:
        return None  # operator form Insert[x, n]
    spec = where[0]
    positions = _position_list(spec)
    if positions is None or not all(p for p in positions):
        ev.message("Insert", "psl", spec, call("Insert", e, x, spec))
        return None
    if type(e) is not Expr:
        normal_message(ev, "Insert", 1, (e, x, spec))
        return None
    resolved = []
    for p in positions:
        r = _resolve_insert(e, p)
        if r is None:
            ev.message("Insert", "ins", spec, e)
            return None
        resolved.append(r)
    # Deepest and last positions first, so earlier insertions do not move them.
    for p in sorted(resolved, reverse=True):
        e = _insert_at(e, p, x)
    return e


messages.define(
    "Insert",
    "psl",
    "Position specification `1` in `2` is not a machine-sized integer or a list of machine-sized integers.",
)


def _position_list(spec):
    """A list of positions (tuples of ints) from n, {i, j, ...} or {{...}, ...}."""
    if type(spec) is int:
        return [(spec,)]
    if type(spec) is Expr and spec.head is List:
        if all(type(i) is int for i in spec.args):
            return [spec.args]
        if all(type(p) is Expr and p.head is List and all(type(i) is int for i in p.args) for p in spec.args):
            return [p.args for p in spec.args]
    return None


def _resolve_insert(e, position):
    """The position with negative indices made positive, or None if it does not exist."""
    out = []
    for depth, i in enumerate(position):
        if type(e) is not Expr:
            return None
        n = len(e.args)
        last = depth == len(position) - 1
        if last:
            k = i if i > 0 else n + i + 2
            if not 1 <= k <= n + 1:
                return None
        else:
            k = i if i > 0 else n + i + 1
            if not 1 <= k <= n:
                return None
            e = e.args[k - 1]
        out.append(k)
    return tuple(out)


def _insert_at(e, position, x):
    k = position[0]
    args = e.args
    if len(position) == 1:
        return settled(e.head, args[: k - 1] + (x,) + args[k - 1 :])
    return settled(e.head, args[: k - 1] + (_insert_at(args[k - 1], position[1:], x),) + args[k:])


# ================================================================ Delete
@builtin(
    "Delete",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="Delete[e, n] deletes the element at position n (negative n counts from the end); Delete[e, {i, j, ...}] "
    "deletes deeper; Delete[e, {{i1, ...}, {i2, ...}}] at several positions; Delete[assoc, Key[k]] or Delete[assoc, "
    "\"k\"] deletes a key. Position 0 replaces the head by Sequence. Delete[pos] is the operator form.\n"
    "Example: Delete[{a, b, c}, 2] gives {a, c}; Delete[{{a, b}, {c, d}}, {2, 1}] gives {{a, b}, {d}}",
)
def delete(ev, e, *where):
    if not where:
        return None  # operator form Delete[pos]
    spec = where[0]
    positions = _delete_positions(spec)
    if positions is None:
        ev.message("Delete", "psl", spec, call("Delete", e, spec))
        return None
    resolved = []
    for p in positions:
        r = _resolve_position(e, p, True)
        if r is None:
            ev.message("Delete", "partw", Expr(List, p), e)
            return None
        resolved.append(r)
    # Later positions first, so deleting one does not move the others.
    resolved.sort(key=_position_sort_key, reverse=True)
    seen = set()
    for p in resolved:
        if p in seen:
            continue
        seen.add(p)
        e = _delete_at(e, p)
    return e


def _delete_positions(spec):
    if type(spec) is int or _is_key(spec):
        return [(spec,)]
    if type(spec) is Expr and spec.head is List:
        if all(_is_index(i) for i in spec.args):
            return [spec.args]
        if all(type(p) is Expr and p.head is List and all(_is_index(i) for i in p.args) for p in spec.args):
            return [p.args for p in spec.args]
    if type(spec) is str:
        return [(spec,)]
    return None


def _is_key(x) -> bool:
    return type(x) is Expr and x.head is Key and len(x.args) == 1


def _is_index(x) -> bool:
    return type(x) is int or type(x) is str or _is_key(x)


def _resolve_position(e, position, through_keys):
    """The position with negative indices made positive (0 is the head), or
    None if it does not exist. With through_keys, a step into an association
    (by index, key or Key[k]) becomes ("key", key); without, it fails."""
    out = []
    for i in position:
        if through_keys and type(e) is Association:
            if type(i) is int:
                n = len(e)
                k = i if i > 0 else n + i + 1
                if not 1 <= k <= n:
                    return None
                entry = e.entries()[k - 1]
            else:
                entry = e.get(i.args[0] if _is_key(i) else i)
                if entry is None:
                    return None
            out.append(("key", entry[0]))
            e = entry[1]
            continue
        if type(e) is not Expr or type(i) is not int:
            return None
        n = len(e.args)
        k = i if i >= 0 else n + i + 1
        if not 0 <= k <= n or (i < 0 and k < 1):
            return None
        out.append(k)
        e = e.head if k == 0 else e.args[k - 1]
    return tuple(out)


def _position_sort_key(p):
    # Keys of associations sort together after integer positions; only the
    # relative order of positions inside one expression matters.
    return tuple((1, 0) if type(i) is tuple else (0, i) for i in p)


def _delete_at(e, position):
    if not position:
        return Expr(Sequence, ())
    k = position[0]
    rest = position[1:]
    if type(e) is Association:
        items = dict(e.items)
        kk = key_of(k[1])
        if not rest:
            del items[kk]
        else:
            key, value, delayed = items[kk]
            items[kk] = (key, _delete_at(value, rest), delayed)
        return Association(items)
    if k == 0:
        if rest:
            return Expr(_delete_at(e.head, rest), e.args)
        return Expr(Sequence, e.args)
    if not rest:
        return settled(e.head, e.args[: k - 1] + e.args[k:])
    return settled(e.head, e.args[: k - 1] + (_delete_at(e.args[k - 1], rest),) + e.args[k:])


# ================================================================ ReplacePart
@builtin(
    "ReplacePart",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="ReplacePart[e, i -> new] replaces the part at position i; positions may be {i, j, ...}, lists of such "
    "positions, or patterns matched against position lists ({i_} :> ... sees i). Several rules may be given in a "
    "list. Positions that do not exist are ignored. ReplacePart[rules] is the operator form.\n"
    "Example: ReplacePart[{a, b, c}, 2 -> x] gives {a, x, c}; ReplacePart[{a, b, c}, {i_} :> i^2] gives {1, 4, 9}",
)
def replace_part(ev, e, *more):
    if not more:
        return None  # operator form
    if len(more) == 2:  # the old form ReplacePart[e, new, position]
        rules = [Expr(S.Rule, (more[1], more[0]))]
    else:
        rules = _rule_list(more[0])
        if rules is None or type(more[0]) is Association:
            ev.message("ReplacePart", "reps", more[0])
            return None
    plan = []
    for r in rules:
        lhs, rhs = r.args
        positions = _position_list(lhs)
        if positions is None and type(lhs) is Expr and lhs.head is List and not lhs.args:
            positions = [()]
        if positions is not None:
            resolved = {_resolve_position(e, p, False) for p in positions}
            resolved.discard(None)
            plan.append((resolved, None, rhs))
        else:
            plan.append((None, lhs, rhs))
    for positions, _, rhs in plan:
        if positions is not None and () in positions:
            return rhs  # the position {} is the whole expression
    has_patterns = any(pattern is not None for _, pattern, _ in plan)
    prefixes = set()
    for positions, _, _ in plan:
        for p in positions or ():
            for i in range(len(p)):
                prefixes.add(p[:i])
    return _replace_walk(ev, e, (), plan, prefixes, has_patterns)


def _replacement(ev, position, plan):
    """The new value for the part at `position`, or None if no rule names it.
    Patterns are matched against the position list; heads (index 0) are only
    replaced through explicit positions."""
    for positions, pattern, rhs in plan:
        if positions is not None:
            if position in positions:
                return rhs
        elif position[-1] != 0:
            from ..patterns import match, substitute

            bindings = match(pattern, Expr(List, position), ev)
            if bindings is not None:
                return substitute(rhs, bindings)
    return None


def _replace_walk(ev, e, position, plan, prefixes, has_patterns):
    if type(e) is not Expr:
        return e
    if not has_patterns and position not in prefixes:
        return e
    head = _replacement(ev, position + (0,), plan)
    if head is None:
        head = e.head
        if position + (0,) in prefixes:
            head = _replace_walk(ev, head, position + (0,), plan, prefixes, has_patterns)
    changed = head is not e.head
    args = list(e.args)
    for i, a in enumerate(args, 1):
        here = position + (i,)
        new = _replacement(ev, here, plan)
        if new is None:
            new = _replace_walk(ev, a, here, plan, prefixes, has_patterns)
        if new is not a:
            args[i - 1] = new
            changed = True
    return Expr(head, tuple(args)) if changed else e
