"""Lexer and parser fuzzing: random text and mutations of real inputs (the
examples and the Lyra source strings found in the test files).

Whatever the text, parsing either gives expressions or raises
LyraSyntaxError carrying a sane position; any other exception is a bug. A
parsed expression must print (InputForm, FullForm), and its InputForm must
read back (after one round, which settles non-canonical trees) as itself.

CI runs a modest, derandomized number of examples; the long campaign is
`python tests/test_fuzz_parser.py SECONDS`. Inputs that once failed live in
tests/fuzz_regressions/parser.txt (one per line, backslash escapes).
"""

from __future__ import annotations

import ast
import random
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lyra_core.expr import symbol as symtab
from lyra_core.forms import full_form, input_form
from lyra_core.syntax import LyraSyntaxError, parse, parse_statements

HERE = Path(__file__).parent
REGRESSIONS = HERE / "fuzz_regressions" / "parser.txt"

# Characters that mean something to the lexer, weighted into random text.
_ALPHABET = (
    "abxyzXYZ019_$#%&@!?.:;,=+-*/^<>|~'`\"\\()[]{} \n\t"
    "\u00e9\u03b1\u2192"
)
_TOKENS = (
    "[", "]", "[[", "]]", "{", "}", "(", ")", "<|", "|>", "(*", "*)", "\"", "#{", "\\", "->", ":>", "/.",
    "//.", "//", "/@", "@@", "@@@", "@*", "/*", "&&", "||", "|", "&", ";;", ";", "=", ":=", "^=", "=.",
    "==", "===", "=!=", "!=", ">=", "<=", "=>", "|>", "++", "--", "+=", "x_", "x__", "_.", "x_:0", "::",
    "!", "!!", "'", "^^", "*^", "`", "16^^", "1.5`20", "2d30", "123n", "#2", "##", "%%", "%3", " ", "\n",
    "x", "f", "1", "2.5", "\"s\"", "//!", ".", "..", "...", "~~", "/;", "?", "@", "<>", "**",
)


@lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    """Real inputs: example lines and Lyra-looking string literals of the tests."""
    found = set()
    for example in sorted((HERE.parent / "examples").glob("*.lyra")):
        text = example.read_text(encoding="utf-8")
        found.add(text)
        found.update(line for line in text.splitlines() if line.strip())
    for test_file in sorted(HERE.glob("test_*.py")):
        try:
            tree = ast.parse(test_file.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and type(node.value) is str:
                text = node.value
                if 0 < len(text) < 400 and any(c in text for c in "[]{}+=&#"):
                    found.add(text)
    return tuple(sorted(found))


def mutate(rng: random.Random, text: str) -> str:
    """A few random edits: insert a token, delete or duplicate a span, splice."""
    pool = corpus()
    for _ in range(rng.randint(1, 4)):
        where = rng.randint(0, len(text))
        kind = rng.randrange(5)
        if kind == 0:
            text = text[:where] + rng.choice(_TOKENS) + text[where:]
        elif kind == 1:
            text = text[:where] + text[where + rng.randint(1, 5):]
        elif kind == 2:
            end = min(len(text), where + rng.randint(1, 8))
            text = text[:end] + text[where:end] + text[end:]
        elif kind == 3:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            text = text[:where] + other[cut:]
        else:
            text = text[:where] + rng.choice(_ALPHABET) + text[where:]
    return text


def check(source: str) -> str | None:
    """None when the parser behaves on source; otherwise what went wrong."""
    try:
        statements = parse_statements(source)
    except LyraSyntaxError as error:
        lines = source.count("\n") + 1
        if not (type(error.line) is int and 1 <= error.line <= lines + 1):
            return f"bad error line {error.line!r} ({lines} lines)"
        if not (type(error.column) is int and error.column >= 1):
            return f"bad error column {error.column!r}"
        error.render()
        return None
    except RecursionError:
        return "RecursionError"
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    for statement in statements:
        expr = statement.expr
        try:
            text = input_form(expr)
            full_form(expr)
        except Exception as error:
            return f"printing {expr!r}: {type(error).__name__}: {error}"
        try:
            again = parse(text)
        except LyraSyntaxError as error:
            return f"InputForm {text!r} does not parse: {error}"
        except Exception as error:
            return f"InputForm {text!r}: {type(error).__name__}: {error}"
        # Raw parse trees need not be canonical (Times[Times[-1, a], b] prints
        # as -a*b, which reads back as Times[-1, a, b]); after one round trip
        # the printed form must read back as itself.
        settled = input_form(again)
        try:
            final = input_form(parse(settled))
        except LyraSyntaxError as error:
            return f"InputForm {settled!r} does not parse: {error}"
        if final != settled:
            return f"InputForm {settled!r} parses to {final!r}"
    return None


@pytest.fixture(autouse=True, scope="module")
def _symbols_made_here_are_removed():
    # Parsing interns symbols in the process-wide table; a mutated input such
    # as `E makes Global`E, which would shadow System`E in later tests.
    before = {s.full_name for s in symtab.all_symbols()}
    yield
    for sym in symtab.all_symbols():
        if sym.full_name not in before:
            symtab.remove_symbol(sym)


def _regressions() -> list[str]:
    if not REGRESSIONS.exists():
        return []
    lines = REGRESSIONS.read_text(encoding="utf-8").splitlines()
    return [line.encode("latin-1", "backslashreplace").decode("unicode_escape")
            for line in lines if line and not line.startswith("//")]


@pytest.mark.parametrize("source", _regressions())
def test_inputs_that_once_failed(source):
    assert check(source) is None


_fast = settings(
    max_examples=300, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@_fast
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_random_text_parses_or_raises_syntax_error(source):
    assert check(source) is None


@_fast
@given(st.lists(st.sampled_from(_TOKENS), max_size=20).map("".join))
def test_random_token_soup_parses_or_raises_syntax_error(source):
    assert check(source) is None


@_fast
@given(st.integers(0, 2**32))
def test_mutated_real_inputs_parse_or_raise_syntax_error(seed):
    rng = random.Random(seed)
    source = mutate(rng, rng.choice(corpus()))
    assert check(source) is None


def test_every_corpus_input_behaves():
    failures = [(s, p) for s in corpus() if (p := check(s)) is not None]
    assert failures == []


def test_deep_nesting_is_a_syntax_error_not_a_crash():
    for opener, closer in (("(", ")"), ("{", "}"), ("f[", "]"), ("<|a -> ", "|>")):
        source = opener * 100_000 + "1" + closer * 100_000
        with pytest.raises(LyraSyntaxError) as info:
            parse(source)
        assert info.value.line == 1 and info.value.column >= 1


def test_long_flat_input_parses():
    source = "{" + ", ".join(["1"] * 100_000) + "}"
    assert len(parse(source).args) == 100_000
    assert len(parse("+".join(["x"] * 20_000)).args) == 20_000


# ---------------------------------------------------------------- campaign
def campaign(seconds: float, seed: int, log) -> int:
    import time

    rng = random.Random(seed)
    pool = corpus()
    deadline = time.monotonic() + seconds
    count = 0
    while time.monotonic() < deadline:
        if rng.random() < 0.7:
            source = mutate(rng, rng.choice(pool))
        else:
            source = "".join(rng.choice(_TOKENS + tuple(_ALPHABET)) for _ in range(rng.randint(1, 30)))
        problem = check(source)
        count += 1
        if problem is not None:
            print(f"FAIL {source!r}\n  {problem}", file=log, flush=True)
    return count


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    total = campaign(float(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1, sys.stdout)
    print(f"ran {total} cases", flush=True)
