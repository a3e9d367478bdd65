"""The non-interactive modes: `lyra -c CODE`, `lyra FILE`, and piped stdin.

Plain text only (no rich, no colour): results on stdout, messages and errors
on stderr, Print/Echo output wherever the script's stdout goes. Nothing heavy
is imported here beyond the language itself.
"""

from __future__ import annotations

import sys

from .cli import EXIT_FAILURE, EXIT_INTERNAL, EXIT_OK, Options

ABORTED_NAME = "$Aborted"
NOCATCH = "Throw::nocatch"
INTERNAL_ERROR = "General::interr"


class BatchRun:
    """One session plus the bookkeeping the exit status needs."""

    def __init__(self, opts: Options, err=None):
        from lyra_core import Session

        self.opts = opts
        self.err = err if err is not None else sys.stderr
        self.uncaught = False  # an uncaught Throw reached top level
        self.internal = False  # the session reported an internal error (a bug)
        self.session = Session(
            engine=opts.engine,
            sandbox=opts.sandbox,
            on_message=self._on_message,
        )
        from lyra_core.expr import system

        self.aborted = system(ABORTED_NAME)
        self.null = system("Null")

    def _on_message(self, name: str, text: str) -> None:
        if name == NOCATCH:
            self.uncaught = True
        self.err.write(text + "\n")
        if name == INTERNAL_ERROR:
            self.internal = True
            trace = getattr(self.session, "last_traceback", None)
            if self.opts.traceback and trace:
                self.err.write(trace)
        self.err.flush()

    def set_command_line(self, words: list[str]) -> None:
        """$ScriptCommandLine = {words...}, built as an expression so that no
        quoting of the strings is needed."""
        from lyra_core.expr import E, S, system

        from .sessions import evaluate_unrecorded

        evaluate_unrecorded(self.session, E(S.Set, system("$ScriptCommandLine"), E(S.List, *words)))

    def failed(self, result) -> bool:
        """Did this top-level result end the program (uncaught Throw/Abort, or
        an internal error)?"""
        return self.uncaught or self.internal or result is self.aborted

    def status(self, result) -> int:
        if self.internal:
            return EXIT_INTERNAL
        return EXIT_FAILURE if self.failed(result) else EXIT_OK

    def syntax_error(self, exc, where: str | None = None) -> int:
        prefix = f"{where}: " if where else ""
        self.err.write(prefix + exc.render().rstrip("\n") + "\n")
        self.err.flush()
        return EXIT_FAILURE


def report_internal_error(exc: BaseException, show_traceback: bool, err) -> None:
    if show_traceback:
        import traceback

        err.write("".join(traceback.format_exception(exc)))
    else:
        err.write(
            f"lyra: internal error: {type(exc).__name__}: {exc}\n"
            "(this is a bug in Lyra; run with --traceback for the details)\n"
        )
    err.flush()


def run_command(code: str, args: list[str], opts: Options) -> int:
    """lyra -c CODE: evaluate everything, print the last result's InputForm."""
    from lyra_core import SessionExit
    from lyra_core.syntax import LyraSyntaxError

    try:
        run = BatchRun(opts)
        if args:
            run.set_command_line(["-c", *args])
        result = run.session.evaluate(code)
        if result is not run.null:
            sys.stdout.write(run.session.format(result) + "\n")
        sys.stdout.flush()
        return run.status(result)
    except SessionExit as exc:
        return _exit_code(exc)
    except LyraSyntaxError as exc:
        return run.syntax_error(exc)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # noqa: BLE001 - no traceback may reach a user
        return internal_failure(exc, opts)


def run_script(path: str, args: list[str], opts: Options) -> int:
    """lyra FILE ARGS: evaluate the statements in order; output comes only
    from Print/Echo and messages. Stops with status 1 at the first uncaught
    Throw or Abort."""
    from lyra_core import SessionExit
    from lyra_core.syntax import LyraSyntaxError, parse_statements

    try:
        if path == "-":
            source = sys.stdin.read()
            name = "<stdin>"
        else:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            name = path
    except (OSError, UnicodeDecodeError) as exc:
        sys.stderr.write(f"lyra: cannot read {path}: {_os_reason(exc)}\n")
        return EXIT_FAILURE

    source = strip_shebang(source)
    try:
        run = BatchRun(opts)
        run.set_command_line([path, *args])
        statements = parse_statements(source)
        for statement in statements:
            result = run.session.evaluate_expr(statement.expr)
            if run.failed(result):
                sys.stdout.flush()
                return run.status(result)
        sys.stdout.flush()
        return EXIT_OK
    except SessionExit as exc:
        return _exit_code(exc)
    except LyraSyntaxError as exc:
        return run.syntax_error(exc, name)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # noqa: BLE001
        return internal_failure(exc, opts)


def run_pipe(stream, opts: Options) -> int:
    """... | lyra: read lines, evaluate each complete statement as soon as it is
    complete, print each non-Null result's InputForm on its own line.

    A syntax error is reported and its input skipped; the exit status is then 1.
    """
    from lyra_core import SessionExit
    from lyra_core.syntax import LyraSyntaxError, parse_statements

    status = EXIT_OK
    try:
        run = BatchRun(opts)
        session = run.session
        out = sys.stdout
        pending: list[str] = []  # lines of a statement that is not complete yet
        first_line = 1  # the input line number where `pending` starts
        for line in stream:
            pending.append(line)
            text = "".join(pending)
            try:
                statements = parse_statements(text)
            except LyraSyntaxError as exc:
                if exc.incomplete:
                    continue
                status = run.syntax_error(_shift(exc, first_line - 1))
                first_line += len(pending)
                pending.clear()
                continue
            first_line += len(pending)
            pending.clear()
            for statement in statements:
                result = session.evaluate_expr(statement.expr)
                if result is not run.null:
                    out.write(session.format(result) + "\n")
            out.flush()
        if "".join(pending).strip():
            # The input ended inside an unfinished expression.
            try:
                parse_statements("".join(pending))
            except LyraSyntaxError as exc:
                status = run.syntax_error(_shift(exc, first_line - 1))
        return status
    except SessionExit as exc:
        return _exit_code(exc)
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # noqa: BLE001
        return internal_failure(exc, opts)


def _shift(exc, lines: int):
    """The same syntax error, numbered as a line of the whole input rather
    than of the chunk that was parsed."""
    if lines <= 0:
        return exc
    return type(exc)(exc.reason, "\n" * lines + exc.source, exc.line + lines, exc.column,
                     exc.incomplete)


def internal_failure(exc: Exception, opts: Options) -> int:
    """A bug in Lyra or in this module: a short report (or the traceback)."""
    report_internal_error(exc, opts.traceback, sys.stderr)
    return EXIT_INTERNAL


def strip_shebang(source: str) -> str:
    """Blank out a `#!` first line (keeping line numbers): `#` is a Slot in Lyra."""
    if source.startswith("#!"):
        end = source.find("\n")
        return "" if end < 0 else source[end:]
    return source


def _exit_code(exc) -> int:
    code = getattr(exc, "code", 0)
    if code is None:
        return EXIT_OK
    if type(code) is int:
        return code & 0xFF
    return EXIT_FAILURE


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
