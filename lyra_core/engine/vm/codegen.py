"""Lower a compiled IR tree (compiler.py) to one Python function.

A Python dispatch loop over instructions costs tens of nanoseconds each, so
each compiled right side becomes straight-line Python source, `exec`uted
once:  def run(ev, b): ...  where b is the match's bindings dict. Pattern
variables live in Python locals L0, L1, ...; constants, symbols, linked
builtins and substitution templates are globals of the generated function.

Evaluation modes (see opcodes.py): FRESH is `ev.evaluate`, TAIL is
`ev._evaluate_tail` (a rule's right side), CONT continues the current level
after one rewrite step (the branch If chose).
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import Symbol
from ...patterns.substitute import compile_template
from .compiler import CALL, COMPARISONS, CONST, FALLBACK, IF, LOCAL, SEQ, SYMBOL, Node

FRESH, TAIL, CONT = "fresh", "tail", "cont"

_SPECIAL_VALUES = frozenset((S.Sequence, S.Unevaluated))


class Code:
    """A compiled right side: the Python function and what it assumes."""

    __slots__ = ("fn", "epoch", "deps", "stale", "root", "names", "body", "source", "static")

    def __init__(self, root, names, deps, body_template, static):
        self.root = root
        self.names = tuple(names)
        self.deps = tuple(deps.values())
        self.static = static
        self.stale = False
        self.epoch = symtab.epoch[0]
        self.body = compile_template(body_template, frozenset(names))
        self.source = None
        self.fn = None

    def revalidate(self) -> bool:
        """After a definition anywhere: do the compile-time assumptions still hold?"""
        for d in self.deps:
            if not d.holds():
                self.stale = True
                return False
        self.epoch = symtab.epoch[0]
        return True


class _Gen:
    def __init__(self, code: Code):
        self.code = code
        self.lines: list[str] = []
        self.glob = {
            "Expr": Expr,
            "Symbol": Symbol,
            "EP": symtab.epoch,
            "C": code,
            "TRUE": S.True_,
            "FALSE": S.False_,
            "SPECIAL": _SPECIAL_VALUES,
        }
        self.names: dict[int, str] = {}  # id(object) -> global name
        self.counter = 0
        self.names_set = frozenset(code.names)

    # ------------------------------------------------------------ helpers
    def const(self, value, prefix="K") -> str:
        key = (prefix, id(value))
        name = self.names.get(key)
        if name is None:
            name = f"{prefix}{len(self.names)}"
            self.names[key] = name
            self.glob[name] = value
        return name

    def builder(self, template) -> str:
        """A global `B(b)` that puts the bindings into `template`."""
        return self.const(compile_template(template, self.names_set), "B")

    def temp(self) -> str:
        self.counter += 1
        return f"t{self.counter}"

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    # ------------------------------------------------------------ nodes
    def gen(self, node: Node, target: str, mode: str, ind: int) -> None:
        kind = node.kind
        if kind == CONST:
            self.emit(ind, f"{target} = {self.const(node.value)}")
        elif kind == SYMBOL:
            k = self.const(node.value)
            self.emit(ind, f"{target} = {k} if {k}.ownvalue is None else ev.evaluate({k})")
        elif kind == LOCAL:
            loc = f"L{node.value}"
            if mode == FRESH:
                self.emit(ind, f"{target} = {loc}")
                self.emit(ind, f"if type({target}) is Expr:")
                self.emit(ind + 1, f"if {target}.evaluated != EP[0]: {target} = ev.evaluate({target})")
                self.emit(ind, f"elif type({target}) is Symbol and {target}.ownvalue is not None:")
                self.emit(ind + 1, f"{target} = ev.evaluate({target})")
            elif mode == TAIL:
                self.emit(ind, f"{target} = ev._evaluate_tail({loc})")
            else:
                self.emit(ind, f"{target} = ev._cont_after_step({loc})")
        elif kind == FALLBACK:
            self.fallback(node, target, mode, ind)
        elif kind == CALL:
            self.gen_call(node, target, mode, ind)
        elif kind == IF:
            self.guarded(node, target, mode, ind, self.gen_if)
        elif kind == SEQ:
            self.guarded(node, target, mode, ind, self.gen_seq)
        else:  # pragma: no cover - the compiler makes no other kinds
            raise AssertionError(kind)

    def fallback(self, node, target, mode, ind) -> None:
        value = f"{self.builder(node.template)}(b)"
        if mode == FRESH:
            self.emit(ind, f"{target} = ev.evaluate({value})")
        elif mode == TAIL:
            self.emit(ind, f"{target} = ev._evaluate_tail({value})")
        else:
            self.emit(ind, f"{target} = ev._cont_after_step({value})")

    def guarded(self, node, target, mode, ind, body) -> None:
        """Code valid only while the compile-time assumptions hold; a frame
        for FRESH/TAIL modes, as `evaluate` / `_evaluate_tail` open one."""
        self.emit(ind, "if EP[0] != C.epoch and not C.revalidate():")
        self.fallback(node, target, mode, ind + 1)
        self.emit(ind, "else:")
        ind += 1
        if mode == CONT:
            body(node, target, ind)
            return
        chain = None
        if mode == FRESH:
            chain = self.temp()
            self.emit(ind, "if ev.pending is not None: ev._raise_pending()")
            self.emit(ind, f"{chain} = ev.chain; ev.chain = 0")
        self.emit(ind, "ev.depth += 1")
        self.emit(ind, "try:")
        self.emit(ind + 1, f"if ev.depth > ev.recursion_limit: ev._recursion_exceeded({self.const(node.template)})")
        body(node, target, ind + 1)
        self.emit(ind, "finally:")
        self.emit(ind + 1, "ev.depth -= 1")
        if chain is not None:
            self.emit(ind + 1, f"ev.chain = {chain}")

    def finish(self, node, argnames) -> str:
        args = "(" + "".join(a + ", " for a in argnames) + ")"
        if not self.code.static:
            return f"ev._finish_dynamic({node.value.full_name!r}, {args})"
        h = self.const(node.value)
        if node.entry is not None:
            return f"ev._finish_static({self.const(node.entry, 'F')}, {h}, {args}, {node.attrs})"
        if node.attrs == 0:
            return f"ev._call_user({h}, {args})"
        return f"ev._finish({h}, {args}, {node.attrs})"

    def int_op(self, node, a, b) -> str:
        op = node.op
        if op in COMPARISONS:
            return f"TRUE if {a} {op} {b} else FALSE"
        return f"{a} {op} {b}"

    def gen_call(self, node, target, mode, ind) -> None:
        simple = node.op is not None and all(
            a.kind == LOCAL or (a.kind == CONST and type(a.value) is int) for a in node.args
        )
        if simple:
            # Both operands already machine integers: no frame, no call.
            raw = []
            checks = []
            for a in node.args:
                if a.kind == LOCAL:
                    raw.append(f"L{a.value}")
                    checks.append(f"type(L{a.value}) is int")
                else:
                    raw.append(self.const(a.value))
            if mode != CONT:
                checks.append("ev.depth < ev.recursion_limit")
            checks.append("EP[0] == C.epoch")
            self.emit(ind, "if " + " and ".join(checks) + ":")
            self.emit(ind + 1, f"{target} = {self.int_op(node, raw[0], raw[1])}")
            self.emit(ind, "else:")
            ind += 1
        self.guarded(node, target, mode, ind, self.call_body)

    def call_body(self, node, target, ind) -> None:
        argnames = []
        for a in node.args:
            t = self.temp()
            self.gen(a, t, FRESH, ind)
            argnames.append(t)
        if node.op is not None and self.code.static:
            x, y = argnames
            self.emit(ind, f"if type({x}) is int and type({y}) is int:")
            self.emit(ind + 1, f"{target} = {self.int_op(node, x, y)}")
            self.emit(ind, "else:")
            self.emit(ind + 1, f"{target} = {self.finish(node, argnames)}")
        else:
            self.emit(ind, f"{target} = {self.finish(node, argnames)}")

    def up_guard(self, nodes) -> str | None:
        """Runtime check that no held pattern variable's value carries UpValues."""
        locs = [f"ev._has_upvalues(L{n.value})" for n in nodes if n.kind == LOCAL]
        return " or ".join(locs) if locs else None

    def generic_held(self, node, target, first, ind) -> None:
        """Leave the construct to the builtin (undecided If, UpValues)."""
        parts = [first] if first is not None else []
        for a in node.args[1 if first is not None else 0 :]:
            parts.append(f"{self.builder(a.template)}(b)")
        self.emit(ind, f"{target} = ev._finish({self.const(node.value)}, ({', '.join(parts)},), {node.attrs})")

    def branch(self, node, target, ind) -> None:
        """What a builtin returned, evaluated in the current level."""
        if node.kind in (CONST, SYMBOL):
            self.gen(node, target, FRESH, ind)
        elif node.kind in (LOCAL, FALLBACK):
            value = f"L{node.value}" if node.kind == LOCAL else f"{self.builder(node.template)}(b)"
            self.emit(ind, f"{target} = ev._continue({value})")
        else:
            self.emit(ind, "ev.chain += 1")
            self.emit(ind, "if ev.chain > ev.iteration_limit:")
            self.emit(ind + 1, f"{target} = ev._iteration_exceeded({self.builder(node.template)}(b))")
            self.emit(ind, "else:")
            self.gen(node, target, CONT, ind + 1)

    def gen_if(self, node, target, ind) -> None:
        cond = self.temp()
        self.gen(node.args[0], cond, FRESH, ind)
        held = node.args[1:]
        guard = self.up_guard(held)
        ok = ""
        if guard is not None:
            g = self.temp()
            self.emit(ind, f"{g} = {guard}")
            ok = f" and not {g}"
        self.emit(ind, f"if {cond} is TRUE{ok}:")
        self.branch(held[0], target, ind + 1)
        self.emit(ind, f"elif {cond} is FALSE{ok}:")
        otherwise = held[1] if len(held) > 1 else Node(SYMBOL, S.Null, template=S.Null)
        self.branch(otherwise, target, ind + 1)
        if len(held) == 3:
            self.emit(ind, f"elif {cond} is not TRUE and {cond} is not FALSE{ok}:")
            self.branch(held[2], target, ind + 1)
        self.emit(ind, "else:")
        self.generic_held(node, target, cond, ind + 1)

    def gen_seq(self, node, target, ind) -> None:
        guard = self.up_guard(node.args)
        if guard is not None:
            self.emit(ind, f"if {guard}:")
            self.generic_held(node, target, None, ind + 1)
            self.emit(ind, "else:")
            ind += 1
        if not node.args:
            self.emit(ind, f"{target} = {self.const(S.Null)}")
        for i, part in enumerate(node.args):
            last = i == len(node.args) - 1
            self.gen(part, target if last else "_", FRESH, ind)


def lower(code: Code) -> None:
    """Generate, exec and attach the Python function for `code`."""
    g = _Gen(code)
    g.emit(0, "def run(ev, b):")
    nlocals = len(code.names)
    for i, name in enumerate(code.names):
        k = g.const(name, "N")
        g.emit(1, f"L{i} = b.get({k}, {k})")
    if nlocals:
        # A variable bound to Sequence[...] (or Unevaluated[...]) is spliced
        # by substitution: leave such a call to the tree-walker.
        test = " or ".join(f"(type(L{i}) is Expr and L{i}.head in SPECIAL)" for i in range(nlocals))
        g.emit(1, f"if {test}:")
        g.emit(2, "return ev._evaluate_tail(C.body(b))")
    g.gen(code.root, "result", TAIL, 1)
    g.emit(1, "return result")
    source = "\n".join(g.lines) + "\n"
    namespace = dict(g.glob)
    exec(compile(source, "<lyra-vm>", "exec"), namespace)
    code.source = source
    code.fn = namespace["run"]
