"""The Pygments lexer: token kinds for every lexical form, the plugin entry
point, and `pygmentize -l lyra` on real files."""

import glob
import os
import shutil
import subprocess
import sys

import pytest
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String

from lyra_shell.highlight import LyraLexer, LyraShellLexer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def tokens(source, lexer=LyraLexer):
    return [(t, v) for t, v in lexer().get_tokens(source) if v.strip()]


def kind_of(source, piece, lexer=LyraLexer):
    for token, value in tokens(source, lexer):
        if value == piece:
            return token
    raise AssertionError(f"{piece!r} is not one token in {tokens(source, lexer)}")


def test_lexing_is_lossless():
    source = 'f[x_] := "a#{x}b" (* c (* d *) *) // g\n'
    assert "".join(v for _, v in LyraLexer().get_tokens(source)) == source


@pytest.mark.parametrize("number", [
    "42", "123n", "16^^FF", "2^^1010", "3.14", ".5", "2.5e-3", "1.23E+10", "2.5*^-3",
    "1.5*^3", "1.2`30", "1.23``20", "1.2d30", "2`10",
])
def test_numbers_are_single_tokens(number):
    assert tokens(number) == [(kind_of(number, number), number)]
    assert kind_of(number, number) in Number


def test_lyra_precision_needs_a_decimal_point():
    # As the parser reads it: 5d3 is 5*d3, 1.5d3 is a real with precision 3.
    assert tokens("5d3") == [(Number.Integer, "5"), (Name, "d3")]
    assert tokens("1.5d3") == [(Number.Float, "1.5d3")]


def test_integer_and_real_kinds():
    assert kind_of("x + 123n", "123n") is Number.Integer
    assert kind_of("1.5*^3", "1.5*^3") is Number.Float
    assert kind_of("16^^FF", "16^^FF") in Number


def test_nested_comment_is_one_comment():
    toks = tokens("(* outer (* inner *) still comment *) x")
    assert all(t in Comment for t, _ in toks[:-1])
    assert toks[-1] == (Name, "x")


def test_line_comment_only_at_line_start():
    assert kind_of("//! header\nx", "//! header") in Comment
    # Elsewhere // is postfix application.
    assert kind_of("x // f", "//") is Operator


def test_string_interpolation_is_highlighted_inside():
    toks = tokens('"Hi #{name <> "!"}, \\#{not} #x"')
    assert (String.Interpol, "#{") in toks
    assert (Name, "name") in toks
    assert (Operator, "<>") in toks
    assert (String.Interpol, "}") in toks
    assert (String.Escape, "\\#{") in toks
    # Braces inside an interpolation are counted, not taken as its end.
    toks = tokens('"#{ {1, 2} }"')
    assert [v for t, v in toks if t is String.Interpol] == ["#{", "}"]


@pytest.mark.parametrize("pattern", ["x_", "x_Integer", "x__", "x___", "x_.", "_h", "__h",
                                     "_", "___"])
def test_patterns(pattern):
    assert kind_of(f"f[{pattern}]", pattern) is Name.Variable


def test_snake_case_names_are_symbols_not_patterns():
    # Lyra's rule: _ followed by a lowercase letter or digit belongs to the name.
    assert kind_of("price_usd + x_1", "price_usd") is Name
    assert kind_of("price_usd + x_1", "x_1") is Name
    assert kind_of("x_h", "x_h") is Name


def test_slots_out_and_message_names():
    for slot in ("#", "#2", "##", "##2", "#name"):
        assert kind_of(f"f[{slot}]&", slot) is Name.Variable.Magic
    for out in ("%", "%%", "%7"):
        assert kind_of(f"{out} + 1", out) is Name.Variable.Global
    assert tokens("General::argx") == [(Name.Builtin if tokens("General")[0][0] is Name.Builtin
                                        else Name, "General"), (Operator, "::"),
                                       (Name.Label, "argx")]


def test_operators_longest_match():
    source = "a //. b /. c :> d -> e |> f @@@ g //@ h === i =!= j ^:= k"
    ops = [v for t, v in tokens(source) if t is Operator]
    assert ops == ["//.", "/.", ":>", "->", "|>", "@@@", "//@", "===", "=!=", "^:="]
    assert kind_of("(x, y) => x", "=>") is Operator
    assert [v for t, v in tokens("f[{1}, (2)]") if t is Punctuation] == list("[{},()]")


def test_builtins_versus_user_symbols():
    from lyra_shell.highlight import builtin_names

    if "Plus" not in builtin_names():
        pytest.fail("the builtin registry did not load")
    assert kind_of("Plus[a, myFunction]", "Plus") is Name.Builtin
    assert kind_of("Plus[a, myFunction]", "myFunction") is Name
    assert kind_of("System`Plus[1]", "System`Plus") is Name.Builtin


def test_shell_lexer_knows_magics_and_help():
    assert kind_of("%bench --fast -o r.json fib[20]", "%bench", LyraShellLexer) is Keyword.Pseudo
    assert kind_of("%bench --fast -o r.json fib[20]", "--fast", LyraShellLexer) is Name.Attribute
    assert kind_of("%bench --fast fib[20]", "20", LyraShellLexer) is Number.Integer
    assert kind_of("??Plus", "??", LyraShellLexer) is Keyword.Pseudo
    # In the plain lexer % is Out.
    assert kind_of("%5", "%5") is Name.Variable.Global


def test_plugin_registered_and_found_by_filename():
    from pygments.lexers import get_lexer_by_name, get_lexer_for_filename

    assert type(get_lexer_by_name("lyra")).__name__ == "LyraLexer"
    assert type(get_lexer_for_filename("prog.lyra")).__name__ == "LyraLexer"


def _pygmentize():
    exe = shutil.which("pygmentize")
    return [exe] if exe else [sys.executable, "-m", "pygments"]


def test_pygmentize_highlights_a_file(tmp_path):
    source = tmp_path / "demo.lyra"
    source.write_text('(* demo *)\nfib[n_Integer] := fib[n - 1] + fib[n - 2]\n'
                      'Print["fib = #{fib[10]}"]\n')
    result = subprocess.run(_pygmentize() + ["-l", "lyra", "-f", "html", str(source)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    html = result.stdout
    assert '<span class="cm">(* demo *)</span>' in html  # comment
    assert '<span class="nv">n_Integer</span>' in html  # pattern
    assert '<span class="si">#{</span>' in html  # interpolation
    # -N guesses the lexer from the file name.
    guessed = subprocess.run(_pygmentize() + ["-N", str(source)],
                             capture_output=True, text=True, timeout=60)
    assert guessed.stdout.strip() == "lyra"


def test_pygmentize_on_the_example_files():
    files = sorted(glob.glob(os.path.join(ROOT, "examples", "**", "*.lyra"), recursive=True))
    if not files:
        pytest.skip("no example files yet")
    for path in files:
        result = subprocess.run(_pygmentize() + ["-l", "lyra", "-f", "terminal", path],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (path, result.stderr)
        assert "\x1b[" in result.stdout  # some colour
        # No character the lexer could not place (Pygments marks them as errors).
        errors = [v for t, v in LyraLexer().get_tokens(open(path).read())
                  if str(t).startswith("Token.Error")]
        assert errors == [], path
