"""Builtins the VM runs its own way: loops with compiled bodies (Do, Table
and Sum over one or several iterators, While, For), Map with a compiled
function, NestWhile with compiled f and test.

Each intrinsic takes (ev, entry, args) -- the arguments as the builtin would
receive them -- and gives exactly what the builtin gives, or NotImplemented
before it has evaluated anything, and the builtin then runs as usual.
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import Symbol
from ..signals import ReturnSignal

_List = S.List
_ATOMS = (int, float, str)


def _single_iterator(args):
    """(body, spec) for body, {i, ...} with a symbol i; else None."""
    if len(args) != 2:
        return None
    body, spec = args
    if type(spec) is not Expr or spec.head is not _List or len(spec.args) < 2:
        return None
    if type(spec.args[0]) is not Symbol:
        return None
    return body, spec


def parse_iterator(ev, caller, spec):
    """The builtins' own parsing (so the same messages); imported late, as
    the library imports this package."""
    from ...library.iteration import parse_iterator as parse

    return parse(ev, caller, spec)


def _run(ev, caller, body, spec, out):
    """The loop over one iterator, its body compiled when the loop is long
    enough to repay compiling it; False when the iterator is malformed
    (after its message)."""
    from ...library.control import _run_body
    from ...library.iteration import _loop

    it = parse_iterator(ev, caller, spec)
    if it is None:
        return False
    var = it.var
    saved = symtab.snapshot(var)
    try:
        if it.count < _COMPILE_FROM:
            # The builtin's own loop, with Do's or Table's step.
            if out is None:
                _loop(ev, caller, it, var, (), lambda: _run_body(ev, body))
            else:
                _loop(ev, caller, it, var, (), lambda: out.append(ev.evaluate(body)))
        else:
            symtab.clear_state(var)
            code = ev.unit("loop", body, var)
            code.fn(ev, it.values, var, code.generic or not code.registers, out)
    finally:
        symtab.restore(var, saved)
    return True


_COMPILE_FROM = 32  # iterations: a shorter loop walks its body (compiling costs ~0.2 ms)


class _BadIterator(Exception):
    """An iterator's message is out: the whole call stays unevaluated."""


def _nested(ev, caller, body, specs, out, table, outer):
    """Several iterators, the first outermost, as the builtin's iterate (Do,
    Sum) or _nested (Table) runs them: each iterator parsed when its loop
    starts (its bounds may use the outer variables), its variable localised
    as Block does. The innermost loop runs the compiled body. Gives True when
    Do's Break[] stopped everything. out: Sum's terms, Table's list at this
    level, None for Do. outer: how many times this loop runs (to decide on
    compiling the body)."""
    from ...library.control import _run_body
    from ...library.iteration import _loop

    it = parse_iterator(ev, caller, specs[0])
    if it is None:
        raise _BadIterator
    var = it.var
    saved = symtab.snapshot(var) if var is not None else None
    try:
        if len(specs) == 1 and outer * it.count >= _COMPILE_FROM:
            if var is not None:
                symtab.clear_state(var)
            code = ev.unit("loop", body, var)
            dynamic = var is not None and (code.generic or not code.registers)
            return bool(code.fn(ev, it.values, var, dynamic, out))
        rest = specs[1:]
        times = outer * max(it.count, 1)
        stopped = []

        def step():  # one value of this iterator, in the builtin's own loop
            if rest:
                if table:
                    inner: list = []
                    stop = _nested(ev, caller, body, rest, inner, table, times)
                    out.append(Expr(_List, tuple(inner)))
                else:
                    stop = _nested(ev, caller, body, rest, out, table, times)
            elif out is None:
                stop = _run_body(ev, body)
            else:
                out.append(ev.evaluate(body))
                stop = False
            if stop:
                stopped.append(True)
            return stop

        _loop(ev, caller, it, var, (), step)
        return bool(stopped)
    finally:
        if var is not None:
            symtab.restore(var, saved)


def _multi(ev, caller, args, out, table=False):
    """body, spec1, spec2, ...: False when an iterator is malformed."""
    try:
        _nested(ev, caller, args[0], args[1:], out, table, 1)
    except _BadIterator:
        return False
    return True


def _several(args) -> bool:
    """For args that are not body, {i, ...}: several iterators, or one
    without a variable (Do[body, {n}])?"""
    return len(args) > 2 or len(args) == 2 and type(args[1]) is Expr and args[1].head is _List


def do(ev, entry, args):
    parts = _single_iterator(args)
    if parts is None and _several(args):
        try:
            return S.Null if _multi(ev, "Do", args, None) else None
        except ReturnSignal as r:
            return r.value
    if parts is None:
        return NotImplemented
    try:
        if not _run(ev, "Do", parts[0], parts[1], None):
            return None
    except ReturnSignal as r:
        return r.value
    return S.Null


