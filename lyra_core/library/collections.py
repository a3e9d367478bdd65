"""Lyra's own collections (from the original Lyra library; not WL): sets,
dictionaries, queues and stacks.

Every collection is an ordinary immutable expression, and every operation
returns a new collection instead of changing its argument:

  * a set is a List without duplicates, in order of first appearance
    (SetCreate[{b, a, b}] is {b, a}); elements are compared with SameQ;
  * a dictionary is an Association (DictCreate[{"a" -> 1}] is <|"a" -> 1|>),
    so every Association function works on it too;
  * a queue is Queue[{front, ..., back}] and a stack Stack[{bottom, ..., top}];
    QueueDequeue and StackPop give {element, rest}, to be taken apart with
    {x, q} = QueueDequeue[q]. Adding or removing one element copies the
    collection (O(n)).

Wrong arguments, an empty dequeue or pop included, give a message and leave
the call unevaluated.
"""

from __future__ import annotations

from ..engine import messages
from ..expr.assoc import Association, key_of
from ..expr.normal import Expr
from ..expr import system_symbols as S
from .list_support import call, declare_once, settled_list, truth
from .registry import builtin

List = S.List
Rule = S.Rule
RuleDelayed = S.RuleDelayed

Queue = declare_once(
    "Queue",
    "Queue[{e1, e2, ...}] is a first-in first-out queue with front e1, as made by QueueCreate.\n"
    "Example: QueueEnqueue[QueueCreate[], x] gives Queue[{x}]",
)
Stack = declare_once(
    "Stack",
    "Stack[{e1, ..., en}] is a last-in first-out stack with top en, as made by StackCreate.\n"
    "Example: StackPush[StackCreate[], x] gives Stack[{x}]",
)

messages.define("General", "setlist", "A set (a list) is expected at position `1` in `2`.")
messages.define("General", "dict", "A dictionary (an association) is expected at position `1` in `2`.")
messages.define("General", "dictpairs", "`1` is not a list of rules or {key, value} pairs.")
messages.define("General", "queue", "A queue Queue[{...}] is expected at position `1` in `2`.")
messages.define("General", "stack", "A stack Stack[{...}] is expected at position `1` in `2`.")
messages.define("General", "qempty", "The queue `1` is empty.")
messages.define("General", "sempty", "The stack `1` is empty.")


