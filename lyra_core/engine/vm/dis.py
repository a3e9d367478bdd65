"""The disassembler: a compiled expression as a listing of opcodes.py instructions.

    disassemble(session, "fib[20]", recursive=False) -> str

Each line: offset, opcode, operand (constants in InputForm, linked builtins
named). recursive=True also lists the compiled right side of every user
definition of the heads the expression calls (once each), as CPython's
dis shows nested code objects.
"""

from __future__ import annotations

from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import Symbol
from .compiler import ASSIGN, BLOCK, CALL, CONST, FALLBACK, IF, JUNCTION, LOCAL, SCOPE, SEQ, SWITCH, SYMBOL, WHICH
from .intrinsics import INTRINSICS

# How NUM_OP shows each fast path.
_OP_TEXT = {
    "Plus": "+", "Times": "*", "Power": "^", "Less": "<", "Greater": ">", "LessEqual": "<=",
    "GreaterEqual": ">=", "Equal": "==", "Unequal": "!=", "Mod": "mod", "Quotient": "quotient",
    "Max": "max", "Min": "min", "EvenQ": "evenq", "OddQ": "oddq", "Abs": "abs",
}
_LOOPS = ("Do", "Table", "Sum", "While", "For")


def _text(value) -> str:
    from ...forms import short

    return short(_with_slots(value), 60)


def _with_slots(t):
    """A pure function's compiled body shows its parameters as #1, #2, ..."""
    if type(t) is Symbol:
        if t.context == "Lyra`VM`" and t.name.startswith("slot"):
            return Expr(S.Slot, (int(t.name[4:]),))
        return t
    if type(t) is not Expr:
        return t
    return Expr(_with_slots(t.head), tuple(_with_slots(a) for a in t.args))