def table(ev, entry, args):
    parts = _single_iterator(args)
    if parts is None and _several(args):
        out: list = []
        return Expr(_List, tuple(out)) if _multi(ev, "Table", args, out, table=True) else None
    if parts is None:
        return NotImplemented
    out: list = []
    if not _run(ev, "Table", parts[0], parts[1], out):
        return None
    return Expr(_List, tuple(out))


def sum_(ev, entry, args):
    from ...library.control import _all_numeric_iterators
    from ...library.iteration import with_bounds_evaluated

    if len(args) > 2:
        specs = tuple(with_bounds_evaluated(ev, s) for s in args[1:])
        if not _all_numeric_iterators(specs):
            from ...library.symbolic import symbolic_sum

            return symbolic_sum(ev, args[0], specs)
        terms: list = []
        return Expr(S.Plus, tuple(terms)) if _multi(ev, "Sum", (args[0],) + specs, terms) else None
    parts = _single_iterator(args)
    if parts is None:
        return NotImplemented
    body, spec = parts
    spec = with_bounds_evaluated(ev, spec)
    if not _all_numeric_iterators((spec,)):
        from ...library.symbolic import symbolic_sum

        return symbolic_sum(ev, body, (spec,))
    terms: list = []
    if not _run(ev, "Sum", body, spec, terms):
        return None
    return Expr(S.Plus, tuple(terms))


def while_(ev, entry, args):
    from ...library.control import _run_body

    if len(args) != 2:
        return NotImplemented
    test, body = args
    code = ev.unit("while", Expr(S.While, args))
    try:
        if not code.fn(ev):
            # Something the compiled loop assumed has changed: walk the rest.
            while ev.evaluate(test) is S.True_:
                if _run_body(ev, body):
                    break
    except ReturnSignal as r:
        return r.value
    return S.Null


def for_(ev, entry, args):
    from ...library.control import _run_body

    if len(args) not in (3, 4):
        return NotImplemented
    start, test, incr = args[:3]
    body = args[3] if len(args) > 3 else S.Null
    code = ev.unit("while", Expr(S.For, args))
    try:
        ev.evaluate(start)
        if not code.fn(ev):
            while ev.evaluate(test) is S.True_:
                if _run_body(ev, body):
                    break
                ev.evaluate(incr)
    except ReturnSignal as r:
        return r.value
    return S.Null


def map_(ev, entry, args):
    """Map[f, {atoms...}]: WL builds {f[a], ...} and evaluates it; here each
    f[a] is evaluated directly (ev.apply) and the list comes back finished."""
    if len(args) != 2:
        return NotImplemented
    f, e = args
    if type(e) is not Expr or e.head is not _List or _List.downvalues or _List.upvalues:
        return NotImplemented
    items = e.args
    for a in items:
        if type(a) not in _ATOMS:
            return NotImplemented
    apply = ev.apply
    results = tuple([apply(f, a) for a in items])
    for r in results:
        if type(r) not in _ATOMS:
            # What evaluating the list does after its elements: splice
            # Sequence[...], try UpValues, mark it evaluated.
            return ev._finish(_List, results, _List.attributes)
    out = Expr(_List, results)
    out.evaluated = symtab.data_epoch[0]
    return out


def _applier_per_function(ev):
    """ev.apply for a loop that alternates between functions (NestWhile's f
    and test): each keeps its own compiled applier (ev.apply remembers only
    the last function), made again whenever a definition has changed."""
    cache: dict = {}
    epoch = symtab.epoch

    def apply(fn, *args):
        entry = cache.get(id(fn))
        if entry is None or entry[0] is not fn or entry[1] != epoch[0]:
            entry = cache[id(fn)] = (fn, epoch[0], ev._make_applier(fn))
        return ev.run_applier(entry[2], fn, args)

    return apply


def nest_while(ev, entry, args):
    """NestWhile / NestWhileList: the builtin's loop (same forms, messages and
    results), f and test applied through their compiled code."""
    from ...library.nesting import _nest_while, settled_list

    if not 3 <= len(args) <= 6:
        return NotImplemented
    name = entry.name
    f, x, test = args[:3]
    keep_all = name == "NestWhileList"
    results = _nest_while(ev, name, f, x, test, args[3:], keep_all, _applier_per_function(ev))
    if results is None:
        return None
    return settled_list(tuple(results)) if keep_all else results[-1]


INTRINSICS = {
    "NestWhile": nest_while,
    "NestWhileList": nest_while,
    "Do": do,
    "Table": table,
    "Sum": sum_,
    "While": while_,
    "For": for_,
    "Map": map_,
}
