"""The VM's compiled left sides (engine/vm/matchers.py) and its sums in normal
form (engine/vm/sums.py): the same results, messages and printed lines as
the tree-walker, for each shape they specialise and for the ones they leave
to the general matcher."""

import pytest

from lyra_core import Session
from lyra_core.engine.vm.matchers import compile_lhs
from lyra_core.expr import symbol as symtab
from perf.workloads import DERIVATIVE_RULES

ENGINES = ("tree", "vm")


def _run(engine, program, **options):
    """(InputForm of the value, message texts, printed lines) of program on engine."""
    printed = []
    s = Session(engine=engine, stdout=printed.append, **options)
    value = s.evaluate(program)
    out = (s.format(value) if value is not None else None, list(s.message_texts), printed)
    s.close()
    return out


def _agree(program):
    tree = _run("tree", program)
    assert _run("vm", program) == tree
    assert _run("vm", program, static_dispatch=False) == tree
    return tree


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


def value(engine, program, messages=0, printed=None):
    """The result of program on engine, checking the number of messages
    (and the printed lines when given)."""
    out = _run(engine, program)
    assert len(out[1]) == messages, out[1]
    if printed is not None:
        assert out[2] == printed
    return out[0]


# ---------------------------------------------------------------- the differentiator
D = DERIVATIVE_RULES.replace("\n", " ")


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("x^5", "5*x^4"),
        ("3 x^3 Sin[x]", "3*(x^3*Cos[x] + 3*x^2*Sin[x])"),
        ("Sin[x] Cos[x]", "Cos[x]^2 - Sin[x]^2"),
        ("x + x^2 + 3 + y x", "1 + 2*x + y"),
        ("Sin[x^2]", "2*x*Cos[x^2]"),
        ("a + b", "0"),
        ("x^2 y + x y", "y + 2*x*y"),
        ("2.5 x + x^2", "2.5 + 2*x"),
    ],
)
def test_differentiator_results(engine, expr, expected):
    assert value(engine, f"{D} d[{expr}, x]") == expected


def test_differentiator_on_the_benchmark_polynomial(engine):
    got = value(engine, f"{D} poly = Plus @@ Table[k x^k, {{k, 1, 100}}]; d[poly, x]")
    assert got == " + ".join(["1"] + [f"{k * k}*x" + (f"^{k - 1}" if k > 2 else "") for k in range(2, 101)])


def test_differentiator_agrees_with_the_tree_walker():
    _agree(f"{D} d[x^5 + 3 x^3 Sin[x] + 2 x Cos[x^2] + x^2 Sin[x] Cos[x], x]")
    _agree(f"{D} d[(x + 1) (x + 2) (x + 3) + x y z + Pi x^2, x]")
    _agree(f"{D} poly = Plus @@ Table[k x^k, {{k, 1, 40}}]; {{d[poly, x], d[poly, x] - d[poly, x], d[poly + Sin[x], x]}}")


def test_differentiator_near_the_recursion_limit_agrees():
    tree = _agree(f"$RecursionLimit = 40; {D} d[Plus @@ Table[k x^k, {{k, 1, 30}}], x]")
    assert tree[1] and "$RecursionLimit::reclim" in tree[1][0]
    _agree("$RecursionLimit = 30; t[a_ + b_] := t[a] + t[b]; t[z_] := z^2; t[Plus @@ Table[y[k], {k, 40}]]")


# ---------------------------------------------------------------- specialised shapes
def test_repeated_names(engine):
    p = "f[x_, x_] := same; "
    assert value(engine, p + "{f[1, 1], f[1, 1.], f[a, a], f[a, b], f[g[1], g[1]]}") == "{same, f[1, 1.], same, f[a, b], same}"


def test_repeated_name_across_a_split(engine):
    p = "f[a_ + b_, a_] := {a, b}; "
    assert value(engine, p + "{f[x + y + z, y], f[x + y + z, z], f[x + y + z, w]}") == (
        "{{y, x + z}, {z, x + y}, f[x + y + z, w]}"
    )
    p = "f[a_ + b_, b_] := {a, b}; "
    assert value(engine, p + "{f[x + y + z, y + z], f[x + y + z, x + y]}") == "{{x, y + z}, {z, x + y}}"