class _Listing:
    def __init__(self, names):
        self.rows: list[list] = []  # [opcode, operand text]
        self.names = names
        self.labels = 0
        self.called: list = []  # user heads the code calls
        self.units: list = []  # loops and pure functions compiled as units of their own
        self.extra: dict = {}  # slot -> name of a Module/With local

    def add(self, op, arg="") -> int:
        self.rows.append([op, arg])
        return len(self.rows) - 1

    def label(self) -> str:
        self.labels += 1
        return f"L{self.labels}"

    def node(self, n, mode="") -> None:
        kind = n.kind
        if kind == CONST:
            self.add("LOAD_CONST", _text(n.value))
        elif kind == SYMBOL:
            self.add("LOAD_SYMBOL", n.value.name)
        elif kind == LOCAL:
            self.add("LOAD_LOCAL", f"{n.value} ({self.local_name(n.value)})")
        elif kind == FALLBACK:
            self.add("FALLBACK", _text(n.template))
            self.note_units(n.template)
        elif kind == CALL:
            self.add("ENTER", _text(n.template))
            for a in n.args:
                self.node(a)
            argc = len(n.args)
            if n.op is not None:
                self.add("NUM_OP", _OP_TEXT.get(n.value.name, n.value.name))
            if n.entry is not None:
                fn = INTRINSICS.get(n.entry.name) or n.entry.fn  # what the VM runs for it
                self.add("CALL_STATIC", f"{n.entry.name} -> {fn.__module__}.{fn.__name__}, {argc}")
            else:
                head = n.value
                self.add("CALL_LINKED" if n.link else "CALL", f"{head.name}, {argc}")
                if head.downvalues and head not in self.called:
                    self.called.append(head)
        elif kind == IF:
            self.add("ENTER", _text(n.template))
            self.node(n.args[0])
            otherwise, done = self.label(), self.label()
            self.add("TEST_IF", otherwise)
            self.add("CONT")
            self.node(n.args[1])
            self.add("JUMP", done)
            self.add(otherwise + ":")
            if len(n.args) > 2:
                self.add("CONT")
                self.node(n.args[2])
            else:
                self.add("LOAD_SYMBOL", "Null")
            self.add(done + ":")
        elif kind == SEQ:
            self.add("ENTER", _text(n.template))
            for i, part in enumerate(n.args):
                self.node(part)
                if i < len(n.args) - 1:
                    self.add("POP")
        elif kind == WHICH:
            self.add("ENTER", _text(n.template))
            done = self.label()
            for i in range(0, len(n.args), 2):
                self.node(n.args[i])
                nxt = self.label()
                self.add("TEST_IF", nxt)
                self.add("CONT")
                self.node(n.args[i + 1])
                self.add("JUMP", done)
                self.add(nxt + ":")
            self.add("LOAD_SYMBOL", "Null")
            self.add(done + ":")
        elif kind == JUNCTION:
            self.add("ENTER", _text(n.template))
            done = self.label()
            for part in n.args:
                self.node(part)
                self.add("TEST_JUNCTION", f"{n.value.name}, {done}")
            self.add("LOAD_SYMBOL", "True" if n.value.name == "And" else "False")
            self.add(done + ":")
        elif kind == ASSIGN:
            for a in n.args:
                self.node(a)
            target = n.value.name if type(n.value) is Symbol else f"local {n.value} ({self.local_name(n.value)})"
            if n.entry.name == "Set":
                self.add("STORE_SYMBOL", target)
            else:
                self.add("UPDATE_SYMBOL", f"{target}, {n.entry.name}")
        elif kind == SCOPE:
            self.add("ENTER", _text(n.template))
            module = n.template.head.name == "Module"
            slots = ", ".join(f"{slot} ({sym.name})" for sym, slot, _ in n.value)
            for sym, slot, _ in n.value:
                self.extra[slot] = sym.name
            inits = iter(n.args[:-1])
            if module:
                self.add("MAKE_LOCALS", slots)
            for sym, slot, has_init in n.value:
                if has_init:
                    self.node(next(inits))
                    self.add("STORE_LOCAL", f"{slot} ({sym.name})")
            if not module:
                self.add("CONT")
            self.node(n.args[-1])
            if module:
                self.add("RELEASE_LOCALS", slots)

        elif kind == BLOCK:
            self.block(n)
        elif kind == SWITCH:
            self.switch(n)

    def block(self, n) -> None:
        self.add("ENTER", _text(n.template))
        inits = iter(n.args[:-1])
        names = []
        for sym, how in n.value:
            names.append(sym.name if how is None else f"{sym.name}={'v' if how == 'set' else 'w'}")
            if how == "set":
                self.node(next(inits))
            elif how == "delayed":
                self.add("LOAD_CONST", _text(next(inits).template))
        self.add("BLOCK_ENTER", ", ".join(names))
        self.node(n.args[-1])
        self.add("BLOCK_EXIT", ", ".join(sym.name for sym, _ in n.value))

    def switch(self, n) -> None:
        self.add("ENTER", _text(n.template))
        self.node(n.args[0])
        done = self.label()
        held = n.args[1:]
        for i in range(0, len(held), 2):
            pattern = held[i]
            nxt = self.label()
            if pattern.kind == CONST:
                p = pattern.value
                anything = type(p) is Expr and p.head is S.Blank and not p.args
                self.add("MATCH", f"{_text(p)}{' (anything: no test)' if anything else ''}, {nxt}")
            else:
                self.node(pattern)
                self.add("MATCH", f"(evaluated), {nxt}")
            self.add("CONT")
            self.node(held[i + 1])
            self.add("JUMP", done)
            self.add(nxt + ":")
        self.add("LOAD_SYMBOL", "Null")
        self.add(done + ":")

    def local_name(self, slot) -> str:
        return self.extra.get(slot) or _text(self.names[slot])

    def note_units(self, t) -> None:
        """Loops and pure functions inside a FALLBACK run as compiled units."""
        if type(t) is not Expr:
            return
        head = t.head
        if type(head) is Symbol and head.name in _LOOPS and head.context == "System`":
            self.units.append(t)
            return
        if type(head) is Symbol and head.name == "Function" and head.context == "System`":
            self.units.append(t)
            return
        for a in t.args:
            self.note_units(a)

    def render(self, title) -> str:
        lines = [title]
        offset = 0
        for op, arg in self.rows:
            if op.endswith(":"):
                lines.append(f"{op}")
                continue
            lines.append(f"  {offset:4d} {op:<12} {arg}".rstrip())
            offset += 2
        return "\n".join(lines)


def _iterator_name(spec) -> str:
    if type(spec) is Expr and spec.args and type(spec.args[0]) is Symbol and len(spec.args) > 1:
        return spec.args[0].name
    return "-"


