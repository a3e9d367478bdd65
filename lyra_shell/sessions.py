"""Helpers the shell needs around a Session (kept free of heavy imports: the
batch modes use them too)."""

from __future__ import annotations


def evaluate_unrecorded(session, expr):
    """Evaluate `expr` for the shell's own purposes (%clear, setting
    $ScriptCommandLine, a start-up file) without it taking an In/Out line."""
    return session.evaluate_expr(expr, record=False)


def load_definitions(session, source: str) -> None:
    """Give `session` the definitions in `source` (another session's
    definitions_source(), read before this session was made) without taking
    In/Out lines."""
    if source.strip():
        from lyra_core.syntax import parse

        evaluate_unrecorded(session, parse(source))
