"""String patterns: WL's StringExpression language compiled to Python `re`.

    compile_pattern(expr, ignore_case=False, wildcards=False) -> StringPattern
        raises BadPattern(element) for something that is not a string pattern.

The pieces WL allows inside string patterns and what they become:

    "text"                      the literal text
    a ~~ b ~~ ...               concatenation (StringExpression)
    _, __, ___                  one / one or more / zero or more characters
    x:p, x_, x__, x___          a named piece: the rule's right side sees x
    p1 | p2, {p1, p2}           alternatives
    p.., p...                   Repeated / RepeatedNull (with {min, max} counts)
    Except[c], Except[c, p]     any character but c; p where c does not match
    Shortest[p], Longest[p]     lazy / greedy repetition inside p
    _?DigitQ, __?LetterQ, ...   character tests WL defines (DigitQ, LetterQ,
                                UpperCaseQ, LowerCaseQ)
    DigitCharacter, LetterCharacter, WhitespaceCharacter, WordCharacter,
    HexadecimalCharacter, PunctuationCharacter, Whitespace, NumberString,
    StartOfString, EndOfString, StartOfLine, EndOfLine, WordBoundary
    RegularExpression["re"]     a regular expression (PCRE-style named groups)
    p /; cond, p?test           at the top: matches of p filtered by the test

`wildcards=True` is StringMatchQ's and Names' reading of a plain string:
`*` is any run of characters and `@` a run of characters that are not
uppercase letters (`\\*` and `\\@` are the literal characters).

Compiled patterns are cached by (expression, flags): the same pattern used in
a loop is translated once.
"""

from __future__ import annotations

import re

from ..expr.normal import E, Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from ..engine import messages as message_texts
from ..patterns.substitute import substitute
from .registry import builtin, declare


class BadPattern(Exception):
    """The element (a Lyra value) is not a valid string pattern piece."""

    def __init__(self, element):
        super().__init__(element)
        self.element = element


# ---------------------------------------------------------------- symbols
_StringExpression = S.StringExpression
_Blank = S.Blank
_BlankSequence = S.BlankSequence
_BlankNullSequence = S.BlankNullSequence
_Pattern = S.Pattern
_PatternTest = S.PatternTest
_Condition = S.Condition
_Alternatives = S.Alternatives
_Repeated = S.Repeated
_RepeatedNull = S.RepeatedNull
_Except = S.Except
_HoldPattern = S.HoldPattern
_List = S.List
_RegularExpression = system("RegularExpression")
_Shortest = system("Shortest")
_Longest = system("Longest")

_ANY = r"[\s\S]"  # one character, newlines included (WL's `_`)

