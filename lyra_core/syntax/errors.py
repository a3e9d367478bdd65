"""LyraSyntaxError: a syntax error with its exact place in the source.

Positions are 1-based lines and columns counted in characters. An error is
*incomplete* when the input merely stopped too early (an open bracket, a
trailing operator, an unterminated string or comment): the shell uses that to
ask for another line instead of reporting a mistake.
"""

from __future__ import annotations


def line_and_column(source: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of the character at `offset` in `source`."""
    offset = max(0, min(offset, len(source)))
    line = source.count("\n", 0, offset) + 1
    line_start = source.rfind("\n", 0, offset) + 1
    return line, offset - line_start + 1


class LyraSyntaxError(Exception):
    """Raised by the parser; `render()` shows the offending line with a caret."""

    def __init__(
        self,
        reason: str,
        source: str = "",
        line: int = 1,
        column: int = 1,
        incomplete: bool = False,
    ):
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        self.incomplete = incomplete
        super().__init__(self.headline())

    @classmethod
    def at_offset(
        cls, reason: str, source: str, offset: int, incomplete: bool = False
    ) -> "LyraSyntaxError":
        line, column = line_and_column(source, offset)
        return cls(reason, source, line, column, incomplete)

    def headline(self) -> str:
        where = f"(line {self.line}, column {self.column})"
        if self.incomplete:
            return f"Syntax::sntxi: incomplete input: {self.reason} {where}"
        return f"Syntax::sntx: {self.reason} {where}"

    def __str__(self) -> str:
        return self.headline()

    def source_line(self) -> str:
        lines = self.source.split("\n")
        if 1 <= self.line <= len(lines):
            return lines[self.line - 1].rstrip("\r")
        return ""

    def render(self) -> str:
        """The headline, the offending source line, and a caret under the column."""
        text = self.source_line()
        # Keep tabs in the caret line so the caret lines up under a tabbed source.
        lead = "".join("\t" if ch == "\t" else " " for ch in text[: self.column - 1])
        lead += " " * max(0, self.column - 1 - len(text))
        return f"{self.headline()}\n{text}\n{lead}^"
