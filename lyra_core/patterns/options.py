"""OptionValue inside the right side of a rule whose left side has OptionsPattern[].

When such a rule applies, `OptionValue[name]` and `OptionValue[f, name]` in
its right side are replaced by the value the call gave for the option (the
first matching rule among the options it passed), else the default from
Options[f] -- f being the OptionsPattern's argument, or the head of the
definition. A name may be a symbol or a string, or a list of names.
"""

from __future__ import annotations

from ..engine import messages
from ..expr import system_symbols as S
from ..expr.assoc import Association
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from .structure import OPTIONS_KEY, OptionValue, flatten_rules

_Sequence = S.Sequence
_Options = system("Options")

messages.define("OptionValue", "optnf", "Option name `1` not found in defaults for `2`.")


def substitute_with_options(template, b: dict, ev, owner):
    """substitute(template, b), with the OptionValue[...] forms resolved."""
    found = b.get(OPTIONS_KEY)
    if found is None:
        from .substitute import substitute

        return substitute(template, b)
    given, spec = found
    return _walk(template, b, ev, given, spec if spec is not None else owner)


def _walk(e, b, ev, given, source):
    t = type(e)
    if t is Symbol:
        return b.get(e, e)
    if t is Association:
        from .substitute import substitute

        return substitute(e, b)
    if t is not Expr:
        return e
    if e.head is OptionValue and len(e.args) in (1, 2):
        args = tuple(_walk(a, b, ev, given, source) for a in e.args)
        if len(args) == 1:
            return _values(args[0], given, source, ev)
        return _values(args[1], given, args[0], ev)
    head = _walk(e.head, b, ev, given, source)
    new_args = []
    changed = head is not e.head
    for a in e.args:
        v = _walk(a, b, ev, given, source)
        if type(a) is Symbol and v is not a and type(v) is Expr and v.head is _Sequence:
            new_args.extend(v.args)
            changed = True
            continue
        if v is not a:
            changed = True
        new_args.append(v)
    if not changed:
        return e
    return Expr(head, tuple(new_args))


def option_values(name, given, source, ev):
    """OptionValue[source, given, name]: the value of option `name` (or a list of
    names) among the rules `given`, else among the defaults of `source`."""
    return _values(name, tuple(flatten_rules(given, [])), source, ev)


def _values(name, given, source, ev):
    if type(name) is Expr and name.head is S.List:
        return Expr(S.List, tuple(_value(n, given, source, ev) for n in name.args))
    return _value(name, given, source, ev)


def _option_name(x):
    if type(x) is Symbol:
        return x.name
    if type(x) is str:
        return x
    return None


def _lookup(rules, wanted):
    for r in rules:
        if type(r) is Expr and len(r.args) == 2 and _option_name(r.args[0]) == wanted:
            return r
    return None


def _default_rules(source, out, ev):
    """The default option rules a source names: a symbol's Options, rules, lists."""
    if type(source) is Symbol:
        if source.options:
            out.extend(source.options)
        else:  # Options[f] may be kept as a definition rather than in the slot
            found = ev.evaluate(Expr(_Options, (source,)))
            if type(found) is Expr and found.head is S.List:
                out.extend(r for r in found.args if type(r) is Expr)
    elif type(source) is Expr:
        if source.head is S.List:
            for s in source.args:
                _default_rules(s, out, ev)
        elif source.head is S.Rule or source.head is S.RuleDelayed:
            out.append(source)
    return out


def _value(name, given, source, ev):
    wanted = _option_name(name)
    if wanted is None:
        return Expr(OptionValue, (name,))
    r = _lookup(given, wanted)
    if r is None:
        r = _lookup(_default_rules(source, [], ev), wanted)
    if r is None:
        ev.message("OptionValue", "optnf", name, source)
        return name
    return r.args[1]
