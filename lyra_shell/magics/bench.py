"""%bench: real pyperf measurements of a Lyra expression in the session's state.

By default the measurement runs in pyperf worker processes (calibration,
warm-ups, several processes), started through `python -m
lyra_shell.bench_worker`; each worker rebuilds the session's definitions from
their Lyra source, so `%bench fib[20]` works right after defining fib.
--inprocess times in this process instead (quick, less rigorous). Both paths
produce pyperf Benchmark objects, so -o and --compare-to work for either.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from . import MagicError, Option, magic, positive_int, report_unless_complete
from ..frontend import plural

PYPERF_FAILED = "the benchmark did not complete"


def _seconds(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError(text)
    return value


@magic(
    "bench",
    summary="benchmark expr with pyperf (worker processes rebuild the session's definitions)",
    usage="%bench [--engine tree|vm|both] [--fast|--rigorous] [--inprocess] "
          "[-o FILE.json] [--compare-to FILE.json] expr",
    options=[
        Option(("--engine",), "engine", value="ENGINE", choices=("tree", "vm", "both"),
               help="engine to measure; both: each engine and the tree/VM ratio"),
        Option(("--fast",), "fast", help="rough answer quickly (10 processes, 2 values each)"),
        Option(("--rigorous",), "rigorous", help="more processes (40) for a steadier result"),
        Option(("--inprocess",), "inprocess",
               help="time in this process (timeit-style autorange, repeat, median)"),
        Option(("-o", "--output"), "output", value="FILE",
               help="write the results as pyperf JSON (pyperf show/compare_to read it)"),
        Option(("--compare-to",), "compare_to", value="FILE",
               help="compare with an earlier pyperf JSON result"),
        Option(("-p", "--processes"), "processes", value="N", type=positive_int,
               help="worker processes (default 20)"),
        Option(("-n", "--values"), "values", value="N", type=positive_int,
               help="values per process (default 3; in-process: repeats, default 5)"),
        Option(("-l", "--loops"), "loops", value="N", type=positive_int,
               help="loops per value (default: calibrated)"),
        Option(("-w", "--warmups"), "warmups", value="N", type=int,
               help="warm-up values per process (default 1)"),
        Option(("--min-time",), "min_time", value="SECONDS", type=_seconds,
               help="minimum duration of one value, for calibration (default 0.1)"),
    ],
)
def bench_magic(shell, opts, rest):
    source = rest.strip()
    if not source:
        raise MagicError("usage: " + bench_magic_usage())
    if opts["fast"] and opts["rigorous"]:
        raise MagicError("%bench: --fast and --rigorous exclude each other")
    if not report_unless_complete(shell, source):
        return
    if opts["compare_to"] and not os.path.exists(os.path.expanduser(opts["compare_to"])):
        raise MagicError(f"%bench: no such file {opts['compare_to']}")
    engines = choose_engines(shell, opts["engine"])
    base_name = one_line(source)

    def name_for(engine):
        return f"{base_name} [{engine}]" if len(engines) > 1 else base_name

    benchmarks = []
    with tempfile.TemporaryDirectory(prefix="lyra-bench-") as workdir:
        if opts["inprocess"]:
            for engine in engines:
                bench = bench_in_process(shell, engine, source, name_for(engine), opts)
                if bench is None:
                    return
                benchmarks.append((engine, bench))
        else:
            defs = os.path.join(workdir, "definitions.lyra")
            with open(defs, "w", encoding="utf-8") as f:
                f.write(shell.session.definitions_source())
            for engine in engines:
                bench = bench_in_workers(shell, engine, source, name_for(engine), defs,
                                         workdir, opts)
                if bench is None:
                    return
                benchmarks.append((engine, bench))
        show_results(shell, benchmarks)
        result_path = None
        if opts["output"]:
            result_path = os.path.expanduser(opts["output"])
            write_suite([b for _, b in benchmarks], result_path)
            shell.printer.info(f"Results written to {opts['output']} "
                               f"(python -m pyperf show {opts['output']}).")
        if opts["compare_to"]:
            if result_path is None:
                result_path = os.path.join(workdir, "new.json")
                write_suite([b for _, b in benchmarks], result_path)
            compare(shell, os.path.expanduser(opts["compare_to"]), result_path)


def bench_magic_usage() -> str:
    from . import MAGICS

    return MAGICS["bench"].usage


def one_line(text: str) -> str:
    return " ".join(text.split())


def choose_engines(shell, wanted: str | None) -> list[str]:
    from lyra_core import engines_available

    from .basic import engine_unavailable

    available = engines_available()
    if wanted is None:
        return [shell.engine]
    if wanted == "both":
        if "vm" not in available:
            shell.printer.message(
                "The bytecode engine (vm) is not available in this build: "
                "benchmarking the tree engine only, no tree/VM ratio."
            )
            return ["tree"]
        return ["tree", "vm"]
    if wanted not in available:
        raise MagicError(engine_unavailable(wanted, available))
    return [wanted]


# ------------------------------------------------------------------ worker processes
def worker_command(engine, source, name, defs, output, opts) -> tuple[list[str], int]:
    """The pyperf command line and the number of worker runs it will make."""
    processes = opts["processes"] or (10 if opts["fast"] else 40 if opts["rigorous"] else 20)
    values = opts["values"] or (2 if opts["fast"] else 3)
    cmd = [
        sys.executable, "-m", "lyra_shell.bench_worker",
        "--lyra-expr", source, "--lyra-engine", engine, "--lyra-name", name,
        "--lyra-defs", defs, "-o", output,
        # --fast/--rigorous are translated here: pyperf would ignore -p with them.
        "--processes", str(processes), "--values", str(values),
    ]
    if opts["loops"]:
        cmd += ["--loops", str(opts["loops"])]
    if opts["warmups"] is not None:
        cmd += ["--warmups", str(opts["warmups"])]
    if opts["min_time"]:
        cmd += ["--min-time", repr(opts["min_time"])]
    # pyperf gives its workers a clean environment; PYTHONPATH (see
    # worker_environment) must survive so they run this very Lyra.
    cmd += ["--inherit-environ", "PYTHONPATH"]
    runs = processes + (0 if opts["loops"] else 1)  # + the loop calibration run
    return cmd, runs


def worker_environment() -> dict:
    """The environment for the pyperf processes: the directory this Lyra was
    imported from goes first on PYTHONPATH, so workers load the same code
    even from a source checkout or another working directory."""
    import lyra_shell

    root = os.path.dirname(os.path.dirname(os.path.abspath(lyra_shell.__file__)))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def bench_in_workers(shell, engine, source, name, defs, workdir, opts):
    """Run pyperf's manager in a subprocess with a progress bar; the Benchmark."""
    import pyperf
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    output = os.path.join(workdir, f"{engine}.json")
    cmd, expected_runs = worker_command(engine, source, name, defs, output, opts)
    errors = tempfile.TemporaryFile(dir=workdir)
    text_after_progress = bytearray()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("worker runs"),
        TimeElapsedColumn(),
        console=shell.printer.console,
        transient=True,
        # Off the terminal (logs, tests) a live display only leaves blank lines.
        disable=not shell.printer.console.is_terminal,
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
                            env=worker_environment())
    try:
        with progress:
            task = progress.add_task(f"pyperf {name}", total=expected_runs)
            done = 0
            in_dots = True
            fd = proc.stdout.fileno()
            while True:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                if in_dots:
                    # pyperf prints one dot per finished worker run, then a
                    # newline and the summary.
                    head, newline, tail = chunk.partition(b"\n")
                    dots = head.count(b".")
                    if dots:
                        done += dots
                        if done > expected_runs:
                            progress.update(task, total=done)
                        progress.update(task, completed=done)
                    if newline:
                        in_dots = False
                        text_after_progress += tail
                else:
                    text_after_progress += chunk
        status = proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        shell.printer.message("Benchmark interrupted.")
        return None
    finally:
        proc.stdout.close()
    errors.seek(0)
    error_text = errors.read().decode("utf-8", errors="replace").strip()
    errors.close()
    if status != 0 or not os.path.exists(output):
        shell.printer.error(f"%bench: {PYPERF_FAILED} (exit status {status}).")
        if error_text:
            shell.printer.message(_last_lines(error_text, 12))
        return None
    for line in warning_lines(text_after_progress.decode("utf-8", errors="replace")):
        shell.printer.message(line)
    return pyperf.Benchmark.load(output)


