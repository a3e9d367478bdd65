"""The VM evaluator: the tree-walker with compiled user code.

VMEvaluator subclasses the tree-walking Evaluator and runs compiled code
(compiler.py -> codegen.py) wherever the tree-walker would walk user code:

  * a DownValue's right side, with the match's bindings in slots;
  * a pure function's body (`#^2 + 1 &`, `Function[{x}, ...]`) applied by
    the evaluator or by a builtin through `ev.apply` (Fold, Select, ...);
  * the bodies of Do, Table, Sum and While (intrinsics.py), the loop
    variable in a register.

Compiled code evaluates calls through `_finish`, the tree-walker's procedure
from the point where the arguments are evaluated, so results, messages,
$RecursionLimit / $IterationLimit accounting and control flow are the
tree-walker's.
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import (
    HOLD_ALL_COMPLETE,
    LISTABLE,
    ORDERLESS,
    TEMPORARY,
    Symbol,
)
from ...patterns.dispatch import _owner_index
from ...patterns.rules import _FAIL, _UNSET, _WITH_OPTIONS
from ...patterns.specialize import FALLBACK, compile_matcher
from ...patterns.structure import collect_names
from ..evaluator import (
    _N_LIST,
    _N_UNEVALUATED,
    _N_UPVALUES,
    Evaluator,
    _SPLICING,
    _notes,
    _Rewritten,
    _spliced,
    _strip_unevaluated,
    _tag_of,
    canonical_sort,
)
from ..signals import RecursionLimitExceeded, ReturnSignal
from .codegen import Code, lower
from .compiler import SEQ, Compiler, Dynamic, Node
from .intrinsics import INTRINSICS
from .linking import call_plan
from .matchers import compile_lhs
from .sums import merge_term

_Hold = S.Hold
_Plus = S.Plus
_True = S.True_
_Function = S.Function
_Slot = S.Slot
_SlotSequence = S.SlotSequence
_ATOMS = (int, float, str)
_UNIT_CACHE_LIMIT = 512  # compiled functions and loop bodies kept (they hold their expressions)


class VMEvaluator(Evaluator):
    def __init__(self, session, naive: bool = False, static_dispatch: bool = True):
        super().__init__(session, naive=naive)
        self.static_dispatch = static_dispatch
        self.units: dict = {}  # (kind, expression, variable) -> Code, or None if not compilable
        self.local_units: dict = {}  # the same for this input's units that mention Module locals
        self.plans: dict = {}  # head -> (its version, call_plan(head))
        self._applier = (None, None, None)  # the last function `apply` was given, and its runner
        self.stats.update(
            static_calls=0, dynamic_calls=0, compile_cache_hits=0, compile_cache_misses=0
        )

    @property
    def compiling(self) -> bool:
        """Compiled code runs unless the naive matcher or a tracer wants every step."""
        return not self.naive and self.tracer is None

    # ------------------------------------------------------------ compiling
    def code_for(self, rule):
        """The compiled right side of a definition (compiled on first use), or None."""
        code = rule.vm_code
        if code is not None and code is not False and not code.stale and code.static == self.static_dispatch:
            self.stats["compile_cache_hits"] += 1
            return code
        if code is False:
            return None
        self.stats["compile_cache_misses"] += 1
        code = compile_rule(rule, self.static_dispatch)
        rule.vm_code = False if code is None else code
        return code

    def unit(self, kind, expr, var=None):
        """A compiled function / loop body, cached by its expression.

        One that mentions a Module's local (x$12) is kept only until the end
        of the input, so that the cache never keeps the local alive (each
        Module run has new locals: such code is not met again anyway)."""
        key = (kind, expr, var)
        units = self.units
        code = units.get(key, _UNSET)
        if code is _UNSET:
            code = self.local_units.get(key, _UNSET)
        if code is not _UNSET and (code is None or not code.stale):
            self.stats["compile_cache_hits"] += 1
            return code
        self.stats["compile_cache_misses"] += 1
        if kind == "function":
            code = compile_function(expr, self.static_dispatch)
        elif kind == "loop":
            code = compile_loop(expr, var, self.static_dispatch)
        else:
            code = compile_while(expr, self.static_dispatch)
        if _mentions_temporary(expr):
            self.local_units[key] = code
            return code
        if len(units) >= _UNIT_CACHE_LIMIT:
            units.clear()
        units[key] = code
        return code

    def end_of_input(self) -> None:
        self.local_units.clear()
        self._applier = (None, None, None)
        for head in [h for h in self.plans if h.attributes & TEMPORARY]:
            del self.plans[head]

    # ------------------------------------------------------------ rules
    def _apply_downvalues(self, head, expr):
        """apply_definitions for DownValues: compiled left sides (matchers.py)
        where their shape allows, specialised or general matching otherwise,
        and compiled right sides."""
        if not self.compiling:
            return Evaluator._apply_downvalues(self, head, expr)
        # The index gives exactly the candidates a scan would try, in order;
        # memo values (fib[0] = 0) are found by one hash probe.
        hits, candidates = _owner_index(head, head.downvalues).lookup(expr)
        if hits is not None:
            for rule in hits:
                r = rule.literal_result(self)
                if r is not None:
                    return self._rewrite(head, r)
        for rule in candidates:
            m = rule.vm_match
            if m is _UNSET:
                m = rule.vm_match = compile_lhs(rule)
            if m is not None:
                b = m(expr, self)
                if b is None:
                    continue
                if b is FALLBACK:  # a head's attributes changed: the general matcher
                    r = self._apply_general(head, rule, expr)
                    if r is not None:
                        return r
                    continue
                return self._run_match(head, rule, b)  # (the rule's `/; test` passed)
            m = rule._fast
            if m is _UNSET:
                m = rule._fast = compile_matcher(rule.lhs)
            b = FALLBACK if m is None else m(expr, self)
            if b is None:
                continue
            if b is FALLBACK:
                r = self._apply_general(head, rule, expr)
                if r is not None:
                    return r
                continue
            code = self.code_for(rule)
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

    def _apply_general(self, head, rule, expr):
        """The rule applied with the general matcher (every match in WL's
        order, partial Flat matches), its value evaluated; or None."""
        r = rule.apply_general(expr, self)
        return None if r is None else self._rewrite(head, r)

    def _run_match(self, head, rule, b):
        """The rewrite by rule for the bindings of a compiled match."""
        code = self.code_for(rule)
        if code is None:
            return self._rewrite(head, rule._builders[0](b))
        return self._run_code(code, b)

    def _run_code(self, code, b):
        """_rewrite for a compiled right side: one level deeper, same chain."""
        self.stats["rule_applications"] += 1
        self.chain += 1
        if self.chain > self.iteration_limit:
            return _Rewritten(self._iteration_exceeded(code.body(b)))
        try:
            value = code.fn(self, *[b.get(name, name) for name in code.names])
        except ReturnSignal as r:
            value = r.value
        except RecursionLimitExceeded:
            value = Expr(_Hold, (code.body(b),))
        return _Rewritten(value)

    # ------------------------------------------------------------ pure functions
    def _apply_function(self, fn, args):
        """_rewrite(Function, body) for a compiled Function (Return passes
        through, as in the tree-walker); the tree-walker's way for the forms
        not compiled."""
        code = self.unit("function", fn) if self.compiling else None
        if code is None or len(args) < len(code.names):
            return Evaluator._apply_function(self, fn, args)
        self.stats["rule_applications"] += 1
        self.chain += 1
        args = args[: len(code.names)]
        if self.chain > self.iteration_limit:
            return _Rewritten(self._iteration_exceeded(code.body(dict(zip(code.names, args)))))
        try:
            value = code.fn(self, *args)
        except RecursionLimitExceeded:
            value = Expr(_Hold, (code.body(dict(zip(code.names, args))),))
        return _Rewritten(value)

    def apply(self, f, *args):
        """f[args...] evaluated; for machine-number arguments and a compiled
        function or a plain builtin, without building and walking f[args]."""
        cached = self._applier
        if cached[0] is not f or cached[1] != symtab.epoch[0]:
            cached = self._applier = (f, symtab.epoch[0], self._make_applier(f))
        return self.run_applier(cached[2], f, args)

    def run_applier(self, run, f, args):
        """f[args] through `run` (from _make_applier) when the arguments are
        all atoms, else evaluated as the tree-walker does."""
        if run is not None:
            for a in args:
                if type(a) not in _ATOMS:
                    break
            else:
                return run(args)
        return self.evaluate(Expr(f, args))

    def _make_applier(self, f):
        """A Python function args -> f[args] evaluated, for atom arguments
        (as `evaluate` would: one level deeper, a fresh chain), or None."""
        if not self.compiling:
            return None
        if type(f) is Expr:
            if f.head is not _Function:
                return None
            code = self.unit("function", f)
            if code is None:
                return None
            return self._function_applier(f, code)
        if type(f) is not Symbol or f.ownvalue is not None or f.downvalues or f.upvalues or f.subvalues:
            return None
        entry = f.builtin
        if entry is None or entry.whole or entry.system_access or entry.name in INTRINSICS:
            return None
        return self._builtin_applier(f, entry)

    def _function_applier(self, f, code):
        n = len(code.names)
        fn = code.fn
        stats = self.stats

        def run(args):
            if len(args) < n or self.pending is not None:
                return self.evaluate(Expr(f, args))
            depth = self.depth + 1
            if depth > self.recursion_limit:
                return self.evaluate(Expr(f, args))
            chain = self.chain
            self.chain = 1  # the rewrite by the function
            self.depth = depth
            stats["rule_applications"] += 1
            try:
                return fn(self, *args[:n]) if len(args) != n else fn(self, *args)
            except RecursionLimitExceeded:
                return Expr(_Hold, (code.body(dict(zip(code.names, args))),))
            finally:
                self.depth = depth - 1
                self.chain = chain

        return run

    def _builtin_applier(self, f, entry):
        if entry.pure and entry.min_args == entry.max_args == 1:
            return self._pure_applier(f, entry.fn)
        lo, hi = entry.min_args, entry.max_args
        fn = entry.fn
        orderless = f.attributes & ORDERLESS
        stats = self.stats

        def run(args):
            n = len(args)
            if n < lo or (hi is not None and n > hi) or (orderless and n > 1) or self.pending is not None:
                return self.evaluate(Expr(f, args))
            depth = self.depth + 1
            if depth > self.recursion_limit:
                return self.evaluate(Expr(f, args))
            chain = self.chain
            self.chain = 0
            self.depth = depth
            try:
                stats["builtin_calls"] += 1
                result = fn(self, *args)
                if result is None:
                    result = Expr(f, args)
                    result.evaluated = symtab.epoch[0]
                    return result
                tr = type(result)
                if tr is Symbol:  # True, False: no value to look up
                    return result if result.ownvalue is None else self.evaluate(result)
                if tr in _ATOMS or entry.evaluates_result:
                    return result
                return self._continue(result)
            finally:
                self.depth = depth - 1
                self.chain = chain

        return run

    def _pure_applier(self, f, fn):
        """A predicate on one atom: no level to open, its answer is final."""
        stats = self.stats

        def run(args):
            if len(args) != 1 or self.pending is not None or self.depth >= self.recursion_limit:
                return self.evaluate(Expr(f, args))
            stats["builtin_calls"] += 1
            result = fn(self, args[0])
            if result is None:
                result = Expr(f, args)
                result.evaluated = symtab.epoch[0]
            return result

        return run

    # ------------------------------------------------------------ builtins
    def _call_builtin(self, entry, expr, args):
        intrinsic = INTRINSICS.get(entry.name)
        if intrinsic is not None and self.compiling and not (self.sandbox and entry.system_access):
            result = intrinsic(self, entry, args)
            if result is not NotImplemented:
                return result
        return Evaluator._call_builtin(self, entry, expr, args)

    # ------------------------------------------------------------ calls from compiled code
    def _finish(self, head, args, attrs, entry=None):
        """The tree-walker's procedure for head[args] once the arguments are
        evaluated (Sequence, Flat, Listable, Orderless, rules), in the
        current level. entry: a builtin linked statically (CALL_STATIC)."""
        if head is _Plus and len(args) == 2 and entry is not None:
            merged = merge_term(args)  # a term into a sum in normal form
            if merged is not None:
                self.stats["static_calls"] += 1
                return merged
        for a in args:
            ta = type(a)
            if ta is not int and ta is not float and ta is not str:
                notes = _notes(args, head)
                break
        else:
            notes = 0
        if notes:
            if notes & _SPLICING:
                args, notes = _spliced(head, args, attrs, notes)
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
        machine-number arguments go straight to the compiled DownValues
        through the head's call plan, without building head[args]."""
        for a in args:
            ta = type(a)
            if ta is not int and ta is not float and ta is not str:
                return self._finish(head, args, head.attributes)
        if head.attributes or not head.downvalues or self.naive or self.tracer is not None:
            return self._finish(head, args, head.attributes)
        cached = self.plans.get(head)
        if cached is None or cached[0] != head.version:
            cached = self.plans[head] = (head.version, call_plan(head))
        plan = cached[1]
        if plan is None:
            current = Expr(head, args)
            result = self._apply_downvalues(head, current)
            if result is not None:
                return result.value
            if head.builtin is not None:
                return self._finish(head, args, head.attributes)
            current.evaluated = symtab.epoch[0]
            return current
        literal, positional = plan
        if literal:
            hit = literal.get(args)  # 1 and 1. are equal keys: the types decide
            if hit is not None:
                for types, rule, value in hit:
                    if len(args) == 1 and type(args[0]) is types[0] or list(map(type, args)) == list(types):
                        if value is not None:  # fib[0] = 0: the value itself, as _rewrite gives it
                            self.stats["rule_applications"] += 1
                            self.chain += 1
                            if self.chain <= self.iteration_limit:
                                return value
                        r = rule.literal_result(self)
                        if r is not None:
                            return self._rewrite(head, r).value
        n = len(args)
        for arity, checks, rule in positional:
            if arity != n:
                continue
            for a, check in zip(args, checks):
                if check is not None and type(a) is not check:
                    break
            else:
                code = rule.vm_code
                if code is None or code is False or code.stale or code.static != self.static_dispatch:
                    code = self.code_for(rule)
                    if code is None:
                        return self._finish(head, args, head.attributes)
                self.stats["rule_applications"] += 1
                self.chain += 1
                if self.chain > self.iteration_limit:
                    return self._iteration_exceeded(code.body(dict(zip(code.names, args))))
                try:
                    return code.fn(self, *args)
                except ReturnSignal as r:
                    return r.value
                except RecursionLimitExceeded:
                    return Expr(_Hold, (code.body(dict(zip(code.names, args))),))
        if head.builtin is not None:
            return self._finish(head, args, head.attributes)
        current = Expr(head, args)
        current.evaluated = symtab.epoch[0]
        return current

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


