"""Messages as the user sees them: Message, MessageName, Check, Quiet, Off, On."""

from __future__ import annotations

from ..expr.normal import E, Expr
from ..expr.symbol import Symbol, touch
from ..expr import system_symbols as S
from .registry import builtin


def _message_key(spec):
    """(symbol name, tag) for MessageName[s, "tag"], else None."""
    if type(spec) is Expr and spec.head is S.MessageName and len(spec.args) >= 2:
        sym, tag = spec.args[0], spec.args[1]
        if type(sym) is Symbol and type(tag) is str:
            return sym.name, tag
    return None


def _message_keys(ev, specs, caller):
    keys = []
    for spec in specs:
        if type(spec) is Expr and spec.head is S.List:
            keys.extend(_message_keys(ev, spec.args, caller))
            continue
        key = _message_key(spec)
        if key is None:
            ev.message(caller, "name", spec)
            continue
        keys.append(key)
    return keys


@builtin(
    "MessageName",
    nargs=(2, 3),
    attributes=("HoldFirst", "Protected", "ReadProtected"),
    usage="MessageName[s, \"tag\"] or s::tag names a message; it evaluates to the message text when one is defined.\n"
    "Example: f::oops = \"Something went wrong\"; Message[f::oops]",
)
def message_name(ev, sym, tag, *lang):
    if type(sym) is Symbol and type(tag) is str:
        text = sym.messages.get(tag)
        if text is not None:
            return text
    return None


@builtin(
    "Message",
    nargs=(1, None),
    attributes=("HoldFirst", "Protected"),
    usage="Message[s::tag, e1, e2, ...] issues the message s::tag with `1`, `2`, ... filled from the e's.\n"
    "Example: f::bad = \"Bad value `1`.\"; Message[f::bad, 3] prints f::bad: Bad value 3.",
)
def message(ev, spec, *args):
    key = _message_key(spec)
    if key is None:
        ev.message("Message", "name", spec)
        return None
    sym = spec.args[0]
    ev.message(sym, key[1], *args)
    return S.Null


class MessageFrame:
    """A Check or Quiet in progress: what it watches or silences."""

    __slots__ = ("kind", "keys", "triggered")

    def __init__(self, kind, keys=None):
        self.kind = kind  # "check" or "quiet"
        self.keys = keys  # None: all messages
        self.triggered = False

    def covers(self, key) -> bool:
        return self.keys is None or key in self.keys


@builtin(
    "Check",
    evaluates_result=True,
    nargs=(2, 3),
    attributes=("HoldAll", "Protected"),
    usage="Check[e, failexpr] gives e's value, or failexpr if evaluating e issued a message; "
    "Check[e, failexpr, {s::t, ...}] watches only those messages.\nExample: Check[1/0, \"failed\"] gives \"failed\"",
)
def check(ev, body, fail, *watch):
    keys = set(_message_keys(ev, watch, "Check")) if watch else None
    frame = MessageFrame("check", keys)
    ev.message_frames.append(frame)
    try:
        result = ev.evaluate(body)
    finally:
        ev.message_frames.remove(frame)
    return fail if frame.triggered else result


@builtin(
    "Quiet",
    evaluates_result=True,
    nargs=(1, 3),
    attributes=("HoldAll", "Protected"),
    usage="Quiet[e] evaluates e without printing messages; Quiet[e, {s::t, ...}] silences only those.\n"
    "Example: Quiet[1/0] gives ComplexInfinity with no message",
)
def quiet(ev, body, which=None, *rest):
    if which is None or which is S.All:
        keys = None
    elif which is S.None_:
        return body
    else:
        keys = set(_message_keys(ev, (ev.evaluate(which),), "Quiet"))
    frame = MessageFrame("quiet", keys)
    ev.message_frames.append(frame)
    try:
        return ev.evaluate(body)
    finally:
        ev.message_frames.remove(frame)


def _switch(ev, specs, caller, off: bool):
    for key in _message_keys(ev, specs, caller):
        if off:
            ev.off.add(key)
        else:
            ev.off.discard(key)
    return S.Null


@builtin(
    "Off",
    attributes=("HoldAll", "Protected"),
    usage="Off[s::tag, ...] switches messages off for the rest of the session.\nExample: Off[Power::infy]; 1/0 prints nothing",
)
def off(ev, *specs):
    return _switch(ev, specs, "Off", True)


@builtin(
    "On",
    attributes=("HoldAll", "Protected"),
    usage="On[s::tag, ...] switches messages back on.\nExample: On[Power::infy]",
)
def on(ev, *specs):
    return _switch(ev, specs, "On", False)


def define_message(ev, sym: Symbol, tag: str, text) -> bool:
    """s::tag = "text" (called by Set for a MessageName left side)."""
    if type(text) is not str:
        return False
    touch(sym)
    sym.messages[tag] = text
    return True