def test_pattern_test_with_builtin_and_user_predicates(engine):
    p = "f[n_?NumberQ] := n^2; g[n_?EvenQ] := even; "
    assert value(engine, p + "{f[3], f[1/2], f[2.], f[x], g[2], g[3], g[\"s\"]}") == (
        "{9, 1/4, 4., f[x], even, g[3], g[\"s\"]}"
    )
    # a definition for the predicate is seen at once
    assert value(engine, p + "f[x]; Unprotect[NumberQ]; NumberQ[x] = True; NumberQ[3] = False; {f[x], f[3]}") == (
        "{x^2, f[3]}"
    )
    assert value(engine, "h[n_?((Print[#]; # > 1) &)] := n; {h[1], h[2]}", printed=["1\n", "2\n"]) == "{h[1], 2}"


def test_conditions(engine):
    p = "f[x_ /; x > 2] := big; g[c_, x_] /; FreeQ[c, x] := free; "
    assert value(engine, p + "{f[1], f[3], f[y], g[y^2, x], g[x^2, x]}") == "{f[1], big, f[y], free, g[x^2, x]}"
    assert value(engine, "k[x_] /; x > 0 /; x < 5 := ok; {k[3], k[7], k[-1]}") == "{ok, k[7], k[-1]}"
    assert value(engine, "m[x_ + y_ /; y > 1] := {x, y}; {m[1 + a], m[2 + a]}") == "{m[1 + a], {a, 2}}"


def test_nested_heads_and_head_blanks(engine):
    p = "f[g[x_], h[y_Integer]] := {x, y}; "
    assert value(engine, p + "{f[g[1], h[2]], f[g[1], h[2.]], f[g[1, 2], h[2]], f[g[a], h[3]]}") == (
        "{{1, 2}, f[g[1], h[2.]], f[g[1, 2], h[2]], {a, 3}}"
    )
    assert value(engine, "f[x : g[y_]] := {x, y}; f[g[1]]") == "{g[1], 1}"
    assert value(engine, "f[HoldPattern[a_ + b_]] := {a, b}; f[x + y]") == "{x, y}"


def test_splits_of_plus_and_times(engine):
    assert value(engine, "f[a_ + b_] := {a, b}; {f[x + y + z], f[1 + x], f[x], f[2.5 + x + y]}") == (
        "{{x, y + z}, {1, x}, f[x], {2.5, x + y}}"
    )
    assert value(engine, "f[a_ b_] := {a, b}; {f[2 x y], f[x y], f[-x], f[x]}") == "{{2, x*y}, {x, y}, {-1, x}, f[x]}"
    assert value(engine, "t[a_ + b_] := a + t[b]; t[z_] := 10 z; {t[x + y + z + w], t[x + 2 y + 3 x^2], t[1 + x]}") == (
        "{w + x + y + 10*z, x + 3*x^2 + 20*y, 1 + 10*x}"
    )


def test_split_tries_every_way_while_a_condition_fails(engine):
    # the rule's condition sees each split in the general matcher's order
    program = "f[a_ + b_] /; (Print[{a, b}]; b === z) := {a, b}; f[x + y + z]"
    assert value(engine, program, printed=["{x, y + z}\n", "{y, x + z}\n", "{z, x + y}\n", "{x + y, z}\n"]) == "{x + y, z}"
    program = "g[a_ + b_] := {a, b} /; (Print[a]; a === y); g[x + y + z]"
    assert value(engine, program, printed=["x\n", "y\n"]) == "{y, x + z}"


