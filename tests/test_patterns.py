"""Pattern matching through the language: rules, replacement, the pattern
builtins and definitions. Every case runs on each engine under both matchers
(naive and fast) and must give WL's result."""

import pytest

CASES = [
    # ---- ReplaceAll basics
    ("{1, 2, 3} /. x_Integer -> x^2", "{1, 4, 9}"),
    ("f[a, b, c] /. f[x__] :> {x}", "{a, b, c}"),
    ("f[1, 2, 3] /. f[x__, y__] -> {{x}, {y}}", "{{1}, {2, 3}}"),
    ("f[1, 2, 3] /. f[x___, y__] -> {{x}, {y}}", "{{}, {1, 2, 3}}"),
    ("h[1, 2, 3, 4] /. h[x__, y_] :> {{x}, y}", "{{1, 2, 3}, 4}"),
    ("{a, b, c} /. {a -> 1, b -> 2}", "{1, 2, c}"),
    ("{a, b} /. {{a -> 1}, {a -> 2}}", "{{1, b}, {2, b}}"),
    ("{a, b} /. {}", "{a, b}"),
    ("f[a] /. f -> g", "g[a]"),
    ("f[f[a]] /. f[x_] :> g[x]", "g[f[a]]"),
    ("<|a -> x|> /. x -> 1", "<|a -> 1|>"),
    ("Hold[1 + 1] /. HoldPattern[1 + 1] -> 2", "Hold[2]"),
    ("Hold[x] /. x -> y", "Hold[y]"),
    ("f[1, 2] /. f[x__] :> Hold[x]", "Hold[1, 2]"),
    ("ReplaceAll[x -> 1][{x, y}]", "{1, y}"),
    ("{a, b} /. Dispatch[{a -> 1, b -> 2}]", "{1, 2}"),
    # ---- Replace with levels
    ("Replace[x, {x -> 1, x -> 2}]", "1"),
    ("Replace[{1, 2}, 1 -> a]", "{1, 2}"),
    ("Replace[{1, 2}, 1 -> a, {1}]", "{a, 2}"),
    ("Replace[g[g[a]], g[x_] :> h[x], All]", "h[h[a]]"),
    ("Replace[{{1}, 2}, 1 -> a, 2]", "{{a}, 2}"),
    ("Replace[x -> 5][x]", "5"),
    # ---- ReplaceRepeated
    ("f[3] //. f[n_ /; n > 0] :> n f[n - 1]", "6*f[0]"),
    ("{a, b} //. {a -> b, b -> c}", "{c, c}"),
    ("x //. x -> y", "y"),
    # ---- ReplaceList
    ("ReplaceList[{a, b, c}, {x__, y__} :> {{x}, {y}}]", "{{{a}, {b, c}}, {{a, b}, {c}}}"),
    ("ReplaceList[f[a, b], f[x___, y___] -> {{x}, {y}}, 2]", "{{{}, {a, b}}, {{a}, {b}}}"),
    (
        "ReplaceList[a + b + c, x_ + y_ -> {x, y}]",
        "{{a, b + c}, {b, a + c}, {c, a + b}, {a + b, c}, {a + c, b}, {b + c, a}}",
    ),
    ("ReplaceList[a + b + c, a + b -> x]", "{c + x}"),
    ("ReplaceList[x, x -> 1, 0]", "{}"),
    # ---- Orderless and Flat
    ("Hold[2 y + 3 y] /. a_ x_ + b_ x_ :> {a, b, x}", "Hold[{2, 3, y}]"),
    ("a + b /. x_ + y_ -> {x, y}", "{a, b}"),
    ("a + b + c /. x_ + y__ :> {x, {y}}", "{a, {b, c}}"),
    ("a + b + c /. a + b -> x", "c + x"),
    ("a + b + c /. a + c -> z", "b + z"),
    ("g[a + b + c] /. a + b -> x", "g[c + x]"),
    ("a*b*c /. a*c -> z", "b*z"),
    ("SetAttributes[f, Flat]; f[a, b, c] /. f[a, x_] -> {x}", "{f[b, c]}"),
    ("SetAttributes[f, Flat]; f[a, b, c] /. f[a, b] -> z", "f[z, c]"),
    ("SetAttributes[f, Flat]; f[1, 2, 3] /. f[x_, y_] :> {x, y}", "{f[1], f[2, 3]}"),
    ("SetAttributes[f, Flat]; f[a] /. f[x_] :> h[x]", "h[f[a]]"),
    ("SetAttributes[f, {Flat, OneIdentity}]; f[1, 2, 3] /. f[x_, y_] :> {x, y}", "{1, f[2, 3]}"),
    ("SetAttributes[f, {Flat, OneIdentity}]; f[a] /. f[x_] :> h[x]", "h[a]"),
    ("SetAttributes[f, Flat]; f[2, 2, 3] /. f[x_, y__] :> h[x, k[y]]", "h[f[2], k[2, 3]]"),
    ("SetAttributes[g, Orderless]; g[b, a] /. g[a, x_] -> x", "b"),
    ("SetAttributes[g, Orderless]; ReplaceList[g[a, b, c], g[x_, y__] :> {x, {y}}]", "{{a, {b, c}}, {b, {a, c}}, {c, {a, b}}}"),
    ("SetAttributes[g, Orderless]; g[1, a] /. g[x_Integer, y_] :> {x, y}", "{1, a}"),
    ("SetAttributes[g, Orderless]; g[a, 1] /. g[x_Symbol, y_] :> {x, y}", "{a, 1}"),
    # ---- conditions and tests
    ("{1, -2, 3} /. x_ /; x < 0 -> 0", "{1, 0, 3}"),
    ("{1, 2, 3} /. x_?OddQ :> -x", "{-1, 2, -3}"),
    ("{1, 3, 5} /. {x___, y_, z___} /; y > 2 :> {y}", "{3}"),
    ("{1, 2, 3, 4} /. {x__, y__} /; Length[{x}] == 3 :> {{x}, {y}}", "{{1, 2, 3}, {4}}"),
    ("f[2, 3] /. f[x_, y_] /; x < y :> {x, y}", "{2, 3}"),
    ("f[3, 2] /. f[x_, y_] /; x < y :> {x, y}", "f[3, 2]"),
    ("k[x_] := \"pos\" /; x > 0; k[x_] := \"neg\" /; x < 0; {k[1], k[-1], k[0]}", '{"pos", "neg", k[0]}'),
    ("s[x_ /; x > 10] := big; s[x_] := small; {s[20], s[5]}", "{big, small}"),
    ("s[x_?EvenQ] := even; s[x_] := other; {s[2], s[3]}", "{even, other}"),
    ("MatchQ[5, _?(# > 3 &)]", "True"),
    # ---- alternatives
    ("Cases[{a, b, c, a}, a | c]", "{a, c, a}"),
    ("{f[1], g[2]} /. (f[x_] | g[y_]) :> {x, y}", "{{1}, {2}}"),
    ("MatchQ[2.5, _Integer | _Real]", "True"),
    ("MatchQ[\"s\", _Integer | _Real]", "False"),
    # ---- optional arguments and defaults
    ("m[x_, y_:0] := {x, y}; {m[1], m[1, 2]}", "{{1, 0}, {1, 2}}"),
    ("m[x_:1, y_:2] := {x, y}; {m[], m[a], m[a, b]}", "{{1, 2}, {a, 2}, {a, b}}"),
    ("a /. x_. * y_ -> {x, y}", "{1, a}"),
    ("Cases[{2 a, a}, n_. * x_Symbol :> {n, x}]", "{{2, a}, {1, a}}"),
    ("{a, b} /. x_Symbol :> f[x]", "f[List][f[a], f[b]]"),  # heads are parts too
    ("Cases[{a, a^3}, x_^n_. :> {x, n}]", "{{a, 1}, {a, 3}}"),
    ("Cases[{a + b, a}, a + y_. :> y]", "{b, 0}"),
    ("{a + 1, a} /. x_ + y_. :> {x, y}", "{{1 + a, a}, 0}"),  # the whole list matches first
    ("Default[dd] = 5; dd[x_.] := x; {dd[], dd[2]}", "{5, 2}"),
    ("SetAttributes[oi, OneIdentity]; Default[oi] = 0; a /. oi[x_., y_] :> {x, y}", "{0, a}"),
    ("Default[no] = 0; a /. no[x_., y_] :> {x, y}", "a"),
    # ---- repeated
    ("MatchQ[{a, a, a}, {a..}]", "True"),
    ("MatchQ[{}, {a..}]", "False"),
    ("MatchQ[{}, {a...}]", "True"),
    ("MatchQ[{a, b}, {a..}]", "False"),
    ("Cases[{{1, 2}, {1, 2, 3}, {1}}, {Repeated[_, {2, 3}]}]", "{{1, 2}, {1, 2, 3}}"),
    ("Cases[{{1, 2}, {1, 2, 3}, {1}}, {Repeated[_, 2]}]", "{{1, 2}, {1}}"),
    ("f[a, a, b] /. f[x : a .., y___] :> {{x}, {y}}", "{{a}, {a, b}}"),
    ("{1, 1, 1} /. {x_ ..} :> x", "1"),
    ("MatchQ[{1, 2, 1}, {x_ ..}]", "False"),
    ("MatchQ[Range[10000], {__Integer}]", "True"),
    ("MatchQ[Append[Range[10000], a], {__Integer}]", "False"),
    # ---- except, verbatim, hold pattern
    ("Cases[{1, 0, 2, a}, Except[0]]", "{1, 2, a}"),
    ("Cases[{1, 0, 2, a}, Except[0, _Integer]]", "{1, 2}"),
    ("MatchQ[x_, Verbatim[x_]]", "True"),
    ("MatchQ[1, Verbatim[x_]]", "False"),
    ("{x_} /. Verbatim[x_] -> y", "{y}"),
    ("Cases[{1 + 1, Hold[1 + 1]}, Hold[HoldPattern[1 + 1]]]", "{Hold[1 + 1]}"),
    # ---- named patterns
    ("f[1, 1] /. f[x_, x_] -> same", "same"),
    ("f[1, 2] /. f[x_, x_] -> same", "f[1, 2]"),
    ("f[1, 1.] /. f[x_, x_] -> same", "f[1, 1.]"),
    ("f[{1, 2}] /. f[l : {__Integer}] :> Length[l]", "2"),
    ("Cases[{f[1], g[2], f[a]}, f[x_Integer]]", "{f[1]}"),
    ("Cases[{1, 2.5, 1/2, 2 + I, \"s\", a, {1}}, _Rational | _Complex]", "{1/2, 2 + I}"),
    # ---- options
    (
        "Options[opf] = {a -> 1, b -> 2}; opf[x_, OptionsPattern[]] := {x, OptionValue[a], OptionValue[b]};"
        " {opf[0], opf[0, b -> 5], opf[0, {a -> 3}]}",
        "{{0, 1, 2}, {0, 1, 5}, {0, 3, 2}}",
    ),
    ("Options[opf] = {a -> 1}; opf[OptionsPattern[]] := OptionValue[{a, \"a\"}]; opf[a -> 7]", "{7, 7}"),
    ("Options[opf] = {a -> 1, b -> 2}; OptionValue[opf, b]", "2"),
    ("Options[opf] = {a -> 1, b -> 2}; OptionValue[opf, {b -> 9}, {a, b}]", "{1, 9}"),
    ("opf[x_, opts : OptionsPattern[]] := {x, {opts}}; opf[1, a -> 2, b -> 3]", "{1, {a -> 2, b -> 3}}"),
    # ---- MatchQ, Cases, Position, Count, FreeQ, MemberQ, DeleteCases
    ("MatchQ[{1, 2}, {__Integer}]", "True"),
    ("MatchQ[_Integer][5]", "True"),
    ("MatchQ[a + b + c, a + b]", "False"),
    ("Cases[{1, a, 2.5, 3}, _Integer]", "{1, 3}"),
    ("Cases[{1, {2, {3}}}, _Integer, Infinity]", "{1, 2, 3}"),
    ("Cases[{1, {2, {3}}}, _Integer, {2}]", "{2}"),
    ("Cases[{1, {2, {3}}}, _List, Infinity]", "{{3}, {2, {3}}}"),
    ("Cases[{1, 2, a}, x_Integer :> x^2]", "{1, 4}"),
    ("Cases[{1, 2, 3, 4}, _Integer, 1, 2]", "{1, 2}"),
    ("Cases[{a + b, a - b}, a + x_ :> x]", "{b, -b}"),
    ("Cases[_Integer][{1, a, 2}]", "{1, 2}"),
    ("{1, 2, 3} |> Cases[_?OddQ]", "{1, 3}"),
    ("Cases[<|a -> 1, b -> x|>, _Integer]", "{1}"),
    ("Cases[f[a, 1], _Symbol, Heads -> True]", "{f, a}"),
    ("Position[{1, {1, 2}}, 1]", "{{1}, {2, 1}}"),
    ("Position[{1, a, {2}}, _Integer]", "{{1}, {3, 1}}"),
    ("Position[f[a], f]", "{{0}}"),
    ("Position[{{1}}, _List]", "{{1}, {}}"),
    ("Position[{1, 2, 1, 1}, 1, 1, 2]", "{{1}, {3}}"),
    ("Position[<|a -> 1, b -> 2|>, 2]", "{{Key[b]}}"),
    ("Count[{1, a, 2, b}, _Integer]", "2"),
    ("Count[{1, {2, a}}, _Integer, Infinity]", "2"),
    ("{1, a, 2} // Count[_Integer]", "2"),
    ("DeleteCases[{1, a, 2, b}, _Integer]", "{a, b}"),
    ("DeleteCases[{1, {2, a}}, _Integer, Infinity]", "{{a}}"),
    ("DeleteCases[{1, 2, 1, 1}, 1, 1, 2]", "{2, 1}"),
    ("DeleteCases[<|a -> 1, b -> 2|>, 1]", "<|b -> 2|>"),
    ("DeleteCases[_Integer][{1, a}]", "{a}"),
    ("MemberQ[{1, 2, 3}, 2]", "True"),
    ("MemberQ[{1, {2}}, 2]", "False"),
    ("MemberQ[{1, {2}}, 2, 2]", "True"),
    ("MemberQ[_String][{1, \"a\"}]", "True"),
    ("FreeQ[{1, x^2}, x]", "False"),
    ("FreeQ[{1, 2}, x]", "True"),
    ("FreeQ[f[a], f]", "False"),
    ("FreeQ[x][{y}]", "True"),
    # ---- definitions and their order
    ("f[x_] := 1; f[1] := 2; {f[1], f[2]}", "{2, 1}"),
    ("f[1] := 2; f[x_] := 1; {f[1], f[2]}", "{2, 1}"),
    ("f[x_] := 1; f[x_] := 3; {f[0], Length[DownValues[f]]}", "{3, 1}"),
    ("g[x_] := \"any\"; g[x_Integer] := \"int\"; {g[1], g[a]}", '{"int", "any"}'),
    ("g[x__] := \"seq\"; g[x_, y_] := \"two\"; {g[1, 2], g[1, 2, 3]}", '{"two", "seq"}'),
    ("g[x_] := \"plain\"; g[x_] /; x > 0 := \"positive\"; {g[1], g[-1]}", '{"positive", "plain"}'),
    (
        "h[x_] := 1; h[x_Integer] := 2; h[3] := 3; DownValues[h]",
        "{HoldPattern[h[3]] :> 3, HoldPattern[h[x_Integer]] :> 2, HoldPattern[h[x_]] :> 1}",
    ),
    (
        "lg[x_ y_] := lg[x] + lg[y]; lg[x_^n_] := n lg[x]; DownValues[lg]",
        "{HoldPattern[lg[x_*y_]] :> lg[x] + lg[y], HoldPattern[lg[x_^n_]] :> n*lg[x]}",
    ),
    ("fib[0] = 0; fib[1] = 1; fib[n_] := fib[n] = fib[n - 1] + fib[n - 2]; fib[60]", "1548008755920"),
    ("fact[0] = 1; fact[n_Integer /; n > 0] := n fact[n - 1]; {fact[10], fact[-1]}", "{3628800, fact[-1]}"),
    ("len[{}] = 0; len[{_, rest___}] := 1 + len[{rest}]; len[Range[50]]", "50"),
    ("SetAttributes[fl, Flat]; fl[a, b] := ab; fl[a, b, c]", "fl[ab, c]"),
    ("area[Circle[r_]] ^:= Pi r^2; area[Circle[2]]", "4*Pi"),
    ("sv[a][x_] := x + 1; sv[a][2]", "3"),
    # ---- the rule-based integrator of WL's Patterns tutorial
    (
        "integrate[y_ + z_, x_] := integrate[y, x] + integrate[z, x];"
        " integrate[c_ y_, x_] := c integrate[y, x] /; FreeQ[c, x];"
        " integrate[c_, x_] := c x /; FreeQ[c, x];"
        " integrate[x_^n_., x_] := x^(n + 1)/(n + 1) /; FreeQ[n, x] && n != -1;"
        " integrate[1/(a_. x_ + b_.), x_] := Log[a x + b]/a /; FreeQ[{a, b}, x];"
        " integrate[Exp[a_. x_ + b_.], x_] := Exp[a x + b]/a /; FreeQ[{a, b}, x];"
        " {integrate[a x + b x^2 + 3, x], integrate[Exp[a x + b], x], integrate[1/(2 x + 3), x],"
        " integrate[Sin[x], x]}",
        "{3*x + (a*x^2)/2 + (b*x^3)/3, E^(b + a*x)/a, Log[3 + 2*x]/2, integrate[Sin[x], x]}",
    ),
    # ---- a rule-based differentiator
    (
        "d[x_, x_] := 1; d[c_?NumberQ, x_] := 0; d[a_ + b_, x_] := d[a, x] + d[b, x];"
        " d[a_ b_, x_] := d[a, x] b + a d[b, x]; d[x_^n_?NumberQ, x_] := n x^(n - 1);"
        " {d[x^3 + 2 x, x], d[5 x^2, x]}",
        "{2 + 3*x^2, 10*x}",
    ),
]


