"""What a pattern is made of: its constructs, the heads it demands, its names.

The general matcher, the specialised matchers, the definition ordering and the
dispatch index all ask the same questions of a pattern -- is it literal? what
does a blank accept? which names does it bind? -- so the answers live here.
Answers about whole patterns are cached by the pattern expression (Expr hashes
are computed once, so a lookup costs one dict probe).
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.assoc import Association
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr, same
from ..expr.symbol import TEMPORARY, Symbol, on_forget, system

PatternSequence = system("PatternSequence")
Longest = system("Longest")
Shortest = system("Shortest")
OptionValue = system("OptionValue")

# Heads that mean something to the matcher; anything else is matched literally.
PATTERN_HEADS = frozenset(
    {
        S.Blank,
        S.BlankSequence,
        S.BlankNullSequence,
        S.Pattern,
        S.PatternTest,
        S.Condition,
        S.Alternatives,
        S.Optional,
        S.Repeated,
        S.RepeatedNull,
        S.Except,
        S.HoldPattern,
        S.Verbatim,
        S.OptionsPattern,
        PatternSequence,
        Longest,
        Shortest,
    }
)

# Where the bindings of a match keep what an OptionsPattern[] matched:
# (tuple of option rules, the OptionsPattern's own argument or None).
OPTIONS_KEY = "OptionsPattern"


def flatten_rules(items, out: list) -> list:
    """out extended with items, nested Lists of option rules spliced in."""
    for r in items:
        if type(r) is Expr and r.head is S.List:
            flatten_rules(r.args, out)
        else:
            out.append(r)
    return out

INF = 1 << 62  # "no upper bound" for sequence lengths; plain int arithmetic


# ---------------------------------------------------------------- heads
_ATOM_HEADS = {
    int: S.Integer,
    float: S.Real,
    BigReal: S.Real,
    str: S.String,
    Symbol: S.Symbol,
    Rational: S.Rational,
    Complex: S.Complex,
    Association: S.Association,
}


def head_of(e):
    """Head[e] without evaluation: Integer for 1, List for {..}, and so on."""
    if type(e) is Expr:
        return e.head
    return _ATOM_HEADS.get(type(e), S.Symbol)


def has_head(e, h) -> bool:
    """Does `e` satisfy the blank `_h`?"""
    if type(e) is Expr:
        eh = e.head
        return eh is h or same(eh, h)
    return _ATOM_HEADS.get(type(e)) is h


def head_checker(h):
    """A one-argument predicate for `_h`, as cheap as the head allows."""
    if h is S.Integer:
        return lambda e: type(e) is int
    if h is S.Real:
        return lambda e: type(e) is float or type(e) is BigReal
    if h is S.String:
        return lambda e: type(e) is str
    if h is S.Symbol:
        return lambda e: type(e) is Symbol or (type(e) is Expr and e.head is S.Symbol)
    if h is S.Rational:
        return lambda e: type(e) is Rational
    if h is S.Complex:
        return lambda e: type(e) is Complex
    if h is S.Association:
        return lambda e: type(e) is Association
    if type(h) is Symbol:
        return lambda e: type(e) is Expr and e.head is h
    return lambda e: has_head(e, h)


# ---------------------------------------------------------------- caches
_CACHE_LIMIT = 20000


def _cached(cache: dict, key, compute):
    # Keyed by identity (the entry keeps its key alive): an equal but distinct
    # expression -- the same program in another session, a rebuilt subject --
    # would otherwise cost a deep comparison on every lookup.
    entry = cache.get(id(key))
    if entry is None or entry[0] is not key:
        if len(cache) >= _CACHE_LIMIT:
            clear_cache(cache)
        entry = cache[id(key)] = (key, compute(key))
        note_temporaries(cache, key)
    return entry[1]


# An entry whose key mentions a Temporary symbol (a Module local, s$12) would
# keep that symbol alive after its Module is done: such entries are also
# filed here under the symbol, and forgetting the symbol drops them.
_by_temporary: dict = {}  # Symbol -> [(cache, key), ...]


def note_temporaries(cache: dict, key) -> None:
    """File the new entry cache[id(key)] under the Temporary symbols in key."""
    if type(key) is not Expr:
        return
    stack = [key]
    while stack:
        e = stack.pop()
        for part in (e.head, *e.args):
            t = type(part)
            if t is Expr:
                stack.append(part)
            elif t is Symbol and part.attributes & TEMPORARY:
                _by_temporary.setdefault(part, []).append((cache, key))


def clear_cache(cache: dict) -> None:
    """Empty a pattern cache, and its entries' filings under temporaries."""
    cache.clear()
    for sym, entries in list(_by_temporary.items()):
        kept = [entry for entry in entries if entry[0] is not cache]
        if kept:
            _by_temporary[sym] = kept
        else:
            del _by_temporary[sym]


