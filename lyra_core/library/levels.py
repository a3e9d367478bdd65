"""Level specifications, shared by Map, Apply, Level, Cases, Position, Replace, ...

WL forms: n (levels 1 through n), {n} (level n only), {n1, n2}, Infinity
(1 through Infinity), All (0 through Infinity). A negative level -k names
the parts whose Depth is k (-1: the atoms). Traversal is depth first and
children before their parent, as WL visits them.
"""

from __future__ import annotations

from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr import system_symbols as S

INFINITE = float("inf")


def _level_number(x):
    if type(x) is int:
        return x
    if type(x) is Expr and x.head is S.DirectedInfinity and x.args == (1,):
        return INFINITE
    if x is S.Infinity:
        return INFINITE
    return None


def parse_levelspec(ev, spec, caller):
    """(lo, hi) for a level specification, or None after the General::level message."""
    if spec is S.All:
        return (0, INFINITE)
    n = _level_number(spec)
    if n is not None:
        return (1, n)
    if type(spec) is Expr and spec.head is S.List and 1 <= len(spec.args) <= 2:
        nums = [_level_number(a) for a in spec.args]
        if all(v is not None for v in nums):
            return (nums[0], nums[0]) if len(nums) == 1 else (nums[0], nums[1])
    ev.message(caller, "level", spec)
    return None


def depth(e) -> int:
    """WL's Depth: 1 for atoms, 1 + the deepest argument otherwise (heads excluded)."""
    if type(e) is not Expr or not e.args:
        return 1
    # Iterative, so very deep expressions do not exhaust the Python stack.
    best = 1
    stack = [(e, 1)]
    while stack:
        node, d = stack.pop()
        if type(node) is Expr and node.args:
            for a in node.args:
                stack.append((a, d + 1))
        elif d > best:
            best = d
    return best


def in_range(level: int, part, lo, hi) -> bool:
    """Is `part`, found at `level`, inside the level range lo..hi?"""
    if lo >= 0 and hi >= 0:
        return lo <= level <= hi
    d = depth(part) if (lo < 0 or hi < 0) else 0
    ok_lo = level >= lo if lo >= 0 else -d >= lo
    ok_hi = level <= hi if hi >= 0 else -d <= hi
    return ok_lo and ok_hi


def _children(e):
    if type(e) is Expr:
        return e.args
    if type(e) is Association:
        return tuple(e.values())
    return ()


def walk(e, lo, hi, heads: bool = False):
    """Yield (position tuple, part) for the parts of e within lo..hi, in WL order."""
    results = []

    def visit(node, level, position):
        if type(node) is Expr:
            if heads:
                visit(node.head, level + 1, position + (0,))
            for i, a in enumerate(node.args, 1):
                visit(a, level + 1, position + (i,))
        elif type(node) is Association:
            for entry in node.items.values():
                key = entry[0]
                visit(entry[1], level + 1, position + (E_key(key),))
        if in_range(level, node, lo, hi):
            results.append((position, node))

    visit(e, 0, ())
    return results


def E_key(key):
    return Expr(S.Key, (key,))


def map_at_levels(e, transform, lo, hi, heads: bool = False, level: int = 0):
    """e with transform(part) applied at every part within lo..hi, bottom up.

    Whether a part is in range is decided on the part as it was (negative
    levels depend on its depth, which the transformation may change)."""
    inside = in_range(level, e, lo, hi)
    if type(e) is Expr and (hi > level or hi < 0):
        new_head = e.head
        if heads:
            new_head = map_at_levels(e.head, transform, lo, hi, heads, level + 1)
        new_args = tuple(map_at_levels(a, transform, lo, hi, heads, level + 1) for a in e.args)
        changed = new_head is not e.head or any(x is not y for x, y in zip(new_args, e.args))
        if changed:
            e = Expr(new_head, new_args)
    elif type(e) is Association and (hi > level or hi < 0):
        items = {}
        for k, (key, value, delayed) in e.items.items():
            items[k] = (key, map_at_levels(value, transform, lo, hi, heads, level + 1), delayed)
        # Rebuilt as a call, so that evaluation evaluates the new values.
        e = Expr(S.Association, tuple(
            Expr(S.RuleDelayed if delayed else S.Rule, (key, value))
            for key, value, delayed in items.values()
        ))
    if inside:
        return transform(e)
    return e
