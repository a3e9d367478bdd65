"""The tree-walking evaluator: WL's standard evaluation procedure.

For a normal expression h[a1, ..., an] (LANGUAGE.md section 3):
  1. evaluate the head h;
  2. evaluate the arguments, except those the head's Hold* attributes hold
     (Evaluate[...] forces one anyway; Unevaluated[...] passes one as is);
  3. splice Sequence[...] arguments (unless SequenceHold / HoldAllComplete);
  4. apply Flat (splice nested h[...]), Listable (thread over lists) and
     Orderless (sort into canonical order);
  5. try, in order, the UpValues of the arguments' symbols, the DownValues of
     h (or the SubValues of the innermost head for h[..][..]), and h's builtin
     code;
  6. if something rewrote the expression, evaluate the result; otherwise the
     expression is a fixed point and is returned.

A rewrite by a user definition is evaluated one level deeper (that is what
$RecursionLimit counts, as in WL); a rewrite by a builtin continues in the same
loop and counts against $IterationLimit. A fixed point is marked with the
current definition epoch, so re-evaluating it costs one comparison until some
definition changes.
"""

from __future__ import annotations

import sys

from ..expr import symbol as symtab
from ..expr.assoc import Association
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr.symbol import (
    FLAT,
    HOLD_ALL,
    HOLD_ALL_COMPLETE,
    HOLD_FIRST,
    HOLD_REST,
    LISTABLE,
    ORDERLESS,
    SEQUENCE_HOLD,
    Symbol,
)
from ..expr import system_symbols as S
from . import messages as message_texts
from .signals import AbortSignal, RecursionLimitExceeded, ReturnSignal, SandboxDenied, TimeoutSignal

_HELD = HOLD_ALL | HOLD_ALL_COMPLETE
_HOLD_ANY = HOLD_ALL | HOLD_ALL_COMPLETE | HOLD_FIRST | HOLD_REST

# What the argument pass noticed (bit flags).
_N_LIST = 1
_N_SEQUENCE = 2
_N_UNEVALUATED = 4
_N_NESTED = 8  # an argument with the same head (Flat)
_N_UPVALUES = 16  # an argument whose tag may carry UpValues

List = S.List
Sequence = S.Sequence
Unevaluated = S.Unevaluated
Evaluate = S.Evaluate
Function = S.Function
Hold = S.Hold

_epoch = symtab.epoch
_data_epoch = symtab.data_epoch

# Python frames one Lyra evaluation level may use (evaluate -> builtin ->
# evaluate ...); the Python recursion limit is kept above this times the
# Lyra $RecursionLimit so Lyra's own limit always fires first.
FRAMES_PER_LEVEL = 12
MAIN_STACK_FRAMES = 3000 * FRAMES_PER_LEVEL + 2000


