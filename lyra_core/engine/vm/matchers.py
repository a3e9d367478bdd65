"""Left sides of DownValues compiled to Python matchers (the VM's rule matching).

`compile_lhs(rule)` turns a definition's left side into the source of one
Python function `match(e, ev)`, exec'd once and kept on the rule (its
`vm_match` slot). The function returns the bindings dict of the first match
the general matcher (patterns/matcher.py) would accept -- the rule's
`/; test` included -- None when there is none, or FALLBACK when a head's
attributes no longer are what the code was compiled for (checked first,
before anything is evaluated: the general matcher then decides).

Shapes compiled: literals, blanks with or without a head, named patterns
(repeated names compare with SameQ), PatternTest, Condition, HoldPattern,
nested h[...] under heads without Flat/Orderless, and the two-part split
h[p1, p2] of a Flat, Orderless, OneIdentity head (a_ + b_, a_ b_) with blank
parts. Anything else (sequences, optionals, alternatives...) gives None: the
caller keeps the general path.

The code does what the general matcher does, in its order: per h[...] level
the length, then the cheap checks of its plan (literal arguments, heads that
blanks demand), then each argument depth-first, each PatternTest and
Condition as soon as its pattern has matched. A split tries the ways WL
does -- the first part one argument (in order), then two, ... -- and runs
the rest of the match for each, so a later failure (a repeated name, a
condition) moves to the next split just as backtracking would.
"""

from __future__ import annotations

from itertools import combinations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.atoms import BigReal, Complex, Rational
from ...expr.normal import Expr, same
from ...expr.symbol import FLAT, ONE_IDENTITY, ORDERLESS, Symbol
from ...patterns.matcher import condition_holds, passes_test
from ...patterns.plans import SINGLE, element_info, plan_of
from ...patterns.rules import _WITH_OPTIONS
from ...patterns.specialize import FALLBACK
from ...patterns.structure import PATTERN_HEADS, head_checker, is_literal
from .sums import fixed_point, part

_Blank = S.Blank
_Pattern = S.Pattern
_True = S.True_
_SPLIT_BITS = FLAT | ORDERLESS | ONE_IDENTITY
_UNSURE = FLAT | ORDERLESS


class _Unsupported(Exception):
    pass


def compile_lhs(rule):
    """The compiled matcher of rule's left side (see above), or None."""
    builders = rule._builders
    if builders is None:
        builders = rule._prepare()
    if builders is _WITH_OPTIONS:
        return None  # OptionValue on the right: the option-aware path
    gen = _Gen(rule.test)
    core = rule.core
    if type(core) is Expr and type(core.head) is Symbol:
        # Under a Flat head a rule also applies to part of h[...]
        # (Rule._partial_results): left to the general path.
        if core.head.attributes & _UNSURE:
            return None
        gen.require(core.head, _UNSURE, 0)
    try:
        ind = gen.node(rule.lhs, "e", 1)
    except _Unsupported:
        return None
    return gen.finish(ind)


