"""`lyra-bench peers`: the end-to-end workloads through Mathics3, beside Lyra.

Mathics3 implements the same language in Python, so it is Lyra's natural
peer. It is far slower, so instead of pyperf's many worker processes each
workload runs a small fixed number of times (default 3) in one process and
the median is kept. A workload whose full size would take Mathics3 over 30 s
per evaluation runs at its smaller "peer" size (perf/workloads.py), and the
row says so; Lyra's two engines are timed at that same size in the same run,
so the ratios compare the same computation. A run that takes over the 30 s
budget is not repeated. Every Mathics3 answer is checked against the CPython
twin's; a row whose answer differs gets no ratio.

Output: benchmark_results/peers_<timestamp>.json (never overwriting), a
pyperf file with one benchmark per engine and workload:

    peers/mathics/<w>   Mathics3, seconds per evaluation
    peers/vm/<w>        Lyra, bytecode engine, same size
    peers/tree/<w>      Lyra, tree-walker, same size

with metadata lyra_size_n, lyra_full_n, lyra_expression and (Mathics3 rows)
lyra_answer = "same" or "differs". The reports add Mathics3 rows when such a
file is present (see `markdown` and `chart_series`).
"""

from __future__ import annotations

import glob
import os
import statistics
import sys
import time
from dataclasses import dataclass

PREFIX = "peers"
BUDGET = 30.0  # seconds per evaluation before a workload needs its smaller size
DEFAULT_RUNS = 3
ENABLE_HINT = ("Mathics3 is not installed: `pip install .[peers]` (or `pip install Mathics3`) "
               "enables `lyra-bench peers`.")

_clock = time.perf_counter


def _perf_modules():
    """perf/harness.py and perf/workloads.py (a directory, not a package)."""
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "perf")
    if here not in sys.path:
        sys.path.insert(0, here)
    import harness
    import workloads

    return harness, workloads


def load_mathics():
    """(MathicsSession class, version) or None when Mathics3 is not importable."""
    try:
        import mathics
        from mathics.session import MathicsSession
    except ImportError:
        return None
    try:
        from mathics.core import load_builtin
    except ImportError:  # older Mathics3 (or a test's stand-in) loads them itself
        pass
    else:
        # Mathics3 10 fails to build a session before its builtins are
        # loaded, and warns when they are loaded twice.
        if not getattr(load_builtin, "mathics3_builtins_modules", None):
            load_builtin.import_and_load_builtins()
    return MathicsSession, str(getattr(mathics, "__version__", "unknown"))


def time_runs(evaluate, runs: int, budget: float) -> tuple[list[float], object]:
    """Times of up to `runs` calls of evaluate(), and the last result; stops
    after a call that took longer than `budget` seconds."""
    values, result = [], None
    for _ in range(runs):
        start = _clock()
        result = evaluate()
        values.append(_clock() - start)
        if values[-1] > budget:
            break
    return values, result


def mathics_value(session, text: str):
    """A Mathics3 answer as a Python value (lists become tuples)."""
    result = session.evaluate(text)
    return result.to_python() if hasattr(result, "to_python") else result


def measure_workload(work, mode: str, runs: int, budget: float, mathics_session, harness, workloads):
    """[(benchmark name, values, metadata)] for one workload on the three engines."""
    n = work.size("smoke") if mode == "smoke" else work.peer_size()
    why = "smoke" if mode == "smoke" else "full" if n == work.size("full") else "peer"
    defs, expr = work.source(mode, n)
    common = {"lyra_size_n": n, "lyra_full_n": work.size("full"), "lyra_size_kind": why,
              "lyra_expression": expr, "description": work.describe or work.name}
    found = []
    session = mathics_session()
    if defs:
        session.evaluate(defs)
    values, result = time_runs(lambda: session.evaluate(expr), runs, budget)
    if work.check:  # the symbolic answer in the twin's form; one untimed evaluation
        answer = mathics_value(session, work.checked_source(mode, n)[1])
    else:
        answer = result.to_python() if hasattr(result, "to_python") else result
    same = workloads.plain(answer) == workloads.plain(work.cpython(n))
    found.append((f"{PREFIX}/mathics/{work.name}", values,
                  {**common, "lyra_answer": "same" if same else "differs"}))
    for engine in ("vm", "tree"):
        target = harness.Target(engine, defs, expr)
        evaluate, parsed = target.session.evaluate_expr, target.expr
        values, _ = time_runs(lambda: evaluate(parsed, False), runs, budget)
        found.append((f"{PREFIX}/{engine}/{work.name}", values, common))
        target.session.close()
    return found


def run(out_path: str, mode: str = "default", runs: int = DEFAULT_RUNS, budget: float = BUDGET,
        names=None, loaded=None) -> str | None:
    """Run the peers suite into out_path (a pyperf JSON file); None without
    Mathics3. `names` limits it to some workloads; `loaded` is load_mathics()'s."""
    loaded = loaded or load_mathics()
    if loaded is None:
        return None
    mathics_session, version = loaded
    harness, workloads = _perf_modules()
    import pyperf

    suite_meta = {"lyra_suite": PREFIX, "lyra_size": "smoke" if mode == "smoke" else "peer",
                  "lyra_commit": harness.git_commit(), "lyra_machine": harness.machine_description(),
                  "lyra_date": time.strftime("%Y-%m-%d %H:%M:%S"),
                  "mathics_version": version, "lyra_peer_runs": runs}
    benchmarks = []
    for work in workloads.END_TO_END:
        if names and work.name not in names:
            continue
        print(f"peers/{work.name} ...", flush=True)
        try:
            rows = measure_workload(work, mode, runs, budget,
                                    lambda: mathics_session(character_encoding="ASCII"),
                                    harness, workloads)
        except Exception as error:  # a peer's failure is a finding, not a crash
            print(f"  {work.name}: failed: {type(error).__name__}: {error}", flush=True)
            continue
        for name, values, meta in rows:
            run_meta = {"name": name, "unit": "second", "loops": 1, **suite_meta, **meta}
            benchmarks.append(pyperf.Benchmark([pyperf.Run(values, metadata=run_meta)]))
    if not benchmarks:
        raise RuntimeError("no peers workload could be measured")
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    pyperf.BenchmarkSuite(benchmarks).dump(out_path, replace=False)
    return out_path