class Evaluator:
    """One session's evaluation state. Builtins receive it as `ev`."""

    def __init__(self, session, naive: bool = False):
        self.session = session
        self.naive = naive  # use the plain matcher (no index, no fast paths)
        self.sandbox = bool(getattr(session, "sandbox", False))
        self.depth = 0
        self.chain = 0  # rewrites so far in the current evaluation chain
        self.recursion_limit = 1024
        self.iteration_limit = 4096
        self.pending: AbortSignal | None = None  # set from other threads
        self.tracer = None
        self.evaluations = 0
        self.module_number = 1  # $ModuleNumber: the serial of the next Module's locals
        self.stats = {
            "builtin_calls": 0,
            "rule_applications": 0,
        }
        # Messages
        self.off: set[tuple[str, str]] = set()
        self.message_frames: list = []  # Check / Quiet frames, innermost last
        self.message_counts: dict[tuple[str, str], int] = {}
        self.big_stack = False  # evaluating on the session's big-stack thread?
        self.ensure_python_stack(self.recursion_limit)

    # ------------------------------------------------------------ limits
    def ensure_python_stack(self, lyra_limit) -> None:
        need = int(lyra_limit) * FRAMES_PER_LEVEL + 2000
        current = sys.getrecursionlimit()
        if not self.big_stack:
            # The main thread's C stack holds only so many frames: past them
            # Python raises RecursionError (the session reports reclim)
            # instead of the process crashing -- also when an earlier deep
            # evaluation on the big stack raised the process-wide limit.
            # Deeper limits run on a thread with a big stack
            # (Session._run_on_big_stack) from the next input on.
            target = min(max(current, need), MAIN_STACK_FRAMES)
            if target != current:
                sys.setrecursionlimit(target)
        elif current < need:
            sys.setrecursionlimit(need)

    def set_recursion_limit(self, n) -> None:
        self.recursion_limit = n
        self.ensure_python_stack(n if n != float("inf") else 10**5)

    # ------------------------------------------------------------ evaluation
    def evaluate(self, expr):
        t = type(expr)
        if t is Symbol:
            value = expr.ownvalue
            if value is None:
                return expr
            return self._evaluate_value(expr, value)
        if t is not Expr:
            return expr  # numbers, strings, associations: already values
        mark = expr.evaluated
        if mark == _epoch[0] or mark == _data_epoch[0]:
            return expr
        if self.pending is not None:
            self._raise_pending()

        # A fresh evaluation starts its own rewrite chain ($IterationLimit).
        chain = self.chain
        self.chain = 0
        self.depth += 1
        try:
            if self.depth > self.recursion_limit:
                return self._recursion_exceeded(expr)
            return self._evaluate_normal(expr)
        finally:
            self.depth -= 1
            self.chain = chain

    def _evaluate_tail(self, expr):
        """Evaluate what a rewrite produced: one level deeper, same chain."""
        if type(expr) is not Expr:
            return self.evaluate(expr)
        mark = expr.evaluated
        if mark == _epoch[0] or mark == _data_epoch[0]:
            return expr
        self.depth += 1
        try:
            if self.depth > self.recursion_limit:
                return self._recursion_exceeded(expr)
            return self._evaluate_normal(expr)
        finally:
            self.depth -= 1

    def _evaluate_value(self, sym, value):
        # x = v: the stored value is evaluated again (it may mention
        # symbols that have changed since).
        self.depth += 1
        try:
            if self.depth > self.recursion_limit:
                return self._recursion_exceeded(sym)
            return self.evaluate(value)
        except RecursionLimitExceeded:
            return Expr(Hold, (value,))
        finally:
            self.depth -= 1

    def _evaluate_normal(self, expr):
        epoch = symtab.epoch
        evaluate = self.evaluate
        while True:
            self.evaluations += 1
            head = expr.head
            if type(head) is Symbol:
                new_head = head if head.ownvalue is None else evaluate(head)
            else:
                new_head = evaluate(head)
            attrs = new_head.attributes if type(new_head) is Symbol else _head_attributes(new_head)
            old_args = expr.args
            # -- arguments: evaluated unless held. One pass also notes what
            #    needs more work: Sequence, lists, nesting, Unevaluated, UpValues.
            if attrs & _HOLD_ANY:
                if attrs & HOLD_ALL_COMPLETE:
                    args = old_args
                elif attrs & _HELD:
                    args = self._evaluate_forced(old_args)
                elif attrs & HOLD_FIRST:
                    args = self._evaluate_held_first(old_args)
                else:
                    args = self._evaluate_held_rest(old_args)
                changed = args is not old_args
                notes = _notes(args, new_head)
            else:
                ep = epoch[0]
                dep = _data_epoch[0]
                out = []
                changed = False
                notes = 0
                for a in old_args:
                    ta = type(a)
                    if ta is Expr:
                        mark = a.evaluated
                        if mark != ep and mark != dep:
                            b = evaluate(a)
                            if b is not a:
                                changed = True
                                a = b
                                ta = type(a)
                    elif ta is Symbol and a.ownvalue is not None:
                        a = evaluate(a)
                        changed = True
                        ta = type(a)
                    out.append(a)
                    if ta is Expr:
                        h = a.head
                        if h is List:
                            notes |= _N_LIST
                        elif h is Sequence:
                            notes |= _N_SEQUENCE
                        elif h is Unevaluated:
                            notes |= _N_UNEVALUATED
                        elif h is new_head:
                            notes |= _N_NESTED
                        if type(h) is not Symbol or h.upvalues:
                            notes |= _N_UPVALUES
                    elif ta is Symbol and a.upvalues:
                        notes |= _N_UPVALUES
                if changed:
                    args = tuple(out)
                else:
                    args = old_args
            if notes:
                # -- Sequence splicing, Flat, Listable
                if notes & _SPLICING:
                    spliced, notes = _spliced(new_head, args, attrs, notes)
                    if spliced is not args:
                        args = spliced
                        changed = True
                if notes & _N_LIST and attrs & LISTABLE:
                    threaded = self._thread_listable(new_head, args)
                    if type(threaded) is _Rewritten:
                        return threaded.value
                    if threaded is not None:
                        expr = threaded
                        self.chain += 1
                        continue
            if attrs & ORDERLESS and len(args) > 1:
                ordered = canonical_sort(args)
                if not _same_items(ordered, args):
                    args = ordered
                    changed = True

            if changed or new_head is not head:
                current = Expr(new_head, args)
            else:
                current = expr

            # -- Unevaluated[...] arguments are passed without the wrapper
            unevaluated = None
            if notes & _N_UNEVALUATED and not attrs & HOLD_ALL_COMPLETE:
                unevaluated = current
                current = Expr(new_head, tuple(_strip_unevaluated(x) for x in args))

            # -- rules
            result = self._apply_rules(new_head, current, attrs, notes & _N_UPVALUES)
            if result is None:
                if unevaluated is not None:
                    current = unevaluated
                if new_head is List and _plain_data(args):
                    current.evaluated = _data_epoch[0]
                else:
                    current.evaluated = epoch[0]
                return current
            if type(result) is _Rewritten:
                # A user definition fired: its value is already evaluated.
                return result.value
            # A builtin produced a new expression: continue with it.
            if type(result) is not Expr:
                return evaluate(result)
            mark = result.evaluated
            if mark == epoch[0] or mark == _data_epoch[0]:
                return result
            if result == current:
                current.evaluated = epoch[0]
                return current
            self.chain += 1
            if self.chain > self.iteration_limit:
                return self._iteration_exceeded(result)
            expr = result

    def _evaluate_forced(self, args):
        # Held arguments, except Evaluate[...] ones.
        out = None
        for i, a in enumerate(args):
            if type(a) is Expr and a.head is Evaluate:
                if out is None:
                    out = list(args)
                out[i] = self._evaluate_forced_one(a)
        return args if out is None else tuple(out)

    def _evaluate_forced_one(self, a):
        inner = tuple(self.evaluate(x) for x in a.args)
        return inner[0] if len(inner) == 1 else Expr(Sequence, inner)

    def _evaluate_held_first(self, args):
        if not args:
            return args
        first = args[0]
        if type(first) is Expr and first.head is Evaluate:
            first = self._evaluate_forced_one(first)
        ev = self.evaluate
        return (first,) + tuple([ev(a) for a in args[1:]])

    def _evaluate_held_rest(self, args):
        if not args:
            return args
        rest = args[1:]
        return (self.evaluate(args[0]),) + self._evaluate_forced(rest)

    def _thread_listable(self, head, args):
        """f[{a, b}, c] -> {f[a, c], f[b, c]}; None (with a message) on unequal lengths."""
        length = None
        for a in args:
            if type(a) is Expr and a.head is List:
                if length is None:
                    length = len(a.args)
                elif len(a.args) != length:
                    self.message(
                        "Thread", "tdlen", Expr(head, args)
                    )
                    return None
        columns = [a.args if type(a) is Expr and a.head is List else None for a in args]
        rows = [
            tuple(a if col is None else col[i] for a, col in zip(args, columns))
            for i in range(length)
        ]
        direct = self._thread_directly(head, rows)
        if direct is not None:
            return direct
        return Expr(List, tuple(Expr(head, row) for row in rows))

    def _thread_directly(self, head, rows):
        """Listable arithmetic on plain atoms (Range[10^6]/3): call the builtin
        on each row, skipping the general evaluation of each element. Gives
        the finished, evaluated list, or None when the general path is needed."""
        if type(head) is not Symbol or head.downvalues or head.upvalues:
            return None
        entry = head.builtin
        if entry is None or entry.whole or not rows:
            return None
        n = len(rows[0])
        if n < entry.min_args or (entry.max_args is not None and n > entry.max_args):
            return None
        for row in rows:
            for a in row:
                if type(a) is Expr or type(a) is Symbol or type(a) is Association:
                    return None
        orderless = head.attributes & ORDERLESS
        call = self._call_builtin
        evaluate = self.evaluate
        out = []
        for row in rows:
            if orderless:
                row = canonical_sort(row)
            r = call(entry, None, row)
            if r is None:
                r = Expr(head, row)
                r.evaluated = symtab.epoch[0]
            elif type(r) is Expr:
                r = evaluate(r)
            out.append(r)
        items = tuple(out)
        result = Expr(List, items)
        result.evaluated = _data_epoch[0] if _plain_data(items) else _epoch[0]
        return _Rewritten(result)

    def _apply_rules(self, head, expr, attrs, upvalues):
        """The rewritten expression, a _Rewritten (user rule, value evaluated),
        or None when no rule applies."""
        args = expr.args
        # UpValues of the arguments' tags
        if upvalues and not attrs & HOLD_ALL_COMPLETE:
            for a in args:
                tag = _tag_of(a)
                if tag is not None and tag.upvalues:
                    result = apply_definitions(tag.upvalues, expr, self, tag)
                    if result is not None:
                        return self._rewrite(tag, result)
        if type(head) is Symbol:
            if head.downvalues:
                result = self._apply_downvalues(head, expr)
                if result is not None:
                    return result
            entry = head.builtin
            if entry is not None:
                result = self._call_builtin(entry, expr, args)
                if entry.evaluates_result and result is not None:
                    return _Rewritten(result)
                return result
            return None
        # Compound head: pure functions, SubValues
        if type(head) is Expr:
            inner = head.head
            if inner is Function:
                return self._apply_function(head, args)
            tag = _innermost_symbol(head)
            if tag is not None and tag.subvalues:
                result = apply_definitions(tag.subvalues, expr, self, tag)
                if result is not None:
                    return self._rewrite(tag, result)
                return None
            if tag is not None and tag.builtin is not None:
                return _operator_form_call(self, tag.builtin, head, args)
            return None
        if type(head) is Association:
            # <|k -> v|>[k] looks the key up.
            from ..library.associations import apply_association

            return apply_association(self, head, args)
        return None

    # The steps the bytecode engine runs as compiled code (VMEvaluator).
    def _apply_downvalues(self, head, expr):
        """head's first DownValue for expr, its value evaluated (a _Rewritten), or None."""
        result = apply_definitions(head.downvalues, expr, self, head)
        return None if result is None else self._rewrite(head, result)

    def _apply_function(self, fn, args):
        """fn[args] for a pure function fn (a _Rewritten), or None after a message.
        Return[...] passes through it to the enclosing definition or loop, as in WL."""
        body = apply_function(self, fn, args)
        return None if body is None else self._rewrite(Function, body, False)

    def _rewrite(self, owner, result, catch_return=True):
        """Evaluate the right side a user definition produced, one level deeper."""
        self.stats["rule_applications"] += 1
        self.chain += 1
        if self.chain > self.iteration_limit:
            return _Rewritten(self._iteration_exceeded(result))
        tracer = self.tracer
        if tracer is not None:
            tracer.enter(owner.name if type(owner) is Symbol else "Function", "user")
        try:
            value = self._evaluate_tail(result)
        except ReturnSignal as r:
            if not catch_return:
                raise
            value = r.value
        except RecursionLimitExceeded:
            value = Expr(Hold, (result,))
        finally:
            if tracer is not None:
                tracer.leave()
        return _Rewritten(value)

    def _call_builtin(self, entry, expr, args):
        n = len(args)
        if n < entry.min_args or (entry.max_args is not None and n > entry.max_args):
            self._argument_count_message(entry, expr)
            return None
        if entry.system_access and self.sandbox:
            return self._call_sandboxed(entry, expr, args)
        self.stats["builtin_calls"] += 1
        tracer = self.tracer
        if tracer is not None:
            tracer.enter(entry.name, "builtin")
            try:
                return entry.fn(self, expr) if entry.whole else entry.fn(self, *args)
            finally:
                tracer.leave()
        if entry.whole:
            return entry.fn(self, expr)
        return entry.fn(self, *args)

    def _call_sandboxed(self, entry, expr, args):
        """A system builtin in a sandboxed session: writes, deletes, processes
        and environment changes are refused; reads (system_access="read") run,
        and the file helpers raise SandboxDenied for a path outside the
        allowed directory."""
        if entry.system_access == "read":
            try:
                return entry.fn(self, expr) if entry.whole else entry.fn(self, *args)
            except SandboxDenied:
                pass
        self.message(entry.symbol, "sandbox", expr if expr is not None else Expr(entry.symbol, args))
        return S.DollarFailed

    def _argument_count_message(self, entry, expr):
        n = len(expr.args)
        lo, hi = entry.min_args, entry.max_args
        head = entry.symbol
        if hi == lo:
            if lo == 0:
                self.message(head, "argx0" if n != 1 else "argx1", head, n)
            elif lo == 1:
                self.message(head, "argx", head, n)
            elif n == 1:
                self.message(head, "argr", head, lo)
            else:
                self.message(head, "argrx", head, n, lo)
        elif hi is None:
            if n == 1:
                self.message(head, "argmu", head, lo)
            else:
                self.message(head, "argm", head, n, lo)
        elif hi == lo + 1:
            if n == 1:
                self.message(head, "argtu", head, lo, hi)
            else:
                self.message(head, "argt", head, n, lo, hi)
        elif n == 1:
            self.message(head, "argbu", head, lo, hi)
        else:
            self.message(head, "argb", head, n, lo, hi)

    # ------------------------------------------------------------ limits
    def _recursion_exceeded(self, expr):
        # Unwind to the nearest definition being applied, which gives back its
        # right side held (WL's Hold[...] result): the levels above continue.
        self.message("$RecursionLimit", "reclim", self.recursion_limit)
        raise RecursionLimitExceeded(expr)

    def _iteration_exceeded(self, expr):
        self.message("$IterationLimit", "itlim", self.iteration_limit)
        return Expr(Hold, (expr,))

    def _raise_pending(self):
        signal, self.pending = self.pending, None
        raise signal

    def interrupt(self, signal: AbortSignal | None = None) -> None:
        """Ask the running evaluation to stop at its next step (thread-safe)."""
        self.pending = signal or AbortSignal("interrupt")

    def check_interrupt(self) -> None:
        """Long-running builtin loops call this now and then."""
        if self.pending is not None:
            self._raise_pending()

    # ------------------------------------------------------------ messages
    def message(self, symbol, tag: str, *args) -> None:
        """Issue symbol::tag with the template's `n` slots filled from args."""
        name = symbol.name if type(symbol) is Symbol else str(symbol)
        key = (name, tag)
        if key in self.off or ("General", tag) in self.off and message_texts.TEMPLATES.get(key) is None:
            return
        quiet = False
        for frame in reversed(self.message_frames):
            if frame.kind == "quiet":
                if frame.covers(key):
                    quiet = True
                    break
            else:
                frame.triggered = True
        if quiet:
            return
        count = self.message_counts.get(key, 0) + 1
        self.message_counts[key] = count
        if count > 3:
            return
        text = symbol.messages.get(tag) if type(symbol) is Symbol else None
        if text is None:
            text = message_texts.template(name, tag)
        if text is None:
            text = "-- Message text not found --"
            if args:
                text += " (" + ", ".join(self.format_message_arg(a) for a in args) + ")"
        else:
            text = message_texts.fill(text, [self.format_message_arg(a) for a in args])
        self.session._emit_message(f"{name}::{tag}", f"{name}::{tag}: {text}")
        if count == 3:
            stop = f"{name}::{tag}"
            self.session._emit_message(
                "General::stop",
                "General::stop: "
                + message_texts.fill(message_texts.template("General", "stop"), [stop]),
            )

    def format_message_arg(self, value) -> str:
        if type(value) is str:
            return value
        from ..forms import short

        return short(value, 300)

    def end_of_input(self) -> None:
        """An input is done: drop what only that input needed (before the
        session releases Module locals nothing refers to)."""

    # ------------------------------------------------------------ helpers
    def apply(self, f, *args):
        """Evaluate f[args...] (f is any Lyra function value)."""
        return self.evaluate(Expr(f, args))


