"""Evaluation fuzzing: random calls over the whole builtin set (random heads,
argument counts and types) on both engines.

Every call must give an expression (possibly with messages) or $Aborted --
never a Python exception and never General::interr (the session's report of a
Python error inside Lyra) -- and the tree-walker and the VM must agree.

The CI run is small and reproducible (a fixed seed per test); the long
campaign runs the same generator: `python tests/test_fuzz_eval.py SECONDS`.
Inputs that once found bugs live in tests/fuzz_regressions/eval.txt.
"""

from __future__ import annotations

import os
import random
import sys
import threading
from pathlib import Path

import pytest

from lyra_core import Session
from lyra_core.library import load_library
from lyra_core.library.registry import BUILTINS

REGRESSIONS = Path(__file__).parent / "fuzz_regressions" / "eval.txt"

# Heads a random call must not use: they end or pause the session, wait for
# input, change global settings that would poison later cases, or sleep.
_EXCLUDED = {
    "Exit", "Quit", "Pause", "Input", "InputString", "Abort", "Interrupt",
    "Unprotect", "Protect", "SetAttributes", "ClearAttributes", "SetOptions",
    "Remove", "Off", "On", "SeedRandom", "Dialog", "Return", "Throw", "Goto",
    "Break", "Continue", "Label", "Print", "Echo", "EchoFunction", "Share",
    "RunProcess", "RunCommand", "SetDirectory", "ResetDirectory", "SetEnvironment",
    "Get", "Needs", "Install", "LinkWrite", "Sleep", "TimeConstrained", "MemoryConstrained",
}

# Heads whose values legitimately differ between two runs (time, randomness,
# memory, process state): still fuzzed for crashes, never compared.
_UNSTABLE = {
    "AbsoluteTime", "AbsoluteTiming", "Timing", "SessionTime", "TimeUsed", "Date", "DateList",
    "DateString", "Now", "Today", "RandomInteger", "RandomReal", "RandomChoice", "RandomSample",
    "RandomComplex", "RandomPrime", "RandomVariate", "RandomPermutation", "RandomWord", "Unique",
    "MemoryInUse", "MaxMemoryUsed", "ByteCount", "CurrentPID", "Environment", "GetEnvironment",
    "UnixTime", "FileNames", "Directory", "Module", "DateObject", "CreateUUID", "Names",
    "Out", "In", "MessageList", "$MessageList",
    # These read the process-wide symbol table, which the two sessions share.
    "Information", "Context", "Definition", "FullDefinition",
}

_LEAVES = (
    "0", "1", "-1", "2", "3", "7", "1/2", "-3/4", "2.5", "-0.5", "0.", "I", "1 + I", "Pi", "E",
    "Infinity", "-Infinity", "ComplexInfinity", "Indeterminate", "x", "y", "f", "a_", "_", "__",
    "\"\"", "\"abc\"", "\"a b\"", "{}", "{1, 2, 3}", "{x, y}", "{{1, 2}, {3, 4}}", "{1, {2, {3}}}",
    "True", "False", "Null", "None", "All", "x -> 1", "x :> y", "{x -> 1, y -> 2}", "<||>",
    "<|\"a\" -> 1, \"b\" -> 2|>", "#", "#1 + 1 &", "Function[z, z^2]", "Sequence[]", "Sequence[1, 2]",
    "Hold[1 + 1]", "Unevaluated[1 + 1]", "x + y", "x^2", "2 x", "f[x]", "1.5*^300", "10^30",
    "Missing[]", "$Failed", "Automatic", "Integer", "String", "List", "Plus", "\"*\"", "1;;2",
)


def fuzz_heads() -> list[str]:
    """Every registered builtin a random call may use, sorted (reproducible)."""
    load_library()
    return sorted(name for name in BUILTINS if name not in _EXCLUDED)


def random_call(rng: random.Random, heads: list[str], depth: int = 3) -> str:
    """Source text of a random expression tree: builtin calls over leaves."""
    if depth <= 0 or rng.random() < 0.25:
        return rng.choice(_LEAVES)
    head = rng.choice(heads)
    entry = BUILTINS[head]
    if rng.random() < 0.75:
        # Mostly a count the builtin accepts, so the call reaches its code.
        top = entry.max_args if entry.max_args is not None else entry.min_args + 2
        count = rng.randint(entry.min_args, min(top, entry.min_args + 3))
    else:
        count = rng.choice((0, 1, 2, 3, 4))
    args = ", ".join(random_call(rng, heads, depth - 1) for _ in range(count))
    return f"{head}[{args}]"


