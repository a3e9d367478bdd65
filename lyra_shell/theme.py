"""The shell's colours, in one place, for both prompt_toolkit and rich.

Each Pygments token type gets a colour and an emphasis, written once and
translated to prompt_toolkit style strings (input as you type) and to rich
styles (results). Only the 16 ANSI colours are used, so the terminal's own
palette decides the exact shades (works on dark and light backgrounds).
"""

from __future__ import annotations

from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Token,
)

# token type -> (colour, emphasis). Subtypes inherit from their parents.
TOKEN_COLOURS = {
    Comment: ("bright_black", "italic"),
    String: ("green", ""),
    String.Escape: ("bright_green", "bold"),
    String.Interpol: ("magenta", "bold"),
    Number: ("cyan", ""),
    Name.Builtin: ("blue", "bold"),
    Name.Variable: ("yellow", "italic"),  # patterns x_, x_Integer
    Name.Variable.Magic: ("magenta", ""),  # slots #, #2, ##
    Name.Variable.Global: ("magenta", ""),  # %, %%, %5
    Name.Label: ("bright_black", ""),  # the tag of f::tag
    Name.Attribute: ("bright_cyan", ""),  # magic options --fast
    Keyword.Pseudo: ("magenta", "bold"),  # %magic, ?help
    Operator: ("bright_black", ""),
    Punctuation: ("", ""),
}

# Other pieces of the interface.
PROMPT_IN = ("green", "bold")
PROMPT_OUT = ("red", "bold")
MESSAGE = ("yellow", "")
ERROR = ("red", "bold")
HINT = ("bright_black", "italic")


def rich_style(colour: str, emphasis: str) -> str:
    return " ".join(part for part in (emphasis, colour) if part) or "none"


def prompt_toolkit_style(colour: str, emphasis: str) -> str:
    parts = []
    if colour:
        # prompt_toolkit spells ANSI colours ansigreen, ansibrightblack, ...
        parts.append("ansi" + colour.replace("_", ""))
    if emphasis:
        parts.append(emphasis)
    return " ".join(parts)


def token_rich_style(token) -> str:
    """The rich style for a Pygments token type (inheriting from its parents)."""
    while token is not Token:
        entry = TOKEN_COLOURS.get(token)
        if entry is not None:
            return rich_style(*entry)
        token = token.parent
    return "none"


def prompt_toolkit_pygments_styles() -> dict:
    """{token type: prompt_toolkit style} for style_from_pygments_dict."""
    return {token: prompt_toolkit_style(*entry) for token, entry in TOKEN_COLOURS.items()}
