"""Helpers the shell needs around a Session (kept free of heavy imports: the
batch modes use them too)."""

from __future__ import annotations


def evaluate_unrecorded(session, expr):
    """Evaluate `expr` for the shell's own purposes (%clear, setting
    $ScriptCommandLine, a start-up file) without it taking an In/Out line.

    Session has no such call yet, so this evaluates as an input line and then
    takes that line's history entry back out (the lead engineer is asked for
    a proper one)."""
    line = session.line
    result = session.evaluate_expr(expr)
    if session.line == line + 1:
        session.inputs.pop(line, None)
        session.outputs.pop(line, None)
        session.line = line
    return result