def is_unstable(source: str) -> bool:
    return any(name + "[" in source for name in _UNSTABLE)


def _discard(text: str) -> None:
    pass


class Runner:
    """One sandboxed session per engine, each call under a time limit."""

    def __init__(self, directory: str, seconds: float = 2.0):
        self.seconds = seconds
        self.sessions = {
            engine: Session(engine=engine, sandbox=True, sandbox_dir=directory, stdout=_discard)
            for engine in ("tree", "vm")
        }
        for session in self.sessions.values():
            session.evaluate("$RecursionLimit = 256; $IterationLimit = 1000; $HistoryLength = 2")

    def outcome(self, engine: str, source: str):
        """(InputForm of the result, message names): what a user would see."""
        session = self.sessions[engine]
        timer = threading.Timer(self.seconds, session.interrupt)
        timer.daemon = True
        timer.start()
        try:
            value = session.evaluate(source)
        finally:
            timer.cancel()
        text = session.format(value)
        session.format(value, "FullForm")
        return text, tuple(session.messages), session.last_traceback

    def check(self, source: str) -> str | None:
        """None when source behaves; otherwise what went wrong."""
        results = {}
        for engine in ("tree", "vm"):
            try:
                results[engine] = self.outcome(engine, source)
            except Exception as error:  # the bug this fuzzer looks for
                return f"{engine}: {type(error).__name__}: {error}"
            text, names, trace = results[engine]
            if "General::interr" in names:
                self.sessions[engine].last_traceback = None
                return f"{engine}: internal error\n{trace}"
        tree, vm = results["tree"], results["vm"]
        if "$Aborted" in (tree[0], vm[0]) or is_unstable(source):
            return None
        if tree[:2] != vm[:2]:
            return f"engines differ: tree {tree[:2]!r} vm {vm[:2]!r}"
        return None

    def close(self):
        for session in self.sessions.values():
            session.close()


@pytest.fixture
def runner(tmp_path):
    r = Runner(str(tmp_path), seconds=2.0)
    yield r
    r.close()


def _regressions() -> list[str]:
    if not REGRESSIONS.exists():
        return []
    return [
        line for line in REGRESSIONS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("//")
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_builtin_calls_behave_on_both_engines(runner, seed):
    rng = random.Random(seed)
    heads = fuzz_heads()
    failures = []
    for _ in range(120):
        source = random_call(rng, heads)
        problem = runner.check(source)
        if problem is not None:
            failures.append((source, problem))
    assert failures == []


def test_every_builtin_survives_wrong_argument_counts_and_types(runner):
    """Each builtin with 0..3 arguments of mismatched types: no crash."""
    odd = ("x", "\"s\"", "{1, x}", "-2.5", "1/3", "<|1 -> 2|>")
    failures = []
    for i, head in enumerate(fuzz_heads()):
        for count in range(4):
            args = ", ".join(odd[(i + k) % len(odd)] for k in range(count))
            source = f"{head}[{args}]"
            problem = runner.check(source)
            if problem is not None:
                failures.append((source, problem))
    assert failures == []


@pytest.mark.parametrize("source", _regressions())
def test_inputs_that_once_failed(runner, source):
    assert runner.check(source) is None


# ---------------------------------------------------------------- campaign
def campaign(seconds: float, seed: int, log) -> int:
    """Random calls for `seconds`; prints each failing input. Returns the count run."""
    import tempfile
    import time

    heads = fuzz_heads()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as directory:
        runner = Runner(directory, seconds=2.0)
        deadline = time.monotonic() + seconds
        count = 0
        while time.monotonic() < deadline:
            source = random_call(rng, heads, depth=rng.choice((2, 3, 4)))
            problem = runner.check(source)
            count += 1
            if problem is not None:
                print(f"FAIL {source}\n  {problem}", file=log, flush=True)
        runner.close()
    return count


if __name__ == "__main__":
    import resource

    # Keep a runaway allocation a MemoryError instead of the machine's OOM killer.
    limit = 6 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    total = campaign(float(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else os.getpid(), sys.stdout)
    print(f"ran {total} cases", flush=True)


# ---------------------------------------------------------------- found by the campaign
def test_group_by_with_an_empty_function_list(runner):
    assert runner.check("GroupBy[{1, 2, 3}, {}, E]") is None


def test_characteristic_polynomial_with_a_boolean_variable(runner):
    assert runner.check("CharacteristicPolynomial[{{1, 2}, {3, 4}}, False]") is None
