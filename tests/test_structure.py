"""The shape of expressions and products of arrays (structure.py, tensors.py):
Length, Head, Depth, Dimensions, ArrayDepth, Level, Flatten, Transpose,
Total, Accumulate, Differences, Outer, Inner, Dot."""

import pytest


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Length[{a, b, c}]", "3"),
        ("Length[{}]", "0"),
        ("Length[x]", "0"),
        ("Length[1/2]", "0"),
        ("Length[\"abc\"]", "0"),
        ("Length[f[a, b]]", "2"),
        ("Length[a + b + c]", "3"),
        ("Length[<|a -> 1, b -> 2|>]", "2"),
        ("Head[{1}]", "List"),
        ("Head[1]", "Integer"),
        ("Head[1.5]", "Real"),
        ("Head[1/2]", "Rational"),
        ("Head[2 + I]", "Complex"),
        ("Head[\"s\"]", "String"),
        ("Head[x]", "Symbol"),
        ("Head[<|a -> 1|>]", "Association"),
        ("Head[f[x]]", "f"),
        ("Head[f[x][y]]", "f[x]"),
        ("Head[a + b]", "Plus"),
        ("Head[x, g]", "g[Symbol]"),
        ("Depth[x]", "1"),
        ("Depth[{a}]", "2"),
        ("Depth[{a, {b}}]", "3"),
        ("Depth[f[x][y]]", "2"),
        ("Depth[f[x][y], Heads -> True]", "3"),
        ("Dimensions[{{1, 2, 3}, {4, 5, 6}}]", "{2, 3}"),
        ("Dimensions[{{1, 2}, {3}}]", "{2}"),
        ("Dimensions[{}]", "{0}"),
        ("Dimensions[{{}, {}}]", "{2, 0}"),
        ("Dimensions[x]", "{}"),
        ("Dimensions[f[f[a, b], f[c, d]]]", "{2, 2}"),
        ("Dimensions[{f[a, b], f[c, d]}]", "{2}"),
        ("Dimensions[{{{1}, {2}}, {{3}, {4}}}]", "{2, 2, 1}"),
        ("Dimensions[{{1, 2}, {3, 4}}, 1]", "{2}"),
        ("Dimensions[<|a -> {1, 2}, b -> {3, 4}|>]", "{2, 2}"),
        ("ArrayDepth[{{1, 2}, {3, 4}}]", "2"),
        ("ArrayDepth[{{1, 2}, {3}}]", "1"),
        ("ArrayDepth[x]", "0"),
    ],
)
def test_shape(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, messages",
    [
        ("Length[a, b]", ["Length::argx"]),
        ("Dimensions[{1}, -1]", ["Dimensions::intnn"]),
        ("Depth[x, Foo -> 1]", ["Depth::optx"]),
    ],
)
def test_shape_errors(lyra, source, messages):
    assert lyra(source) == source
    assert lyra.messages == messages


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Level[{a, {b, c}}, {2}]", "{b, c}"),
        ("Level[{a, {b, c}}, 1]", "{a, {b, c}}"),
        ("Level[{a, {b}}, {0, Infinity}]", "{a, b, {b}, {a, {b}}}"),
        ("Level[{a, {b}}, {-1}]", "{a, b}"),
        ("Level[f[g[a]], {1}, Heads -> True]", "{f, g[a]}"),
        ("Level[{a, {b}}, 2, h]", "h[a, b, {b}]"),
        ("Level[x, {0}]", "{x}"),
        ("Flatten[{a, {b, {c}}}]", "{a, b, c}"),
        ("Flatten[{a, {b, {c}}}, 1]", "{a, b, {c}}"),
        ("Flatten[{a, {b, {c}}}, 0]", "{a, {b, {c}}}"),
        ("Flatten[{a, {b, {c}}}, Infinity]", "{a, b, c}"),
        ("Flatten[f[a, f[b], g[c]]]", "f[a, b, g[c]]"),
        ("Flatten[{a, f[b, f[c]], {d}}, Infinity, f]", "{a, b, c, {d}}"),
        ("Flatten[{{1, 2}, {3, 4}}, {{2}, {1}}]", "{{1, 3}, {2, 4}}"),
        ("Flatten[{{1, 2}, {3, 4}}, {{1, 2}}]", "{1, 2, 3, 4}"),
        ("Flatten[{}]", "{}"),
        ("Length[Flatten[Table[{i, {i}}, {i, 10^4}]]]", "20000"),
        ("Transpose[{{1, 2, 3}, {4, 5, 6}}]", "{{1, 4}, {2, 5}, {3, 6}}"),
        ("Transpose[{{a, b}, {c, d}}]", "{{a, c}, {b, d}}"),
        ("Transpose[{}]", "{}"),
        ("Transpose[{{}, {}}]", "{}"),
        ("Transpose[{{1, 2}, {3, 4}}, {2, 1}]", "{{1, 3}, {2, 4}}"),
        ("Transpose[{{1, 2}, {3, 4}}, {1, 2}]", "{{1, 2}, {3, 4}}"),
        ("Transpose[{{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}}, {3, 1, 2}]", "{{{1, 5}, {2, 6}}, {{3, 7}, {4, 8}}}"),
        ("Transpose[Transpose[{{1, 2, 3}, {4, 5, 6}}]]", "{{1, 2, 3}, {4, 5, 6}}"),
    ],
)
def test_level_flatten_transpose(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        ("Level[{a}, x]", "Level::level", "Level::level: Level specification x is not of the form n, {n}, or {m, n}."),
        ("Flatten[x]", "Flatten::normal", "Flatten::normal: Nonatomic expression expected at position 1 in Flatten[x]."),
        (
            "Flatten[{a}, -1]",
            "Flatten::flev",
            "Flatten::flev: Level to be flattened together in -1 should be a non-negative integer.",
        ),
        (
            "Transpose[{1, 2}]",
            "Transpose::nmtx",
            "Transpose::nmtx: The first two levels of {1, 2} cannot be transposed.",
        ),
        (
            "Transpose[{{1, 2}, {3}}]",
            "Transpose::nmtx",
            "Transpose::nmtx: The first two levels of {{1, 2}, {3}} cannot be transposed.",
        ),
        ("Transpose[{{1}}, {1, 1}]", "Transpose::perm", "Transpose::perm: {1, 1} is not a permutation."),
    ],
)
def test_level_flatten_transpose_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


