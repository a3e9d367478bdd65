"""Regression check: a run against a baseline, in absolute times and ratios.

A benchmark regresses when it is slower than the baseline by more than the
threshold AND pyperf's two-sample t-test calls the difference significant.
Absolute times only mean something on the machine that recorded the
baseline, so the engine ratios (VM/tree, VM/CPython), which travel between
machines, are checked with the same threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyperf

from .results import geometric_mean, medians, ratios_by_prefix

DEFAULT_THRESHOLD = 0.10


def _significant(values_a, values_b) -> bool:
    if len(values_a) < 2 or len(values_b) < 2:
        return True  # one value each: nothing to test, trust the threshold
    try:
        from pyperf._utils import is_significant
    except ImportError:  # pyperf moved it: keep the threshold test alone
        return True
    try:
        return is_significant(values_a, values_b)[0]
    except ZeroDivisionError:  # identical constant samples
        return values_a[0] != values_b[0]


PROGRAM_KEYS = ("lyra_size_n", "lyra_expression")


def same_program(before: pyperf.Benchmark, after: pyperf.Benchmark) -> bool:
    """False when the two files timed a different program under one name
    (a workload resized or rewritten since the baseline was recorded)."""
    old, new = before.get_metadata(), after.get_metadata()
    return all(old[key] == new[key] for key in PROGRAM_KEYS if key in old and key in new)


def changed_programs(baseline: pyperf.BenchmarkSuite, current: pyperf.BenchmarkSuite) -> list[str]:
    old = {b.get_name(): b for b in baseline.get_benchmarks()}
    return [b.get_name() for b in current.get_benchmarks()
            if b.get_name() in old and not same_program(old[b.get_name()], b)]


@dataclass
class Row:
    name: str
    baseline: float
    current: float
    significant: bool
    regressed: bool

    @property
    def change(self) -> float:
        return self.current / self.baseline - 1.0 if self.baseline else 0.0


def compare_suites(baseline: pyperf.BenchmarkSuite, current: pyperf.BenchmarkSuite,
                   threshold: float = DEFAULT_THRESHOLD) -> list[Row]:
    rows = []
    old = {b.get_name(): b for b in baseline.get_benchmarks()}
    for bench in current.get_benchmarks():
        name = bench.get_name()
        ref = old.get(name)
        if ref is None or bench.get_unit() != "second" or not same_program(ref, bench):
            continue
        a, b = ref.get_values(), bench.get_values()
        significant = _significant(a, b)
        slower = bench.mean() > ref.mean() * (1.0 + threshold)
        rows.append(Row(name, ref.mean(), bench.mean(), significant, slower and significant))
    return rows


RATIO_PAIRS = (("vm", "tree", "VM/tree"), ("vm", "cpython", "VM/CPython"),
               ("tree", "cpython", "tree/CPython"))


def ratio_rows(baseline: pyperf.BenchmarkSuite, current: pyperf.BenchmarkSuite,
               threshold: float = DEFAULT_THRESHOLD) -> list[Row]:
    """Geometric-mean time ratios (lower is better) compared with the
    baseline's, over the benchmarks both files timed with the same program."""
    rows = []
    changed = set(changed_programs(baseline, current))
    old, new = medians(baseline), medians(current)
    common = (old.keys() & new.keys()) - changed
    old = {k: v for k, v in old.items() if k in common}
    new = {k: v for k, v in new.items() if k in common}
    for top, bottom, label in RATIO_PAIRS:
        before = geometric_mean(ratios_by_prefix(old, top, bottom).values())
        after = geometric_mean(ratios_by_prefix(new, top, bottom).values())
        if before is None or after is None:
            continue
        rows.append(Row(label, before, after, True, after > before * (1.0 + threshold)))
    return rows


def format_table(rows: list[Row], ratios: list[Row]) -> str:
    lines = [f"{'benchmark':34} {'baseline':>12} {'current':>12} {'change':>8}  verdict"]
    for row in rows + ratios:
        unit_ok = row in ratios
        base = f"{row.baseline:.3f}x" if unit_ok else f"{row.baseline * 1e3:.4g} ms"
        cur = f"{row.current:.3f}x" if unit_ok else f"{row.current * 1e3:.4g} ms"
        if row.regressed:
            verdict = "REGRESSION"
        elif row.change > 0 and not row.significant:
            verdict = "ok (not significant)"
        else:
            verdict = "ok"
        lines.append(f"{row.name:34} {base:>12} {cur:>12} {row.change:>+7.1%}  {verdict}")
    return "\n".join(lines)
