"""Iterator specifications shared by Do, Table, Sum, Product and friends.

WL forms: {n}, {i, max}, {i, min, max}, {i, min, max, step}, {i, {values}},
and Lyra's {i, a ;; b} (a Span, optionally with a step). The variable is
localised as Block does: its previous state comes back afterwards.
"""

from __future__ import annotations

from ..expr import symbol as symtab
from ..expr.atoms import Rational
from ..expr.normal import E, Expr
from ..expr.symbol import Symbol
from ..expr import system_symbols as S

_REALS = (int, float, Rational)


class _Spec:
    """A parsed iterator: the variable (or None) and the values it takes."""

    __slots__ = ("var", "values", "count")

    def __init__(self, var, values, count):
        self.var = var
        self.values = values  # an iterable of Lyra values
        self.count = count


def _range_values(ev, start, stop, step):
    """The values start, start + step, ... not past stop, or None if not numeric."""
    if type(start) is int and type(stop) is int and type(step) is int and step != 0:
        if step > 0:
            return range(start, stop + 1, step), max(0, (stop - start) // step + 1)
        return range(start, stop - 1, step), max(0, (start - stop) // (-step) + 1)
    # General case: count = Floor[(stop - start)/step] + 1, values by exact arithmetic.
    span = ev.evaluate(E(S.Times, E(S.Plus, stop, E(S.Times, -1, start)), E(S.Power, step, -1)))
    if type(span) not in _REALS:
        return None
    count = int(span // 1) + 1 if type(span) is not Rational else span.num // span.den + 1
    if count < 0:
        count = 0

    def values():
        for k in range(count):
            yield ev.evaluate(E(S.Plus, start, E(S.Times, k, step)))

    return values(), count


def parse_iterator(ev, caller, spec):
    """A _Spec for one iterator, or None after the WL message."""
    if type(spec) is not Expr or spec.head is not S.List:
        count = ev.evaluate(spec)
        if type(count) is int:
            return _Spec(None, (None for _ in range(count)), max(count, 0))
        ev.message(caller, "itform", spec, 2)
        return None
    items = spec.args
    if not items:
        ev.message(caller, "itform", spec, 2)
        return None
    if len(items) == 1:
        count = ev.evaluate(items[0])
        if type(count) is int:
            return _Spec(None, (None for _ in range(count)), max(count, 0))
        if type(count) in (float, Rational) and count >= 0:
            n = int(count)
            return _Spec(None, (None for _ in range(n)), n)
        ev.message(caller, "iterb", spec)
        return None
    var = items[0]
    if type(var) is not Symbol:
        ev.message(caller, "itform", spec, 2)
        return None
    bounds = [ev.evaluate(b) for b in items[1:]]
    if len(bounds) == 1:
        only = bounds[0]
        if type(only) is Expr and only.head is S.List:
            return _Spec(var, iter(only.args), len(only.args))
        if type(only) is Expr and only.head is S.Span:
            parts = list(only.args) + [1] * (3 - len(only.args))
            start, stop, step = parts[0], parts[1], parts[2]
            made = _range_values(ev, start, stop, step)
        else:
            made = _range_values(ev, 1, only, 1)
    elif len(bounds) == 2:
        made = _range_values(ev, bounds[0], bounds[1], 1)
    elif len(bounds) == 3:
        made = _range_values(ev, bounds[0], bounds[1], bounds[2])
    else:
        ev.message(caller, "itform", spec, 2)
        return None
    if made is None:
        ev.message(caller, "iterb", spec)
        return None
    values, count = made
    return _Spec(var, values, count)


def with_bounds_evaluated(ev, spec):
    """The iterator with its bounds evaluated once, so that testing it and
    then iterating does not evaluate them (and their side effects) twice."""
    if type(spec) is not Expr or spec.head is not S.List or not spec.args:
        return ev.evaluate(spec)
    if len(spec.args) == 1:
        return Expr(S.List, (ev.evaluate(spec.args[0]),))
    return Expr(S.List, (spec.args[0],) + tuple(ev.evaluate(b) for b in spec.args[1:]))


def iterator_is_concrete(spec) -> bool:
    """True when the (evaluated) bounds are numbers or an explicit list."""
    if type(spec) is not Expr or spec.head is not S.List or not spec.args:
        return True
    bounds = spec.args[1:] if len(spec.args) > 1 else spec.args
    for b in bounds:
        if type(b) in _REALS:
            continue
        if type(b) is Expr and b.head in (S.List, S.Span):
            continue
        return False
    return True


def iterate(ev, caller, specs, step, outer=True) -> bool:
    """Run step() for every combination of the iterators (first outermost).

    step() may return True to stop everything (Break). Gives False when an
    iterator is malformed (its message already issued), True otherwise.
    """
    if not specs:
        step()
        return True
    it = parse_iterator(ev, caller, specs[0])
    if it is None:
        return False
    rest = specs[1:]
    var = it.var
    saved = symtab.snapshot(var) if var is not None else None
    try:
        return _loop(ev, caller, it, var, rest, step)
    except _BadInner:
        if outer:
            return False
        raise
    finally:
        if var is not None:
            symtab.restore(var, saved)


def _loop(ev, caller, it, var, rest, step) -> bool:
    if var is not None:
        symtab.clear_state(var)
    # The body may be an atom (Table[0, n]), whose evaluation never looks at
    # pending interrupts: look here, once per step.
    check_interrupt = ev.check_interrupt
    for value in it.values:
        check_interrupt()
        if var is not None:
            symtab.touch(var)
            var.ownvalue = value
        if rest:
            stop = _iterate_inner(ev, caller, rest, step)
        else:
            stop = step()
        if stop:
            break
    return True


def _iterate_inner(ev, caller, specs, step):
    stopped = []

    def inner_step():
        if step():
            stopped.append(True)
            return True
        return False

    if not iterate(ev, caller, specs, inner_step, outer=False):
        raise _BadInner
    return bool(stopped)


class _BadInner(Exception):
    pass
