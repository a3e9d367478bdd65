"""Message templates (WL's `f::tag` texts) and their formatting.

Templates use WL's backquoted slots: "Part `1` of `2` does not exist.".
A message defined for General applies to every symbol that has no text of its
own for that tag (Sqrt::argx falls back to General::argx).
"""

from __future__ import annotations

import re

TEMPLATES: dict[tuple[str, str], str] = {}


def define(symbol_name: str, tag: str, text: str) -> None:
    """Register the text of symbol_name::tag (done at import by the library)."""
    TEMPLATES[(symbol_name, tag)] = text


def template(symbol_name: str, tag: str) -> str | None:
    text = TEMPLATES.get((symbol_name, tag))
    if text is None:
        text = TEMPLATES.get(("General", tag))
    return text


_SLOT = re.compile(r"`(\d+)`")


def fill(text: str, args: list[str]) -> str:
    """Put the already formatted arguments into the template's `n` slots."""

    def one(m):
        i = int(m.group(1)) - 1
        return args[i] if 0 <= i < len(args) else m.group(0)

    return _SLOT.sub(one, text)


for _tag, _text in {
    "argx": "`1` called with `2` arguments; 1 argument is expected.",
    "argr": "`1` called with 1 argument; `2` arguments are expected.",
    "argrx": "`1` called with `2` arguments; `3` arguments are expected.",
    "argt": "`1` called with `2` arguments; `3` or `4` arguments are expected.",
    "argtu": "`1` called with 1 argument; `2` or `3` arguments are expected.",
    "argb": "`1` called with `2` arguments; between `3` and `4` arguments are expected.",
    "argbu": "`1` called with 1 argument; between `2` and `3` arguments are expected.",
    "argm": "`1` called with `2` arguments; `3` or more arguments are expected.",
    "argmu": "`1` called with 1 argument; `2` or more arguments are expected.",
    "argx0": "`1` called with `2` arguments; no arguments are expected.",
    "argx1": "`1` called with 1 argument; no arguments are expected.",
    "int": "Integer expected at position `2` in `1`.",
    "intp": "Positive integer expected at position `2` in `1`.",
    "intnn": "Non-negative integer expected at position `2` in `1`.",
    "list": "List expected at position `2` in `1`.",
    "string": "String expected at position `1` in `2`.",
    "strs": "String or list of strings expected at position `1` in `2`.",
    "sym": "Symbol expected at position `2` in `1`.",
    "real": "Real number expected at position `2` in `1`.",
    "normal": "Nonatomic expression expected at position `1` in `2`.",
    "level": "Level specification `1` is not of the form n, {n}, or {m, n}.",
    "iterb": "Iterator `1` does not have appropriate bounds.",
    "itform": "Argument `1` at position `2` does not have the correct form for an iterator.",
    "wrsym": "Symbol `1` is Protected.",
    "write": "Tag `1` in `2` is Protected.",
    "setraw": "Cannot assign to raw object `1`.",
    "rvalue": "`1` is not a variable with a value, so its value cannot be changed.",
    "noval": "Symbol `1` in part assignment does not have an immediate value.",
    "spec": "Part specification `1` is not an integer, span, or list of integers.",
    "partw": "Part `1` of `2` does not exist.",
    "partd": "Part specification `1` is longer than depth of object.",
    "pkspec1": "The expression `1` cannot be used as a part specification.",
    "stop": "Further output of `1` will be suppressed during this calculation.",
    "dmval": "`1` does not have a valid default value.",
    "sandbox": "`1` is not allowed in a sandboxed session.",
    "nffil": "File `1` not found during `2`.",
    "noopen": "Cannot open `1`.",
    "locked": "Symbol `1` is locked.",
    "ovfl": "Overflow occurred in computation.",
    "unfl": "Underflow occurred in computation.",
    "optx": "Unknown option `1` in `2`.",
    "lvset": "Local variable specification `1` contains `2`, which is an assignment to `3`; only assignments to symbols are allowed.",
    "lvsym": "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.",
    "lvlist": "Local variable specification `1` is not a List.",
    "dupsym": "Duplicate local variable `1` found in local variable specification `2`.",
    "indet": "Indeterminate expression `1` encountered.",
    "infy": "Infinite expression `1` encountered.",
    "newsym": "Symbol `1` is new.",
    "fpct": "Too many parameters in `1` to be filled from `2`.",
    "slot": "`1` (in `2`) should contain a positive integer.",
    "vpow": "Size of result of `1` exceeds the allowed limit.",
    "bigsize": "The result of `1` would be too large to compute.",
}.items():
    define("General", _tag, _text)

