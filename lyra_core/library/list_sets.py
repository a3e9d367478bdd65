"""Lists as sets and groups: Union, Intersection, Complement,
DeleteDuplicates, Tally, Counts, Gather, GatherBy, GroupBy, Select, Pick,
Ordering.

Elements are identified by SameQ: a dict keyed by key_of(x) finds equal
elements in constant time (1 and 1. stay apart). A user-given test (SameTest,
Tally[list, test], ...) is necessarily compared pairwise.
"""

from __future__ import annotations

from ..expr.assoc import Association, key_of
from ..expr.normal import Expr
from ..expr.order import canonical_sort, order_key
from ..expr import system_symbols as S
from .list_support import (
    BadSpec,
    OutOfRange,
    call,
    declare_once,
    is_infinity,
    is_rule,
    normal_message,
    sequence_positions,
    set_default_options,
    settled,
    settled_list,
    split_options,
)
from ..engine import messages
from .registry import builtin

List = S.List
TRUE = S.True_

SameTest = declare_once(
    "SameTest",
    "SameTest is an option (Union, DeleteDuplicates, FixedPoint, ...) giving the function that decides whether "
    "two elements count as the same.\nExample: Union[{1, 1., 2}, SameTest -> Equal] gives {1, 2}",
)
_SAME_TEST = {"SameTest": S.Automatic}

messages.define("Pick", "incomp", "Expressions `1` and `2` have incompatible shapes.")
messages.define("GroupBy", "list", "List or Association expected at position `1` in `2`.")


# ================================================================ Union, Intersection, Complement
def _set_arguments(ev, name, args, min_count):
    """(lists, same_test) for Union-like calls, or None after a message."""
    # Union and Intersection are Orderless: their option may have been sorted
    # in among the lists, so option rules are collected from any position.
    rules = tuple(a for a in args if is_rule(a))
    split = split_options(ev, name, rules, _SAME_TEST, args)
    if split is None:
        return None
    options = split[1]
    lists = tuple(a for a in args if not is_rule(a))
    if len(lists) < min_count:
        return None
    head = None
    for i, x in enumerate(lists, 1):
        if type(x) is not Expr:
            normal_message(ev, name, i, args)
            return None
        if head is None:
            head = x.head
        elif x.head != head:
            ev.message(name, "heads", head, x.head, 1, i)
            return None
    test = options["SameTest"]
    return lists, (None if test is S.Automatic else test)


def _distinct(items) -> dict:
    """key_of(x) -> x for the distinct items, in order of first appearance."""
    seen = {}
    for x in items:
        k = key_of(x)
        if k not in seen:
            seen[k] = x
    return seen


def _distinct_by_test(ev, items, test):
    kept = []
    for x in items:
        for y in kept:
            if ev.apply(test, y, x) is TRUE:
                break
        else:
            kept.append(x)
    return kept


def _sorted_result(head, values):
    return settled(head, canonical_sort(tuple(values)))


@builtin(
    "Union",
    attributes=("Flat", "OneIdentity", "Orderless", "Protected"),
    usage="Union[l1, l2, ...] gives the sorted list of the distinct elements in the li; Union[list] sorts list and "
    "removes duplicates. Option SameTest -> f decides which elements are the same.\n"
    "Example: Union[{c, a, b}, {a, d}] gives {a, b, c, d}",
)
def union(ev, *args):
    parsed = _set_arguments(ev, "Union", args, 0)
    if parsed is None:
        return None
    lists, test = parsed
    if not lists:
        return Expr(List, ())
    head = lists[0].head
    items = [x for lst in lists for x in lst.args]
    if test is None:
        return _sorted_result(head, _distinct(items).values())
    return settled(head, tuple(_distinct_by_test(ev, canonical_sort(tuple(items)), test)))


@builtin(
    "Intersection",
    nargs=(1, None),
    attributes=("Flat", "OneIdentity", "Orderless", "Protected"),
    usage="Intersection[l1, l2, ...] gives the sorted list of the elements common to all the li. "
    "Option SameTest -> f decides which elements are the same.\n"
    "Example: Intersection[{a, b, c}, {b, c, d}] gives {b, c}",
)
def intersection(ev, *args):
    parsed = _set_arguments(ev, "Intersection", args, 1)
    if parsed is None:
        return None
    lists, test = parsed
    head = lists[0].head
    if test is None:
        common = _distinct(lists[0].args)
        for other in lists[1:]:
            keys = {key_of(x) for x in other.args}
            common = {k: v for k, v in common.items() if k in keys}
        return _sorted_result(head, common.values())
    kept = _distinct_by_test(ev, canonical_sort(lists[0].args), test)
    for other in lists[1:]:
        kept = [x for x in kept if any(ev.apply(test, x, y) is TRUE for y in other.args)]
    return settled(head, tuple(kept))


