"""Associations (lyra_core/library/associations.py): construction, lookup,
reshaping, and the functions of other modules that must accept them."""

import pytest


# ---------------------------------------------------------------- building and reading
@pytest.mark.parametrize(
    "source, expected",
    [
        ('<|"a" -> 1, "b" -> 2|>', '<|"a" -> 1, "b" -> 2|>'),
        ("<||>", "<||>"),
        ("<|a -> 1 + 1|>", "<|a -> 2|>"),
        ("<|a :> 1 + 1|>", "<|a :> 1 + 1|>"),
        ("<|a -> 1, b -> 2, a -> 3|>", "<|a -> 3, b -> 2|>"),
        ("k = 5; <|k -> k^2|>", "<|5 -> 25|>"),
        ("Association[{p -> 1, q -> 2}]", "<|p -> 1, q -> 2|>"),
        ("Association[<|p -> 1|>, q -> 2]", "<|p -> 1, q -> 2|>"),
        ("<|1 -> a, 1. -> b|>", "<|1 -> a, 1. -> b|>"),
        ('<|"a" -> 1, "b" -> 2|>["b"]', "2"),
        ('<|"a" -> 1|>["z"]', 'Missing["KeyAbsent", "z"]'),
        ("<|{1} -> x|>[Key[{1}]]", "x"),
        ("a = <|x :> 1 + 2|>; a[x]", "3"),
        ('<|"a" -> 1|>[["a"]]', "1"),
        ("<|a -> 1, b -> 2|>[[2]]", "2"),
        ('Key["a"][<|"a" -> 1|>]', "1"),
        ('Key["z"][<|"a" -> 1|>]', 'Missing["KeyAbsent", "z"]'),
        ("AssociationQ[<|a -> 1|>]", "True"),
        ("AssociationQ[{a -> 1}]", "False"),
        ("<|a -> 1|> === <|a -> 1|>", "True"),
        ("<|a -> 1, b -> 2|> === <|b -> 2, a -> 1|>", "False"),
    ],
)
def test_build_and_read(lyra, source, expected):
    lyra.check(source, expected)


def test_invalid_association_stays(lyra):
    lyra.check("Association[1]", "Association[1]")
    lyra.check("Association[a -> 1, 2]", "Association[a -> 1, 2]")


def test_full_form(lyra):
    assert lyra.full("<|a -> 1, b :> 2|>") == "Association[Rule[a, 1], RuleDelayed[b, 2]]"


# ---------------------------------------------------------------- Keys, Values, Lookup
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Keys[<|a -> 1, b -> 2|>]", "{a, b}"),
        ("Values[<|a -> 1, b -> 2|>]", "{1, 2}"),
        ("Values[<|a :> 1 + 1|>]", "{2}"),
        ("Keys[{a -> 1, b :> 2}]", "{a, b}"),
        ("Values[{a -> 1, b -> 2}]", "{1, 2}"),
        ("Keys[a -> 1]", "a"),
        ("Keys[{<|a -> 1|>, <|b -> 2|>}]", "{{a}, {b}}"),
        ("Keys[<|a -> 1|>, f]", "{f[a]}"),
        ("Values[<|a -> 1|>, f]", "{f[1]}"),
        ("Keys[<||>]", "{}"),
        ("Lookup[<|p -> 1|>, p]", "1"),
        ("Lookup[<|p -> 1|>, q]", 'Missing["KeyAbsent", q]'),
        ("Lookup[<|p -> 1|>, q, 0]", "0"),
        ("Lookup[<|p -> 1|>, {p, q}]", '{1, Missing["KeyAbsent", q]}'),
        ("Lookup[<|p -> 1|>, {p, q}, 0]", "{1, 0}"),
        ("Lookup[{<|p -> 1|>, <|p -> 2|>}, p]", "{1, 2}"),
        ("Lookup[{<|p -> 1|>, <|q -> 2|>}, {p, q}, 0]", "{{1, 0}, {0, 2}}"),
        ("Lookup[{p -> 1, q -> 2}, q]", "2"),
        ("Lookup[<|{1, 2} -> x|>, Key[{1, 2}]]", "x"),
        ("Lookup[p][<|p -> 7|>]", "7"),
        ("Lookup[<|p :> 1 + 1|>, p, 0, Hold]", "Hold[1 + 1]"),
        ("<|p -> 1|> |> Lookup[p]", "1"),
        ("KeyExistsQ[<|p -> 1|>, p]", "True"),
        ("KeyExistsQ[<|p -> 1|>, q]", "False"),
        ("KeyExistsQ[{p -> 1}, p]", "True"),
        ("KeyExistsQ[q][<|q -> 1|>]", "True"),
    ],
)
def test_keys_values_lookup(lyra, source, expected):
    lyra.check(source, expected)


