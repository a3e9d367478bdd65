"""String functions: joining, measuring, cutting, searching, replacing,
converting. String patterns are compiled by string_patterns.py.

Functions that take "a string or a list of strings" go through `_each`, which
maps over a list of strings and otherwise issues WL's `strse` message.
"""

from __future__ import annotations

from ..engine import messages as message_texts
from ..expr.assoc import Association
from ..expr.normal import E, Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from ..patterns.substitute import substitute
from .list_support import call, is_infinity, plain_list
from .registry import builtin
from .string_patterns import (
    Matcher,
    ignore_case,
    overlaps_mode,
    pattern_or_message,
    split_options,
)

List = S.List
_Rule = S.Rule
_RuleDelayed = S.RuleDelayed
_StringExpression = S.StringExpression
_UpTo = system("UpTo")

for _name, _tag, _text in (
    ("General", "strse", "String or list of strings expected at position `1` in `2`."),
    ("General", "mseqs", "Sequence specification (+n, -n, {+n}, {-n}, {m, n}, or {m, n, s}) or a list of "
     "sequence specifications expected at position `2` in `1`."),
    ("General", "drop", "Cannot drop positions `1` through `2` in `3`."),
    ("General", "take", "Cannot take positions `1` through `2` in `3`."),
    ("General", "srep", "`1` is not a valid string replacement rule."),
    ("FromCharacterCode", "notunicode", "A character code, which should be a non-negative integer less than "
     "1114112, is expected at position `2` in `1`."),
    ("CharacterRange", "argtype", "Arguments `1` and `2` of `3` should be either non-negative integers or "
     "one-character strings."),
    ("ToExpression", "sntx", "Invalid syntax in or before \"`1`\"."),
    ("ToExpression", "sntxi", "Incomplete expression; more input is needed `1`."),
    ("StringRiffle", "list", "List expected at position `1` in `2`."),
    ("StringInsert", "ins", "Cannot insert at position `1` in `2`."),
    ("TemplateApply", "tmpl", "`1` is not a valid template."),
):
    message_texts.define(_name, _tag, _text)


def _is_string_list(x) -> bool:
    if type(x) is not Expr or x.head is not List:
        return False
    for a in x.args:
        if type(a) is not str:
            return False
    return True


_FAILED = object()


def _strings_or_message(ev, caller: str, s, args) -> bool:
    """s is a string or a list of strings; else False after caller::strse.
    Checked before the pattern is compiled, so a bad string is reported first."""
    if type(s) is str or _is_string_list(s):
        return True
    ev.message(caller, "strse", 1, call(caller, *args))
    return False


def _each(ev, caller: str, s, fn, args):
    """fn(s) for a string, the list of fn(si) for a list of strings; None (after
    strse) for anything else. fn returns _FAILED after its own message."""
    if type(s) is str:
        out = fn(s)
        return None if out is _FAILED else out
    if _is_string_list(s):
        results = []
        for x in s.args:
            out = fn(x)
            if out is _FAILED:
                return None
            results.append(out)
        return Expr(List, tuple(results))
    ev.message(caller, "strse", 1, call(caller, *args))
    return None


def _string_result(pieces: list):
    """Join pieces: a string if all are strings, else a StringExpression of them."""
    if all(type(p) is str for p in pieces):
        return "".join(pieces)
    merged = []
    for p in pieces:
        if type(p) is str:
            if not p:
                continue
            if merged and type(merged[-1]) is str:
                merged[-1] += p
                continue
        merged.append(p)
    if len(merged) == 1:
        return merged[0]
    return Expr(_StringExpression, tuple(merged))


# ---------------------------------------------------------------- StringJoin, StringLength
@builtin(
    "StringJoin",
    attributes=("Flat", "OneIdentity", "Protected"),
    usage="StringJoin[s1, s2, ...] or s1 <> s2 <> ... joins the strings; lists of strings are joined too.\n"
    "Example: \"ab\" <> \"cd\" gives \"abcd\"; StringJoin[{\"a\", {\"b\"}}, \"c\"] gives \"abc\"",
)
def string_join(ev, *parts):
    out = []
    for i, p in enumerate(parts, 1):
        if type(p) is str:
            out.append(p)
        elif type(p) is Expr and p.head is List and _flatten_strings(p, out):
            continue
        else:
            ev.message("StringJoin", "string", i, call("StringJoin", *parts))
            return None
    return "".join(out)


def _flatten_strings(lst: Expr, out: list) -> bool:
    """Append the strings of a nested list to out; False if something is not a string."""
    stack = [iter(lst.args)]
    while stack:
        for a in stack[-1]:
            if type(a) is str:
                out.append(a)
            elif type(a) is Expr and a.head is List:
                stack.append(iter(a.args))
                break
            else:
                return False
        else:
            stack.pop()
    return True


@builtin(
    "StringLength",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="StringLength[s] gives the number of characters in the string s.\n"
    "Example: StringLength[\"hello\"] gives 5",
)
def string_length(ev, s):
    if type(s) is str:
        return len(s)
    ev.message("StringLength", "string", 1, call("StringLength", s))
    return None


# ---------------------------------------------------------------- StringTake, StringDrop
class _BadSpec(Exception):
    """kind "form": not a sequence specification; kind "range": positions
    lo..hi do not exist (lo, hi as WL reports them)."""

    def __init__(self, kind, lo=None, hi=None):
        super().__init__(kind)
        self.kind = kind
        self.lo = lo
        self.hi = hi


