"""List construction, access, rearrangement, sets and grouping (lists.py,
list_rearrange.py, list_sets.py), with WL's results and messages."""

import pytest


# ================================================================ construction
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Range[5]", "{1, 2, 3, 4, 5}"),
        ("Range[0]", "{}"),
        ("Range[-3]", "{}"),
        ("Range[2, 5]", "{2, 3, 4, 5}"),
        ("Range[5, 1, -2]", "{5, 3, 1}"),
        ("Range[1, 10, 3]", "{1, 4, 7, 10}"),
        ("Range[0, 1, 1/4]", "{0, 1/4, 1/2, 3/4, 1}"),
        ("Range[1/2, 3]", "{1/2, 3/2, 5/2}"),
        ("Range[0, 1, 0.25]", "{0., 0.25, 0.5, 0.75, 1.}"),
        ("Range[0, 0.3, 0.1]", "{0., 0.1, 0.2, 0.30000000000000004}"),
        ("Range[2.5]", "{1, 2}"),
        ("Range[1., 3]", "{1., 2., 3.}"),
        ("Range[x, x + 3]", "{x, 1 + x, 2 + x, 3 + x}"),
        ("Range[x, x + 2 a, a]", "{x, a + x, 2*a + x}"),
        ("Range[1 ;; 4]", "{1, 2, 3, 4}"),
        ("Range[1 ;; 10 ;; 3]", "{1, 4, 7, 10}"),
        ("Range[{2, 3}]", "{{1, 2}, {1, 2, 3}}"),
        ("Range[10^20, 10^20 + 2]", "{100000000000000000000, 100000000000000000001, 100000000000000000002}"),
        ("Length[Range[10^6]]", "1000000"),
        ("Array[f, 3]", "{f[1], f[2], f[3]}"),
        ("Array[f, {2, 2}]", "{{f[1, 1], f[1, 2]}, {f[2, 1], f[2, 2]}}"),
        ("Array[#1 + #2 &, {2, 2}, 0]", "{{0, 1}, {1, 2}}"),
        ("Array[f, 2, {0, 1}]", "Array[f, 2, {0, 1}]"),
        ("Array[f, {2, 1}, {0, 5}]", "{{f[0, 5]}, {f[1, 5]}}"),
        ("Array[f, 3, 1, Plus]", "f[1] + f[2] + f[3]"),
        ("Array[#^2 &, 4]", "{1, 4, 9, 16}"),
        ("Array[f, 0]", "{}"),
        ("ConstantArray[0, 3]", "{0, 0, 0}"),
        ("ConstantArray[x, {2, 3}]", "{{x, x, x}, {x, x, x}}"),
        ("ConstantArray[1, 0]", "{}"),
    ],
)
def test_construction(lyra, source, expected):
    assert lyra(source) == expected


@pytest.mark.parametrize(
    "source, messages",
    [
        ("Range[x]", ["Range::range"]),
        ("Range[1, 10, 0]", ["Range::range"]),
        ("Range[1, x]", ["Range::range"]),
        ("Range[1, I]", ["Range::range"]),
        ("Array[f, -1]", ["Array::ilsmn"]),
        ("Array[f, x]", ["Array::ilsmn"]),
        ("ConstantArray[0, -1]", ["ConstantArray::ilsnn"]),
        ("ConstantArray[0, {2, x}]", ["ConstantArray::ilsnn"]),
    ],
)
def test_construction_errors_stay_unevaluated(lyra, source, messages):
    assert lyra(source) == source
    assert lyra.messages == messages


def test_range_message_text(lyra):
    lyra("Range[x]")
    assert lyra.message_texts == ["Range::range: Range specification in Range[x] does not have appropriate bounds."]


def test_array_pads_origin_list_length(lyra):
    lyra.check("Array[f, {2}, {0, 1}]", "Array[f, {2}, {0, 1}]", ["Array::plen"])


def test_huge_result_is_refused(lyra):
    assert lyra("Range[10^12]") == "$Aborted"
    assert lyra.messages == ["General::nomem"]
    assert lyra("ConstantArray[0, {10^5, 10^5}]") == "$Aborted"


