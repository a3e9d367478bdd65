"""Linked calls (CALL_LINKED): compiled code calling a user function directly
with machine-integer arguments. Each scenario runs in a tree session and in
vm sessions and must agree; the follow-up tests check that the scenarios do
exercise the links."""

import pytest

from lyra_core import Session
from lyra_core.engine.vm.linking import Link
from scenarios import assert_engines_agree, run_lines

FIB = "fib[0] = 0; fib[1] = 1; fib[n_] := fib[n - 1] + fib[n - 2]"

SCENARIOS = {
    "fib": [FIB, "fib[15]", "fib[1]", "fib[0] + fib[2]"],
    "fib_memo_added": [FIB, "fib[12]", "fib[10] = 1000", "fib[12]", "fib[10] =.", "fib[12]"],
    "fib_redefined": [
        FIB,
        "fib[10]",
        "fib[n_] := fib[n - 1] - fib[n - 2]",
        "fib[10]",
        "fib[n_Integer] := n^2",
        "fib[10]",
    ],
    "memo_becomes_symbolic": [FIB, "fib[8]", "fib[1] = a", "fib[8]", "fib[0] = b", "fib[3]"],
    "attribute_set_after_use": [FIB, "fib[9]", "SetAttributes[fib, Listable]", "fib[{5, 9}]", "fib[9]"],
    "memoising": ["m[0] = 1; m[n_] := m[n] = n m[n - 1]", "m[20]", "m[19]", "DownValues[m] // Length"],
    "two_arguments": [
        "c[n_, 0] = 1; c[n_, n_] = 1; c[n_, k_] := c[n - 1, k - 1] + c[n - 1, k]",
        "c[10, 4]",
        "binom[n_, 0] = 1; binom[0, k_] = 0; binom[n_, k_] := binom[n - 1, k - 1] + binom[n - 1, k]",
        "binom[8, 3]",
    ],
    "non_integer_arguments": [
        "h[0] = 0; h[n_] := If[n > 0, h[n - 1] + 1, -1]",
        "h[5]",
        "h[2.5]",
        "h[5/2]",
        "h[x]",
        "h[\"s\"]",
    ],
    "tail_recursion_iteration_limit": [
        "loop[0] = done; loop[n_] := loop[n - 1]",
        "loop[50]",
        "Block[{$IterationLimit = 30}, loop[100]]",
    ],
    "deep_recursion_limit": [
        "deep[0] = 0; deep[n_] := 1 + deep[n - 1]",
        "deep[200]",
        "Block[{$RecursionLimit = 40}, deep[100]]",
    ],
    "return_inside": [
        "r[0] = 0; r[n_] := (If[n > 3, Return[n]]; r[n - 1] + 1)",
        "r[2]",
        "r[7]",
        "r[4] + r[1]",
    ],
    "condition_rule_not_linked": [
        "q[0] = 0; q[n_] /; n > 5 := q[n - 1] + 1; q[n_] := q[n - 1] + 2",
        "q[8]",
    ],
    "function_cleared": [FIB, "fib[7]", "Clear[fib]", "fib[7]", FIB, "fib[7]"],
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_linked_calls_agree_with_tree(name):
    assert_engines_agree(SCENARIOS[name])


def _values(name):
    return [value for value, _ in run_lines("vm", SCENARIOS[name])]


def test_scenarios_compute_what_they_claim():
    assert _values("fib")[1:] == ["610", "1", "1"]
    assert _values("fib_memo_added")[1:] == ["144", "1000", "2034", "Null", "144"]
    assert _values("fib_redefined")[3] == "-1"
    assert _values("fib_redefined")[5] == "100"
    assert _values("memo_becomes_symbolic")[3:] == ["21*a", "b", "2*a + b"]
    assert _values("attribute_set_after_use")[3] == "{5, 34}"
    assert _values("memoising")[1:] == ["2432902008176640000", "121645100408832000", "22"]
    assert _values("two_arguments")[1] == "210"
    assert _values("two_arguments")[3] == "35"  # binom[0, k_] sorts first: binom[0, 0] is 0
    assert _values("non_integer_arguments")[1:5] == ["5", "2", "2", "If[x > 0, h[x - 1] + 1, -1]"]
    assert _values("return_inside")[1:] == ["2", "7", "5"]
    assert _values("condition_rule_not_linked")[1] == "13"
    assert _values("function_cleared")[1:] == ["13", "Null", "fib[7]", "Null", "13"]


def test_limits_stop_linked_calls_with_the_tree_walkers_messages():
    out = run_lines("vm", SCENARIOS["tail_recursion_iteration_limit"])
    assert out[1:] == [("done", []), ("Hold[loop[70 - 1]]", ["$IterationLimit::itlim"])]
    out = run_lines("vm", SCENARIOS["deep_recursion_limit"])
    assert out[1:] == [("200", []), ("18 + Hold[1 + deep[82 - 1]]", ["$RecursionLimit::reclim"])]


def test_fib_call_sites_are_linked_and_hit_the_memo():
    s = Session(engine="vm")
    s.evaluate(FIB)
    assert s.format(s.evaluate("fib[20]")) == "6765"
    text = s.disassemble("fib[20]", recursive=True)
    assert text.count("CALL_LINKED  fib, 1") == 3  # the input's call and the two in the rule
    # The linked path does the same rule applications as the tree-walker.
    t = Session(engine="tree")
    t.evaluate(FIB)
    t.ev.stats["rule_applications"] = s.ev.stats["rule_applications"] = 0
    s.evaluate("fib[15]")
    t.evaluate("fib[15]")
    assert s.ev.stats["rule_applications"] == t.ev.stats["rule_applications"] > 1000


def test_dynamic_dispatch_has_no_links():
    s = Session(engine="vm", static_dispatch=False)
    s.evaluate(FIB)
    assert s.format(s.evaluate("fib[15]")) == "610"
    assert "CALL_LINKED" not in s.disassemble("fib[15]", recursive=True)


def test_link_follows_definitions_of_its_head():
    s = Session(engine="vm")
    s.evaluate(FIB)
    fib = s.evaluate("Hold[fib]").args[0]
    link = Link(fib, 1)
    link.refresh()
    assert link.lit == {0: 0, 1: 1}
    assert link.fn is not None
    s.evaluate("fib[2] = 1")
    link.refresh()
    assert link.lit == {0: 0, 1: 1, 2: 1}
    s.evaluate("SetAttributes[fib, Orderless]")
    link.refresh()
    assert link.lit == {} and link.fn is None
    assert Link(fib, 2).lit == {}


def test_sessions_do_not_share_links():
    a = Session(engine="vm")
    b = Session(engine="vm")
    a.evaluate(FIB)
    b.evaluate("fib[0] = 10; fib[1] = 20; fib[n_] := fib[n - 1] + fib[n - 2]")
    assert a.format(a.evaluate("fib[10]")) == "55"
    assert b.format(b.evaluate("fib[10]")) == "1440"  # 10 F(9) + 20 F(10)
    assert a.format(a.evaluate("fib[10]")) == "55"