# ================================================================ sums
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Total[{1, 2, 3}]", "6"),
        ("Total[{a, b, c}]", "a + b + c"),
        ("Total[{}]", "0"),
        ("Total[{1.5, 2}]", "3.5"),
        ("Total[{1/2, 1/3}]", "5/6"),
        ("Total[{{1, 2}, {3, 4}}]", "{4, 6}"),
        ("Total[{{1, 2}, {3, 4}}, 2]", "10"),
        ("Total[{{1, 2}, {3, 4}}, {2}]", "{3, 7}"),
        ("Total[{{1, {2}}, {3, {4}}}, Infinity]", "10"),
        ("Total[f[1, 2]]", "3"),
        ("Total[x]", "x"),
        ("Total[Range[10^6]]", "500000500000"),
        ("Total[<|a -> 1, b -> 2|>]", "3"),
        ("Accumulate[{1, 2, 3}]", "{1, 3, 6}"),
        ("Accumulate[{a, b, c}]", "{a, a + b, a + b + c}"),
        ("Accumulate[{{1, 2}, {3, 4}}]", "{{1, 2}, {4, 6}}"),
        ("Accumulate[{}]", "{}"),
        ("Accumulate[{0.5, 1}]", "{0.5, 1.5}"),
        ("Last[Accumulate[Range[10^5]]]", "5000050000"),
        ("Differences[{1, 4, 9, 16}]", "{3, 5, 7}"),
        ("Differences[{1, 4, 9, 16}, 2]", "{2, 2}"),
        ("Differences[{1, 4, 9, 16}, 0]", "{1, 4, 9, 16}"),
        ("Differences[{a, b, c}]", "{-a + b, -b + c}"),
        ("Differences[{{1, 2}, {4, 8}}]", "{{3, 6}}"),
        ("Differences[{1}]", "{}"),
        ("Differences[{}]", "{}"),
    ],
)
def test_sums(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message",
    [
        ("Total[{1}, x]", "Total::level"),
        ("Accumulate[x]", "Accumulate::normal"),
        ("Differences[{1, 2}, -1]", "Differences::intnn"),
        ("Differences[x]", "Differences::normal"),
    ],
)
def test_sum_errors(lyra, source, message):
    assert lyra(source) == source
    assert lyra.messages == [message]


