"""The lexer: source text to a flat stream of tokens.

One compiled master pattern recognises every token (skipping the blanks before
it); the few tokens that need more than a regular expression -- nestable
comments, strings with `#{...}` interpolation, the file name after `<<` and
`>>` -- are scanned by hand.

The stream is five parallel lists (kind, value, start, end, newline-before),
because the parser reads them in its hottest loop:
    kind   'name' 'num' 'str' 'pat' 'slot' 'out' 'get' "'" 'eof', or the
           operator's own text ('+', '[[', '|>', ...)
    value  name text, number value, string text (or a list of pieces for an
           interpolated string), pattern parts, ...; None for operators
    start, end   character offsets into the full source
    nl     True when a newline separates the token from the previous one
"""

from __future__ import annotations

import re

from .errors import LyraSyntaxError
from .numbers import number_value

# ---------------------------------------------------------------- patterns
_BLANK_CHARS = " \\t\\r\\f\\v\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000\\ufeff"
_BLANKS = f"[{_BLANK_CHARS}]*"

# A name: a letter or $, then letters, digits, $ and Lyra's snake_case
# underscores (an `_` followed by a lowercase letter or a digit).
_NAME = r"(?:[^\W\d_]|\$)(?:[^\W_]|\$|_(?=[a-z0-9]))*"
# With contexts: ctx`sub`name or `name (relative to Global`).
_CNAME = rf"`?{_NAME}(?:`{_NAME})*"

_EXPONENT = r"(?:\*\^[+-]?[0-9]+)"
_PRECISION = r"(?:``?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)?)"
_NUMBER = (
    # base^^digits: 16^^FF, 2^^1010, 16^^F.8
    r"[0-9]+\^\^[0-9a-zA-Z]+(?:\.[0-9a-zA-Z]*)?" + _EXPONENT + "?"
    # decimal mantissa: 3.14 .5 1. with e-exponent, precision mark or dN, *^ exponent
    r"|(?:[0-9]+\.(?!\.)[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"(?:" + _PRECISION + r"|d[0-9]+(?:\.[0-9]*)?(?![\w$]))?" + _EXPONENT + "?"
    # integer mantissa: 12 12n 1e3 1`30 1*^3
    r"|[0-9]+(?:n(?![\w$])|[eE][+-]?[0-9]+|" + _PRECISION + _EXPONENT + "?|"
    + _EXPONENT + ")?"
)

# Operators. The alternation is built as a trie on characters (below), which
# keeps matching fast and always takes the longest operator.
_OPERATORS = [
    "<||>",
    "@@@", "//@", "^:=", "===", "=!=", "...", "//.", "|->",
    "::", ":=", ":>", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "++",
    "--", "+=", "-=", "*=", "/=", "^=", "@@", "@*", "/*", "/@", "/;", "/:",
    "<>", "~~", ";;", "..", "[[", "<|", "|>", "!!", "**", "//", "/.", "=.",
    "+", "-", "*", "/", "^", ".", "=", "<", ">", "!", "&", "|", "?", "@",
    ":", ";", ",", "(", ")", "[", "]", "{", "}", "~",
]
# Where an operator's character must not be followed by something, because
# that something makes a different token.
_GUARDS = {
    "=.": "(?![0-9])",  # x=.5 is x = 0.5, as in WL
    "/.": "(?![0-9])",  # x/.5 is x/0.5
    "//.": "(?![0-9])",
    ".": "(?![0-9])",  # .5 is a number
    "(": r"(?!\*)",  # (* opens a comment
    "<": "(?!<)",  # << is Get
    ">": "(?!>)",  # >> is Put
}


def _operator_trie(operators) -> str:
    """A regex for the longest of `operators`, shaped as a trie on characters."""

    def build(prefix: str, suffixes) -> str:
        branches = {}
        for suffix in suffixes:
            if suffix:
                branches.setdefault(suffix[0], []).append(suffix[1:])
        parts = []
        for ch, rest in branches.items():
            word = prefix + ch
            atom = re.escape(ch) + _GUARDS.get(word, "")
            parts.append(atom + build(word, rest))
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in suffixes else body

    return build("", operators)


# Unicode spellings WL accepts for some operators.
ALIASES = {
    "\u2192": "->",  # →
    "\u29f4": ":>",  # ⧴
    "\u2264": "<=",  # ≤
    "\u2265": ">=",  # ≥
    "\u2260": "!=",  # ≠
    "\u2227": "&&",  # ∧
    "\u2228": "||",  # ∨
    "\u00ac": "!",  # ¬
    "\u00d7": "*",  # ×
    "\u00f7": "/",  # ÷
}