@pytest.mark.parametrize("source, expected", CASES, ids=[c[0][:60] for c in CASES])
def test_wl_results(lyra_matchers, source, expected):
    assert lyra_matchers(source) == expected
    assert lyra_matchers.messages == []


def test_bad_rules_message(lyra_matchers):
    assert lyra_matchers("x /. 1") == "x /. 1"
    assert lyra_matchers.message_texts == [
        "ReplaceAll::reps: {1} is neither a list of replacement rules nor a valid dispatch table, "
        "and so cannot be used for replacing."
    ]
    assert lyra_matchers("x /. {a -> 1, 2}") == "x /. {a -> 1, 2}"
    assert lyra_matchers.messages == ["ReplaceAll::reps"]
    assert lyra_matchers("Replace[x, 3]") == "Replace[x, 3]"
    assert lyra_matchers.messages == ["Replace::reps"]


def test_replace_repeated_limit(lyra_matchers):
    assert lyra_matchers("x //. x -> x + 1") == "65536 + x"
    assert lyra_matchers.message_texts == ["ReplaceRepeated::rrlim: Exiting after x scanned 65536 times."]
    assert lyra_matchers("ReplaceRepeated[x, x -> x + 1, MaxIterations -> 3]") == "3 + x"
    assert lyra_matchers.messages == ["ReplaceRepeated::rrlim"]


