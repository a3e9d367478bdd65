"""Definitions: Set and its family, Clear/Remove, attributes, introspection."""

from __future__ import annotations

from ..expr import symbol as symtab
from ..expr.normal import E, Expr
from ..expr.symbol import ATTR, ATTRIBUTE_NAMES, LOCKED, PROTECTED, Symbol, system, touch
from ..expr import system_symbols as S
from ..expr.order import canonical_sort
from ..patterns import Rule, insert_definition, remove_definition
from .list_support import is_rule
from .registry import builtin
from . import system_variables
from .parts import get_part, set_part

HOLD_PATTERN = S.HoldPattern
CONDITION = S.Condition


# ---------------------------------------------------------------- helpers
def _strip(lhs):
    """The lhs with HoldPattern and Condition wrappers removed (for finding its tag)."""
    while type(lhs) is Expr and lhs.head in (HOLD_PATTERN, CONDITION) and lhs.args:
        lhs = lhs.args[0]
    return lhs


def _lhs_arguments_evaluated(ev, lhs):
    """WL evaluates the arguments of an assignment's left side (not its head),
    unless the head holds them: a = 1; f[a] = 2 defines f[1]."""
    if type(lhs) is not Expr:
        return lhs
    if lhs.head is HOLD_PATTERN:
        return lhs
    if lhs.head is CONDITION and len(lhs.args) == 2:
        inner = _lhs_arguments_evaluated(ev, lhs.args[0])
        return Expr(CONDITION, (inner, lhs.args[1]))
    head = lhs.head
    if type(head) is Expr:
        head = _lhs_arguments_evaluated(ev, head)
        attrs = 0
    else:
        attrs = head.attributes if type(head) is Symbol else 0
    if attrs & symtab.HOLD_ALL or attrs & symtab.HOLD_ALL_COMPLETE:
        args = lhs.args
    elif attrs & symtab.HOLD_FIRST:
        args = lhs.args[:1] + tuple(ev.evaluate(a) for a in lhs.args[1:])
    elif attrs & symtab.HOLD_REST:
        args = tuple(ev.evaluate(a) for a in lhs.args[:1]) + lhs.args[1:]
    else:
        args = tuple(ev.evaluate(a) for a in lhs.args)
    # The left side takes the canonical form its head gives calls, so that
    # Plus[q, 1] ^= v matches the evaluated q + 1.
    if attrs & symtab.FLAT:
        args = tuple(
            b for a in args for b in (a.args if type(a) is Expr and a.head is head else (a,))
        )
    if attrs & symtab.ORDERLESS:
        args = canonical_sort(args)
    return Expr(head, args)


def _innermost(head):
    depth = 0
    while type(head) is Expr:
        head = head.head
        depth += 1
    return head, depth


def _check_writable(ev, sym: Symbol, caller: str, lhs) -> bool:
    if sym.attributes & LOCKED:
        ev.message(caller, "locked", sym)
        return False
    if sym.attributes & PROTECTED:
        if type(lhs) is Symbol:
            ev.message(caller, "wrsym", sym)
        else:
            ev.message(caller, "write", sym, lhs)
        return False
    return True


def assign(ev, lhs, rhs, delayed: bool, caller: str) -> bool:
    """Make the definition lhs = rhs (or :=). False (after a message) if refused."""
    if type(lhs) is Symbol:
        if not _check_writable(ev, lhs, caller, lhs):
            return False
        touch(lhs)
        # x := v stores v unevaluated; x = v stores the value. Either way,
        # evaluating x evaluates what is stored.
        lhs.ownvalue = rhs
        system_variables.assigned(ev, lhs, rhs)
        return True
    if type(lhs) is not Expr:
        ev.message(caller, "setraw", lhs)
        return False
    core = _strip(lhs)
    if type(core) is not Expr:
        if type(core) is Symbol:
            return assign(ev, core, rhs, delayed, caller)
        ev.message(caller, "setraw", core)
        return False
    tag, depth = _innermost(core.head)
    if type(tag) is not Symbol:
        ev.message(caller, "setraw", core)
        return False
    if not _check_writable(ev, tag, caller, core):
        return False
    rule = Rule(lhs, rhs, delayed)
    touch(tag)
    if depth == 0:
        insert_definition(tag.downvalues, rule)
    else:
        insert_definition(tag.subvalues, rule)
    return True


