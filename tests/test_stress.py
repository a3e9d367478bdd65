"""Stress: many mixed evaluations in one session (definitions, replacements,
string work, Module temporaries) must not grow memory without bound:
Module's temporaries are removed and $HistoryLength bounds the Out history.

CI runs 2*10^4 evaluations per engine; `python tests/test_stress.py [n]` runs
the full 10^5 and prints the memory at start and end.
"""

from __future__ import annotations

import gc
import sys
import time

import pytest

from lyra_core import Session
from lyra_core.expr import symbol as symtab
from lyra_core.library.limits import resident_bytes

# One round of work; {k} is the round number. Each kind of statement the
# issue names: definitions, replacements, string work, Module temporaries,
# plus a result big enough that keeping every Out would show.
ROUND = (
    "f[{k}] = {k}^2",
    "g[x_] := x + {k}",
    "Module[{{t = {k}, u}}, u = t + 1; {{t, u}}]",
    "Module[{{s}}, s[1] = {k}; s[1]]",
    "{{a, b, c}} /. {{a -> {k}, b -> x^2}} //. x -> 2",
    'StringJoin[ToString /@ Range[20]] <> "{k}"',
    'StringReplace["hello {k} world", "o" -> "0"]',
    "Range[200] + {k}",
    "Clear[f]",
)


def run(session: Session, evaluations: int) -> tuple[int, int, int]:
    """Run `evaluations` statements; (bytes before, bytes after, symbols after)."""
    session.evaluate("$HistoryLength = 10")
    gc.collect()
    before = resident_bytes()
    k = 0
    done = 0
    while done < evaluations:
        for template in ROUND:
            session.evaluate(template.format(k=k))
            done += 1
        k += 1
    gc.collect()
    return before, resident_bytes(), len(symtab._table)


@pytest.mark.parametrize("engine", ["tree", "vm"])
def test_memory_stays_bounded_over_many_evaluations(engine):
    session = Session(engine=engine)
    run(session, 2000)  # warm up: caches, compiled code, first-use imports
    symbols_before = len(symtab._table)
    names_before = set(symtab._table)
    start = time.perf_counter()
    before, after, symbols_after = run(session, 20_000)
    assert time.perf_counter() - start < 20
    # Module temporaries (t$nnn, u$nnn, s$nnn) are gone once unused.
    assert symbols_after - symbols_before < 50
    assert not [name for name in set(symtab._table) - names_before if "$" in name]
    # The Out history keeps $HistoryLength entries.
    assert len(session.outputs) <= 10 and len(session.inputs) <= 10
    # Resident memory may wobble (allocator arenas) but not grow with n.
    assert after - before < 30 * 2**20, (before, after)
    session.close()


def test_history_length_bounds_out(tmp_path):
    session = Session()
    session.evaluate("$HistoryLength = 3")
    for i in range(20):
        session.evaluate(f"Range[{i}]")
    assert sorted(session.outputs) == [19, 20, 21]
    assert session.format(session.evaluate("%%")) == session.format(session.evaluate("Range[18]"))


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for engine in ("tree", "vm"):
        session = Session(engine=engine)
        start = time.perf_counter()
        before, after, symbols = run(session, total)
        print(
            f"{engine}: {total} evaluations in {time.perf_counter() - start:.1f} s; "
            f"resident {before / 2**20:.1f} MiB -> {after / 2**20:.1f} MiB; {symbols} symbols; "
            f"{len(session.outputs)} Out entries"
        )
        session.close()


@pytest.mark.parametrize("engine", ["tree", "vm"])
def test_module_local_functions_and_escaping_temporaries_are_released(engine):
    session = Session(engine=engine)
    session.evaluate("Do[Module[{t}, t + 1], {10}]; Do[Module[{q}, q[x_] := x^2; q[3]], {10}]")
    before = len(symtab._table)
    session.evaluate("Do[Module[{t}, t + 1], {500}]")
    session.evaluate("Do[Module[{q}, q[x_] := x^2; q[3]], {500}]")
    session.evaluate("kept = Module[{k}, k]")
    session.evaluate("1")
    assert len(symtab._table) - before <= 3  # kept, k and k$nnn
    assert session.format(session.evaluate("kept")).startswith("k$")