def _mentions_temporary(t) -> bool:
    stack = [t]
    while stack:
        e = stack.pop()
        if type(e) is Symbol:
            if e.attributes & TEMPORARY:
                return True
        elif type(e) is Expr:
            stack.append(e.head)
            stack.extend(e.args)
    return False


# ================================================================ compiling units
def _compile(kind, body, names, static, registers=(), template=None):
    compiler = Compiler(names, static, registers)
    root = compiler.compile(body)
    code = Code(kind, root, names, registers, compiler.deps, body if template is None else template,
                static, compiler.generic)
    lower(code)
    return code


def compile_rule(rule, static: bool):
    """A Code for the rule's right side, or None when it cannot be compiled
    (OptionValue in the right side: the tree-walker's option-aware path)."""
    builders = rule._builders
    if builders is None:
        builders = rule._prepare()
    if builders is _WITH_OPTIONS:
        return None
    if type(rule.body) is not Expr:
        return None  # d[x_, x_] := 1: the tree-walker's substitution is already the cheapest
    names: list = []
    collect_names(rule.lhs, names)
    return _compile("rule", rule.body, names, static)


def compile_condition(cond, names, static: bool):
    """A Code for a pattern's condition, the names bound before it in slots."""
    return _compile("rule", cond, names, static)


