"""Text to expressions: the Lyra lexer and parser (LANGUAGE.md sections 1-2).

    parse(source)            -> one expression (CompoundExpression of several
                                statements; Null for none)
    parse_statements(source) -> [Statement(expr, line, text), ...]
    LyraSyntaxError          -> .line .column .reason .source .incomplete .render()
"""

from .errors import LyraSyntaxError
from .parser import Statement, parse, parse_statements

__all__ = ["LyraSyntaxError", "Statement", "parse", "parse_statements"]
