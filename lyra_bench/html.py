"""The HTML report: benchmark_results/report/index.html with matplotlib charts.

Charts are PNG files beside index.html, each referenced by an <img> with a
data-chart attribute naming it (tests look for these):
    distributions  per-benchmark value distributions (box plots)
    engine-ratios  VM/tree and x-CPython ratios per workload
    claim-ratios   measured factor of each claim
    history        median of each benchmark across the runs found
    peer-ratios    Mathics3 time / Lyra time per workload (when a peers
                   file is present)
"""

from __future__ import annotations

import html
import os

from . import peers
from .claims import speed_claims
from .results import ratios_by_prefix


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    return plt


def _save(fig, directory, name) -> str:
    path = os.path.join(directory, f"{name}.png")
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    return os.path.basename(path)


def _distributions(plt, suites, directory) -> str:
    benches = [b for s in suites for b in s.get_benchmarks() if b.get_unit() == "second"]
    fig, ax = plt.subplots(figsize=(10, max(3, 0.25 * len(benches))))
    ax.boxplot([[v * 1e3 for v in b.get_values()] for b in benches], orientation="horizontal")
    ax.set_yticks(range(1, len(benches) + 1), [b.get_name() for b in benches], fontsize=7)
    ax.set_xscale("log")
    ax.set_xlabel("ms per evaluation (log scale)")
    return _save(fig, directory, "distributions")


def _bars(plt, directory, name, series: dict, xlabel: str) -> str:
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.3 * len(series))))
    labels = list(series)
    ax.barh(labels, [series[k] for k in labels])
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linewidth=0.8)
    ax.set_xlabel(xlabel)
    return _save(fig, directory, name)


def _history(plt, history_runs, directory) -> str:
    fig, ax = plt.subplots(figsize=(9, 4))
    names = sorted({n for _, medians in history_runs for n in medians if not n.startswith("memory/")})
    for name in names[:20]:  # a readable number of lines
        xs = [i for i, (_, m) in enumerate(history_runs) if name in m]
        ax.plot(xs, [history_runs[i][1][name] * 1e3 for i in xs], marker="o", label=name)
    ax.set_yscale("log")
    ax.set_xlabel("run (oldest first)")
    ax.set_ylabel("ms")
    if names:
        ax.legend(fontsize=6, ncol=2)
    return _save(fig, directory, "history")


def write_report(directory: str, suites, table: dict, history_runs, summary_md: str,
                 peer_suite=None) -> str:
    """Write index.html and its charts into `directory`; the index path."""
    os.makedirs(directory, exist_ok=True)
    plt = _pyplot()
    charts = []
    if any(b.get_unit() == "second" for s in suites for b in s.get_benchmarks()):
        charts.append(("distributions", "Per-benchmark distributions",
                       _distributions(plt, suites, directory)))
    engine = {f"VM/tree {w}": r for w, r in ratios_by_prefix(table, "vm", "tree").items()}
    engine.update({f"VM x CPython {w}": r for w, r in ratios_by_prefix(table, "vm", "cpython").items()})
    if engine:
        charts.append(("engine-ratios", "Engine ratios (time, lower is faster)",
                       _bars(plt, directory, "engine-ratios", engine, "time ratio (log)")))
    claims = {c.title: c.measured for c in speed_claims(table) if c.measured}
    if claims:
        charts.append(("claim-ratios", "Claim ratios (speedup factor)",
                       _bars(plt, directory, "claim-ratios", claims, "measured speedup (log)")))
    series = peers.chart_series(peer_suite) if peer_suite is not None else {}
    if series:
        charts.append(("peer-ratios", "Mathics3 time / Lyra time (higher: Lyra faster)",
                       _bars(plt, directory, "peer-ratios", series, "Mathics3 / Lyra time (log)")))
    charts.append(("history", "History across runs", _history(plt, history_runs, directory)))
    plt.close("all")
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Lyra benchmarks</title>",
             "</head><body><h1>Lyra benchmark report</h1>"]
    for key, title, file in charts:
        parts.append(f"<h2>{html.escape(title)}</h2><img data-chart='{key}' src='{file}' "
                     f"alt='{html.escape(title)}'>")
    parts.append("<h2>Summary</h2><pre>" + html.escape(summary_md) + "</pre></body></html>")
    index = os.path.join(directory, "index.html")
    with open(index, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    return index
