"""perf/ workloads of issue 6, their targets, and `lyra-bench peers` (Mathics3)."""

import glob
import importlib.util
import os
import sys
import types

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "perf"))

pytest.importorskip("pyperf")

import workloads  # noqa: E402
from lyra_bench import cli, peers, reports, results, targets  # noqa: E402

# The benchmarks as issue 6 writes them (definitions; timed expression).
ISSUE6_TEXT = {
    "fib": ("fib[0] = 0; fib[1] = 1; fib[n_] := fib[n - 1] + fib[n - 2]", "fib[25]"),
    "loop": ("", "Module[{s = 0}, Do[s += i^2, {i, 1, 10^5}]; s]"),
    "map_total": ("", "Total[Map[#^2 + 1 &, Range[10^5]]]"),
    "fold": ("", "Fold[#1 + #2 &, 0, Range[10^5]]"),
    "select_even": ("", "Length[Select[Range[10^5], EvenQ]]"),
}


def test_issue6_workloads_use_the_issue_expressions():
    by_name = {w.name: w for w in workloads.ISSUE6}
    assert list(by_name) == [t.work for t in targets.TARGETS]
    for name, text in ISSUE6_TEXT.items():
        assert by_name[name].source("full") == text, name
    defs, expr = by_name["deriv_poly100"].source("full")
    assert expr == "d[poly, x]"
    assert "poly = Plus @@ Table[k x^k, {k, 1, 100}];" in defs
    for rule in ("FreeQ[c, x] := 0", "d[x_, x_] := 1", "d[a_ + b_, x_]", "d[a_ b_, x_]", "d[a_^n_?NumberQ, x_]"):
        assert rule in defs
    for work in workloads.ISSUE6:  # CI runs them small
        assert work.size("smoke") < work.size("full")
    assert {w.name for w in workloads.END_TO_END} >= set(by_name)


def test_size_text_writes_powers_of_ten_as_the_issue_does():
    assert workloads.size_text(100_000) == "10^5"
    assert workloads.size_text(1000) == "10^3"
    assert workloads.size_text(100) == "100"
    assert workloads.size_text(20_000) == "20000"
    assert workloads.size_text(25) == "25"


def test_cpython_twins_compute_the_issue_answers():
    assert workloads._py_fib(25) == 75025
    assert workloads._py_loop(10**5) == sum(i * i for i in range(1, 10**5 + 1))
    assert workloads._py_map_total(10) == 395
    assert workloads._py_fold(100) == 5050
    assert workloads._py_select_even(101) == 50
    # d/dx of x + 2 x^2 + 3 x^3 + 4 x^4 = 1 + 4 x + 9 x^2 + 16 x^3
    assert workloads._py_deriv_poly(4) == [1, 4, 9, 16]


def test_check_compares_the_symbolic_answer():
    """deriv_poly100's Lyra answer goes through its check into the twin's form."""
    from lyra_core import Session

    work = next(w for w in workloads.ISSUE6 if w.name == "deriv_poly100")
    session = Session(engine="tree")
    defs, expr = work.checked_source("smoke")
    session.evaluate(defs)
    value = workloads.plain(session.evaluate(expr))
    assert value == tuple(k * k for k in range(1, 11))
    assert value == workloads.plain(work.cpython(10))
    assert workloads.plain(work.cpython(10)) != workloads.plain(work.cpython(9))


def test_target_verdicts_are_computed():
    table = {
        "tree/fib": 10.0, "vm/fib": 1.0, "cpython/fib": 0.2,  # 10x tree, 5x CPython: met
        "tree/loop": 10.0, "vm/loop": 1.0, "cpython/loop": 0.05,  # 20x CPython: not met
        "tree/map_total": 4.0, "vm/map_total": 1.0, "cpython/map_total": 0.1,  # 4x < 5x
        "tree/deriv_poly100": 2.5, "vm/deriv_poly100": 1.0,  # no CPython limit: met
    }
    found = {o.target.work: o for o in targets.outcomes(table)}
    assert found["fib"].verdict == targets.MET
    assert found["loop"].verdict == targets.NOT_MET
    assert "VM/CPython 20.0x > 10x" in found["loop"].verdict_text()
    assert found["map_total"].verdict == targets.NOT_MET
    assert "speed-up 4.00x < 5x" in found["map_total"].verdict_text()
    assert found["deriv_poly100"].verdict == targets.MET
    assert found["fold"].verdict == targets.MISSING
    lines = targets.markdown(table, {"fib": "fib[25]"})
    fib_row = next(line for line in lines if line.startswith("| `fib`"))
    assert "`fib[25]`" in fib_row and "10.00x" in fib_row and "| met |" in fib_row


def test_static_dispatch_line_states_the_ratio():
    line = reports.static_dispatch_line({"dynamic/builtins": 0.3, "static/builtins": 0.2}, [])
    assert "CALL_STATIC ratio 1.50x" in line
    assert "not measured" in reports.static_dispatch_line({}, [])


