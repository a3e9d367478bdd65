"""The parser: source text to WL's FullForm trees (LANGUAGE.md sections 1-2).

Expected trees are written in FullForm notation and built by `tree()`, a tiny
reader for `head[args]`, symbols, integers, reals and strings only -- it shares
no code with the parser under test.
"""

import re

import pytest

from lyra_core.expr import BigReal, Expr, Rational, S, Symbol, lookup, same, system
from lyra_core.syntax import LyraSyntaxError, Statement, parse, parse_statements
from lyra_core.syntax.parser import OPERATOR_FORM_ARITY, apply_stage

# ------------------------------------------------------------ FullForm reader
_FULLFORM_TOKEN = re.compile(
    r"\s*(?:(?P<str>\"(?:[^\"\\]|\\.)*\")|(?P<real>-?[0-9]+\.[0-9]*(?:e-?[0-9]+)?)"
    r"|(?P<int>-?[0-9]+)|(?P<sym>[$A-Za-z`][$\w`]*)|(?P<punct>[\[\],]))"
)


def tree(text: str):
    """The expression written in FullForm `text`, e.g. 'Plus[a, Times[-1, b]]'."""
    tokens = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _FULLFORM_TOKEN.match(text, pos)
        assert m, f"bad FullForm at {text[pos:]!r}"
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()
    tokens.append(("end", ""))
    result, index = _read(tokens, 0)
    assert tokens[index][0] == "end", text
    return result


def _read(tokens, i):
    kind, text = tokens[i]
    if kind == "str":
        value = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text[1:-1])
    elif kind == "real":
        value = float(text)
    elif kind == "int":
        value = int(text)
    elif kind == "sym":
        value = lookup(text)
    else:
        raise AssertionError(f"unexpected {text!r} in FullForm")
    i += 1
    while tokens[i][1] == "[":  # calls, possibly chained: Derivative[1][f][x]
        i += 1
        args = []
        while tokens[i][1] != "]":
            arg, i = _read(tokens, i)
            args.append(arg)
            if tokens[i][1] == ",":
                i += 1
        value = Expr(value, tuple(args))
        i += 1
    return value, i


def assert_parses(source: str, fullform: str):
    got = parse(source)
    expected = tree(fullform)
    assert same(got, expected), f"{source!r}: got {got!r}, expected {fullform}"


def test_fullform_reader_itself():
    e = tree('f[x, -2, 2.5, "a\\"b", g[][h]]')
    assert e.head is lookup("f")
    assert e.args[1] == -2 and type(e.args[2]) is float and e.args[3] == 'a"b'
    assert e.args[4] == Expr(Expr(lookup("g"), ()), (lookup("h"),))


