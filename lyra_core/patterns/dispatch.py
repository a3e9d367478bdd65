"""Applying lists of rules: the dispatch index and the evaluator's entry points.

    apply_definitions(rules, expr, ev, owner)  DownValues / UpValues / SubValues
    apply_rules_once(rules, expr, ev)          one replacement step (ReplaceAll)

Both try the rules in list order and return the first rule's result
(unevaluated) or None. Under `ev.naive` every rule is tried with the general
matcher. Otherwise a RuleIndex narrows the candidates -- to exactly the rules
the plain scan could have matched, in the same order -- and each candidate
uses its specialised matcher when it has one.

The index of a rule list:
  * literal rules at the front of the list (f[0] = 1, memo values
    fib[30] = ...) sit in a hash table keyed by the expression itself, as in
    WL; a hit costs one dict probe however many such rules there are;
  * the other rules are filed by the head of their left side, then by
    argument count (when fixed), then by a literal first argument;
  * rules that can match expressions of any head (x_, _?test, optional
    arguments under OneIdentity, compound heads) are candidates everywhere;
  * an expression whose head is Flat or Orderless (checked at call time) gets
    the whole list: argument counts and positions mean little there.

Indexes are cached per list object: in the owner symbol's `dispatch` slot
(reset by `touch()` on every change of definitions) and in a module table
that `insert_definition` keeps up to date incrementally, so memoising a
function (thousands of literal rules) costs O(1) per new value.
"""

from __future__ import annotations

from ..expr.normal import Expr
from ..expr.symbol import FLAT, ORDERLESS, Symbol, on_forget
from .plans import OPTIONAL, SINGLE, element_info
from .structure import PATTERN_HEADS, is_literal, literal_key

_UNSURE_HEADS = FLAT | ORDERLESS
_SMALL = 4  # shorter lists are scanned directly: an index would cost more


# ================================================================ entry points
def apply_definitions(rules: list, expr, ev, owner):
    """The first definition in `rules` that applies to `expr` (its right side,
    not evaluated), or None."""
    if ev.naive:
        return _first_general(rules, expr, ev)
    # The fast paths here and in RuleTable.apply_once are written out, not
    # shared through a helper: they run on every call, and a call costs ~5%.
    if len(rules) < _SMALL:
        for rule in rules:
            r = rule.apply_fast(expr, ev)
            if r is not None:
                return r
        return None
    index = _owner_index(owner, rules)
    hits, candidates = index.lookup(expr)
    if hits is not None:
        for rule in hits:
            r = rule.literal_result(ev)
            if r is not None:
                return r
    for rule in candidates:
        r = rule.apply_fast(expr, ev)
        if r is not None:
            return r
    return None


def apply_rules_once(rules, expr, ev):
    """The result of the first rule (a list of Rule objects or a RuleTable)
    that applies to `expr`, or None."""
    if type(rules) is RuleTable:
        return rules.apply_once(expr, ev)
    if ev.naive:
        return _first_general(rules, expr, ev)
    for rule in rules:
        r = rule.apply_fast(expr, ev)
        if r is not None:
            return r
    return None


def _first_general(rules, expr, ev):
    """The naive scan: every rule in list order, general matcher only."""
    for rule in rules:
        r = rule.apply_general(expr, ev)
        if r is not None:
            return r
    return None


class RuleTable:
    """A list of replacement rules prepared for repeated use (ReplaceAll over a
    large expression, Dispatch[...]): indexed on first use."""

    __slots__ = ("rules", "_index")

    def __init__(self, rules: list):
        self.rules = rules
        self._index = None

    def __len__(self):
        return len(self.rules)

    def apply_once(self, expr, ev):
        rules = self.rules
        if ev.naive:
            return _first_general(rules, expr, ev)
        if len(rules) < _SMALL:
            for rule in rules:
                r = rule.apply_fast(expr, ev)
                if r is not None:
                    return r
            return None
        index = self._index
        if index is None:
            index = self._index = RuleIndex(rules)
        hits, candidates = index.lookup(expr)
        if hits is not None:
            for rule in hits:
                r = rule.literal_result(ev)
                if r is not None:
                    return r
        for rule in candidates:
            r = rule.apply_fast(expr, ev)
            if r is not None:
                return r
        return None


# ================================================================ index caches
_INDEXES: dict[int, "RuleIndex"] = {}  # id(list) -> its index (which holds the list)
_CACHE_LIMIT = 4096


def _owner_index(owner, rules: list) -> "RuleIndex":
    cached = owner.dispatch if type(owner) is Symbol else None
    if cached is not None:
        for index in cached:
            if index.rules is rules and len(index.snapshot) == len(rules):
                return index
    index = index_of(rules)
    if type(owner) is Symbol:
        if cached is None or len(cached) >= 3:
            owner.dispatch = [index]
        else:
            cached.append(index)
    return index


def index_of(rules: list) -> "RuleIndex":
    """The up-to-date index of this list object (made or repaired if needed)."""
    index = _INDEXES.get(id(rules))
    if index is not None and index.rules is rules:
        if index.snapshot != rules:  # changed behind our back: start afresh
            index.rebuild()
        return index
    if len(_INDEXES) >= _CACHE_LIMIT:
        _INDEXES.clear()
    index = _INDEXES[id(rules)] = RuleIndex(rules)
    return index


def index_for_update(rules: list):
    """The index insert_definition should keep in step, or None for short lists."""
    if len(rules) < 8 and id(rules) not in _INDEXES:
        return None
    return index_of(rules)


