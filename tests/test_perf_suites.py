"""perf/: every suite runs in smoke mode, reports are generated, regressions are caught."""

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "perf"))

pyperf = pytest.importorskip("pyperf")

from lyra_bench import cli, results  # noqa: E402
from lyra_bench.claims import speed_claims, UNCONFIRMED, CONFIRMED, PARTIAL  # noqa: E402


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    status = cli.main(["all", "--smoke", "--results", str(out)])
    return out, status


def test_workloads_match_cpython():
    import workloads

    assert workloads.check_equivalents("smoke") == []


def test_smoke_run_writes_every_suite(smoke_run):
    out, status = smoke_run
    assert status == 0
    names = sorted(os.listdir(out))
    for suite in ("performance", "speedup", "regression"):
        files = [n for n in names if n.startswith(suite + "_") and n.endswith(".json")]
        assert len(files) == 1
        loaded = results.load(os.path.join(out, files[0]))
        assert len(loaded.get_benchmarks()) > 5
    table = results.merged_medians(results.load(os.path.join(out, n))
                                 for n in names if n.endswith(".json"))
    for name in ("vm/fib", "tree/fib", "cpython/fib", "static/calls", "dynamic/calls",
                 "static/builtins", "dynamic/builtins",
                 "naive/rules50", "match/sequence", "startup/lyra_c", "memory/table/on"):
        assert table[name] > 0, name
    for work in ("fib", "loop", "map_total", "fold", "deriv_poly100", "select_even"):
        for engine in ("vm", "tree", "cpython"):
            assert table[f"{engine}/{work}"] > 0, (engine, work)


def test_summary_states_issue6_targets_and_static_dispatch(smoke_run):
    out, _ = smoke_run
    summary = open([os.path.join(out, n) for n in os.listdir(out) if n.startswith("summary_")][0],
                   encoding="utf-8").read()
    rows = [line for line in summary.splitlines() if line.startswith("| `")]
    loop = next(line for line in rows if line.startswith("| `loop`"))
    # smoke sizes; the verdict is computed, whichever way it goes
    assert "`Module[{s = 0}, Do[s += i^2, {i, 1, 100}]; s]`" in loop
    assert ">= 5x tree, <= 10x CPython" in loop
    assert loop.rstrip(" |").endswith(("met", "x)"))
    assert "not measured" not in loop
    select = next(line for line in rows if line.startswith("| `select_even`"))
    assert ">= 2x tree |" in select
    assert "static_dispatch=False" in summary and "CALL_STATIC ratio" in summary


def test_html_report_has_charts(smoke_run):
    out, _ = smoke_run
    index = os.path.join(out, "report", "index.html")
    text = open(index, encoding="utf-8").read()
    for chart in ("distributions", "engine-ratios", "claim-ratios", "history"):
        assert f"data-chart='{chart}'" in text
        assert os.path.getsize(os.path.join(out, "report", f"{chart}.png")) > 1000


def test_pyperf_compare_to_accepts_results(smoke_run):
    out, _ = smoke_run
    files = sorted(os.path.join(out, n) for n in os.listdir(out) if n.startswith("performance_"))
    done = subprocess.run([sys.executable, "-m", "pyperf", "compare_to", files[0], files[0]],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _doctored(path, factor, target):
    data = json.load(open(path))
    for bench in data["benchmarks"]:
        for run in bench["runs"]:
            if "values" in run:
                run["values"] = [v * factor for v in run["values"]]
    json.dump(data, open(target, "w"))


def test_regression_detects_injected_slowdown(smoke_run, tmp_path):
    out, _ = smoke_run
    current = sorted(os.path.join(out, n) for n in os.listdir(out) if n.startswith("regression_"))[0]
    slow = str(tmp_path / "slow.json")
    _doctored(current, 2.0, slow)
    assert cli.check_regression(slow, current, 0.10) == 1
    assert cli.check_regression(current, current, 0.10) == 0


def test_regression_skips_benchmarks_whose_program_changed(smoke_run, tmp_path):
    """A workload resized since the baseline is reported as changed, not as slower."""
    out, _ = smoke_run
    current = sorted(os.path.join(out, n) for n in os.listdir(out) if n.startswith("regression_"))[0]
    data = json.load(open(current))
    resized = []
    for bench in data["benchmarks"]:
        meta = bench["metadata"]
        if "lyra_size_n" in meta:  # the sized workloads: resized, and 2x slower
            meta["lyra_size_n"] += 1
            resized.append(meta["name"])
            for run in bench["runs"]:
                if "values" in run:
                    run["values"] = [v * 2.0 for v in run["values"]]
    changed = str(tmp_path / "resized.json")
    json.dump(data, open(changed, "w"))
    from lyra_bench.regression import changed_programs

    assert "vm/fib" in resized
    assert changed_programs(results.load(current), results.load(changed)) == resized
    assert cli.check_regression(changed, current, 0.10) == 0


def test_claim_verdicts_follow_thresholds():
    table = {"dynamic/a": 1.7, "static/a": 1.0, "naive/a": 3.0, "fast/a": 1.0,
             "tree/a": 1.1, "vm/a": 1.0}
    claims = {c.key: c for c in speed_claims(table)}
    assert claims["call_static"].verdict == UNCONFIRMED
    assert "the real gain is 1.70x" in claims["call_static"].sentence()
    assert claims["matcher"].verdict == CONFIRMED
    assert claims["engine"].verdict == PARTIAL