# ------------------------------------------------------------ operator table
# One row per operator of LANGUAGE.md section 2, top to bottom.
OPERATOR_TABLE = [
    ("a::b", 'MessageName[a, "b"]'),
    ("a::b::c", 'MessageName[a, "b", "c"]'),
    ('a::"b"', 'MessageName[a, "b"]'),
    ("f[x, y]", "f[x, y]"),
    ("f[]", "f[]"),
    ("f[x][y]", "f[x][y]"),
    ("f [x]", "f[x]"),
    ("e[[i]]", "Part[e, i]"),
    ("e[[i, j]]", "Part[e, i, j]"),
    ("e[[1]][[2]]", "Part[Part[e, 1], 2]"),
    ("e[[]]", "Part[e]"),
    ("p?test", "PatternTest[p, test]"),
    ("x++", "Increment[x]"),
    ("x--", "Decrement[x]"),
    ("++x", "PreIncrement[x]"),
    ("--x", "PreDecrement[x]"),
    ("f @ x", "f[x]"),
    ("f @ g @ x", "f[g[x]]"),
    ("f @* g", "Composition[f, g]"),
    ("f @* g @* h", "Composition[f, g, h]"),
    ("f /* g /* h", "RightComposition[f, g, h]"),
    ("f /@ x", "Map[f, x]"),
    ("f /@ g /@ x", "Map[f, Map[g, x]]"),
    ("f //@ x", "MapAll[f, x]"),
    ("f @@ x", "Apply[f, x]"),
    ("f @@@ x", "Apply[f, x, List[1]]"),
    ("f @@ g @@ x", "Apply[f, Apply[g, x]]"),
    ("n!", "Factorial[n]"),
    ("n!!", "Factorial2[n]"),
    ("a <> b", "StringJoin[a, b]"),
    ("a <> b <> c", "StringJoin[a, b, c]"),
    ("a ^ b", "Power[a, b]"),
    ("2^3^2", "Power[2, Power[3, 2]]"),
    ("a . b", "Dot[a, b]"),
    ("a . b . c", "Dot[a, b, c]"),
    ("-a", "Times[-1, a]"),
    ("+a", "a"),
    ("a / b", "Times[a, Power[b, -1]]"),
    ("a * b", "Times[a, b]"),
    ("a b", "Times[a, b]"),
    ("a*b*c", "Times[a, b, c]"),
    ("a b c", "Times[a, b, c]"),
    ("a + b", "Plus[a, b]"),
    ("a + b + c", "Plus[a, b, c]"),
    ("a - b", "Plus[a, Times[-1, b]]"),
    ("a ;; b", "Span[a, b]"),
    ("a ;; b ;; c", "Span[a, b, c]"),
    ("a == b", "Equal[a, b]"),
    ("a == b == c", "Equal[a, b, c]"),
    ("a != b", "Unequal[a, b]"),
    ("a < b", "Less[a, b]"),
    ("a <= b", "LessEqual[a, b]"),
    ("a > b", "Greater[a, b]"),
    ("a >= b", "GreaterEqual[a, b]"),
    ("a < b < c", "Less[a, b, c]"),
    ("a < b <= c", "Inequality[a, Less, b, LessEqual, c]"),
    ("a == b < c", "Inequality[a, Equal, b, Less, c]"),
    ("a > b >= c != d", "Inequality[a, Greater, b, GreaterEqual, c, Unequal, d]"),
    ("a === b", "SameQ[a, b]"),
    ("a === b === c", "SameQ[a, b, c]"),
    ("a =!= b", "UnsameQ[a, b]"),
    ("a =!= b =!= c", "UnsameQ[a, b, c]"),
    ("!a", "Not[a]"),
    ("a && b", "And[a, b]"),
    ("a && b && c", "And[a, b, c]"),
    ("a || b", "Or[a, b]"),
    ("a || b || c", "Or[a, b, c]"),
    ("p..", "Repeated[p]"),
    ("p...", "RepeatedNull[p]"),
    ("a | b", "Alternatives[a, b]"),
    ("a | b | c", "Alternatives[a, b, c]"),
    ("x:p", "Pattern[x, p]"),
    ("x:p:d", "Optional[Pattern[x, p], d]"),
    ("x_:d", "Optional[Pattern[x, Blank[]], d]"),
    ("x_.", "Optional[Pattern[x, Blank[]]]"),
    ("a ~~ b", "StringExpression[a, b]"),
    ("a ~~ b ~~ c", "StringExpression[a, b, c]"),
    ("p /; c", "Condition[p, c]"),
    ("a -> b", "Rule[a, b]"),
    ("a :> b", "RuleDelayed[a, b]"),
    ("a -> b -> c", "Rule[a, Rule[b, c]]"),
    ("a :> b -> c", "RuleDelayed[a, Rule[b, c]]"),
    ("e /. r", "ReplaceAll[e, r]"),
    ("e //. r", "ReplaceRepeated[e, r]"),
    ("a /. b /. c", "ReplaceAll[ReplaceAll[a, b], c]"),
    ("x += y", "AddTo[x, y]"),
    ("x -= y", "SubtractFrom[x, y]"),
    ("x *= y", "TimesBy[x, y]"),
    ("x /= y", "DivideBy[x, y]"),
    ("#&", "Function[Slot[1]]"),
    ("x // f", "f[x]"),
    ("x // f // g", "g[f[x]]"),
    ("x // f[a]", "f[a][x]"),
    ("x |> f", "f[x]"),
    ("(x, y) => x + y", "Function[List[x, y], Plus[x, y]]"),
    ("() => 1", "Function[List[], 1]"),
    ("a = b", "Set[a, b]"),
    ("a := b", "SetDelayed[a, b]"),
    ("a ^= b", "UpSet[a, b]"),
    ("a ^:= b", "UpSetDelayed[a, b]"),
    ("a =.", "Unset[a]"),
    ("a = b = c", "Set[a, Set[b, c]]"),
    ("a = b := c", "Set[a, SetDelayed[b, c]]"),
    ("<< file.m", 'Get["file.m"]'),
    ("a ; b", "CompoundExpression[a, b]"),
    ("a; b; c", "CompoundExpression[a, b, c]"),
    ("a;", "CompoundExpression[a, Null]"),
    ("a; b;", "CompoundExpression[a, b, Null]"),
]


@pytest.mark.parametrize("source, fullform", OPERATOR_TABLE)
def test_operator_table(source, fullform):
    assert_parses(source, fullform)


