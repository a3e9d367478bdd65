"""Symbols: one interned object per full name, carrying its definitions.

The engines look a symbol's definitions up as attribute reads on the symbol
object (`sym.downvalues`, `sym.attributes`), never as dict searches by name.

Several Sessions can live in one process (tests, differential checks, the
benchmark workers), each with its own definitions. A Workspace holds one
session's definitions; exactly one workspace is *active* at a time and its
state sits in the symbol objects. Activating another workspace saves the
state of every symbol the old one changed and installs the new one's -- a cost
proportional to the symbols a session has touched, paid only when the caller
switches sessions.
"""

from __future__ import annotations

# ---------------------------------------------------------------- attributes
# Bit flags, so an attribute test is one `&` on an int.
ATTRIBUTE_NAMES = (
    "Constant",
    "Flat",
    "HoldAll",
    "HoldAllComplete",
    "HoldFirst",
    "HoldRest",
    "Listable",
    "Locked",
    "NHoldAll",
    "NHoldFirst",
    "NHoldRest",
    "NumericFunction",
    "OneIdentity",
    "Orderless",
    "Protected",
    "ReadProtected",
    "SequenceHold",
    "Stub",
    "Temporary",
)
ATTR = {name: 1 << i for i, name in enumerate(ATTRIBUTE_NAMES)}
CONSTANT = ATTR["Constant"]
FLAT = ATTR["Flat"]
HOLD_ALL = ATTR["HoldAll"]
HOLD_ALL_COMPLETE = ATTR["HoldAllComplete"]
HOLD_FIRST = ATTR["HoldFirst"]
HOLD_REST = ATTR["HoldRest"]
LISTABLE = ATTR["Listable"]
LOCKED = ATTR["Locked"]
NUMERIC_FUNCTION = ATTR["NumericFunction"]
ONE_IDENTITY = ATTR["OneIdentity"]
ORDERLESS = ATTR["Orderless"]
PROTECTED = ATTR["Protected"]
READ_PROTECTED = ATTR["ReadProtected"]
SEQUENCE_HOLD = ATTR["SequenceHold"]
TEMPORARY = ATTR["Temporary"]
HOLD_MASK = HOLD_ALL | HOLD_FIRST | HOLD_REST | HOLD_ALL_COMPLETE


def attribute_names(flags: int) -> list[str]:
    """The attribute names set in `flags`, alphabetically (as WL lists them)."""
    return [name for name in ATTRIBUTE_NAMES if flags & ATTR[name]]


# The fields that make up a symbol's per-session state, in Workspace order.
STATE_FIELDS = (
    "attributes",
    "ownvalue",
    "downvalues",
    "upvalues",
    "subvalues",
    "nvalues",
    "defaultvalues",
    "messages",
    "options",
    "format_values",
)


class Symbol:
    __slots__ = (
        "name",  # the short name, e.g. "Plus"
        "context",  # e.g. "System`"
        "full_name",  # "System`Plus"
        # --- per-session state (see STATE_FIELDS) ---
        "attributes",  # int bit flags
        "ownvalue",  # the value of `x = v`, or None
        "downvalues",  # list of Rule definitions f[...] := ...
        "upvalues",  # list of Rule definitions g[..., f, ...] ^:= ...
        "subvalues",  # list of Rule definitions f[...][...] := ...
        "nvalues",
        "defaultvalues",  # dict: Default[f, i] values
        "messages",  # dict: message tag -> text
        "options",  # list of option rules, Options[f]
        "format_values",
        # --- global, shared by every session ---
        "builtin",  # the Python implementation of a builtin, or None
        "pristine",  # state tuple a fresh session sees (None: empty)
        "version",  # bumped on every change: compiled code checks it
        "dispatch",  # cached pattern-dispatch index over downvalues (or None)
        "__weakref__",
    )

    def __init__(self, context: str, name: str):
        self.name = name
        self.context = context
        self.full_name = context + name
        self.builtin = None
        self.pristine = None
        self.version = 0
        self.dispatch = None
        _reset_state(self)

    def __repr__(self):
        return f"Symbol({self.full_name!r})"

    # Symbols compare by identity (the default object __eq__/__hash__).

    def has_definitions(self) -> bool:
        return bool(
            self.ownvalue is not None
            or self.downvalues
            or self.upvalues
            or self.subvalues
        )


def _empty_state() -> tuple:
    return (0, None, [], [], [], [], {}, {}, [], [])


def _reset_state(sym: Symbol) -> None:
    state = sym.pristine
    if state is None:
        state = _empty_state()
    else:
        state = _copy_state(state)
    _set_state(sym, state)


def _get_state(sym: Symbol) -> tuple:
    return tuple(getattr(sym, field) for field in STATE_FIELDS)


def _set_state(sym: Symbol, state: tuple) -> None:
    for field, value in zip(STATE_FIELDS, state):
        setattr(sym, field, value)


def _copy_state(state: tuple) -> tuple:
    # Lists and dicts are copied so sessions never share a mutable container.
    return tuple(
        value.copy() if isinstance(value, (list, dict)) else value for value in state
    )


# ---------------------------------------------------------------- the table
_table: dict[str, Symbol] = {}

