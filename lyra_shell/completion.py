"""Tab completion for the shell (prompt_toolkit).

Completes, depending on where the cursor is:
  - builtin and user symbols, each builtin with the first line of its usage;
  - magic names after a leading `%`, their options after `-`, the values of
    options with fixed choices;
  - file paths after `%load`, `%run`, `%save`, `-o`, `--compare-to` and `<<`;
  - symbol names after `?` and `??`.
While typing (without Tab) symbols need two characters before the menu opens.
"""

from __future__ import annotations

import bisect
import re

from prompt_toolkit.completion import Completer, Completion, PathCompleter
from prompt_toolkit.document import Document

from . import magics

_WORD_AT_END = re.compile(r"[A-Za-z$][A-Za-z0-9$_]*\Z")
_MAGIC_NAME = re.compile(r"\s*%([A-Za-z][\w-]*)?\Z")
_MAGIC_LINE = re.compile(r"\s*%([A-Za-z][\w-]*)\s(.*)\Z", re.S)
_GET_PATH = re.compile(r"<<\s*([^\s\[\](){},;]*)\Z")
_HELP = re.compile(r"\s*\?\??\s*([A-Za-z$][A-Za-z0-9$_]*)?\Z")
PATH_OPTIONS = ("-o", "--output", "--compare-to")
META_WIDTH = 70


class LyraCompleter(Completer):
    def __init__(self, shell):
        self.shell = shell
        self._builtins: list[str] | None = None
        self._paths = PathCompleter(expanduser=True)

    # ------------------------------------------------------------ sources
    def builtins(self) -> list[str]:
        if self._builtins is None:
            from lyra_core.library import registry

            self._builtins = sorted(set(registry.BUILTINS) | set(registry.USAGE))
        return self._builtins

    def user_symbols(self) -> list[str]:
        try:
            return sorted(self.shell.session.user_symbols())
        except Exception:  # noqa: BLE001 - completion must never break the prompt
            return []

    @staticmethod
    def usage_line(name: str) -> str:
        from lyra_core.library.registry import usage_of

        usage = usage_of(name) or ""
        line = usage.strip().split("\n", 1)[0]
        return line if len(line) <= META_WIDTH else line[: META_WIDTH - 3] + "..."

    # ------------------------------------------------------------ dispatch
    def get_completions(self, document: Document, complete_event):
        text = document.text_before_cursor
        requested = complete_event.completion_requested

        m = _MAGIC_NAME.match(text)
        if m and text.lstrip().startswith("%") and (requested or m.group(1)):
            yield from self.magic_names(m.group(1) or "")
            return
        m = _MAGIC_LINE.match(text)
        if m:
            yield from self.magic_arguments(m.group(1), m.group(2), complete_event)
            return
        m = _GET_PATH.search(text)
        if m:
            yield from self.paths(m.group(1), complete_event)
            return
        m = _HELP.match(text)
        if m and text.lstrip().startswith("?"):
            yield from self.symbols(m.group(1) or "", requested=True)
            return
        if _inside_string(text):
            return
        m = _WORD_AT_END.search(text)
        if m and (m.start() == 0 or not text[m.start() - 1].isdigit()):
            yield from self.symbols(m.group(0), requested)

    def symbols(self, prefix: str, requested: bool):
        if not requested and len(prefix) < 2:
            return
        seen = set()
        for name in self.user_symbols():
            if name.startswith(prefix) and name != prefix:
                seen.add(name)
                yield Completion(name, -len(prefix), display_meta="user symbol")
        builtins = self.builtins()
        i = bisect.bisect_left(builtins, prefix)
        while i < len(builtins) and builtins[i].startswith(prefix):
            name = builtins[i]
            i += 1
            if name in seen or name == prefix:
                continue
            yield Completion(name, -len(prefix), display_meta=self.usage_line(name))

    def magic_names(self, prefix: str):
        magics.load_all()
        for name in sorted(magics.MAGICS):
            if name.startswith(prefix):
                m = magics.MAGICS[name]
                yield Completion("%" + name, -(len(prefix) + 1), display=f"%{name}",
                                 display_meta=m.summary)

    def magic_arguments(self, name: str, rest: str, event):
        m = magics.find(name)
        if m is None:
            return
        words = rest.split()
        # `current` is the word being typed ("" right after a blank) and
        # `previous` the complete word before it, if any.
        current = "" if (not rest or rest[-1].isspace()) else words[-1]
        done = words[:-1] if current else words
        previous = done[-1] if done else None
        # The value of an option that takes one.
        if previous is not None:
            opt = m.option(previous)
            if opt is not None and opt.value:
                if opt.choices:
                    yield from _choices(opt.choices, current)
                elif previous in PATH_OPTIONS:
                    yield from self.paths(current, event)
                return
        if current.startswith("-"):
            for opt in m.options:
                for spelled in opt.names:
                    # After "--" only long names; "-" offers the short ones too.
                    if spelled.startswith(current) and (spelled.startswith("--")
                                                        or len(current) <= 2):
                        yield Completion(spelled, -len(current), display_meta=opt.help)
            return
        first_argument = all(w.startswith("-") for w in done)
        if m.argument == "path" and first_argument:
            yield from self.paths(current, event)
        elif m.argument == "words" and first_argument:
            yield from _choices(m.choices, current)
        elif m.argument == "magic" and first_argument:
            yield from self.magic_names(current.lstrip("%"))
        elif m.argument == "expr":
            word = _WORD_AT_END.search(rest)
            if word:
                yield from self.symbols(word.group(0), event.completion_requested)

    def paths(self, partial: str, event):
        sub = Document(partial, len(partial))
        yield from self._paths.get_completions(sub, event)


def _choices(choices, current: str):
    for choice in choices:
        if choice.startswith(current):
            yield Completion(choice, -len(current))


def _inside_string(text: str) -> bool:
    """Is the cursor inside a string literal? (Counts unescaped quotes.)"""
    inside = False
    escaped = False
    for ch in text:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = inside
        elif ch == '"':
            inside = not inside
    return inside
