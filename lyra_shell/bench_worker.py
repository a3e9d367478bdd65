"""The pyperf program behind %bench, run as `python -m lyra_shell.bench_worker`.

pyperf's Runner parses the command line and re-runs this module as its worker
processes (calibration, warm-ups, several processes). Each worker rebuilds the
shell's session from its definitions (Lyra source in a file, the same text
%save writes), parses the expression once, and times evaluating it:

    python -m lyra_shell.bench_worker --lyra-expr 'fib[20]' \\
        --lyra-defs defs.lyra --lyra-engine tree -o result.json --fast

Exit status 3 (with a message on stderr) when the definitions or the
expression cannot be loaded; pyperf's own errors keep its status.
"""

from __future__ import annotations

import sys
import time

EXIT_SETUP = 3


def _add_worker_args(cmd: list[str], args) -> None:
    # pyperf calls this to build each worker's command line.
    cmd.extend(("--lyra-expr", args.lyra_expr, "--lyra-engine", args.lyra_engine))
    if args.lyra_defs:
        cmd.extend(("--lyra-defs", args.lyra_defs))
    if args.lyra_name:
        cmd.extend(("--lyra-name", args.lyra_name))


class Target:
    """A session with the definitions loaded and the parsed expression."""

    def __init__(self, engine: str, defs_path: str | None, source: str):
        from lyra_core import Session
        from lyra_core.expr import E, S
        from lyra_core.syntax import parse_statements

        # Print output and messages would flood pyperf's output: drop them.
        self.session = Session(engine=engine, stdout=_discard, on_message=_discard)
        if defs_path:
            with open(defs_path, encoding="utf-8") as f:
                definitions = f.read()
            if definitions.strip():
                self.session.evaluate(definitions)
        statements = parse_statements(source)
        if not statements:
            raise ValueError("nothing to benchmark: the expression is empty")
        exprs = [st.expr for st in statements]
        self.expr = exprs[0] if len(exprs) == 1 else E(S.CompoundExpression, *exprs)

    def time_loops(self, loops: int) -> float:
        evaluate = self.session.evaluate_expr
        expr = self.expr
        clock = time.perf_counter
        start = clock()
        for _ in range(loops):
            evaluate(expr)
        return clock() - start


def _discard(*_args) -> None:
    pass


def main(argv: list[str] | None = None) -> int:
    import pyperf

    runner = pyperf.Runner(
        program_args=("-m", "lyra_shell.bench_worker"),
        add_cmdline_args=_add_worker_args,
    )
    parser = runner.argparser
    parser.add_argument("--lyra-expr", required=True, help="Lyra expression to time")
    parser.add_argument("--lyra-defs", help="file of Lyra definitions to load first")
    parser.add_argument("--lyra-engine", default="tree", choices=("tree", "vm"))
    parser.add_argument("--lyra-name", help="benchmark name (default: the expression)")
    args = runner.parse_args(argv)

    try:
        # The manager process checks the setup too, so errors show at once
        # instead of as a failed worker.
        target = Target(args.lyra_engine, args.lyra_defs, args.lyra_expr)
    except Exception as exc:  # noqa: BLE001 - reported, not a traceback
        sys.stderr.write(f"lyra bench: cannot set up the benchmark: {_describe(exc)}\n")
        return EXIT_SETUP

    from lyra_core import __version__

    runner.metadata["lyra_version"] = __version__
    runner.metadata["lyra_engine"] = args.lyra_engine
    # pyperf metadata (the name is metadata too) may not contain newlines.
    runner.metadata["lyra_expr"] = one_line(args.lyra_expr)
    name = one_line(args.lyra_name or args.lyra_expr)
    runner.bench_time_func(name, target.time_loops)
    return 0


def one_line(text: str) -> str:
    return " ".join(text.split())


def _describe(exc: BaseException) -> str:
    render = getattr(exc, "render", None)
    if callable(render):
        try:
            return render()
        except Exception:  # noqa: BLE001
            pass
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}"
    return f"{type(exc).__name__}: {exc}"


if __name__ == "__main__":
    sys.exit(main())
