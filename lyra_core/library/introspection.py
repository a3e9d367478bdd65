"""Looking at the system: output-form wrappers, Information, Names, Context,
timing, dates, and the system constants ($Version, $Line, ...)."""

from __future__ import annotations

import datetime
import platform
import sys
import time

from ..engine import messages as message_texts
from ..expr import symbol as symtab
from ..expr.normal import E, Expr
from ..expr.symbol import ATTR, ATTRIBUTE_NAMES, Symbol, freeze_pristine, intern, system
from ..expr import system_symbols as S
from .registry import Builtin, USAGE, builtin, declare, usage_of
from .string_patterns import BadPattern, compile_pattern, split_options, ignore_case

List = S.List

for _name, _tag, _text in (
    ("General", "notfound", "Symbol `1` not found."),
    ("Names", "strse", "String or list of strings expected at position `1` in `2`."),
    ("DateString", "str", "String `1` cannot be interpreted as a date."),
    ("General", "date", "Date `1` is not of the form {y, m, d, h, m, s} or a number of seconds."),
):
    message_texts.define(_name, _tag, _text)


# ---------------------------------------------------------------- form wrappers
for _name, _nargs, _doc in (
    ("InputForm", (1, None), "InputForm[e] prints as the InputForm text of e, the form Lyra input is written in.\n"
     "Example: ToString[InputForm[\"a\"]] gives \"\\\"a\\\"\""),
    ("FullForm", 1, "FullForm[e] prints e with every normal expression as head[args].\n"
     "Example: FullForm[x + 2 y] prints Plus[x, Times[2, y]]"),
    ("OutputForm", (1, None), "OutputForm[e] prints e in the one-line OutputForm: strings without quotes, products with blanks.\n"
     "Example: ToString[OutputForm[2 x]] gives \"2 x\""),
    ("TreeForm", (1, 2), "TreeForm[e] prints e as an indented tree of heads and arguments; TreeForm[e, n] down to depth n.\n"
     "Example: TreeForm[f[x, g[y]]]"),
    ("Short", (1, 2), "Short[e] prints e cut to about one line, with <<n>> for the n parts left out; Short[e, n] to about n lines.\n"
     "Example: Short[Range[1000]] prints {1, 2, 3, <<994>>, 998, 999, 1000}"),
):

    def _wrapper(ev, *args):
        return None  # an inert wrapper: the printers give it its meaning

    builtin(_name, nargs=_nargs, usage=_doc)(_wrapper)


# ---------------------------------------------------------------- Names
def _visible_name(sym: Symbol) -> str:
    if sym.context == symtab.SYSTEM or sym.context == symtab.GLOBAL:
        return sym.name
    return sym.full_name


def _is_defined_system_symbol(sym: Symbol) -> bool:
    """A System symbol Lyra really provides (not one some code merely named)."""
    if sym.builtin is not None or sym.name in USAGE:
        return True
    return bool(sym.attributes or sym.ownvalue is not None or sym.downvalues)


def _candidates(ev, qualified: bool):
    """(text to match, name to report) for every name Names may list."""
    out = []
    user = set(ev.session.user_symbols())
    for sym in symtab.all_symbols():
        if sym.context == symtab.SYSTEM:
            if not _is_defined_system_symbol(sym):
                continue
        elif sym.context == symtab.GLOBAL:
            if sym.name not in user:
                continue
        elif not qualified:
            continue
        elif sym.context.startswith("Lyra`Private`"):
            continue
        out.append((sym.full_name if qualified else sym.name, _visible_name(sym)))
    return out


def names_matching(ev, pattern, fold: bool = False) -> list[str] | None:
    """The sorted names matching a Names pattern; None if it is not a pattern."""
    patterns = pattern.args if type(pattern) is Expr and pattern.head is List else (pattern,)
    qualified = any(type(p) is str and "`" in p for p in patterns)
    found = set()
    candidates = _candidates(ev, qualified)
    for p in patterns:
        try:
            regex = compile_pattern(p, fold, wildcards=True).regex
        except BadPattern:
            return None
        for text, name in candidates:
            if regex.fullmatch(text) is not None:
                found.add(name)
    from ..expr.order import order_key

    return sorted(found, key=order_key)


@builtin(
    "Names",
    nargs=(1, 2),
    usage="Names[\"pattern\"] gives the sorted list of the names of symbols that match the pattern, where * matches "
    "any characters and @ characters that are not uppercase letters; a context (\"Global`*\") restricts the search.\n"
    "Example: Names[\"StringT*\"] gives {\"StringTake\", \"StringTemplate\", \"StringTrim\"}",
)
def names(ev, *args):
    positional, options = split_options(args)
    if len(positional) != 1:
        ev.message("Names", "argx", system("Names"), len(positional))
        return None
    found = names_matching(ev, positional[0], ignore_case(options))
    if found is None:
        ev.message("Names", "strse", 1, Expr(system("Names"), args))
        return None
    return Expr(List, tuple(found))