def assign_up(ev, lhs, rhs, delayed: bool, caller: str, tags=None) -> bool:
    """UpSet / TagSet: attach the rule to the symbols at level 1 of lhs (or to `tags`)."""
    core = _strip(lhs)
    if type(core) is not Expr:
        ev.message(caller, "setraw", core)
        return False
    if tags is None:
        tags = []
        for a in core.args:
            t = _strip(a)
            while type(t) is Expr:
                t = t.head
            if type(t) is Symbol and t not in tags:
                tags.append(t)
    rule = Rule(lhs, rhs, delayed)
    done = False
    for tag in tags:
        if not _check_writable(ev, tag, caller, core):
            continue
        touch(tag)
        head, _ = _innermost(core.head)
        if head is tag:
            insert_definition(tag.downvalues, rule)
        else:
            insert_definition(tag.upvalues, rule)
        done = True
    return done


# ---------------------------------------------------------------- Set family
@builtin(
    "Set",
    nargs=2,
    attributes=("HoldFirst", "Protected", "SequenceHold"),
    usage="Set[lhs, rhs] or lhs = rhs evaluates rhs and assigns it to lhs from then on.\n"
    "Example: x = 5; x^2 gives 25; f[1] = 10; {a, b} = {1, 2}; v[[2]] = 7",
)
def set_(ev, lhs, rhs):
    if type(lhs) is Expr and lhs.head is S.List:
        return _set_list(ev, lhs, rhs)
    if type(lhs) is Expr and lhs.head is S.Part:
        return _set_part(ev, lhs, rhs)
    if type(lhs) is Expr and lhs.head is S.MessageName:
        return rhs if _set_message(ev, lhs, rhs) else None
    if type(lhs) is Expr and lhs.head in _SPECIAL_VALUES:
        return rhs if _SPECIAL_VALUES[lhs.head](ev, lhs, rhs) else None
    lhs = _lhs_arguments_evaluated(ev, lhs)
    assign(ev, lhs, rhs, False, "Set")
    return rhs


def _set_message(ev, lhs, text) -> bool:
    from .messaging import define_message

    sym, tag = (lhs.args + (None, None))[:2]
    if type(sym) is Symbol and type(tag) is str:
        return define_message(ev, sym, tag, text)
    return False


def _set_list(ev, lhs, rhs):
    if not (type(rhs) is Expr and rhs.head is S.List and len(rhs.args) == len(lhs.args)):
        ev.message("Set", "shape", lhs, rhs)
        return rhs
    for target, value in zip(lhs.args, rhs.args):
        set_(ev, target, value)
    return rhs


def _set_part(ev, lhs, rhs):
    target = lhs.args[0] if lhs.args else lhs
    if type(target) is not Symbol:
        ev.message("Set", "setps", target)
        return rhs
    current = target.ownvalue
    if current is None:
        ev.message("Set", "noval", target)
        return rhs
    indices = [ev.evaluate(i) for i in lhs.args[1:]]
    updated = set_part(ev, ev.evaluate(current), indices, rhs)
    if updated is not None:
        assign(ev, target, updated, False, "Set")
    return rhs


@builtin(
    "SetDelayed",
    nargs=2,
    attributes=("HoldAll", "Protected", "SequenceHold"),
    usage="SetDelayed[lhs, rhs] or lhs := rhs makes rhs the value of lhs, evaluated anew each time lhs is used.\n"
    "Example: f[x_] := x^2; f[3] gives 9",
)
def set_delayed(ev, lhs, rhs):
    if type(lhs) is Expr and lhs.head is S.MessageName:
        return S.Null if _set_message(ev, lhs, ev.evaluate(rhs)) else S.DollarFailed
    if type(lhs) is Expr and lhs.head in _SPECIAL_VALUES:
        ok = _SPECIAL_VALUES[lhs.head](ev, lhs, ev.evaluate(rhs))
        return S.Null if ok else S.DollarFailed
    lhs = _lhs_arguments_evaluated(ev, lhs)
    if assign(ev, lhs, rhs, True, "SetDelayed"):
        return S.Null
    return S.DollarFailed


