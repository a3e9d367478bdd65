"""The VM evaluator: the tree-walker with compiled user definitions.

VMEvaluator subclasses the tree-walking Evaluator and changes one thing: when
a DownValue applies, its right side is not substituted and walked but run as
compiled code (compiler.py -> codegen.py) with the match's bindings in
slots. Compiled code evaluates calls through `_finish*`, the tree-walker's
procedure from the point where the arguments are evaluated, so results,
messages, $RecursionLimit / $IterationLimit accounting and control flow are
the tree-walker's.
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import (
    FLAT,
    HOLD_ALL_COMPLETE,
    LISTABLE,
    ORDERLESS,
    SEQUENCE_HOLD,
    Symbol,
)
from ...patterns.dispatch import _owner_index
from ...patterns.rules import _FAIL, _UNSET, _WITH_OPTIONS
from ...patterns.specialize import FALLBACK, compile_matcher
from ...patterns.structure import collect_names
from ..evaluator import (
    _N_LIST,
    _N_NESTED,
    _N_SEQUENCE,
    _N_UNEVALUATED,
    _N_UPVALUES,
    Evaluator,
    _flatten,
    _notes,
    _Rewritten,
    _splice_sequences,
    _strip_unevaluated,
    _tag_of,
    apply_definitions,
    canonical_sort,
)
from ..signals import RecursionLimitExceeded, ReturnSignal
from .codegen import Code, lower
from .compiler import Compiler

_Hold = S.Hold
_True = S.True_
_CACHE_LIMIT = 20000


class VMEvaluator(Evaluator):
    def __init__(self, session, naive: bool = False, static_dispatch: bool = True):
        super().__init__(session, naive=naive)
        self.static_dispatch = static_dispatch
        self.codes: dict = {}  # Rule -> Code (None: not compilable)
        self.stats.update(
            static_calls=0, dynamic_calls=0, compile_cache_hits=0, compile_cache_misses=0
        )

    # ------------------------------------------------------------ compiling
    def code_for(self, rule):
        """The compiled right side of a definition (compiled on first use), or None."""
        code = self.codes.get(rule, _UNSET)
        if code is not _UNSET and (code is None or not code.stale):
            self.stats["compile_cache_hits"] += 1
            return code
        self.stats["compile_cache_misses"] += 1
        code = compile_rule(rule, self.static_dispatch)
        if len(self.codes) >= _CACHE_LIMIT:
            self.codes.clear()
        self.codes[rule] = code
        return code

    # ------------------------------------------------------------ rules
    def _apply_rules(self, head, expr, attrs, upvalues):
        if type(head) is not Symbol or not head.downvalues or self.naive or self.tracer is not None:
            return Evaluator._apply_rules(self, head, expr, attrs, upvalues)
        if upvalues and not attrs & HOLD_ALL_COMPLETE:
            for a in expr.args:
                tag = _tag_of(a)
                if tag is not None and tag.upvalues:
                    result = apply_definitions(tag.upvalues, expr, self, tag)
                    if result is not None:
                        return self._rewrite(tag, result)
        result = self._apply_downvalues(head, expr)
        if result is not None:
            return result
        entry = head.builtin
        if entry is not None:
            result = self._call_builtin(entry, expr, expr.args)
            if entry.evaluates_result and result is not None:
                return _Rewritten(result)
            return result
        return None

    def _apply_downvalues(self, head, expr):
        """apply_definitions for DownValues, running compiled right sides."""
        # The index gives exactly the candidates a scan would try, in order;
        # memo values (fib[0] = 0) are found by one hash probe.
        hits, candidates = _owner_index(head, head.downvalues).lookup(expr)
        if hits is not None:
            for rule in hits:
                r = rule.literal_result(self)
                if r is not None:
                    return self._rewrite(head, r)
        codes = self.codes
        stats = self.stats
        for rule in candidates:
            m = rule._fast
            if m is _UNSET:
                m = rule._fast = compile_matcher(rule.lhs)
            if m is None:
                r = rule.apply_general(expr, self)
                if r is not None:
                    return self._rewrite(head, r)
                continue
            b = m(expr, self)
            if b is None:
                continue
            if b is FALLBACK:
                r = rule.apply_general(expr, self)
                if r is not None:
                    return self._rewrite(head, r)
                continue
            code = codes.get(rule)
            if code is None or code.stale:
                code = self.code_for(rule)
            else:
                stats["compile_cache_hits"] += 1
            if code is None:
                r = rule._result(b, self)
                if r is _FAIL:
                    continue
                return self._rewrite(head, r)
            test = rule._builders[1]
            if test is not None and self.evaluate(test(b)) is not _True:
                continue
            return self._run_code(code, b)
        return None

    def _run_code(self, code, b):
        """_rewrite for a compiled right side: one level deeper, same chain."""
        self.stats["rule_applications"] += 1
        self.chain += 1
        if self.chain > self.iteration_limit:
            return _Rewritten(self._iteration_exceeded(code.body(b)))
        try:
            value = code.fn(self, b)
        except ReturnSignal as r:
            value = r.value
        except RecursionLimitExceeded:
            value = Expr(_Hold, (code.body(b),))
        return _Rewritten(value)

    # ------------------------------------------------------------ calls from compiled code
    def _finish(self, head, args, attrs, entry=None):
        """The tree-walker's procedure for head[args] once the arguments are
        evaluated (Sequence, Flat, Listable, Orderless, rules), in the
        current level. entry: a builtin linked statically (CALL_STATIC)."""
        for a in args:
            ta = type(a)
            if ta is not int and ta is not float and ta is not str:
                notes = _notes(args, head)
                break
        else:
            notes = 0
        if notes:
            if notes & _N_SEQUENCE and not attrs & (SEQUENCE_HOLD | HOLD_ALL_COMPLETE):
                args = _splice_sequences(args)
                notes = _notes(args, head)
            if notes & _N_NESTED and attrs & FLAT:
                args = _flatten(head, args)
                notes = _notes(args, head)
            if notes & _N_LIST and attrs & LISTABLE:
                threaded = self._thread_listable(head, args)
                if type(threaded) is _Rewritten:  # threaded and finished directly
                    return threaded.value
                if threaded is not None:
                    self.chain += 1
                    return self._evaluate_normal(threaded)
        if attrs & ORDERLESS and len(args) > 1:
            args = canonical_sort(args)
        current = Expr(head, args)
        unevaluated = None
        if notes & _N_UNEVALUATED and not attrs & HOLD_ALL_COMPLETE:
            unevaluated = current
            current = Expr(head, tuple(_strip_unevaluated(x) for x in args))
        if entry is not None and not notes & _N_UPVALUES:
            self.stats["static_calls"] += 1
            result = self._call_builtin(entry, current, current.args)
            if entry.evaluates_result and result is not None:
                return result
        else:
            result = self._apply_rules(head, current, attrs, notes & _N_UPVALUES)
            if type(result) is _Rewritten:
                return result.value
        epoch = symtab.epoch
        if result is None:
            if unevaluated is not None:
                current = unevaluated
            current.evaluated = epoch[0]
            return current
        if type(result) is not Expr:
            return self.evaluate(result)
        if result.evaluated == epoch[0]:
            return result
        if result == current:
            current.evaluated = epoch[0]
            return current
        self.chain += 1
        if self.chain > self.iteration_limit:
            return self._iteration_exceeded(result)
        return self._evaluate_normal(result)

    def _call_user(self, head, args):
        """_finish for a user function without attributes, the common case:
        machine-number arguments go straight to the compiled DownValues."""
        for a in args:
            ta = type(a)
            if ta is not int and ta is not float and ta is not str:
                return self._finish(head, args, head.attributes)
        if head.attributes or not head.downvalues or self.naive or self.tracer is not None:
            return self._finish(head, args, head.attributes)
        current = Expr(head, args)
        result = self._apply_downvalues(head, current)
        if result is not None:
            return result.value
        if head.builtin is not None:
            return self._finish(head, args, head.attributes)
        current.evaluated = symtab.epoch[0]
        return current

    def _finish_static(self, entry, head, args, attrs):
        return self._finish(head, args, attrs, entry)

    def _finish_dynamic(self, name, args):
        """static_dispatch=False: the head is found by name at every call."""
        self.stats["dynamic_calls"] += 1
        head = symtab.existing(name) or symtab.intern(name)
        if head.ownvalue is not None:
            return self._evaluate_normal(Expr(head, args))
        return self._finish(head, args, head.attributes)

    def _continue(self, value):
        """Evaluate what a builtin returned, in the current level (one rewrite step)."""
        if type(value) is not Expr:
            return self.evaluate(value)
        if value.evaluated == symtab.epoch[0]:
            return value
        self.chain += 1
        if self.chain > self.iteration_limit:
            return self._iteration_exceeded(value)
        return self._evaluate_normal(value)

    def _cont_after_step(self, value):
        if type(value) is not Expr:
            return self.evaluate(value)
        return self._evaluate_normal(value)

    @staticmethod
    def _has_upvalues(value) -> bool:
        t = type(value)
        if t is int or t is float or t is str:
            return False
        tag = _tag_of(value)
        return tag is not None and bool(tag.upvalues)


def compile_rule(rule, static: bool):
    """A Code for the rule's right side, or None when it cannot be compiled
    (OptionValue in the right side: the tree-walker's option-aware path)."""
    builders = rule._builders
    if builders is None:
        builders = rule._prepare()
    if builders is _WITH_OPTIONS:
        return None
    names: list = []
    collect_names(rule.lhs, names)
    compiler = Compiler(names, static)
    root = compiler.compile(rule.body)
    code = Code(root, names, compiler.deps, rule.body, static)
    lower(code)
    return code


def compile_expression(expr, static: bool = True):
    """A Code for a standalone expression (no pattern variables): what `dis` shows."""
    compiler = Compiler((), static)
    root = compiler.compile(expr)
    code = Code(root, (), compiler.deps, expr, static)
    lower(code)
    return code
