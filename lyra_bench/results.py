"""Reading pyperf result files: per-benchmark statistics and ratios."""

from __future__ import annotations

import glob
import os

import pyperf


def load(path: str) -> pyperf.BenchmarkSuite:
    return pyperf.BenchmarkSuite.load(path)


def medians(suite: pyperf.BenchmarkSuite) -> dict[str, float]:
    """name -> median value (seconds, or bytes for memory/*): on a shared,
    noisy machine the median resists the occasional slow outlier."""
    return {bench.get_name(): bench.median() for bench in suite.get_benchmarks()}


def merged_medians(suites) -> dict[str, float]:
    table: dict[str, float] = {}
    for suite in suites:
        table.update(medians(suite))
    return table


def ratio(table: dict, numerator: str, denominator: str) -> float | None:
    top, bottom = table.get(numerator), table.get(denominator)
    if top is None or not bottom:
        return None
    return top / bottom


def ratios_by_prefix(table: dict, slow: str, quick: str) -> dict[str, float]:
    """{workload: table[slow/w] / table[quick/w]} for every w both have."""
    found = {}
    for name, value in table.items():
        if name.startswith(quick + "/"):
            work = name[len(quick) + 1:]
            other = table.get(f"{slow}/{work}")
            if other is not None and value:
                found[work] = other / value
    return found


def geometric_mean(values) -> float | None:
    values = [v for v in values if v and v > 0]
    if not values:
        return None
    product = 1.0
    for v in values:
        product *= v
    return product ** (1.0 / len(values))


def history(directory: str, suite_name: str) -> list[tuple[str, dict]]:
    """[(file, medians)] for every earlier run of a suite, oldest first."""
    runs = []
    for path in sorted(glob.glob(os.path.join(directory, f"{suite_name}_*.json"))):
        try:
            runs.append((path, medians(load(path))))
        except Exception:  # a truncated file from an interrupted run: skip it
            continue
    return runs


def format_value(value: float, unit: str = "second") -> str:
    if unit == "byte":
        return f"{value:,.1f} bytes"
    for scale, name in ((1.0, "s"), (1e-3, "ms"), (1e-6, "us"), (1e-9, "ns")):
        if value >= scale:
            return f"{value / scale:.3g} {name}"
    return f"{value / 1e-9:.3g} ns"
