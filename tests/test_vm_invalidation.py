"""Statically linked builtins stay correct when their definitions change:
each scenario runs in a tree session and a vm session and must agree."""

import pytest

from lyra_core import Session
from scenarios import assert_engines_agree, run_lines

SCENARIOS = {
    # the VM's other units: ev.apply's cached runner, loop bodies, pure functions
    "applier_after_new_rule": [
        "Select[Range[6], EvenQ]",
        "Unprotect[EvenQ]; EvenQ[4] = False; Protect[EvenQ];",
        "Select[Range[6], EvenQ]",
        "Unprotect[EvenQ]; Clear[EvenQ]; Protect[EvenQ];",
        "Select[Range[6], EvenQ]",
    ],
    "loop_body_after_upvalue": [
        "Table[Mod[i, 3], {i, 5}]",
        "Mod[q, 3] ^= 7",
        "Table[Mod[i, 3] + Mod[q, 3], {i, 5}]",
        "Unprotect[Mod]; Mod[4, 3] = 40; Protect[Mod]",
        "Table[Mod[i, 3], {i, 5}]",
    ],
    "function_after_redefinition": [
        "sq = #^2 + 1 &",
        "Map[sq, Range[4]]",
        "Unprotect[Power]; Power[2, 2] = -1; Protect[Power]",
        "Map[sq, Range[4]]",
        "Fold[#1 + #2^2 &, 0, Range[4]]",
    ],
    "module_local_protected": [
        "f[x_] := Module[{y = x}, Protect[y]; y += 1; y]",
        "f[1]",
        "f[2]",
    ],
    "upvalue": [
        "f[x_] := StringLength[x]",
        "f[\"ab\"]",
        "StringLength[q] ^= 100",
        "f[q]",
        "f[\"abc\"]",
    ],
    "new_downvalue": [
        "g[x_] := Times[x, 2]",
        "g[5]",
        "Unprotect[Times]; Times[2, 5] = 99; Protect[Times];",
        "g[5]",
        "g[6]",
    ],
    "unprotect_redefine": [
        "h[n_] := If[n < 1, 0, n + h[n - 1]]",
        "h[4]",
        "Unprotect[Less]; Less[2, 1] := False; Less[x_, 1] := True; Protect[Less]",
        "h[4]",
        "Unprotect[Less]; Clear[Less]; Protect[Less]",
        "h[4]",
    ],
    "attribute_change": [
        "k[x_] := m[x + 1]",
        "k[1]",
        "SetAttributes[m, HoldAll]",
        "k[1]",
        "m[y_] := {y}",
        "k[2]",
    ],
    "ownvalue_on_head": [
        "p[x_] := r[x]",
        "p[1]",
        "r = Hold",
        "p[2]",
    ],
    "listable_added": [
        "s[x_] := t[x, 1]",
        "s[{1, 2}]",
        "SetAttributes[t, Listable]",
        "s[{1, 2}]",
    ],
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_vm_agrees_after_redefinition(name):
    assert_engines_agree(SCENARIOS[name])


def test_upvalue_changes_result():
    # Guard against a scenario that never exercises the change.
    out = run_lines("vm", SCENARIOS["upvalue"])
    assert out[1][0] == "2"
    assert out[3][0] == "100"
    assert out[4][0] == "3"


def test_downvalue_on_linked_builtin_is_seen():
    out = run_lines("vm", SCENARIOS["new_downvalue"])
    assert [o[0] for o in out[1:]] == ["10", "Null", "99", "12"]


def test_redefined_less_is_seen():
    out = run_lines("vm", SCENARIOS["unprotect_redefine"])
    assert out[1][0] == "10"
    assert out[3][0] != "10"
    assert out[5][0] == "10"


def test_static_and_dynamic_counters():
    s = Session(engine="vm")
    s.evaluate("f[x_] := StringLength[x]")
    assert s.format(s.evaluate('f["abc"]')) == "3"
    assert s.ev.stats["static_calls"] >= 1
    assert s.ev.stats["compile_cache_misses"] == 1
    s.evaluate('f["abcd"]')
    assert s.ev.stats["compile_cache_hits"] >= 1
    d = Session(engine="vm", static_dispatch=False)
    d.evaluate("f[x_] := StringLength[x]")
    assert d.format(d.evaluate('f["abc"]')) == "3"
    assert d.ev.stats["dynamic_calls"] >= 1
    assert d.ev.stats["static_calls"] == 0
