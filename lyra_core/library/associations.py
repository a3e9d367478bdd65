"""Associations: building them, reading keys and values, and reshaping them.

An association is the atom lyra_core.expr.Association (insertion-ordered,
`items` maps key_of(key) -> (key, value, delayed)). `Association[rules...]`
and `<|...|>` evaluate into it here; an entry from `k :> v` keeps v
unevaluated and evaluates it each time it is read.

Most functions also accept a list of rules where WL does (Keys, Values,
Lookup, KeyDrop, ...). `apply_association(ev, assoc, args)` is what
`assoc[key]` does: the evaluator calls it for a call whose head is an
association.
"""

from __future__ import annotations

from ..engine import messages as message_texts
from ..expr.assoc import Association, key_of
from ..expr.normal import E, Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .list_support import is_rule as _is_rule
from .registry import builtin, declare

List = S.List
_Rule = S.Rule
_RuleDelayed = S.RuleDelayed
_Key = S.Key
_Missing = S.Missing
_AssociationHead = S.Association
TRUE = S.True_
FALSE = S.False_

for _name, _tag, _text in (
    ("General", "invrl", "The argument `1` is not a valid Association or a list of rules."),
    ("General", "idim", "`1` and `2` must have the same length."),
    ("AssociationMap", "invrl", "The argument `1` is not a valid Association or a list of rules."),
):
    message_texts.define(_name, _tag, _text)


def _missing(key) -> Expr:
    return E(_Missing, "KeyAbsent", key)


def _strip_key(k):
    """Key[k] names the key k (so a list or a Key can itself be a key)."""
    if type(k) is Expr and k.head is _Key and len(k.args) == 1:
        return k.args[0]
    return k


def _rule_of(key, value, delayed) -> Expr:
    return E(_RuleDelayed if delayed else _Rule, key, value)


def as_association(x):
    """An Association for an association or a (possibly nested) list of rules; else None."""
    if type(x) is Association:
        return x
    if type(x) is Expr and x.head is List:
        items = {}
        if _add_rules(items, x):
            return Association(items)
    return None


def _put_rule(items: dict, rule: Expr) -> None:
    """Enter the rule key -> value (or key :> value) into items."""
    key = rule.args[0]
    items[key_of(key)] = (key, rule.args[1], rule.head is _RuleDelayed)


def _add_rules(items: dict, lst: Expr) -> bool:
    for r in lst.args:
        if _is_rule(r):
            _put_rule(items, r)
        elif type(r) is Association:
            items.update(r.items)
        elif type(r) is Expr and r.head is List:
            if not _add_rules(items, r):
                return False
        else:
            return False
    return True


def _entry_value(ev, entry):
    """The value of an entry: a delayed one is evaluated now."""
    key, value, delayed = entry
    return ev.evaluate(value) if delayed else value


# ---------------------------------------------------------------- Association itself
@builtin(
    "Association",
    attributes=("HoldAllComplete", "Protected"),
    usage="Association[k1 -> v1, k2 -> v2, ...] or <|k1 -> v1, ...|> is an association from keys to values, kept "
    "in insertion order; a later rule for the same key replaces the value in place; k :> v keeps v unevaluated.\n"
    "Example: <|\"a\" -> 1, \"b\" -> 2|>[\"b\"] gives 2",
)
def association(ev, *args):
    items = {}
    for a in args:
        if not _add_argument(ev, items, a):
            return None
    return Association(items)


def _add_argument(ev, items: dict, a) -> bool:
    if type(a) is Expr and len(a.args) == 2 and (a.head is _Rule or a.head is _RuleDelayed):
        key = ev.evaluate(a.args[0])
        if a.head is _Rule:
            items[key_of(key)] = (key, ev.evaluate(a.args[1]), False)
        else:
            items[key_of(key)] = (key, a.args[1], True)
        return True
    value = ev.evaluate(a)
    if type(value) is Association:
        items.update(value.items)
        return True
    if _is_rule(value):
        _put_rule(items, value)
        return True
    if type(value) is Expr and value.head is List:
        return _add_rules(items, value)
    return False


