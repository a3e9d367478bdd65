"""Helpers the shell needs around a Session (kept free of heavy imports: the
batch modes use them too)."""

from __future__ import annotations


def evaluate_unrecorded(session, expr):
    """Evaluate `expr` for the shell's own purposes (%clear, setting
    $ScriptCommandLine, a start-up file) without it taking an In/Out line."""
    return session.evaluate_expr(expr, record=False)