def _positions(spec, n: int):
    """(first, last, step), 1-based, for a sequence specification on length n."""
    if type(spec) is int:
        if spec >= 0:
            if spec > n:
                raise _BadSpec("range", 1, spec)
            return 1, spec, 1
        if -spec > n:
            raise _BadSpec("range", spec, -1)
        return n + spec + 1, n, 1
    if spec is S.All:
        return 1, n, 1
    if spec is S.None_:
        return 1, 0, 1
    if type(spec) is Expr and spec.head is _UpTo and len(spec.args) == 1 and type(spec.args[0]) is int and spec.args[0] >= 0:
        return 1, min(spec.args[0], n), 1
    if type(spec) is Expr and spec.head is List and 1 <= len(spec.args) <= 3:
        if not all(type(x) is int for x in spec.args):
            raise _BadSpec("form")
        given = spec.args
        lo = given[0]
        hi = given[1] if len(given) > 1 else given[0]
        step = given[2] if len(given) > 2 else 1
        if step == 0:
            raise _BadSpec("form")
        first = lo + n + 1 if lo < 0 else lo
        last = hi + n + 1 if hi < 0 else hi
        if step > 0:
            if first < 1 or last > n or first > last + 1:
                raise _BadSpec("range", lo, hi)
        elif first > n or last < 1 or last > first + 1:
            raise _BadSpec("range", lo, hi)
        return first, last, step
    raise _BadSpec("form")


def _slice(s: str, first: int, last: int, step: int) -> str:
    if step == 1:
        return s[first - 1 : last]
    if step > 0:
        return s[first - 1 : last : step]
    stop = last - 2
    return s[first - 1 : (stop if stop >= 0 else None) : step]


def _multi_spec(spec) -> bool:
    """{{1, 2}, {4, 5}}: several sequence specifications at once."""
    return type(spec) is Expr and spec.head is List and len(spec.args) > 0 and all(
        type(x) is Expr and x.head is List for x in spec.args
    )


def _cut(ev, caller, s, spec, args, drop: bool):
    def one(text, one_spec):
        try:
            first, last, step = _positions(one_spec, len(text))
        except _BadSpec as bad:
            if bad.kind == "form":
                ev.message(caller, "mseqs", call(caller, *args), 2)
            else:
                ev.message(caller, "drop" if drop else "take", bad.lo, bad.hi, text)
            return _FAILED
        if not drop:
            return _slice(text, first, last, step)
        if step == 1:
            return text[: first - 1] + text[last:]
        gone = set(range(first, last + (1 if step > 0 else -1), step))
        return "".join(c for i, c in enumerate(text, 1) if i not in gone)

    def each(text):
        if _multi_spec(spec):
            out = []
            for sub in spec.args:
                r = one(text, sub)
                if r is _FAILED:
                    return _FAILED
                out.append(r)
            return Expr(List, tuple(out))
        return one(text, spec)

    return _each(ev, caller, s, each, args)


@builtin(
    "StringTake",
    nargs=2,
    usage="StringTake[s, n] gives the first n characters of s; StringTake[s, -n] the last n; "
    "StringTake[s, {n}] the n-th; StringTake[s, {m, n}] characters m through n; StringTake[s, {m, n, k}] every k-th; "
    "StringTake[s, UpTo[n]] at most n. s may be a list of strings.\n"
    "Example: StringTake[\"abcdef\", 3] gives \"abc\"; StringTake[\"abcdef\", {2, 4}] gives \"bcd\"",
)
def string_take(ev, s, spec):
    return _cut(ev, "StringTake", s, spec, (s, spec), drop=False)


@builtin(
    "StringDrop",
    nargs=2,
    usage="StringDrop[s, n] drops the first n characters of s; StringDrop[s, -n] the last n; "
    "StringDrop[s, {n}] the n-th; StringDrop[s, {m, n}] characters m through n.\n"
    "Example: StringDrop[\"abcdef\", 2] gives \"cdef\"; StringDrop[\"abcdef\", -2] gives \"abcd\"",
)
def string_drop(ev, s, spec):
    return _cut(ev, "StringDrop", s, spec, (s, spec), drop=True)


# ---------------------------------------------------------------- rules for the pattern functions
class _PatternRule:
    """One pattern of StringReplace / StringCases / StringSplit, with the right
    side of its rule (has_rhs False for a bare pattern)."""

    __slots__ = ("matcher", "rhs", "delayed", "has_rhs")

    def __init__(self, matcher, rhs, delayed, has_rhs):
        self.matcher = matcher
        self.rhs = rhs
        self.delayed = delayed
        self.has_rhs = has_rhs


def _parse_rules(ev, caller, spec, options, allow_bare: bool):
    """The _PatternRules of a rule, pattern or list of them; None after a message."""
    items = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    fold = ignore_case(options)
    rules = []
    for item in items:
        if type(item) is Expr and (item.head is _Rule or item.head is _RuleDelayed) and len(item.args) == 2:
            compiled = pattern_or_message(ev, caller, item.args[0], item, fold)
            if compiled is None:
                return None
            rules.append(_PatternRule(Matcher(ev, compiled), item.args[1], item.head is _RuleDelayed, True))
        elif allow_bare:
            compiled = pattern_or_message(ev, caller, item, spec, fold)
            if compiled is None:
                return None
            rules.append(_PatternRule(Matcher(ev, compiled), None, False, False))
        else:
            ev.message(caller, "srep", item)
            return None
    return rules


def _replacement(ev, rule: _PatternRule, match):
    """The value of the rule's right side for one match."""
    rhs = rule.rhs
    pattern = rule.matcher.pattern
    changed = False
    if pattern.is_regex:
        new = _fill_groups(rhs, match)
        changed = new is not rhs
        rhs = new
    if pattern.names:
        bindings = pattern.bindings(match)
        if bindings:
            rhs = substitute(rhs, bindings)
            changed = True
    if changed or rule.delayed:
        return ev.evaluate(rhs)
    return rhs


