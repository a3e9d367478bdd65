"""Functional programming builtins (functional.py): Map and friends, Apply,
Scan, Thread, MapThread, Fold, Nest, NestWhile, FixedPoint, Composition,
Through, AllTrue/AnyTrue/NoneTrue."""

import pytest

from lyra_core.expr import E, S, lookup
from lyra_core.library.functional import apply_composition


# ================================================================ Map family
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Map[f, {a, b}]", "{f[a], f[b]}"),
        ("f /@ {a, b}", "{f[a], f[b]}"),
        ("Map[f, g[a, b]]", "g[f[a], f[b]]"),
        ("Map[f, {}]", "{}"),
        ("Map[f, x]", "x"),
        ("Map[#^2 &, {1, 2, 3}]", "{1, 4, 9}"),
        ("Map[f, {{a}, b}, {2}]", "{{f[a]}, b}"),
        ("Map[f, {{a}, b}, 2]", "{f[{f[a]}], f[b]}"),
        ("Map[f, {{a}, b}, {0, 1}]", "f[{f[{a}], f[b]}]"),
        ("Map[f, {{a}, b}, -1]", "{f[{f[a]}], f[b]}"),
        ("Map[f, {{a}, b}, {-1}]", "{{f[a]}, f[b]}"),
        ("Map[f, g[a], Heads -> True]", "f[g][f[a]]"),
        ("Map[f, <|a -> 1, b -> 2|>]", "<|a -> f[1], b -> f[2]|>"),
        ("Map[#^2 &, <|a -> 1, b -> 2|>]", "<|a -> 1, b -> 4|>"),
        ("Map[f][{1, 2}]", "{f[1], f[2]}"),
        ("{1, 2} |> Map[f]", "{f[1], f[2]}"),
        ("Length[Map[#^2 &, Range[10^5]]]", "100000"),
        ("SetAttributes[h, HoldAll]; Map[h, {1 + 1}]", "{h[2]}"),
        ("MapAll[f, {a, {b}}]", "f[{f[a], f[{f[b]}]}]"),
        ("f //@ {a}", "f[{f[a]}]"),
        ("MapAll[f, x]", "f[x]"),
        ("MapIndexed[f, {a, b}]", "{f[a, {1}], f[b, {2}]}"),
        ("MapIndexed[f, {{a, b}, {c}}, {2}]", "{{f[a, {1, 1}], f[b, {1, 2}]}, {f[c, {2, 1}]}}"),
        ("MapIndexed[f, {{a}}, 2]", "{f[{f[a, {1, 1}]}, {1}]}"),
        ("MapIndexed[f, <|x -> 1|>]", "<|x -> f[1, {Key[x]}]|>"),
        ("MapIndexed[f][{a}]", "{f[a, {1}]}"),
        ("MapAt[f, {a, b, c}, 2]", "{a, f[b], c}"),
        ("MapAt[f, {a, b, c}, -1]", "{a, b, f[c]}"),
        ("MapAt[f, {{a, b}, {c, d}}, {2, 1}]", "{{a, b}, {f[c], d}}"),
        ("MapAt[f, {a, b, c}, {{1}, {3}}]", "{f[a], b, f[c]}"),
        ("MapAt[f, {a, b}, {{1}, {1}}]", "{f[f[a]], b}"),
        ("MapAt[f, {{a, b}, {c, d}}, {All, 2}]", "{{a, f[b]}, {c, f[d]}}"),
        ("MapAt[f, {a, b, c, d}, 2 ;; 3]", "{a, f[b], f[c], d}"),
        ("MapAt[f, {{a}}, {{1}, {1, 1}}]", "{f[{f[a]}]}"),
        ("MapAt[f, <|a -> 1, b -> 2|>, Key[b]]", "<|a -> 1, b -> f[2]|>"),
        ("MapAt[f, 2][{a, b}]", "{a, f[b]}"),
    ],
)
def test_map_family(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        (
            "Map[f, {1}, Foo -> 1]",
            "Map::optx",
            "Map::optx: Unknown option Foo in Map[f, {1}, Foo -> 1].",
        ),
        (
            "Map[f, {1}, x]",
            "Map::level",
            "Map::level: Level specification x is not of the form n, {n}, or {m, n}.",
        ),
        (
            "Map[f, {1}, 1, 2]",
            "Map::nonopt",
            "Map::nonopt: Options expected (instead of 2) beyond position 3 in Map[f, {1}, 1, 2]. "
            "An option must be a rule or a list of rules.",
        ),
        ("MapAt[f, {a, b, c}, 5]", "MapAt::partw", "MapAt::partw: Part {5} of {a, b, c} does not exist."),
        ("MapAt[f, {a, b}, {1, 2}]", "MapAt::partw", "MapAt::partw: Part {1, 2} of {a, b} does not exist."),
    ],
)
def test_map_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_map_without_arguments(lyra):
    assert lyra("Map[]") == "Map[]"
    assert lyra.messages == ["Map::argb"]


