"""Running the suite scripts in perf/ as pyperf programs."""

from __future__ import annotations

import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITES = ("performance", "speedup", "regression")

# pyperf options per mode. "fast" is lyra-bench's own budget (the whole run
# in minutes on 2 cores): pyperf's --fast would still spawn 10 processes per
# benchmark. "smoke" runs every benchmark once, in one process, tiny sizes.
MODE_OPTIONS = {
    "smoke": ["--worker", "-l", "1", "-n", "1", "-w", "0", "--lyra-size", "smoke"],
    "fast": ["-p", "2", "-n", "3", "-w", "1", "--min-time", "0.02"],
    "default": [],
    "rigorous": ["--rigorous"],
}


def script_path(suite: str) -> str:
    return os.path.join(ROOT, "perf", f"bench_{suite}.py")


def timestamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def output_path(directory: str, suite: str, stamp: str) -> str:
    """benchmark_results/<suite>_<timestamp>.json, never an existing file."""
    path = os.path.join(directory, f"{suite}_{stamp}.json")
    n = 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(directory, f"{suite}_{stamp}-{n}.json")
    return path


def run_suite(suite: str, mode: str, output: str, extra=()) -> int:
    """Run one suite into `output`; pyperf's exit status."""
    os.makedirs(os.path.dirname(output) or ".", exist_ok=True)
    command = [sys.executable, script_path(suite), *MODE_OPTIONS[mode], *extra, "-o", output]
    if mode != "smoke":
        command.append("-q")
    return subprocess.run(command, cwd=ROOT).returncode