# ================================================================ sets
def _distinct(items, seen=None) -> list:
    """The items without repeats (SameQ), first appearance kept; `seen` is
    updated with their keys."""
    if seen is None:
        seen = set()
    out = []
    for x in items:
        k = key_of(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _set_args(ev, name, sets, args=None):
    """The elements tuple of each of sets (the leading arguments of the call
    name[args...], all of them when args is None), or None after name::setlist."""
    out = []
    for i, s in enumerate(sets, 1):
        if type(s) is not Expr or s.head is not List:
            ev.message(name, "setlist", i, call(name, *(sets if args is None else args)))
            return None
        out.append(s.args)
    return out


@builtin(
    "SetCreate",
    nargs=(0, 1),
    attributes=("Protected",),
    usage="SetCreate[list] gives a set: the elements of list without repeats, in order of first appearance; "
    "SetCreate[] is the empty set {}.\nExample: SetCreate[{b, a, b, c}] gives {b, a, c}",
)
def set_create(ev, *args):
    if not args:
        return settled_list(())
    lists = _set_args(ev, "SetCreate", args)
    if lists is None:
        return None
    return Expr(List, tuple(_distinct(lists[0])))


@builtin(
    "SetUnion",
    nargs=(1, None),
    attributes=("Protected",),
    usage="SetUnion[s1, s2, ...] gives the elements that are in any of the sets, without repeats, in order of "
    "first appearance.\nExample: SetUnion[{1, 2}, {2, 3}] gives {1, 2, 3}",
)
def set_union(ev, *sets):
    lists = _set_args(ev, "SetUnion", sets)
    if lists is None:
        return None
    seen: set = set()
    out = []
    for items in lists:
        out.extend(_distinct(items, seen))
    return Expr(List, tuple(out))


@builtin(
    "SetIntersection",
    nargs=(1, None),
    attributes=("Protected",),
    usage="SetIntersection[s1, s2, ...] gives the elements of s1 that are in every other set, in the order of s1.\n"
    "Example: SetIntersection[{1, 2, 3}, {3, 2, 5}] gives {2, 3}",
)
def set_intersection(ev, *sets):
    lists = _set_args(ev, "SetIntersection", sets)
    if lists is None:
        return None
    others = [{key_of(x) for x in items} for items in lists[1:]]
    kept = [x for x in _distinct(lists[0]) if all(key_of(x) in keys for keys in others)]
    return Expr(List, tuple(kept))


@builtin(
    "SetDifference",
    nargs=2,
    attributes=("Protected",),
    usage="SetDifference[s1, s2] gives the elements of s1 that are not in s2, in the order of s1.\n"
    "Example: SetDifference[{1, 2, 3}, {2}] gives {1, 3}",
)
def set_difference(ev, s1, s2):
    lists = _set_args(ev, "SetDifference", (s1, s2))
    if lists is None:
        return None
    removed = {key_of(x) for x in lists[1]}
    return Expr(List, tuple(x for x in _distinct(lists[0]) if key_of(x) not in removed))


@builtin(
    "SetContains",
    nargs=2,
    attributes=("Protected",),
    usage="SetContains[s, x] gives True if x is an element of the set s (compared with SameQ), else False.\n"
    "Example: SetContains[{1, 2, 3}, 2] gives True",
)
def set_contains(ev, s, x):
    lists = _set_args(ev, "SetContains", (s,), (s, x))
    if lists is None:
        return None
    k = key_of(x)
    return truth(any(key_of(e) == k for e in lists[0]))


@builtin(
    "SetAdd",
    nargs=2,
    attributes=("Protected",),
    usage="SetAdd[s, x] gives the set s with x added at the end (s itself when x is already in it).\n"
    "Example: SetAdd[{1, 2}, 3] gives {1, 2, 3}",
)
def set_add(ev, s, x):
    lists = _set_args(ev, "SetAdd", (s,), (s, x))
    if lists is None:
        return None
    k = key_of(x)
    if any(key_of(e) == k for e in lists[0]):
        return s
    return Expr(List, lists[0] + (x,))


@builtin(
    "SetRemove",
    nargs=2,
    attributes=("Protected",),
    usage="SetRemove[s, x] gives the set s without the element x.\nExample: SetRemove[{1, 2, 3}, 2] gives {1, 3}",
)
def set_remove(ev, s, x):
    lists = _set_args(ev, "SetRemove", (s,), (s, x))
    if lists is None:
        return None
    k = key_of(x)
    return Expr(List, tuple(e for e in lists[0] if key_of(e) != k))


@builtin(
    "SetSize",
    nargs=1,
    attributes=("Protected",),
    usage="SetSize[s] gives the number of distinct elements of the set s.\nExample: SetSize[{1, 2, 3}] gives 3",
)
def set_size(ev, s):
    lists = _set_args(ev, "SetSize", (s,))
    if lists is None:
        return None
    return len({key_of(x) for x in lists[0]})


# ================================================================ dictionaries
def _dict_arg(ev, name, d, args):
    if type(d) is Association:
        return d
    ev.message(name, "dict", 1, call(name, *args))
    return None


def _pairs(ev, name, spec):
    """[(key, value, delayed)] from rules, {key, value} pairs or an
    association; None after a message."""
    if type(spec) is Association:
        return spec.entries()
    items = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    pairs = []
    for item in items:
        if type(item) is Expr and (item.head is Rule or item.head is RuleDelayed) and len(item.args) == 2:
            pairs.append((item.args[0], item.args[1], item.head is RuleDelayed))
        elif type(item) is Expr and item.head is List and len(item.args) == 2:
            pairs.append((item.args[0], item.args[1], False))
        else:
            ev.message(name, "dictpairs", spec)
            return None
    return pairs


@builtin(
    "DictCreate",
    nargs=(0, None),
    attributes=("Protected",),
    usage="DictCreate[{k1 -> v1, ...}] or DictCreate[{{k1, v1}, ...}] gives a dictionary (an association) with "
    "those entries, later ones winning; DictCreate[k1 -> v1, ...] also works and DictCreate[] is empty.\n"
    "Example: DictCreate[{\"a\" -> 1, \"b\" -> 2}] gives <|\"a\" -> 1, \"b\" -> 2|>",
)
def dict_create(ev, *specs):
    entries = []
    for spec in specs:
        pairs = _pairs(ev, "DictCreate", spec)
        if pairs is None:
            return None
        entries.extend(pairs)
    return Association.from_pairs(entries)


@builtin(
    "DictGet",
    nargs=(2, 3),
    attributes=("Protected",),
    usage="DictGet[d, key] gives the value of key in the dictionary d, or Missing[\"KeyAbsent\", key]; "
    "DictGet[d, key, default] gives default when the key is absent.\n"
    "Example: DictGet[<|\"a\" -> 1|>, \"b\", 0] gives 0",
)
def dict_get(ev, d, key, *default):
    if _dict_arg(ev, "DictGet", d, (d, key) + default) is None:
        return None
    entry = d.get(key)
    if entry is None:
        return default[0] if default else Expr(S.Missing, ("KeyAbsent", key))
    return entry[1]


@builtin(
    "DictSet",
    nargs=3,
    attributes=("Protected",),
    usage="DictSet[d, key, value] gives a new dictionary with key set to value (d itself is unchanged).\n"
    "Example: DictSet[<|\"a\" -> 1|>, \"b\", 2] gives <|\"a\" -> 1, \"b\" -> 2|>",
)
def dict_set(ev, d, key, value):
    if _dict_arg(ev, "DictSet", d, (d, key, value)) is None:
        return None
    items = dict(d.items)
    items[key_of(key)] = (key, value, False)
    return Association(items)


@builtin(
    "DictDelete",
    nargs=2,
    attributes=("Protected",),
    usage="DictDelete[d, key] gives a new dictionary without key.\n"
    "Example: DictDelete[<|\"a\" -> 1, \"b\" -> 2|>, \"a\"] gives <|\"b\" -> 2|>",
)
def dict_delete(ev, d, key):
    if _dict_arg(ev, "DictDelete", d, (d, key)) is None:
        return None
    items = dict(d.items)
    items.pop(key_of(key), None)
    return Association(items)


@builtin(
    "DictKeys",
    nargs=1,
    attributes=("Protected",),
    usage="DictKeys[d] gives the list of the keys of the dictionary d, in insertion order.\n"
    "Example: DictKeys[<|\"a\" -> 1, \"b\" -> 2|>] gives {\"a\", \"b\"}",
)
def dict_keys(ev, d):
    if _dict_arg(ev, "DictKeys", d, (d,)) is None:
        return None
    return Expr(List, tuple(d.keys()))


@builtin(
    "DictValues",
    nargs=1,
    attributes=("Protected",),
    usage="DictValues[d] gives the list of the values of the dictionary d, in insertion order.\n"
    "Example: DictValues[<|\"a\" -> 1, \"b\" -> 2|>] gives {1, 2}",
)
def dict_values(ev, d):
    if _dict_arg(ev, "DictValues", d, (d,)) is None:
        return None
    return Expr(List, tuple(d.values()))


@builtin(
    "DictSize",
    nargs=1,
    attributes=("Protected",),
    usage="DictSize[d] gives the number of entries of the dictionary d.\nExample: DictSize[<|\"a\" -> 1|>] gives 1",
)
def dict_size(ev, d):
    if _dict_arg(ev, "DictSize", d, (d,)) is None:
        return None
    return len(d)


@builtin(
    "DictContains",
    nargs=2,
    attributes=("Protected",),
    usage="DictContains[d, key] gives True if the dictionary d has the key, else False.\n"
    "Example: DictContains[<|\"a\" -> 1|>, \"a\"] gives True",
)
def dict_contains(ev, d, key):
    if _dict_arg(ev, "DictContains", d, (d, key)) is None:
        return None
    return truth(d.get(key) is not None)


@builtin(
    "DictMerge",
    nargs=(1, None),
    attributes=("Protected",),
    usage="DictMerge[d1, d2, ...] gives one dictionary with the entries of all, later values winning.\n"
    "Example: DictMerge[<|\"a\" -> 1|>, <|\"a\" -> 2, \"b\" -> 3|>] gives <|\"a\" -> 2, \"b\" -> 3|>",
)
def dict_merge(ev, *ds):
    items: dict = {}
    for i, d in enumerate(ds, 1):
        if type(d) is not Association:
            ev.message("DictMerge", "dict", i, call("DictMerge", *ds))
            return None
        items.update(d.items)
    return Association(items)


# ================================================================ queues and stacks
def _contents(ev, name, head, c, args):
    """The elements of Queue[{...}] / Stack[{...}], or None after name::queue
    / name::stack."""
    if (
        type(c) is Expr
        and c.head is head
        and len(c.args) == 1
        and type(c.args[0]) is Expr
        and c.args[0].head is List
    ):
        return c.args[0].args
    ev.message(name, head.name.lower(), 1, call(name, *args))
    return None


def _initial(ev, name, args):
    if not args:
        return ()
    items = args[0]
    if type(items) is Expr and items.head is List:
        return items.args
    ev.message(name, "list", call(name, *args), 1)
    return None


@builtin(
    "QueueCreate",
    nargs=(0, 1),
    attributes=("Protected",),
    usage="QueueCreate[] gives an empty queue Queue[{}]; QueueCreate[list] a queue holding the elements of list, "
    "the first at the front.\nExample: QueueCreate[{1, 2}] gives Queue[{1, 2}]",
)
def queue_create(ev, *args):
    items = _initial(ev, "QueueCreate", args)
    if items is None:
        return None
    return Expr(Queue, (Expr(List, items),))


@builtin(
    "QueueEnqueue",
    nargs=(2, None),
    attributes=("Protected",),
    usage="QueueEnqueue[q, x] gives the queue q with x added at the back; QueueEnqueue[q, x, y, ...] adds several.\n"
    "Example: QueueEnqueue[Queue[{1}], 2] gives Queue[{1, 2}]",
)
def queue_enqueue(ev, q, *xs):
    items = _contents(ev, "QueueEnqueue", Queue, q, (q,) + xs)
    if items is None:
        return None
    return Expr(Queue, (Expr(List, items + xs),))


@builtin(
    "QueueDequeue",
    nargs=1,
    attributes=("Protected",),
    usage="QueueDequeue[q] gives {front, rest}: the element at the front of the queue and the queue without it "
    "(use {x, q} = QueueDequeue[q]); an empty queue gives the message QueueDequeue::qempty.\n"
    "Example: QueueDequeue[Queue[{1, 2}]] gives {1, Queue[{2}]}",
)
def queue_dequeue(ev, q):
    items = _contents(ev, "QueueDequeue", Queue, q, (q,))
    if items is None:
        return None
    if not items:
        ev.message("QueueDequeue", "qempty", q)
        return None
    return Expr(List, (items[0], Expr(Queue, (Expr(List, items[1:]),))))


@builtin(
    "QueuePeek",
    nargs=1,
    attributes=("Protected",),
    usage="QueuePeek[q] gives the element at the front of the queue q without removing it.\n"
    "Example: QueuePeek[Queue[{1, 2}]] gives 1",
)
def queue_peek(ev, q):
    items = _contents(ev, "QueuePeek", Queue, q, (q,))
    if items is None:
        return None
    if not items:
        ev.message("QueuePeek", "qempty", q)
        return None
    return items[0]


@builtin(
    "QueueSize",
    nargs=1,
    attributes=("Protected",),
    usage="QueueSize[q] gives the number of elements in the queue q.\nExample: QueueSize[Queue[{1, 2}]] gives 2",
)
def queue_size(ev, q):
    items = _contents(ev, "QueueSize", Queue, q, (q,))
    return None if items is None else len(items)


@builtin(
    "QueueEmptyQ",
    nargs=1,
    attributes=("Protected",),
    usage="QueueEmptyQ[q] gives True if the queue q has no elements, else False.\n"
    "Example: QueueEmptyQ[QueueCreate[]] gives True",
)
def queue_empty_q(ev, q):
    items = _contents(ev, "QueueEmptyQ", Queue, q, (q,))
    return None if items is None else truth(not items)


@builtin(
    "StackCreate",
    nargs=(0, 1),
    attributes=("Protected",),
    usage="StackCreate[] gives an empty stack Stack[{}]; StackCreate[list] a stack holding the elements of list, "
    "the last on top.\nExample: StackCreate[{1, 2}] gives Stack[{1, 2}]",
)
def stack_create(ev, *args):
    items = _initial(ev, "StackCreate", args)
    if items is None:
        return None
    return Expr(Stack, (Expr(List, items),))


@builtin(
    "StackPush",
    nargs=(2, None),
    attributes=("Protected",),
    usage="StackPush[s, x] gives the stack s with x pushed on top; StackPush[s, x, y, ...] pushes several, the "
    "last on top.\nExample: StackPush[Stack[{1}], 2] gives Stack[{1, 2}]",
)
def stack_push(ev, s, *xs):
    items = _contents(ev, "StackPush", Stack, s, (s,) + xs)
    if items is None:
        return None
    return Expr(Stack, (Expr(List, items + xs),))


@builtin(
    "StackPop",
    nargs=1,
    attributes=("Protected",),
    usage="StackPop[s] gives {top, rest}: the element on top of the stack and the stack without it (use "
    "{x, s} = StackPop[s]); an empty stack gives the message StackPop::sempty.\n"
    "Example: StackPop[Stack[{1, 2}]] gives {2, Stack[{1}]}",
)
def stack_pop(ev, s):
    items = _contents(ev, "StackPop", Stack, s, (s,))
    if items is None:
        return None
    if not items:
        ev.message("StackPop", "sempty", s)
        return None
    return Expr(List, (items[-1], Expr(Stack, (Expr(List, items[:-1]),))))


@builtin(
    "StackPeek",
    nargs=1,
    attributes=("Protected",),
    usage="StackPeek[s] gives the element on top of the stack s without removing it.\n"
    "Example: StackPeek[Stack[{1, 2}]] gives 2",
)
def stack_peek(ev, s):
    items = _contents(ev, "StackPeek", Stack, s, (s,))
    if items is None:
        return None
    if not items:
        ev.message("StackPeek", "sempty", s)
        return None
    return items[-1]


@builtin(
    "StackSize",
    nargs=1,
    attributes=("Protected",),
    usage="StackSize[s] gives the number of elements in the stack s.\nExample: StackSize[Stack[{1, 2}]] gives 2",
)
def stack_size(ev, s):
    items = _contents(ev, "StackSize", Stack, s, (s,))
    return None if items is None else len(items)


@builtin(
    "StackEmptyQ",
    nargs=1,
    attributes=("Protected",),
    usage="StackEmptyQ[s] gives True if the stack s has no elements, else False.\n"
    "Example: StackEmptyQ[StackCreate[]] gives True",
)
def stack_empty_q(ev, s):
    items = _contents(ev, "StackEmptyQ", Stack, s, (s,))
    return None if items is None else truth(not items)

