"""Part: reading and replacing parts of expressions (e[[i, j]], a[[2]] = v)."""

from __future__ import annotations

from ..expr.assoc import Association
from ..expr.normal import E, Expr
from ..expr import system_symbols as S
from .registry import builtin


class _PartFailure(Exception):
    """A part specification failed; its message has been issued."""


def _span_indices(ev, span: Expr, n: int, whole) -> list[int]:
    args = span.args
    start = args[0] if args else 1
    stop = args[1] if len(args) > 1 else S.All
    step = args[2] if len(args) > 2 else 1
    if stop is S.All:
        stop = n
    if not (type(start) is int and type(stop) is int and type(step) is int) or step == 0:
        ev.message("Part", "pkspec1", span)
        raise _PartFailure
    start = start + n + 1 if start < 0 else start
    stop = stop + n + 1 if stop < 0 else stop
    if step > 0:
        if start < 1 or stop > n or start > stop + 1:
            ev.message("Part", "take", start, stop, whole)
            raise _PartFailure
        return list(range(start, stop + 1, step))
    if start > n or stop < 1:
        ev.message("Part", "take", start, stop, whole)
        raise _PartFailure
    return list(range(start, stop - 1, step))


def _index(ev, spec: int, e, whole):
    """The position (1-based, 0 for the head) spec names in e, or a failure."""
    if type(e) is not Expr:
        ev.message("Part", "partd", E(S.Part, whole, spec))
        raise _PartFailure
    n = len(e.args)
    if spec < 0:
        spec += n + 1
        if spec < 1:
            ev.message("Part", "partw", spec - n - 1, e)
            raise _PartFailure
    elif spec > n:
        ev.message("Part", "partw", spec, e)
        raise _PartFailure
    return spec


def _assoc_lookup(ev, e: Association, key, whole):
    if type(key) is Expr and key.head is S.Key and len(key.args) == 1:
        key = key.args[0]
    entry = e.get(key)
    if entry is None:
        return E(S.Missing, "KeyAbsent", key)
    return entry[1]


def _take(ev, e, specs, i, whole):
    if i == len(specs):
        return e
    spec = specs[i]
    if type(e) is Association:
        if type(spec) is int:
            values = e.values()
            n = len(values)
            k = spec + n + 1 if spec < 0 else spec
            if not 1 <= k <= n:
                ev.message("Part", "partw", spec, e)
                raise _PartFailure
            return _take(ev, values[k - 1], specs, i + 1, whole)
        if spec is S.All or (type(spec) is Expr and spec.head is S.List):
            return _take(ev, Expr(S.List, tuple(e.values())), specs, i, whole)
        return _take(ev, _assoc_lookup(ev, e, spec, whole), specs, i + 1, whole)
    if type(spec) is int:
        k = _index(ev, spec, e, whole)
        return _take(ev, e.head if k == 0 else e.args[k - 1], specs, i + 1, whole)
    if type(e) is not Expr:
        ev.message("Part", "partd", E(S.Part, whole, *specs))
        raise _PartFailure
    if spec is S.All:
        return Expr(e.head, tuple(_take(ev, a, specs, i + 1, whole) for a in e.args))
    if type(spec) is Expr and spec.head is S.Span:
        picked = _span_indices(ev, spec, len(e.args), whole)
        return Expr(e.head, tuple(_take(ev, e.args[k - 1], specs, i + 1, whole) for k in picked))
    if type(spec) is Expr and spec.head is S.List:
        out = []
        for s in spec.args:
            if type(s) is not int:
                ev.message("Part", "pkspec1", spec)
                raise _PartFailure
            k = _index(ev, s, e, whole)
            out.append(_take(ev, e.head if k == 0 else e.args[k - 1], specs, i + 1, whole))
        return Expr(e.head, tuple(out))
    if type(spec) is str or (type(spec) is Expr and spec.head is S.Key):
        ev.message("Part", "partw", spec, e)
        raise _PartFailure
    ev.message("Part", "pkspec1", spec)
    raise _PartFailure


def get_part(ev, expr, specs):
    """expr[[specs...]], or None after a message when a part does not exist."""
    try:
        return _take(ev, expr, list(specs), 0, expr)
    except _PartFailure:
        return None


def _replace(ev, e, specs, i, value, whole):
    spec = specs[i]
    last = i == len(specs) - 1
    if type(e) is Association:
        key = spec.args[0] if type(spec) is Expr and spec.head is S.Key else spec
        items = dict(e.items)
        from ..expr.assoc import key_of

        old = items.get(key_of(key))
        if old is None and not last:
            ev.message("Part", "partw", spec, e)
            raise _PartFailure
        new_value = value if last else _replace(ev, old[1], specs, i + 1, value, whole)
        items[key_of(key)] = (key, new_value, False)
        return Association(items)
    if type(e) is not Expr:
        ev.message("Part", "partd", E(S.Part, whole, *specs))
        raise _PartFailure
    if type(spec) is int:
        k = _index(ev, spec, e, whole)
        if k == 0:
            new = value if last else _replace(ev, e.head, specs, i + 1, value, whole)
            return Expr(new, e.args)
        args = list(e.args)
        args[k - 1] = value if last else _replace(ev, args[k - 1], specs, i + 1, value, whole)
        return Expr(e.head, tuple(args))
    if spec is S.All:
        positions = list(range(1, len(e.args) + 1))
    elif type(spec) is Expr and spec.head is S.Span:
        positions = _span_indices(ev, spec, len(e.args), whole)
    elif type(spec) is Expr and spec.head is S.List and all(type(s) is int for s in spec.args):
        positions = [_index(ev, s, e, whole) for s in spec.args]
    else:
        ev.message("Part", "pkspec1", spec)
        raise _PartFailure
    # A list of values is spread over the positions when the shapes agree.
    spread = (
        last
        and type(value) is Expr
        and value.head is S.List
        and len(value.args) == len(positions)
    )
    args = list(e.args)
    for j, k in enumerate(positions):
        v = value.args[j] if spread else value
        args[k - 1] = v if last else _replace(ev, args[k - 1], specs, i + 1, v, whole)
    return Expr(e.head, tuple(args))


def set_part(ev, expr, specs, value):
    """expr with the part at specs replaced by value, or None after a message."""
    try:
        return _replace(ev, expr, list(specs), 0, value, expr)
    except _PartFailure:
        return None


@builtin(
    "Part",
    nargs=(1, None),
    attributes=("NHoldRest", "Protected", "ReadProtected"),
    usage="Part[e, i] or e[[i]] gives the i-th part of e; e[[i, j, ...]] goes deeper. Negative i counts from the end, "
    "0 is the head, All takes every part, i ;; j a span, {i1, i2} several parts; on associations a key gives its value.\n"
    "Example: {a, b, c}[[-1]] gives c; {{1, 2}, {3, 4}}[[All, 2]] gives {2, 4}",
)
def part(ev, expr, *specs):
    if not specs:
        return expr
    return get_part(ev, expr, specs)