# ---------------------------------------------------------------- Information
def usage_text(sym: Symbol) -> str | None:
    """The usage message of a symbol: f::usage if set, else the builtin's usage."""
    text = sym.messages.get("usage")
    if type(text) is str:
        return text
    if sym.context == symtab.SYSTEM:
        return usage_of(sym.name)
    return None


def information_text(sym: Symbol) -> str:
    """What Information[sym] prints: usage, attributes, definitions."""
    from .definitions import definition_lines

    blocks = []
    usage = usage_text(sym)
    if usage:
        blocks.append(usage)
    attrs = [n for n in ATTRIBUTE_NAMES if sym.attributes & ATTR[n]]
    lines = []
    if attrs:
        lines.append(f"Attributes[{_visible_name(sym)}] = {{{', '.join(attrs)}}}")
    lines.extend(line for line in definition_lines(sym) if not line.startswith("Attributes["))
    if lines:
        blocks.append("\n\n".join(lines))
    if not blocks:
        blocks.append(f"{_visible_name(sym)} has no usage text and no definitions.")
    return "\n\n".join(blocks)


@builtin(
    "Information",
    nargs=(1, None),
    attributes=("HoldAll", "Protected"),
    usage="Information[f] (also ?f in the shell) prints the usage text, attributes and definitions of the symbol f; "
    "Information[\"pattern\"] lists the names that match.\nExample: Information[StringLength]",
)
def information(ev, target, *options):
    if type(target) is str:
        if "*" in target or "@" in target:
            found = names_matching(ev, target) or []
            ev.session.write("\n".join(found) + "\n" if found else "")
            return S.Null
        sym = symtab.lookup(target)
        if sym.context == symtab.GLOBAL and sym.name not in ev.session.user_symbols():
            ev.message("Information", "notfound", target)
            return None
        target = sym
    if type(target) is not Symbol:
        ev.message("Information", "notfound", target)
        return None
    ev.session.write(information_text(target) + "\n")
    return S.Null


# ---------------------------------------------------------------- Context
declare(
    "$Context",
    attributes=(),
    usage="$Context is the current context, where new symbols are created (\"Global`\").\nExample: $Context gives \"Global`\"",
    value="Global`",
)
declare(
    "$ContextPath",
    attributes=(),
    usage="$ContextPath is the list of contexts searched for a name written without a context.\n"
    "Example: $ContextPath gives {\"System`\", \"Global`\"}",
    value=E(List, "System`", "Global`"),
)


@builtin(
    "Context",
    nargs=(0, 1),
    attributes=("HoldFirst", "Protected"),
    usage="Context[] gives the current context; Context[s] gives the context of the symbol s (or of the symbol "
    "named by the string s).\nExample: Context[Plus] gives \"System`\"",
)
def context(ev, target=None):
    if target is None:
        return ev.evaluate(S.DollarContext)
    if type(target) is Expr and target.head is S.HoldPattern and len(target.args) == 1:
        target = target.args[0]
    if type(target) is Symbol:
        return target.context
    if type(target) is str:
        if "`" in target:
            sym = symtab.existing(target)
        else:
            sym = symtab.existing(symtab.GLOBAL + target)
            if sym is not None and sym.name not in ev.session.user_symbols():
                sym = None
            if sym is None:
                sym = symtab.existing(symtab.SYSTEM + target)
        if sym is None:
            ev.message("Context", "notfound", target)
            return None
        return sym.context
    ev.message("Context", "ssle", E(system("Context"), target), 1)
    return None


# ---------------------------------------------------------------- timing
@builtin(
    "Timing",
    nargs=1,
    attributes=("HoldAll", "Protected"),
    usage="Timing[e] evaluates e and gives {t, result}, where t is the CPU time used, in seconds.\n"
    "Example: Timing[Sum[i, {i, 10^5}]] gives {0.05, 5000050000} (the time varies)",
)
def timing(ev, body):
    return _timed(ev, body, time.process_time)


@builtin(
    "AbsoluteTiming",
    nargs=1,
    attributes=("HoldAll", "Protected"),
    usage="AbsoluteTiming[e] evaluates e and gives {t, result}, where t is the elapsed wall-clock time in seconds.\n"
    "Example: AbsoluteTiming[Pause[0.1]] gives {0.1001.., Null} (the time varies)",
)
def absolute_timing(ev, body):
    return _timed(ev, body, time.perf_counter)


