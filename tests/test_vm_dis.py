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
    assert "NUM_OP       +" in deep


def test_if_compiles_to_jumps_and_dynamic_mode_has_no_static_calls():
    s = Session(engine="vm", static_dispatch=False)
    s.evaluate("f[n_] := If[n < 2, n, 2 n]")
    text = lyra_core.dis(s, "f[3]", recursive=True)
    assert "TEST_IF" in text and "JUMP" in text
    assert "CALL_STATIC" not in text


def test_block_and_switch_listings():
    s = Session(engine="vm")
    s.evaluate("f[n_] := Block[{x = n, y}, x + 1]; k[n_] := Switch[n, 1, a, _Integer, b, _, c]")
    text = lyra_core.dis(s, "{f[1], k[2]}", recursive=True)
    assert "BLOCK_ENTER  x=v, y" in text and "BLOCK_EXIT   x, y" in text
    assert "MATCH        1, L" in text and "MATCH        _Integer, L" in text
    assert "JUMP" in text and "FALLBACK" not in text
    # _ matches anything: the compiled code does not test it
    assert "MATCH        _ (anything: no test), L" in text


def test_several_iterators_and_atom_definitions_are_listed():
    s = Session(engine="vm")
    text = lyra_core.dis(s, "Table[i j, {i, 3}, {j, i}]")
    assert "FOR_ITER     symbol i" in text and "FOR_ITER     0 (j)" in text
    s.evaluate("g[] := y; h[x_] := x")
    deep = lyra_core.dis(s, "{g[], h[1]}", recursive=True)
    assert "OptionValue" not in deep
    assert "definition g[] :> y (an atom, substituted by the tree-walker):" in deep
    assert "LOAD_SYMBOL  y" in deep and "LOAD_LOCAL   0 (x)" in deep
    assert "NestWhile -> lyra_core.engine.vm.intrinsics.nest_while" in lyra_core.dis(s, "NestWhile[f, 1, g]")