class _Gen:
    def __init__(self, test):
        self.body: list[str] = []
        self.glob = {
            "Expr": Expr,
            "same": same,
            "FALLBACK": FALLBACK,
            "TRUE": _True,
            "condition_holds": condition_holds,
            "pattern_test": pattern_test,
            "split": split,
        }
        self.rhs_test = test  # the right side's `/; test`, or None
        self.consts: dict = {}
        self.bound: dict = {}  # name Symbol -> local variable, in binding order
        self.expect: dict = {}  # head Symbol -> (mask, bits) its attributes must show
        self.fail = "return None"
        self.counter = 0
        self.splits = 0  # splits emitted so far

    # ------------------------------------------------------------ helpers
    def const(self, value, prefix="K") -> str:
        key = (prefix, id(value))
        name = self.consts.get(key)
        if name is None:
            name = self.consts[key] = f"{prefix}{len(self.consts)}"
            self.glob[name] = value
        return name

    def var(self, prefix="v") -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def emit(self, ind: int, line: str) -> None:
        self.body.append("    " * ind + line)

    def bindings(self) -> str:
        """Python for the dict of the names bound so far (what a Condition sees)."""
        pairs = ", ".join(f"{self.const(n, 'N')}: {v}" for n, v in self.bound.items())
        return "{" + pairs + "}"

    def condition(self, cond) -> str:
        """Python for `cond, the names bound so far put in, evaluates to True`."""
        if type(cond) is not Expr:
            return f"condition_holds({self.const(cond)}, {self.bindings()}, ev)"
        test = Condition(cond, tuple(self.bound))
        values = "".join(f", {v}" for v in self.bound.values())
        return f"{self.const(test, 'T')}.holds(ev{values})"

    def require(self, head, mask, bits) -> None:
        old = self.expect.get(head)
        if old is not None and old != (mask, bits):
            raise _Unsupported  # the same head used both ways: leave it to the general matcher
        self.expect[head] = (mask, bits)

    # ------------------------------------------------------------ nodes
    def node(self, p, e: str, ind: int) -> int:
        """Code matching pattern p against the value in local e; returns the
        indentation the code after it continues at (deeper after a split)."""
        if type(p) is not Expr:
            k = self.const(p)
            self.emit(ind, f"if not ({e} is {k} or (type({e}) is type({k}) and {e} == {k})): {self.fail}")
            return ind
        head = p.head
        if type(head) is not Symbol:
            raise _Unsupported
        if head in PATTERN_HEADS:
            return self.construct(p, e, ind)
        if is_literal(p):
            k = self.const(p)
            self.emit(ind, f"if not ({e} is {k} or {k} == {e}): {self.fail}")
            return ind
        return self.compound(p, e, ind)

    def construct(self, p, e, ind):
        head, args = p.head, p.args
        if head is _Blank and len(args) <= 1:
            if args:
                self.emit(ind, f"if not {self.const(head_checker(args[0]), 'H')}({e}): {self.fail}")
            return ind
        if head is _Pattern and len(args) == 2 and type(args[0]) is Symbol:
            return self.named(args[0], args[1], e, ind)
        if head is S.PatternTest and len(args) == 2:
            splits = self.splits
            ind = self.node(args[0], e, ind)
            if self.splits != splits:
                raise _Unsupported  # the general matcher tests once for all the inner matches
            self.emit(ind, f"if not pattern_test({self.const(args[1])}, {e}, ev): {self.fail}")
            return ind
        if head is S.Condition and len(args) == 2:
            ind = self.node(args[0], e, ind)
            self.emit(ind, f"if not {self.condition(args[1])}: {self.fail}")
            return ind
        if head is S.HoldPattern and len(args) == 1:
            return self.node(args[0], e, ind)
        raise _Unsupported

    def named(self, name, inner, e, ind):
        old = self.bound.get(name)
        if old is not None:
            # A repeated name must see the same value, checked before the inner pattern.
            self.emit(ind, f"if not ({e} is {old} or same({old}, {e})): {self.fail}")
            return self.node(inner, e, ind)
        ind = self.node(inner, e, ind)
        if name in self.bound:  # bound inside inner (x : f[x_]): the general matcher compares
            self.emit(ind, f"if not ({e} is {self.bound[name]} or same({self.bound[name]}, {e})): {self.fail}")
            return ind
        self.bound[name] = e  # (e is not assigned again on this path)
        return ind

    def compound(self, p, e, ind):
        head = p.head
        if head.attributes & _UNSURE:
            return self.split(p, e, ind)
        self.require(head, _UNSURE, 0)
        pats = p.args
        for q in pats:
            if element_info(q)[0] != SINGLE:
                raise _Unsupported  # sequences and optionals: runs of arguments
        args = self.var("a")
        self.emit(ind, f"if type({e}) is not Expr or {e}.head is not {self.const(head)}: {self.fail}")
        self.emit(ind, f"{args} = {e}.args")
        self.emit(ind, f"if len({args}) != {len(pats)}: {self.fail}")
        for i, lit, h in plan_of(p).checks:  # the plan's cheap checks, before any element
            x = f"{args}[{i}]"
            if h is None:
                k = self.const(lit)
                self.emit(ind, f"if not ({x} is {k} or same({k}, {x})): {self.fail}")
            else:
                self.emit(ind, f"if not {self.const(head_checker(h), 'H')}({x}): {self.fail}")
        for i, q in enumerate(pats):
            x = self.var()
            self.emit(ind, f"{x} = {args}[{i}]")
            ind = self.node(q, x, ind)
        return ind

    def split(self, p, e, ind):
        """h[p1, p2] under a Flat, Orderless, OneIdentity head: every split in WL's order."""
        head = p.head
        if head.attributes & _SPLIT_BITS != _SPLIT_BITS or len(p.args) != 2:
            raise _Unsupported
        if not all(_plain_blank(q) for q in p.args):
            raise _Unsupported
        self.require(head, _SPLIT_BITS, _SPLIT_BITS)
        self.splits += 1
        self.emit(ind, f"if type({e}) is not Expr or {e}.head is not {self.const(head)}: {self.fail}")
        first, rest = self.var(), self.var()
        self.emit(ind, f"for {first}, {rest} in split({e}, ev):")
        self.fail = "continue"
        ind = self.node(p.args[0], first, ind + 1)
        return self.node(p.args[1], rest, ind)

    def finish(self, ind):
        """The function: attribute checks, the match, then the rule's `/; test`
        (a failing test inside a split moves on to the next split)."""
        lines = ["def match(e, ev):"]
        for head, (mask, bits) in self.expect.items():
            lines.append(f"    if {self.const(head)}.attributes & {mask} != {bits}: return FALLBACK")
        lines.extend(self.body)
        if self.rhs_test is None:
            lines.append("    " * ind + f"return {self.bindings()}")
        else:
            lines.append("    " * ind + f"if {self.condition(self.rhs_test)}: return {self.bindings()}")
        lines.append("    return None")
        source = "\n".join(lines)
        namespace = dict(self.glob)
        exec(compile(source, "<lyra-matcher>", "exec"), namespace)
        fn = namespace.pop("match")  # no cycle function -> globals -> function
        fn.source = source
        return fn