@builtin(
    "UpSet",
    nargs=2,
    attributes=("HoldFirst", "Protected", "SequenceHold"),
    usage="UpSet[lhs, rhs] or lhs ^= rhs assigns rhs to lhs, attached to the symbols at level 1 of lhs (UpValues).\n"
    "Example: area[sq] ^= 4 stores the rule with sq",
)
def up_set(ev, lhs, rhs):
    lhs = _lhs_arguments_evaluated(ev, lhs)
    assign_up(ev, lhs, rhs, False, "UpSet")
    return rhs


@builtin(
    "UpSetDelayed",
    nargs=2,
    attributes=("HoldAll", "Protected", "SequenceHold"),
    usage="UpSetDelayed[lhs, rhs] or lhs ^:= rhs is the delayed form of UpSet.\n"
    "Example: g[x_Foo] ^:= 1",
)
def up_set_delayed(ev, lhs, rhs):
    lhs = _lhs_arguments_evaluated(ev, lhs)
    return S.Null if assign_up(ev, lhs, rhs, True, "UpSetDelayed") else S.DollarFailed


@builtin(
    "TagSet",
    nargs=3,
    attributes=("HoldAll", "Protected", "SequenceHold"),
    usage="TagSet[f, lhs, rhs] or f /: lhs = rhs assigns rhs to lhs, attached to the symbol f.\n"
    "Example: q /: q[x_] + q[y_] = q[x + y]",
)
def tag_set(ev, tag, lhs, rhs):
    rhs = ev.evaluate(rhs)
    lhs = _lhs_arguments_evaluated(ev, lhs)
    if type(tag) is Symbol:
        assign_up(ev, lhs, rhs, False, "TagSet", tags=[tag])
    return rhs


@builtin(
    "TagSetDelayed",
    nargs=3,
    attributes=("HoldAll", "Protected", "SequenceHold"),
    usage="TagSetDelayed[f, lhs, rhs] or f /: lhs := rhs is the delayed form of TagSet.\n"
    "Example: q /: Length[q[x__]] := 42",
)
def tag_set_delayed(ev, tag, lhs, rhs):
    lhs = _lhs_arguments_evaluated(ev, lhs)
    if type(tag) is Symbol and assign_up(ev, lhs, rhs, True, "TagSetDelayed", tags=[tag]):
        return S.Null
    return S.DollarFailed


@builtin(
    "Unset",
    nargs=1,
    attributes=("HoldFirst", "Protected", "ReadProtected"),
    usage="Unset[lhs] or lhs =. removes the value or the definition with exactly this left side.\n"
    "Example: x = 1; x =.; x gives x",
)
def unset(ev, lhs):
    if type(lhs) is Symbol:
        if not _check_writable(ev, lhs, "Unset", lhs):
            return S.DollarFailed
        touch(lhs)
        lhs.ownvalue = None
        return S.Null
    lhs = _lhs_arguments_evaluated(ev, lhs)
    core = _strip(lhs)
    if type(core) is Expr:
        tag, depth = _innermost(core.head)
        if type(tag) is Symbol:
            rules = tag.downvalues if depth == 0 else tag.subvalues
            touch(tag)
            if remove_definition(rules, lhs):
                return S.Null
    ev.message("Unset", "norep", lhs)
    return S.DollarFailed


# ---------------------------------------------------------------- modify-in-place
def _current_value(ev, sym, caller):
    if type(sym) is not Symbol or sym.ownvalue is None:
        ev.message(caller, "rvalue", sym)
        return None
    return ev.evaluate(sym)


def _plain_builtin(head) -> bool:
    """No user definition can intercept head[...] (so integer fast paths hold)."""
    return not (head.downvalues or head.upvalues)


def _updater(name, op_head, usage, pre: bool, delta=None):
    @builtin(name, nargs=1 if delta is not None else 2, attributes=("HoldFirst", "Protected"), usage=usage)
    def update(ev, target, amount=None):
        if type(target) is Expr and target.head is S.Part:
            old = ev.evaluate(target)
            new = ev.evaluate(E(op_head, old, delta if delta is not None else amount))
            _set_part(ev, target, new)
            return new if pre else old
        old = _current_value(ev, target, name)
        if old is None:
            return None
        step = delta if delta is not None else amount
        if type(old) is int and type(step) is int and _plain_builtin(op_head):
            # Machine-integer loops (s += i, i++): what Plus/Times would give.
            new = old + step if op_head is S.Plus else old * step
        else:
            new = ev.evaluate(E(op_head, old, step))
        if not assign(ev, target, new, False, name):
            return None
        return new if pre else old

    return update


