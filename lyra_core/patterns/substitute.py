"""Put matched values into a template: what applying a rule's right side means.

Bound symbols are replaced everywhere, held forms included (WL's rule
application does not respect Hold). A symbol bound to Sequence[...] that
stands as an argument is spliced into the argument list, so `f[x__] :> g[x]`
turns f[1, 2] into g[1, 2] and `Hold[x]` into Hold[1, 2].

Untouched subtrees are returned as the very same objects: applying a rule
never rebuilds the parts of the right side that mention no pattern variable.
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import Symbol

_Sequence = S.Sequence


def substitute(expr, bindings: dict):
    """`expr` with every Symbol that is a key of `bindings` replaced by its value."""
    if not bindings:
        return expr
    t = type(expr)
    if t is Symbol:
        return bindings.get(expr, expr)
    if t is Expr:
        return _subst_expr(expr, bindings)
    if t is Association:
        return _subst_assoc(expr, bindings)
    return expr


def _subst_expr(e: Expr, b: dict):
    head = e.head
    th = type(head)
    if th is Symbol:
        new_head = b.get(head, head)
    elif th is Expr:
        new_head = _subst_expr(head, b)
    else:
        new_head = head
    args = e.args
    new_args = None  # built only once something changes
    for i, a in enumerate(args):
        ta = type(a)
        if ta is Symbol:
            v = b.get(a, a)
            if v is not a and type(v) is Expr and v.head is _Sequence:
                if new_args is None:
                    new_args = list(args[:i])
                new_args.extend(v.args)
                continue
        elif ta is Expr:
            v = _subst_expr(a, b)
        elif ta is Association:
            v = _subst_assoc(a, b)
        else:
            v = a
        if new_args is not None:
            new_args.append(v)
        elif v is not a:
            new_args = list(args[:i])
            new_args.append(v)
    if new_args is None:
        if new_head is head:
            return e
        return Expr(new_head, args)
    return Expr(new_head, tuple(new_args))


def compile_template(template, names):
    """A function `bindings -> substitute(template, bindings)` specialised to
    `template`, valid for bindings whose Symbol keys are among `names`.

    Rules compile their right side once: applying the rule then copies each
    argument list and fills in only the positions that hold pattern variables.
    """
    build = _compile(template, names)
    if build is None:
        return lambda b: template
    return build


def _compile(t, names):
    """The builder for t, or None when t mentions none of `names`."""
    ty = type(t)
    if ty is Symbol:
        if t in names:
            return lambda b: b.get(t, t)
        return None
    if ty is Association:
        for key, value, _ in t.items.values():
            if _compile(key, names) is not None or _compile(value, names) is not None:
                return lambda b: substitute(t, b)
        return None
    if ty is not Expr:
        return None
    head = t.head
    head_fn = _compile(head, names)
    base = list(t.args)
    named = []  # (position, name): a bare pattern variable, maybe a sequence
    built = []  # (position, builder): a part that mentions variables
    for i, a in enumerate(base):
        if type(a) is Symbol:
            if a in names:
                named.append((i, a))
        else:
            fn = _compile(a, names)
            if fn is not None:
                built.append((i, fn))
    if head_fn is None and not named and not built:
        return None
    named = tuple(named)
    built = tuple(built)

    def build(b):
        args = base.copy()
        for i, fn in built:
            args[i] = fn(b)
        splice = False
        for i, name in named:
            v = b.get(name, name)
            args[i] = v
            if type(v) is Expr and v.head is _Sequence:
                splice = True
        if splice:
            args = _spliced(args, named)
        return Expr(head if head_fn is None else head_fn(b), tuple(args))

    return build


def _spliced(args, named):
    positions = {i for i, _ in named}
    out = []
    for i, v in enumerate(args):
        if i in positions and type(v) is Expr and v.head is _Sequence:
            out.extend(v.args)
        else:
            out.append(v)
    return out


def _subst_assoc(a: Association, b: dict):
    changed = False
    pairs = []
    for key, value, delayed in a.items.values():
        new_key = substitute(key, b)
        new_value = substitute(value, b)
        if new_key is not key or new_value is not value:
            changed = True
        pairs.append((new_key, new_value, delayed))
    if not changed:
        return a
    return Association.from_pairs(pairs)
