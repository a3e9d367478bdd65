"""Memory held by a session's definitions and Out history (for %memory).

Sizes are the Python objects reachable from the values, each object counted
once (expressions share subtrees; a shared subtree is not counted twice).
"""

from __future__ import annotations

import sys

from lyra_core.expr import Association, BigReal, Complex, Expr, Rational
from lyra_core.expr.symbol import STATE_FIELDS, Symbol

_getsizeof = sys.getsizeof


def deep_size(root, seen: set[int]) -> int:
    """Bytes of `root` and everything it holds that is not in `seen` yet.
    Symbols count as references only (they are shared by everything)."""
    total = 0
    stack = [root]
    while stack:
        obj = stack.pop()
        key = id(obj)
        if key in seen or type(obj) is Symbol or obj is None:
            continue
        seen.add(key)
        total += _getsizeof(obj)
        kind = type(obj)
        if kind is Expr:
            stack.append(obj.head)
            total += _getsizeof(obj.args)
            stack.extend(obj.args)
        elif kind is tuple or kind is list:
            stack.extend(obj)
        elif kind is dict:
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif kind is Association:
            stack.append(obj.items)
        elif kind is Rational:
            stack.append(obj.num)
            stack.append(obj.den)
        elif kind is Complex:
            stack.append(obj.re)
            stack.append(obj.im)
        elif kind is BigReal:
            stack.append(obj.value)
        elif hasattr(obj, "__dict__"):
            # Definition records (rules with cached data) of the engine.
            stack.append(vars(obj))
        elif hasattr(obj, "__slots__"):
            for slot in obj.__slots__:
                stack.append(getattr(obj, slot, None))
    return total


def definitions_size(session) -> dict[str, int]:
    """{user symbol name: bytes held by its definitions}."""
    from lyra_core.expr import lookup

    seen: set[int] = set()
    sizes = {}
    for name in session.user_symbols():
        sym = lookup(name)
        size = 0
        for field in STATE_FIELDS:
            value = getattr(sym, field)
            # Every symbol has its (empty) containers: count only held values.
            if field != "attributes" and value is not None and value != [] and value != {}:
                size += deep_size(value, seen)
        if size:
            sizes[name] = size
    return sizes


def out_history_size(session) -> tuple[int, int | None]:
    """(bytes, number of results) held by the Out history; (0, None) when the
    session does not expose it."""
    history = getattr(session, "outputs", None)
    if history is None:
        return 0, None
    seen: set[int] = set()
    values = list(history.values()) if isinstance(history, dict) else list(history)
    return sum(deep_size(v, seen) for v in values), len(values)