_updater("Increment", S.Plus, "Increment[x] or x++ adds 1 to x and gives the old value.\nExample: i = 1; i++ gives 1, then i is 2", False, 1)
_updater("Decrement", S.Plus, "Decrement[x] or x-- subtracts 1 from x and gives the old value.\nExample: i = 5; i-- gives 5", False, -1)
_updater("PreIncrement", S.Plus, "PreIncrement[x] or ++x adds 1 to x and gives the new value.\nExample: i = 1; ++i gives 2", True, 1)
_updater("PreDecrement", S.Plus, "PreDecrement[x] or --x subtracts 1 from x and gives the new value.\nExample: i = 1; --i gives 0", True, -1)
_updater("AddTo", S.Plus, "AddTo[x, d] or x += d adds d to x and gives the new value.\nExample: s = 0; s += 5 gives 5", True)
_updater("TimesBy", S.Times, "TimesBy[x, c] or x *= c multiplies x by c and gives the new value.\nExample: p = 2; p *= 3 gives 6", True)


@builtin(
    "SubtractFrom",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="SubtractFrom[x, d] or x -= d subtracts d from x and gives the new value.\nExample: s = 5; s -= 2 gives 3",
)
def subtract_from(ev, target, amount):
    return _modify(ev, target, lambda old: E(S.Plus, old, E(S.Times, -1, amount)), "SubtractFrom")


@builtin(
    "DivideBy",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="DivideBy[x, c] or x /= c divides x by c and gives the new value.\nExample: p = 6; p /= 4 gives 3/2",
)
def divide_by(ev, target, amount):
    return _modify(ev, target, lambda old: E(S.Times, old, E(S.Power, amount, -1)), "DivideBy")


@builtin(
    "AppendTo",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="AppendTo[x, e] appends e to the list value of x and stores the result.\nExample: v = {1}; AppendTo[v, 2] gives {1, 2}",
)
def append_to(ev, target, item):
    return _modify(ev, target, lambda old: _append(old, item, False), "AppendTo")


@builtin(
    "PrependTo",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="PrependTo[x, e] prepends e to the list value of x and stores the result.\nExample: v = {1}; PrependTo[v, 0] gives {0, 1}",
)
def prepend_to(ev, target, item):
    return _modify(ev, target, lambda old: _append(old, item, True), "PrependTo")


def _append(old, item, front):
    if type(old) is not Expr:
        return None
    args = (item,) + old.args if front else old.args + (item,)
    return Expr(old.head, args)


def _modify(ev, target, build, caller):
    if type(target) is Expr and target.head is S.Part:
        old = ev.evaluate(target)
        built = build(old)
        if built is None:
            return None
        new = ev.evaluate(built)
        _set_part(ev, target, new)
        return new
    old = _current_value(ev, target, caller)
    if old is None:
        return None
    built = build(old)
    if built is None:
        ev.message(caller, "normal", 1, E(system(caller), target))
        return None
    new = ev.evaluate(built)
    if not assign(ev, target, new, False, caller):
        return None
    return new


# ---------------------------------------------------------------- clearing
def _symbols_named(ev, args, caller):
    """Symbols given directly or by name/pattern string (Clear["x", "f*"])."""
    out = []
    for a in args:
        if type(a) is Symbol:
            out.append(a)
        elif type(a) is str:
            out.extend(_symbols_matching(ev, a))
        elif type(a) is Expr and a.head is S.List:
            out.extend(_symbols_named(ev, a.args, caller))
        else:
            ev.message(caller, "ssym", a)
    return out


def _symbols_matching(ev, pattern):
    import fnmatch

    session = ev.session
    if "`" in pattern:
        return [s for s in symtab.all_symbols() if fnmatch.fnmatchcase(s.full_name, pattern)]
    return [
        symtab.lookup(name)
        for name in session.user_symbols()
        if fnmatch.fnmatchcase(name, pattern)
    ]


def clear_values(sym: Symbol) -> None:
    touch(sym)
    sym.ownvalue = None
    sym.downvalues = []
    sym.upvalues = []
    sym.subvalues = []
    sym.nvalues = []
    sym.defaultvalues = {}