def _forget_temporary(sym: Symbol) -> None:
    for cache, key in _by_temporary.pop(sym, ()):
        entry = cache.get(id(key))
        if entry is not None and entry[0] is key:
            del cache[id(key)]


on_forget(_forget_temporary)


# ---------------------------------------------------------------- literal?
_literal_cache: dict = {}


def is_literal(p) -> bool:
    """True when `p` contains no pattern construct, so only SameQ matches it."""
    if type(p) is not Expr:
        return True
    return _cached(_literal_cache, p, _compute_literal)


def _compute_literal(p) -> bool:
    stack = [p]
    while stack:
        e = stack.pop()
        head = e.head
        if type(head) is Symbol:
            if head in PATTERN_HEADS:
                return False
        elif type(head) is Expr:
            stack.append(head)
        for a in e.args:
            if type(a) is Expr:
                stack.append(a)
    return True


def literal_key(e):
    """A dict key with SameQ semantics (1 and 1. differ; Expr equality is SameQ)."""
    return e if type(e) is Expr else (type(e), e)


# ---------------------------------------------------------------- names
def pattern_name(p):
    """The Symbol a Pattern[x, ...] binds, or None when p is not a valid Pattern."""
    if type(p) is Expr and p.head is S.Pattern and len(p.args) == 2:
        name = p.args[0]
        if type(name) is Symbol:
            return name
    return None


def collect_names(p, out: list) -> None:
    """Append, in order of appearance, the names `p` can bind (no duplicates)."""
    if type(p) is not Expr:
        return
    head = p.head
    if head is S.Verbatim:
        return
    name = pattern_name(p)
    if name is not None and name not in out:
        out.append(name)
    if type(head) is Expr:
        collect_names(head, out)
    for a in p.args:
        if type(a) is Expr:
            collect_names(a, out)


_alt_cache: dict = {}


def alternative_names(p) -> tuple:
    """Names that occur inside an Alternatives of `p`.

    WL deletes such a name from the right side when the chosen alternative did
    not bind it, which is what binding it to Sequence[] does.
    """
    if type(p) is not Expr:
        return ()
    return _cached(_alt_cache, p, _compute_alternative_names)


def _compute_alternative_names(p) -> tuple:
    out: list = []
    stack = [p]
    while stack:
        e = stack.pop()
        if e.head is S.Alternatives:
            collect_names(e, out)
            continue
        if e.head is S.Verbatim:
            continue
        if type(e.head) is Expr:
            stack.append(e.head)
        for a in e.args:
            if type(a) is Expr:
                stack.append(a)
    return tuple(out)


def mentions(e, symbols) -> bool:
    """Does `e` contain any of `symbols` (a set or dict of Symbols) anywhere?"""
    if not symbols:
        return False
    stack = [e]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is Symbol:
            if x in symbols:
                return True
        elif t is Expr:
            stack.append(x.head)
            stack.extend(x.args)
        elif t is Association:
            for k, v, _ in x.items.values():
                stack.append(k)
                stack.append(v)
    return False


def contains_head(e, head) -> bool:
    """Does `e` contain a normal expression with this head anywhere?"""
    stack = [e]
    while stack:
        x = stack.pop()
        if type(x) is Expr:
            if x.head is head:
                return True
            stack.append(x.head)
            stack.extend(x.args)
    return False


# ---------------------------------------------------------------- wrappers
def strip_hold(p):
    """p without enclosing HoldPattern[...] wrappers."""
    while type(p) is Expr and p.head is S.HoldPattern and len(p.args) == 1:
        p = p.args[0]
    return p


def split_condition(p):
    """(core, tests): p without its top-level HoldPattern / Condition layers,
    and the tests of those conditions, outermost last."""
    tests = []
    while type(p) is Expr and len(p.args) in (1, 2):
        if p.head is S.HoldPattern and len(p.args) == 1:
            p = p.args[0]
        elif p.head is S.Condition and len(p.args) == 2:
            tests.append(p.args[1])
            p = p.args[0]
        else:
            break
    tests.reverse()
    return p, tests