# ------------------------------------------------------------ minus, divide, times
ARITHMETIC = [
    ("-5", "-5"),
    ("-2.5", "-2.5"),
    ("- 5", "-5"),
    ("-(5)", "-5"),
    ("-x", "Times[-1, x]"),
    ("-a b", "Times[-1, a, b]"),
    ("-a*b", "Times[-1, a, b]"),
    ("-2 x", "Times[-2, x]"),
    ("-x^2", "Times[-1, Power[x, 2]]"),
    ("-2^2", "Times[-1, Power[2, 2]]"),
    ("-n!", "Times[-1, Factorial[n]]"),
    ("-a.b", "Times[-1, Dot[a, b]]"),
    ("a - b", "Plus[a, Times[-1, b]]"),
    ("a - 5", "Plus[a, -5]"),
    ("a - 2.5", "Plus[a, -2.5]"),
    ("a - 2 x", "Plus[a, Times[-2, x]]"),
    ("a - x y", "Plus[a, Times[-1, x, y]]"),
    ("a - b/c", "Plus[a, Times[-1, b, Power[c, -1]]]"),
    ("a - 1/2", "Plus[a, Times[-1, Power[2, -1]]]"),
    ("a - (2 x)", "Plus[a, Times[-1, Times[2, x]]]"),
    ("a - b - c", "Plus[a, Times[-1, b], Times[-1, c]]"),
    ("a + b - c + d", "Plus[a, b, Times[-1, c], d]"),
    ("-a + b", "Plus[Times[-1, a], b]"),
    ("a/b", "Times[a, Power[b, -1]]"),
    ("1/2", "Times[1, Power[2, -1]]"),
    ("2/x", "Times[2, Power[x, -1]]"),
    ("a/b/c", "Times[a, Power[b, -1], Power[c, -1]]"),
    ("a b/c", "Times[a, b, Power[c, -1]]"),
    ("a*b/c*d", "Times[a, b, Power[c, -1], d]"),
    ("a/b c", "Times[a, Power[b, -1], c]"),
    ("-x/y", "Times[-1, x, Power[y, -1]]"),
    ("-1/2", "Times[-1, Power[2, -1]]"),
    ("a/-b", "Times[a, Power[Times[-1, b], -1]]"),
    ("(a b)/c", "Times[Times[a, b], Power[c, -1]]"),
    ("(a/b)/c", "Times[Times[a, Power[b, -1]], Power[c, -1]]"),
    ("(-a) b", "Times[Times[-1, a], b]"),
    ("(a b) c", "Times[Times[a, b], c]"),
    ("a (b c)", "Times[a, Times[b, c]]"),
    ("(a + b) + c", "Plus[Plus[a, b], c]"),
    ("Times[a, b] c", "Times[Times[a, b], c]"),
    ("a * -b", "Times[a, -1, b]"),
    ("x^-1", "Power[x, -1]"),
    ("x^-y", "Power[x, Times[-1, y]]"),
    ("2^-x^2", "Power[2, Times[-1, Power[x, 2]]]"),
    ("x^2 y", "Times[Power[x, 2], y]"),
    ("2 x", "Times[2, x]"),
    ("2x", "Times[2, x]"),
    ("2(x+1)", "Times[2, Plus[x, 1]]"),
    ("x y^2", "Times[x, Power[y, 2]]"),
    ("2 Sin[x]", "Times[2, Sin[x]]"),
    ("(a)(b)", "Times[a, b]"),
    ("a (b)", "Times[a, b]"),
    ('a "s"', 'Times[a, "s"]'),
    ("2 #", "Times[2, Slot[1]]"),
    ("x_ y_", "Times[Pattern[x, Blank[]], Pattern[y, Blank[]]]"),
    ("a {1}", "Times[a, List[1]]"),
    ("a ** b ** c", "NonCommutativeMultiply[a, b, c]"),
]


@pytest.mark.parametrize("source, fullform", ARITHMETIC)
def test_arithmetic_forms(source, fullform):
    assert_parses(source, fullform)


