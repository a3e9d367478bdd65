"""Differential test: generated programs give the same InputForm and the
same messages on the tree-walker and on the VM (static and dynamic dispatch)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lyra_core import Session

_atoms = st.one_of(
    st.integers(-20, 20).map(str),
    st.sampled_from(["x", "y", "n", "1/2", "2.5", "-0.", "1.*^300", "0.1", "\"s\"", "{1, 2}", "{}", "True"]),
)


def _expr(children):
    binary = st.tuples(children, st.sampled_from(["+", "-", "*", "<", "==", ">="]), children)
    return st.one_of(
        binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["h", "Length", "Abs", "Max", "Head"]), children).map(
            lambda t: f"{t[0]}[{t[1]}]"
        ),
        st.tuples(children, children, children).map(lambda t: f"If[{t[0]}, {t[1]}, {t[2]}]"),
        st.tuples(children, children).map(lambda t: f"({t[0]}; {t[1]})"),
        st.tuples(children, children).map(lambda t: f"{{{t[0]}, {t[1]}}}"),
        children.map(lambda c: f"Table[{c}, {{i, 2}}]"),
        # the VM's compiled units: loop bodies, pure functions, scoping, And/Or, assignments
        st.tuples(children, children).map(lambda t: f"Table[{t[0]} + i, {{i, 0, 3}}] + {t[1]}"),
        children.map(lambda c: f"Module[{{s = 0}}, Do[s += i; s = s + {c}, {{i, 3}}]; s]"),
        children.map(lambda c: f"Sum[i * {c}, {{i, 1, 4}}]"),
        # machine reals in compiled loops (fast paths and their fallbacks); a loop without a variable
        # (a symbolic factor would nest 40 levels deep: a number stands in for it)
        children.map(lambda c: f"Module[{{r = 0.5, c = {c}}}, If[!NumberQ[c], c = 0.75]; "
                               f"Do[r = r * c + 0.25; r -= i, {{i, 40}}]; r]"),
        children.map(lambda c: f"Module[{{r = 1.5, c = {c}}}, If[!NumberQ[c], c = 1.25]; "
                               f"Do[r *= c; r++, {{40}}]; {{r, r < c, r >= 2.}}]"),
        children.map(lambda c: f"Map[# * {c} + 1 &, {{1, 2, n}}]"),
        children.map(lambda c: f"Fold[#1 + #2 - {c} &, 0, {{1, 2, 3}}]"),
        children.map(lambda c: f"Select[{{1, 2, 3, 4}}, # > {c} &]"),
        st.tuples(children, children).map(lambda t: f"Module[{{a = {t[0]}, b}}, b = a; b++; {{a, b, {t[1]}}}]"),
        st.tuples(children, children).map(lambda t: f"With[{{a = {t[0]}}}, a * {t[1]}]"),
        st.tuples(children, children).map(lambda t: f"({t[0]} && {t[1]})"),
        st.tuples(children, children).map(lambda t: f"({t[0]} || {t[1]})"),
        children.map(lambda c: f"Module[{{k = 0}}, While[k < 3, k++]; k + {c}]"),
        st.tuples(children, children).map(lambda t: f"Which[{t[0]}, 1, {t[1]}, 2, True, 3]"),
        children.map(lambda c: f"Module[{{k, s = 0}}, For[k = 0, k < 3, k++, s += {c}]; s]"),
        # Block, Switch, NestWhile, several iterators
        st.tuples(children, children).map(lambda t: f"Block[{{x = {t[0]}, y}}, {{x, y, {t[1]}}}]"),
        st.tuples(children, children).map(lambda t: f"Block[{{n = {t[0]}}}, h[n] + {t[1]}]"),
        st.tuples(children, children, children).map(
            lambda t: f"Switch[{t[0]}, 1, {t[1]}, _Integer, {t[2]}, {{_, _}}, pair, x_ /; x > 2, big, _, other]"
        ),
        st.tuples(children, children).map(lambda t: f"Switch[{t[0]}, {t[1]}, same, \"s\", str]"),
        children.map(lambda c: f"NestWhile[# + 1 &, 0, # < 3 && {c} =!= 0 &, 1, 5]"),
        children.map(lambda c: f"NestWhileList[h, {c}, IntegerQ[#] && # < 5 &, All, 4]"),
        # (8 x up to 8 iterations: enough for the innermost body to be compiled)
        st.tuples(children, children).map(lambda t: f"Total[Table[i j + {t[0]}, {{i, 8}}, {{j, i}}], 2] + {t[1]}"),
        children.map(lambda c: f"Module[{{s = 0}}, Do[s += i - j; If[s > 40, Break[]], {{i, 8}}, {{j, {c}}}]; s]"),
        children.map(lambda c: f"Sum[i + j {c}, {{i, 8}}, {{j, 8}}]"),
        children.map(lambda c: f"Table[Block[{{x = i}}, Switch[x, 1, {c}, _, x]], {{i, 40}}][[1 ;; 2]]"),
    )


_bodies = st.recursive(_atoms, _expr, max_leaves=8)
_definitions = st.lists(
    st.tuples(
        st.sampled_from(["f[n_]", "f[n_Integer]", "f[0]", "g[n_, m_]", "g[n_]", "f[n_ /; n > 3]", "g[{n_, y_}]"]),
        _bodies,
    ),
    min_size=1,
    max_size=4,
)


def _program(defs, tests):
    # Bodies call h (no recursion: random recursive bodies can branch
    # exponentially); recursion is covered by the fixed cases below.
    lines = ["$RecursionLimit = 60", "h[k_Integer] := k + 1; h[{k_, r___}] := {r}"]
    lines += [f"{lhs} := {rhs}" for lhs, rhs in defs]
    lines += [f"f[{t}]" for t in tests] + [f"g[{t}, 2]" for t in tests]
    return lines


def _outcome(engine, lines, **options):
    session = Session(engine=engine, **options)
    out = []
    for line in lines:
        value = session.evaluate(line)
        out.append((line, session.format(value), list(session.messages)))
    session.close()
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_definitions, st.lists(_bodies, min_size=1, max_size=3))
def test_engines_agree(defs, tests):
    lines = _program(defs, tests)
    tree = _outcome("tree", lines)
    assert _outcome("vm", lines) == tree
    assert _outcome("vm", lines, static_dispatch=False) == tree


def test_limits_and_control_flow_agree():
    lines = [
        "r[x_] := r[x + 1]", "r[1]",
        "u[x_] := 1 + u[x - 1]", "u[5]",
        "$IterationLimit = 50; r[1]",
        "w[n_] := If[n > 3, Return[n], w[n + 1]]", "w[0]",
        "c[n_] := (If[n > 2, Throw[n]]; c[n + 1])", "Catch[c[0]]",
        "m[n_] := Module[{t = n}, t + 1]", "m[4]",
        "v[x__] := {x}", "v[1, 2, 3]",
        "q[n_] := n; q[Sequence[1]]",
        "s[x_] := x; s[Unevaluated[1 + 1]]",
    ]
    tree = _outcome("tree", lines)
    assert tree[1][2] == ["$RecursionLimit::reclim"]
    assert tree[6][1] == "4" and tree[8][1] == "3" and tree[10][1] == "5"
    assert _outcome("vm", lines) == tree
    assert _outcome("vm", lines, static_dispatch=False) == tree


def test_recursive_definition_agrees_with_known_values():
    lines = ["fib[0] = 0; fib[1] = 1; fib[n_] := fib[n - 1] + fib[n - 2]", "fib[15]"]
    tree = _outcome("tree", lines)
    assert tree[1][1] == "610"
    assert _outcome("vm", lines) == tree