define("$RecursionLimit", "reclim", "Recursion depth of `1` exceeded.")
define("$RecursionLimit", "reclim2", "Recursion depth of `1` exceeded during evaluation of `2`.")
define("$IterationLimit", "itlim", "Iteration limit of `1` exceeded.")
define("Part", "partw", "Part `1` of `2` does not exist.")
define("Part", "pkspec1", "The expression `1` cannot be used as a part specification.")
define("Power", "infy", "Infinite expression `1` encountered.")
define("Infinity", "indet", "Indeterminate expression `1` encountered.")
define("Throw", "nocatch", "Uncaught `1` returned to top level.")
define("Function", "slotn", "Slot number `1` in `2` cannot be filled from `3`.")
define("Function", "fpct", "Too many parameters in `1` to be filled from `2`.")
define("Return", "nofunc", "Return[`1`] called outside of a function.")
define("Part", "take", "Cannot take positions `1` through `2` in `3`.")
define("Part", "partd", "Part specification `1` is longer than depth of object.")
define("Thread", "tdlen", "Objects of unequal length in `1` cannot be combined.")
define("Set", "shape", "Lists `1` and `2` are not the same shape.")
define("Set", "noval", "Symbol `1` in part assignment does not have an immediate value.")
define("Set", "setps", "`1` in the part assignment is not a symbol.")
define("Unset", "norep", "Assignment on `1` for `2` not found.")
define("Remove", "rmptc", "Symbol `1` is Protected or Locked and cannot be removed.")
define("General", "ssym", "`1` is not a symbol or a string.")
define("General", "ssle", "Symbol, string, or HoldPattern[symbol] expected at position `2` in `1`.")
define("Break", "nofdw", "Break[] called outside of a loop.")
define("Continue", "nofdw", "Continue[] called outside of a loop.")
define("Catch", "argb", "`1` called with `2` arguments; between `3` and `4` arguments are expected.")
define("$RecursionLimit", "limset", "Cannot set $RecursionLimit to `1`; value must be Infinity or an integer at least 20.")
define("$IterationLimit", "limset", "Cannot set $IterationLimit to `1`; value must be Infinity or an integer at least 20.")
define("Table", "iterb", "Iterator `1` does not have appropriate bounds.")
define("Do", "iterb", "Iterator `1` does not have appropriate bounds.")
define("Switch", "argct", "Switch called with `1` arguments. Switch must be called with an odd number of arguments.")
define("Which", "argctu", "Which called with 1 argument.")
define("Which", "argct", "Which called with `1` arguments. Which must be called with an even number of arguments.")
define("Module", "lvlist", "Local variable specification `1` is not a List.")
define("Module", "lvsym", "Local variable specification `1` contains `2`, which is not a symbol or an assignment to a symbol.")
define("With", "lvlist", "Local variable specification `1` is not a List.")
define("Block", "lvlist", "Local variable specification `1` is not a List.")
define("TimeConstrained", "timc", "Number of seconds `1` is not a positive machine-sized number or Infinity.")
define("Message", "name", "Message name `1` is not of the form symbol::name or symbol::name::language.")
define("General", "interr", "Internal error: `1`. The session goes on; please report this.")
define("General", "nomem", "The current computation was aborted because there was insufficient memory available to complete it.")
define("General", "rep", "`1` is not a valid replacement rule.")
define("SetOptions", "optnf", "`1` is not a known option for `2`.")
