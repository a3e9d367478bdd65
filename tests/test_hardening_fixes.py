"""Issue 9 leftovers: the values behind the fuzz findings (GroupBy with no
key functions, arithmetic on True/False through SymPy), Range built in
interruptible chunks, IntegerLength without huge powers, and caches that
let go of released Module temporaries."""

from __future__ import annotations

import gc
import math
import sys
import time

import pytest

from lyra_core import Session
from lyra_core.expr import symbol as symtab
from lyra_core.library.list_support import CHUNK
from test_limits import interrupt_latency


# ---------------------------------------------------------------- GroupBy with {}
def test_group_by_with_no_key_functions_keeps_the_whole_collection(lyra):
    # Zero levels of grouping: the collection is the one group, as
    # GatherBy[list, {}] is list; the reducer applies to it.
    assert lyra("GroupBy[{1, 2, 3}, {}]") == "{1, 2, 3}"
    assert lyra("GroupBy[{1, 2, 3}, {}, Total]") == "6"
    assert lyra("GroupBy[{1, 2, 3}, {}, E]") == "E[{1, 2, 3}]"
    assert lyra("GroupBy[<|a -> 1, b -> 2|>, {}]") == "<|a -> 1, b -> 2|>"
    assert lyra.messages == []


def test_group_by_levels_still_nest(lyra):
    assert lyra("GroupBy[{1, 2, 3, 4}, {OddQ, # > 2 &}, Total]") == (
        "<|True -> <|False -> 1, True -> 3|>, False -> <|False -> 2, True -> 4|>|>"
    )
    assert lyra("GroupBy[{1, 2, 3, 4}, OddQ -> (#^2 &)]") == "<|True -> {1, 9}, False -> {4, 16}|>"


# ---------------------------------------------------------------- booleans in SymPy arithmetic
def test_characteristic_polynomial_in_a_boolean_is_symbolic(lyra):
    # WL does arithmetic on any expression: False is just a symbol here.
    assert lyra("CharacteristicPolynomial[{{1, 2}, {3, 4}}, False]") == "-2 - 5*False + False^2"
    assert lyra("CharacteristicPolynomial[{{1, 2}, {3, 4}}, True]") == "-2 - 5*True + True^2"
    assert lyra("CharacteristicPolynomial[{{1, 2}, {3, 4}}, x]") == "-2 - 5*x + x^2"
    assert lyra.messages == []


def test_matrices_with_boolean_and_relation_entries(lyra):
    assert lyra("Det[{{1, True}, {a == b, 4}}]") == "4 - True*(a == b)"
    assert lyra("Inverse[{{1, True}, {0, 1}}]") == "{{1, -True}, {0, 1}}"
    assert lyra.messages == []