@builtin(
    "Complement",
    nargs=(1, None),
    attributes=("Protected",),
    usage="Complement[all, e1, e2, ...] gives the sorted list of the elements of all that are in none of the ei. "
    "Option SameTest -> f decides which elements are the same.\n"
    "Example: Complement[{a, b, c, d}, {b}, {d}] gives {a, c}",
)
def complement(ev, *args):
    parsed = _set_arguments(ev, "Complement", args, 1)
    if parsed is None:
        return None
    lists, test = parsed
    head = lists[0].head
    if test is None:
        removed = {key_of(x) for other in lists[1:] for x in other.args}
        kept = {k: v for k, v in _distinct(lists[0].args).items() if k not in removed}
        return _sorted_result(head, kept.values())
    kept = _distinct_by_test(ev, canonical_sort(lists[0].args), test)
    for other in lists[1:]:
        kept = [x for x in kept if not any(ev.apply(test, x, y) is TRUE for y in other.args)]
    return settled(head, tuple(kept))


set_default_options("Union", Expr(S.Rule, (SameTest, S.Automatic)))
set_default_options("Intersection", Expr(S.Rule, (SameTest, S.Automatic)))
set_default_options("Complement", Expr(S.Rule, (SameTest, S.Automatic)))


# ================================================================ DeleteDuplicates, Tally, Counts
@builtin(
    "DeleteDuplicates",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="DeleteDuplicates[list] removes repeated elements, keeping the first of each; "
    "DeleteDuplicates[list, test] treats x and y as duplicates when test[x, y] is True.\n"
    "Example: DeleteDuplicates[{b, a, b, c, a}] gives {b, a, c}",
)
def delete_duplicates(ev, e, *test):
    if type(e) is Association:
        values = e.entries()
        if test:
            kept = _distinct_by_test(ev, [v for _, v, _ in values], test[0])
            keep = {id(v) for v in kept}
            return Association.from_pairs([entry for entry in values if id(entry[1]) in keep])
        seen = set()
        out = []
        for entry in values:
            k = key_of(entry[1])
            if k not in seen:
                seen.add(k)
                out.append(entry)
        return Association.from_pairs(out)
    if type(e) is not Expr:
        normal_message(ev, "DeleteDuplicates", 1, (e,) + test)
        return None
    if test:
        return settled(e.head, tuple(_distinct_by_test(ev, e.args, test[0])))
    return settled(e.head, tuple(_distinct(e.args).values()))


def _tally(ev, items, test):
    """[(representative, count)] in order of first appearance."""
    if test is None:
        counts = {}
        first = {}
        for x in items:
            k = key_of(x)
            if k in counts:
                counts[k] += 1
            else:
                counts[k] = 1
                first[k] = x
        return [(first[k], n) for k, n in counts.items()]
    groups = []
    for x in items:
        for g in groups:
            if ev.apply(test, g[0], x) is TRUE:
                g[1] += 1
                break
        else:
            groups.append([x, 1])
    return [(g[0], g[1]) for g in groups]


@builtin(
    "Tally",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Tally[list] gives {{e1, n1}, {e2, n2}, ...}: the distinct elements with the number of times each occurs, "
    "in order of first appearance; Tally[list, test] uses test to decide which elements are the same.\n"
    "Example: Tally[{a, b, a, c, a}] gives {{a, 3}, {b, 1}, {c, 1}}",
)
def tally(ev, e, *test):
    if type(e) is not Expr:
        ev.message("Tally", "list", call("Tally", e, *test), 1)
        return None
    pairs = _tally(ev, e.args, test[0] if test else None)
    return settled_list(tuple(settled_list((x, n)) for x, n in pairs))


messages.define("Tally", "list", "List expected at position `2` in `1`.")


@builtin(
    "Counts",
    nargs=1,
    attributes=("Protected",),
    usage="Counts[list] gives an association of the distinct elements of list to the number of times each occurs.\n"
    "Example: Counts[{a, b, a}] gives <|a -> 2, b -> 1|>",
)
def counts(ev, e):
    if type(e) is Association:
        items = e.values()
    elif type(e) is Expr:
        items = e.args
    else:
        ev.message("Counts", "list", call("Counts", e), 1)
        return None
    return Association.from_pairs((x, n, False) for x, n in _tally(ev, items, None))


messages.define("Counts", "list", "List or association expected at position `2` in `1`.")