def warning_lines(text: str) -> list[str]:
    """pyperf's warnings from its summary (the result line itself we print)."""
    lines = []
    keep = False
    for line in text.splitlines():
        if line.startswith("WARNING"):
            keep = True
        elif not line.strip():
            keep = False
        if keep:
            lines.append(line)
    return lines


def _stop(proc) -> None:
    # Ctrl-C reached the whole process group: pyperf's manager kills its
    # worker on KeyboardInterrupt. Give it a moment, then insist.
    try:
        proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _last_lines(text: str, count: int) -> str:
    return "\n".join(text.splitlines()[-count:])


# ------------------------------------------------------------------ in this process
def bench_in_process(shell, engine, source, name, opts):
    """Time in this process: autorange the loop count to min_time, then take
    `values` samples; returns a pyperf Benchmark holding them."""
    from .profile import copy_session

    # A copy of the session: the timed loop must not fill this session's
    # Out history or advance $Line, and its Print output is not wanted.
    session = copy_session(shell, engine, quiet=True)
    try:
        return _time_in_session(shell, session, engine, source, name, opts)
    finally:
        session.close()


def _time_in_session(shell, session, engine, source, name, opts):
    import pyperf
    from lyra_core.expr import E, S, system
    from lyra_core.syntax import parse_statements

    exprs = [st.expr for st in parse_statements(source)]
    expr = exprs[0] if len(exprs) == 1 else E(S.CompoundExpression, *exprs)
    aborted = system("$Aborted")
    evaluate = session.evaluate_expr
    clock = time.perf_counter
    printer = shell.printer

    def timed(loops: int) -> float | None:
        start = clock()
        for _ in range(loops):
            if evaluate(expr) is aborted:
                return None  # Ctrl-C: the session turned it into $Aborted
        return clock() - start

    min_time = opts["min_time"] or 0.2
    repeats = opts["values"] or 5
    loops = opts["loops"]
    with _status(printer.console, f"timing {name} in process"):
        first = timed(1)  # also the warm-up
        if first is None:
            shell.printer.message("Benchmark interrupted.")
            return None
        warmup = (1, first)
        if not loops:
            loops = 1
            elapsed = first
            while elapsed < min_time and loops < 10**9:
                loops *= 2 if elapsed * 10 > min_time else 10
                elapsed = timed(loops)
                if elapsed is None:
                    shell.printer.message("Benchmark interrupted.")
                    return None
        values = []
        for _ in range(repeats):
            elapsed = timed(loops)
            if elapsed is None:
                shell.printer.message("Benchmark interrupted.")
                return None
            values.append(max(elapsed / loops, 1e-12))
    from lyra_core import __version__

    run = pyperf.Run(
        values,
        warmups=[(warmup[0], max(warmup[1], 1e-12))],
        metadata={
            "name": name,
            "loops": loops,
            "unit": "second",
            "lyra_engine": engine,
            "lyra_version": __version__,
            "lyra_expr": one_line(source),
            "lyra_inprocess": "yes",
        },
    )
    return pyperf.Benchmark([run])