# ---------------------------------------------------------------- Range in chunks
@pytest.mark.parametrize("count", [CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
def test_range_across_chunk_boundaries(lyra, count):
    assert lyra(f"r = Range[{count}]; {{Length[r], First[r], Last[r], Total[r]}}") == (
        f"{{{count}, 1, {count}, {count * (count + 1) // 2}}}"
    )
    assert lyra(f"Range[{count}] === Table[i, {{i, {count}}}]") == "True"
    # Steps, negative steps, reals and fractions take the chunked path too.
    n = 2 * CHUNK + 3
    assert lyra(f"r = Range[5, 5 + 3 ({n} - 1), 3]; {{Length[r], r[[-1]], r[[{CHUNK + 1}]]}}") == (
        f"{{{n}, {5 + 3 * (n - 1)}, {5 + 3 * CHUNK}}}"
    )
    assert lyra(f"r = Range[{n}, 1, -1]; {{Length[r], r[[1]], r[[-1]]}}") == f"{{{n}, {n}, 1}}"
    assert lyra(f"r = Range[0., {n - 1}]; {{Length[r], r[[-1]]}}") == f"{{{n}, {n - 1}.}}"
    # Element k of Range[0, m, 1/2] is (k - 1)/2: an integer or a half.
    assert lyra(f"r = Range[0, {n - 1}/2, 1/2]; {{Length[r], r[[-1]], r[[{CHUNK + 2}]]}}") == (
        f"{{{n}, {(n - 1) // 2}, {CHUNK + 1}/2}}"
    )


def test_range_results_are_settled_lists(lyra):
    # Marked as evaluated, as settled_list would: a rule for an element's
    # value cannot apply to numbers.
    assert lyra("Range[0, 1, 1/4]") == "{0, 1/4, 1/2, 3/4, 1}"
    assert lyra("Range[x, x + 2]") == "{x, 1 + x, 2 + x}"
    assert lyra("Range[3] /. 2 -> b") == "{1, b, 3}"


def _latency(session, source, after):
    value, seconds = interrupt_latency(session, source, after)
    return session.format(value), seconds


@pytest.mark.parametrize("engine", ["tree", "vm"])
def test_one_huge_range_is_interruptible(engine):
    # Range[4*10^7] alone takes seconds; the interrupt lands while it builds.
    session = Session(engine=engine, stdout=lambda text: None)
    value, latency = _latency(session, "Length[Range[4*10^7]]", after=0.1)
    assert value == "$Aborted"
    assert latency < 1.0, latency
    assert session.format(session.evaluate("Length[Range[10]]")) == "10"
    session.close()


# ---------------------------------------------------------------- IntegerLength
def test_integer_length_of_a_big_power_matches_its_decimal_text(lyra):
    n = 3**(10**5)
    assert lyra("IntegerLength[3^(10^5)]") == str(len(str(n))) == "47713"
    assert lyra("IntegerLength[-3^(10^5)]") == "47713"
    assert lyra("IntegerLength[3^(10^5), 7]") == str(math.floor(10**5 * math.log(3, 7)) + 1)


def test_integer_length_next_to_powers_of_the_base(lyra):
    # Where the floating-point estimate cannot decide, the exact comparison does.
    for base, k in ((10, 1), (10, 22), (10, 1000), (7, 300), (12, 57), (16, 999), (100, 40)):
        for delta in (-1, 0, 1):
            n = base**k + delta
            digits = 0
            while base**digits <= n:
                digits += 1
            assert lyra(f"IntegerLength[{base}^{k} + ({delta}), {base}]") == str(digits), (base, k, delta)
    assert lyra("IntegerLength[0]") == "0"
    assert lyra("IntegerLength[2^100, 2]") == "101"
    assert lyra("IntegerLength[12345]") == "5"


def test_integer_length_of_a_huge_power_is_immediate():
    session = Session()
    session.evaluate("n = 3^(6*10^6);")  # about 1 s: just under Power's size guard
    start = time.perf_counter()
    value = session.format(session.evaluate("IntegerLength[n]"))
    elapsed = time.perf_counter() - start
    assert value == str(math.floor(6 * 10**6 * math.log10(3)) + 1) == "2862728"
    assert elapsed < 0.2, elapsed
    # 3^(10^7) has 16 million bits: refused with a message, not minutes of work
    assert session.format(session.evaluate("3^(10^7)")) == "3^10000000"
    assert session.messages == ["General::ovfl"]
    session.close()


def test_integer_length_next_to_a_huge_power_is_interruptible():
    # n = 10^(3*10^6) makes the estimate undecided: the exact check computes
    # 5^k in steps, looking for an interrupt between them.
    session = Session(stdout=lambda text: None)
    session.evaluate("n = 10^(3*10^6);")
    assert session.format(session.evaluate("{IntegerLength[n], IntegerLength[n - 1]}")) == "{3000001, 3000000}"
    value, latency = _latency(session, "Do[IntegerLength[n], {10^6}]", after=0.3)
    assert value == "$Aborted"
    assert latency < 1.0, latency
    session.close()


# ---------------------------------------------------------------- caches and temporaries
def _dead_symbols() -> list:
    """Symbols no longer in the table that something still keeps alive."""
    gc.collect()
    return [
        o for o in gc.get_objects()
        if type(o) is symtab.Symbol and "$" in o.name and symtab._table.get(o.full_name) is not o
    ]


@pytest.mark.parametrize("engine", ["tree", "vm"])
def test_released_module_locals_are_not_kept_by_pattern_caches(engine):
    session = Session(engine=engine)
    before = len(_dead_symbols())
    for k in range(300):
        session.evaluate(f"Module[{{s}}, s[1] = {k}; s[1]]")
        session.evaluate(f"Module[{{q}}, q[x_Integer] := x + {k}; q[2] + q[3]]")
        session.evaluate(f"Module[{{r}}, r[1] = 1; r[2] = 2; r[3] = 3; r[4] = 4; r[n_] := n; r[9]]")
    assert session.format(session.evaluate("Module[{s}, s[1] = 7; s[1]]")) == "7"
    assert len(_dead_symbols()) - before < 10
    session.close()


def test_a_removed_symbol_is_not_kept_by_the_order_caches():
    session = Session()
    session.evaluate("$HistoryLength = 0")  # Out[n] would hold it too
    session.evaluate("Sort[{zz$gone, a, b}];")
    gone = symtab.existing("Global`zz$gone")
    assert gone is not None
    session.evaluate("Remove[zz$gone]")
    refs = sys.getrefcount(gone)
    assert refs == 2, refs  # `gone` and getrefcount's argument
    session.close()
