"""The VM's compiled units -- pure functions, loop bodies, And/Or, native
assignments -- give exactly the tree-walker's results and messages."""

import pytest

from lyra_core import Session

PROGRAMS = [
    # loops: the variable is scoped dynamically, as Block does
    "f[] := i; Table[f[], {i, 3}]",
    "Table[Hold[i], {i, 3}]",
    "Do[i = 7; Print[i], {i, 2}]",
    "s = 0; Do[s += i^2, {i, 1, 100}]; s",
    "s = 0; Do[If[i > 5, Break[]]; s += i, {i, 100}]; s",
    "s = 0; Do[If[OddQ[i], Continue[]]; s += i, {i, 10}]; s",
    "g[n_] := Do[If[i == n, Return[i^2]], {i, 10}]; g[4]",
    "Table[If[i == 2, Continue[], i], {i, 3}]",
    "Catch[Do[If[i == 3, Throw[i]], {i, 10}]]",
    "Table[i/2, {i, 5}]",
    "Table[x^i, {i, 0, 4}]",
    "Table[i, {i, 1, 2, 1/2}]",
    "Table[i, {i, {a, b, c}}]",
    "Table[Sequence[i, i], {i, 3}]",
    "Sum[1/i, {i, 1, 20}]",
    "Sum[i, {i, 1, n}]",
    "Sum[i^2, {i, 1.5, 4}]",
    "Do[Print[i], {i, 1, x}]",
    "i = 5; Do[Null, {i, 3}]; i",
    "k = 0; While[k < 10, k++]; k",
    "k = 0; While[True, If[k++ > 4, Break[]]]; k",
    "k = 0; r = {}; While[k < 5, k++; If[EvenQ[k], Continue[]]; AppendTo[r, k]]; r",
    "k = 1; While[k < 100, k *= 3]; k",
    "k = 1/2; Do[k += 1, {3}]; k",
    "u = x; Do[u += i, {i, 3}]; u",
    "Do[v++, {3}]; v",
    "w = 10; Do[w -= i, {i, 4}]; w",
    "Module[{s = 0}, Do[s += i^2, {i, 1, 1000}]; s]",
    "Module[{t = 1}, Do[t = Mod[t * i, 1000003], {i, 1, 500}]; t]",
    "Table[Mod[i, 3] + Quotient[i, 4] + Max[i, 5] + Min[i, 2] + Abs[-i], {i, -3, 8}]",
    "Table[Mod[i, 0], {i, 2}]",
    "Table[2^i, {i, 0, 70, 10}]",
    "Table[i^-1, {i, 1, 3}]",
    "Table[If[EvenQ[i], i, -i], {i, 6}]",
    "Table[i > 2 && i < 5, {i, 6}]",
    "Table[i < 2 || i > 4, {i, 6}]",
    "Table[i > 2 && x, {i, 4}]",
    "Table[x || i > 2, {i, 4}]",
    "n = 0; Table[(n++; i > 2) && (n++; True), {i, 4}]; n",
    "For[i = 0, i < 5, i++, Print[i]]",
    "For[i = 0; s = 0, i < 10, i++, If[OddQ[i], Continue[]]; s += i]; s",
    "For[i = 0, i < 10, i++, If[i == 3, Break[]]]; i",
    "f[k_] := For[j = 0, True, j++, If[j > k, Return[j]]]; f[4]",
    "For[i = 0, i < 3]",
    "Table[Which[i == 1, a, i == 2, b, True, c], {i, 3}]",
    "g[n_] := Which[n < 0, -1, n == 0, 0, n > 0, 1]; {g[-3], g[0], g[2], g[z]}",
    "Which[x, 1, True, 2]",
    "Which[False, 1]",
    "Which[1, 2, 3]",
    # machine reals: fast paths with the builtin's overflow, -0. and tolerance rules
    "Module[{s = 0.}, Do[s += 1.5 i, {i, 1, 100}]; s]",
    "Module[{x = 1.}, Do[x = x * 1.0001 + 0.5, {100}]; x]",
    "Module[{s = 1.}, Table[s *= 1.5; s -= 0.25; s++; --s; s--, {i, 40}]]",
    "s = -0.; Table[{s -= 0., s += -0., s *= -1, s -= 2^60, s += 2^80, s *= 1.*^300}, {i, 40}]",
    "t = 2.5; Do[t -= x, {40}]; t",
    "u = 1.; Do[u *= 10., {i, 400}]; u",
    "w = 1.; Do[w *= 0.1, {i, 400}]; w",
    "Table[x * i, {x, {0., 1.*^300, 1.*^-300, -0.}}, {i, {0, 1.*^10, 1.*^-20, 2, 2^70}}]",
    "Table[{1. + i, i + 0.5, i - 0.5, 2.5 i}, {i, {1, 2^60, 2^80, -0., 1/2, x, 1.5`30}}]",
    "Table[{1. <= i, i > 1.0000000000000002, i >= 2., i < 1.0000000000000004, 0.1 + 0.2 > 0.3}, {i, {1, 2, 1., 2^70}}]",
    "Table[{i < 2., i <= I, i > Pi}, {i, {1.5, 3.5, a}}]",
    "Table[1. - 10^-16 i < 1, {i, 0, 40}]",
    # Do and Table without a variable
    "Do[1, {i, 2}, {50}]",
    "n = 0; Do[n += 1, {100}]; n",
    "Table[RandomInteger[0], {40}]",
    "Do[If[k++ > 40, Break[]], {100}]; k",
    "k = 0; Do[If[k++ > 40, Break[]], {100}]; k",
    "Module[{c = 0}, Do[c++; If[c == 35, Return[c]], {100}]]",
    "Table[q, {50}]; q = 3; Total[Table[q, {40}]]",
    "Do[Print[1], {x}]",
    "Do[Continue[]; Print[1], {40}]",
    "Table[a, {3.5}]",
    # pure functions
    "Map[#^2 + 1 &, Range[10]]",
    "Map[# + 1/2 &, {1, 2, 3}]",
    "Map[Sequence[#, #] &, {1, 2}]",
    "Map[f, {1, 2}]",
    "Map[#2 &, {1, 2}]",
    "Map[Function[x, x^2], {1, 2.5, a}]",
    "Map[Function[{x, y}, x + y], {1, 2}]",
    "Map[(# + #2) &, {1, 2}]",
    "Map[Hold[#] &, {1, 2}]",
    "Map[(#; x) &, {1, 2}]",
    "Fold[#1 + #2 &, 0, Range[100]]",
    "Fold[#1 * #2 &, 1, Range[1, 10, 1/2]]",
    "Fold[f[#1, #2] &, x, {a, b}]",
    "Fold[Plus, 0, Range[10]]",
    "Select[Range[20], EvenQ]",
    "Select[Range[20], # > 15 &]",
    "Select[Range[10], PrimeQ[#] && OddQ[#] &]",
    "h[x_] := x > 3; Select[Range[6], h]",
    "Select[{1, a, 2}, IntegerQ]",
    # predicates called without an evaluation level (Builtin.pure)
    "Select[{1, 2, 2., 3/2, -4, \"s\", x, 10^30}, EvenQ]",
    "Map[NumberQ, {1, 2.5, 1/3, x, \"a\", I}]",
    "{Select[{1.5, 2, 1/2}, ExactNumberQ], Select[{1.5, 2, 1/2}, InexactNumberQ]}",
    "Map[OddQ, {1, 2, x}, {0, 1}]",
    "Unprotect[EvenQ]; EvenQ[3] = True; r = Select[Range[5], EvenQ]; EvenQ[3] =.; Protect[EvenQ]; r",
    # the recursion limit reached at the predicate's level, whichever parity
    "d[n_] := If[n > 0, {d[n - 1]}, Select[Range[4], EvenQ]]; e[n_] := If[n > 0, {e[n - 1]}, {Select[{2}, EvenQ]}];"
    " Table[Block[{$RecursionLimit = 20}, {d[k], e[k]}], {k, 7, 10}]",
    "Map[Function[x, Return[x]; 0], {1, 2}]",
    "Map[If[# > 1, Return[#], 0] &, {1, 2}]",
    "Map[(x = #; x^2) &, {3, 4}]",
    "Map[Module[{y = #}, y + 1] &, {1, 2}]",
    "NestList[#^2 &, 2, 4]",
    "Nest[(# + 2/#)/2 &, 1, 3]",
    "Apply[#1^#2 &, {2, 10}]",
    "Map[Sin, {0, 1.0}]",
    "Map[StringLength, {\"ab\", \"c\"}]",
    "Map[Plus[#, 1] &, {{1, 2}, 3}]",
    # definitions changing inside compiled code
    "Do[If[i == 2, q[x_] := 10 x]; Print[q[i]], {i, 3}]",
    "Do[If[i == 2, Unprotect[Plus]; 1 + 1 = 3; Protect[Plus]]; Print[1 + i], {i, 3}]; Unprotect[Plus]; Clear[Plus]; Protect[Plus]",
    "Map[(If[# == 2, r = 5]; # + r) &, {1, 2, 3}]",
    # messages
    "Table[1/i, {i, -1, 1}]",
    "Map[#[[2]] &, {{1, 2}, {3}}]",
    "Do[Print[i], {i, 1, 3, 0}]",
    "Table[i, {i, 1, \"x\"}]",
    "Map[#1 + #2 &, {1, 2}]",
    "p = 2; Do[Protect[p]; p = 3, {2}]; Unprotect[p]; p",
]