def apply_association(ev, assoc: Association, args: tuple):
    """<|...|>[key]: the value for key (a delayed value evaluated), or
    Missing["KeyAbsent", key]. None (stay unevaluated) for other argument counts.
    The caller evaluates the result as it does a builtin's."""
    if len(args) != 1:
        return None
    key = _strip_key(args[0])
    entry = assoc.items.get(key_of(key))
    if entry is None:
        return _missing(key)
    return entry[1]


declare(
    "Missing",
    usage="Missing[\"reason\", ...] stands for a missing value, e.g. Missing[\"KeyAbsent\", k] for a key that is "
    "not in an association.\nExample: <|a -> 1|>[b] gives Missing[\"KeyAbsent\", b]",
)
declare(
    "Key",
    usage="Key[k] names the key k of an association in Part, Lookup and similar functions; Key[k][assoc] gives the "
    "value for k.\nExample: Key[\"a\"][<|\"a\" -> 1|>] gives 1; <|{1} -> x|>[[Key[{1}]]] gives x",
)


# ---------------------------------------------------------------- keys and values
def _keys_or_values(x, pick, wrap):
    """Keys / Values of an association, a rule, or a list of those; None if invalid."""
    if type(x) is Association:
        return Expr(List, tuple(wrap(pick(entry)) for entry in x.items.values()))
    if _is_rule(x):
        return wrap(pick((x.args[0], x.args[1], x.head is _RuleDelayed)))
    if type(x) is Expr and x.head is List:
        out = []
        for item in x.args:
            r = _keys_or_values(item, pick, wrap)
            if r is None:
                return None
            out.append(r)
        return Expr(List, tuple(out))
    return None


def _keys_values_builtin(name, pick, usage):
    def fn(ev, x, h=None):
        wrap = (lambda v: v) if h is None else (lambda v: E(h, v))
        result = _keys_or_values(x, pick, wrap)
        if result is None:
            ev.message(name, "invrl", x)
        return result

    builtin(name, nargs=(1, 2), usage=usage)(fn)


_keys_values_builtin(
    "Keys",
    lambda entry: entry[0],
    "Keys[assoc] gives the list of the keys of an association (or of a list of rules); Keys[assoc, h] wraps each in h.\n"
    "Example: Keys[<|a -> 1, b -> 2|>] gives {a, b}",
)
_keys_values_builtin(
    "Values",
    lambda entry: entry[1],
    "Values[assoc] gives the list of the values of an association (or of a list of rules); Values[assoc, h] wraps "
    "each in h.\nExample: Values[<|a -> 1, b -> 2|>] gives {1, 2}",
)


# ---------------------------------------------------------------- Lookup
@builtin(
    "Lookup",
    nargs=(1, 4),
    attributes=("HoldAll", "Protected"),
    operator_form=(1, 0),
    usage="Lookup[assoc, key] gives the value for key, or Missing[\"KeyAbsent\", key]; Lookup[assoc, {k1, k2}] a list "
    "of values; Lookup[{a1, a2}, key] the value in each association; Lookup[assoc, key, default] gives default "
    "(evaluated only then) for a missing key; Lookup[assoc, keys, default, h] wraps each value in h before it is "
    "evaluated; Lookup[key] is the operator form.\n"
    "Example: Lookup[<|a -> 1|>, b, 0] gives 0",
)
def lookup(ev, source, *rest):
    if not rest:
        return None  # operator form waiting for its association
    source = ev.evaluate(source)
    keys = ev.evaluate(rest[0])
    default = rest[1] if len(rest) > 1 else None
    head = ev.evaluate(rest[2]) if len(rest) > 2 else None
    default_value = []  # evaluated at most once, when first needed

    def fetch(assoc, key):
        entry = assoc.items.get(key_of(key))
        if entry is None:
            if default is None:
                return _missing(key)
            if not default_value:
                default_value.append(ev.evaluate(default))
            return default_value[0]
        if head is not None:
            return E(head, entry[1])
        return _entry_value(ev, entry)

    def for_keys(assoc):
        if type(keys) is Expr and keys.head is List:
            return Expr(List, tuple(fetch(assoc, _strip_key(k)) for k in keys.args))
        return fetch(assoc, _strip_key(keys))

    if _is_association_list(source):
        return Expr(List, tuple(for_keys(as_association(a)) for a in source.args))
    single = as_association(source)
    if single is not None:
        return for_keys(single)
    ev.message("Lookup", "invrl", source)
    return None