# ================================================================ First, Last, Rest, Most
@pytest.mark.parametrize(
    "source, expected",
    [
        ("First[{a, b, c}]", "a"),
        ("First[f[x, y]]", "x"),
        ("First[a + b + c]", "a"),
        ("First[{}, none]", "none"),
        ("First[{}, 1 + 2]", "3"),
        ("First[x, d]", "d"),
        ("First[{a}, Print[\"never\"]]", "a"),
        ("Last[{a, b, c}]", "c"),
        ("Last[{}, 0]", "0"),
        ("Rest[{a, b, c}]", "{b, c}"),
        ("Rest[{a}]", "{}"),
        ("Rest[f[a, b]]", "f[b]"),
        ("Most[{a, b, c}]", "{a, b}"),
        ("Most[a + b + c]", "a + b"),
    ],
)
def test_ends(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        ("First[{}]", "First::nofirst", "First::nofirst: {} has zero length and no first element."),
        ("Last[{}]", "Last::nolast", "Last::nolast: {} has zero length and no last element."),
        ("First[x]", "First::normal", "First::normal: Nonatomic expression expected at position 1 in First[x]."),
        ("Last[5]", "Last::normal", "Last::normal: Nonatomic expression expected at position 1 in Last[5]."),
        ("Rest[{}]", "Rest::norest", "Rest::norest: Cannot take Rest of expression {} with length zero."),
        ("Most[{}]", "Most::nomost", "Most::nomost: Cannot take Most of expression {} with length zero."),
        ("Rest[x]", "Rest::normal", "Rest::normal: Nonatomic expression expected at position 1 in Rest[x]."),
        ("Most[x]", "Most::normal", "Most::normal: Nonatomic expression expected at position 1 in Most[x]."),
    ],
)
def test_ends_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_first_wrong_argument_count(lyra):
    lyra.check("First[]", "First[]", ["First::argt"])


# ================================================================ Take, Drop
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Take[{a, b, c, d}, 2]", "{a, b}"),
        ("Take[{a, b, c, d}, -2]", "{c, d}"),
        ("Take[{a, b, c, d}, 0]", "{}"),
        ("Take[{a, b, c, d}, {3}]", "{c}"),
        ("Take[{a, b, c, d}, {-1}]", "{d}"),
        ("Take[{a, b, c, d}, {2, 3}]", "{b, c}"),
        ("Take[{a, b, c, d}, {2, -2}]", "{b, c}"),
        ("Take[{a, b, c, d, e, f}, {1, -1, 2}]", "{a, c, e}"),
        ("Take[{a, b, c, d, e}, {5, 1, -2}]", "{e, c, a}"),
        ("Take[{a, b, c}, {2, 1}]", "{}"),
        ("Take[{a, b, c}, All]", "{a, b, c}"),
        ("Take[{a, b, c}, None]", "{}"),
        ("Take[{a, b}, UpTo[5]]", "{a, b}"),
        ("Take[f[a, b, c], 2]", "f[a, b]"),
        ("Take[{{11, 12, 13}, {21, 22, 23}, {31, 32, 33}}, 2, -1]", "{{13}, {23}}"),
        ("Take[{{1, 2, 3}, {4, 5, 6}}, All, {2}]", "{{2}, {5}}"),
        ("Drop[{a, b, c, d}, 2]", "{c, d}"),
        ("Drop[{a, b, c, d}, -1]", "{a, b, c}"),
        ("Drop[{a, b, c, d}, {2}]", "{a, c, d}"),
        ("Drop[{a, b, c, d, e}, {2, -2}]", "{a, e}"),
        ("Drop[{a, b, c, d, e, f}, {1, -1, 2}]", "{b, d, f}"),
        ("Drop[{a, b}, 0]", "{a, b}"),
        ("Drop[{a, b}, UpTo[5]]", "{}"),
        ("Drop[{{11, 12, 13}, {21, 22, 23}, {31, 32, 33}}, {2}, {2}]", "{{11, 13}, {31, 33}}"),
    ],
)
def test_take_drop(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        ("Take[{a, b, c}, 5]", "Take::take", "Take::take: Cannot take positions 1 through 5 in {a, b, c}."),
        ("Take[{a, b, c}, -5]", "Take::take", "Take::take: Cannot take positions -5 through -1 in {a, b, c}."),
        ("Take[{a, b, c}, {4}]", "Take::take", "Take::take: Cannot take positions 4 through 4 in {a, b, c}."),
        ("Take[{a, b, c}, {2, 5}]", "Take::take", "Take::take: Cannot take positions 2 through 5 in {a, b, c}."),
        ("Take[x, 1]", "Take::normal", "Take::normal: Nonatomic expression expected at position 1 in Take[x, 1]."),
        (
            "Take[{a, b}, x]",
            "Take::seqs",
            "Take::seqs: Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) expected at "
            "position 2 in Take[{a, b}, x].",
        ),
        ("Drop[{a, b, c}, 4]", "Drop::drop", "Drop::drop: Cannot drop positions 1 through 4 in {a, b, c}."),
        ("Drop[x, 1]", "Drop::normal", "Drop::normal: Nonatomic expression expected at position 1 in Drop[x, 1]."),
    ],
)
def test_take_drop_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_take_deeper_than_the_expression(lyra):
    lyra.check("Take[{1, 2}, 1, 1]", "Take[{1, 2}, 1, 1]", ["Take::partd"])