def test_lookup_default_evaluated_only_when_needed(lyra):
    lyra.check("n = 0; Lookup[<|p -> 1|>, p, n++]; n", "0")
    lyra.check("n = 0; Lookup[<|p -> 1|>, {q, r}, n++]; n", "1")


def test_not_an_association(lyra):
    lyra.check("Keys[x]", "Keys[x]", ["Keys::invrl"])
    assert lyra.message_texts == ["Keys::invrl: The argument x is not a valid Association or a list of rules."]
    lyra.check("Values[{1, 2}]", "Values[{1, 2}]", ["Values::invrl"])
    lyra.check("Lookup[x, p]", "Lookup[x, p]", ["Lookup::invrl"])
    lyra.check("KeyExistsQ[5, p]", "KeyExistsQ[5, p]", ["KeyExistsQ::invrl"])
    lyra.check("KeyDrop[5, p]", "KeyDrop[5, p]", ["KeyDrop::invrl"])
    lyra.check("Keys[]", "Keys[]", ["Keys::argt"])


# ---------------------------------------------------------------- reshaping
@pytest.mark.parametrize(
    "source, expected",
    [
        ("KeyDrop[<|a -> 1, b -> 2|>, a]", "<|b -> 2|>"),
        ("KeyDrop[<|a -> 1, b -> 2, c -> 3|>, {a, c}]", "<|b -> 2|>"),
        ("KeyDrop[{a -> 1, b -> 2}, {a}]", "{b -> 2}"),
        ("KeyDrop[a][<|a -> 1, b -> 2|>]", "<|b -> 2|>"),
        ("KeyDrop[{<|a -> 1|>, <|a -> 2, b -> 3|>}, a]", "{<||>, <|b -> 3|>}"),
        ("KeyTake[<|a -> 1, b -> 2, c -> 3|>, {c, a}]", "<|c -> 3, a -> 1|>"),
        ("KeyTake[<|a -> 1|>, {z}]", "<||>"),
        ("KeyTake[{b}][<|a -> 1, b -> 2|>]", "<|b -> 2|>"),
        ("KeySort[<|b -> 1, a -> 2, 3 -> x|>]", "<|3 -> x, a -> 2, b -> 1|>"),
        ('KeySort[<|"b" -> 1, "B" -> 2, "a" -> 3|>]', '<|"a" -> 3, "b" -> 1, "B" -> 2|>'),
        ('KeySortBy[<|"bb" -> 1, "a" -> 2|>, StringLength]', '<|"a" -> 2, "bb" -> 1|>'),
        ("KeySortBy[Minus][<|1 -> a, 2 -> b|>]", "<|2 -> b, 1 -> a|>"),
        ("KeySelect[<|1 -> a, 2 -> b, 3 -> c|>, OddQ]", "<|1 -> a, 3 -> c|>"),
        ("KeySelect[EvenQ][<|1 -> a, 2 -> b|>]", "<|2 -> b|>"),
        ('KeyMap[ToUpperCase, <|"a" -> 1, "b" -> 2|>]', '<|"A" -> 1, "B" -> 2|>'),
        ("KeyMap[f][<|a -> 1|>]", "<|f[a] -> 1|>"),
        ("KeyValueMap[f, <|a -> 1, b -> 2|>]", "{f[a, 1], f[b, 2]}"),
        ("KeyValueMap[#1 + #2 &, <|1 -> 10, 2 -> 20|>]", "{11, 22}"),
        ('AssociationMap[StringLength, {"a", "bb"}]', '<|"a" -> 1, "bb" -> 2|>'),
        ("AssociationMap[f][{1, 2}]", "<|1 -> f[1], 2 -> f[2]|>"),
        ("AssociationMap[Reverse, <|a -> 1, b -> 2|>]", "<|1 -> a, 2 -> b|>"),
        ("AssociationThread[{a, b}, {1, 2}]", "<|a -> 1, b -> 2|>"),
        ("AssociationThread[{a, b} -> {1, 2}]", "<|a -> 1, b -> 2|>"),
        ("AssociationThread[{}, {}]", "<||>"),
        ("Merge[{<|a -> 1|>, <|a -> 2, b -> 3|>}, f]", "<|a -> f[{1, 2}], b -> f[{3}]|>"),
        ("Merge[{<|a -> 1|>, <|a -> 2, b -> 3|>}, Total]", "<|a -> 3, b -> 3|>"),
        ("Merge[{<|a -> 1|>, {a -> 5}}, First]", "<|a -> 1|>"),
        ("Merge[Max][{<|x -> 1|>, <|x -> 4|>}]", "<|x -> 4|>"),
        ("Normal[<|a -> 1, b :> 2|>]", "{a -> 1, b :> 2}"),
        ("Normal[<|a -> <|b -> 1|>|>]", "{a -> <|b -> 1|>}"),
        ("Normal[{<|a -> 1|>, <|b -> 2|>}]", "{{a -> 1}, {b -> 2}}"),
        ("Normal[f[x]]", "f[x]"),
        ("Normal[<|a -> 1|>, Association]", "{a -> 1}"),
        ("Normal[<|a -> 1|>, SparseArray]", "<|a -> 1|>"),
    ],
)
def test_reshaping(lyra, source, expected):
    lyra.check(source, expected)