def _fill_groups(value, match):
    """"$1", "$2", ... in the strings of value become the regex groups' text."""
    if type(value) is str:
        if "$" not in value:
            return value
        return _dollar_text(value, match)
    if type(value) is Expr:
        head = _fill_groups(value.head, match)
        args = tuple(_fill_groups(a, match) for a in value.args)
        if head is value.head and all(x is y for x, y in zip(args, value.args)):
            return value
        return Expr(head, args)
    return value


def _dollar_text(text: str, match) -> str:
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "$" and i + 1 < n and text[i + 1].isdigit():
            j = i + 1
            while j < n and text[j].isdigit():
                j += 1
            k = int(text[i + 1 : j])
            try:
                out.append(match.group(k) or "")
            except IndexError:
                out.append(text[i:j])
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


_COMBINED: dict = {}


def _combined_regex(rules):
    """One regex (r1)|(r2)|... for rules without named pieces, $n groups or
    filters (None otherwise); m.lastindex tells which rule matched."""
    patterns = [r.matcher.pattern for r in rules]
    key = tuple(p.regex for p in patterns)
    found = _COMBINED.get(key)
    if found is not None:
        return found
    flags = patterns[0].regex.flags
    for p in patterns:
        if p.names or p.is_regex or p.filter is not None or p.regex.flags != flags:
            return None
    if len(_COMBINED) > 1000:
        _COMBINED.clear()
    import re

    found = _COMBINED[key] = re.compile("|".join("(" + p.regex.pattern + ")" for p in patterns), flags)
    return found


def _scan(ev, rules, text: str, overlaps=False):
    """(rule, match) pairs left to right; at one position the earlier rule wins."""
    if len(rules) == 1:
        rule = rules[0]
        for m in rule.matcher.finditer(text, overlaps):
            yield rule, m
        return
    if overlaps == "all":
        found = []
        for rule in rules:
            for m in rule.matcher.finditer(text, "all"):
                found.append((m.start(), rules.index(rule), rule, m))
        found.sort(key=lambda f: (f[0], f[1]))
        for _, _, rule, m in found:
            yield rule, m
        return
    combined = _combined_regex(rules) if not overlaps else None
    if combined is not None:
        # One regex tries the rules in order at each position: WL's order.
        for i, m in enumerate(combined.finditer(text)):
            if i & 4095 == 4095:
                ev.check_interrupt()
            yield rules[m.lastindex - 1], m
        return
    # Each rule's next match is kept until the scan passes its start.
    pending = [r.matcher.search(text, 0) for r in rules]
    pos = 0
    n = len(text)
    count = 0
    while pos <= n:
        best = -1
        best_start = n + 1
        for i, m in enumerate(pending):
            if m is not None and m.start() < pos:
                m = pending[i] = rules[i].matcher.search(text, pos)
            if m is not None and m.start() < best_start:
                best, best_start = i, m.start()
        if best < 0:
            return
        m = pending[best]
        yield rules[best], m
        count += 1
        if count % 4096 == 0:
            ev.check_interrupt()
        if overlaps:
            pos = m.start() + 1
        else:
            pos = m.end() if m.end() > m.start() else m.end() + 1


def _count_limit(ev, caller, n, position, args):
    """A max-count argument: a non-negative int or Infinity (None: no limit);
    _FAILED after innf."""
    if n is None or is_infinity(n):
        return None
    if type(n) is int and n >= 0:
        return n
    ev.message(caller, "innf", position, call(caller, *args))
    return _FAILED


# ---------------------------------------------------------------- StringReplace
@builtin(
    "StringReplace",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringReplace[s, p -> r] replaces every match of the string pattern p in s by r; "
    "StringReplace[s, {p1 -> r1, ...}] tries the rules in order at each position; StringReplace[s, rules, n] "
    "does at most n replacements; StringReplace[rules] is the operator form. Named pieces (x:__, x_) can be used in r.\n"
    "Example: StringReplace[\"hello world\", \"o\" -> \"0\"] gives \"hell0 w0rld\"; "
    "StringReplace[\"a1b22\", d:DigitCharacter.. :> \"<\" <> d <> \">\"] gives \"a<1>b<22>\"",
)
def string_replace(ev, *args):
    positional, options = split_options(args)
    if len(positional) == 1:
        return None  # StringReplace[rules]: waits for its string
    if len(positional) > 3:
        ev.message("StringReplace", "argb", system("StringReplace"), len(positional), 1, 3)
        return None
    s, spec = positional[0], positional[1]
    limit = _count_limit(ev, "StringReplace", positional[2] if len(positional) > 2 else None, 3, args)
    if limit is _FAILED:
        return None
    if not _strings_or_message(ev, "StringReplace", s, args):
        return None
    rules = _parse_rules(ev, "StringReplace", spec, options, allow_bare=False)
    if rules is None:
        return None

    def replace(text):
        pieces = []
        last = 0
        done = 0
        for rule, m in _scan(ev, rules, text):
            if limit is not None and done >= limit:
                break
            pieces.append(text[last : m.start()])
            pieces.append(_replacement(ev, rule, m))
            last = m.end()
            done += 1
            if m.end() == m.start() and m.end() < len(text):
                # An empty match: the character after it stays.
                pieces.append(text[m.end()])
                last = m.end() + 1
        if not done:
            return text
        pieces.append(text[last:])
        return _string_result(pieces)

    return _each(ev, "StringReplace", s, replace, args)