_TOKEN = re.compile(
    _BLANKS
    + "(?:"
    + "(?P<op>" + _operator_trie(_OPERATORS) + ")"
    + rf"|(?P<name>(?>{_CNAME})(?!_))"
    + rf"|(?P<num>{_NUMBER})"
    + r"|(?P<nl>\n(?:" + _BLANKS + r"//[^\n]*)?)"
    + r'|(?P<str>"[^"\\#]*")'
    + rf"|(?P<pat>(?>{_CNAME})?_{{1,3}}(?:{_CNAME})?(?:\.(?![.0-9]))?)"
    + r'|(?P<xstr>")'
    + r"|(?P<com>\(\*)"
    + rf"|(?P<slot>\#\#[0-9]*|\#(?:[0-9]+|{_NAME})?)"
    + r"|(?P<out>%[0-9]+|%+)"
    + r"|(?P<get><<)"
    + r"|(?P<put>>>>?)"
    + r"|(?P<prime>'+)"
    + "|(?P<alias>[" + "".join(ALIASES) + "])"
    # Any other character is an error. (Blanks must not match here: finditer
    # may skip only blanks, never a character that needs reporting.)
    + f"|(?P<bad>[^{_BLANK_CHARS}\\n])"
    + ")"
)
_PATTERN_PARTS = re.compile(rf"({_CNAME})?(_{{1,3}})({_CNAME})?(\.)?")
_LEADING_LINE_COMMENT = re.compile(_BLANKS + r"//[^\n]*")
_COMMENT_MARK = re.compile(r"\(\*|\*\)")
_STRING_SPECIAL = re.compile(r'["\\#]')
_FILE_NAME = re.compile(r"[ \t]*(?:(\")|([^\s;,()\[\]{}\"|&]+))")

_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    '"': '"',
    "\\": "\\",
    "#": "#",  # \#{ is a literal #{
    "\n": "",  # a backslash at the end of a line continues the string
}
_HEX_ESCAPES = {":": 4, ".": 2, "|": 6}  # \:XXXX \.XX \|XXXXXX

# Interpolations nest strings inside expressions inside strings; bound it.
MAX_STRING_NESTING = 100


class Tokens:
    """A token stream: parallel lists, ending with an 'eof' (or '}') token."""

    __slots__ = ("kinds", "vals", "starts", "ends", "nls")

    def __init__(self):
        self.kinds: list = []
        self.vals: list = []
        self.starts: list = []
        self.ends: list = []
        self.nls: list = []


def _out_value(text: str):
    """% is Out[] (None here), %% is Out[-2], %%% Out[-3], %7 is Out[7]."""
    if text == "%":
        return None
    if text[1] == "%":
        return -len(text)
    return int(text[1:])


def tokenize(source: str) -> Tokens:
    """The token stream of a whole source text. Raises LyraSyntaxError."""
    return _Lexer(source).run(0, None)[0]