def _is_association_list(x) -> bool:
    """{assoc1, assoc2, ...} (as opposed to a list of rules)."""
    return (
        type(x) is Expr
        and x.head is List
        and len(x.args) > 0
        and all(type(a) is Association or (type(a) is Expr and a.head is List and as_association(a) is not None) for a in x.args)
    )


@builtin(
    "KeyExistsQ",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="KeyExistsQ[assoc, key] gives True if key is a key of the association (or list of rules); "
    "KeyExistsQ[key] is the operator form.\nExample: KeyExistsQ[<|a -> 1|>, a] gives True",
)
def key_exists_q(ev, source, key=None):
    if key is None:
        return None
    assoc = as_association(source)
    if assoc is None:
        ev.message("KeyExistsQ", "invrl", source)
        return None
    return TRUE if key_of(_strip_key(key)) in assoc.items else FALSE


# ---------------------------------------------------------------- reshaping
def _same_kind(source, assoc: Association):
    """An association result for an association, a list of rules for a list."""
    if type(source) is Association:
        return assoc
    return Expr(List, tuple(_rule_of(*entry) for entry in assoc.items.values()))


def _each_association(ev, caller, source, fn):
    """fn(assoc) for an association or list of rules; mapped over a list of associations."""
    if _is_association_list(source):
        out = []
        for a in source.args:
            r = _each_association(ev, caller, a, fn)
            if r is None:
                return None
            out.append(r)
        return Expr(List, tuple(out))
    assoc = as_association(source)
    if assoc is None:
        ev.message(caller, "invrl", source)
        return None
    return _same_kind(source, fn(assoc))


def _key_list(keys) -> list:
    if type(keys) is Expr and keys.head is List:
        return [_strip_key(k) for k in keys.args]
    return [_strip_key(keys)]


@builtin(
    "KeyDrop",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="KeyDrop[assoc, {k1, k2, ...}] drops the entries with those keys (a single key works too); "
    "KeyDrop[keys] is the operator form.\nExample: KeyDrop[<|a -> 1, b -> 2|>, a] gives <|b -> 2|>",
)
def key_drop(ev, source, keys=None):
    if keys is None:
        return None
    gone = {key_of(k) for k in _key_list(keys)}

    def drop(assoc):
        return Association({k: v for k, v in assoc.items.items() if k not in gone})

    return _each_association(ev, "KeyDrop", source, drop)


@builtin(
    "KeyTake",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="KeyTake[assoc, {k1, k2, ...}] keeps the entries with those keys, in the order given; KeyTake[keys] is "
    "the operator form.\nExample: KeyTake[<|a -> 1, b -> 2, c -> 3|>, {c, a}] gives <|c -> 3, a -> 1|>",
)
def key_take(ev, source, keys=None):
    if keys is None:
        return None
    wanted = _key_list(keys)

    def take(assoc):
        items = {}
        for k in wanted:
            entry = assoc.items.get(key_of(k))
            if entry is not None:
                items[key_of(k)] = entry
        return Association(items)

    return _each_association(ev, "KeyTake", source, take)


def _sorted_association(assoc: Association, sort_keys) -> Association:
    from ..expr.order import order_key

    entries = list(assoc.items.items())
    ranks = [order_key(k) for k in sort_keys]
    order = sorted(range(len(entries)), key=ranks.__getitem__)
    return Association({entries[i][0]: entries[i][1] for i in order})