# ---------------------------------------------------------------- StringSplit
@builtin(
    "StringSplit",
    nargs=(1, None),
    usage="StringSplit[s] splits s at runs of whitespace; StringSplit[s, p] at matches of the string pattern p "
    "(a list of patterns splits at any of them; p -> v puts v where the delimiter was); StringSplit[s, p, n] "
    "makes at most n pieces; StringSplit[s, p, All] keeps empty pieces at the ends.\n"
    "Example: StringSplit[\"a b  c\"] gives {\"a\", \"b\", \"c\"}; StringSplit[\"a,b,,c\", \",\"] gives {\"a\", \"b\", \"\", \"c\"}",
)
def string_split(ev, *args):
    positional, options = split_options(args)
    if not 1 <= len(positional) <= 3:
        ev.message("StringSplit", "argb", system("StringSplit"), len(positional), 1, 3)
        return None
    s = positional[0]
    keep_ends = False
    limit = None
    if len(positional) == 3:
        third = positional[2]
        if third is S.All:
            keep_ends = True
        else:
            limit = _count_limit(ev, "StringSplit", third, 3, args)
            if limit is _FAILED:
                return None
    if len(positional) == 1:
        if type(s) is str and not options:
            return plain_list(tuple(s.split()))
        spec = system("Whitespace")
    else:
        spec = positional[1]
    if not _strings_or_message(ev, "StringSplit", s, args):
        return None
    rules = _parse_rules(ev, "StringSplit", spec, options, allow_bare=True)
    if rules is None:
        return None

    def split(text):
        pieces = []  # strings between delimiters, and inserted values
        last = 0
        parts = 1
        for rule, m in _scan(ev, rules, text):
            if limit is not None and parts >= limit:
                break
            pieces.append(text[last : m.start()])
            if rule.has_rhs:
                pieces.append(_Inserted(_replacement(ev, rule, m)))
            last = m.end()
            parts += 1
        pieces.append(text[last:])
        if not keep_ends:
            if pieces and pieces[0] == "":
                pieces.pop(0)
            if pieces and pieces[-1] == "":
                pieces.pop()
        if all(type(p) is str for p in pieces):
            return plain_list(tuple(pieces))
        return Expr(List, tuple(p.value if type(p) is _Inserted else p for p in pieces))

    return _each(ev, "StringSplit", s, split, args)


class _Inserted:
    """A value StringSplit inserts for a delimiter (never dropped as empty)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__


# ---------------------------------------------------------------- StringCases, StringPosition, StringCount
def _find_call(ev, caller, args, default_overlaps, body):
    """Shared argument handling of StringCases / StringPosition / StringCount:
    body(text, rules, limit, overlaps) computes one string's answer."""
    positional, options = split_options(args)
    if len(positional) == 1:
        return None  # operator form waiting for its string
    if len(positional) > 3:
        ev.message(caller, "argb", system(caller), len(positional), 1, 3)
        return None
    s, spec = positional[0], positional[1]
    limit = _count_limit(ev, caller, positional[2] if len(positional) > 2 else None, 3, args)
    if limit is _FAILED:
        return None
    if not _strings_or_message(ev, caller, s, args):
        return None
    rules = _parse_rules(ev, caller, spec, options, allow_bare=True)
    if rules is None:
        return None
    overlaps = overlaps_mode(options, default_overlaps)
    return _each(ev, caller, s, lambda text: body(text, rules, limit, overlaps), args)


@builtin(
    "StringCases",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringCases[s, p] gives the substrings of s that match the string pattern p; StringCases[s, p -> r] "
    "gives r for each match; StringCases[s, p, n] the first n; option Overlaps -> True allows overlapping matches.\n"
    "Example: StringCases[\"a1b22c333\", DigitCharacter..] gives {\"1\", \"22\", \"333\"}",
)
def string_cases(ev, *args):
    def cases(text, rules, limit, overlaps):
        out = []
        for rule, m in _scan(ev, rules, text, overlaps):
            if limit is not None and len(out) >= limit:
                break
            out.append(_replacement(ev, rule, m) if rule.has_rhs else m.group(0))
        if all(type(x) is str for x in out):
            return plain_list(tuple(out))
        return Expr(List, tuple(out))

    return _find_call(ev, "StringCases", args, False, cases)


@builtin(
    "StringPosition",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringPosition[s, p] gives the {start, end} character positions of the matches of the string pattern p "
    "in s (overlapping matches included); StringPosition[s, p, n] the first n.\n"
    "Example: StringPosition[\"abcabc\", \"bc\"] gives {{2, 3}, {5, 6}}",
)
def string_position(ev, *args):
    def positions(text, rules, limit, overlaps):
        out = []
        for _, m in _scan(ev, rules, text, overlaps):
            if limit is not None and len(out) >= limit:
                break
            out.append(plain_list((m.start() + 1, m.end())))
        return plain_list(tuple(out))

    return _find_call(ev, "StringPosition", args, True, positions)


@builtin(
    "StringCount",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringCount[s, p] gives the number of non-overlapping matches of the string pattern p in s "
    "(Overlaps -> True counts overlapping ones).\nExample: StringCount[\"banana\", \"a\"] gives 3",
)
def string_count(ev, *args):
    def count(text, rules, limit, overlaps):
        n = 0
        for _ in _scan(ev, rules, text, overlaps):
            n += 1
        return n

    positional, _ = split_options(args)
    if len(positional) > 2:
        ev.message("StringCount", "argrx", system("StringCount"), len(positional), 2)
        return None
    return _find_call(ev, "StringCount", args, False, count)


