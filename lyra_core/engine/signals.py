"""Non-local control flow inside an evaluation, as Python exceptions.

They carry Lyra values out of nested evaluations; the construct that owns each
one (a loop, Catch, a function application, the session) catches it.
"""


class ControlSignal(Exception):
    """Base class; never shown to a user."""


class ReturnSignal(ControlSignal):
    def __init__(self, value):
        self.value = value


class BreakSignal(ControlSignal):
    pass


class ContinueSignal(ControlSignal):
    pass


class ThrowSignal(ControlSignal):
    def __init__(self, value, tag=None):
        self.value = value
        self.tag = tag


class AbortSignal(ControlSignal):
    """Abort[], an interrupt (Ctrl-C), or a TimeConstrained/MemoryConstrained limit."""

    def __init__(self, reason: str = "abort"):
        self.reason = reason


class TimeoutSignal(AbortSignal):
    def __init__(self):
        super().__init__("time")


class RecursionLimitExceeded(ControlSignal):
    """$RecursionLimit was hit while evaluating `expr` (message already issued)."""

    def __init__(self, expr):
        self.expr = expr


class SandboxDenied(ControlSignal):
    """A file builtin was asked, in a sandboxed session, for a path outside the
    allowed directory; the evaluator turns it into f::sandbox and $Failed."""

    def __init__(self, path):
        self.path = path