def test_take_needs_a_specification(lyra):
    lyra.check("Take[{a}]", "Take[{a}]", ["Take::argmu"])


def test_take_on_a_large_list_is_a_slice(lyra):
    assert lyra("Take[Range[10^6], -2]") == "{999999, 1000000}"


# ================================================================ Append, Prepend, Insert, Delete
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Append[{a, b}, c]", "{a, b, c}"),
        ("Append[{a, b}, {c, d}]", "{a, b, {c, d}}"),
        ("Append[f[a], b]", "f[a, b]"),
        ("Append[c][{a, b}]", "{a, b, c}"),
        ("{a} |> Append[b]", "{a, b}"),
        ("Prepend[{a, b}, c]", "{c, a, b}"),
        ("Prepend[x][{a}]", "{x, a}"),
        ("Insert[{a, b, c}, x, 2]", "{a, x, b, c}"),
        ("Insert[{a, b, c}, x, -1]", "{a, b, c, x}"),
        ("Insert[{a, b, c}, x, -2]", "{a, b, x, c}"),
        ("Insert[{a, b, c}, x, 4]", "{a, b, c, x}"),
        ("Insert[{{a, b}, c}, x, {1, 2}]", "{{a, x, b}, c}"),
        ("Insert[{a, b, c}, x, {{1}, {3}}]", "{x, a, b, x, c}"),
        ("Insert[x, 1][{a, b}]", "{x, a, b}"),
        ("Delete[{a, b, c}, 2]", "{a, c}"),
        ("Delete[{a, b, c}, -1]", "{a, b}"),
        ("Delete[{{a, b}, {c, d}}, {2, 1}]", "{{a, b}, {d}}"),
        ("Delete[{a, b, c, d}, {{1}, {3}}]", "{b, d}"),
        ("Delete[{a, b, c, d}, {{3}, {1}}]", "{b, d}"),
        ("Delete[{a, b, c}, 0]", "Sequence[a, b, c]"),
        ("Delete[f[a, b, u + v, c], {3, 0}]", "f[a, b, u, v, c]"),
        ("Delete[1][{a, b}]", "{b}"),
    ],
)
def test_add_and_delete(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        (
            "Append[x, c]",
            "Append::normal",
            "Append::normal: Nonatomic expression expected at position 1 in Append[x, c].",
        ),
        (
            "Prepend[1, c]",
            "Prepend::normal",
            "Prepend::normal: Nonatomic expression expected at position 1 in Prepend[1, c].",
        ),
        ("Insert[{a, b, c}, x, 5]", "Insert::ins", "Insert::ins: Cannot insert at position 5 in {a, b, c}."),
        ("Delete[{a, b, c}, 5]", "Delete::partw", "Delete::partw: Part {5} of {a, b, c} does not exist."),
        ("Delete[{a, b}, {1, 2}]", "Delete::partw", "Delete::partw: Part {1, 2} of {a, b} does not exist."),
    ],
)
def test_add_and_delete_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_delete_bad_position(lyra):
    lyra.check("Delete[{a, b}, x]", "Delete[{a, b}, x]", ["Delete::psl"])


