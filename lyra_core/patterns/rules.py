"""Rules as objects: lhs -> rhs, lhs :> rhs, and definitions lhs (:)= rhs.

    rule = Rule(lhs, rhs, delayed)
    rule.apply(expr, ev)   -> the right side with the match put in (NOT
                              evaluated), or None when the rule does not apply

Right sides of the form `body /; test` apply only when the test, with the
match put in, evaluates to True; otherwise the next way the left side matches
is tried. Under a Flat head, a left side h[p1, ..., pn] also applies to part
of a longer h[...] (a + b -> x turns a + b + c into c + x), as in WL.

Everything a rule needs for fast application (its specialised matcher, its
specificity key, what the dispatch index files it under) is computed on
first use and kept on the object.
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.normal import Expr
from ..expr.symbol import FLAT, ORDERLESS, Symbol, intern
from .matcher import match_all
from .ordering import rule_key
from .options import substitute_with_options
from .specialize import FALLBACK, compile_matcher
from .structure import (
    OptionValue,
    collect_names,
    contains_head,
    is_literal,
    literal_key,
    split_condition,
    strip_hold,
)
from .substitute import compile_template

_True = S.True_
_UNSET = object()
_FAIL = object()
_NO_BINDINGS: dict = {}
_WITH_OPTIONS = "options"  # the right side uses OptionValue

# Hidden names for the arguments around a partial Flat match.
_BEFORE = intern("Lyra`Private`before$")
_AFTER = intern("Lyra`Private`after$")
_BEFORE_PATTERN = Expr(S.Pattern, (_BEFORE, Expr(S.BlankNullSequence, ())))
_AFTER_PATTERN = Expr(S.Pattern, (_AFTER, Expr(S.BlankNullSequence, ())))


class Rule:
    __slots__ = (
        "lhs",
        "rhs",
        "delayed",
        "body",  # the right side without its `/; test`
        "test",  # that test, or None
        "core",  # lhs without HoldPattern / Condition wrappers
        "_fast",  # compiled specialised matcher, None if none, _UNSET if not yet
        "_key",
        "_identity",
        "_builders",  # (body, test) builders of the right side, _WITH_OPTIONS, or None
        "_partial",  # {orderless?: augmented lhs} for partial Flat matches
        "vm_code",  # the bytecode engine's compiled right side (None: not yet)
        "vm_match",  # the bytecode engine's compiled left side (_UNSET: not yet; None: none)
    )

    def __init__(self, lhs, rhs, delayed: bool = True):
        self.lhs = lhs
        self.rhs = rhs
        self.delayed = delayed
        if type(rhs) is Expr and rhs.head is S.Condition and len(rhs.args) == 2:
            self.body, self.test = rhs.args
        else:
            self.body, self.test = rhs, None
        self.core = split_condition(lhs)[0]
        self._fast = _UNSET
        self._key = None
        self._identity = None
        self._builders = None
        self._partial = None
        self.vm_code = None
        self.vm_match = _UNSET

    def forget_compiled(self) -> None:
        """Drop the bytecode engine's code for this rule (compiled again on use):
        it names the rule's symbols, which would keep a Module local alive."""
        self.vm_code = None
        self.vm_match = _UNSET

    @classmethod
    def from_expr(cls, e):
        """A Rule from a Rule[lhs, rhs] / RuleDelayed[lhs, rhs] expression, or None."""
        if type(e) is Expr and len(e.args) == 2:
            if e.head is S.Rule:
                return cls(e.args[0], e.args[1], False)
            if e.head is S.RuleDelayed:
                return cls(e.args[0], e.args[1], True)
        return None

    def as_expr(self) -> Expr:
        return Expr(S.RuleDelayed if self.delayed else S.Rule, (self.lhs, self.rhs))

    def __repr__(self):
        return f"Rule({self.lhs!r}, {self.rhs!r}, delayed={self.delayed})"

    # ------------------------------------------------------------ ordering
    @property
    def key(self) -> tuple:
        """Specificity key (see ordering.py); smaller keys are tried first."""
        k = self._key
        if k is None:
            k = self._key = rule_key(self.lhs, self.test)
        return k

    @property
    def identity(self) -> tuple:
        """Two definitions with equal identities are the same definition."""
        i = self._identity
        if i is None:
            i = self._identity = (literal_key(strip_hold(self.lhs)), self.test)
        return i

    @property
    def literal(self) -> bool:
        """No pattern construct at all: matches only an identical expression."""
        return self.key[0] == 0

    # ------------------------------------------------------------ applying
    def apply(self, expr, ev, partial: bool = True):
        """The right side for `expr` (unevaluated), or None.

        partial=False: only matches of the whole expression count (Cases),
        not matches of part of a Flat expression."""
        if ev.naive:
            return self.apply_general(expr, ev, partial)
        return self.apply_fast(expr, ev, partial)

    def apply_fast(self, expr, ev, partial: bool = True):
        m = self._fast
        if m is _UNSET:
            m = self._fast = compile_matcher(self.lhs)
        if m is None:
            return self.apply_general(expr, ev, partial)
        b = m(expr, ev)
        if b is None:
            return None
        if b is FALLBACK:
            return self.apply_general(expr, ev, partial)
        r = self._result(b, ev)
        return None if r is _FAIL else r

    def apply_general(self, expr, ev, partial: bool = True):
        """Apply with the general matcher only (the naive path)."""
        for b in match_all(self.lhs, expr, ev):
            r = self._result(b, ev)
            if r is not _FAIL:
                return r
        if partial and self._flat_head(expr) is not None:
            for r in self._partial_results(expr, ev):
                return r
        return None

    def literal_result(self, ev):
        """The result for an expression already known to be identical to the
        (literal) left side: only a right-side condition can still refuse."""
        r = self._result(_NO_BINDINGS, ev)
        return None if r is _FAIL else r

    def results(self, expr, ev, partial: bool = True):
        """Every result the rule gives for `expr`, in WL's order (ReplaceList).
        Matches of part of a Flat expression count only when the whole
        expression does not match at all."""
        whole = False
        for b in match_all(self.lhs, expr, ev):
            r = self._result(b, ev)
            if r is not _FAIL:
                whole = True
                yield r
        if partial and not whole and self._flat_head(expr) is not None:
            yield from self._partial_results(expr, ev)

    def _result(self, b, ev):
        """The right side for bindings b, or _FAIL when its `/; test` fails."""
        if ev.naive:  # the baseline: a plain walk of the right side
            return self._walked_result(b, ev)
        builders = self._builders
        if builders is None:
            builders = self._prepare()
        if builders is _WITH_OPTIONS:
            return self._walked_result(b, ev)
        body, test = builders
        if test is not None and ev.evaluate(test(b)) is not _True:
            return _FAIL
        return body(b)

    def _walked_result(self, b, ev):
        """_result by walking the right side with the option-aware substitute."""
        test = self.test
        if test is not None and ev.evaluate(self._subst(test, b, ev)) is not _True:
            return _FAIL
        return self._subst(self.body, b, ev)

    def _prepare(self):
        # The right side is compiled once into builders that fill in the
        # pattern variables; OptionValue needs the slower, option-aware walk.
        if contains_head(self.rhs, OptionValue):
            builders = _WITH_OPTIONS
        else:
            found: list = []
            collect_names(self.lhs, found)
            names = frozenset(found)
            test = self.test
            builders = (
                compile_template(self.body, names),
                None if test is None else compile_template(test, names),
            )
        self._builders = builders
        return builders

    def _subst(self, template, b, ev):
        core = self.core
        owner = core.head if type(core) is Expr else None
        return substitute_with_options(template, b, ev, owner)

    # ------------------------------------------------------------ partial Flat matches
    def _flat_head(self, expr):
        """The Flat head when a partial match of h[...] inside h[...] is possible."""
        core = self.core
        if type(core) is not Expr or type(expr) is not Expr:
            return None
        h = core.head
        if h is not expr.head or type(h) is not Symbol or not h.attributes & FLAT:
            return None
        if not core.args or len(expr.args) <= 1:
            return None
        return h

    def _partial_results(self, expr, ev):
        head = expr.head
        orderless = bool(head.attributes & ORDERLESS)
        pattern = self._partial_pattern(orderless)
        for b in match_all(pattern, expr, ev):
            # (b may be shared with the matcher's other branches: read, never pop)
            before = b.get(_BEFORE)
            after = b[_AFTER]
            if not after.args and (before is None or not before.args):
                continue  # the whole expression: not a partial match
            r = self._result(b, ev)
            if r is _FAIL:
                continue
            items = (before.args if before is not None else ()) + (r,) + after.args
            yield Expr(head, items)

    def _partial_pattern(self, orderless: bool):
        cache = self._partial
        if cache is None:
            cache = self._partial = {}
        p = cache.get(orderless)
        if p is None:
            core = self.core
            if orderless:
                args = core.args + (_AFTER_PATTERN,)
            else:
                args = (_BEFORE_PATTERN,) + core.args + (_AFTER_PATTERN,)
            p = cache[orderless] = _replace_core(self.lhs, Expr(core.head, args))
        return p


def _replace_core(p, new_core):
    """p with its core (inside HoldPattern / Condition wrappers) replaced."""
    if type(p) is Expr and p.head is S.HoldPattern and len(p.args) == 1:
        return _replace_core(p.args[0], new_core)
    if type(p) is Expr and p.head is S.Condition and len(p.args) == 2:
        return Expr(S.Condition, (_replace_core(p.args[0], new_core), p.args[1]))
    return new_core


def rules_from(e):
    """A list of Rule objects from a rule or a list of rules, or None if `e`
    is neither (ReplaceAll::reps territory)."""
    r = Rule.from_expr(e)
    if r is not None:
        return [r]
    if type(e) is Expr and e.head is S.List:
        out = []
        for item in e.args:
            r = Rule.from_expr(item)
            if r is None:
                return None
            out.append(r)
        return out
    return None


__all__ = ["Rule", "rules_from", "is_literal"]