# ------------------------------------------------------------ precedence interplay
PRECEDENCE = [
    ("a -> b /. c", "ReplaceAll[Rule[a, b], c]"),
    ("x /; y -> z", "Rule[Condition[x, y], z]"),
    ("f /@ g @ x", "Map[f, g[x]]"),
    ("a + b c^d!", "Plus[a, Times[b, Power[c, Factorial[d]]]]"),
    ("a^b!", "Power[a, Factorial[b]]"),
    ("a || b && c", "Or[a, And[b, c]]"),
    ("a && b || c && d", "Or[And[a, b], And[c, d]]"),
    ("!a && b", "And[Not[a], b]"),
    ("!a == b", "Not[Equal[a, b]]"),
    ("a == b && c", "And[Equal[a, b], c]"),
    ("a + b == c", "Equal[Plus[a, b], c]"),
    ("1 ;; n + 1", "Span[1, Plus[n, 1]]"),
    ("a ;; b == c", "Equal[Span[a, b], c]"),
    ("x -> # &", "Function[Rule[x, Slot[1]]]"),
    ("#^2 & /@ {1, 2}", "Map[Function[Power[Slot[1], 2]], List[1, 2]]"),
    ("f = # + 1 &", "Set[f, Function[Plus[Slot[1], 1]]]"),
    ("x = y // f", "Set[x, f[y]]"),
    ("x // f /@ y", "Map[f, y][x]"),
    ("a = b; c", "CompoundExpression[Set[a, b], c]"),
    ("f[x_] := x^2 /; x > 0",
     "SetDelayed[f[Pattern[x, Blank[]]], Condition[Power[x, 2], Greater[x, 0]]]"),
    ("x:a | b", "Pattern[x, Alternatives[a, b]]"),
    ("x:(a | b)", "Pattern[x, Alternatives[a, b]]"),
    ("a | b..", "Alternatives[a, Repeated[b]]"),
    ("a ~~ b | c", "StringExpression[a, Alternatives[b, c]]"),
    ("a <> b ^ c", "Power[StringJoin[a, b], c]"),  # <> binds tighter than ^ in WL
    ("p?t[x]", "PatternTest[p, t[x]]"),
    ("x_?NumberQ", "PatternTest[Pattern[x, Blank[]], NumberQ]"),
    ("x_?(# > 0 &)", "PatternTest[Pattern[x, Blank[]], Function[Greater[Slot[1], 0]]]"),
    ("x++ + 1", "Plus[Increment[x], 1]"),
    ("++x[[1]]", "PreIncrement[Part[x, 1]]"),
    ("f @ x + 1", "Plus[f[x], 1]"),
    ("f @* g @ x", "Composition[f, g[x]]"),
    ("a.b^2", "Dot[a, Power[b, 2]]"),
    ("a + b // f", "f[Plus[a, b]]"),
    ("a -> b // f", "f[Rule[a, b]]"),
    ("x += 1 // f", "f[AddTo[x, 1]]"),
    ("a = b -> c", "Set[a, Rule[b, c]]"),
    ("a /. b -> c", "ReplaceAll[a, Rule[b, c]]"),
    ("f /: g[f] = 1", "TagSet[f, g[f], 1]"),
    ("f /: g[f] := 1", "TagSetDelayed[f, g[f], 1]"),
    ("f /: g[f] =.", "TagUnset[f, g[f]]"),
    ("a =!= b === c", "SameQ[UnsameQ[a, b], c]"),
    ("a == b === c", "SameQ[Equal[a, b], c]"),
    ("x >> file.txt", 'Put[x, "file.txt"]'),
    ("x >>> log.txt", 'PutAppend[x, "log.txt"]'),
    ('x >> "a b"', 'Put[x, "a b"]'),
    ("<< foo.lyra; x", 'CompoundExpression[Get["foo.lyra"], x]'),
    ("f[a; b]", "f[CompoundExpression[a, b]]"),
    ("f[a;, b]", "f[CompoundExpression[a, Null], b]"),
]


@pytest.mark.parametrize("source, fullform", PRECEDENCE)
def test_precedence(source, fullform):
    assert_parses(source, fullform)