def test_thread_length_mismatch(lyra):
    lyra.check("AssociationThread[{a, b}, {1}]", "AssociationThread[{a, b}, {1}]", ["AssociationThread::idim"])
    assert lyra.message_texts == ["AssociationThread::idim: {a, b} and {1} must have the same length."]


def test_merge_needs_associations(lyra):
    lyra.check("Merge[{<|a -> 1|>, 5}, f]", "Merge[{<|a -> 1|>, 5}, f]", ["Merge::invrl"])


# ---------------------------------------------------------------- other modules on associations
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Length[<|a -> 1, b -> 2|>]", "2"),
        ("Map[f, <|a -> 1, b -> 2|>]", "<|a -> f[1], b -> f[2]|>"),
        ("Select[<|a -> 1, b -> 2, c -> 3|>, OddQ]", "<|a -> 1, c -> 3|>"),
        ("Total[<|a -> 1, b -> 2|>]", "3"),
        ("AtomQ[<|a -> 1|>]", "True"),
    ],
)
def test_with_list_functions(lyra, source, expected):
    lyra.check(source, expected)


def test_large_association(lyra):
    lyra("big = AssociationThread[Range[100000], Range[100000]^2];")
    lyra.check("Length[Keys[big]]", "100000")
    lyra.check("big[99999]", "9999800001")
    lyra.check("Lookup[big, 100001, 0]", "0")
    lyra.check("Length[KeySelect[big, EvenQ]]", "50000")
    lyra.check("Length[KeyDrop[big, Range[10]]]", "99990")