class _Rewritten:
    """A user definition's fully evaluated result (ends the evaluation loop)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


# ------------------------------------------------------------ small helpers
def _head_attributes(head) -> int:
    # Function[params, body, {attrs}] carries its own hold attributes.
    if type(head) is Expr and head.head is Function and len(head.args) == 3:
        from .functions import function_attributes

        return function_attributes(head.args[2])
    return 0


def _notes(args: tuple, head) -> int:
    """The argument-pass flags for arguments that are already evaluated."""
    notes = 0
    for a in args:
        ta = type(a)
        if ta is Expr:
            h = a.head
            if h is List:
                notes |= _N_LIST
            elif h is Sequence:
                notes |= _N_SEQUENCE
            elif h is Unevaluated:
                notes |= _N_UNEVALUATED
            elif h is head:
                notes |= _N_NESTED
            if type(h) is not Symbol or h.upvalues:
                notes |= _N_UPVALUES
        elif ta is Symbol and a.upvalues:
            notes |= _N_UPVALUES
    return notes


_DATA_ATOMS = (int, float, str, Rational, BigReal, Complex)


def _plain_data(args: tuple) -> bool:
    """Only numbers, strings and lists of them (marked as such)?"""
    dep = _data_epoch[0]
    for a in args:
        ta = type(a)
        if ta is Expr:
            if a.evaluated != dep:
                return False
        elif ta not in _DATA_ATOMS:
            return False
    return True


def _same_items(a: tuple, b: tuple) -> bool:
    if a is b:
        return True
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x is not y:
            return False
    return True


_SPLICING = _N_SEQUENCE | _N_NESTED


def _spliced(head, args: tuple, attrs: int, notes: int):
    """(args, notes) after splicing Sequence[...] arguments (unless held) and,
    for a Flat head, nested head[...] arguments; the same args when neither
    applies. The step both engines take once the arguments are evaluated."""
    if notes & _N_SEQUENCE and not attrs & (SEQUENCE_HOLD | HOLD_ALL_COMPLETE):
        args = _splice_sequences(args)
        notes = _notes(args, head)
    if notes & _N_NESTED and attrs & FLAT:
        args = _flatten(head, args)
        notes = _notes(args, head)
    return args, notes


def _splice_sequences(args: tuple) -> tuple:
    out = []
    for a in args:
        if type(a) is Expr and a.head is Sequence:
            out.extend(a.args)
        else:
            out.append(a)
    return tuple(out)


def _flatten(head, args: tuple) -> tuple:
    out = []
    for a in args:
        if type(a) is Expr and a.head is head:
            out.extend(_flatten(head, a.args))
        else:
            out.append(a)
    return tuple(out)


def _strip_unevaluated(a):
    if type(a) is Expr and a.head is Unevaluated and len(a.args) == 1:
        return a.args[0]
    return a


def _tag_of(a):
    """The symbol an UpValue for argument `a` would be attached to."""
    if type(a) is Symbol:
        return a
    while type(a) is Expr:
        a = a.head
    return a if type(a) is Symbol else None


def _operator_form_call(ev, entry, head, args):
    """h[...][args] for a builtin h: its own rule (Composition[f, g][x]) or
    WL's curried form (Select[crit][list] is Select[list, crit])."""
    if head.head is not entry.symbol:
        return None
    if entry.applied is not None:
        return entry.applied(ev, head, args)
    form = entry.operator_form
    if form is None or len(args) != 1:
        return None
    count, data_position = form
    if len(head.args) != count:
        return None
    new_args = list(head.args)
    new_args.insert(data_position, args[0])
    return Expr(entry.symbol, tuple(new_args))


def _innermost_symbol(head):
    while type(head) is Expr:
        head = head.head
    return head if type(head) is Symbol else None


# Late imports: these modules import the evaluator's helpers.
from ..expr.order import canonical_sort  # noqa: E402
from ..patterns import apply_definitions  # noqa: E402
from .functions import apply_function  # noqa: E402

__all__ = ["Evaluator", "TimeoutSignal"]