# ---------------------------------------------------------------- predicates
def _string_and_matcher(ev, caller, args, wildcards=False):
    """(s, Matcher) for caller[s, p, options...]; None when the call stays as
    it is (the operator form caller[p], or after a message)."""
    positional, options = split_options(args)
    if len(positional) == 1:
        return None  # operator form
    if len(positional) != 2:
        ev.message(caller, "argt", system(caller), len(positional), 1, 2)
        return None
    s, patt = positional
    if not _strings_or_message(ev, caller, s, args):
        return None
    compiled = pattern_or_message(ev, caller, patt, patt, ignore_case(options), wildcards)
    if compiled is None:
        return None
    return s, Matcher(ev, compiled)


def _predicate(ev, caller, args, test, wildcards=False):
    found = _string_and_matcher(ev, caller, args, wildcards)
    if found is None:
        return None
    s, matcher = found
    return _each(ev, caller, s, lambda text: S.True_ if test(matcher, text) else S.False_, args)


def _contains(matcher, text):
    return matcher.search(text) is not None


def _starts(matcher, text):
    if matcher.pattern.filter is None:
        return matcher.regex.match(text) is not None
    return matcher._match_at(text, 0, len(text)) is not None


_ANCHORED_END: dict = {}


def _anchored_end(regex):
    """The regex made to match only at the end of the string (cached)."""
    anchored = _ANCHORED_END.get(regex)
    if anchored is None:
        import re

        if len(_ANCHORED_END) > 1000:
            _ANCHORED_END.clear()
        anchored = _ANCHORED_END[regex] = re.compile("(?:" + regex.pattern + r")\Z", regex.flags)
    return anchored


def _ends(matcher, text):
    if matcher.pattern.filter is None:
        return _anchored_end(matcher.regex).search(text) is not None
    n = len(text)
    for start in range(n, -1, -1):
        m = matcher.regex.fullmatch(text, start, n)
        if m is not None and matcher._accepts(m):
            return True
    return False


def _matches(matcher, text):
    return matcher.fullmatch(text) is not None


for _name, _test, _wild, _doc in (
    ("StringContainsQ", _contains, False,
     "StringContainsQ[s, p] gives True if some substring of s matches the string pattern p; "
     "StringContainsQ[p] is the operator form.\nExample: StringContainsQ[\"hello\", \"ell\"] gives True"),
    ("StringStartsQ", _starts, False,
     "StringStartsQ[s, p] gives True if s starts with a match of the string pattern p; StringStartsQ[p] is the "
     "operator form.\nExample: StringStartsQ[\"hello\", \"he\"] gives True"),
    ("StringEndsQ", _ends, False,
     "StringEndsQ[s, p] gives True if s ends with a match of the string pattern p; StringEndsQ[p] is the operator "
     "form.\nExample: StringEndsQ[\"hello\", \"lo\"] gives True"),
    ("StringMatchQ", _matches, True,
     "StringMatchQ[s, p] gives True if the whole string s matches the string pattern p; in a plain string pattern "
     "* stands for any characters and @ for characters that are not uppercase letters.\n"
     "Example: StringMatchQ[\"apple\", \"a*e\"] gives True; StringMatchQ[\"123\", DigitCharacter..] gives True"),
):

    def _make(name, test, wildcards):
        def predicate(ev, *args):
            return _predicate(ev, name, args, test, wildcards)

        return predicate

    builtin(_name, nargs=(1, None), operator_form=(1, 0), usage=_doc)(_make(_name, _test, _wild))


@builtin(
    "StringFreeQ",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringFreeQ[s, p] gives True if no substring of s matches the string pattern p.\n"
    "Example: StringFreeQ[\"hello\", \"z\"] gives True",
)
def string_free_q(ev, *args):
    return _predicate(ev, "StringFreeQ", args, lambda m, text: not _contains(m, text))


@builtin(
    "StringDelete",
    nargs=(1, None),
    operator_form=(1, 0),
    usage="StringDelete[s, p] deletes every match of the string pattern p from s; StringDelete[p] is the operator "
    "form.\nExample: StringDelete[\"a1b2\", DigitCharacter] gives \"ab\"",
)
def string_delete(ev, *args):
    found = _string_and_matcher(ev, "StringDelete", args)
    if found is None:
        return None
    s, matcher = found

    def delete(text):
        pieces = []
        last = 0
        for m in matcher.finditer(text):
            pieces.append(text[last : m.start()])
            last = m.end()
        pieces.append(text[last:])
        return "".join(pieces)

    return _each(ev, "StringDelete", s, delete, args)


@builtin(
    "StringInsert",
    nargs=3,
    usage="StringInsert[s, t, n] inserts the string t so that it starts at position n of s (negative n counts from "
    "the end); StringInsert[s, t, {n1, n2, ...}] inserts it at several positions.\n"
    "Example: StringInsert[\"abcd\", \"-\", 3] gives \"ab-cd\"",
)
def string_insert(ev, s, new, where):
    args = (s, new, where)
    if type(new) is not str:
        ev.message("StringInsert", "string", 2, call("StringInsert", *args))
        return None
    spots = where.args if type(where) is Expr and where.head is List else (where,)

    def insert(text):
        n = len(text)
        cuts = []
        for k in spots:
            if type(k) is not int or k == 0 or not -(n + 1) <= k <= n + 1:
                ev.message("StringInsert", "ins", k, text)
                return _FAILED
            cuts.append(k - 1 if k > 0 else n + k + 1)
        pieces = []
        last = 0
        for cut in sorted(set(cuts)):
            pieces.append(text[last:cut])
            pieces.append(new)
            last = cut
        pieces.append(text[last:])
        return "".join(pieces)

    return _each(ev, "StringInsert", s, insert, args)


def _character_test(name, chars_ok, doc):
    def test(ev, s):
        return S.True_ if type(s) is str and chars_ok(s) else S.False_

    builtin(name, nargs=1, usage=doc)(test)