# ================================================================ ReplacePart
@pytest.mark.parametrize(
    "source, expected",
    [
        ("ReplacePart[{a, b, c}, 2 -> x]", "{a, x, c}"),
        ("ReplacePart[{a, b, c}, -1 -> x]", "{a, b, x}"),
        ("ReplacePart[{{a, b}, {c, d}}, {2, 1} -> x]", "{{a, b}, {x, d}}"),
        ("ReplacePart[{a, b, c}, {{1}, {3}} -> x]", "{x, b, x}"),
        ("ReplacePart[{a, b, c}, {1 -> x, 3 -> y}]", "{x, b, y}"),
        ("ReplacePart[{a, b, c}, {1 -> x, 1 -> y}]", "{x, b, c}"),
        ("ReplacePart[{a, b, c}, 5 -> x]", "{a, b, c}"),
        ("ReplacePart[{a, b}, 0 -> f]", "f[a, b]"),
        ("ReplacePart[{a, b, c}, {i_} :> i^2]", "{1, 4, 9}"),
        ("ReplacePart[{{a, b}, {c, d}}, {i_, i_} -> x]", "{{x, b}, {c, x}}"),
        ("ReplacePart[{a, b, c}, 2 :> 1 + 1]", "{a, 2, c}"),
        ("ReplacePart[2 -> x][{a, b}]", "{a, x}"),
        ("ReplacePart[{a, b, c}, x, 2]", "{a, x, c}"),
    ],
)
def test_replace_part(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_replace_part_needs_rules(lyra):
    lyra.check("ReplacePart[{a}, x]", "ReplacePart[{a}, x]", ["ReplacePart::reps"])


# ================================================================ Join, Riffle, Reverse, rotations
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Join[{a, b}, {c}]", "{a, b, c}"),
        ("Join[{a}, {}, {b, c}]", "{a, b, c}"),
        ("Join[]", "{}"),
        ("Join[f[a], f[b]]", "f[a, b]"),
        ("Join[{{1}, {2}}, {{3}, {4}}, 2]", "{{1, 3}, {2, 4}}"),
        ("Length[Join[Range[10^5], Range[10^5]]]", "200000"),
        ("Riffle[{a, b, c}, x]", "{a, x, b, x, c}"),
        ("Riffle[{a, b, c}, {x, y, z}]", "{a, x, b, y, c, z}"),
        ("Riffle[{a, b, c}, {x, y}]", "{a, x, b, y, c}"),
        ("Riffle[{a, b, c, d, e}, {x, y}]", "{a, x, b, y, c, x, d, y, e}"),
        ("Riffle[{a, b, c, d, e}, x, 3]", "{a, b, x, c, d, x, e}"),
        ("Riffle[{}, x]", "{}"),
        ("Reverse[{a, b, c}]", "{c, b, a}"),
        ("Reverse[f[a, b]]", "f[b, a]"),
        ("Reverse[{{1, 2}, {3, 4}}]", "{{3, 4}, {1, 2}}"),
        ("Reverse[{{1, 2}, {3, 4}}, 2]", "{{2, 1}, {4, 3}}"),
        ("Reverse[{{1, 2}, {3, 4}}, {1, 2}]", "{{4, 3}, {2, 1}}"),
        ("Reverse[{{1, 2}, {3, 4}}, All]", "{{4, 3}, {2, 1}}"),
        ("RotateLeft[{a, b, c, d}]", "{b, c, d, a}"),
        ("RotateLeft[{a, b, c, d}, 2]", "{c, d, a, b}"),
        ("RotateLeft[{a, b, c}, -1]", "{c, a, b}"),
        ("RotateLeft[{a, b, c}, 7]", "{b, c, a}"),
        ("RotateRight[{a, b, c, d}]", "{d, a, b, c}"),
        ("RotateRight[{a, b, c, d}, 3]", "{b, c, d, a}"),
        ("RotateLeft[{{1, 2, 3}, {4, 5, 6}}, {1, 1}]", "{{5, 6, 4}, {2, 3, 1}}"),
        ("RotateLeft[{}]", "{}"),
    ],
)
def test_join_riffle_reverse_rotate(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        ("Join[{1}, x]", "Join::normal", "Join::normal: Nonatomic expression expected at position 2 in Join[{1}, x]."),
        (
            "Join[{1}, f[2]]",
            "Join::heads",
            "Join::heads: Heads List and f at positions 1 and 2 are expected to be the same.",
        ),
        ("Reverse[x]", "Reverse::normal", "Reverse::normal: Nonatomic expression expected at position 1 in Reverse[x]."),
        (
            "Riffle[x, y]",
            "Riffle::normal",
            "Riffle::normal: Nonatomic expression expected at position 1 in Riffle[x, y].",
        ),
    ],
)
def test_join_riffle_reverse_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_join_unequal_lengths_at_level_two(lyra):
    lyra.check("Join[{{1}}, {{2}, {3}}, 2]", "Join[{{1}}, {{2}, {3}}, 2]", ["Join::incpt"])