# ================================================================ Outer, Inner, Dot
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Outer[f, {a, b}, {x, y}]", "{{f[a, x], f[a, y]}, {f[b, x], f[b, y]}}"),
        ("Outer[Times, {1, 2}, {3, 4}]", "{{3, 4}, {6, 8}}"),
        ("Outer[f, {a}, {b}, {c, d}]", "{{{f[a, b, c], f[a, b, d]}}}"),
        ("Outer[f, {{1, 2}}, {x}]", "{{{f[1, x]}, {f[2, x]}}}"),
        ("Outer[f, {{1, 2}}, {x}, 1]", "{{f[{1, 2}, x]}}"),
        ("Outer[f, {}, {a}]", "{}"),
        ("Inner[f, {a, b}, {x, y}, g]", "g[f[a, x], f[b, y]]"),
        ("Inner[f, {a, b}, {x, y}]", "f[a, x] + f[b, y]"),
        ("Inner[Times, {a, b}, {x, y}, Plus]", "a*x + b*y"),
        ("Inner[f, {{1, 2}, {3, 4}}, {x, y}]", "{f[1, x] + f[2, y], f[3, x] + f[4, y]}"),
        ("Inner[f, {x, y}, {{1, 2}, {3, 4}}, g]", "{g[f[x, 1], f[y, 3]], g[f[x, 2], f[y, 4]]}"),
        ("{a, b} . {c, d}", "a*c + b*d"),
        ("{1, 2, 3} . {4, 5, 6}", "32"),
        ("{{1, 2}, {3, 4}} . {1, 1}", "{3, 7}"),
        ("{1, 1} . {{1, 2}, {3, 4}}", "{4, 6}"),
        ("{{1, 2}, {3, 4}} . {{1, 0}, {0, 1}}", "{{1, 2}, {3, 4}}"),
        ("{{1, 2}, {3, 4}} . {{a, b}, {c, d}}", "{{a + 2*c, b + 2*d}, {3*a + 4*c, 3*b + 4*d}}"),
        ("{1.5, 2.} . {2., 4.}", "11."),
        ("{1/2, 1} . {2, 3}", "4"),
        ("{} . {}", "0"),
        ("{{1, 2}, {3, 4}} . {{1, 2}, {3, 4}} . {1, 0}", "{7, 15}"),
        ("{1, 2} . x", "{1, 2} . x"),
        ("a . b", "a . b"),
        ("Dot[a]", "a"),
        ("Dot[{1, 2}, {3, 4}, x]", "11 . x"),
        ("Length[Range[300] . Range[300]]", "0"),
    ],
)
def test_products(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        ("{1, 2} . {3}", "Dot::dotsh", "Dot::dotsh: Tensors {1, 2} and {3} have incompatible shapes."),
        ("{{1, 2}, {3}} . {1, 2}", "Dot::rect", "Dot::rect: Nonrectangular tensor encountered."),
        (
            "Inner[f, {a, b}, {x}, g]",
            "Inner::incom",
            "Inner::incom: Length 2 of dimension 1 in {a, b} is incommensurate with length 1 of dimension 1 in {x}.",
        ),
        ("Outer[f, {a}, x]", "Outer::normal", "Outer::normal: Nonatomic expression expected at position 3 in Outer[f, {a}, x]."),
    ],
)
def test_product_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]