# ------------------------------------------------------------ calls, parts, spans
STRUCTURE = [
    ("{}", "List[]"),
    ("{a, b}", "List[a, b]"),
    ("{1,,2}", "List[1, Null, 2]"),
    ("{,}", "List[Null, Null]"),
    ("f[1,]", "f[1, Null]"),
    ("{{1, 2}, {3}}", "List[List[1, 2], List[3]]"),
    ("<|a -> 1, \"b\" :> 2|>", 'Association[Rule[a, 1], RuleDelayed["b", 2]]'),
    ("<||>", "Association[]"),
    ("<| |>", "Association[]"),
    ("<|a -> <|b -> 1|>|>", "Association[Rule[a, Association[Rule[b, 1]]]]"),
    ("<|\"k\" -> (x |> f)|>", 'Association[Rule["k", f[x]]]'),
    ("<|\"k\" -> {x |> f}|>", 'Association[Rule["k", List[f[x]]]]'),
    ("e[[2 ;; 3]]", "Part[e, Span[2, 3]]"),
    ("e[[;;]]", "Part[e, Span[1, All]]"),
    ("e[[2 ;; -1]]", "Part[e, Span[2, -1]]"),
    ("e[[;; , 1]]", "Part[e, Span[1, All], 1]"),
    ("a;;b", "Span[a, b]"),
    ("a;;", "Span[a, All]"),
    (";;b", "Span[1, b]"),
    (";;", "Span[1, All]"),
    ("a;;b;;c", "Span[a, b, c]"),
    ("a;;;;c", "Span[a, All, c]"),
    (";;;;2", "Span[1, All, 2]"),
    ("Range[1;;10]", "Range[Span[1, 10]]"),
    ("f[x][[1]]", "Part[f[x], 1]"),
    ("x[[f[1]]]", "Part[x, f[1]]"),
    ("f'", "Derivative[1][f]"),
    ("f''[x]", "Derivative[2][f][x]"),
    ("f'[x]^2", "Power[Derivative[1][f][x], 2]"),
    ("%", "Out[]"),
    ("%%", "Out[-2]"),
    ("%%%", "Out[-3]"),
    ("%7", "Out[7]"),
    ("#", "Slot[1]"),
    ("#2", "Slot[2]"),
    ("#0", "Slot[0]"),
    ("#name", 'Slot["name"]'),
    ("##", "SlotSequence[1]"),
    ("##2", "SlotSequence[2]"),
    ("#[[1]]", "Part[Slot[1], 1]"),
    ("x_ -> x", "Rule[Pattern[x, Blank[]], x]"),
    ("<< \"a b.m\"", 'Get["a b.m"]'),
    ("<<foo`", 'Get["foo`"]'),
    ("<< std`net`", 'Get["std`net`"]'),
    ("<< ./lib/util.lyra", 'Get["./lib/util.lyra"]'),
]


@pytest.mark.parametrize("source, fullform", STRUCTURE)
def test_structure(source, fullform):
    assert_parses(source, fullform)


# ------------------------------------------------------------ patterns and names
PATTERNS = [
    ("_", "Blank[]"),
    ("_h", "Blank[h]"),
    ("__", "BlankSequence[]"),
    ("___", "BlankNullSequence[]"),
    ("__h", "BlankSequence[h]"),
    ("___h", "BlankNullSequence[h]"),
    ("x_", "Pattern[x, Blank[]]"),
    ("x_Integer", "Pattern[x, Blank[Integer]]"),
    ("x__", "Pattern[x, BlankSequence[]]"),
    ("x___", "Pattern[x, BlankNullSequence[]]"),
    ("x__Real", "Pattern[x, BlankSequence[Real]]"),
    ("x_.", "Optional[Pattern[x, Blank[]]]"),
    ("_.", "Optional[Blank[]]"),
    ("x_:0", "Optional[Pattern[x, Blank[]], 0]"),
    ("x_Integer:0", "Optional[Pattern[x, Blank[Integer]], 0]"),
    ("x:_h", "Pattern[x, Blank[h]]"),
    ("x:_h:0", "Optional[Pattern[x, Blank[h]], 0]"),
    ("_:0", "Optional[Blank[], 0]"),
    ("_:a:b", "Optional[Blank[], Pattern[a, b]]"),
    ("x:p:a:b", "Optional[Pattern[x, p], Pattern[a, b]]"),
    ("_my_type", "Blank[my_type]"),
    ("_?EvenQ", "PatternTest[Blank[], EvenQ]"),
    ("f[x_, y__] := {x, y}",
     "SetDelayed[f[Pattern[x, Blank[]], Pattern[y, BlankSequence[]]], List[x, y]]"),
    # Lyra's snake_case rule: _ followed by a lowercase letter or digit is in the name
    ("price_usd", "price_usd"),
    ("test_data", "test_data"),
    ("x_1", "x_1"),
    ("x_h", "x_h"),
    ("x_1_", "Pattern[x_1, Blank[]]"),
    ("price_usd_Real", "Pattern[price_usd, Blank[Real]]"),
    ("x_h:0", "Pattern[x_h, 0]"),
    ("$x", "$x"),
    ("a$1", "a$1"),
]


@pytest.mark.parametrize("source, fullform", PATTERNS)
def test_patterns(source, fullform):
    assert_parses(source, fullform)


def test_symbol_resolution_and_contexts():
    assert parse("Plus") is system("Plus")
    assert parse("System`Plus") is system("Plus")
    x = parse("fresh_name_1")
    assert type(x) is Symbol and x.full_name == "Global`fresh_name_1"
    assert parse("std`net`Get").full_name == "std`net`Get"
    assert parse("`rel").full_name == "Global`rel"
    greek = parse("\u03b1\u03b2")
    assert greek.full_name == "Global`\u03b1\u03b2"
    # the tag of a message name is a string, not a symbol
    assert parse("General::argx").args == (system("General"), "argx")