@builtin(
    "KeySort",
    nargs=1,
    usage="KeySort[assoc] orders the entries by their keys, in canonical order.\n"
    "Example: KeySort[<|b -> 1, a -> 2|>] gives <|a -> 2, b -> 1|>",
)
def key_sort(ev, source):
    return _each_association(
        ev, "KeySort", source, lambda assoc: _sorted_association(assoc, assoc.keys())
    )


@builtin(
    "KeySortBy",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="KeySortBy[assoc, f] orders the entries by the values of f on their keys; KeySortBy[f] is the operator form.\n"
    "Example: KeySortBy[<|\"bb\" -> 1, \"a\" -> 2|>, StringLength] gives <|\"a\" -> 2, \"bb\" -> 1|>",
)
def key_sort_by(ev, source, f=None):
    if f is None:
        return None

    def by(assoc):
        return _sorted_association(assoc, [ev.apply(f, k) for k in assoc.keys()])

    return _each_association(ev, "KeySortBy", source, by)


@builtin(
    "KeySelect",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="KeySelect[assoc, crit] keeps the entries whose key k gives True for crit[k]; KeySelect[crit] is the "
    "operator form.\nExample: KeySelect[<|1 -> a, 2 -> b, 3 -> c|>, OddQ] gives <|1 -> a, 3 -> c|>",
)
def key_select(ev, source, crit=None):
    if crit is None:
        return None

    def select(assoc):
        return Association({k: e for k, e in assoc.items.items() if ev.apply(crit, e[0]) is TRUE})

    return _each_association(ev, "KeySelect", source, select)


@builtin(
    "KeyMap",
    nargs=(1, 2),
    operator_form=(1, 1),
    usage="KeyMap[f, assoc] applies f to every key of the association; KeyMap[f] is the operator form.\n"
    "Example: KeyMap[ToUpperCase, <|\"a\" -> 1|>] gives <|\"A\" -> 1|>",
)
def key_map(ev, f, source=None):
    if source is None:
        return None

    def mapped(assoc):
        items = {}
        for key, value, delayed in assoc.items.values():
            new_key = ev.apply(f, key)
            items[key_of(new_key)] = (new_key, value, delayed)
        return Association(items)

    return _each_association(ev, "KeyMap", source, mapped)


@builtin(
    "KeyValueMap",
    nargs=(1, 2),
    operator_form=(1, 1),
    usage="KeyValueMap[f, assoc] gives the list of f[key, value] for the entries of the association; "
    "KeyValueMap[f] is the operator form.\nExample: KeyValueMap[f, <|a -> 1, b -> 2|>] gives {f[a, 1], f[b, 2]}",
)
def key_value_map(ev, f, source=None):
    if source is None:
        return None
    assoc = as_association(source)
    if assoc is None:
        ev.message("KeyValueMap", "invrl", source)
        return None
    return Expr(List, tuple(E(f, key, value) for key, value, _ in assoc.items.values()))


@builtin(
    "AssociationMap",
    nargs=(1, 2),
    operator_form=(1, 1),
    usage="AssociationMap[f, {k1, k2, ...}] gives <|k1 -> f[k1], k2 -> f[k2], ...|>; AssociationMap[f, assoc] "
    "applies f to each rule of assoc (f must give rules); AssociationMap[f] is the operator form.\n"
    "Example: AssociationMap[StringLength, {\"a\", \"bb\"}] gives <|\"a\" -> 1, \"bb\" -> 2|>",
)
def association_map(ev, f, source=None):
    if source is None:
        return None
    items = {}
    if type(source) is Association:
        for entry in source.items.values():
            rule = ev.apply(f, _rule_of(*entry))
            if not _is_rule(rule):
                ev.message("AssociationMap", "invrl", rule)
                return None
            _put_rule(items, rule)
        return Association(items)
    if type(source) is Expr and source.head is List:
        for key in source.args:
            items[key_of(key)] = (key, ev.apply(f, key), False)
        return Association(items)
    ev.message("AssociationMap", "list", 2, E(system("AssociationMap"), f, source))
    return None