def test_parts_of_sums_are_the_values_evaluation_gives(engine):
    # parts that evaluation would change: lists, numbers, like terms, UpValues
    # ({1, 2} + {3, 4, 5} stays, with Thread::tdlen: a part must not thread either)
    assert value(engine, "f[a_ + b_] := {a, b}; f[{1, 2} + {3, 4, 5}]", messages=1) == "{{1, 2}, {3, 4, 5}}"
    program = "f[a_ + b_] := {a, b + 0}; f[{1, 2} + {3, 4, 5} + x]"
    # the part {1, 2} + {3, 4, 5} is evaluated again (its own Thread::tdlen)
    assert value(engine, program, messages=4) == "{x, {1, 2} + {3, 4, 5}}"
    _agree(program)
    assert value(engine, "f[a_ + b_] := g[b] + a; {f[x + y + z], f[1 + x + y], f[1. + x + Pi]}") == (
        "{x + g[y + z], 1 + g[x + y], 4.141592653589793 + g[x]}"
    )
    assert value(engine, "f[a_ b_] := g[b] a; {f[2 x y z], f[-1 x (a + b)], f[x y (a + b)]}") == (
        "{2*g[x*y*z], -g[x*(a + b)], x*g[y*(a + b)]}"
    )
    program = "v /: Plus[v, w, q] := vwq; f[a_ + b_] := g[b]; f[v + w + q + r]"
    assert value(engine, program) == "g[vwq]"


def test_terms_merged_into_sums(engine):
    p = "t[a_ + b_] := t[b] + a; t[z_] := z; "
    assert value(engine, p + "t[a + b + c + d + e]") == "a + b + c + d + e"
    assert value(engine, p + "{t[x + 2 x^2 + 3 y], t[1 + x + y], t[2 x + y + x y]}") == (
        "{x + 2*x^2 + 3*y, 1 + x + y, 2*x + y + x*y}"
    )
    assert value(engine, "u[a_ + b_] := u[b] + 2 a; u[z_] := z; u[x + y + z]") == "2*x + 2*y + z"
    assert value(engine, "s[a_ + b_] := s[b] + a/2; s[z_] := z; s[x + y + 1/3]") == "1/6 + x/2 + y"


# ---------------------------------------------------------------- rule order, fallback, invalidation
def test_rule_order_is_respected(engine):
    program = "f[x_Integer] := int; f[x_?NumberQ] := num; f[x_] := any; {f[1], f[1.5], f[a]}"
    assert value(engine, program) == "{int, num, any}"
    program = "f[a_ + b_] := first; f[x_] := second; {f[p + q], f[p]}"
    assert value(engine, program) == "{first, second}"


def test_shapes_left_to_the_general_matcher(engine):
    assert value(engine, "f[x__, y_] := {{x}, y}; f[1, 2, 3]") == "{{1, 2}, 3}"
    assert value(engine, "f[x_, y_:5] := {x, y}; {f[1], f[1, 2]}") == "{{1, 5}, {1, 2}}"
    assert value(engine, "f[x_Integer | x_Real] := num; {f[1], f[1.5], f[a]}") == "{num, num, f[a]}"
    assert value(engine, "f[a_ + b_ + c_] := {a, b, c}; f[w + x + y + z]") == "{w, x, y + z}"


def test_compile_lhs_shapes():
    s = Session(engine="vm")
    s.evaluate("f[a_ + b_, x_] := 1; f[x__] := 2; f[x_, x_] := 3; f[x_?NumberQ] := 4")
    f = symtab.lookup("f")
    compiled = {r.lhs: compile_lhs(r) for r in f.downvalues}
    names = {s.format(lhs): m is not None for lhs, m in compiled.items()}
    assert names == {"f[a_ + b_, x_]": True, "f[x__]": False, "f[x_, x_]": True, "f[x_?NumberQ]": True}
    s.close()


def test_attributes_set_after_first_use(engine):
    p = "f[a_ + b_] := {a, b}; r1 = f[x + y]; "
    assert value(engine, p + "SetAttributes[f, Orderless]; {r1, f[x + y], f[x + y, z]}") == (
        "{{x, y}, {x, y}, f[z, x + y]}"
    )
    assert value(engine, p + "SetAttributes[f, Flat]; {r1, f[x + y]}") == "{{x, y}, {x, y}}"
    p = "f[g[a_, b_]] := {a, b}; r1 = f[g[x + y, z]]; SetAttributes[g, {Flat, Orderless, OneIdentity}]; "
    assert value(engine, p + "{r1, f[g[x, y, z]]}") == "{{x + y, z}, {x, g[y, z]}}"
    assert value(engine, p + "ClearAttributes[g, OneIdentity]; f[g[x, y, z]]") == "{g[x], g[y, z]}"