def _timed(ev, body, clock):
    """{seconds on clock, value} for evaluating body (Timing, AbsoluteTiming)."""
    start = clock()
    value = ev.evaluate(body)
    return E(List, clock() - start, value)


@builtin(
    "Pause",
    nargs=1,
    usage="Pause[t] waits t seconds; gives Null.\nExample: Pause[0.5]",
)
def pause(ev, seconds):
    if type(seconds) not in (int, float) or seconds < 0:
        ev.message("Pause", "numnm", E(system("Pause"), seconds))
        return None
    deadline = time.perf_counter() + float(seconds)
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return S.Null
        time.sleep(min(left, 0.05))
        ev.check_interrupt()


message_texts.define("Pause", "numnm", "Non-negative machine-sized number expected at position 1 in `1`.")

# ---------------------------------------------------------------- dates
_EPOCH_1900 = datetime.datetime(1900, 1, 1)


def _now() -> datetime.datetime:
    return datetime.datetime.now()


def _date_from(ev, caller, spec):
    """A datetime from {y, m, d, h, m, s} (any prefix) or seconds since 1900; None after a message."""
    try:
        if type(spec) in (int, float):
            return _EPOCH_1900 + datetime.timedelta(seconds=spec)
        if type(spec) is Expr and spec.head is List and 1 <= len(spec.args) <= 6:
            parts = list(spec.args)
            if all(type(p) in (int, float) for p in parts):
                y, mo, d, h, mi = (list(map(int, parts[:5])) + [1, 1, 0, 0][len(parts) - 1 :])[:5]
                seconds = parts[5] if len(parts) > 5 else 0
                # Out-of-range months and days roll over as WL's do.
                year = y + (mo - 1) // 12
                month = (mo - 1) % 12 + 1
                base = datetime.datetime(year, month, 1)
                return base + datetime.timedelta(days=d - 1, hours=h, minutes=mi, seconds=seconds)
    except (OverflowError, ValueError):
        pass
    ev.message(caller, "date", spec)
    return None


def _seconds_since_1900(moment: datetime.datetime):
    delta = moment - _EPOCH_1900
    seconds = delta.days * 86400 + delta.seconds
    if delta.microseconds:
        return seconds + delta.microseconds / 1e6
    return seconds


@builtin(
    "AbsoluteTime",
    nargs=(0, 1),
    usage="AbsoluteTime[] gives the number of seconds since the start of January 1, 1900, in the local time zone; "
    "AbsoluteTime[{y, m, d, h, m, s}] the same for a given date.\n"
    "Example: AbsoluteTime[{2000, 1, 1}] gives 3155673600",
)
def absolute_time(ev, spec=None):
    if spec is None:
        return float(_seconds_since_1900(_now()))
    moment = _date_from(ev, "AbsoluteTime", spec)
    return None if moment is None else _seconds_since_1900(moment)


@builtin(
    "DateList",
    nargs=(0, 1),
    usage="DateList[] gives the current local date and time as {year, month, day, hour, minute, second}; "
    "DateList[t] for t seconds after January 1, 1900.\nExample: DateList[0] gives {1900, 1, 1, 0, 0, 0.}",
)
def date_list(ev, spec=None):
    moment = _now() if spec is None else _date_from(ev, "DateList", spec)
    if moment is None:
        return None
    second = moment.second + moment.microsecond / 1e6
    return E(List, moment.year, moment.month, moment.day, moment.hour, moment.minute, float(second))


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _element(moment: datetime.datetime, name: str) -> str | None:
    """The text of one DateString element, or None for an unknown name."""
    hour12 = moment.hour % 12 or 12
    table = {
        "Year": lambda: str(moment.year),
        "YearShort": lambda: f"{moment.year % 100:02d}",
        "Month": lambda: f"{moment.month:02d}",
        "MonthShort": lambda: str(moment.month),
        "MonthName": lambda: _MONTHS[moment.month - 1],
        "MonthNameShort": lambda: _MONTHS[moment.month - 1][:3],
        "Day": lambda: f"{moment.day:02d}",
        "DayShort": lambda: str(moment.day),
        "DayName": lambda: _DAYS[moment.weekday()],
        "DayNameShort": lambda: _DAYS[moment.weekday()][:3],
        "Hour": lambda: f"{moment.hour:02d}",
        "Hour24": lambda: f"{moment.hour:02d}",
        "Hour12": lambda: f"{hour12:02d}",
        "HourShort": lambda: str(moment.hour),
        "Minute": lambda: f"{moment.minute:02d}",
        "MinuteShort": lambda: str(moment.minute),
        "Second": lambda: f"{moment.second:02d}",
        "SecondShort": lambda: str(moment.second),
        "Millisecond": lambda: f"{moment.microsecond // 1000:03d}",
        "AMPM": lambda: "AM" if moment.hour < 12 else "PM",
        "Time": lambda: moment.strftime("%H:%M:%S"),
        "Date": lambda: f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}",
        "DateShort": lambda: f"{_DAYS[moment.weekday()][:3]} {moment.day} {_MONTHS[moment.month - 1][:3]} {moment.year}",
        "DateTime": lambda: f"{_element(moment, 'Date')} {_element(moment, 'Time')}",
        "DateTimeShort": lambda: f"{_element(moment, 'DateShort')} {_element(moment, 'Time')}",
        "ISODate": lambda: f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}",
        "ISODateTime": lambda: f"{_element(moment, 'ISODate')}T{_element(moment, 'Time')}",
        "ISOWeekDate": lambda: "{0:04d}-W{1:02d}-{2}".format(*moment.isocalendar()),
    }
    make = table.get(name)
    return None if make is None else make()


