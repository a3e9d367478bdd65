"""Call plans and linked calls: compiled code calling a user function directly.

A call plan says how f[atoms...] is dispatched when f's definitions are all
of two plain shapes: literal rules (memo values, fib[0] = 0) found by one
hash probe, then rules f[x_, y_Integer, ...] whose matching is a type check
per argument and whose binding is positional. `VMEvaluator._call_user` uses
it for any call with atom arguments.

A Link goes one step further for a call site in compiled code whose
arguments turn out to be machine integers (fib[n - 1]): it holds the memo
values of integer arguments in a dict keyed by the integer itself, and the
compiled right side of the rule such a call would apply, specialised for
integer slots (codegen.lower_int_variant). The call site then costs a probe
or a direct Python call. A link is refreshed whenever the code's assumptions
are checked again (any definition anywhere moves the epoch), so it always
reflects the function's current definitions in the active session.
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import Symbol

_ATOMS = (int, float, str)
_Hold = S.Hold


_BLANK_TYPES = {"Integer": int, "Real": float, "String": str}


def call_plan(head):
    """How _call_user dispatches head[atoms...]: (literal rules by their
    arguments, [(arity, per-argument type check, rule)]), or None when some
    definition is not of these plain shapes (the general dispatch then runs).

    Literal rules must all come first (as the dispatch index files them);
    the others must be head[x_, y_Integer, ...] with distinct names and no
    condition, so matching is a type check and binding is positional."""
    rules = head.downvalues
    literal: dict = {}
    i = 0
    while i < len(rules) and rules[i].literal:
        core = rules[i].core
        if type(core) is not Expr or core.head is not head:
            return None
        if any(type(a) not in _ATOMS for a in core.args):
            return None
        rule = rules[i]
        value = rule.rhs if rule.test is None and type(rule.rhs) in _ATOMS else None
        literal.setdefault(core.args, []).append((tuple(map(type, core.args)), rule, value))
        i += 1
    positional = []
    for rule in rules[i:]:
        core = rule.core
        if rule.literal or rule.test is not None or rule.lhs is not core and not _held_pattern(rule.lhs, core):
            return None
        if type(core) is not Expr or core.head is not head:
            return None
        checks = []
        names = set()
        for p in core.args:
            check = _blank_check(p)
            if check is _NO or p.args[0] in names:
                return None
            names.add(p.args[0])
            checks.append(check)
        positional.append((len(core.args), tuple(checks), rule))
    return literal, tuple(positional)


_NO = object()


def _held_pattern(lhs, core) -> bool:
    return type(lhs) is Expr and lhs.head is S.HoldPattern and len(lhs.args) == 1 and lhs.args[0] is core


def _blank_check(p):
    """x_ -> None (anything), x_Integer -> int, ...; _NO for other patterns."""
    if type(p) is not Expr or p.head is not S.Pattern or len(p.args) != 2 or type(p.args[0]) is not Symbol:
        return _NO
    blank = p.args[1]
    if type(blank) is not Expr or blank.head is not S.Blank or len(blank.args) > 1:
        return _NO
    if not blank.args:
        return None
    h = blank.args[0]
    if type(h) is Symbol and h.context == "System`" and h.name in _BLANK_TYPES:
        return _BLANK_TYPES[h.name]
    return _NO


class Link:
    """One compiled unit's direct line to head[n1, ..., nk] for machine integers."""

    __slots__ = ("head", "arity", "version", "rules", "lit", "fn", "code")

    def __init__(self, head, arity):
        self.head = head
        self.arity = arity
        self.version = None  # head.version when last refreshed
        self.rules = None  # the DownValues list it was built from (per session)
        self.lit = {}  # memo values: the integer (or tuple of integers) -> the atom value
        self.fn = None  # the compiled right side for integer arguments, or None
        self.code = None

    def refresh(self) -> None:
        """Follow the head's current definitions (called when the epoch moved)."""
        head = self.head
        code = self.code
        if head.version == self.version and head.downvalues is self.rules and (
            code is None or not code.stale and (code.assumptions.epoch == symtab.epoch[0] or code.assumptions.revalidate())
        ):
            return
        self.version = head.version
        self.rules = head.downvalues
        self.lit, self.fn, self.code = {}, None, None
        if head.attributes or head.ownvalue is not None or head.builtin is not None or not head.downvalues:
            return
        plan = call_plan(head)
        if plan is None:
            return
        lit = _integer_memo(plan[0], self.arity)
        if lit is None:
            return
        rule = _integer_rule(plan[1], self.arity)
        code = None if rule is None else _static_code(rule)
        self.lit = lit
        if code is not None:
            from .codegen import lower_int_variant

            self.code = code
            self.fn = lower_int_variant(code)

    def held(self, args):
        """What the call gives when $RecursionLimit stops its right side."""
        code = self.code
        return Expr(_Hold, (code.body(dict(zip(code.names, args))),))


def _integer_memo(literal: dict, arity: int):
    """{n: value} (or {(n1, n2): value}) of the memo rules for integer
    arguments; None when one of them is not a plain atom value (then every
    call takes the general path)."""
    lit = {}
    for args, entries in literal.items():
        if len(args) != arity:
            continue
        for types, rule, value in entries:  # 1 and 1. share a key: the types decide
            if all(t is int for t in types):
                if value is None:
                    return None
                lit[args[0] if arity == 1 else args] = value
                break
    return lit


def _integer_rule(positional, arity: int):
    """The first plain rule a call with `arity` integers matches, or None."""
    for n, checks, rule in positional:
        if n == arity and all(c is None or c is int for c in checks):
            return rule
    return None


def _static_code(rule):
    """The rule's right side compiled with static dispatch (shared with the
    evaluator's own cache when it holds that), or None."""
    code = rule.vm_code
    if code is not None and code is not False and code.static and not code.stale:
        return code
    from .vm import compile_rule  # vm.py builds on this module

    code = compile_rule(rule, True)
    if rule.vm_code is None or rule.vm_code is not False and rule.vm_code.stale:
        rule.vm_code = False if code is None else code
    return code
