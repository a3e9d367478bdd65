"""What the interactive shell does with one submitted input.

Independent of prompt_toolkit (repl.py reads the input; this module handles
it), so it can be driven directly by tests and by other front ends.

    shell = Shell(opts, printer)
    shell.handle("f[x_] := x^2")     # Lyra code: evaluate, show Out[n]
    shell.handle("%time f[3]")       # a magic
    shell.handle("?Plus")            # help
"""

from __future__ import annotations

import re
import time

from . import magics
from .cli import Options
from .sessions import load_definitions

# Results whose InputForm is longer than this are shown shortened with <<n>>.
DEFAULT_MAX_OUTPUT_CHARS = 4000

# How many shortened results %full can still show (they may be large).
KEEP_SHORTENED = 20

_HELP_LINE = re.compile(r"\s*(\?\??)\s*(\S*)\s*\Z")


class Shell:
    def __init__(self, opts: Options, printer, history=None, config=None):
        self.opts = opts
        self.printer = printer
        self.history = history  # a history.HistoryFile, or None
        self.config = config
        self.engine = opts.engine
        self.timing = bool(getattr(config, "timing", False))
        self.max_output_chars = int(
            getattr(config, "max_output_chars", DEFAULT_MAX_OUTPUT_CHARS)
        )
        self.last_traceback: str | None = None
        # Results shown shortened, kept so %full can show them entirely.
        self.shortened: dict[int, object] = {}
        self.last_shortened: int | None = None
        # This session's inputs, (In number or None for magics, text).
        self.inputs: list[tuple[int | None, str]] = []
        self.session = self.make_session(self.engine)

    # ------------------------------------------------------------ sessions
    def make_session(self, engine: str):
        from lyra_core import Session

        return Session(
            engine=engine,
            sandbox=self.opts.sandbox,
            stdout=self.printer.program_output,
            on_message=self._on_message,
        )

    def _on_message(self, name: str, text: str) -> None:
        self.printer.message(text)

    def switch_engine(self, engine: str) -> None:
        """Continue on another engine, carrying the definitions over."""
        source = self.session.definitions_source()
        fresh = self.make_session(engine)
        load_definitions(fresh, source)
        old, self.session = self.session, fresh
        self.engine = engine
        old.close()  # its definitions live on in `fresh`

    def load_quietly(self, path: str) -> None:
        """Evaluate a file without showing its result or using a line number."""
        from lyra_core.syntax import LyraSyntaxError, parse

        from .sessions import evaluate_unrecorded

        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            expr = parse(source)
        except OSError as exc:
            self.printer.error(f"Cannot read {path}: {exc.strerror or exc}")
            return
        except LyraSyntaxError as exc:
            self.printer.syntax_error(f"{path}: {exc.render()}")
            return
        evaluate_unrecorded(self.session, expr)

    # ------------------------------------------------------------ one input
    def handle(self, text: str) -> None:
        """Run one submitted input. SessionExit (Exit[n]) propagates."""
        if not text.strip():
            return
        if magics.is_magic(text):
            self.inputs.append((None, text))
            self.run_guarded(magics.run_magic, self, text)
        elif _HELP_LINE.match(text) and text.lstrip().startswith("?"):
            self.inputs.append((None, text))
            self.run_guarded(self.show_help, text)
        else:
            self.inputs.append((self.session.line, text))
            self.run_guarded(self.evaluate, text)

    def run_guarded(self, fn, *args) -> None:
        """Run shell machinery; a bug in it is reported, never a traceback."""
        from lyra_core import SessionExit

        try:
            fn(*args)
        except (SessionExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001
            self.internal_error(exc)

    def evaluate(self, text: str) -> None:
        from lyra_core import SessionExit
        from lyra_core.syntax import LyraSyntaxError

        session = self.session
        line = session.line
        trace_before = getattr(session, "last_traceback", None)
        start = time.perf_counter()
        try:
            value = session.evaluate(text)
        except LyraSyntaxError as exc:
            self.printer.syntax_error(exc.render())
            return
        except SessionExit:
            raise
        except KeyboardInterrupt:
            # The session turns interrupts into $Aborted; this one arrived
            # between its checks. The definitions are intact either way.
            self.printer.hint("Interrupted.")
            return
        except Exception as exc:  # noqa: BLE001
            self.internal_error(exc)
            return
        elapsed = time.perf_counter() - start
        trace = getattr(session, "last_traceback", None)
        if trace is not None and trace is not trace_before:
            # The session caught a bug of its own (General::interr, shown
            # already as a message) and kept going; keep the details.
            self.last_traceback = trace
            if self.opts.traceback:
                self.printer.error(trace.rstrip())
            else:
                self.printer.hint("%debug shows the Python traceback.")
        self.show_value(line, value)
        if self.timing:
            self.printer.hint(f"Wall time: {format_seconds(elapsed)}")

    def show_value(self, line: int, value) -> None:
        from lyra_core.expr import S

        if value is S.Null:
            return
        text = self.session.format(value)
        hint = None
        if len(text) > self.max_output_chars:
            text = self.shorten(value, text)
            self.shortened[line] = value
            self.last_shortened = line
            if len(self.shortened) > KEEP_SHORTENED:
                del self.shortened[min(self.shortened)]
            hint = f"(output shortened; %full {line} shows all of it)"
        self.printer.result(line, text, hint)

    def shorten(self, value, full_text: str) -> str:
        try:
            from lyra_core.forms import short

            shortened = short(value, self.max_output_chars)
            if type(shortened) is not str:
                shortened = self.session.format(shortened)
            return shortened
        except Exception:  # noqa: BLE001 - fall back to a plain cut
            keep = self.max_output_chars // 2
            hidden = len(full_text) - 2 * keep
            return f"{full_text[:keep]}<<{hidden}>>{full_text[-keep:]}"

    def internal_error(self, exc: BaseException) -> None:
        import traceback

        self.last_traceback = "".join(traceback.format_exception(exc))
        if self.opts.traceback:
            self.printer.error(self.last_traceback.rstrip())
        else:
            self.printer.internal_error(exc)

    # ------------------------------------------------------------ ?Name help
    def show_help(self, text: str) -> None:
        m = _HELP_LINE.match(text)
        verbose = len(m.group(1)) == 2
        name = m.group(2)
        if not name:
            self.printer.info("?Name shows the usage of Name, ??Name also its definitions;"
                              " ?Str* lists names. %help lists the shell's magics.")
            return
        if "*" in name or "@" in name:
            self.list_names(name)
            return
        from lyra_core.library.registry import usage_of

        is_user = name in set(self.session.user_symbols())
        usage = usage_of(name)
        if usage is None and is_user:
            usage = self.user_usage(name)
        definitions = ""
        if verbose or is_user or usage is None:
            definitions = self.session.definition_text(name) or ""
        if verbose and not is_user and usage is not None:
            attributes = self.attributes_line(name)
            if attributes and attributes not in definitions:
                definitions = "\n".join(filter(None, (attributes, definitions)))
        if usage is None and not definitions.strip():
            if not is_user:
                self.printer.message(f"Information::notfound: Symbol {name} not found.")
                return
            definitions = f"{name} has no definitions."
        if usage:
            self.printer.info(usage)
        if definitions.strip():
            if usage:
                self.printer.info("")
            self.printer.code(definitions)

    def user_usage(self, name: str) -> str | None:
        """name::usage as the user set it, or None."""
        from lyra_core.expr import E, S, lookup

        from .sessions import evaluate_unrecorded

        value = evaluate_unrecorded(self.session, E(S.MessageName, lookup(name), "usage"))
        return value if type(value) is str else None

    def attributes_line(self, name: str) -> str | None:
        from lyra_core.expr import E, lookup, system

        from .sessions import evaluate_unrecorded

        value = evaluate_unrecorded(self.session, E(system("Attributes"), lookup(name)))
        text = self.session.format(value)
        return None if text == "{}" else f"Attributes[{name}] = {text}"

    def list_names(self, pattern: str) -> None:
        import fnmatch

        from lyra_core.library import registry

        # Contexts narrow the search: Global`* is the user's, System`* the builtins.
        user = set(self.session.user_symbols())
        if pattern.startswith("Global`"):
            pool, pattern = user, pattern[len("Global`"):]
        elif pattern.startswith("System`"):
            pool, pattern = set(registry.BUILTINS) | set(registry.USAGE), pattern[len("System`"):]
        else:
            pool = set(self.all_names())
        # WL: * matches any characters, @ any run of lowercase letters.
        glob = pattern.replace("@", "[a-z]*")
        names = sorted(n for n in pool if fnmatch.fnmatchcase(n, glob))
        if not names:
            self.printer.message(f"Information::nomatch: No symbol matching {pattern} found.")
            return
        from rich.columns import Columns
        from rich.text import Text

        self.printer.print(Columns([Text(n) for n in names], padding=(0, 2)))

    def all_names(self) -> list[str]:
        from lyra_core.library import registry

        names = set(registry.BUILTINS)
        names.update(registry.USAGE)
        names.update(self.session.user_symbols())
        return list(names)

    # ------------------------------------------------------------ input checks
    def classify(self, text: str):
        """What Enter should do with `text`: 'complete' (submit), 'incomplete'
        (continue on a new line) or the LyraSyntaxError to show."""
        if not text.strip() or magics.is_magic(text) or text.lstrip().startswith("?"):
            return "complete"
        from lyra_core.syntax import LyraSyntaxError, parse_statements

        try:
            parse_statements(text)
        except LyraSyntaxError as exc:
            return "incomplete" if exc.incomplete else exc
        except Exception:  # noqa: BLE001 - let evaluation report parser bugs
            return "complete"
        return "complete"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 loop', '3 loops', '2 processes' (with many='processes')."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def format_seconds(seconds: float) -> str:
    """A duration with a unit that keeps three or four significant digits."""
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.3g} us"
    return f"{seconds * 1e9:.3g} ns"