# ================================================================ Partition, Split, SplitBy
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Partition[{a, b, c, d, e}, 2]", "{{a, b}, {c, d}}"),
        ("Partition[{a, b, c, d}, 3, 1]", "{{a, b, c}, {b, c, d}}"),
        ("Partition[{a, b, c, d, e, f}, 2, 3]", "{{a, b}, {d, e}}"),
        ("Partition[{a, b, c, d, e}, UpTo[2]]", "{{a, b}, {c, d}, {e}}"),
        ("Partition[{a, b, c, d}, 2, 1, {1, 1}]", "{{a, b}, {b, c}, {c, d}, {d, a}}"),
        ("Partition[{a, b, c, d}, 2, 1, {-1, -1}]", "{{d, a}, {a, b}, {b, c}, {c, d}}"),
        ("Partition[{a, b, c, d, e}, 2, 2, {1, 1}, x]", "{{a, b}, {c, d}, {e, x}}"),
        ("Partition[{a, b, c, d, e}, 2, 2, {1, 1}, {}]", "{{a, b}, {c, d}, {e}}"),
        ("Partition[f[a, b, c, d], 2]", "{f[a, b], f[c, d]}"),
        ("Partition[{{1, 2, 3, 4}, {5, 6, 7, 8}}, {2, 2}]", "{{{{1, 2}, {5, 6}}, {{3, 4}, {7, 8}}}}"),
        ("Partition[{}, 2]", "{}"),
        ("Length[Partition[Range[10^6], 2]]", "500000"),
        ("Split[{a, a, b, a, a, a}]", "{{a, a}, {b}, {a, a, a}}"),
        ("Split[{}]", "{}"),
        ("Split[{1, 2, 4, 5, 7}, #2 == #1 + 1 &]", "{{1, 2}, {4, 5}, {7}}"),
        ("Split[{1, 1., 2}]", "{{1}, {1.}, {2}}"),
        ("SplitBy[{1, 3, 2, 4, 5}, OddQ]", "{{1, 3}, {2, 4}, {5}}"),
        ("SplitBy[{1, 2, 3, 4, 5}, {# < 3 &, OddQ}]", "{{{1}, {2}}, {{3}, {4}, {5}}}"),
        ("SplitBy[OddQ][{1, 3, 2}]", "{{1, 3}, {2}}"),
    ],
)
def test_partition_split(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("Partition[{a, b, c}, 0]", "Partition::ilsmp"),
        ("Partition[{a, b, c}, 2, 0]", "Partition::ilsmp"),
        ("Partition[x, 2]", "Partition::normal"),
        ("Split[x]", "Split::normal"),
    ],
)
def test_partition_split_errors(lyra, source, message):
    assert lyra(source) == source
    assert lyra.messages == [message]


# ================================================================ combinatorics
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Subsets[{a, b, c}]", "{{}, {a}, {b}, {c}, {a, b}, {a, c}, {b, c}, {a, b, c}}"),
        ("Subsets[{a, b, c}, 1]", "{{}, {a}, {b}, {c}}"),
        ("Subsets[{a, b, c}, {2}]", "{{a, b}, {a, c}, {b, c}}"),
        ("Subsets[{a, b, c, d}, {1, 2}]", "{{a}, {b}, {c}, {d}, {a, b}, {a, c}, {a, d}, {b, c}, {b, d}, {c, d}}"),
        ("Subsets[{a, b, c, d}, All, 3]", "{{}, {a}, {b}}"),
        ("Subsets[{a, b, c, d}, All, {3, 5}]", "{{b}, {c}, {d}}"),
        ("Subsets[f[a, b], {1}]", "{f[a], f[b]}"),
        ("Length[Subsets[Range[10]]]", "1024"),
        ("Permutations[{a, b, c}]", "{{a, b, c}, {a, c, b}, {b, a, c}, {b, c, a}, {c, a, b}, {c, b, a}}"),
        ("Permutations[{a, a, b}]", "{{a, a, b}, {a, b, a}, {b, a, a}}"),
        ("Permutations[{b, a, b}]", "{{b, a, b}, {b, b, a}, {a, b, b}}"),
        ("Permutations[{a, b, c}, {2}]", "{{a, b}, {a, c}, {b, a}, {b, c}, {c, a}, {c, b}}"),
        ("Permutations[{a, b}, 1]", "{{}, {a}, {b}}"),
        ("Permutations[{}]", "{{}}"),
        ("Length[Permutations[Range[6]]]", "720"),
        ("Length[Permutations[{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2}]]", "13"),
        ("Tuples[{0, 1}, 2]", "{{0, 0}, {0, 1}, {1, 0}, {1, 1}}"),
        ("Tuples[{a, b}, 0]", "{{}}"),
        ("Tuples[{{a, b}, {x, y, z}}]", "{{a, x}, {a, y}, {a, z}, {b, x}, {b, y}, {b, z}}"),
        ("Tuples[f[a, b], 2]", "{f[a, a], f[a, b], f[b, a], f[b, b]}"),
        ("Tuples[{0, 1}, {1, 2}]", "{{{0, 0}}, {{0, 1}}, {{1, 0}}, {{1, 1}}}"),
    ],
)
def test_combinatorics(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("Subsets[{a, b}, x]", "Subsets::nninfseq"),
        ("Subsets[x]", "Subsets::normal"),
        ("Permutations[{a}, -1]", "Permutations::nninfseq"),
        ("Tuples[{a}, -1]", "Tuples::intnn"),
    ],
)
def test_combinatorics_errors(lyra, source, message):
    assert lyra(source) == source
    assert lyra.messages == [message]


