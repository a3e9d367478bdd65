"""The embedding API: Session (LANGUAGE.md section 5).

    s = Session(engine="tree")
    e = s.evaluate("Expand[(x + 1)^2]")   # result of the last statement
    s.format(e)                           # InputForm text
    s.format(e, "FullForm")
    s.messages                            # ['Part::partw', ...] of the last evaluate

Interface used by the shell and the tools:
    Session(engine="tree"|"vm", matcher="fast"|"naive", static_dispatch=True,
            sandbox=False, sandbox_dir=None, stdout=None, on_message=None)
    sandbox=True refuses process execution, file writes and deletes,
    environment changes and reads outside sandbox_dir (default: the current
    directory when the session is made): f::sandbox and $Failed.
    evaluate(source) -> value           raises LyraSyntaxError on a syntax error
    evaluate_expr(expr) -> value        an already parsed expression
    format(value, form="InputForm") -> str
    messages: list[str]                 message names of the last evaluate
    message_texts: list[str]            the same as printed: "Part::partw: Part 5 of ..."
    line: int                           $Line: the number the next input gets
    stdout(text)                        where Print/Echo write (default sys.stdout)
    on_message(name, text)              called for each message as it is issued
"""

from __future__ import annotations

import os
import random
import sys
import traceback

from .engine.evaluator import Evaluator
from .engine.signals import (
    AbortSignal,
    BreakSignal,
    ContinueSignal,
    RecursionLimitExceeded,
    ReturnSignal,
    ThrowSignal,
)
from .expr import symbol as symtab
from .expr.normal import E, Expr
from .expr import system_symbols as S
from .library import load_library
from .library.scoping import release_unreferenced_temporaries

ENGINES = ("tree", "vm")

# Deeper levels of a TreeForm display are shown as one short line each.
TREE_FORM_DEPTH = 100

_DISPLAY_WRAPPERS = {
    symtab.system(name)
    for name in ("InputForm", "FullForm", "OutputForm", "TreeForm", "Short")
}

# Above this $RecursionLimit, evaluation runs on a thread with a big C stack.
DEEP_RECURSION = 3000
BIG_STACK_BYTES = 1 << 30


def engines_available() -> tuple:
    """The engine names Session(engine=...) accepts in this build."""
    return ENGINES


