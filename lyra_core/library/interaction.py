"""Talking to the front end: Print, Echo, Exit, the In/Out history, time limits."""

from __future__ import annotations

import threading

from ..engine.signals import TimeoutSignal
from ..expr.normal import E, Expr
from ..expr.atoms import Rational
from ..expr import system_symbols as S
from .registry import builtin


class SessionExit(Exception):
    """Exit[n] / Quit[n]: the front end ends with status n."""

    def __init__(self, code: int = 0):
        super().__init__(code)
        self.code = code


def _text(ev, value) -> str:
    if type(value) is str:
        return value
    return ev.session.format(value, "OutputForm")


@builtin(
    "Print",
    attributes=("Protected",),
    usage="Print[e1, e2, ...] prints the e's one after another, then a new line; gives Null.\n"
    "Example: Print[\"x = \", 3] prints x = 3",
)
def print_(ev, *items):
    ev.session.write("".join(_text(ev, x) for x in items) + "\n")
    return S.Null


@builtin(
    "Echo",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Echo[e] prints \">> \" and e, and gives e; Echo[e, label] prints the label first; "
    "Echo[e, label, f] prints f[e].\nExample: Echo[1 + 1] prints >> 2 and gives 2",
)
def echo(ev, value, label=None, f=None):
    shown = ev.evaluate(E(f, value)) if f is not None else value
    prefix = ">> " if label is None else ">> " + _text(ev, label) + " "
    ev.session.write(prefix + ev.session.format(shown, "InputForm") + "\n")
    return value


def _exit(ev, code=0):
    raise SessionExit(code if type(code) is int else 0)


for _name in ("Exit", "Quit"):
    builtin(
        _name,
        nargs=(0, 1),
        usage=f"{_name}[] ends the session; {_name}[n] ends it with exit status n.\nExample: {_name}[1]",
    )(_exit)


@builtin(
    "Out",
    nargs=(0, 1),
    attributes=("Listable", "NHoldFirst", "Protected"),
    usage="Out[n] or %n is the n-th output of the session; Out[] or % the last, Out[-k] or %%...% the k-th last.\n"
    "Example: 1 + 1 then % * 10 gives 20",
)
def out(ev, n=None):
    return ev.session.out_value(n)


@builtin(
    "In",
    nargs=(0, 1),
    attributes=("HoldAll", "Listable", "Protected"),
    usage="In[n] evaluates the n-th input of the session again.\nExample: In[1]",
)
def in_(ev, n=None):
    return ev.session.in_value(n)


def _seconds(value):
    if type(value) in (int, float) and value > 0:
        return float(value)
    if type(value) is Rational and value.num > 0:
        return value.num / value.den
    return None


@builtin(
    "TimeConstrained",
    evaluates_result=True,
    nargs=(2, 3),
    attributes=("HoldAll", "Protected"),
    usage="TimeConstrained[e, t] evaluates e for at most t seconds and gives $Aborted if time runs out; "
    "TimeConstrained[e, t, failexpr] gives failexpr instead.\nExample: TimeConstrained[While[True], 0.5] gives $Aborted",
)
def time_constrained(ev, body, limit, fail=S.DollarAborted):
    seconds = _seconds(ev.evaluate(limit))
    if seconds is None:
        ev.message("TimeConstrained", "timc", limit)
        return None
    signal = TimeoutSignal()
    timer = threading.Timer(seconds, ev.interrupt, args=(signal,))
    timer.daemon = True
    timer.start()
    try:
        return ev.evaluate(body)
    except TimeoutSignal as t:
        if t is not signal:
            raise
        return fail
    finally:
        timer.cancel()
        timer.join()  # a timer already firing sets pending now, not during the next input
        if ev.pending is signal:
            ev.pending = None
