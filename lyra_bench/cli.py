"""`lyra-bench`: run the suites, check regressions, write the reports.

    lyra-bench all|performance|speedup|regression [--fast|--rigorous|--smoke]
               [--baseline FILE] [--update-baseline] [--threshold 0.10]
               [--results DIR] [--write-performance]
    lyra-bench report FILE...        reports from existing result files
    lyra-bench peers [--smoke] [--peer-runs N] [--results DIR]
                                     Mathics3 beside Lyra, when installed:
                                     writes peers_<timestamp>.json and
                                     refreshes the report of the latest run

Exit status: 0, or 1 when a regression is found (or a suite fails).
"""

from __future__ import annotations

import argparse
import glob
import os
import shutil
import sys

from . import peers, reports, results, suites
from .regression import (DEFAULT_THRESHOLD, changed_programs, compare_suites, format_table,
                         ratio_rows)

BASELINES = os.path.join(suites.ROOT, "perf", "baselines")
PERFORMANCE_MD = os.path.join(suites.ROOT, "PERFORMANCE.md")
COMMITTED_RESULTS = os.path.join(suites.ROOT, "perf", "results")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lyra-bench", description="Lyra's pyperf benchmark runner")
    p.add_argument("command", choices=("all", *suites.SUITES, "report", "peers"))
    p.add_argument("files", nargs="*", help="result files (report)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--fast", action="store_true", help="few samples: minutes, not hours")
    mode.add_argument("--rigorous", action="store_true", help="pyperf --rigorous")
    mode.add_argument("--smoke", action="store_true", help="tiny sizes, one value each (CI)")
    p.add_argument("--baseline", help="compare with this pyperf file (default: perf/baselines/)")
    p.add_argument("--update-baseline", action="store_true", help="record this run as the baseline")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help="slowdown counted as a regression (default 0.10 = 10%%)")
    p.add_argument("--results", default=os.path.join(os.getcwd(), "benchmark_results"),
                   help="where run files and the report go")
    p.add_argument("--write-performance", action="store_true",
                   help="also write PERFORMANCE.md and copy the run to perf/results/ "
                        "(default for `all` outside --smoke)")
    p.add_argument("--peer-runs", type=int, default=peers.DEFAULT_RUNS,
                   help="peers: timed runs per engine and workload (the median is kept)")
    return p


def _mode(args) -> str:
    return "smoke" if args.smoke else "fast" if args.fast else "rigorous" if args.rigorous else "default"


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def check_regression(current_path: str, baseline_path: str, threshold: float) -> int:
    current, baseline = results.load(current_path), results.load(baseline_path)
    sizes = (baseline.get_metadata().get("lyra_size"), current.get_metadata().get("lyra_size"))
    if sizes[0] != sizes[1]:
        print(f"baseline sizes {sizes[0]!r} differ from this run's {sizes[1]!r}: not comparable")
        return 0
    rows = compare_suites(baseline, current, threshold)
    ratio = ratio_rows(baseline, current, threshold)
    print(format_table(rows, ratio))
    changed = changed_programs(baseline, current)
    if changed:
        print(f"\nnot compared, the program changed since the baseline (record a new one with "
              f"--update-baseline): {', '.join(changed)}")
    bad = [r.name for r in rows + ratio if r.regressed]
    if bad:
        print(f"\n{len(bad)} regression(s) over {threshold:.0%}: {', '.join(bad)}")
        return 1
    print(f"\nno regression over {threshold:.0%} against {baseline_path}")
    return 0


def latest_runs(directory: str) -> list[str]:
    """The newest result file of each suite found in `directory`."""
    found = []
    for name in suites.SUITES:
        runs = sorted(glob.glob(os.path.join(directory, f"{name}_*.json")))
        if runs:
            found.append(runs[-1])
    return found


def write_reports(paths: list[str], out_dir: str, performance: bool, load: str) -> None:
    """Summary, HTML report and (with `performance`) PERFORMANCE.md from
    result files. A peers file among them, or else the newest one in
    out_dir, adds the Mathics3 rows."""
    loaded = [results.load(p) for p in paths]
    peer_paths = [p for p, s in zip(paths, loaded) if peers.is_peers(s)]
    loaded = [s for s in loaded if not peers.is_peers(s)]
    peer_path = peer_paths[-1] if peer_paths else peers.latest_file(out_dir)
    peer_suite = results.load(peer_path) if peer_path else None
    table = results.merged_medians(loaded)
    summary = reports.summary(table, loaded, peer_suite)
    stamp = os.path.splitext(os.path.basename(paths[-1]))[0].split("_", 1)[-1]
    reports.write(os.path.join(out_dir, f"summary_{stamp}.md"), summary)
    history = []
    for name in suites.SUITES:
        history.extend(results.history(out_dir, name))
    try:
        from .html import write_report

        index = write_report(os.path.join(out_dir, "report"), loaded, table, history, summary,
                             peer_suite)
        print(f"HTML report: {index}")
    except ImportError:
        print("HTML report skipped: install matplotlib (pip install 'lyra[bench]')")
    if performance:
        os.makedirs(COMMITTED_RESULTS, exist_ok=True)
        kept = []
        for path in [p for p in paths if p not in peer_paths] + ([peer_path] if peer_path else []):
            target = os.path.join(COMMITTED_RESULTS, os.path.basename(path))
            if os.path.abspath(path) != os.path.abspath(target):
                shutil.copyfile(path, target)
            kept.append(os.path.relpath(target, suites.ROOT))
        reports.write(PERFORMANCE_MD, reports.performance_md(table, loaded, kept, load, peer_suite))
        print(f"wrote {PERFORMANCE_MD}")


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "peers":
        def refresh(peer_path: str) -> None:
            runs = latest_runs(args.results)
            if runs:
                write_reports(runs + [peer_path], args.results, args.write_performance,
                              load_average())

        return peers.main(args.results, _mode(args), args.peer_runs, refresh)
    if args.command == "report":
        if not args.files:
            print("lyra-bench report: give the result files", file=sys.stderr)
            return 2
        write_reports(args.files, args.results, args.write_performance, load_average())
        return 0
    mode = _mode(args)
    load = load_average()
    print(f"load average at start: {load}")
    names = suites.SUITES if args.command == "all" else (args.command,)
    stamp = suites.timestamp()
    paths, status = [], 0
    for name in names:
        path = suites.output_path(args.results, name, stamp)
        print(f"== {name} -> {path}", flush=True)
        code = suites.run_suite(name, mode, path)
        if code != 0:
            print(f"suite {name} failed with status {code}", file=sys.stderr)
            status = 1
            continue
        paths.append(path)
    if not paths:
        return 1
    performance = args.write_performance or (args.command == "all" and mode != "smoke")
    write_reports(paths, args.results, performance, load)
    for path in paths:
        suite_name = os.path.basename(path).split("_", 1)[0]
        baseline = args.baseline or os.path.join(BASELINES, f"{suite_name}.json")
        if args.update_baseline:
            os.makedirs(BASELINES, exist_ok=True)
            shutil.copyfile(path, os.path.join(BASELINES, f"{suite_name}.json"))
            print(f"baseline updated: {suite_name}")
        elif (suite_name == "regression" and mode != "smoke") or args.baseline:
            if os.path.exists(baseline):
                status = max(status, check_regression(path, baseline, args.threshold))
            else:
                print(f"no baseline {baseline}: run with --update-baseline to record one")
    return status


if __name__ == "__main__":
    sys.exit(main())
