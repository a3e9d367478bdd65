"""The disassembler: a compiled expression as a listing of opcodes.py instructions.

    disassemble(session, "fib[20]", recursive=False) -> str

Each line: offset, opcode, operand (constants in InputForm, linked builtins
named). recursive=True also lists the compiled right side of every user
definition of the heads the expression calls (once each), as CPython's
dis shows nested code objects.
"""

from __future__ import annotations

from ...expr.normal import Expr
from ...expr.symbol import Symbol
from .compiler import CALL, CONST, FALLBACK, IF, LOCAL, SEQ, SYMBOL


def _text(value) -> str:
    from ...forms import short

    return short(value, 60)


class _Listing:
    def __init__(self, names):
        self.rows: list[list] = []  # [opcode, operand text]
        self.names = names
        self.labels = 0
        self.called: list = []  # user heads the code calls

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
            self.add("LOAD_LOCAL", f"{n.value} ({self.names[n.value].name})")
        elif kind == FALLBACK:
            self.add("FALLBACK", _text(n.template))
        elif kind == CALL:
            self.add("ENTER", _text(n.template))
            for a in n.args:
                self.node(a)
            argc = len(n.args)
            if n.op is not None:
                self.add("INT_OP", n.op)
            if n.entry is not None:
                self.add("CALL_STATIC", f"{n.entry.name} -> {n.entry.fn.__module__}.{n.entry.fn.__name__}, {argc}")
            else:
                head = n.value
                self.add("CALL", f"{head.name}, {argc}")
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


def listing(code, title) -> tuple[str, list]:
    out = _Listing(code.names)
    out.node(code.root)
    out.add("RETURN_VALUE")
    return out.render(title), out.called


def disassemble(session, source, recursive: bool = False) -> str:
    """The listing of `source` (text or an expression) compiled for `session`."""
    from ...syntax import parse
    from .vm import compile_expression, compile_rule

    session.workspace.activate()
    expr = parse(source) if type(source) is str else source
    static = getattr(session.ev, "static_dispatch", session.static_dispatch)
    code = compile_expression(expr, static)
    text, called = listing(code, f"code for {_text(expr)}:")
    parts = [text]
    seen = set()
    while recursive and called:
        head = called.pop(0)
        if head in seen:
            continue
        seen.add(head)
        for rule in head.downvalues:
            rcode = compile_rule(rule, static)
            lhs = Expr(head, ()) if rule.lhs is None else rule.lhs
            if rcode is None:
                parts.append(f"definition {_text(lhs)}: not compiled (OptionValue)")
                continue
            sub, more = listing(rcode, f"definition {_text(lhs)} :> {_text(rule.rhs)}:")
            parts.append(sub)
            called.extend(h for h in more if h not in seen)
    return "\n\n".join(parts)


__all__ = ["disassemble", "Symbol"]