@builtin(
    "AssociationThread",
    nargs=(1, 2),
    usage="AssociationThread[{k1, k2, ...}, {v1, v2, ...}] or AssociationThread[{k1, ...} -> {v1, ...}] gives "
    "<|k1 -> v1, k2 -> v2, ...|>.\nExample: AssociationThread[{a, b}, {1, 2}] gives <|a -> 1, b -> 2|>",
)
def association_thread(ev, keys, values=None):
    if values is None:
        if type(keys) is Expr and keys.head is _Rule and len(keys.args) == 2:
            keys, values = keys.args
        else:
            return None
    if not (type(keys) is Expr and keys.head is List and type(values) is Expr and values.head is List):
        return None
    if len(keys.args) != len(values.args):
        ev.message("AssociationThread", "idim", keys, values)
        return None
    items = {}
    for k, v in zip(keys.args, values.args):
        items[key_of(k)] = (k, v, False)
    return Association(items)


@builtin(
    "Merge",
    nargs=(1, 2),
    operator_form=(1, 0),
    usage="Merge[{assoc1, assoc2, ...}, f] joins the associations; the values for a key that occurs several times "
    "are combined as f[{v1, v2, ...}]; Merge[f] is the operator form.\n"
    "Example: Merge[{<|a -> 1|>, <|a -> 2, b -> 3|>}, Total] gives <|a -> 3, b -> 3|>",
)
def merge(ev, sources, f=None):
    if f is None:
        return None
    if type(sources) is Association:
        parts = [sources]
    elif type(sources) is Expr and sources.head is List:
        parts = []
        for s in sources.args:
            assoc = as_association(s) if not _is_rule(s) else as_association(E(List, s))
            if assoc is None:
                ev.message("Merge", "invrl", s)
                return None
            parts.append(assoc)
    else:
        ev.message("Merge", "list", 1, E(system("Merge"), sources, f))
        return None
    collected: dict = {}
    for assoc in parts:
        for k, entry in assoc.items.items():
            slot = collected.get(k)
            if slot is None:
                collected[k] = (entry[0], [_entry_value(ev, entry)])
            else:
                slot[1].append(_entry_value(ev, entry))
    items = {}
    for k, (key, values) in collected.items():
        items[k] = (key, ev.apply(f, Expr(List, tuple(values))), False)
    return Association(items)


# ---------------------------------------------------------------- Normal
def _normal(e, heads):
    """e with the associations in it (not inside their values) made lists of rules."""
    if type(e) is Association:
        if heads is not None and _AssociationHead not in heads:
            return e
        return Expr(List, tuple(_rule_of(*entry) for entry in e.items.values()))
    if type(e) is Expr:
        head = _normal(e.head, heads)
        args = tuple(_normal(a, heads) for a in e.args)
        if head is e.head and all(x is y for x, y in zip(args, e.args)):
            return e
        return Expr(head, args)
    return e


@builtin(
    "Normal",
    nargs=(1, 2),
    usage="Normal[e] converts special forms in e to normal expressions: an association becomes a list of rules "
    "(its values are left as they are); Normal[e, h] converts only objects with head h.\n"
    "Example: Normal[<|a -> 1, b :> 2|>] gives {a -> 1, b :> 2}",
)
def normal(ev, e, heads=None):
    if heads is not None:
        heads = heads.args if type(heads) is Expr and heads.head is List else (heads,)
    return _normal(e, heads)


def _install_key_application():
    """Key[k][assoc] := Lookup[assoc, Key[k]]: a SubValue, as WL defines it."""
    from ..expr.symbol import freeze_pristine, intern
    from ..patterns import Rule, insert_definition

    k = intern("Lyra`Private`key")
    a = intern("Lyra`Private`association")
    lhs = E(E(_Key, E(S.Pattern, k, E(S.Blank))), E(S.Pattern, a, E(S.Blank, _AssociationHead)))
    rhs = E(system("Lookup"), a, E(_Key, k))
    insert_definition(_Key.subvalues, Rule(lhs, rhs, True))
    freeze_pristine(_Key)


_install_key_application()