def _on_both_engines(program, keep_message=lambda text: text):
    """{engine: (InputForm of the value, messages, printed lines)}."""
    outputs = {}
    for engine in ("tree", "vm"):
        printed = []
        s = Session(engine=engine, stdout=printed.append)
        value = s.evaluate(program)
        outputs[engine] = (s.format(value) if value is not None else None,
                           [keep_message(m) for m in s.message_texts], printed)
        s.close()
    return outputs


@pytest.mark.parametrize("program", PROGRAMS)
def test_units_agree_with_the_tree_walker(program):
    outputs = _on_both_engines(program)
    assert outputs["vm"] == outputs["tree"]


def test_loop_and_function_results_are_exact():
    s = Session(engine="vm")
    assert s.format(s.evaluate("Module[{s = 0}, Do[s += i^2, {i, 1, 10^4}]; s]")) == str(sum(i * i for i in range(1, 10**4 + 1)))
    assert s.format(s.evaluate("Total[Map[#^2 + 1 &, Range[1000]]]")) == str(sum(i * i + 1 for i in range(1, 1001)))
    assert s.format(s.evaluate("Fold[#1 + #2 &, 0, Range[1000]]")) == "500500"
    assert s.format(s.evaluate("Length[Select[Range[1000], EvenQ]]")) == "500"
    # the compiled units ran: compiled once each, then found in the cache
    assert s.ev.stats["compile_cache_misses"] >= 3
    hits = s.ev.stats["compile_cache_hits"]
    s.evaluate("Do[Null, {3}]; loop = Hold[Do[t += i, {i, 100}]]; t = 0; ReleaseHold[loop]; ReleaseHold[loop]; t")
    assert s.ev.stats["compile_cache_hits"] > hits