# ------------------------------------------------------------ numbers
def test_integers():
    assert parse("0") == 0 and type(parse("0")) is int
    big = "123456789" * 600  # beyond CPython's default int-from-text limit
    assert parse(big) == int("123456789" * 400) * 10 ** (9 * 200) + int("123456789" * 200)
    assert parse("123n") == 123
    assert parse("16^^FF") == 255
    assert parse("16^^ff") == 255
    assert parse("2^^1010") == 10
    assert parse("36^^zz") == 35 * 36 + 35
    assert parse("1*^3") == 1000 and type(parse("1*^3")) is int
    assert parse("1*^-3") == Rational(1, 1000)
    assert parse("-5") == -5


def test_machine_reals():
    cases = {
        "3.14": 3.14,
        ".5": 0.5,
        "1.": 1.0,
        "2.5e-3": 0.0025,
        "1.23E+10": 1.23e10,
        "1e3": 1000.0,
        "2.5*^-3": 0.0025,
        "1.5*^3": 1500.0,
        "1.5`": 1.5,
        "16^^F.8": 15.5,
        "0.30000000000000004": 0.30000000000000004,
        "-2.5": -2.5,
    }
    for source, value in cases.items():
        got = parse(source)
        assert type(got) is float and got == value, source


def test_arbitrary_precision_reals():
    for source in ("1.23`30", "1.23d30"):
        got = parse(source)
        assert type(got) is BigReal and got == BigReal.from_string("1.23", 30), source
    long = parse("3.14159265358979323846264338")
    assert type(long) is BigReal and long.precision == 27
    assert long == BigReal.from_string("3.14159265358979323846264338", 27)
    assert parse("1`20") == BigReal.from_string("1", 20)
    negative = parse("-0.1`20")
    assert negative == BigReal.from_string("-0.1", 20)
    huge = parse("1.5*^400")  # beyond the double range: kept at machine precision digits
    assert type(huge) is BigReal and float(huge.value / 10**399) == pytest.approx(15.0)


def test_number_edges():
    assert_parses("1..", "Repeated[1]")
    assert_parses("x=.5", "Set[x, 0.5]")
    assert_parses("x/.5", "Times[x, Power[0.5, -1]]")
    assert_parses("a.5", "Times[a, 0.5]")
    assert_parses("2nd", "Times[2, nd]")
    assert_parses("2 e3", "Times[2, e3]")


# ------------------------------------------------------------ strings
def test_plain_strings_and_escapes():
    assert parse('"abc"') == "abc"
    assert parse('""') == ""
    assert parse(r'"a\nb\tc\rd\"e\\f"') == 'a\nb\tc\rd"e\\f'
    assert parse(r'"\:0041\.42\101"') == "ABA"
    assert parse('"line one\nline two"') == "line one\nline two"
    assert parse('"a # b"') == "a # b"
    assert parse(r'"a\#{b}"') == "a#{b}"
    assert parse('"continued \\\nhere"') == "continued here"
    assert parse(r'"\q"') == "\\q"  # unknown escapes are kept as written


INTERPOLATION = [
    ('"Hello #{name}!"', 'StringJoin["Hello ", ToString[name], "!"]'),
    ('"#{x}"', "StringJoin[ToString[x]]"),
    ('"#{x}#{y}"', "StringJoin[ToString[x], ToString[y]]"),
    ('"sum: #{a + b}"', 'StringJoin["sum: ", ToString[Plus[a, b]]]'),
    ('"#{ {1, 2} }"', "StringJoin[ToString[List[1, 2]]]"),
    ('"#{f["x}"]}"', 'StringJoin[ToString[f["x}"]]]'),
    ('"a #{"b #{c}"} d"',
     'StringJoin["a ", ToString[StringJoin["b ", ToString[c]]], " d"]'),
    ('"#{x |> f}"', "StringJoin[ToString[f[x]]]"),
    ('"n\\n#{1}"', 'StringJoin["n\\n", ToString[1]]'),
]


@pytest.mark.parametrize("source, fullform", INTERPOLATION)
def test_string_interpolation(source, fullform):
    assert_parses(source, fullform)