# ================================================================ Gather, GatherBy, GroupBy
@builtin(
    "Gather",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Gather[list] gathers identical elements into sublists, in order of first appearance; Gather[list, test] "
    "puts x with the first sublist whose first element y has test[y, x] True.\n"
    "Example: Gather[{a, b, a, c, b}] gives {{a, a}, {b, b}, {c}}",
)
def gather(ev, e, *test):
    if type(e) is not Expr:
        normal_message(ev, "Gather", 1, (e,) + test)
        return None
    if test:
        groups = []
        for x in e.args:
            for g in groups:
                if ev.apply(test[0], g[0], x) is TRUE:
                    g.append(x)
                    break
            else:
                groups.append([x])
    else:
        by_key = {}
        for x in e.args:
            by_key.setdefault(key_of(x), []).append(x)
        groups = by_key.values()
    return settled_list(tuple(settled(e.head, tuple(g)) for g in groups))


@builtin(
    "GatherBy",
    nargs=(1, 2),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="GatherBy[list, f] gathers into sublists the elements with the same value of f; GatherBy[list, {f1, f2, "
    "...}] gathers by f1, then each sublist by f2, ...; GatherBy[f] is the operator form.\n"
    "Example: GatherBy[{1, 2, 3, 4, 5}, OddQ] gives {{1, 3, 5}, {2, 4}}",
)
def gather_by(ev, e, *f):
    if not f:
        return None
    if type(e) is not Expr:
        normal_message(ev, "GatherBy", 1, (e,) + f)
        return None
    fs = f[0].args if type(f[0]) is Expr and f[0].head is List else (f[0],)
    return _gather_by(ev, e, fs)


def _gather_by(ev, e, fs):
    if not fs:
        return e
    by_key = {}
    for x in e.args:
        by_key.setdefault(key_of(ev.apply(fs[0], x)), []).append(x)
    groups = [settled(e.head, tuple(g)) for g in by_key.values()]
    if len(fs) > 1:
        groups = [_gather_by(ev, g, fs[1:]) for g in groups]
    return settled_list(tuple(groups))


@builtin(
    "GroupBy",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="GroupBy[list, f] gives an association that groups the elements of list by their value of f; "
    "GroupBy[list, f -> g] keeps g[x] instead of x; GroupBy[list, spec, red] applies red to each group; "
    "GroupBy[list, {f1, f2, ...}] groups in nested associations. On an association the groups are associations. "
    "GroupBy[f] is the operator form.\n"
    "Example: GroupBy[{1, 2, 3, 4}, OddQ] gives <|True -> {1, 3}, False -> {2, 4}|>; "
    "GroupBy[{1, 2, 3, 4}, OddQ, Total] gives <|True -> 4, False -> 6|>",
)
def group_by(ev, e, *more):
    if not more:
        return None
    if type(e) is Association:
        entries = e.entries()
    elif type(e) is Expr:
        entries = [(None, x, False) for x in e.args]
    else:
        ev.message("GroupBy", "list", 1, call("GroupBy", e, *more))
        return None
    spec = more[0]
    specs = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    reducer = more[1] if len(more) > 1 else None
    return _group(ev, entries, specs, reducer, type(e) is Association)


def _group(ev, entries, specs, reducer, keyed):
    if not specs:
        # No key functions: zero levels of grouping, so the whole collection is
        # the one group (as GatherBy[list, {}] gives list).
        return _group_value(ev, entries, None, reducer, keyed)
    spec = specs[0]
    if type(spec) is Expr and spec.head in (S.Rule, S.RuleDelayed) and len(spec.args) == 2:
        key_fn, value_fn = spec.args
    else:
        key_fn, value_fn = spec, None
    groups = {}
    for entry in entries:
        k = ev.apply(key_fn, entry[1])
        slot = groups.get(key_of(k))
        if slot is None:
            slot = groups[key_of(k)] = (k, [])
        slot[1].append(entry)
    out = []
    for k, members in groups.values():
        if len(specs) > 1:
            value = _group(ev, members, specs[1:], reducer, keyed)
        else:
            value = _group_value(ev, members, value_fn, reducer, keyed)
        out.append((k, value, False))
    return Association.from_pairs(out)


def _group_value(ev, members, value_fn, reducer, keyed):
    """One innermost group: its entries (mapped by value_fn) as a list, or an
    association when grouping an association, reduced by reducer."""
    if value_fn is not None:
        members = [(key, ev.apply(value_fn, v), False) for key, v, _ in members]
    if keyed:
        value = Association.from_pairs(members)
    else:
        value = settled_list(tuple(v for _, v, _ in members))
    return value if reducer is None else ev.apply(reducer, value)