def test_recursion_limit_inside_compiled_function_matches():
    outputs = _on_both_engines("$RecursionLimit = 40; r[n_] := Map[r[#] + 1 &, {n}]; r[1]")
    assert outputs["vm"] == outputs["tree"]
    assert "$RecursionLimit::reclim" in outputs["tree"][1][0]


def test_iteration_limit_in_loop_body_matches():
    outputs = _on_both_engines("$IterationLimit = 20; Table[Nest[u, 0, i], {i, 2}]")
    assert outputs["vm"] == outputs["tree"]


SCOPED = [
    "f[x_] := Module[{y = x^2, z}, z = y + 1; z += 2; {y, z}]; f[3]",
    "g[x_] := With[{y = x + 1}, y^2]; g[4]",
    "h[x_] := Module[{t}, t]; StringMatchQ[ToString[h[1]], \"t$\" ~~ DigitCharacter ..]",
    "k[n_] := Module[{s = 0}, Do[s += i, {i, n}]; s]; k[100]",
    "m[x_] := Module[{q}, q[y_] := y + x; q[2]]; {m[1], m[5]}",
    "w[x_] := Module[{a = x}, Hold[a]]; First[w[3]] === 3",
    "w2[x_] := Module[{a = x}, Hold[a]]; ReleaseHold[w2[3]]",
    "p[x_] := Module[{x = 2}, x]; p[7]",
    "r[x_] := Module[{y = x}, y++; y]; r[3]",
    "u[x_] := Module[{y = x}, Protect[y]; y = 5; y]; u[1]",
    "v[x_] := With[{y = x}, Hold[y]]; v[2]",
    "inner[] := Module[{a}, a]; outer[] := Module[{b = inner[]}, {b, b}]; Length[outer[]]",
    "n1[x_] := Module[{y = x}, Module[{y = y + 1}, y]]; n1[1]",
    "wt[x_] := With[{y = x, z = 2 x}, y + z]; wt[5]",
    "wb[x_] := With[{y}, y]; wb[1]",
    "md[x_] := Module[{y := x + 1}, y]; md[1]",
    "mb[x_] := Module[y, y]; mb[1]",
    "ml[x_] := Module[{y = x}, Do[y *= 2, {3}]; y]; ml[1/2]",
    # an argument that mentions a local is captured, as substitution then renaming does
    "w[x_] := With[{y = 2}, x + y]; w[y]",
    "m[x_] := Module[{y = 1}, {x, y}]; m[y]",
    "m2[x_] := Module[{y = 1}, Hold[x]]; m2[f[y]]",
    "Map[Function[x, Module[{y = 1}, x + y]], {y, 2}]",
    "c[n_] := Module[{s = 0}, Map[# + 1 &, {n}]]; c[Module[{s = 5}, Hold[s]]]",
]