def test_too_many_subsets_are_refused(lyra):
    assert lyra("Subsets[Range[40]]") == "$Aborted"
    assert lyra.messages == ["General::nomem"]


# ================================================================ sets
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Union[{c, a, b}, {a, d}]", "{a, b, c, d}"),
        ("Union[{3, 1, 1, 2}]", "{1, 2, 3}"),
        ("Union[]", "{}"),
        ("Union[{1, 1., 2}]", "{1, 1., 2}"),
        ("Union[{1, 1., 2}, SameTest -> Equal]", "{1, 2}"),
        ("Union[f[b, a], f[a]]", "f[a, b]"),
        ("Intersection[{a, b, c}, {b, c, d}]", "{b, c}"),
        ("Intersection[{a, b, c, b}, {b, a}]", "{a, b}"),
        ("Intersection[{1, 2}, {3}]", "{}"),
        ("Length[Intersection[{1., 2}, {1, 3}, SameTest -> Equal]]", "1"),
        ("Complement[{a, b, c, d}, {b}, {d}]", "{a, c}"),
        ("Complement[{d, c, b, a}]", "{a, b, c, d}"),
        ("Complement[{1, 2, 3}, {2.}, SameTest -> Equal]", "{1, 3}"),
        ("Length[Union[Mod[Range[10^5], 1000]]]", "1000"),
    ],
)
def test_sets(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, messages",
    [
        ("Union[{1}, x]", ["Union::normal"]),
        ("Union[{1}, f[1]]", ["Union::heads"]),
        ("Intersection[{1}, x]", ["Intersection::normal"]),
        ("Complement[x, {1}]", ["Complement::normal"]),
        ("Complement[{1}, f[1]]", ["Complement::heads"]),
        ("Union[{1}, {2}, Foo -> 1]", ["Union::optx"]),
    ],
)
def test_set_errors(lyra, source, messages):
    result = lyra(source)
    assert result.startswith(source.split("[")[0] + "[")
    assert lyra.messages == messages


def test_heads_message_text(lyra):
    lyra("Complement[{1}, f[1]]")
    assert lyra.message_texts == [
        "Complement::heads: Heads List and f at positions 1 and 2 are expected to be the same."
    ]