def listing(code, title, outer=()) -> tuple[str, list, list]:
    """outer: the variables of the loops around a loop unit (several
    iterators), shown as FOR_ITER over the symbol."""
    out = _Listing(code.names + code.registers)
    if code.kind == "loop":
        ends = []
        for name in outer:
            top, end = out.label(), out.label()
            out.add(top + ":")
            out.add("FOR_ITER", f"symbol {name}, {end}")
            ends.append((top, end))
        end = out.label()
        top = out.label()
        out.add(top + ":")
        out.add("FOR_ITER", f"{len(code.names)} ({code.registers[0].name}), {end}" if code.registers
                else f"-, {end}")
        out.node(code.root)
        out.add("COLLECT")
        out.add("JUMP", top)
        out.add(end + ":")
        for outer_top, outer_end in reversed(ends):
            out.add("JUMP", outer_top)
            out.add(outer_end + ":")
        out.add("LOAD_SYMBOL", "Null")
    elif code.kind == "while":
        top, end = out.label(), out.label()
        out.add(top + ":")
        out.node(code.root.args[0])
        out.add("TEST_IF", end)
        for part in code.root.args[1:]:  # the body, For's increment
            out.node(part)
            out.add("POP")
        out.add("JUMP", top)
        out.add(end + ":")
        out.add("LOAD_SYMBOL", "Null")
    else:
        out.node(code.root)
    out.add("RETURN_VALUE")
    return out.render(title), out.called, out.units


def _unit_code(t, static):
    """The compiled unit a loop or a pure function runs as (or None)."""
    from .vm import compile_function, compile_loop, compile_while

    name = t.head.name
    if name == "Function":
        return compile_function(t, static), "function"
    if name == "While":
        return (compile_while(t, static), "loop") if len(t.args) == 2 else (None, None)
    if name == "For":
        return (compile_while(t, static), "loop") if len(t.args) in (3, 4) else (None, None)
    last = t.args[-1] if len(t.args) >= 2 else None
    if type(last) is Expr and len(last.args) >= 2 and type(last.args[0]) is Symbol:
        # Several iterators: the outer ones are the intrinsic's loops, the
        # innermost runs the compiled body.
        return compile_loop(t.args[0], last.args[0], static), "loop"
    if type(last) is Expr and last.head is S.List and len(last.args) == 1 and (name != "Sum" or len(t.args) > 2):
        # Do[body, {n}]: the body n times, no variable (Sum keeps {n} alone to the builtin).
        return compile_loop(t.args[0], None, static), "loop"
    return None, None


def _atom_rule_code(rule, static):
    from ...patterns.structure import collect_names
    from .vm import _compile

    names: list = []
    collect_names(rule.lhs, names)
    return _compile("rule", rule.body, names, static)


def disassemble(session, source, recursive: bool = False) -> str:
    """The listing of `source` (text or an expression) compiled for `session`."""
    from ...syntax import parse
    from .vm import compile_expression, compile_rule

    session.workspace.activate()
    expr = parse(source) if type(source) is str else source
    static = getattr(session.ev, "static_dispatch", session.static_dispatch)
    code = compile_expression(expr, static)
    text, called, units = listing(code, f"code for {_text(expr)}:")
    parts = [text]
    while units:
        t = units.pop(0)
        unit, kind = _unit_code(t, static)
        if unit is None:
            continue
        outer = [_iterator_name(spec) for spec in t.args[1:-1]] if kind == "loop" and t.head.name in _LOOPS[:3] else []
        sub, more, inner = listing(unit, f"{kind} {_text(t)}:", outer)
        parts.append(sub)
        called.extend(h for h in more if h not in called)
        units.extend(inner)
    seen = set()
    while recursive and called:
        head = called.pop(0)
        if head in seen:
            continue
        seen.add(head)
        for rule in head.downvalues:
            rcode = compile_rule(rule, static)
            lhs = Expr(head, ()) if rule.lhs is None else rule.lhs
            title = f"definition {_text(lhs)} :> {_text(rule.rhs)}:"
            if rcode is None:
                if type(rule.body) is Expr:
                    parts.append(f"definition {_text(lhs)}: not compiled (OptionValue: the tree-walker's option-aware path)")
                    continue
                # An atom: the tree-walker substitutes it directly (no code
                # runs); its trivial code is shown all the same.
                rcode = _atom_rule_code(rule, static)
                title = title[:-1] + " (an atom, substituted by the tree-walker):"
            sub, more, _ = listing(rcode, title)
            parts.append(sub)
            called.extend(h for h in more if h not in seen)
    return "\n\n".join(parts)


__all__ = ["disassemble", "Symbol"]