@builtin(
    "Clear",
    attributes=("HoldAll", "Protected"),
    usage="Clear[s1, s2, ...] removes the values and definitions of the symbols (their attributes stay).\n"
    "Example: x = 1; Clear[x]; x gives x",
)
def clear(ev, *args):
    for sym in _symbols_named(ev, args, "Clear"):
        if sym.attributes & PROTECTED:
            ev.message("Clear", "wrsym", sym)
            continue
        clear_values(sym)
    return S.Null


@builtin(
    "ClearAll",
    attributes=("HoldAll", "Protected"),
    usage="ClearAll[s1, s2, ...] removes all values, definitions, attributes, messages and options of the symbols.\n"
    "Example: SetAttributes[f, Listable]; ClearAll[f]; Attributes[f] gives {}",
)
def clear_all(ev, *args):
    for sym in _symbols_named(ev, args, "ClearAll"):
        if sym.attributes & (PROTECTED | LOCKED):
            ev.message("ClearAll", "wrsym", sym)
            continue
        clear_values(sym)
        sym.attributes = 0
        sym.messages = {}
        sym.options = []
    return S.Null


@builtin(
    "Remove",
    attributes=("HoldAll", "Locked", "Protected"),
    usage="Remove[s1, ...] removes the symbols completely: later uses of the names make new symbols.\n"
    "Example: x = 1; Remove[x]; x gives x",
)
def remove(ev, *args):
    for sym in _symbols_named(ev, args, "Remove"):
        if sym.attributes & (PROTECTED | LOCKED):
            ev.message("Remove", "rmptc", sym)
            continue
        clear_values(sym)
        sym.attributes = 0
        symtab.remove_symbol(sym)
    return S.Null


# ---------------------------------------------------------------- attributes
def _attribute_flags(ev, spec, caller) -> int | None:
    names = spec.args if type(spec) is Expr and spec.head is S.List else (spec,)
    flags = 0
    for name in names:
        if type(name) is Symbol and name.name in ATTR:
            flags |= ATTR[name.name]
        else:
            ev.message(caller, "sym", name, 2)
            return None
    return flags


def attributes_list(sym: Symbol) -> Expr:
    return Expr(
        S.List,
        tuple(system(n) for n in ATTRIBUTE_NAMES if sym.attributes & ATTR[n]),
    )


@builtin(
    "Attributes",
    nargs=1,
    attributes=("HoldAll", "Listable", "Protected"),
    usage="Attributes[f] gives the list of attributes of the symbol f.\nExample: Attributes[Plus] gives {Flat, Listable, NumericFunction, OneIdentity, Orderless, Protected}",
)
def attributes(ev, sym):
    if type(sym) is str:
        sym = symtab.lookup(sym)
    if type(sym) is not Symbol:
        ev.message("Attributes", "ssle", E(system("Attributes"), sym), 1)
        return None
    return attributes_list(sym)


def _change_attributes(ev, target, spec, caller, add: bool):
    flags = _attribute_flags(ev, spec, caller)
    if flags is None:
        return None
    syms = _symbols_named(ev, (target,), caller)
    for sym in syms:
        if sym.attributes & LOCKED:
            ev.message(caller, "locked", sym)
            continue
        if sym.attributes & PROTECTED and not (not add and flags & PROTECTED):
            ev.message(caller, "wrsym", sym)
            continue
        touch(sym)
        if add:
            sym.attributes |= flags
        else:
            sym.attributes &= ~flags
    return S.Null


@builtin(
    "SetAttributes",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="SetAttributes[f, attr] or SetAttributes[f, {a1, a2, ...}] adds attributes to the symbol f.\n"
    "Example: SetAttributes[f, Listable]; f[{1, 2}] gives {f[1], f[2]}",
)
def set_attributes(ev, target, spec):
    return _change_attributes(ev, target, spec, "SetAttributes", True)


@builtin(
    "ClearAttributes",
    nargs=2,
    attributes=("HoldFirst", "Protected"),
    usage="ClearAttributes[f, attr] removes attributes from the symbol f.\n"
    "Example: ClearAttributes[f, Listable]",
)
def clear_attributes(ev, target, spec):
    return _change_attributes(ev, target, spec, "ClearAttributes", False)