# ------------------------------------------------------------ pipelines and dot-calls
PIPELINES = [
    ("x |> f", "f[x]"),
    ("x |> g[a, b]", "g[x, a, b]"),
    ("{1, 2, 3} |> Map[f]", "Map[f][List[1, 2, 3]]"),
    ("x |> (#^2 &)", "Function[Power[Slot[1], 2]][x]"),
    ("x |> #^2 &", "Function[Power[Slot[1], 2]][x]"),
    ("x |> f |> g[y]", "g[f[x], y]"),
    ("data |> Select[EvenQ] |> Take[3]", "Take[Select[EvenQ][data], 3]"),
    ("x |> f /. r", "ReplaceAll[f, r][x]"),
    ("x |> f[a][b]", "f[a][b][x]"),
    ("x |> (g[a])", "g[a][x]"),
    ("x |> Function[y, y + 1]", "Function[y, Plus[y, 1]][x]"),
    ("x |> MapAt[f, 2]", "MapAt[f, 2][x]"),
    ("x |> MapAt[f]", "MapAt[x, f]"),
    ("x |> Map[f, 2]", "Map[x, f, 2]"),
    ("x |> Insert[e, 2]", "Insert[e, 2][x]"),
    ("x |> StringReplace[\"a\" -> \"b\"]", 'StringReplace[Rule["a", "b"]][x]'),
    ("x |> Lookup[k]", "Lookup[k][x]"),
    ("x |> Length[]", "Length[x]"),
    ("x |> f // g", "g[f[x]]"),
    ("x // f |> g", "g[f[x]]"),
    ("y = x |> f", "Set[y, f[x]]"),
    ("list.Map[f]", "Map[f][list]"),
    ("x.foo[1, 2]", "foo[x, 1, 2]"),
    ("a.f[].g[1]", "g[f[a], 1]"),
    ("a.f[x][y]", "f[a, x][y]"),
    ("\"abc\".StringLength[]", 'StringLength["abc"]'),
    ("{1, 2}.Select[EvenQ]", "Select[EvenQ][List[1, 2]]"),
    ("g[1].f[2]", "f[g[1], 2]"),
    ("x^y.f[]", "Power[x, f[y]]"),
    ("-x.f[]", "Times[-1, f[x]]"),
    ("a + b.f[1]", "Plus[a, f[b, 1]]"),
    ("x .f[1]", "f[x, 1]"),
    ("x. f[1]", "Dot[x, f[1]]"),
    ("a . f[x]", "Dot[a, f[x]]"),
    ("a.b", "Dot[a, b]"),
    ("a.f [x]", "Dot[a, f[x]]"),
    ("{1, 2}.{3, 4}", "Dot[List[1, 2], List[3, 4]]"),
    ("1.5", "1.5"),
    ("a.b.f[x]", "Dot[a, f[b, x]]"),
    ("x => x^2", "Function[List[x], Power[x, 2]]"),
    ("f = x => x + 1", "Set[f, Function[List[x], Plus[x, 1]]]"),
    ("f = (x) => x + 1", "Set[f, Function[List[x], Plus[x, 1]]]"),
    ("g[(x, y) => x y, 2]", "g[Function[List[x, y], Times[x, y]], 2]"),
    ("(x) => a // f", "Function[List[x], f[a]]"),
    ("(x) => a |> f", "Function[List[x], f[a]]"),
    ("(x) => y = x", "Function[List[x], Set[y, x]]"),
    ("(x) => a; b", "CompoundExpression[Function[List[x], a], b]"),
    ("(x) => x >> out.txt", 'Put[Function[List[x], x], "out.txt"]'),
    ("x |-> x^2", "Function[x, Power[x, 2]]"),
    ("{x, y} |-> x + y", "Function[List[x, y], Plus[x, y]]"),
    ("f = x |-> x + 1", "Set[f, Function[x, Plus[x, 1]]]"),
    ("a|-b", "Alternatives[a, Times[-1, b]]"),
]


@pytest.mark.parametrize("source, fullform", PIPELINES)
def test_pipelines_and_dot_calls(source, fullform):
    assert_parses(source, fullform)


def test_operator_form_table():
    # Every entry names a System symbol and a positive operator-form arity.
    assert OPERATOR_FORM_ARITY["Map"] == 1
    assert OPERATOR_FORM_ARITY["MapAt"] == 2
    assert OPERATOR_FORM_ARITY["Insert"] == 2
    assert "Take" not in OPERATOR_FORM_ARITY
    assert all(type(n) is int and n > 0 for n in OPERATOR_FORM_ARITY.values())
    data = lookup("data")
    stage = Expr(system("Select"), (lookup("EvenQ"),))
    assert apply_stage(data, stage, True) == Expr(stage, (data,))
    take = Expr(system("Take"), (3,))
    assert apply_stage(data, take, True) == Expr(system("Take"), (data, 3))
    assert apply_stage(data, take, False) == Expr(take, (data,))