def _plain_blank(q) -> bool:
    """_ or x_ (no head, no test): a part of a split that takes any value."""
    if type(q) is Expr and q.head is _Pattern and len(q.args) == 2 and type(q.args[0]) is Symbol:
        q = q.args[1]
    return type(q) is Expr and q.head is _Blank and not q.args


# ================================================================ at run time
class Condition:
    """A condition run as the VM runs a rule's right side: `holds(ev, *values)`
    is `ev.evaluate(cond with names -> values) is True`, the compiled way (a
    fresh rewrite chain one level deeper, as ev.evaluate has it)."""

    __slots__ = ("cond", "names", "code")

    def __init__(self, cond, names):
        self.cond = cond
        self.names = names
        self.code = None

    def holds(self, ev, *values) -> bool:
        code = self.code
        if code is None or code.stale or code.static != ev.static_dispatch:
            from .vm import compile_condition  # (vm.py imports this module)

            code = self.code = compile_condition(self.cond, self.names, ev.static_dispatch)
        chain = ev.chain
        ev.chain = 0
        try:
            return code.fn(ev, *values) is _True
        finally:
            ev.chain = chain


_PREDICATES = frozenset(
    symtab.system(n)
    for n in (
        "NumberQ", "IntegerQ", "EvenQ", "OddQ", "ExactNumberQ", "InexactNumberQ",
        "MachineNumberQ", "StringQ", "AtomQ",
    )
)
_PLAIN_ATOMS = frozenset((int, float, str, Rational, BigReal, Complex))


def pattern_test(test, e, ev) -> bool:
    """PatternTest: test[e] is True. A builtin type predicate on a number or
    string is called directly (such an argument has no UpValues, the
    predicate no definitions of the user's: evaluation would do just this)."""
    if test in _PREDICATES and type(e) in _PLAIN_ATOMS and not test.downvalues and test.ownvalue is None:
        ev.stats["builtin_calls"] += 1
        return test.builtin.fn(ev, e) is _True
    return passes_test(test, e, ev)


def split(e, ev):
    """The (first, rest) values of h[a_, b_] against e = h[...], in the
    general matcher's order: first takes one argument (each in turn), then
    two, ..., rest what remains; a run of several becomes h[run]."""
    args = e.args
    n = len(args)
    if n < 2:
        return
    head = e.head
    # (Far from $RecursionLimit only: evaluating the part could hit the
    # limit, and the message must come where the tree-walker gives it.)
    plain = ev.depth + _DEPTH_MARGIN < ev.recursion_limit and fixed_point(e)
    for i in range(n):
        yield args[i], part(head, args[:i] + args[i + 1:], plain)
    for k in range(2, n):
        for chosen in combinations(range(n), k):
            inside = set(chosen)
            run = tuple([args[t] for t in chosen])
            left = tuple([args[t] for t in range(n) if t not in inside])
            yield part(head, run, plain), part(head, left, plain)


_DEPTH_MARGIN = 64