# ================================================================ duplicates, counting, grouping
@pytest.mark.parametrize(
    "source, expected",
    [
        ("DeleteDuplicates[{b, a, b, c, a}]", "{b, a, c}"),
        ("DeleteDuplicates[{1, 1., 2}]", "{1, 1., 2}"),
        ("DeleteDuplicates[{1, 2, 3, 4}, Less]", "{1}"),
        ("DeleteDuplicates[{1, 1., 2}, Equal]", "{1, 2}"),
        ("DeleteDuplicates[{}]", "{}"),
        ("Tally[{a, b, a, c, a}]", "{{a, 3}, {b, 1}, {c, 1}}"),
        ("Tally[{1, 2, 3, 11}, Mod[#1, 10] == Mod[#2, 10] &]", "{{1, 2}, {2, 1}, {3, 1}}"),
        ("Tally[{}]", "{}"),
        ("Counts[{a, b, a}]", "<|a -> 2, b -> 1|>"),
        ("Counts[{}]", "<||>"),
        ("Gather[{a, b, a, c, b}]", "{{a, a}, {b, b}, {c}}"),
        ("Gather[{1, 2, 3, 4}, Abs[#1 - #2] <= 1 &]", "{{1, 2}, {3, 4}}"),
        ("GatherBy[{1, 2, 3, 4, 5}, OddQ]", "{{1, 3, 5}, {2, 4}}"),
        ("GatherBy[{1, 2, 3, 4, 5, 6}, {OddQ, # > 3 &}]", "{{{1, 3}, {5}}, {{2}, {4, 6}}}"),
        ("GatherBy[OddQ][{1, 2, 3}]", "{{1, 3}, {2}}"),
        ("GroupBy[{1, 2, 3, 4}, OddQ]", "<|True -> {1, 3}, False -> {2, 4}|>"),
        ("GroupBy[{1, 2, 3, 4}, OddQ -> (#^2 &)]", "<|True -> {1, 9}, False -> {4, 16}|>"),
        ("GroupBy[{1, 2, 3, 4}, OddQ, Length]", "<|True -> 2, False -> 2|>"),
        (
            "GroupBy[{{a, 1}, {b, 2}, {a, 3}}, First -> Last]",
            "<|a -> {1, 3}, b -> {2}|>",
        ),
        (
            "GroupBy[{1, 2, 3, 4, 5, 6}, {OddQ, # > 3 &}]",
            "<|True -> <|False -> {1, 3}, True -> {5}|>, False -> <|False -> {2}, True -> {4, 6}|>|>",
        ),
        ("GroupBy[OddQ][{1, 2}]", "<|True -> {1}, False -> {2}|>"),
    ],
)
def test_duplicates_and_groups(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("DeleteDuplicates[x]", "DeleteDuplicates::normal"),
        ("Tally[x]", "Tally::list"),
        ("Counts[x]", "Counts::list"),
        ("Gather[x]", "Gather::normal"),
        ("GroupBy[x, f]", "GroupBy::list"),
    ],
)
def test_grouping_errors(lyra, source, message):
    assert lyra(source) == source
    assert lyra.messages == [message]


# ================================================================ Select, Pick, Ordering
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Select[{1, 2, 3, 4}, EvenQ]", "{2, 4}"),
        ("Select[{1, 2, 3, 4}, EvenQ, 1]", "{2}"),
        ("Select[{1, 2, 3, 4}, EvenQ, 0]", "{}"),
        ("Select[{1, 2, 3, 4}, EvenQ, Infinity]", "{2, 4}"),
        ("Select[{1, 2, 3}, # > 1 &]", "{2, 3}"),
        ("Select[{a, 1, b}, foo]", "{}"),
        ("Select[f[1, 2, 3, 4], OddQ]", "f[1, 3]"),
        ("Select[# > 1 &][{1, 2, 3}]", "{2, 3}"),
        ("{1, 2, 3, 4} |> Select[EvenQ]", "{2, 4}"),
        ("Length[Select[Range[10^5], EvenQ]]", "50000"),
        ("Pick[{a, b, c}, {True, False, True}]", "{a, c}"),
        ("Pick[{a, b, c}, {1, 0, 1}, 1]", "{a, c}"),
        ("Pick[{a, b, c, d}, {1, 2, 3, 4}, _?EvenQ]", "{b, d}"),
        ("Pick[{{a, b}, {c, d}}, {{True, False}, {False, True}}]", "{{a}, {d}}"),
        ("Ordering[{c, a, b}]", "{2, 3, 1}"),
        ("Ordering[{5, 1, 3}, 2]", "{2, 3}"),
        ("Ordering[{5, 1, 3}, -1]", "{1}"),
        ("Ordering[{2, 1, 2, 1}]", "{2, 4, 1, 3}"),
        ("Ordering[{5, 1, 3}, All, Greater]", "{1, 3, 2}"),
        ("Ordering[{}]", "{}"),
    ],
)
def test_select_pick_ordering(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        (
            "Select[x, EvenQ]",
            "Select::normal",
            "Select::normal: Nonatomic expression expected at position 1 in Select[x, EvenQ].",
        ),
        (
            "Select[{1, 2}, EvenQ, -1]",
            "Select::innf",
            "Select::innf: Non-negative integer or Infinity expected at position 3 in Select[{1, 2}, EvenQ, -1].",
        ),
        ("Pick[{a, b}, {True}]", "Pick::incomp", "Pick::incomp: Expressions {a, b} and {True} have incompatible shapes."),
        (
            "Ordering[x]",
            "Ordering::normal",
            "Ordering::normal: Nonatomic expression expected at position 1 in Ordering[x].",
        ),
    ],
)
def test_select_pick_ordering_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


