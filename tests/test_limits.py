"""Resource limits on both engines: $RecursionLimit, $IterationLimit,
TimeConstrained, MemoryConstrained, deep input, huge lists and integers,
printing huge results, and interrupts (Session.interrupt() and SIGINT)
arriving within a second whatever is running.

Run this file directly (`python tests/test_limits.py`) to print the measured
interrupt latencies.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from lyra_core import Session
from lyra_core.syntax import LyraSyntaxError

ENGINES = ("tree", "vm")

# Long-running computations of different kinds: the evaluator's own loop, a
# builtin's loop, a long Do, a big allocation, deep user recursion.
RUNAWAYS = {
    "While[True]": "While[True]",
    "long Do": "Do[x = i, {i, 10^9}]",
    "Range[10^7] repeatedly": "Do[Range[10^7], {10^6}]",
    "Range of reals": "Do[Range[0., 10^7], {10^6}]",
    "Range of fractions": "Do[Range[0, 10^6, 1/7], {10^6}]",
    "builtin loop": "Nest[Sqrt[# + 1] &, 1, 10^9]",
    "Table of atoms": "Table[0, 10^10]",
    "Select over Range": "Do[Select[Range[10^6], EvenQ], {10^6}]",
    "string work": "Do[StringJoin[ToString /@ Range[10^4]], {10^6}]",
    "pattern rewriting": "f[n_] := f[n + 1] /; n > -1; $RecursionLimit = Infinity; $IterationLimit = Infinity; f[0]",
}


@pytest.fixture(params=ENGINES)
def session(request):
    s = Session(engine=request.param, stdout=lambda text: None)
    yield s
    s.close()


def interrupt_latency(session, source: str, after: float = 0.3):
    """(value, seconds from Session.interrupt() to evaluate returning)."""
    fired = []

    def fire():
        fired.append(time.perf_counter())
        session.interrupt()

    timer = threading.Timer(after, fire)
    timer.start()
    try:
        value = session.evaluate(source)
    finally:
        timer.cancel()
    done = time.perf_counter()
    return value, (done - fired[0]) if fired else 0.0


# ---------------------------------------------------------------- recursion and iteration
def test_infinite_recursion_hits_the_recursion_limit(session):
    value = session.evaluate("f[x_] := 1 + f[x]; f[1]")
    assert "$RecursionLimit::reclim" in session.messages
    assert "Hold[" in session.format(value)
    # The session is fine afterwards.
    assert session.format(session.evaluate("1 + 1")) == "2"


def test_runaway_rewriting_hits_the_iteration_limit(session):
    value = session.evaluate("$IterationLimit = 200; g[x_] := g[x + 1]; g[1]")
    assert session.messages == ["$IterationLimit::itlim"]
    assert session.format(value).startswith("Hold[g[")


def test_deep_user_recursion_never_escapes_as_python_error(session):
    session.evaluate("$RecursionLimit = 20000; h[0] = 0; h[n_] := 1 + h[n - 1]")
    assert session.format(session.evaluate("h[5000]")) == "5000"
    session.evaluate("$RecursionLimit = 1024")
    session.evaluate("h[5000]")
    assert "$RecursionLimit::reclim" in session.messages


# ---------------------------------------------------------------- TimeConstrained, MemoryConstrained
def test_time_constrained_stops_work(session):
    start = time.perf_counter()
    assert session.format(session.evaluate("TimeConstrained[While[True], 0.3]")) == "$Aborted"
    assert session.format(session.evaluate('TimeConstrained[Table[0, 10^10], 0.3, "late"]')) == '"late"'
    assert time.perf_counter() - start < 5
    assert session.format(session.evaluate("TimeConstrained[1 + 1, 5]")) == "2"


def test_memory_constrained_stops_work(session):
    assert session.format(session.evaluate("MemoryConstrained[Range[10^6], 10^4]")) == "$Aborted"
    assert session.format(session.evaluate('MemoryConstrained[Table[i, {i, 10^9}], 10^7, "big"]')) == '"big"'
    assert session.format(session.evaluate("MemoryConstrained[Range[10^9], 10^8]")) == "$Aborted"
    assert session.format(session.evaluate("MemoryConstrained[Total[Range[1000]], 10^8]")) == "500500"
    assert session.format(session.evaluate("MemoryConstrained[x + 1, Infinity]")) == "1 + x"
    # The failure value is evaluated only when it is used.
    assert session.format(session.evaluate("n = 0; MemoryConstrained[2, 10^6, n = 1]; n")) == "0"


def test_memory_constrained_rejects_a_bad_limit(session):
    value = session.evaluate("MemoryConstrained[1, -5]")
    assert session.messages == ["MemoryConstrained::ipnfm"]
    assert session.format(value) == "MemoryConstrained[1, -5]"


def test_memory_constrained_restores_the_address_limit():
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    s = Session()
    s.evaluate("MemoryConstrained[Range[10^9], 10^8]")
    s.evaluate("MemoryConstrained[MemoryConstrained[Range[10], 10^9], 10^8]")
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_memory_builtins(session):
    assert session.format(session.evaluate("MemoryInUse[] > 10^6")) == "True"
    assert session.format(session.evaluate("MaxMemoryUsed[] >= MemoryInUse[] > 0")) == "True"


# ---------------------------------------------------------------- huge inputs and values
def test_deep_input_nesting_is_a_quick_syntax_error(session):
    start = time.perf_counter()
    for source in ("(" * 100_000 + "1" + ")" * 100_000, "f[" * 100_000 + "]" * 100_000):
        with pytest.raises(LyraSyntaxError) as info:
            session.evaluate(source)
        assert info.value.line == 1
    assert time.perf_counter() - start < 5
    assert session.format(session.evaluate("1 + 1")) == "2"


def test_nesting_within_the_limit_evaluates(session):
    depth = 2000
    assert session.format(session.evaluate("(" * depth + "1" + ")" * depth)) == "1"
    nested = session.evaluate("{" * depth + "}" * depth)
    assert session.format(session.evaluate("Depth[%]")) == str(depth + 1)
    assert nested is not None


def test_huge_list(session):
    start = time.perf_counter()
    assert session.format(session.evaluate("Length[Range[10^7]]")) == "10000000"
    assert time.perf_counter() - start < 10


def test_giant_integer_is_refused_with_a_message(session):
    start = time.perf_counter()
    value = session.evaluate("2^(10^9)")
    assert "General::ovfl" in session.messages
    assert session.format(value) == "2^1000000000"
    session.evaluate("3^(10^9) + 1")
    assert "General::ovfl" in session.messages
    assert time.perf_counter() - start < 2


def test_printing_a_big_integer_is_fast(session):
    value = session.evaluate("3^(10^6)")
    start = time.perf_counter()
    text = session.format(value)
    assert time.perf_counter() - start < 3
    # (str() itself would take ten seconds here: check the ends.)
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 30
        leading = str(decimal.Decimal(3) ** 10**6).replace(".", "")[:20]
    assert len(text) == 477122
    assert text[:20] == leading
    assert text[-20:] == str(pow(3, 10**6, 10**20)).rjust(20, "0")


def test_printing_a_million_elements_is_shortened_in_the_shell(session):
    from lyra_core.forms import short

    value = session.evaluate("Range[10^6]")
    start = time.perf_counter()
    text = short(value, 4000)
    assert len(text) <= 4000 and "<<" in text
    assert time.perf_counter() - start < 1
    assert len(session.format(value)) > 6 * 10**6  # the full text still works


def test_shell_shortens_a_million_element_result():
    done = subprocess.run(
        [sys.executable, "-m", "lyra_shell", "--no-color", "-c", "Range[10^6]"],
        capture_output=True, text=True, timeout=60,
    )
    # Batch mode prints whole results (they may be piped on); it must not choke.
    assert done.returncode == 0
    assert done.stdout.startswith("{1, 2, 3,") and done.stdout.endswith("1000000}\n")


# ---------------------------------------------------------------- interrupts
@pytest.mark.parametrize("name", sorted(RUNAWAYS))
def test_interrupt_arrives_within_a_second(session, name):
    value, latency = interrupt_latency(session, RUNAWAYS[name])
    assert session.format(value) == "$Aborted", name
    assert latency < 1.0, (name, latency)
    # The session survives and the limits are back where they were.
    session.evaluate("$RecursionLimit = 1024; $IterationLimit = 4096")
    assert session.format(session.evaluate("1 + 1")) == "2"


_SIGINT_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from lyra_core import Session
    s = Session(engine=sys.argv[1])
    print("ready", flush=True)
    value = s.evaluate(sys.argv[2])
    print("done", s.format(value), time.perf_counter(), flush=True)
    print("after", s.format(s.evaluate("1 + 1")), flush=True)
    """
)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("source", ["While[True]", "Do[Range[10^5], {10^6}]", "Table[0, 10^10]"])
def test_ctrl_c_aborts_within_a_second(engine, source):
    child = subprocess.Popen(
        [sys.executable, "-c", _SIGINT_SCRIPT, engine, source],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        sent = time.perf_counter()
        child.send_signal(signal.SIGINT)
        line = child.stdout.readline().split()
        assert line[:2] == ["done", "$Aborted"], (line, child.stderr.read())
        assert float(line[2]) - sent < 1.0
        assert child.stdout.readline().split() == ["after", "2"]
    finally:
        child.kill()
        child.wait()


if __name__ == "__main__":
    for engine in ENGINES:
        s = Session(engine=engine, stdout=lambda text: None)
        for name, source in RUNAWAYS.items():
            value, latency = interrupt_latency(s, source, after=0.5)
            s.evaluate("$RecursionLimit = 1024; $IterationLimit = 4096")
            print(f"{engine:5} {name:24} {s.format(value):10} {latency * 1000:8.1f} ms")