# ---------------------------------------------------------------- peers
def test_peers_without_mathics_says_how_to_enable_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "mathics", None)  # import mathics -> ImportError
    assert cli.main(["peers", "--results", str(tmp_path)]) == 0
    assert "pip install .[peers]" in capsys.readouterr().out
    assert os.listdir(tmp_path) == []


class _FakeResult:
    def __init__(self, value):
        self.value = value

    def to_python(self):
        return self.value


def _fake_mathics(monkeypatch, wrong_on: str):
    """A stand-in `mathics` package whose sessions evaluate with Lyra's
    tree-walker, and answer 0 to any expression starting with `wrong_on`."""
    from lyra_core import Session

    class MathicsSession:
        def __init__(self, character_encoding=None):
            self.lyra = Session(engine="tree")

        def evaluate(self, text):
            value = self.lyra.evaluate(text)
            return _FakeResult(0 if text.startswith(wrong_on) else workloads.plain(value))

    package = types.ModuleType("mathics")
    package.__version__ = "0.0-fake"
    session_module = types.ModuleType("mathics.session")
    session_module.MathicsSession = MathicsSession
    package.session = session_module
    monkeypatch.setitem(sys.modules, "mathics", package)
    monkeypatch.setitem(sys.modules, "mathics.session", session_module)


def test_peers_suite_with_a_fake_mathics(tmp_path, monkeypatch):
    _fake_mathics(monkeypatch, wrong_on="Fold[")
    out = str(tmp_path)
    assert cli.main(["peers", "--smoke", "--peer-runs", "2", "--results", out]) == 0
    assert cli.main(["peers", "--smoke", "--peer-runs", "1", "--results", out]) == 0
    files = sorted(glob.glob(os.path.join(out, "peers_*.json")), key=os.path.getmtime)  # oldest first
    assert len(files) == 2  # a second run never overwrites the first

    suite = results.load(files[0])
    assert peers.is_peers(suite)
    assert suite.get_metadata()["mathics_version"] == "0.0-fake"
    benches = {b.get_name(): b for b in suite.get_benchmarks()}
    for work in workloads.END_TO_END:
        for engine in ("mathics", "vm", "tree"):
            bench = benches[f"peers/{engine}/{work.name}"]
            assert len(bench.get_values()) == 2
            assert all(v > 0 for v in bench.get_values())
            assert bench.get_metadata()["lyra_size_n"] == work.size("smoke")
    assert benches["peers/mathics/fold"].get_metadata()["lyra_answer"] == "differs"
    assert benches["peers/mathics/fib"].get_metadata()["lyra_answer"] == "same"
    assert benches["peers/mathics/deriv_poly100"].get_metadata()["lyra_answer"] == "same"

    rows = {r.work: r for r in peers.rows(suite)}
    assert rows["fib"].expression == "fib[8]"
    assert rows["fib"].vs_vm == pytest.approx(rows["fib"].mathics / rows["fib"].vm)
    assert rows["fold"].vs_vm is None and rows["fold"].vs_tree is None

    # The reports: summary, HTML and PERFORMANCE.md text gain the Mathics3 rows.
    cli.write_reports([files[0]], out, False, "test")
    summary = open(glob.glob(os.path.join(out, "summary_*.md"))[0], encoding="utf-8").read()
    assert "## Peers: Mathics3" in summary and "Mathics3 0.0-fake" in summary
    fib_row = next(line for line in summary.splitlines() if line.startswith("| fib |"))
    assert "`fib[8]`" in fib_row and "smoke size" in fib_row and f"{rows['fib'].vs_vm:,.1f}x" in fib_row
    fold_row = next(line for line in summary.splitlines() if line.startswith("| fold |"))
    assert fold_row.endswith("| - | - | differs |")
    html = open(os.path.join(out, "report", "index.html"), encoding="utf-8").read()
    assert "data-chart='peer-ratios'" in html
    assert os.path.getsize(os.path.join(out, "report", "peer-ratios.png")) > 1000
    text = reports.performance_md({}, [], [os.path.basename(files[0])], "n/a", suite)
    assert "#### Peers: Mathics3" in text and "| select_even |" in text
    assert "No peers run found" in reports.performance_md({}, [], [], "n/a", None)


@pytest.mark.skipif(importlib.util.find_spec("mathics") is None, reason="Mathics3 not installed")
def test_peers_suite_with_real_mathics(tmp_path):
    path = str(tmp_path / "peers_real.json")
    names = {"fib", "loop", "select_even", "deriv_poly100"}
    assert peers.run(path, "smoke", runs=1, names=names) == path
    rows = {r.work: r for r in peers.rows(results.load(path))}
    assert set(rows) == names
    for row in rows.values():
        assert row.answer == "same", row.work
        assert row.mathics > 0 and row.vm > 0 and row.tree > 0
        assert row.vs_vm == pytest.approx(row.mathics / row.vm)