def test_unicode_operator_spellings():
    assert_parses("a \u2192 b", "Rule[a, b]")
    assert_parses("a \u2264 b", "LessEqual[a, b]")
    assert_parses("a \u2260 b", "Unequal[a, b]")
    assert_parses("a \u00d7 b", "Times[a, b]")


# ------------------------------------------------------------ comments
def test_comments():
    assert_parses("a (* note *) + b", "Plus[a, b]")
    assert_parses("a + (* (* nested *) still *) b", "Plus[a, b]")
    assert_parses("f[1, (* x *) 2]", "f[1, 2]")
    assert_parses("(**)x", "x")
    assert parse("(* only a comment *)") is S.Null
    assert parse("") is S.Null
    assert parse("   \n\n  ") is S.Null
    assert_parses("// a line comment\nx", "x")
    assert_parses("//! a file header\nx", "x")
    assert_parses("x\n  // indented line comment\ny", "CompoundExpression[x, y]")
    assert_parses("x // f", "f[x]")


# ------------------------------------------------------------ statements
def test_statements_split_on_complete_lines():
    source = "x = 1\ny = 2\n\nz = x + y\n"
    statements = parse_statements(source)
    assert [st.line for st in statements] == [1, 2, 4]
    assert [st.text for st in statements] == ["x = 1", "y = 2", "z = x + y"]
    assert statements[2].expr == tree("Set[z, Plus[x, y]]")
    assert isinstance(statements[0], Statement)
    assert parse(source) == tree("CompoundExpression[Set[x, 1], Set[y, 2], Set[z, Plus[x, y]]]")


def test_newlines_inside_brackets_are_blanks():
    statements = parse_statements("f[1,\n  2]\n{a,\n b}\n(c\n + d)\n<|k ->\n 1|>\nx[[\n1]]")
    assert [st.expr for st in statements] == [
        tree("f[1, 2]"),
        tree("List[a, b]"),
        tree("Plus[c, d]"),
        tree("Association[Rule[k, 1]]"),
        tree("Part[x, 1]"),
    ]
    assert [st.line for st in statements] == [1, 3, 5, 7, 9]
    assert statements[0].text == "f[1,\n  2]"


def test_trailing_operator_continues_the_statement():
    statements = parse_statements("a +\n  b\nf[x_] :=\n  x^2\nx = \n 3\ndata |>\n f")
    assert [st.expr for st in statements] == [
        tree("Plus[a, b]"),
        tree("SetDelayed[f[Pattern[x, Blank[]]], Power[x, 2]]"),
        tree("Set[x, 3]"),
        tree("f[data]"),
    ]
    assert [st.line for st in statements] == [1, 3, 5, 7]


def test_newline_ends_a_complete_statement():
    # A leading operator on the next line starts a new statement, as in WL.
    assert [st.expr for st in parse_statements("a\n-b")] == [tree("a"), tree("Times[-1, b]")]
    assert [st.expr for st in parse_statements("a\nb")] == [tree("a"), tree("b")]
    assert [st.expr for st in parse_statements("2\n(x)")] == [2, tree("x")]
    assert [st.expr for st in parse_statements("a;;\nb")] == [tree("Span[a, All]"), tree("b")]


def test_semicolons_and_lines():
    assert [st.expr for st in parse_statements("a; b")] == [tree("CompoundExpression[a, b]")]
    statements = parse_statements("x = 1;\ny = 2;\nx + y")
    assert [st.expr for st in statements] == [
        tree("CompoundExpression[Set[x, 1], Null]"),
        tree("CompoundExpression[Set[y, 2], Null]"),
        tree("Plus[x, y]"),
    ]
    assert [st.text for st in statements] == ["x = 1;", "y = 2;", "x + y"]
    assert parse_statements("a;  (* c *)\n")[0].text == "a;"


def test_statement_text_and_line_with_comments():
    source = "// header\n(* block\n comment *)\n  f[x] (* trailing *)\n\n\tg[y]; h\n"
    statements = parse_statements(source)
    assert [(st.line, st.text) for st in statements] == [(4, "f[x]"), (6, "g[y]; h")]


def test_crlf_line_endings():
    statements = parse_statements("a = 1\r\nb = 2\r\n")
    assert [st.expr for st in statements] == [tree("Set[a, 1]"), tree("Set[b, 2]")]
    assert statements[1].line == 2


def test_parse_result_shapes():
    assert parse("x") is lookup("x")
    assert parse("1 + 1") == tree("Plus[1, 1]")
    assert parse("a\nb") == tree("CompoundExpression[a, b]")
    with pytest.raises(LyraSyntaxError):
        parse("f[")