SYSTEM = "System`"
GLOBAL = "Global`"


def intern(full_name: str) -> Symbol:
    """The one Symbol with this full name (context included), created on demand."""
    sym = _table.get(full_name)
    if sym is None:
        cut = full_name.rfind("`") + 1
        sym = Symbol(full_name[:cut] or GLOBAL, full_name[cut:])
        _table[sym.full_name] = sym
        if _active is not None:
            _active.created[sym] = None
    return sym


def system(name: str) -> Symbol:
    """The System` symbol `name` (builtins, constants, heads)."""
    return intern(SYSTEM + name)


def lookup(name: str) -> Symbol:
    """Resolve a name as written in source: contexts, then Global`, then System`."""
    if "`" in name:
        sym = intern(GLOBAL + name[1:] if name.startswith("`") else name)
        if _active is not None and sym.context != SYSTEM:
            _active.created[sym] = None  # used by this session, even if another made it
        return sym
    sym = _table.get(GLOBAL + name)
    if sym is not None:
        if _active is not None:
            if sym not in _active.created and SYSTEM + name in _table:
                # Global`E made by another session (`E) must not hide
                # System`E from this one: it has not used that symbol.
                return _table[SYSTEM + name]
            # Names[...] and %save list the Global symbols a session has used,
            # including ones another session made first.
            _active.created[sym] = None
        return sym
    sym = _table.get(SYSTEM + name)
    if sym is not None:
        return sym
    return intern(GLOBAL + name)


def existing(full_name: str) -> Symbol | None:
    return _table.get(full_name)


def all_symbols():
    return list(_table.values())


def remove_symbol(sym: Symbol) -> None:
    """Forget a symbol (Remove, Temporary cleanup): later lookups make a new one."""
    if _table.get(sym.full_name) is sym:
        del _table[sym.full_name]
    if _active is not None:
        _active.forget(sym)
    forget_cached(sym)


# Caches that may hold a symbol (canonical-order keys, pattern analyses, rule
# indexes) register a function here; forget_cached(sym) calls each, so a
# released Module temporary or removed symbol is not kept alive by a cache.
_forget_hooks: list = []


def on_forget(hook) -> None:
    """Have hook(sym) called whenever a symbol is forgotten."""
    _forget_hooks.append(hook)


def forget_cached(sym: Symbol) -> None:
    for hook in _forget_hooks:
        hook(sym)


# ---------------------------------------------------------------- workspaces
_active: "Workspace | None" = None

# Incremented whenever any definition or attribute changes anywhere; the
# evaluator's "already evaluated" marks and compiled code compare against it.
epoch = [0]

# Lists of plain data ({1, 2.5, "a", {3}}) can only evaluate differently if a
# System symbol changes, so they carry this mark instead (negative, so it
# never equals an `epoch` value); it moves when a System symbol is touched.
data_epoch = [-2]


class Workspace:
    """One session's definitions, swapped in and out of the symbol objects."""

    __slots__ = ("touched", "saved", "created", "__weakref__")

    def __init__(self):
        self.touched: set[Symbol] = set()  # symbols whose state differs from pristine
        self.saved: dict[Symbol, tuple] = {}  # their state while inactive
        self.created: dict[Symbol, None] = {}  # symbols first made while active, in order

    def activate(self) -> None:
        global _active
        if _active is self:
            return
        if _active is not None:
            _active._save()
        for sym, state in self.saved.items():
            _set_state(sym, state)
        self.saved = {}
        _active = self
        epoch[0] += 1
        data_epoch[0] -= 1

    def _save(self) -> None:
        for sym in self.touched:
            self.saved[sym] = _get_state(sym)
            _reset_state(sym)

    def forget(self, sym: Symbol) -> None:
        self.touched.discard(sym)
        self.saved.pop(sym, None)
        self.created.pop(sym, None)

    def release(self) -> None:
        """Drop this workspace: every symbol goes back to its pristine state."""
        global _active
        if _active is self:
            for sym in self.touched:
                _reset_state(sym)
            _active = None
            epoch[0] += 1
        self.touched.clear()
        self.saved.clear()


def active_workspace() -> Workspace | None:
    return _active


def touch(sym: Symbol) -> None:
    """Call before changing a symbol's state: records it and invalidates caches."""
    if _active is not None:
        _active.touched.add(sym)
    sym.version += 1
    sym.dispatch = None
    epoch[0] += 1
    if sym.context == SYSTEM:
        data_epoch[0] -= 1


def snapshot(sym: Symbol) -> tuple:
    """The symbol's whole per-session state (Block saves and restores it)."""
    return _copy_state(_get_state(sym))


def restore(sym: Symbol, state: tuple) -> None:
    touch(sym)
    _set_state(sym, state)


def clear_state(sym: Symbol) -> None:
    """Remove every value and definition, keeping attributes (Block's local start)."""
    touch(sym)
    attributes = sym.attributes
    _set_state(sym, _empty_state())
    sym.attributes = attributes


def freeze_pristine(sym: Symbol) -> None:
    """Record the symbol's current state as what every new session starts with.

    Used while the standard library registers builtins, before any session runs.
    """
    sym.pristine = _copy_state(_get_state(sym))