@pytest.mark.parametrize("program", SCOPED)
def test_scoping_constructs_agree(program):
    # Messages name the locals (y$12): compare them up to the number.
    outputs = _on_both_engines(program, keep_message=lambda text: text.split("$")[0])
    assert outputs["vm"] == outputs["tree"]


def test_module_locals_in_compiled_code_are_released():
    import gc

    from lyra_core.expr import symbol as symtab

    s = Session(engine="vm")
    s.evaluate("f[x_] := Module[{y = x, z}, z = y + 1; z]; Do[f[i], {i, 5}]")
    gc.collect()
    before = len(symtab._table)
    s.evaluate("Do[f[i], {i, 300}]")
    gc.collect()
    assert len(symtab._table) - before < 10


def test_compiled_units_do_not_keep_module_locals_alive():
    import gc

    from lyra_core.expr import symbol as symtab

    s = Session(engine="vm")
    programs = [
        "Module[{a = Range[100]}, Total[Table[a[[i]], {i, 50}]]]",
        "Module[{k = 3}, Total[Map[# + k &, Range[100]]]]",
        "Module[{s = 0}, Do[s += i, {i, 100}]; s]",
        "Module[{f}, f[n_] := If[n < 1, 0, n + f[n - 1]]; f[5]]",  # its compiled rule names f$nnn
    ]
    for p in programs:
        s.evaluate(p)
    gc.collect()
    before = len(symtab._table)
    for _ in range(30):
        for p in programs:
            s.evaluate(p)
    gc.collect()
    assert len(symtab._table) - before < 5
    assert s.format(s.evaluate(programs[0])) == "1275"


def test_machine_real_loops_compute_pythons_floats():
    s = Session(engine="vm")
    expected = 1.0
    for _ in range(1000):
        expected = expected * 1.0001 + 0.5
    value = s.evaluate("Module[{x = 1.}, Do[x = x * 1.0001 + 0.5, {1000}]; x]")
    assert value == expected and type(value) is float
    total = 0.0
    for i in range(1, 1001):
        total += 1.5 * i
    assert s.evaluate("Module[{t = 0.}, Do[t += 1.5 i, {i, 1, 1000}]; t]") == total
    # Do[body, {n}] runs a compiled body: its loop unit was compiled once.
    misses = s.ev.stats["compile_cache_misses"]
    s.evaluate("Do[y = 1, {100}]")
    assert s.ev.stats["compile_cache_misses"] == misses + 1
    assert "loop Do[y = 1, {100}]" in s.disassemble("Do[y = 1, {100}]", recursive=True)