_character_test(
    "DigitQ",
    lambda s: all("0" <= c <= "9" for c in s),
    "DigitQ[s] gives True if every character of the string s is a digit 0-9.\nExample: DigitQ[\"123\"] gives True",
)
_character_test(
    "LetterQ",
    lambda s: all(c.isalpha() for c in s),
    "LetterQ[s] gives True if every character of the string s is a letter.\nExample: LetterQ[\"abc\"] gives True",
)
_character_test(
    "UpperCaseQ",
    lambda s: all(c.isupper() for c in s),
    "UpperCaseQ[s] gives True if every character of the string s is an uppercase letter.\n"
    "Example: UpperCaseQ[\"AB\"] gives True",
)
_character_test(
    "LowerCaseQ",
    lambda s: all(c.islower() for c in s),
    "LowerCaseQ[s] gives True if every character of the string s is a lowercase letter.\n"
    "Example: LowerCaseQ[\"ab\"] gives True",
)


# ---------------------------------------------------------------- trimming, padding, repeating
@builtin(
    "StringTrim",
    nargs=(1, 2),
    usage="StringTrim[s] removes whitespace at the start and end of s; StringTrim[s, p] removes matches of the "
    "string pattern p there.\nExample: StringTrim[\"  hi  \"] gives \"hi\"",
)
def string_trim(ev, s, patt=None):
    args = (s,) if patt is None else (s, patt)
    if patt is None:
        return _each(ev, "StringTrim", s, _trim_whitespace, args)
    compiled = pattern_or_message(ev, "StringTrim", patt, patt)
    if compiled is None:
        return None
    matcher = Matcher(ev, compiled)

    at_end = _anchored_end(matcher.regex)

    def trim(text):
        start = 0
        m = matcher.regex.match(text)
        if m is not None:
            start = m.end()
        end = len(text)
        m = at_end.search(text, start)
        if m is not None and m.start() < end:
            end = m.start()
        return text[start:end]

    return _each(ev, "StringTrim", s, trim, args)


def _trim_whitespace(text):
    return text.strip()


