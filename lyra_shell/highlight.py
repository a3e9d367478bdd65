"""Syntax highlighting: the Pygments lexer for Lyra source.

Registered as a Pygments plugin (entry point `lyra` in pyproject.toml), so
`pygmentize -l lyra file.lyra` works and `*.lyra` files are recognised.
The shell uses LyraShellLexer, which also knows the shell's own syntax
(`%magic` lines and `?Name` help requests).

Builtins are told apart from user symbols by asking the builtin registry,
lazily on the first lexed name: importing this module stays cheap because
Pygments imports every plugin lexer when it looks one up by name.
"""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer, bygroups, include, inherit
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

# ------------------------------------------------------------------ pieces
# A name segment: a letter or $, then letters, digits, $; an `_` followed by a
# lowercase letter or digit stays inside the name (Lyra's snake_case rule).
_SEGMENT = r"[A-Za-z$][A-Za-z0-9$]*(?:_[a-z0-9][A-Za-z0-9$]*)*"
# A symbol with optional contexts: x, System`Plus, `private`x.
SYMBOL = rf"`?(?:{_SEGMENT}`)*{_SEGMENT}"
# A pattern: optional name (atomic, so `x_h` is never split into x + _h), then
# a blank of one to three underscores, then `.` (x_.) or a head (x_Integer).
PATTERN = rf"(?>{SYMBOL})?_{{1,3}}(?:\.(?![0-9])|{SYMBOL})?"

# Precision marks: 1.2`30 (precision), 1.2``30 (accuracy); Lyra's 1.2d30
# needs the decimal point (5d3 is 5*d3).
_BACKTICKS = r"(?:``[+-]?(?:\d+\.?\d*|\.\d+)?|`(?:\d+\.?\d*|\.\d+)?)"
_PRECISION = rf"(?:{_BACKTICKS}|d\d+)"
_EXPONENT = r"(?:\*\^[+-]?\d+)"
NUMBER_BASE = rf"\d+\^\^[0-9A-Za-z]+(?:\.[0-9A-Za-z]*)?{_PRECISION}?{_EXPONENT}?"
NUMBER_REAL = (
    rf"(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?{_PRECISION}?{_EXPONENT}?"
    rf"|\d+{_BACKTICKS}{_EXPONENT}?"
    rf"|\d+[eE][+-]?\d+"
)
NUMBER_INT = rf"\d+(?:n|{_EXPONENT})?(?![A-Za-z0-9$])|\d+"

# Longest first, so `//.` wins over `//` and `/.`.
OPERATORS = sorted(
    """
    ^:= === =!= //@ @@@ //. ... := ^= =. == != <= >= -> :> /. /; /@ @@ @* /*
    // |> <| => <> && || ;; .. ~~ ++ -- += -= *= /= << !! :: + - * / ^ ! = < >
    & | ; : ? ~ . @ '
    """.split(),
    key=len,
    reverse=True,
)
OPERATOR = "|".join(re.escape(op) for op in OPERATORS)

_builtin_names: frozenset[str] | None = None


def builtin_names() -> frozenset[str]:
    """Names of every System symbol the library defines (loaded on first use)."""
    global _builtin_names
    if _builtin_names is None:
        try:
            from lyra_core.library import load_library, registry

            load_library()
            _builtin_names = frozenset(registry.BUILTINS) | frozenset(registry.USAGE)
        except Exception:  # noqa: BLE001 - highlighting must work regardless
            _builtin_names = frozenset()
    return _builtin_names


def _symbol_callback(lexer, match):
    text = match.group(0)
    name = text
    if "`" in text:
        if not text.startswith("System`"):
            yield match.start(), Name, text
            return
        name = text[len("System`"):]
    token = Name.Builtin if name in builtin_names() else Name
    yield match.start(), token, text


class LyraLexer(RegexLexer):
    """Lyra source code (a language in the Wolfram Language family)."""

    name = "Lyra"
    aliases = ["lyra"]
    filenames = ["*.lyra"]
    mimetypes = ["text/x-lyra"]
    url = "https://github.com/"  # the project has no public page yet
    flags = re.MULTILINE

    tokens = {
        "root": [
            include("expression"),
            (r"[{}]", Punctuation),
            include("other"),
        ],
        # Everything but braces, which the interpolation states count.
        "expression": [
            (r"\s+", Whitespace),
            (r"\(\*", Comment.Multiline, "comment"),
            # `//` starting a line is a line comment; elsewhere it is postfix `//`.
            (r"^[ \t]*//.*?$", Comment.Single),
            (r'"', String.Double, "string"),
            (NUMBER_BASE, Number.Hex),
            (NUMBER_REAL, Number.Float),
            (NUMBER_INT, Number.Integer),
            (r"##\d*|#\d+|#[A-Za-z][A-Za-z0-9]*|#", Name.Variable.Magic),
            (r"%%+|%\d+|%", Name.Variable.Global),
            (PATTERN, Name.Variable),
            (rf"(::)({_SEGMENT})", bygroups(Operator, Name.Label)),
            (SYMBOL, _symbol_callback),
            (OPERATOR, Operator),
            (r"[\[\](),]", Punctuation),
        ],
        "other": [
            (r".", Text),
        ],
        "comment": [
            (r"[^(*]+", Comment.Multiline),
            (r"\(\*", Comment.Multiline, "#push"),
            (r"\*\)", Comment.Multiline, "#pop"),
            (r"[(*]", Comment.Multiline),
        ],
        "string": [
            (r'[^"\\#]+', String.Double),
            (r"\\#\{", String.Escape),
            (r'\\[\\"ntrbf#]', String.Escape),
            (r"\\.", String.Escape),
            (r"#\{", String.Interpol, "interpolation"),
            (r"#", String.Double),
            (r'"', String.Double, "#pop"),
        ],
        "interpolation": [
            (r"\}", String.Interpol, "#pop"),
            (r"\{", Punctuation, "braces"),
            include("expression"),
            include("other"),
        ],
        "braces": [
            (r"\}", Punctuation, "#pop"),
            (r"\{", Punctuation, "#push"),
            include("expression"),
            include("other"),
        ],
    }

    def analyse_text(text):
        # Lyra-only spellings make a guess likely; WL-family code in general less so.
        score = 0.0
        if re.search(r"\|>|=>|#\{", text):
            score += 0.1
        if re.search(r"\w+\[[^\]]*_\w*\]\s*:=", text):
            score += 0.2
        return score


class LyraShellLexer(LyraLexer):
    """Lyra plus the shell's own syntax: `%magic --options ...` and `?Name`."""

    name = "Lyra shell"
    aliases = ["lyra-shell"]
    filenames = []
    mimetypes = []

    tokens = {
        "root": [
            (r"\A(\s*)(%[A-Za-z][\w-]*)", bygroups(Whitespace, Keyword.Pseudo), "magic"),
            (rf"\A(\s*)(\?\??)(\s*)([A-Za-z$`*][A-Za-z0-9$`*_]*)",
             bygroups(Whitespace, Keyword.Pseudo, Whitespace, Name)),
            inherit,
        ],
        "magic": [
            (r"(\s+)(--?[A-Za-z][\w-]*)(=\S*)?",
             bygroups(Whitespace, Name.Attribute, Name.Attribute)),
            (r"%[A-Za-z][\w-]*", Keyword.Pseudo),
            include("expression"),
            (r"[{}]", Punctuation),
            include("other"),
        ],
    }