def _protection(ev, args, caller, protect: bool):
    changed = []
    for sym in _symbols_named(ev, args, caller):
        if sym.attributes & LOCKED:
            ev.message(caller, "locked", sym)
            continue
        has = bool(sym.attributes & PROTECTED)
        if has != protect:
            touch(sym)
            if protect:
                sym.attributes |= PROTECTED
            else:
                sym.attributes &= ~PROTECTED
            changed.append(sym.name)
    return Expr(S.List, tuple(changed))


@builtin(
    "Protect",
    attributes=("HoldAll", "Protected"),
    usage="Protect[s1, ...] sets the Protected attribute, so the symbols' definitions cannot change; gives the names newly protected.\n"
    "Example: Protect[f] gives {\"f\"}",
)
def protect(ev, *args):
    return _protection(ev, args, "Protect", True)


@builtin(
    "Unprotect",
    attributes=("HoldAll", "Protected"),
    usage="Unprotect[s1, ...] removes the Protected attribute; gives the names unprotected.\n"
    "Example: Unprotect[Plus] gives {\"Plus\"}",
)
def unprotect(ev, *args):
    return _protection(ev, args, "Unprotect", False)


# ---------------------------------------------------------------- introspection
def _rules_list(rules) -> Expr:
    return Expr(
        S.List,
        tuple(
            E(S.RuleDelayed, r.lhs if _is_held(r.lhs) else E(HOLD_PATTERN, r.lhs), r.rhs)
            for r in rules
        ),
    )


def _is_held(lhs):
    return type(lhs) is Expr and lhs.head is HOLD_PATTERN


for _name, _field, _doc in (
    ("DownValues", "downvalues", "DownValues[f] gives the rules of the definitions f[...] := ... as HoldPattern[lhs] :> rhs.\nExample: f[x_] := x^2; DownValues[f] gives {HoldPattern[f[x_]] :> x^2}"),
    ("UpValues", "upvalues", "UpValues[f] gives the rules attached to f by UpSet or TagSet.\nExample: g[f] ^= 1; UpValues[f] gives {HoldPattern[g[f]] :> 1}"),
    ("SubValues", "subvalues", "SubValues[f] gives the rules of the definitions f[...][...] := ....\nExample: f[a][b_] := b; SubValues[f]"),
):

    def _make(field):
        def values(ev, sym):
            if type(sym) is not Symbol:
                return None
            return _rules_list(getattr(sym, field))

        return values

    builtin(_name, nargs=1, attributes=("HoldAll", "Protected"), usage=_doc)(_make(_field))


@builtin(
    "OwnValues",
    nargs=1,
    attributes=("HoldAll", "Protected"),
    usage="OwnValues[x] gives the rule for the value of the symbol x.\nExample: x = 5; OwnValues[x] gives {HoldPattern[x] :> 5}",
)
def own_values(ev, sym):
    if type(sym) is not Symbol:
        return None
    if sym.ownvalue is None:
        return Expr(S.List, ())
    return E(S.List, E(S.RuleDelayed, E(HOLD_PATTERN, sym), sym.ownvalue))


def definition_lines(sym: Symbol) -> list[str]:
    """The definitions of sym as Lyra source lines (used by Definition, ??, %save)."""
    from ..forms import input_form

    lines = []
    attrs = [n for n in ATTRIBUTE_NAMES if sym.attributes & ATTR[n]]
    if attrs and not (sym.pristine is not None and sym.attributes == sym.pristine[0]):
        lines.append(f"Attributes[{sym.name}] = {{{', '.join(attrs)}}}")
    if sym.ownvalue is not None:
        lines.append(f"{input_form(sym)} = {input_form(sym.ownvalue)}")
    for rule in sym.downvalues + sym.subvalues:
        op = ":=" if rule.delayed else "="
        lines.append(f"{input_form(rule.lhs)} {op} {input_form(rule.rhs)}")
    for rule in sym.upvalues:
        op = "^:=" if rule.delayed else "^="
        core = _strip(rule.lhs)
        direct = type(core) is Expr and all(
            _innermost(_strip(a))[0] is sym or _innermost(_strip(a))[0] is not Symbol for a in core.args
        )
        if direct:
            lines.append(f"{input_form(rule.lhs)} {op} {input_form(rule.rhs)}")
        else:
            tag_op = ":=" if rule.delayed else "="
            lines.append(f"{sym.name} /: {input_form(rule.lhs)} {tag_op} {input_form(rule.rhs)}")
    if sym.defaultvalues:
        for pos, value in sym.defaultvalues.items():
            target = sym.name if pos is None else f"{sym.name}, {pos}"
            lines.append(f"Default[{target}] = {input_form(value)}")
    if sym.options:
        lines.append(
            f"Options[{sym.name}] = {{{', '.join(input_form(o) for o in sym.options)}}}"
        )
    return lines