def test_missing_option_message(lyra_matchers):
    assert lyra_matchers("q[OptionsPattern[]] := OptionValue[zz]; q[]") == "zz"
    assert lyra_matchers.message_texts == ["OptionValue::optnf: Option name zz not found in defaults for q."]


def test_rule_delayed_holds_its_right_side(lyra_matchers):
    assert lyra_matchers("i = 0; r = x :> (i++; i); {x, x} /. r") == "{1, 2}"
    assert lyra_matchers.full("a :> 1 + 1") == "RuleDelayed[a, Plus[1, 1]]"
    assert lyra_matchers.full("a -> 1 + 1") == "Rule[a, 2]"


def test_conditions_see_bindings_only(lyra_matchers):
    # y is not a pattern name here: the condition sees the global y
    assert lyra_matchers("y = 5; {1, 7} /. x_ /; x > y -> big") == "{1, big}"


def test_memoisation_many_values(lyra_matchers):
    assert lyra_matchers("m[n_] := m[n] = n^2; Total[Table[m[i], {i, 3000}]]") == "9004500500"
    assert lyra_matchers("Length[DownValues[m]]") == "3001"
    assert lyra_matchers("m[17]") == "289"


def test_definitions_updated_after_use(lyra_matchers):
    assert lyra_matchers("u[x_] := 1; u[5]") == "1"
    assert lyra_matchers("u[5] = 2; u[5]") == "2"
    assert lyra_matchers("u[x_] := 3; {u[5], u[6]}") == "{2, 3}"
    assert lyra_matchers("u[5] =.; u[5]") == "3"