# ================================================================ Apply, Scan
@pytest.mark.parametrize(
    "source, expected",
    [
        ("f @@ {a, b}", "f[a, b]"),
        ("Apply[Plus, {1, 2, 3}]", "6"),
        ("Apply[f, g[a, b]]", "f[a, b]"),
        ("Apply[f, x]", "x"),
        ("Apply[f, {{a}, {b}}, {1}]", "{f[a], f[b]}"),
        ("f @@@ {{a}, {b}, c}", "{f[a], f[b], c}"),
        ("Apply[f, {{{a}}}, {2}]", "{{f[a]}}"),
        ("Apply[f, {{a}}, {0, 1}]", "f[f[a]]"),
        ("Apply[f, <|a -> 1, b -> 2|>]", "f[1, 2]"),
        ("Apply[f][{1, 2}]", "f[1, 2]"),
        ("Plus @@@ {{1, 2}, {3, 4}}", "{3, 7}"),
        ("Scan[f, {1, 2}]", "Null"),
        ("Scan[Return, {1, 2}]", "1"),
        ("s = 0; Scan[(s += #) &, {1, 2, 3}]; s", "6"),
        ("s = 0; Scan[(s += #) &, {{1}, {2}}, {2}]; s", "3"),
        ("s = 0; Scan[(If[# > 2, Break[]]; s += #) &, {1, 2, 3, 4}]; s", "3"),
        ("s = {}; Scan[AppendTo[s, #] &, <|a -> 1, b -> 2|>]; s", "{1, 2}"),
        ("Scan[f, x]", "Null"),
    ],
)
def test_apply_scan(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_scan_prints_in_order(lyra):
    printed = []
    lyra.session._stdout = printed.append
    lyra("Scan[Print, {1, 2}]")
    assert "".join(printed) == "1\n2\n"


def test_apply_bad_level(lyra):
    assert lyra("Apply[f, {a}, x]") == "Apply[f, {a}, x]"
    assert lyra.messages == ["Apply::level"]


# ================================================================ Thread, MapThread
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Thread[f[{a, b}, {c, d}]]", "{f[a, c], f[b, d]}"),
        ("Thread[f[{a, b}, c]]", "{f[a, c], f[b, c]}"),
        ("Thread[{a, b} -> {1, 2}]", "{a -> 1, b -> 2}"),
        ("Thread[{a, b} == {1, 2}]", "{a == 1, b == 2}"),
        ("Thread[f[a]]", "f[a]"),
        ("Thread[x]", "x"),
        ("Thread[f[g[a, b], {c, d}], g]", "g[f[a, {c, d}], f[b, {c, d}]]"),
        ("Thread[f[{a, b}, {c, d}], List, 1]", "{f[a, {c, d}], f[b, {c, d}]}"),
        ("Thread[f[{a, b}, {c, d}], List, -1]", "{f[{a, b}, c], f[{a, b}, d]}"),
        ("MapThread[f, {{a, b}, {c, d}}]", "{f[a, c], f[b, d]}"),
        ("MapThread[f, {{a, b}, {c, d}, {e, g}}]", "{f[a, c, e], f[b, d, g]}"),
        ("MapThread[f, {}]", "{}"),
        ("MapThread[f, {{}, {}}]", "{}"),
        ("MapThread[f, {{{a, b}}, {{c, d}}}, 2]", "{{f[a, c], f[b, d]}}"),
        ("MapThread[Plus, {{1, 2}, {10, 20}}]", "{11, 22}"),
        ("MapThread[f][{{a}, {b}}]", "{f[a, b]}"),
    ],
)
def test_thread(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        (
            "Thread[f[{a, b}, {c}]]",
            "Thread::tdlen",
            "Thread::tdlen: Objects of unequal length in f[{a, b}, {c}] cannot be combined.",
        ),
        (
            "MapThread[f, {{a, b}, {c}}]",
            "MapThread::mptc",
            "MapThread::mptc: Incompatible dimensions of objects at positions {2, 1} and {2, 2} of "
            "MapThread[f, {{a, b}, {c}}]; dimensions are 2 and 1.",
        ),
        (
            "MapThread[f, {a, b}]",
            "MapThread::mptd",
            "MapThread::mptd: Object a at position {2, 1} in MapThread[f, {a, b}] has only 0 of required 1 dimensions.",
        ),
        ("MapThread[f, x]", "MapThread::list", "MapThread::list: List expected at position 2 in MapThread[f, x]."),
    ],
)
def test_thread_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