# ---------------------------------------------------------------- reading a peers file
@dataclass
class Row:
    work: str
    size: int
    full: int
    size_kind: str  # "full", "peer" (reduced for Mathics3) or "smoke"
    expression: str
    answer: str  # "same" / "differs"
    runs: int
    mathics: float | None  # median seconds
    vm: float | None
    tree: float | None

    @property
    def comparable(self) -> bool:
        return self.answer == "same" and bool(self.mathics)

    @property
    def vs_vm(self) -> float | None:
        """How many times Lyra's VM is faster (Mathics3 time / VM time)."""
        return self.mathics / self.vm if self.comparable and self.vm else None

    @property
    def vs_tree(self) -> float | None:
        return self.mathics / self.tree if self.comparable and self.tree else None


def is_peers(suite) -> bool:
    return suite.get_metadata().get("lyra_suite") == PREFIX or any(
        b.get_name().startswith(PREFIX + "/") for b in suite.get_benchmarks())


def latest_file(directory: str) -> str | None:
    found = sorted(glob.glob(os.path.join(directory, f"{PREFIX}_*.json")))
    return found[-1] if found else None


def rows(suite) -> list[Row]:
    by_name = {b.get_name(): b for b in suite.get_benchmarks()}
    found = []
    for name, bench in by_name.items():
        if not name.startswith(f"{PREFIX}/mathics/"):
            continue
        work = name.rsplit("/", 1)[1]
        meta = bench.get_metadata()

        def median(engine):
            other = by_name.get(f"{PREFIX}/{engine}/{work}")
            return statistics.median(other.get_values()) if other else None

        found.append(Row(work, int(meta.get("lyra_size_n", 0)), int(meta.get("lyra_full_n", 0)),
                         str(meta.get("lyra_size_kind", "")), str(meta.get("lyra_expression", "")),
                         str(meta.get("lyra_answer", "unknown")),
                         len(bench.get_values()), median("mathics"), median("vm"), median("tree")))
    return found


def _ms(value) -> str:
    return "-" if value is None else f"{value * 1e3:,.1f}"


def _x(value) -> str:
    return "-" if value is None else f"{value:,.1f}x"


def size_note(row: Row) -> str:
    if row.size_kind == "smoke":
        return f"n = {row.size:,} (smoke size; full {row.full:,})"
    if row.size != row.full:
        return f"n = {row.size:,} (reduced from {row.full:,}: over {BUDGET:g} s in Mathics3)"
    return f"n = {row.size:,} (full size)"


def markdown(suite) -> list[str]:
    """The Mathics3 rows as Markdown lines (for the summary and PERFORMANCE.md)."""
    meta = suite.get_metadata()
    lines = [f"Mathics3 {meta.get('mathics_version', '?')}; Lyra commit {meta.get('lyra_commit', '?')}; "
             f"{meta.get('lyra_date', 'date unknown')}. Each engine timed at the same size, median of "
             f"up to {meta.get('lyra_peer_runs', '?')} runs in one process (a run over {BUDGET:g} s "
             "is not repeated). \"Mathics3 x Lyra\" = Mathics3 time / Lyra time: 40x means Lyra is "
             "40 times faster. A row whose Mathics3 answer differs from the CPython twin's gets no "
             "ratio.", "",
             "| workload | expression | size run | Mathics3 ms | Lyra-VM ms | Lyra-tree ms | "
             "Mathics3 x Lyra-VM | Mathics3 x Lyra-tree | answer |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows(suite):
        runs = "" if r.runs > 1 else " (1 run)"
        lines.append(f"| {r.work} | `{r.expression}` | {size_note(r)} | {_ms(r.mathics)}{runs} | "
                     f"{_ms(r.vm)} | {_ms(r.tree)} | {_x(r.vs_vm)} | {_x(r.vs_tree)} | {r.answer} |")
    return lines


def chart_series(suite) -> dict:
    """{label: ratio} for the HTML report's bar chart."""
    series = {}
    for r in rows(suite):
        if r.vs_vm:
            series[f"Mathics3 x Lyra-VM {r.work}"] = r.vs_vm
        if r.vs_tree:
            series[f"Mathics3 x Lyra-tree {r.work}"] = r.vs_tree
    return series


# ---------------------------------------------------------------- the command
def main(results_dir: str, mode: str = "default", runs: int = DEFAULT_RUNS,
         write_reports=None) -> int:
    """Run the suite into results_dir; `write_reports(paths)` refreshes the
    summary and HTML report. 0 also when Mathics3 is missing (it is optional)."""
    from .suites import output_path, timestamp

    loaded = load_mathics()
    if loaded is None:
        print(ENABLE_HINT)
        return 0
    path = output_path(results_dir, PREFIX, timestamp())
    run(path, mode, runs, loaded=loaded)
    print(f"wrote {path}\n")
    from .results import load

    print("\n".join(markdown(load(path))))
    if write_reports is not None:
        write_reports(path)
    return 0