def _pad(ev, caller, args, left: bool):
    s = args[0]
    if len(args) == 1:
        if not _is_string_list(s):
            ev.message(caller, "strse", 1, call(caller, *args))
            return None
        width = max((len(x) for x in s.args), default=0)
    else:
        width = args[1]
        if type(width) is not int or width < 0:
            ev.message(caller, "intnn", call(caller, *args), 2)
            return None
    padding = " "
    if len(args) == 3:
        padding = args[2]
        if type(padding) is not str or not padding:
            ev.message(caller, "string", 3, call(caller, *args))
            return None

    def pad(text):
        need = width - len(text)
        if need <= 0:
            return text[-width:] if left and width else ("" if width == 0 else text[:width])
        fill = padding * (need // len(padding) + 1)
        return fill[-need:] + text if left else text + fill[:need]

    return _each(ev, caller, s, pad, args)


@builtin(
    "StringPadLeft",
    nargs=(1, 3),
    usage="StringPadLeft[s, n] pads s on the left with spaces to length n (cutting it from the left if longer); "
    "StringPadLeft[s, n, pad] repeats pad; StringPadLeft[{s1, s2, ...}] pads to the longest length.\n"
    "Example: StringPadLeft[\"7\", 3, \"0\"] gives \"007\"",
)
def string_pad_left(ev, *args):
    return _pad(ev, "StringPadLeft", args, left=True)


@builtin(
    "StringPadRight",
    nargs=(1, 3),
    usage="StringPadRight[s, n] pads s on the right with spaces to length n (cutting it if longer); "
    "StringPadRight[s, n, pad] repeats pad; StringPadRight[{s1, s2, ...}] pads to the longest length.\n"
    "Example: StringPadRight[\"ab\", 4, \".\"] gives \"ab..\"",
)
def string_pad_right(ev, *args):
    return _pad(ev, "StringPadRight", args, left=False)


@builtin(
    "StringRepeat",
    nargs=(2, 3),
    usage="StringRepeat[s, n] gives s repeated n times; StringRepeat[s, n, max] keeps at most max characters.\n"
    "Example: StringRepeat[\"ab\", 3] gives \"ababab\"",
)
def string_repeat(ev, s, n, cap=None):
    args = (s, n) if cap is None else (s, n, cap)
    if type(s) is not str:
        ev.message("StringRepeat", "string", 1, call("StringRepeat", *args))
        return None
    if type(n) is not int or n < 1:
        ev.message("StringRepeat", "intp", call("StringRepeat", *args), 2)
        return None
    if cap is not None:
        if type(cap) is not int or cap < 1:
            ev.message("StringRepeat", "intp", call("StringRepeat", *args), 3)
            return None
        if s:
            n = min(n, cap // len(s) + 1)
        return (s * n)[:cap]
    if len(s) * n > 10**9:
        ev.message("StringRepeat", "bigsize", call("StringRepeat", *args))
        return None
    return s * n


@builtin(
    "StringReverse",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="StringReverse[s] gives the characters of s in reverse order.\nExample: StringReverse[\"abc\"] gives \"cba\"",
)
def string_reverse(ev, s):
    if type(s) is str:
        return s[::-1]
    ev.message("StringReverse", "string", 1, call("StringReverse", s))
    return None


# ---------------------------------------------------------------- StringRiffle
@builtin(
    "StringRiffle",
    nargs=(1, None),
    usage="StringRiffle[{s1, s2, ...}] joins the strings with spaces between; StringRiffle[list, sep] with sep; "
    "StringRiffle[list, {left, sep, right}] also adds left and right; StringRiffle[list, sep1, sep2] uses sep_i "
    "at level i of a nested list. Non-strings are converted as ToString does.\n"
    "Example: StringRiffle[{\"a\", \"b\", \"c\"}, \", \"] gives \"a, b, c\"",
)
def string_riffle(ev, items, *seps):
    if type(items) is not Expr or items.head is not List:
        ev.message("StringRiffle", "list", 1, call("StringRiffle", items, *seps))
        return None
    nested = any(type(x) is Expr and x.head is List for x in items.args)
    if not seps:
        seps = ("\n", " ") if nested else (" ",)
    for sep in seps:
        ok = type(sep) is str or (
            type(sep) is Expr and sep.head is List and len(sep.args) == 3 and all(type(x) is str for x in sep.args)
        )
        if not ok:
            ev.message("StringRiffle", "string", 2, call("StringRiffle", items, *seps))
            return None

    def riffle(value, level):
        if type(value) is Expr and value.head is List and level < len(seps) + 1:
            sep = seps[level] if level < len(seps) else " "
            parts = [riffle(x, level + 1) for x in value.args]
            if type(sep) is str:
                return sep.join(parts)
            left, middle, right = sep.args
            return left + middle.join(parts) + right
        return _text(ev, value)

    return riffle(items, 0)


def _text(ev, value) -> str:
    """What ToString gives: strings as they are, anything else in OutputForm."""
    if type(value) is str:
        return value
    return ev.session.format(value, "OutputForm")


# ---------------------------------------------------------------- case and characters
@builtin(
    "ToUpperCase",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="ToUpperCase[s] gives s with every letter in uppercase.\nExample: ToUpperCase[\"Hello\"] gives \"HELLO\"",
)
def to_upper_case(ev, s):
    if type(s) is str:
        return s.upper()
    ev.message("ToUpperCase", "strse", 1, call("ToUpperCase", s))
    return None


@builtin(
    "ToLowerCase",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="ToLowerCase[s] gives s with every letter in lowercase.\nExample: ToLowerCase[\"Hello\"] gives \"hello\"",
)
def to_lower_case(ev, s):
    if type(s) is str:
        return s.lower()
    ev.message("ToLowerCase", "strse", 1, call("ToLowerCase", s))
    return None


@builtin(
    "Characters",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="Characters[s] gives the list of the characters of s, each a one-character string.\n"
    "Example: Characters[\"abc\"] gives {\"a\", \"b\", \"c\"}",
)
def characters(ev, s):
    if type(s) is str:
        return plain_list(tuple(s))
    ev.message("Characters", "strse", 1, call("Characters", s))
    return None


def _code_of(x):
    if type(x) is int and 0 <= x < 0x110000:
        return x
    if type(x) is str and len(x) == 1:
        return ord(x)
    return None


@builtin(
    "CharacterRange",
    nargs=2,
    usage="CharacterRange[\"c1\", \"c2\"] gives the characters from c1 through c2 in character-code order; "
    "CharacterRange[n1, n2] does the same for character codes.\n"
    "Example: CharacterRange[\"a\", \"e\"] gives {\"a\", \"b\", \"c\", \"d\", \"e\"}",
)
def character_range(ev, first, last):
    lo, hi = _code_of(first), _code_of(last)
    if lo is None or hi is None or type(first) is not type(last):
        ev.message("CharacterRange", "argtype", first, last, call("CharacterRange", first, last))
        return None
    return plain_list(tuple(chr(c) for c in range(lo, hi + 1)))


@builtin(
    "ToCharacterCode",
    nargs=(1, 2),
    usage="ToCharacterCode[s] gives the list of the character codes (Unicode code points) of s; "
    "a list of strings gives a list of lists.\nExample: ToCharacterCode[\"AB\"] gives {65, 66}",
)
def to_character_code(ev, s, encoding=None):
    args = (s,) if encoding is None else (s, encoding)
    return _each(ev, "ToCharacterCode", s, lambda text: plain_list(tuple(map(ord, text))), args)


@builtin(
    "FromCharacterCode",
    nargs=(1, 2),
    usage="FromCharacterCode[n] gives the character with code n; FromCharacterCode[{n1, n2, ...}] the string of "
    "those characters; a list of lists gives a list of strings.\n"
    "Example: FromCharacterCode[{72, 105}] gives \"Hi\"",
)
def from_character_code(ev, codes, encoding=None):
    args = (codes,) if encoding is None else (codes, encoding)

    def bad():
        ev.message("FromCharacterCode", "notunicode", call("FromCharacterCode", *args), 1)
        return None

    if type(codes) is int:
        return chr(codes) if 0 <= codes < 0x110000 else bad()
    if type(codes) is not Expr or codes.head is not List:
        return bad()
    if codes.args and all(type(x) is Expr and x.head is List for x in codes.args):
        out = []
        for row in codes.args:
            text = _chars(row.args)
            if text is None:
                return bad()
            out.append(text)
        return Expr(List, tuple(out))
    text = _chars(codes.args)
    return bad() if text is None else text


def _chars(codes) -> str | None:
    for c in codes:
        if type(c) is not int or not 0 <= c < 0x110000:
            return None
    return "".join(map(chr, codes))


# ---------------------------------------------------------------- ToString, ToExpression
_FORMS = {
    "InputForm": "InputForm",
    "FullForm": "FullForm",
    "OutputForm": "OutputForm",
    "TreeForm": "TreeForm",
}


@builtin(
    "ToString",
    nargs=(1, None),
    usage="ToString[e] gives the text of e as it prints in OutputForm; ToString[e, form] in that form "
    "(InputForm, FullForm, OutputForm, TreeForm).\n"
    "Example: ToString[x^2] gives \"x^2\"; ToString[\"a\", InputForm] gives \"\\\"a\\\"\"",
)
def to_string(ev, value, form=None, *options):
    name = "OutputForm"
    if type(form) is Symbol:
        name = _FORMS.get(form.name, "OutputForm")
    if type(value) is str and name == "OutputForm":
        return value
    return ev.session.format(value, name)


@builtin(
    "ToExpression",
    nargs=(1, 3),
    usage="ToExpression[\"text\"] reads text as Lyra input and evaluates it; ToExpression[\"text\", form, h] "
    "wraps the parsed expression in h before evaluating it (h = Hold keeps it unevaluated). "
    "Invalid syntax gives a message and $Failed.\n"
    "Example: ToExpression[\"1 + 2\"] gives 3; ToExpression[\"1 + 2\", InputForm, Hold] gives Hold[1 + 2]",
)
def to_expression(ev, source, form=None, head=None):
    if type(source) is not str:
        return source if head is None else E(head, source)
    from ..syntax import parse_statements
    from ..syntax.errors import LyraSyntaxError

    try:
        statements = parse_statements(source)
    except LyraSyntaxError as error:
        if error.incomplete:
            ev.message("ToExpression", "sntxi", "")
        else:
            ev.message("ToExpression", "sntx", source)
        return S.DollarFailed
    except RecursionError:
        ev.message("ToExpression", "sntx", source)
        return S.DollarFailed
    exprs = [st.expr for st in statements]
    if not exprs:
        return S.Null
    if head is not None:
        exprs = [E(head, x) for x in exprs]
    for x in exprs[:-1]:
        ev.evaluate(x)
    return exprs[-1]


# ---------------------------------------------------------------- templates
_StringTemplate = system("StringTemplate")
_TemplateApply = system("TemplateApply")


@builtin(
    "StringTemplate",
    nargs=1,
    usage="StringTemplate[\"text\"] is a template: StringTemplate[t][args] fills `1`, `2`, ... from the arguments, "
    "`name` from an association argument, `` from the next argument, and <* e *> with the value of e "
    "(# is the first argument).\n"
    "Example: StringTemplate[\"`1` + `2`\"][3, 4] gives \"3 + 4\"; "
    "StringTemplate[\"Hi `who`!\"][<|\"who\" -> \"Ann\"|>] gives \"Hi Ann!\"",
)
def string_template(ev, text):
    return None  # inert: applying it is a SubValue (installed below)


@builtin(
    "TemplateApply",
    nargs=(1, 2),
    usage="TemplateApply[t, args] fills the template t (a StringTemplate or a template string) from args: "
    "a list fills `1`, `2`, ...; an association fills `name` slots.\n"
    "Example: TemplateApply[\"`a` and `b`\", <|\"a\" -> 1, \"b\" -> 2|>] gives \"1 and 2\"",
)
def template_apply(ev, template, values=None):
    text = template
    if type(template) is Expr and template.head is _StringTemplate and len(template.args) == 1:
        text = template.args[0]
    if type(text) is not str:
        ev.message("TemplateApply", "tmpl", template)
        return None
    positional, named = _template_arguments(values)
    return _fill_template(ev, text, positional, named)


def _template_arguments(values):
    """(positional values, named association or None) from TemplateApply's argument."""
    if values is None:
        return [], None
    if type(values) is Association:
        return values.values(), values
    if type(values) is Expr and values.head is List:
        args = list(values.args)
        named = args[0] if args and type(args[0]) is Association else None
        return args, named
    return [values], None


def _fill_template(ev, text: str, positional, named) -> str:
    out = []
    i = 0
    n = len(text)
    next_index = 0
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] == "`":
            out.append("`")
            i += 2
            continue
        if c == "`":
            j = text.find("`", i + 1)
            if j < 0:
                out.append(text[i:])
                break
            slot = text[i + 1 : j]
            if slot == "":
                value = positional[next_index] if next_index < len(positional) else ""
                next_index += 1
            elif slot.isdigit():
                k = int(slot)
                value = positional[k - 1] if 1 <= k <= len(positional) else ""
                if named is not None and named.get(k) is not None:
                    value = named.get(k)[1]
            else:
                entry = named.get(slot) if named is not None else None
                value = entry[1] if entry is not None else ""
            out.append(_text(ev, ev.evaluate(value)))
            i = j + 1
            continue
        if c == "<" and text.startswith("<*", i):
            j = text.find("*>", i + 2)
            if j < 0:
                out.append(text[i:])
                break
            out.append(_template_expression(ev, text[i + 2 : j], positional))
            i = j + 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _template_expression(ev, code: str, positional) -> str:
    from ..syntax import parse
    from ..syntax.errors import LyraSyntaxError

    try:
        body = parse(code.strip())
    except LyraSyntaxError:
        ev.message("ToExpression", "sntx", code)
        return ""
    value = ev.evaluate(Expr(E(S.Function, body), tuple(positional)))
    return _text(ev, value)


def _install_template_application():
    """StringTemplate[t][args...] := TemplateApply[StringTemplate[t], {args}], as WL
    defines it: a SubValue, so no evaluator hook is needed."""
    from ..expr.symbol import freeze_pristine, intern
    from ..patterns import Rule, insert_definition

    t = intern("Lyra`Private`template")
    a = intern("Lyra`Private`arguments")
    lhs = E(E(_StringTemplate, E(S.Pattern, t, E(S.Blank))), E(S.Pattern, a, E(S.BlankNullSequence)))
    rhs = E(_TemplateApply, E(_StringTemplate, t), E(List, a))
    insert_definition(_StringTemplate.subvalues, Rule(lhs, rhs, True))
    freeze_pristine(_StringTemplate)


_install_template_application()
