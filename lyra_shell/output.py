"""What the interactive shell shows, rendered with rich.

Results are highlighted InputForm (so any output can be pasted back), messages
use a warning style, syntax errors keep their caret aligned, and an internal
error is a two-line report, never a traceback (unless asked for).

All text goes through rich Text objects with markup off: Lyra output is full
of `[...]`, which rich markup would otherwise try to interpret.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

from . import theme
from .highlight import LyraLexer


class Printer:
    def __init__(self, color: bool = True, file=None, width: int | None = None):
        self.color = color
        self.console = Console(
            file=file if file is not None else sys.stdout,
            color_system="auto" if color else None,
            no_color=not color,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=True,  # the terminal wraps: copied output stays one line
            width=width,
        )
        self._lexer = LyraLexer()

    # ------------------------------------------------------------ building blocks
    def highlight(self, source: str) -> Text:
        """Lyra source as a rich Text coloured by the Lyra lexer."""
        text = Text()
        if not self.color:
            text.append(source)
            return text
        append = text.append
        style_of = theme.token_rich_style
        for token, value in self._lexer.get_tokens(source):
            append(value, style_of(token))
        # Pygments adds a final newline when the source has none.
        if not source.endswith("\n") and text.plain.endswith("\n"):
            text.right_crop(1)
        return text

    def styled(self, content: str, pair: tuple[str, str]) -> Text:
        # The style goes on the span, not on the Text: a Text's own style would
        # also colour whatever is appended to it later.
        text = Text()
        text.append(content, style=theme.rich_style(*pair) if self.color else "")
        return text

    def print(self, renderable="", **kwargs) -> None:
        self.console.print(renderable, **kwargs)

    def flush(self) -> None:
        self.console.file.flush()

    # ------------------------------------------------------------ what the shell shows
    def result(self, line: int, source: str, hint: str | None = None) -> None:
        """Out[line]= source (InputForm text), then a blank line as WL does."""
        out = self.styled(f"Out[{line}]= ", theme.PROMPT_OUT)
        out.append_text(self.highlight(source))
        self.console.print(out)
        if hint:
            self.console.print(self.styled(hint, theme.HINT))
        self.console.print()

    def plain_result(self, source: str) -> None:
        self.console.print(self.highlight(source))

    def program_output(self, text: str) -> None:
        """Print/Echo output of the program, exactly as written."""
        file = self.console.file
        file.write(text)
        file.flush()

    def message(self, text: str) -> None:
        self.console.print(self.styled(text, theme.MESSAGE))

    def error(self, text: str) -> None:
        self.console.print(self.styled(text, theme.ERROR))

    def syntax_error(self, rendered: str) -> None:
        # The caret line must stay under the bad character: no wrapping, no
        # indentation added.
        self.console.print(self.styled(rendered.rstrip("\n"), theme.ERROR))

    def internal_error(self, exc: BaseException) -> None:
        self.error(f"Internal error: {type(exc).__name__}: {exc}")
        self.hint("This is a bug in Lyra; the session continues. %debug shows the traceback.")

    def hint(self, text: str) -> None:
        self.console.print(self.styled(text, theme.HINT))

    def info(self, text: str) -> None:
        self.console.print(Text(text))

    def code(self, source: str) -> None:
        """A block of Lyra source (definitions, help examples), highlighted."""
        self.console.print(self.highlight(source.rstrip("\n")))