class Session:
    def __init__(
        self,
        engine: str = "tree",
        matcher: str = "fast",
        static_dispatch: bool = True,
        sandbox: bool = False,
        sandbox_dir: str | None = None,
        stdout=None,
        on_message=None,
    ):
        if engine not in ENGINES:
            raise ValueError(
                f"unknown engine {engine!r}; available: {', '.join(ENGINES)}"
            )
        if matcher not in ("fast", "naive"):
            raise ValueError("matcher must be 'fast' or 'naive'")
        load_library()
        self.engine = engine
        self.matcher = matcher
        self.static_dispatch = static_dispatch
        self.sandbox = sandbox
        # Reads in a sandbox are allowed under this directory (symbolic links
        # resolved, so a link cannot lead out of it).
        self.sandbox_dir = os.path.realpath(sandbox_dir if sandbox_dir is not None else os.getcwd())
        self.workspace = symtab.Workspace()
        if engine == "vm":
            from .engine.vm import VMEvaluator

            self.ev = VMEvaluator(
                self, naive=(matcher == "naive"), static_dispatch=static_dispatch
            )
        else:
            self.ev = Evaluator(self, naive=(matcher == "naive"))
        self._stdout = stdout if stdout is not None else _default_stdout
        self.on_message = on_message
        self.messages: list[str] = []
        self.message_texts: list[str] = []
        self.line = 1  # $Line: the number the next input gets
        self.inputs: dict[int, object] = {}
        self.outputs: dict[int, object] = {}
        self.history_length = 100
        self.random = random.Random()
        self.last_traceback: str | None = None

    # ------------------------------------------------------------ evaluation
    def evaluate(self, source: str):
        """Evaluate every statement of source; the last result (one input line)."""
        from .syntax import parse_statements

        self.workspace.activate()
        self._begin()
        statements = parse_statements(source)
        result = S.Null
        for statement in statements:
            result = self._run(statement.expr)
        self._record(source, result)
        self._end()
        return result

    def evaluate_expr(self, expr, record: bool = True):
        """Evaluate an already parsed expression as one input line (record=False:
        for a front end's own work, which takes no In/Out line)."""
        self.workspace.activate()
        self._begin()
        result = self._run(expr)
        if record:
            self._record(expr, result)
        self._end()
        return result

    def _begin(self):
        self.messages = []
        self.message_texts = []
        self.ev.message_counts = {}

    def _end(self):
        self.ev.end_of_input()
        release_unreferenced_temporaries()

    def _run(self, expr):
        if self.ev.recursion_limit > DEEP_RECURSION:
            return self._run_on_big_stack(expr)
        return self._run_here(expr)

    def _run_on_big_stack(self, expr):
        """Deep recursion needs more C stack than the main thread has: run the
        evaluation on a thread with a large stack, forwarding Ctrl-C to it."""
        import threading

        box = []

        def work():
            self.ev.big_stack = True
            self.ev.ensure_python_stack(self.ev.recursion_limit)
            try:
                box.append((True, self._run_here(expr)))
            except BaseException as error:  # SessionExit: re-raised below
                box.append((False, error))
            finally:
                self.ev.big_stack = False
                self.ev.ensure_python_stack(self.ev.recursion_limit)  # back to the main thread's cap

        previous = threading.stack_size(BIG_STACK_BYTES)
        try:
            worker = threading.Thread(target=work, daemon=True)
            worker.start()
        finally:
            threading.stack_size(previous)
        while worker.is_alive():
            try:
                worker.join(0.05)
            except KeyboardInterrupt:
                self.ev.interrupt()
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def _run_here(self, expr):
        ev = self.ev
        ev.pending = None
        try:
            return ev.evaluate(expr)
        except ThrowSignal as t:
            thrown = E(S.Throw, t.value) if t.tag is None else E(S.Throw, t.value, t.tag)
            ev.message("Throw", "nocatch", thrown)
            return E(S.Hold, thrown)
        except (AbortSignal, KeyboardInterrupt):
            return S.DollarAborted
        except ReturnSignal as r:
            return E(S.Return, r.value)
        except RecursionLimitExceeded:
            return E(S.Hold, expr)
        except BreakSignal:
            ev.message("Break", "nofdw")
            return E(S.Break)
        except ContinueSignal:
            ev.message("Continue", "nofdw")
            return E(S.Continue)
        except RecursionError:
            ev.message("$RecursionLimit", "reclim", ev.recursion_limit)
            return S.DollarAborted
        except MemoryError:
            ev.message("General", "nomem")
            return S.DollarAborted
        except Exception as error:  # a bug in Lyra: report it, keep the session
            from .library.interaction import SessionExit

            if isinstance(error, SessionExit):
                raise
            self.last_traceback = traceback.format_exc()
            ev.message("General", "interr", f"{type(error).__name__}: {error}")
            return S.DollarFailed
        finally:
            ev.depth = 0
            ev.message_frames.clear()

    def _record(self, source, result):
        n = self.line
        self.inputs[n] = source
        self.outputs[n] = result
        self.line = n + 1
        old = n - self.history_length
        if old in self.outputs:
            del self.outputs[old]
            self.inputs.pop(old, None)

    # ------------------------------------------------------------ history
    def out_value(self, n=None):
        if n is None:
            n = self.line - 1
        elif type(n) is int and n <= 0:
            n = self.line + n
        if type(n) is not int or n not in self.outputs:
            return None
        return self.outputs[n]

    def in_value(self, n=None):
        if n is None:
            n = self.line - 1
        elif type(n) is int and n <= 0:
            n = self.line + n
        source = self.inputs.get(n)
        if source is None:
            return None
        if type(source) is str:
            from .syntax import parse

            return parse(source)
        return source

    # ------------------------------------------------------------ output
    def format(self, value, form: str = "InputForm") -> str:
        from . import forms

        # As a result is displayed, a form wrapper at the top (FullForm[e],
        # Short[e], ...) shows e in that form; asking for FullForm shows all.
        if (
            form == "InputForm"
            and type(value) is Expr
            and len(value.args) == 1
            and value.head in _DISPLAY_WRAPPERS
        ):
            wrapper = value.head.name
            if wrapper == "Short":
                return forms.short(value.args[0], 300)
            return self.format(value.args[0], wrapper)

        if form == "InputForm":
            return forms.input_form(value)
        if form == "FullForm":
            return forms.full_form(value)
        if form == "OutputForm":
            return forms.output_form(value)
        if form == "TreeForm":
            return forms.tree_form(value, max_depth=TREE_FORM_DEPTH)
        raise ValueError(f"unknown form {form!r}")

    def write(self, text: str) -> None:
        self._stdout(text)

    def _emit_message(self, name: str, text: str) -> None:
        self.messages.append(name)
        self.message_texts.append(text)
        if self.on_message is not None:
            self.on_message(name, text)

    # ------------------------------------------------------------ introspection
    def user_symbols(self) -> list[str]:
        """Names of the Global` symbols this session has made or defined."""
        seen = {}
        for sym in list(self.workspace.created) + list(self.workspace.touched):
            if sym.context == symtab.GLOBAL and symtab.existing(sym.full_name) is sym:
                seen[sym.name] = True
        return list(seen)

    def definition_text(self, name: str) -> str:
        from .library.definitions import definition_lines

        self.workspace.activate()
        sym = symtab.lookup(name)
        return "\n".join(definition_lines(sym))

    def definitions_source(self) -> str:
        """Lyra source that recreates this session's definitions in a new session."""
        from .library.definitions import definition_lines

        self.workspace.activate()
        lines = []
        for sym in list(self.workspace.created) + sorted(
            self.workspace.touched, key=lambda s: s.full_name
        ):
            if sym.context != symtab.GLOBAL or symtab.existing(sym.full_name) is not sym:
                continue
            for line in definition_lines(sym):
                if line not in lines:
                    lines.append(line)
        return "\n".join(line + ";" for line in lines) + ("\n" if lines else "")

    def disassemble(self, source, recursive: bool = False) -> str:
        """The VM listing of `source` (the shell's %dis); see lyra_core.dis."""
        from .engine.vm.dis import disassemble

        return disassemble(self, source, recursive=recursive)

    def set_tracer(self, tracer) -> None:
        self.ev.tracer = tracer

    @property
    def stats(self) -> dict:
        stats = dict(self.ev.stats)
        stats["evaluations"] = self.ev.evaluations
        return stats

    def may_read(self, path: str) -> bool:
        """Whether this session may read path: always outside a sandbox,
        inside one only under sandbox_dir."""
        if not self.sandbox:
            return True
        real = os.path.realpath(path)
        root = self.sandbox_dir
        return real == root or real.startswith(root if root.endswith(os.sep) else root + os.sep)

    def interrupt(self) -> None:
        """Abort the running evaluation from another thread."""
        self.ev.interrupt()

    def close(self) -> None:
        self.workspace.release()


def _default_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()