def _status(console, text: str):
    """A spinner on a terminal; nothing elsewhere (logs, tests, pipes)."""
    if console.is_terminal:
        return console.status(text, spinner="dots")
    import contextlib

    return contextlib.nullcontext()


# ------------------------------------------------------------------ reporting
def summary_line(bench) -> str:
    """pyperf's one-line result: 'name: Mean +- std dev: 12.3 ms +- 0.4 ms'."""
    mean = bench.mean()
    if bench.get_nvalue() >= 2:
        text = "Mean +- std dev: %s +- %s" % bench.format_values((mean, bench.stdev()))
    else:
        text = "Mean: " + bench.format_value(mean)
    return f"{bench.get_name()}: {text}"


def counts(bench) -> tuple[int, int, int]:
    """(values, loops per value, processes with values)."""
    runs = [run for run in bench.get_runs() if run.values]
    loops = runs[0].get_loops() if runs else 0
    return bench.get_nvalue(), loops, len(runs)


def show_results(shell, benchmarks) -> None:
    from rich.table import Table

    for engine, bench in benchmarks:
        values, loops, processes = counts(bench)
        inprocess = bench.get_metadata().get("lyra_inprocess") == "yes"
        where = "in process" if inprocess else plural(processes, "process", "processes")
        shell.printer.info(summary_line(bench))
        shell.printer.hint(f"  ({plural(values, 'value')}, {plural(loops, 'loop')} each, "
                           f"{where}; {engine} engine)")
    table = Table(header_style="bold", box=None, pad_edge=False)
    for title in ("Benchmark", "Engine", "Mean", "Std dev", "Median", "Min", "Max",
                  "Values", "Loops", "Processes"):
        table.add_column(title, justify="left" if title in ("Benchmark", "Engine") else "right")
    for engine, bench in benchmarks:
        values = bench.get_values()
        values_n, loops, processes = counts(bench)
        fmt = bench.format_value
        table.add_row(
            bench.get_name(), engine,
            fmt(bench.mean()),
            fmt(bench.stdev()) if values_n >= 2 else "-",
            fmt(bench.median()), fmt(min(values)), fmt(max(values)),
            str(values_n), f"{loops:,}", str(processes),
        )
    shell.printer.print(table)
    by_engine = dict(benchmarks)
    if "tree" in by_engine and "vm" in by_engine:
        ratio = by_engine["tree"].mean() / by_engine["vm"].mean()
        if ratio >= 1:
            verdict = f"the VM is {ratio:.2f}x faster"
        else:
            verdict = f"the VM is {1 / ratio:.2f}x slower"
        shell.printer.info(f"tree/VM ratio: {ratio:.2f} ({verdict})")


def write_suite(benches, path: str) -> None:
    """Write a pyperf JSON file atomically (temp file in the same directory)."""
    import pyperf

    from lyra_core.atomic import replace_file

    suite = pyperf.BenchmarkSuite(list(benches))
    replace_file(path, lambda temporary: suite.dump(temporary, replace=True), make_dirs=True)


def compare(shell, reference: str, new: str) -> None:
    """pyperf compare_to: the change and whether it is significant."""
    result = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", "--verbose", reference, new],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    text = (result.stdout + result.stderr).strip()
    shell.printer.info(f"Compared to {reference}:")
    shell.printer.info(text or "(pyperf compare_to printed nothing)")
