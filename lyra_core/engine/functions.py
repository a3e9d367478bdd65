"""Pure functions: Function[body] with slots, Function[params, body, attrs]."""

from __future__ import annotations

from ..expr.normal import Expr
from ..expr.symbol import ATTR, Symbol
from ..expr import system_symbols as S
from ..patterns import substitute

Slot = S.Slot
SlotSequence = S.SlotSequence
Function = S.Function


def function_attributes(spec) -> int:
    """The attribute flags named by Function's third argument (a symbol or list)."""
    names = spec.args if type(spec) is Expr and spec.head is S.List else (spec,)
    flags = 0
    for name in names:
        if type(name) is Symbol:
            flags |= ATTR.get(name.name, 0)
    return flags


def apply_function(ev, fn: Expr, args: tuple):
    """The body of fn with its parameters replaced by args (not yet evaluated),
    or None when the call cannot be made (after a message)."""
    fargs = fn.args
    if len(fargs) == 1:
        return _fill_slots(ev, fn, fargs[0], args)
    if not fargs or len(fargs) > 3:
        return None
    params, body = fargs[0], fargs[1]
    if type(params) is Symbol:
        names = (params,)
    elif type(params) is Expr and params.head is S.List:
        names = params.args
    else:
        return None
    if len(args) < len(names):
        ev.message("Function", "fpct", params, Expr(fn, args))
        return None
    bindings = {}
    for name, value in zip(names, args):
        if type(name) is Symbol:
            bindings[name] = value
    return substitute(body, bindings)


def _fill_slots(ev, fn, body, args):
    failed = []

    def slot_value(node):
        spec = node.args[0] if node.args else 1
        if node.head is Slot:
            if type(spec) is int and spec >= 0:
                if spec == 0:
                    return fn
                if spec <= len(args):
                    return args[spec - 1]
                failed.append(spec)
                return node
            if type(spec) is str and args and type(args[0]).__name__ == "Association":
                entry = args[0].get(spec)
                if entry is not None:
                    return entry[1]
            return node
        # SlotSequence[n]: the arguments from n on
        if type(spec) is int and spec >= 1:
            return Expr(S.Sequence, args[spec - 1 :])
        return node

    def walk(node):
        if type(node) is not Expr:
            return node
        head = node.head
        if head is Slot or head is SlotSequence:
            if len(node.args) <= 1:
                return slot_value(node)
            return node
        if head is Function and len(node.args) == 1:
            return node  # an inner pure function owns its slots
        new_head = walk(head)
        changed = new_head is not head
        new_args = []
        for a in node.args:
            b = walk(a)
            if b is not a:
                changed = True
            new_args.append(b)
        return Expr(new_head, tuple(new_args)) if changed else node

    result = walk(body)
    if failed:
        ev.message("Function", "slotn", failed[0], Expr(fn, args), len(args))
    return result