# ================================================================ associations
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Length[<|a -> 1, b -> 2|>]", "2"),
        ("First[<|a -> 1, b -> 2|>]", "1"),
        ("Last[<|a -> 1, b -> 2|>]", "2"),
        ("Rest[<|a -> 1, b -> 2|>]", "<|b -> 2|>"),
        ("Most[<|a -> 1, b -> 2|>]", "<|a -> 1|>"),
        ("Take[<|a -> 1, b -> 2, c -> 3|>, {2}]", "<|b -> 2|>"),
        ("Drop[<|a -> 1, b -> 2, c -> 3|>, 1]", "<|b -> 2, c -> 3|>"),
        ("Append[<|a -> 1|>, b -> 2]", "<|a -> 1, b -> 2|>"),
        ("Append[<|a -> 1|>, a -> 2]", "<|a -> 2|>"),
        ("Prepend[<|a -> 1|>, b -> 2]", "<|b -> 2, a -> 1|>"),
        ("Join[<|a -> 1, b -> 2|>, <|a -> 3, c -> 4|>]", "<|a -> 3, b -> 2, c -> 4|>"),
        ("Reverse[<|a -> 1, b -> 2|>]", "<|b -> 2, a -> 1|>"),
        ("Select[<|a -> 1, b -> 2, c -> 3|>, OddQ]", "<|a -> 1, c -> 3|>"),
        ("Counts[<|a -> x, b -> y, c -> x|>]", "<|x -> 2, y -> 1|>"),
        ("Delete[<|a -> 1, b -> 2|>, Key[a]]", "<|b -> 2|>"),
        ("DeleteDuplicates[<|a -> 1, b -> 1, c -> 2|>]", "<|a -> 1, c -> 2|>"),
        ("GroupBy[<|a -> 1, b -> 2, c -> 3|>, OddQ]", "<|True -> <|a -> 1, c -> 3|>, False -> <|b -> 2|>|>"),
        ("Ordering[<|a -> 2, b -> 1|>]", "{Key[b], Key[a]}"),
    ],
)
def test_associations(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_append_to_association_needs_rules(lyra):
    lyra.check("Append[<|a -> 1|>, 5]", "Append[<|a -> 1|>, 5]", ["Append::invrl"])


# ================================================================ helpers
def test_sequence_positions():
    from lyra_core.expr import E, S
    from lyra_core.library.list_support import BadSpec, OutOfRange, UpTo, sequence_positions

    assert list(sequence_positions(2, 5)) == [0, 1]
    assert list(sequence_positions(-2, 5)) == [3, 4]
    assert list(sequence_positions(E(S.List, 2, 4), 5)) == [1, 2, 3]
    assert list(sequence_positions(E(S.List, -1, 1, -2), 5)) == [4, 2, 0]
    assert list(sequence_positions(E(UpTo, 9), 3)) == [0, 1, 2]
    assert list(sequence_positions(S.All, 2)) == [0, 1]
    with pytest.raises(OutOfRange):
        sequence_positions(6, 5)
    with pytest.raises(BadSpec):
        sequence_positions(E(S.List, 1, 2, 0), 5)


def test_settled_lists_hold_only_plain_data():
    from lyra_core.expr import E, lookup
    from lyra_core.library.list_support import settled_list

    NOT_EVALUATED = -1  # Expr.evaluated before anything marks it
    numbers = settled_list((1, 2.5, "s"))
    assert numbers.evaluated != NOT_EVALUATED
    assert settled_list((numbers, 3)).evaluated == numbers.evaluated
    # A symbol may have a value, f[1] may have rules: such lists must be evaluated.
    assert settled_list((1, lookup("x"))).evaluated == NOT_EVALUATED
    assert settled_list((E(lookup("f"), 1),)).evaluated == NOT_EVALUATED