def _date_text(ev, moment, form) -> str | None:
    if type(form) is str:
        text = _element(moment, form)
        if text is None:
            ev.message("DateString", "str", form)
        return text
    if type(form) is Expr and form.head is List:
        pieces = []
        for item in form.args:
            if type(item) is not str:
                ev.message("DateString", "str", item)
                return None
            text = _element(moment, item)
            pieces.append(item if text is None else text)
        return "".join(pieces)
    ev.message("DateString", "str", form)
    return None


def _is_date_spec(x) -> bool:
    return type(x) in (int, float) or (type(x) is Expr and x.head is List and all(type(a) in (int, float) for a in x.args))


@builtin(
    "DateString",
    nargs=(0, 2),
    usage="DateString[] gives the current local date and time as text like \"Wed 26 Nov 2025 16:57:03\"; "
    "DateString[fmt] uses the element or list of elements fmt (\"ISODate\", \"Time\", \"Year\", \"MonthName\", ...); "
    "DateString[date] and DateString[date, fmt] format a date {y, m, d, h, m, s} or a number of seconds since 1900.\n"
    "Example: DateString[{2024, 3, 7}, \"ISODate\"] gives \"2024-03-07\"",
)
def date_string(ev, first=None, second=None):
    if first is None:
        return _element(_now(), "DateTimeShort")
    if second is None and not _is_date_spec(first):
        return _date_text(ev, _now(), first)
    moment = _date_from(ev, "DateString", first)
    if moment is None:
        return None
    return _date_text(ev, moment, "DateTimeShort" if second is None else second)


# ---------------------------------------------------------------- system constants
def _constant(name, value, doc, attributes=("Protected",)):
    declare(name, attributes=attributes, usage=doc, value=value)


def _version_text() -> str:
    from .. import __version__

    machine = platform.machine() or "unknown machine"
    system_name = platform.system() or "unknown system"
    python = ".".join(map(str, sys.version_info[:3]))
    return f"Lyra {__version__} for {system_name} {machine} (Python {python})"


def _version_number() -> float:
    from .. import __version__

    major, _, rest = __version__.partition(".")
    minor = rest.partition(".")[0]
    try:
        return float(f"{int(major)}.{int(minor or 0)}")
    except ValueError:
        return 0.0


_constant("$Version", _version_text(),
          "$Version is a string describing the running Lyra version.\nExample: $Version is text like \"Lyra 0.1.0 for Linux x86_64 (Python 3.11.9)\"")
_constant("$VersionNumber", _version_number(),
          "$VersionNumber is the Lyra version as a number.\nExample: $VersionNumber gives 0.1")
_constant("$MachinePrecision", 15.954589770191003,
          "$MachinePrecision is the number of decimal digits of precision of machine reals, Log10[2^53].\n"
          "Example: $MachinePrecision gives 15.954589770191003")
_constant("$ScriptCommandLine", E(List),
          "$ScriptCommandLine is the list of the script name and its arguments when Lyra runs a script, else {}.\n"
          "Example: lyra run.ly a b sets $ScriptCommandLine to {\"run.ly\", \"a\", \"b\"}",
          attributes=())


# $Line follows the session's input counter: its value is a call that reads it.
def _session_line(ev):
    return ev.session.line


_line_reader = intern("Lyra`Private`SessionLine")
_line_reader.builtin = Builtin("Lyra`Private`SessionLine", _line_reader, _session_line, 0, 0, "")
freeze_pristine(_line_reader)
_constant("$Line", E(_line_reader),
          "$Line is the number of the current input line.\nExample: $Line gives 1 in a new session",
          attributes=())