def test_redefinition_replaces_the_compiled_matcher(engine):
    p = "f[a_ + b_] := {a, b}; r1 = f[x + y]; f[a_ + b_] := {b, a}; "
    assert value(engine, p + "{r1, f[x + y]}") == "{{x, y}, {y, x}}"
    p = "f[n_?NumberQ] := n; r1 = f[2]; f[n_?NumberQ] := -n; "
    assert value(engine, p + "{r1, f[2]}") == "{2, -2}"
    p = "f[n_ /; n > 1] := big; r1 = f[2]; Clear[f]; f[n_ /; n > 5] := big; "
    assert value(engine, p + "{r1, f[2], f[7]}") == "{big, f[2], big}"


def test_condition_messages_agree():
    _agree("f[x_ /; 1/x > 0] := pos; {f[2], f[0], f[-1]}")
    _agree("f[a_ + b_] /; Length[a] > 0 := {a, b}; f[x + g[1] + y]")
    _agree("f[x_?(1/# > 0 &)] := pos; {f[2], f[0]}")


# ---------------------------------------------------------------- generated programs
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Each left side with right sides that use only its names and call f only on
# strictly smaller parts: every generated program ends, in polynomial time.
_RULES = {
    "f[a_ + b_]": ["{a, b}", "f[b] + a", "a + f[b]", "f[a] f[b]", "Print[{a, b}]; a", "f[b] + 2 a",
                   "{a, b} /; a =!= x"],
    "f[a_ b_]": ["{a, b}", "g[b] a", "f[a] f[b]", "f[b] + a"],
    "f[a_ + b_, a_]": ["{a, b}", "f[b] + a"],
    "f[a_ + b_, b_]": ["{a, b}", "f[a, b]"],
    "f[x_, x_]": ["same", "{x}"],
    "f[x_?NumberQ]": ["x^2", "Print[x]; x"],
    "f[x_Integer]": ["x + 1"],
    "f[g[x_], y_]": ["{x, y}"],
    "f[x_ /; x > 1]": ["big"],
    "f[a_ + b_] /; b =!= z": ["{a, b}", "f[a] + b"],
    "f[a_^n_?NumberQ]": ["n a^(n - 1)", "{a, n}"],
    "f[a_ b_, c_]": ["{a, b, c}", "f[b, c] a"],
    "f[c_] /; FreeQ[c, x]": ["0", "c"],
    "f[x__]": ["{x}"],
    "f[x_, y_:0]": ["{x, y}"],
    "f[Sin[a_]]": ["Cos[a] f[a]"],
    "f[p : (a_ + b_)]": ["{p, f[a]}"],
}
_rules = st.sampled_from(sorted(_RULES)).flatmap(
    lambda lhs: st.sampled_from(_RULES[lhs]).map(lambda rhs: (lhs, rhs))
)
_terms = st.sampled_from(["x", "y", "z", "1", "2", "-1", "1/2", "2.5", "x^2", "2 x", "3 y^2", "Sin[x]",
                          "g[1]", "{1, 2}", "Pi", "x y"])
_subjects = st.lists(_terms, min_size=1, max_size=5).flatmap(
    lambda ts: st.sampled_from([" + ", " "]).map(lambda op: "(" + op.join(ts) + ")")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_rules, min_size=1, max_size=3),
    st.lists(st.tuples(_subjects, st.sampled_from(["", ", x", ", y", ", x + y"])), min_size=1, max_size=3),
)
def test_generated_rules_agree(rules, calls):
    defs = "; ".join(f"{lhs} := ({rhs})" for lhs, rhs in rules)
    lines = ", ".join(f"f[{s}{extra}]" for s, extra in calls)
    _agree(f"$RecursionLimit = 64; $IterationLimit = 200; {defs}; {{{lines}}}")


def test_pattern_test_around_a_split_is_tested_once():
    program = "f[(a_ + b_)?((Print[#]; True) &), c_ /; c > 1] := {a, b, c}; {f[x + y + z, 1], f[x + y, 2]}"
    assert _agree(program)[2] == ["x + y + z\n", "x + y\n"]
    program = "f[p : (a_ + b_), p_] := {a, b}; f[x + y, x + y]"
    assert _agree(program)[0] == "{x, y}"
