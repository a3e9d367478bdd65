"""Magics: shell commands written as a line starting with `%` and a letter.

Each magic is a function registered with @magic, receiving the shell, the
parsed options and the rest of the line (usually a Lyra expression):

    @magic("time", summary="evaluate and show the wall time",
           usage="%time expr")
    def time_magic(shell, opts, rest): ...

Options are parsed here, not by shlex or argparse: the rest of the line is
Lyra source, whose quotes and brackets must reach the parser untouched. Leading
words that look like options are taken as options; the first word that does
not starts the expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable


class MagicError(Exception):
    """A bad magic line; the message is shown to the user."""


@dataclass
class Option:
    names: tuple[str, ...]  # ("-o", "--output")
    dest: str
    value: str | None = None  # metavar when the option takes a value, else a flag
    choices: tuple[str, ...] = ()
    type: Callable = str
    default: object = None
    help: str = ""


@dataclass
class Magic:
    name: str
    fn: Callable
    summary: str
    usage: str
    options: list[Option] = field(default_factory=list)
    # What the rest of the line is, for completion: "expr", "path", "words", "none".
    argument: str = "expr"
    choices: tuple[str, ...] = ()  # for argument "words": the allowed words
    details: str = ""

    def option(self, word: str) -> Option | None:
        for opt in self.options:
            if word in opt.names:
                return opt
        return None

    def help_text(self) -> str:
        lines = [f"{self.usage}", "", f"  {self.summary}"]
        if self.details:
            lines.append("")
            lines.extend("  " + line if line else "" for line in self.details.splitlines())
        if self.options:
            lines.append("")
            lines.append("options:")
            for opt in self.options:
                spelled = ", ".join(opt.names)
                if opt.value:
                    spelled += f" {opt.value}"
                lines.append(f"  {spelled:<26} {opt.help}")
        return "\n".join(lines)


MAGICS: dict[str, Magic] = {}
ALIASES: dict[str, str] = {}


def magic(name, *, summary, usage=None, options=(), argument="expr", choices=(),
          details="", aliases=()):
    def register(fn):
        MAGICS[name] = Magic(name, fn, summary, usage or f"%{name}", list(options),
                             argument, tuple(choices), details)
        for alias in aliases:
            ALIASES[alias] = name
        return fn

    return register


_MAGIC_LINE = re.compile(r"\s*%([A-Za-z][\w-]*)(.*)\Z", re.S)


def is_magic(text: str) -> bool:
    """A line starting with `%` and a letter (`%5`, `%%` are Out references)."""
    return _MAGIC_LINE.match(text) is not None


def split_magic(text: str) -> tuple[str, str]:
    """('bench', 'rest of line') for '%bench rest of line'."""
    m = _MAGIC_LINE.match(text)
    if m is None:
        raise MagicError("not a magic line")
    return m.group(1), m.group(2)


def find(name: str) -> Magic | None:
    load_all()
    return MAGICS.get(ALIASES.get(name, name))


def next_word(text: str, pos: int) -> tuple[str, int, int] | None:
    """The word starting at or after pos: (word, start, end); quotes group
    (for file names with blanks). None at the end of the text."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return None
    start = pos
    if text[pos] in "'\"":
        quote = text[pos]
        close = text.find(quote, pos + 1)
        if close < 0:
            raise MagicError(f"unclosed quote in {text[pos:]!r}")
        return text[pos + 1:close], start, close + 1
    while pos < n and not text[pos].isspace():
        pos += 1
    return text[start:pos], start, pos


def parse_options(m: Magic, rest: str) -> tuple[dict, str]:
    """Split the options off the front of `rest`; returns (values by dest, the
    remaining text). Unknown `--long` options are errors; an unknown `-x` word
    is the start of the expression (`%time -x + 1`)."""
    values = {opt.dest: opt.default for opt in m.options}
    pos = 0
    while True:
        found = next_word(rest, pos)
        if found is None:
            return values, ""
        word, start, end = found
        if word == "--":
            return values, rest[end:].strip()
        if not word.startswith("-") or word == "-":
            return values, rest[start:].strip()
        name, eq, inline = word.partition("=")
        opt = m.option(name)
        if opt is None:
            if word.startswith("--"):
                known = ", ".join(n for o in m.options for n in o.names if n.startswith("--"))
                raise MagicError(
                    f"%{m.name}: unknown option {name}" + (f" (options: {known})" if known else "")
                )
            return values, rest[start:].strip()
        if opt.value is None:
            if eq:
                raise MagicError(f"%{m.name}: option {name} takes no value")
            values[opt.dest] = True
            pos = end
            continue
        if eq:
            raw = inline
        else:
            found = next_word(rest, end)
            if found is None:
                raise MagicError(f"%{m.name}: option {name} needs a value ({opt.value})")
            raw, _, end = found
        if opt.choices and raw not in opt.choices:
            raise MagicError(
                f"%{m.name}: {name} must be one of {', '.join(opt.choices)}, not {raw!r}"
            )
        try:
            values[opt.dest] = opt.type(raw)
        except (TypeError, ValueError):
            raise MagicError(f"%{m.name}: bad value {raw!r} for {name}") from None
        pos = end


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def report_unless_complete(shell, source: str) -> bool:
    """Whether source is one complete input; if not, show why (for magics that
    take an expression, e.g. %bench and %profile)."""
    verdict = shell.classify(source)
    if verdict == "complete":
        return True
    from lyra_core.syntax import LyraSyntaxError

    shell.printer.syntax_error(verdict.render() if isinstance(verdict, LyraSyntaxError)
                               else "The expression is incomplete.")
    return False


def run_magic(shell, text: str) -> None:
    """Parse and run one magic line (errors are reported, not raised)."""
    name, rest = split_magic(text)
    m = find(name)
    if m is None:
        load_all()
        close = [n for n in MAGICS if n.startswith(name[:2])]
        suggestion = f" (did you mean {', '.join('%' + n for n in close)}?)" if close else ""
        shell.printer.error(f"Unknown magic %{name}{suggestion}; %help lists them.")
        return
    try:
        opts, remainder = parse_options(m, rest)
        m.fn(shell, opts, remainder)
    except MagicError as exc:
        shell.printer.error(str(exc))


_loaded = False


def load_all() -> None:
    """Import the magic modules (each registers its magics)."""
    global _loaded
    if not _loaded:
        _loaded = True
        from . import basic, bench, profile  # noqa: F401
