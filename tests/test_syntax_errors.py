"""Syntax errors: exact positions, incomplete versus wrong input, rendering,
nesting limits, and that no Python exception other than LyraSyntaxError ever
escapes the parser."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lyra_core.expr import Expr, S
from lyra_core.syntax import LyraSyntaxError, parse, parse_statements
from lyra_core.syntax.parser import MAX_NESTING


def error_of(source: str) -> LyraSyntaxError:
    with pytest.raises(LyraSyntaxError) as info:
        parse(source)
    return info.value


# ------------------------------------------------------------ incomplete input
INCOMPLETE = [
    # source, line, column (the end of the input), words in the reason
    ("f[", 1, 3, "missing ']'"),
    ("{1,", 1, 4, "missing '}'"),
    ('"abc', 1, 5, "unterminated string"),
    ("(* x", 1, 5, "unterminated comment"),
    ("(* a (* b *)", 1, 13, "unterminated comment"),
    ("a +", 1, 4, "after '+'"),
    ("a =", 1, 4, "after '='"),
    ("f[x,", 1, 5, "missing ']'"),
    ("<|a -> 1", 1, 9, "missing '|>'"),
    ("x[[1", 1, 5, "missing ']]'"),
    ("x[[1]", 1, 6, "missing ']]'"),
    ("(a + b", 1, 7, "missing ')'"),
    ("a::", 1, 4, "after '::'"),
    ("(x) =>", 1, 7, "after '=>'"),
    ("x |>", 1, 5, "after '|>'"),
    ("a //", 1, 5, "after '//'"),
    ("!", 1, 2, "after '!'"),
    ("-", 1, 2, "after '-'"),
    ("x_:", 1, 4, "after ':'"),
    ("<<", 1, 3, "missing file name"),
    ('"a #{x', 1, 7, "unterminated string"),
    ('"a #{f["x', 1, 10, "unterminated string"),
    ('"a\\', 1, 4, "unterminated string"),
    ("f /: g[f]", 1, 10, "after ']'"),
    ("f[\n\n", 1, 3, "opened at line 1, column 2"),
    ("g[x,\n  h[y,\n", 2, 7, "missing ']' to close '[' opened at line 2, column 4"),
    ("x = {1,\n 2", 2, 3, "opened at line 1, column 5"),
]


@pytest.mark.parametrize("source, line, column, words", INCOMPLETE)
def test_incomplete_input(source, line, column, words):
    err = error_of(source)
    assert err.incomplete is True
    assert (err.line, err.column) == (line, column)
    assert words in err.reason
    assert err.source == source
    assert str(err).startswith("Syntax::sntxi: ")


# ------------------------------------------------------------ wrong input
WRONG = [
    ("f[1]]", 1, 5, "unexpected ']'"),
    (")", 1, 1, "unexpected ')'"),
    ("]", 1, 1, "unexpected ']'"),
    ("a +* b", 1, 4, "unexpected '*'"),
    ("f[1)", 1, 4, "unexpected ')': expected ']' to close '[' opened at line 1, column 2"),
    ("{1, 2]", 1, 6, "expected '}'"),
    ("(a, b)", 1, 3, "unexpected ','"),
    ("()", 1, 2, "unexpected ')'"),
    ("?Foo", 1, 1, "unexpected '?'"),
    ("a ~ b", 1, 3, "unexpected '~'"),
    ("x = 1 2 ]", 1, 9, "unexpected ']'"),
    ("a \\ b", 1, 3, "unexpected character '\\\\'"),
    ("a \u2603 b", 1, 3, "unexpected character"),
    ("16^^FG", 1, 1, "out of range for base 16"),
    ("40^^1", 1, 1, "base 40"),
    ('"#{}"', 1, 4, "unexpected '}'"),
    ('"#{a +}"', 1, 7, "unexpected '}'"),
    ("f[x]:1", 1, 5, "':' must follow"),
    ("1 => 2", 1, 3, "'=>'"),
    ("(1) => 2", 1, 2, "must be symbols"),
    ("a::1", 1, 4, "message name"),
    ("f /: g[f] ]", 1, 11, "expected '=', ':=' or '=.' after '/:'"),
    ("<|a -> 1|] ", 1, 10, "unexpected ']'"),
    ("a;;b;;]", 1, 7, "unexpected ']'"),
    ("<< foo\"", 1, 8, "unterminated string"),
]


@pytest.mark.parametrize("source, line, column, words", WRONG)
def test_wrong_input(source, line, column, words):
    err = error_of(source)
    if "unterminated" in words:
        assert err.incomplete is True
    else:
        assert err.incomplete is False
        assert str(err).startswith("Syntax::sntx: ")
    assert words in err.reason
    assert (err.line, err.column) == (line, column)


def test_positions_in_multiline_input():
    err = error_of("x = 1\ny = f[1,\n  2]]\nz = 3")
    assert (err.line, err.column, err.incomplete) == (3, 5, False)

    err = error_of("a = 1\n\n  b = (c\n  + d))")
    assert (err.line, err.column) == (4, 7)

    err = error_of("first\n\tsecond )")
    assert (err.line, err.column) == (2, 9)

    # An error inside a string interpolation points into the string.
    err = error_of('x = 1\nPrint["value: #{f[1, ]]}"]')
    assert (err.line, err.column) == (2, 23)

    # Statements after an error do not matter; the first error is reported.
    err = error_of("ok[1]\nbad[1]]\nalso bad)")
    assert (err.line, err.column) == (2, 7)

    # Positions count characters, not bytes.
    err = error_of('"\u00e9\u00e8" ]')
    assert (err.line, err.column) == (1, 6)


def test_statement_must_end_at_a_newline():
    err = error_of("a b ]")
    assert (err.line, err.column) == (1, 5)
    with pytest.raises(LyraSyntaxError):
        parse_statements("x\n|> f")  # a pipeline cannot start a line


# ------------------------------------------------------------ rendering
def test_render_points_at_the_column():
    err = error_of("f[1]]")
    assert err.render() == "Syntax::sntx: unexpected ']' (line 1, column 5)\nf[1]]\n    ^"
    assert str(err) == "Syntax::sntx: unexpected ']' (line 1, column 5)"


def test_render_multiline_and_tabs():
    err = error_of("ok\n\tf[1)]")
    assert err.render().splitlines() == [
        "Syntax::sntx: unexpected ')': expected ']' to close '[' opened at line 2, column 3 "
        "(line 2, column 5)",
        "\tf[1)]",
        "\t   ^",
    ]


def test_render_incomplete():
    err = error_of("g[x,\n  y")
    lines = err.render().splitlines()
    assert lines[0] == (
        "Syntax::sntxi: incomplete input: missing ']' to close '[' opened at line 1, "
        "column 2 (line 2, column 4)"
    )
    assert lines[1:] == ["  y", "   ^"]


def test_error_can_be_rebuilt_from_its_fields():
    err = error_of("f[1]]")
    again = LyraSyntaxError(err.reason, err.source, err.line, err.column, err.incomplete)
    assert again.render() == err.render()
    assert LyraSyntaxError.at_offset("bad", "ab\ncd", 4).line == 2
    assert LyraSyntaxError.at_offset("bad", "ab\ncd", 4).column == 2


# ------------------------------------------------------------ nesting
@pytest.mark.parametrize(
    "opener, closer",
    [("f[", "]"), ("(", ")"), ("{", "}"), ("<|a->", "|>"), ("x[[", "]]"), ('"#{', '}"')],
)
def test_deep_nesting_is_a_syntax_error_not_a_crash(opener, closer):
    depth = 100_000 if opener != '"#{' else 1_000
    source = opener * depth + "1" + closer * depth
    err = error_of(source)
    assert "nest" in err.reason and err.incomplete is False
    assert err.line == 1 and err.column > 1


@pytest.mark.parametrize(
    "source",
    ["-" * 100_001 + "x", "- " * 100_000 + "x", "!" * 100_000 + "a", "a^" * 100_000 + "b",
     "f@" * 100_000 + "x", "x=" * 100_000 + "1", "!" * 100_001 + "a"],
)
def test_deep_operator_chains(source):
    err = error_of(source)
    assert "nesting too deep" in err.reason


def test_nesting_below_the_limit_parses():
    depth = MAX_NESTING - 10
    e = parse("f[" * depth + "x" + "]" * depth)
    for _ in range(depth):
        assert type(e) is Expr
        e = e.args[0]
    assert e is parse("x")
    assert parse("(" * depth + "1" + ")" * depth) == 1
    long_flat = parse("{" + ", ".join(["1"] * 100_000) + "}")
    assert len(long_flat.args) == 100_000
    assert parse("+".join(["a"] * 50_000)).head is S.Plus


def test_deep_input_when_the_recursion_limit_was_lowered():
    # Harnesses (hypothesis, an embedding program) may lower Python's limit
    # after import; the parser makes room for itself and restores the limit.
    import sys

    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(1500)
    try:
        depth = MAX_NESTING - 10
        e = parse("f[" * depth + "x" + "]" * depth)
        assert type(e) is Expr
        assert sys.getrecursionlimit() == 1500
        assert "nesting too deep" in error_of("(" * 100_000 + ")" * 100_000).reason
        assert sys.getrecursionlimit() == 1500
    finally:
        sys.setrecursionlimit(saved)


# ------------------------------------------------------------ robustness
CODE_ALPHABET = list('abfxyz0123456789_.,;:[](){}<>|=+-*/^!?@#%&~"\'`\\ \n\t$') + [
    "[[", "]]", "<|", "|>", "(*", "*)", "#{", "->", ":>", "//", "=>", ";;", "^^", "*^", "e",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CODE_ALPHABET), max_size=40).map("".join))
def test_arbitrary_text_never_raises_anything_else(text):
    try:
        parse(text)
    except LyraSyntaxError as err:
        lines = text.split("\n")
        assert 1 <= err.line <= len(lines)
        assert 1 <= err.column <= len(lines[err.line - 1]) + 1
        assert err.reason and "\n" not in err.reason
        assert err.render().startswith("Syntax::")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_unicode_never_raises_anything_else(text):
    try:
        parse(text)
    except LyraSyntaxError as err:
        assert err.line >= 1 and err.column >= 1
