"""Logic and structural predicates (lyra_core/library/logic.py)."""

import pytest


@pytest.mark.parametrize(
    "source, expected",
    [
        ("True && False", "False"),
        ("True && True", "True"),
        ("x && True", "x"),
        ("True && x && y", "x && y"),
        ("x && y", "x && y"),
        ("x && (y && z)", "x && y && z"),
        ("x && False", "False"),
        ("And[]", "True"),
        ("And[x]", "x"),
        ("x || False", "x"),
        ("False || True", "True"),
        ("False || False", "False"),
        ("x || y", "x || y"),
        ("Or[]", "False"),
        ("1 < 2 && 2 < 3", "True"),
        ("a = True; a && x", "x"),
        ("!True", "False"),
        ("!False", "True"),
        ("!x", "!x"),
        ("!!x", "x"),
        ("!(a == b)", "a != b"),
        ("!(a != b)", "a == b"),
        ("!(a < b)", "a >= b"),
        ("!(a >= b)", "a < b"),
        ("!(a > b)", "a <= b"),
        ("!(a <= b)", "a > b"),
        ("Xor[True, False]", "True"),
        ("Xor[True, True]", "False"),
        ("Xor[True, True, True]", "True"),
        ("Xor[]", "False"),
        ("Xor[True, x]", "!x"),
        ("Xor[False, x]", "x"),
        ("Xor[x, y]", "Xor[x, y]"),
        ("Nand[True, True]", "False"),
        ("Nand[True, False]", "True"),
        ("Nand[True, x]", "!x"),
        ("Nand[False, x]", "True"),
        ("Nor[False, False]", "True"),
        ("Nor[True, x]", "False"),
        ("Nor[False, x]", "!x"),
        ("Implies[False, x]", "True"),
        ("Implies[True, x]", "x"),
        ("Implies[x, True]", "True"),
        ("Implies[x, False]", "!x"),
        ("Implies[x, y]", "Implies[x, y]"),
    ],
)
def test_connectives(lyra, source, expected):
    lyra.check(source, expected)


def test_short_circuit(lyra):
    # And and Or stop at the first argument that decides them.
    lyra.check("n = 0; False && (n = 1); n", "0")
    lyra.check("n = 0; True || (n = 1); n", "0")
    lyra.check("n = 0; True && (n = 1; True); n", "1")
    lyra.check("n = 0; Nand[False, n = 1]; n", "0")


def test_wrong_argument_counts(lyra):
    lyra.check("Not[x, y]", "Not[x, y]", ["Not::argx"])
    lyra.check("Implies[x]", "Implies[x]", ["Implies::argr"])
    lyra.check("TrueQ[1, 2]", "TrueQ[1, 2]", ["TrueQ::argx"])


@pytest.mark.parametrize(
    "source, expected",
    [
        ("TrueQ[True]", "True"),
        ("TrueQ[x]", "False"),
        ("TrueQ[1 == 1]", "True"),
        ("BooleanQ[False]", "True"),
        ("BooleanQ[1]", "False"),
        ('AtomQ["s"]', "True"),
        ("AtomQ[1/2]", "True"),
        ("AtomQ[x]", "True"),
        ("AtomQ[f[x]]", "False"),
        ("AtomQ[{}]", "False"),
        ("ListQ[{1}]", "True"),
        ("ListQ[f[1]]", "False"),
        ('StringQ["a"]', "True"),
        ("StringQ[a]", "False"),
        ("VectorQ[{1, 2, 3}]", "True"),
        ("VectorQ[{1, {2}}]", "False"),
        ("VectorQ[{}]", "True"),
        ("VectorQ[x]", "False"),
        ("VectorQ[{1, 2, 3}, IntegerQ]", "True"),
        ("VectorQ[{1, 2.5}, IntegerQ]", "False"),
        ("MatrixQ[{{1, 2}, {3, 4}}]", "True"),
        ("MatrixQ[{{1, 2}, {3}}]", "False"),
        ("MatrixQ[{1, 2}]", "False"),
        ("MatrixQ[{}]", "False"),
        ("MatrixQ[{{}}]", "True"),
        ("MatrixQ[{{1, 2}}, IntegerQ]", "True"),
        ("MatrixQ[{{1, x}}, NumberQ]", "False"),
    ],
)
def test_predicates(lyra, source, expected):
    lyra.check(source, expected)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Between[5, {1, 10}]", "True"),
        ("Between[50, {1, 10}]", "False"),
        ("Between[1, {1, 10}]", "True"),
        ("Between[5, {{1, 2}, {4, 6}}]", "True"),
        ("Between[3, {{1, 2}, {4, 6}}]", "False"),
        ("Between[{2, 10}][5]", "True"),
        ("Select[{1, 5, 20}, Between[{2, 10}]]", "{5}"),
        ("Between[x, {1, 2}]", "1 <= x <= 2"),
    ],
)
def test_between(lyra, source, expected):
    lyra.check(source, expected)