# Named classes: (regex, matches exactly one character?)
_CLASSES = {
    "DigitCharacter": ("[0-9]", True),
    "LetterCharacter": (r"[^\W\d_]", True),
    "WhitespaceCharacter": (r"\s", True),
    "WordCharacter": (r"[^\W_]", True),
    "HexadecimalCharacter": ("[0-9a-fA-F]", True),
    "PunctuationCharacter": (r"[!-/:-@\[-`{-~¡§«¶·»¿]", True),
    "Whitespace": (r"\s+", False),
    "NumberString": (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", False),
    "StartOfString": (r"\A", False),
    "EndOfString": (r"\Z", False),
    "StartOfLine": (r"(?m:^)", False),
    "EndOfLine": (r"(?m:$)", False),
    "WordBoundary": (r"\b", False),
}
_CLASS_BY_SYMBOL = {system(name): value for name, value in _CLASSES.items()}

# Character tests a PatternTest may use inside a string pattern.
_TESTS = {
    "DigitQ": "[0-9]",
    "LetterQ": r"[^\W\d_]",
    "UpperCaseQ": "[A-ZÀ-ÖØ-Þ]",
    "LowerCaseQ": "[a-zß-öø-ÿ]",
}
_TEST_BY_SYMBOL = {system(name): value for name, value in _TESTS.items()}


class StringPattern:
    """A compiled string pattern.

    regex:     the compiled Python pattern
    names:     Python group name -> the Lyra Symbol it binds
    filter:    None, or (kind, expr) for a top-level Condition / PatternTest that
               each match must also pass ("condition": expr with the names
               bound is True; "test": test[matched text] is True)
    is_regex:  the pattern is a RegularExpression (its rules may use $n)
    """

    __slots__ = ("regex", "names", "filter", "is_regex")

    def __init__(self, regex, names, filter_, is_regex):
        self.regex = regex
        self.names = names
        self.filter = filter_
        self.is_regex = is_regex

    def bindings(self, match) -> dict:
        """{Symbol: matched text} for the named pieces that took part."""
        out = {}
        for group, sym in self.names.items():
            text = match.group(group)
            if text is not None and sym not in out:
                out[sym] = text
        return out


class _Translator:
    """One translation: collects group names while it walks the pattern."""

    def __init__(self, wildcards: bool):
        self.wildcards = wildcards
        self.groups: dict[Symbol, str] = {}  # first group of each named piece
        self.names: dict[str, Symbol] = {}
        self.is_regex = False
        self.lazy = False

    def translate(self, p, top: bool = False) -> str:
        t = type(p)
        if t is str:
            if self.wildcards and top:
                return _wildcard_regex(p)
            return re.escape(p)
        if t is Symbol:
            known = _CLASS_BY_SYMBOL.get(p)
            if known is None:
                raise BadPattern(p)
            return known[0]
        if t is not Expr:
            raise BadPattern(p)
        head, args = p.head, p.args
        if head is _StringExpression:
            return "".join(self.translate(a) for a in args)
        if head is _List or head is _Alternatives:
            return self._alternatives(args, top)
        if head is _Blank or head is _BlankSequence or head is _BlankNullSequence:
            if args:
                raise BadPattern(p)
            return _ANY + ("" if head is _Blank else self._quantifier("+" if head is _BlankSequence else "*"))
        if head is _Pattern and len(args) == 2 and type(args[0]) is Symbol:
            return self._named(args[0], args[1])
        if head is _PatternTest and len(args) == 2:
            return self._tested(p, args[0], args[1])
        if head is _Repeated or head is _RepeatedNull:
            return self._repeated(p, head is _RepeatedNull)
        if head is _Except and 1 <= len(args) <= 2:
            excluded = self.translate(args[0])
            if len(args) == 1:
                return f"(?:(?!{excluded}){_ANY})"
            return f"(?:(?!{excluded}){self.translate(args[1])})"
        if (head is _Shortest or head is _Longest) and len(args) == 1:
            saved = self.lazy
            self.lazy = head is _Shortest
            try:
                return self.translate(args[0])
            finally:
                self.lazy = saved
        if head is _RegularExpression and len(args) == 1 and type(args[0]) is str:
            self.is_regex = True
            return "(?:" + _pcre_to_python(args[0]) + ")"
        if head is _HoldPattern and len(args) == 1:
            return self.translate(args[0], top)
        raise BadPattern(p)

    def _quantifier(self, q: str) -> str:
        return q + "?" if self.lazy else q

    def _alternatives(self, args, top) -> str:
        if args and all(type(a) is str and len(a) == 1 for a in args) and not (self.wildcards and top):
            # {"a", "b", "c"} (CharacterRange's result): one character class.
            return "[" + "".join(_class_char(a) for a in args) + "]"
        return "(?:" + "|".join(self.translate(a, top) for a in args) + ")"

    def _named(self, sym: Symbol, inner, body: str | None = None) -> str:
        seen = self.groups.get(sym)
        if seen is not None:
            # The same name twice must match the same text: a backreference.
            return f"(?P={seen})"
        group = f"g{len(self.names)}"
        self.groups[sym] = group
        self.names[group] = sym
        if body is None:
            body = self.translate(inner)
        return f"(?P<{group}>{body})"

    def _tested(self, whole, inner, test) -> str:
        char = _TEST_BY_SYMBOL.get(test) if type(test) is Symbol else None
        if char is None or type(inner) is not Expr:
            raise BadPattern(whole)
        if inner.head is _Pattern and len(inner.args) == 2 and type(inner.args[0]) is Symbol:
            # x_?DigitQ: the name binds the tested blank.
            return self._named(inner.args[0], None, self._tested(whole, inner.args[1], test))
        if inner.args:
            raise BadPattern(whole)
        if inner.head is _Blank:
            return char
        if inner.head is _BlankSequence:
            return char + self._quantifier("+")
        if inner.head is _BlankNullSequence:
            return char + self._quantifier("*")
        raise BadPattern(whole)

    def _repeated(self, p, null: bool) -> str:
        args = p.args
        if not 1 <= len(args) <= 2:
            raise BadPattern(p)
        body = "(?:" + self.translate(args[0]) + ")"
        if len(args) == 1:
            return body + self._quantifier("*" if null else "+")
        counts = args[1]
        if type(counts) is int and counts >= 0:
            lo, hi = (0 if null else 1), counts
        elif (
            type(counts) is Expr
            and counts.head is _List
            and 1 <= len(counts.args) <= 2
            and all(type(c) is int and c >= 0 for c in counts.args)
        ):
            lo = counts.args[0]
            hi = counts.args[-1]
        else:
            raise BadPattern(p)
        if lo > hi:
            raise BadPattern(p)
        return body + self._quantifier("{%d,%d}" % (lo, hi))


def _class_char(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


def _wildcard_regex(text: str) -> str:
    """StringMatchQ's abbreviated patterns: `*` any run, `@` a run without uppercase."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "*@":
            out.append(re.escape(text[i + 1]))
            i += 2
            continue
        if c == "*":
            out.append(_ANY + "*")
        elif c == "@":
            out.append("[^A-Z]+")
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


_PCRE_NAMED_GROUP = re.compile(r"\(\?<(?![=!])")


def _pcre_to_python(regex: str) -> str:
    """PCRE's (?<name>...) is Python's (?P<name>...); the rest is shared."""
    return _PCRE_NAMED_GROUP.sub("(?P<", regex)


# ---------------------------------------------------------------- compiling
_CACHE: dict = {}
_CACHE_LIMIT = 2000


def compile_pattern(expr, ignore_case: bool = False, wildcards: bool = False) -> StringPattern:
    """The compiled form of a string pattern; raises BadPattern."""
    key = (expr, ignore_case, wildcards)
    try:
        found = _CACHE.get(key)
    except TypeError:  # an unhashable foreign value: do not cache
        found = None
        key = None
    if found is not None:
        return found
    compiled = _compile(expr, ignore_case, wildcards)
    if key is not None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = compiled
    return compiled


def _compile(expr, ignore_case, wildcards) -> StringPattern:
    core = expr
    filter_ = None
    if type(core) is Expr and len(core.args) == 2:
        if core.head is _Condition:
            filter_ = ("condition", core.args[1])
            core = core.args[0]
        elif core.head is _PatternTest and not (
            type(core.args[1]) is Symbol and core.args[1] in _TEST_BY_SYMBOL
        ):
            filter_ = ("test", core.args[1])
            core = core.args[0]
    translator = _Translator(wildcards)
    source = translator.translate(core, top=True)
    flags = re.IGNORECASE if ignore_case else 0
    try:
        regex = re.compile(source, flags)
    except (re.error, OverflowError, RecursionError):
        raise BadPattern(expr) from None
    return StringPattern(regex, translator.names, filter_, translator.is_regex)


# ---------------------------------------------------------------- matching
class Matcher:
    """Matching one compiled pattern against strings for one builtin call.

    Besides the regex, a match must pass the pattern's top-level Condition or
    PatternTest; those need the evaluator, so they live here and not in
    StringPattern. With a filter, the search tries every span (longest first)
    from each start, as WL's backtracking does -- slow, but only used then.
    """

    __slots__ = ("ev", "pattern", "regex")

    def __init__(self, ev, pattern: StringPattern):
        self.ev = ev
        self.pattern = pattern
        self.regex = pattern.regex

    def _accepts(self, match) -> bool:
        kind, expr = self.pattern.filter
        if kind == "condition":
            test = substitute(expr, self.pattern.bindings(match))
            return self.ev.evaluate(test) is S.True_
        return self.ev.evaluate(E(expr, match.group(0))) is S.True_

    def search(self, text: str, pos: int = 0):
        """The first match at or after pos, or None."""
        if self.pattern.filter is None:
            return self.regex.search(text, pos)
        n = len(text)
        for start in range(pos, n + 1):
            found = self._match_at(text, start, n)
            if found is not None:
                return found
        return None

    def _match_at(self, text, start, n):
        regex = self.regex
        for end in range(n, start - 1, -1):
            m = regex.fullmatch(text, start, end)
            if m is not None and self._accepts(m):
                return m
        return None

    def fullmatch(self, text: str):
        m = self.regex.fullmatch(text)
        if m is None or self.pattern.filter is None:
            return m
        return m if self._accepts(m) else None

    def finditer(self, text: str, overlaps=False):
        """Matches left to right. overlaps: False (resume after each match),
        True (one match per start position) or "all" (every span)."""
        if overlaps == "all":
            yield from self._all_spans(text)
            return
        if not overlaps and self.pattern.filter is None:
            # The regex engine's own scan (empty matches as in Perl and PCRE).
            check = self.ev.check_interrupt
            for i, m in enumerate(self.regex.finditer(text)):
                if i & 4095 == 4095:
                    check()
                yield m
            return
        pos = 0
        n = len(text)
        count = 0
        while pos <= n:
            m = self.search(text, pos)
            if m is None:
                return
            yield m
            count += 1
            if count % 4096 == 0:
                self.ev.check_interrupt()
            if overlaps:
                pos = m.start() + 1
            else:
                pos = m.end() if m.end() > m.start() else m.end() + 1

    def _all_spans(self, text):
        regex = self.regex
        n = len(text)
        for start in range(n + 1):
            self.ev.check_interrupt()
            for end in range(n, start - 1, -1):
                m = regex.fullmatch(text, start, end)
                if m is not None and (self.pattern.filter is None or self._accepts(m)):
                    yield m


# ---------------------------------------------------------------- options
_IgnoreCase = system("IgnoreCase")
_Overlaps = system("Overlaps")
_Rule = S.Rule
_RuleDelayed = S.RuleDelayed


def is_option(a) -> bool:
    return type(a) is Expr and (a.head is _Rule or a.head is _RuleDelayed) and len(a.args) == 2 and type(a.args[0]) is Symbol and a.args[0] in _OPTION_NAMES


def split_options(args: tuple):
    """(positional arguments, {option name: value}) for trailing option rules."""
    end = len(args)
    while end > 0 and is_option(args[end - 1]):
        end -= 1
    options = {}
    for rule in args[end:]:
        options.setdefault(rule.args[0].name, rule.args[1])
    return args[:end], options


_OPTION_NAMES = {_IgnoreCase, _Overlaps}


def ignore_case(options: dict) -> bool:
    return options.get("IgnoreCase") is S.True_


def overlaps_mode(options: dict, default):
    value = options.get("Overlaps")
    if value is None:
        return default
    if value is S.True_:
        return True
    if value is S.All:
        return "all"
    return False


def pattern_or_message(ev, caller, patt, whole, ignore_case_=False, wildcards=False):
    """compile_pattern with WL's StringExpression::invld message on failure (None)."""
    try:
        return compile_pattern(patt, ignore_case_, wildcards)
    except BadPattern as bad:
        ev.message("StringExpression", "invld", bad.element, patt)
        return None


message_texts.define(
    "StringExpression", "invld", "Element `1` is not a valid string or pattern element in `2`."
)


# ---------------------------------------------------------------- the heads
@builtin(
    "StringExpression",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="StringExpression[p1, p2, ...] or p1 ~~ p2 ~~ ... is a string pattern matching the pieces one after "
    "another; adjacent literal strings join.\nExample: \"ab\" ~~ \"c\" gives \"abc\"; "
    "StringCases[\"a1b22\", DigitCharacter ..] gives {\"1\", \"22\"}",
)
def string_expression(ev, *parts):
    if not parts:
        return ""
    merged = []
    changed = False
    for p in parts:
        if type(p) is str and merged and type(merged[-1]) is str:
            merged[-1] += p
            changed = True
        else:
            merged.append(p)
    if len(merged) == 1 and type(merged[0]) is str:
        return merged[0]
    return Expr(_StringExpression, tuple(merged)) if changed else None


@builtin(
    "RegularExpression",
    nargs=1,
    usage="RegularExpression[\"regex\"] is a string pattern written as a regular expression; "
    "in a rule's right side \"$1\", \"$2\", ... stand for its groups.\n"
    "Example: StringReplace[\"a1b2\", RegularExpression[\"[0-9]\"] -> \"#\"] gives \"a#b#\"",
)
def regular_expression(ev, regex):
    return None


for _name, _doc in (
    ("DigitCharacter", "DigitCharacter is a string pattern for one digit 0-9.\nExample: StringMatchQ[\"7\", DigitCharacter] gives True"),
    ("LetterCharacter", "LetterCharacter is a string pattern for one letter.\nExample: StringCases[\"a1b\", LetterCharacter] gives {\"a\", \"b\"}"),
    ("WhitespaceCharacter", "WhitespaceCharacter is a string pattern for one space, tab or newline.\nExample: StringCount[\"a b c\", WhitespaceCharacter] gives 2"),
    ("Whitespace", "Whitespace is a string pattern for a run of whitespace characters.\nExample: StringSplit[\"a  b\", Whitespace] gives {\"a\", \"b\"}"),
    ("WordCharacter", "WordCharacter is a string pattern for one letter or digit.\nExample: StringCases[\"a-1\", WordCharacter] gives {\"a\", \"1\"}"),
    ("HexadecimalCharacter", "HexadecimalCharacter is a string pattern for one of 0-9, a-f, A-F.\nExample: StringMatchQ[\"f\", HexadecimalCharacter] gives True"),
    ("PunctuationCharacter", "PunctuationCharacter is a string pattern for one punctuation character.\nExample: StringCases[\"a,b.\", PunctuationCharacter] gives {\",\", \".\"}"),
    ("NumberString", "NumberString is a string pattern for the text of a decimal number, like \"-1.5\".\nExample: StringCases[\"x=12.5, y=-3\", NumberString] gives {\"12.5\", \"-3\"}"),
    ("StartOfString", "StartOfString matches the start of the string in a string pattern.\nExample: StringReplace[\"aa\", StartOfString ~~ \"a\" -> \"b\"] gives \"ba\""),
    ("EndOfString", "EndOfString matches the end of the string in a string pattern.\nExample: StringReplace[\"aa\", \"a\" ~~ EndOfString -> \"b\"] gives \"ab\""),
    ("StartOfLine", "StartOfLine matches the start of a line in a string pattern.\nExample: StringCount[\"a\\nb\", StartOfLine] gives 2"),
    ("EndOfLine", "EndOfLine matches the end of a line in a string pattern.\nExample: StringCount[\"a\\nb\", EndOfLine] gives 2"),
    ("WordBoundary", "WordBoundary matches the boundary between a word character and another character in a string pattern.\nExample: StringCount[\"ab cd\", WordBoundary] gives 4"),
    ("Shortest", "Shortest[p] is the pattern p matching the shortest text it can.\nExample: StringCases[\"(a)(b)\", Shortest[\"(\" ~~ __ ~~ \")\"]] gives {\"(a)\", \"(b)\"}"),
    ("Longest", "Longest[p] is the pattern p matching the longest text it can (the default for string patterns).\nExample: StringCases[\"(a)(b)\", Longest[\"(\" ~~ __ ~~ \")\"]] gives {\"(a)(b)\"}"),
    ("IgnoreCase", "IgnoreCase is an option of string functions: IgnoreCase -> True matches letters regardless of case.\nExample: StringMatchQ[\"ABC\", \"abc\", IgnoreCase -> True] gives True"),
    ("Overlaps", "Overlaps is an option of StringCases, StringPosition and StringCount: True finds overlapping matches, All every match.\nExample: StringCases[\"aaa\", \"aa\", Overlaps -> True] gives {\"aa\", \"aa\"}"),
):
    declare(_name, usage=_doc)