def compile_function(fn, static: bool):
    """A Code for a pure function's body, its parameters in slots; None for
    the forms the tree-walker keeps (attributes, ##, #0, #name)."""
    fargs = fn.args
    if len(fargs) == 1:
        slots: dict = {}
        body = _slots_to_symbols(fargs[0], slots)
        if body is None:
            return None
        # Positional: #2 without #1 still takes the second argument.
        names = [slots.get(k) or symtab.Symbol("Lyra`VM`", f"unused{k}") for k in range(1, max(slots, default=0) + 1)]
        return _compile("function", body, names, static)
    if len(fargs) != 2:
        return None
    params, body = fargs
    if type(params) is Symbol:
        names = [params]
    elif type(params) is Expr and params.head is S.List and all(type(p) is Symbol for p in params.args):
        names = list(params.args)
        if len(set(names)) != len(names):
            return None
    else:
        return None
    return _compile("function", body, names, static)


def _slots_to_symbols(t, slots):
    """The body with #k replaced by private symbols (as Function fills them:
    not inside an inner pure function), or None if a form is not handled."""
    if type(t) is not Expr:
        return t
    head = t.head
    if head is _Slot:
        spec = t.args[0] if t.args else 1
        if len(t.args) > 1 or type(spec) is not int or spec < 1 or spec > 64:
            return None
        sym = slots.get(spec)
        if sym is None:
            sym = slots[spec] = symtab.Symbol("Lyra`VM`", f"slot{spec}")
        return sym
    if head is _SlotSequence:
        return None
    if head is _Function and len(t.args) == 1:
        return t
    new_head = _slots_to_symbols(head, slots)
    if new_head is None:
        return None
    changed = new_head is not head
    out = []
    for a in t.args:
        b = _slots_to_symbols(a, slots)
        if b is None:
            return None
        changed = changed or b is not a
        out.append(b)
    return Expr(new_head, tuple(out)) if changed else t


def compile_loop(body, var, static: bool):
    """A Code running body for each value of var (Do, Table, Sum), or
    just n times when var is None (Do[body, {n}])."""
    if var is None:
        return _compile("loop", body, (), static)
    try:
        return _compile("loop", body, (), static, registers=(var,))
    except Dynamic:
        # The body assigns or holds the variable: keep it in the symbol.
        code = _compile("loop", body, (), static)
        code.generic = True
        return code


def compile_while(expr, static: bool):
    """While[test, body] or For[start, test, incr, body] as one unit: its root
    holds test, body and incr (For's start runs before, in the intrinsic)."""
    if expr.head is S.For:
        parts = (expr.args[1], expr.args[3] if len(expr.args) > 3 else S.Null, expr.args[2])
    else:
        parts = expr.args
    compiler = Compiler((), static)
    root = Node(SEQ, S.CompoundExpression, tuple(compiler.compile(p) for p in parts), expr)
    code = Code("while", root, (), (), compiler.deps, expr, static, compiler.generic)
    lower(code)
    return code


def compile_expression(expr, static: bool = True):
    """A Code for a standalone expression (no variables): what `dis` shows."""
    return _compile("expr", expr, (), static)
