"""What the three pyperf suites share: the runner, its metadata, and timers.

pyperf runs each benchmark in fresh worker processes that execute the whole
suite script but only the selected benchmark. So nothing is set up at import
time: a timer builds its session on first call (cached per process) and
times only the loop over the already parsed expression.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time

import pyperf

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if HERE not in sys.path:  # suites import `workloads` as a sibling module
    sys.path.insert(0, HERE)

from workloads import SIZE_MODES  # noqa: E402

_clock = time.perf_counter


def _pass_lyra_args(cmd: list, args) -> None:
    # pyperf builds each worker's command line; our option must follow.
    cmd.extend(("--lyra-size", args.lyra_size))


def make_runner(suite: str) -> tuple[pyperf.Runner, str]:
    """The suite's pyperf Runner (command line parsed) and its size mode."""
    runner = pyperf.Runner(add_cmdline_args=_pass_lyra_args)
    runner.argparser.add_argument(
        "--lyra-size",
        choices=SIZE_MODES,
        default="full",
        help="workload sizes: full (the published ones) or smoke (tiny, for CI)",
    )
    args = runner.parse_args()
    runner.metadata.update(
        lyra_suite=suite,
        lyra_size=args.lyra_size,
        lyra_commit=git_commit(),
        lyra_machine=machine_description(),
    )
    return runner, args.lyra_size


def git_commit() -> str:
    """The checkout's commit (with '+dirty' when the tree has changes)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if not commit:
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def machine_description() -> str:
    return f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def discard(*_args) -> None:
    return None


# ---------------------------------------------------------------- sessions
class Target:
    """A session with definitions loaded and the timed expression parsed."""

    def __init__(self, engine: str, defs: str, expr: str, matcher: str = "fast",
                 static_dispatch: bool = True):
        from lyra_core import Session
        from lyra_core.syntax import parse

        self.session = Session(engine=engine, matcher=matcher,
                               static_dispatch=static_dispatch,
                               stdout=discard, on_message=discard)
        if defs:
            self.session.evaluate(defs)
        self.expr = parse(expr)


_targets: dict = {}


def target(key, *args, **kwargs) -> Target:
    found = _targets.get(key)
    if found is None:
        found = _targets[key] = Target(*args, **kwargs)
    return found


def time_lyra(loops: int, key, engine: str, defs: str, expr: str,
              matcher: str = "fast", static_dispatch: bool = True) -> float:
    """pyperf time function: `loops` evaluations of expr in a prepared session."""
    t = target(key, engine, defs, expr, matcher, static_dispatch)
    evaluate = t.session.evaluate_expr
    parsed = t.expr
    start = _clock()
    for _ in range(loops):
        evaluate(parsed, False)
    return _clock() - start


def time_python(loops: int, func, n: int) -> float:
    start = _clock()
    for _ in range(loops):
        func(n)
    return _clock() - start


def bench_workload(runner, engine: str, work, mode: str, label: str | None = None,
                   **options) -> None:
    """Register `<label>/<name>` (label defaults to the engine) timing one
    workload in one engine with the given session options."""
    defs, expr = work.source(mode)
    name = f"{label or engine}/{work.name}"
    key = (name, options.get("matcher"), options.get("static_dispatch"))
    runner.bench_time_func(
        name, time_lyra, key, engine, defs, expr,
        options.get("matcher", "fast"), options.get("static_dispatch", True),
        metadata={"lyra_size_n": work.size(mode), "lyra_expression": expr,
                  "description": work.describe or work.name},
    )


def bench_cpython(runner, work, mode: str) -> None:
    runner.bench_time_func(
        f"cpython/{work.name}", time_python, work.cpython, work.size(mode),
        metadata={"lyra_size_n": work.size(mode), "description": work.describe},
    )


# ---------------------------------------------------------------- non-time results
def add_measurement(runner, name: str, value: float, unit: str, description: str) -> None:
    """Append a one-value benchmark (bytes, counts) to the suite's -o file.

    Only the process that writes results does this: the main process, or a
    lone in-process `--worker` run (smoke mode); pyperf's spawned workers talk
    to the main process through --pipe and skip it. Also printed, so a run
    without -o shows it."""
    args = runner.args
    if args.pipe is not None:
        return
    if not args.quiet:
        print(f"{name}: {value:,.1f} {unit}")
    if not args.output:
        return
    run = pyperf.Run(
        [float(value)],
        warmups=None,
        metadata={"name": name, "unit": unit, "loops": 1, "description": description,
                  **{k: v for k, v in runner.metadata.items() if k.startswith("lyra_")}},
    )
    pyperf.add_runs(args.output, pyperf.Benchmark([run]))