# ================================================================ Select, Pick
@builtin(
    "Select",
    nargs=(1, 3),
    attributes=("Protected",),
    operator_form=(1, 0),
    usage="Select[list, crit] gives the elements e of list for which crit[e] is True; Select[list, crit, n] the "
    "first n of them; Select[crit] is the operator form. On an association it selects values and keeps keys.\n"
    "Example: Select[{1, 2, 3, 4}, EvenQ] gives {2, 4}; {1, 2, 3} |> Select[# > 1 &] gives {2, 3}",
)
def select(ev, e, *more):
    if not more:
        return None
    crit = more[0]
    limit = None
    if len(more) > 1:
        limit = more[1]
        if is_infinity(limit):
            limit = None
        elif type(limit) is not int or limit < 0:
            ev.message("Select", "innf", 3, call("Select", e, *more))
            return None
    if type(e) is Association:
        kept = []
        for entry in e.entries():
            if limit is not None and len(kept) >= limit:
                break
            if ev.apply(crit, entry[1]) is TRUE:
                kept.append(entry)
        return Association.from_pairs(kept)
    if type(e) is not Expr:
        normal_message(ev, "Select", 1, (e,) + more)
        return None
    apply = ev.apply
    if limit is None:
        return settled(e.head, tuple([x for x in e.args if apply(crit, x) is TRUE]))
    kept = []
    if limit:
        for x in e.args:
            if apply(crit, x) is TRUE:
                kept.append(x)
                if len(kept) >= limit:
                    break
    return settled(e.head, tuple(kept))


class _Drop:
    """Marks an element Pick leaves out."""


_DROP = _Drop()


@builtin(
    "Pick",
    nargs=(2, 3),
    attributes=("Protected",),
    usage="Pick[list, sel] gives the elements of list whose counterpart in sel is True; Pick[list, sel, patt] those "
    "whose counterpart matches patt. sel may be nested like list.\n"
    "Example: Pick[{a, b, c}, {True, False, True}] gives {a, c}; Pick[{a, b, c}, {1, 0, 1}, 1] gives {a, c}",
)
def pick(ev, e, sel, *pattern):
    if pattern:
        from ..patterns import matches

        patt = pattern[0]

        def chosen(s):
            return matches(patt, s, ev)

    else:

        def chosen(s):
            return s is TRUE

    try:
        result = _pick(e, sel, chosen)
    except _Incompatible:
        ev.message("Pick", "incomp", e, sel)
        return None
    if result is _DROP:
        return Expr(e.head, ()) if type(e) is Expr else Expr(S.Sequence, ())
    return result


class _Incompatible(Exception):
    pass


def _pick(e, sel, chosen):
    if chosen(sel):
        return e
    if type(sel) is not Expr:
        return _DROP
    if type(e) is not Expr or len(e.args) != len(sel.args):
        raise _Incompatible
    kept = []
    for x, s in zip(e.args, sel.args):
        r = _pick(x, s, chosen)
        if r is not _DROP:
            kept.append(r)
    return settled(e.head, tuple(kept))


# ================================================================ Ordering
@builtin(
    "Ordering",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Ordering[list] gives the positions of the elements of list in sorted (canonical) order; Ordering[list, n] "
    "the first n of them, Ordering[list, -n] the last n; Ordering[list, n, p] sorts with p[a, b] True meaning a goes "
    "before b.\nExample: Ordering[{c, a, b}] gives {2, 3, 1}; Ordering[{5, 1, 3}, -1] gives {1}",
)
def ordering(ev, e, *more):
    whole = call("Ordering", e, *more)
    if type(e) is Association:
        keys = e.keys()
        items = e.values()
        label = [Expr(S.Key, (k,)) for k in keys]
    elif type(e) is Expr:
        items = e.args
        label = None
    else:
        ev.message("Ordering", "normal", 1, whole)
        return None
    n = len(items)
    if len(more) > 1:
        order = sorted(range(n), key=_ordering_key(ev, items, more[1]))
    else:
        keys = [order_key(x) for x in items]
        order = sorted(range(n), key=keys.__getitem__)
    if more and more[0] is not S.All:
        try:
            order = [order[i] for i in sequence_positions(more[0], n)]
        except (BadSpec, OutOfRange):
            ev.message("Ordering", "seqs", whole, 2)
            return None
    if label is not None:
        return settled_list(tuple(label[i] for i in order))
    return settled_list(tuple(i + 1 for i in order))


def _ordering_key(ev, items, p):
    class Before:
        __slots__ = ("i",)

        def __init__(self, i):
            self.i = i

        def __lt__(self, other):
            return ev.apply(p, items[self.i], items[other.i]) is TRUE

    return Before