def forget_index(rules: list) -> None:
    index = _INDEXES.get(id(rules))
    if index is not None and index.rules is rules:
        del _INDEXES[id(rules)]


def _forget_owner(sym: Symbol) -> None:
    """A forgotten symbol's rule lists lose their cached indexes, which hold
    the lists, their rules and so the symbol itself."""
    for rules in (sym.downvalues, sym.upvalues, sym.subvalues):
        forget_index(rules)
    sym.dispatch = None


on_forget(_forget_owner)


# ================================================================ the index
_ALWAYS = None  # signature head of rules that are candidates for every expression


def _signature(rule):
    """(head, arity, first_key): where the index files a non-literal rule.

    head None: a candidate everywhere. arity None: any argument count.
    first_key None: no literal first argument to file by."""
    core = rule.core
    if type(core) is not Expr:
        return (_ALWAYS, None, None)
    head = core.head
    if type(head) is not Symbol or head in PATTERN_HEADS:
        return (_ALWAYS, None, None)
    args = core.args
    arity = len(args)
    for a in args:
        kind = element_info(a)[0]
        if kind == OPTIONAL:
            return (_ALWAYS, None, None)  # OneIdentity may match any head
        if kind != SINGLE:
            arity = None
    first = None
    if arity and is_literal(args[0]):
        first = literal_key(args[0])
    return (head, arity, first)


class _HeadBucket:
    """The non-literal rules for one head, by argument count and first argument."""

    __slots__ = ("variable", "by_arity")

    def __init__(self, entries, always):
        # entries, always: lists of (position, rule, arity, first)
        variable = sorted(
            [e for e in entries if e[2] is None] + always, key=lambda e: e[0]
        )
        self.variable = tuple(e[1] for e in variable)
        self.by_arity = {}
        arities = {e[2] for e in entries if e[2] is not None}
        for n in arities:
            merged = sorted([e for e in entries if e[2] == n] + variable, key=lambda e: e[0])
            keyed = {e[3] for e in merged if e[3] is not None}
            default = tuple(e[1] for e in merged if e[3] is None)
            firsts = {
                k: tuple(e[1] for e in merged if e[3] is None or e[3] == k) for k in keyed
            }
            self.by_arity[n] = (firsts, default)

    def select(self, args):
        entry = self.by_arity.get(len(args))
        if entry is None:
            return self.variable
        firsts, default = entry
        if firsts:
            a = args[0]
            hit = firsts.get(a if type(a) is Expr else (type(a), a))
            if hit is not None:
                return hit
        return default


class RuleIndex:
    __slots__ = ("rules", "snapshot", "literal", "literal_count", "_heads", "_always")

    def __init__(self, rules: list):
        self.rules = rules
        self.rebuild()

    def rebuild(self) -> None:
        rules = self.rules
        self.snapshot = list(rules)
        literal: dict = {}
        count = 0
        for r in rules:
            if not r.literal:
                break
            key = r.identity[0]
            literal[key] = literal.get(key, ()) + (r,)
            count += 1
        self.literal = literal
        self.literal_count = count
        self._heads = None  # the pattern part is filed on first lookup

    def _file_patterns(self) -> None:
        always = []
        by_head: dict = {}
        rules = self.rules
        for pos in range(self.literal_count, len(rules)):
            rule = rules[pos]
            head, arity, first = _signature(rule)
            entry = (pos, rule, arity, first)
            if head is _ALWAYS:
                always.append(entry)
            else:
                by_head.setdefault(head, []).append(entry)
        self._always = tuple(e[1] for e in always)
        self._heads = {h: _HeadBucket(entries, always) for h, entries in by_head.items()}

    def lookup(self, expr):
        """(literal hits or None, other candidates), both in list order."""
        heads = self._heads
        if heads is None:
            self._file_patterns()
            heads = self._heads
        if type(expr) is Expr:
            head = expr.head
            if type(head) is Symbol:
                if head.attributes & _UNSURE_HEADS:
                    return None, self.rules
                bucket = heads.get(head)
                candidates = bucket.select(expr.args) if bucket is not None else self._always
            else:
                candidates = self._always
            literal = self.literal
            return (literal.get(expr) if literal else None), candidates
        literal = self.literal
        return (literal.get((type(expr), expr)) if literal else None), self._always

    # ------------------------------------------------------------ incremental upkeep
    def find_identical(self, rule):
        """Position of the rule insert_definition must replace, or None."""
        ident = rule.identity
        rules = self.rules
        if rule.literal:
            for r in self.literal.get(ident[0], ()):
                if r.identity == ident:
                    return rules.index(r)
        for i in range(self.literal_count, len(rules)):
            if rules[i].identity == ident:
                return i
        return None

    def inserted(self, position: int, rule) -> None:
        self.snapshot.insert(position, rule)
        count = self.literal_count
        if rule.literal and position == count:
            key = rule.identity[0]
            self.literal[key] = self.literal.get(key, ()) + (rule,)
            self.literal_count = count + 1
        elif position < count:
            self.rebuild()
        else:
            self._heads = None

    def replaced(self, position: int, rule) -> None:
        old = self.snapshot[position]
        self.snapshot[position] = rule
        if position < self.literal_count:
            if rule.literal:
                key = rule.identity[0]
                self.literal[key] = tuple(rule if r is old else r for r in self.literal[key])
            else:
                self.rebuild()
        else:
            self._heads = None