# ================================================================ Fold, Nest
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Fold[f, x, {a, b}]", "f[f[x, a], b]"),
        ("Fold[Plus, 0, {1, 2, 3}]", "6"),
        ("Fold[f, {a, b, c}]", "f[f[a, b], c]"),
        ("Fold[f, x, {}]", "x"),
        ("Fold[f, {a}]", "a"),
        ("Fold[f, {}]", "Fold[f, {}]"),
        ("Fold[f, x, g[a, b]]", "f[f[x, a], b]"),
        ("Fold[f][{a, b}]", "f[a, b]"),
        ("Fold[Plus, 0, Range[10^5]]", "5000050000"),
        ("Fold[#1*10 + #2 &, 0, {1, 2, 3}]", "123"),
        ("FoldList[f, x, {a, b}]", "{x, f[x, a], f[f[x, a], b]}"),
        ("FoldList[Plus, {1, 2, 3}]", "{1, 3, 6}"),
        ("FoldList[Plus, 0, {}]", "{0}"),
        ("FoldList[f, {}]", "{}"),
        ("FoldList[f, x, g[a]]", "g[x, f[x, a]]"),
        ("Nest[f, x, 3]", "f[f[f[x]]]"),
        ("Nest[f, x, 0]", "x"),
        ("Nest[2 # &, 1, 10]", "1024"),
        ("NestList[f, x, 2]", "{x, f[x], f[f[x]]}"),
        ("NestList[2 # &, 1, 3]", "{1, 2, 4, 8}"),
        ("NestWhile[#/2 &, 96, EvenQ]", "3"),
        ("NestWhile[#/2 &, 3, EvenQ]", "3"),
        ("NestWhileList[#/2 &, 96, EvenQ]", "{96, 48, 24, 12, 6, 3}"),
        ("NestWhile[# + 1 &, 1, # < 10 &, 1, 3]", "4"),
        ("NestWhile[Floor[#/2] &, 100, UnsameQ, 2]", "0"),
        ("NestWhileList[Floor[#/2] &, 10, UnsameQ, 2]", "{10, 5, 2, 1, 0, 0}"),
        ("NestWhile[# + 1 &, 1, Plus[##] < 20 &, All]", "6"),
        ("NestWhileList[# + 1 &, 1, Plus[##] < 6 &, {1, 2}]", "{1, 2, 3, 4}"),
        ("NestWhileList[# + 1 &, 1, # < 5 &, 1, Infinity, -1]", "{1, 2, 3, 4}"),
        ("NestWhileList[# + 1 &, 1, # < 5 &, 1, Infinity, 2]", "{1, 2, 3, 4, 5, 6, 7}"),
        ("NestWhile[# + 1 &, 1, # < 5 &, 1, Infinity, -1]", "4"),
        ("FixedPoint[Floor[#/2] &, 100]", "0"),
        ("FixedPoint[f, x, 3]", "f[f[f[x]]]"),
        ("FixedPointList[Floor[#/2] &, 10]", "{10, 5, 2, 1, 0, 0}"),
        ("FixedPointList[f, x, 2]", "{x, f[x], f[f[x]]}"),
        ("FixedPoint[Cos, 1.] == Cos[FixedPoint[Cos, 1.]]", "True"),
        ("FixedPoint[# + 1 &, 1, SameTest -> (#2 > 5 &)]", "6"),
    ],
)
def test_fold_nest(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


@pytest.mark.parametrize(
    "source, message, text",
    [
        (
            "Nest[f, x, -1]",
            "Nest::intnm",
            "Nest::intnm: Non-negative machine-sized integer expected at position 3 in Nest[f, x, -1].",
        ),
        (
            "NestList[f, x, y]",
            "NestList::intnm",
            "NestList::intnm: Non-negative machine-sized integer expected at position 3 in NestList[f, x, y].",
        ),
        (
            "Fold[f, x, y]",
            "Fold::normal",
            "Fold::normal: Nonatomic expression expected at position 3 in Fold[f, x, y].",
        ),
        (
            "FixedPoint[f, x, -1]",
            "FixedPoint::intnm",
            "FixedPoint::intnm: Non-negative machine-sized integer expected at position 3 in FixedPoint[f, x, -1].",
        ),
    ],
)
def test_fold_nest_errors(lyra, source, message, text):
    assert lyra(source) == source
    assert lyra.messages == [message]
    assert lyra.message_texts == [text]


def test_fixed_point_can_be_interrupted(lyra):
    # Never reaches a fixed point: TimeConstrained must stop it.
    assert lyra("TimeConstrained[FixedPoint[# + 1 &, 0], 0.5]") == "$Aborted"


# ================================================================ Composition, Through, quantifiers
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Composition[f, Identity]", "f"),
        ("Composition[Identity, f, Identity, g]", "f @* g"),
        ("Composition[]", "Identity"),
        ("Composition[f]", "f"),
        ("Composition[f, Composition[g, h]]", "f @* g @* h"),
        ("RightComposition[f, g]", "f /* g"),
        ("Through[{f, g}[x]]", "{f[x], g[x]}"),
        ("Through[(f + g)[x]]", "f[x] + g[x]"),
        ("Through[p[f, g][x, y]]", "p[f[x, y], g[x, y]]"),
        ("Through[p[f, g][x], p]", "p[f[x], g[x]]"),
        ("Through[p[f, g][x], q]", "p[f, g][x]"),
        ("Through[f[x]]", "f[x]"),
        ("AllTrue[{2, 4}, EvenQ]", "True"),
        ("AllTrue[{2, 3}, EvenQ]", "False"),
        ("AllTrue[{}, EvenQ]", "True"),
        ("AnyTrue[{1, 2}, EvenQ]", "True"),
        ("AnyTrue[{1, 3}, EvenQ]", "False"),
        ("NoneTrue[{1, 3}, EvenQ]", "True"),
        ("NoneTrue[{1, 2}, EvenQ]", "False"),
        ("AllTrue[{{2}, {4, 6}}, EvenQ, 2]", "False"),
        ("AllTrue[{{2}, {4, 6}}, EvenQ, {2}]", "True"),
        ("AllTrue[EvenQ][{2}]", "True"),
        ("AnyTrue[<|a -> 1, b -> 2|>, EvenQ]", "True"),
        ("AnyTrue[{x, y}, EvenQ]", "False"),
    ],
)
def test_composition_through_quantifiers(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_quantifiers_stop_at_the_first_decision(lyra):
    assert lyra("n = 0; AnyTrue[{1, 2, 3, 4}, (n++; EvenQ[#]) &]; n") == "2"
    assert lyra("n = 0; AllTrue[{1, 2, 3, 4}, (n++; EvenQ[#]) &]; n") == "1"


def test_apply_composition_builds_the_nested_call():
    f, g, h, x = (lookup(n) for n in ("f", "g", "h", "x"))
    assert apply_composition(None, E(S.Composition, f, g, h), (x,)) == E(f, E(g, E(h, x)))
    assert apply_composition(None, E(S.RightComposition, f, g), (x,)) == E(g, E(f, x))


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Composition[f, g][x]", "f[g[x]]"),
        ("(f @* g @* h)[x, y]", "f[g[h[x, y]]]"),
        ("RightComposition[f, g][x]", "g[f[x]]"),
        ("(#^2 & /* (# + 1 &))[3]", "10"),
    ],
)
def test_composition_applied(lyra, source, expected):
    assert lyra(source) == expected