class _Lexer:
    __slots__ = ("src", "nesting")

    def __init__(self, source: str):
        self.src = source
        self.nesting = 0

    def error(self, reason, offset, incomplete=False):
        return LyraSyntaxError.at_offset(reason, self.src, offset, incomplete)

    def end_of_input(self) -> int:
        return len(self.src.rstrip())

    def run(self, pos: int, string_start):
        """(Tokens, end offset) from `pos` to the end of the source, or -- when
        `string_start` is the offset of an enclosing string -- to the `}`
        closing an interpolation (that `}` becomes the stream's final token)."""
        src = self.src
        toks = Tokens()
        # Bound appends: this loop runs once per token of every program.
        add_kind = toks.kinds.append
        add_val = toks.vals.append
        add_start = toks.starts.append
        add_end = (ends := toks.ends).append
        add_nl = toks.nls.append
        braces = 0
        nl = False
        if pos == 0:
            m = _LEADING_LINE_COMMENT.match(src)
            if m:
                pos = m.end()
        finished = False
        while not finished:
            # Ordinary tokens come from one finditer; a token scanned by hand
            # (string, comment, file name) restarts it after that token.
            finished = True
            for m in _TOKEN.finditer(src, pos):
                kind = m.lastgroup
                start, end = m.span(kind)
                if kind == "op":
                    text = src[start:end]
                    if string_start is not None and (text == "{" or text == "}"):
                        if text == "{":
                            braces += 1
                        elif braces:
                            braces -= 1
                        else:  # the } that closes the interpolation
                            add_kind("}")
                            add_val(None)
                            add_start(start)
                            add_end(end)
                            add_nl(nl)
                            return toks, end
                    add_kind(text)
                    add_val(None)
                elif kind == "name":
                    add_kind("name")
                    add_val(src[start:end])
                elif kind == "num":
                    text = src[start:end]
                    if text.isdigit() and len(text) < 4000:
                        value = int(text)
                    else:
                        try:
                            value = number_value(text)
                        except ValueError as exc:
                            raise self.error(str(exc), start) from None
                    add_kind("num")
                    add_val(value)
                elif kind == "nl":
                    nl = True
                    continue
                elif kind == "str":
                    add_kind("str")
                    add_val(src[start + 1 : end - 1])
                elif kind == "pat":
                    add_kind("pat")
                    add_val(_PATTERN_PARTS.fullmatch(src, start, end).groups())
                elif kind == "slot":
                    add_kind("slot")
                    add_val(src[start:end])
                elif kind == "out":
                    add_kind("out")
                    add_val(_out_value(src[start:end]))
                elif kind == "prime":
                    add_kind("'")
                    add_val(end - start)
                elif kind == "alias":
                    add_kind(ALIASES[src[start]])
                    add_val(None)
                elif kind == "com":
                    pos = self.skip_comment(start)
                    finished = False
                    break
                else:
                    # Scanned by hand; then continue after it with a fresh finditer.
                    if kind == "xstr":
                        add_kind("str")
                        value, end = self.string(start)
                    elif kind == "get":
                        add_kind("get")
                        value, end = self.file_name(start, end, "<<")
                    elif kind == "put":
                        text = src[start:end]
                        add_kind(text)
                        value, end = self.file_name(start, end, text)
                    else:
                        raise self.error(f"unexpected character {src[start]!r}", start)
                    add_val(value)
                    add_start(start)
                    add_end(end)
                    add_nl(nl)
                    nl = False
                    pos = end
                    finished = False
                    break
                add_start(start)
                add_end(end)
                add_nl(nl)
                nl = False

        if string_start is not None:
            raise self.error(
                "unterminated string (opened at %s)" % self.where(string_start),
                self.end_of_input(),
                incomplete=True,
            )
        end = ends[-1] if ends else 0
        add_kind("eof")
        add_val(None)
        add_start(end)
        add_end(end)
        add_nl(True)
        return toks, len(src)

    def where(self, offset: int) -> str:
        err = LyraSyntaxError.at_offset("", self.src, offset)
        return f"line {err.line}, column {err.column}"

    # ------------------------------------------------------------ comments
    def skip_comment(self, start: int) -> int:
        """Skip a (possibly nested) comment opened at `start`; return its end."""
        depth = 1
        pos = start + 2
        search = _COMMENT_MARK.search
        while depth:
            m = search(self.src, pos)
            if m is None:
                raise self.error(
                    "unterminated comment (opened at %s)" % self.where(start),
                    self.end_of_input(),
                    incomplete=True,
                )
            depth += 1 if m.group() == "(*" else -1
            pos = m.end()
        return pos

    # ------------------------------------------------------------- strings
    def string(self, quote: int):
        """Scan the string opened at `quote`. Returns (value, end) where value
        is a str, or a list of pieces (str and Tokens) when it interpolates."""
        src = self.src
        pos = quote + 1
        search = _STRING_SPECIAL.search
        pieces = None
        buf = []
        while True:
            m = search(src, pos)
            if m is None:
                raise self.error(
                    "unterminated string (opened at %s)" % self.where(quote),
                    self.end_of_input(),
                    incomplete=True,
                )
            at = m.start()
            if at > pos:
                buf.append(src[pos:at])
            ch = src[at]
            if ch == '"':
                pos = at + 1
                break
            if ch == "\\":
                text, pos = self.escape(at, quote)
                buf.append(text)
            elif src.startswith("{", at + 1):  # #{ expression }
                if pieces is None:
                    pieces = []
                pieces.append("".join(buf))
                buf = []
                self.nesting += 1
                if self.nesting > MAX_STRING_NESTING:
                    raise self.error("string interpolation nested too deeply", at)
                inner, pos = self.run(at + 2, quote)
                self.nesting -= 1
                pieces.append(inner)
            else:
                buf.append("#")
                pos = at + 1
        text = "".join(buf)
        if pieces is None:
            return text, pos
        pieces.append(text)
        return pieces, pos

    def escape(self, at: int, quote: int):
        """Decode the escape starting with the backslash at `at`."""
        src = self.src
        if at + 1 >= len(src):
            raise self.error(
                "unterminated string (opened at %s)" % self.where(quote),
                self.end_of_input(),
                incomplete=True,
            )
        ch = src[at + 1]
        simple = _SIMPLE_ESCAPES.get(ch)
        if simple is not None:
            return simple, at + 2
        width = _HEX_ESCAPES.get(ch)
        if width is not None:
            digits = src[at + 2 : at + 2 + width]
            if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                return chr(int(digits, 16)), at + 2 + width
            raise self.error(f"invalid escape sequence '\\{ch}{digits}'", at)
        if ch in "01234567":
            digits = src[at + 1 : at + 4]
            if len(digits) == 3 and all(c in "01234567" for c in digits):
                return chr(int(digits, 8)), at + 4
        # WL keeps an unknown escape as written.
        return "\\" + ch, at + 2

    # ---------------------------------------------------------- file names
    def file_name(self, start: int, pos: int, operator: str):
        """The file name after << or >>: a string, or the following run of
        characters up to a blank or a delimiter (<< foo.lyra)."""
        src = self.src
        m = _FILE_NAME.match(src, pos)
        if m is None:
            rest = src[pos:]
            incomplete = not rest.strip()
            offset = self.end_of_input() if incomplete else pos
            raise self.error(f"missing file name after '{operator}'", offset, incomplete)
        if m.group(1):
            value, end = self.string(m.start(1))
            if type(value) is not str:
                raise self.error("a file name cannot interpolate", m.start(1))
            return value, end
        return m.group(2), m.end()