@builtin(
    "Definition",
    nargs=1,
    attributes=("HoldAll", "Protected"),
    usage="Definition[f] gives the definitions of f as text.\nExample: f[x_] := x^2; Definition[f] gives \"f[x_] := x^2\"",
)
def definition(ev, sym):
    if type(sym) is not Symbol:
        return None
    return "\n\n".join(definition_lines(sym)) or "Null"


# ---------------------------------------------------------------- defaults and options
def _target_symbol(ev, lhs, caller):
    sym = lhs.args[0] if lhs.args else None
    if type(sym) is not Symbol:
        ev.message(caller, "sym", sym, 1)
        return None
    if sym.attributes & (PROTECTED | LOCKED):
        ev.message(caller, "write", system(caller), lhs)
        return None
    return sym


def _set_default(ev, lhs, value) -> bool:
    """Default[f] = v, Default[f, i] = v: the values x_. takes in f's arguments."""
    sym = _target_symbol(ev, lhs, "Default")
    if sym is None:
        return False
    position = lhs.args[1] if len(lhs.args) > 1 else None
    touch(sym)
    sym.defaultvalues[position] = value
    return True


def _set_options(ev, lhs, value) -> bool:
    """Options[f] = {name -> value, ...}."""
    sym = _target_symbol(ev, lhs, "Options")
    if sym is None:
        return False
    rules = value.args if type(value) is Expr and value.head is S.List else (value,)
    if not all(is_rule(r) for r in rules):
        ev.message("Options", "rep", value)
        return False
    touch(sym)
    sym.options = list(rules)
    return True


_SPECIAL_VALUES = {system("Default"): _set_default, system("Options"): _set_options}


@builtin(
    "Default",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Default[f] is the value an optional argument x_. of f takes when it is omitted; Default[f, i] for position i. "
    "Set it with Default[f] = v.\nExample: Default[g] = 5; g[x_.] := x; g[] gives 5",
)
def default(ev, sym, position=None, *rest):
    if type(sym) is not Symbol:
        return None
    values = sym.defaultvalues
    if position in values:
        return values[position]
    if None in values:
        return values[None]
    return None


def _option_key(name):
    """An option's name as compared: Size and "Size" are the same option."""
    return name.name if type(name) is Symbol else name


@builtin(
    "Options",
    nargs=(1, 2),
    attributes=("HoldAll", "Protected"),
    usage="Options[f] gives the list of default options of f; Options[f, name] just that one. "
    "Set them with Options[f] = {name -> value, ...}.\nExample: Options[g] = {Size -> 1}; Options[g] gives {Size -> 1}",
)
def options(ev, sym, name=None):
    if type(sym) is not Symbol:
        return None
    rules = sym.options
    if name is not None:
        wanted = _option_key(name)
        rules = [r for r in rules if _option_key(r.args[0]) == wanted]
    return Expr(S.List, tuple(rules))


@builtin(
    "SetOptions",
    nargs=(1, None),
    attributes=("Protected",),
    usage="SetOptions[f, name -> value, ...] changes default options of f and gives the new list.\n"
    "Example: Options[g] = {Size -> 1}; SetOptions[g, Size -> 2] gives {Size -> 2}",
)
def set_options(ev, sym, *rules):
    if type(sym) is not Symbol:
        return None
    current = list(sym.options)
    for rule in rules:
        if not is_rule(rule):
            ev.message("SetOptions", "rep", rule)
            return None
        names = [_option_key(r.args[0]) for r in current]
        name = _option_key(rule.args[0])
        if name not in names:
            ev.message("SetOptions", "optnf", rule.args[0], sym)
            return None
        current[names.index(name)] = rule
    touch(sym)
    sym.options = current
    return Expr(S.List, tuple(current))
