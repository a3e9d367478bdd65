"""The disassembler: lyra_core.dis and Session.disassemble."""

import lyra_core
from lyra_core import Session
from lyra_core.engine.vm.opcodes import NAMES, OPCODES


def test_opcode_table_is_documented():
    assert len(NAMES) == len(set(NAMES))
    assert all(len(row) == 4 and row[3] for row in OPCODES)


def test_listing_names_linked_builtins_and_constants():
    s = Session(engine="vm")
    text = lyra_core.dis(s, "1 + StringLength[\"ab\"]")
    assert "CALL_STATIC  StringLength" in text
    assert "LOAD_CONST   \"ab\"" in text
    assert text.splitlines()[-1].split()[1] == "RETURN_VALUE"


def test_recursive_listing_shows_user_definitions():
    s = Session(engine="vm")
    s.evaluate("fib[0] = 0; fib[1] = 1; fib[n_] := fib[n - 1] + fib[n - 2]")
    flat = s.disassemble("fib[20]")
    assert "CALL_LINKED  fib, 1" in flat
    assert "definition" not in flat
    deep = lyra_core.dis(s, "fib[20]", recursive=True)
    assert "definition fib[n_] :> fib[n - 1] + fib[n - 2]:" in deep
    assert "LOAD_LOCAL   0 (n)" in deep
    assert "INT_OP       +" in deep


def test_if_compiles_to_jumps_and_dynamic_mode_has_no_static_calls():
    s = Session(engine="vm", static_dispatch=False)
    s.evaluate("f[n_] := If[n < 2, n, 2 n]")
    text = lyra_core.dis(s, "f[3]", recursive=True)
    assert "TEST_IF" in text and "JUMP" in text
    assert "CALL_STATIC" not in text
