"""Compile a Lyra expression (a rule's right side) into an IR tree.

The IR says how each subexpression is evaluated; codegen.py lowers it to
Python and dis.py lists it as instructions (opcodes.py). Whatever the
compiler does not handle natively becomes a FALLBACK node: the slot values
are put into that subexpression and the tree-walker evaluates it, so a
program never behaves differently because of the VM.

The compiled code assumes some symbol state (the heads it calls are not held,
have no OwnValue; statically linked builtins have no user rules; tags of held
arguments have no UpValues). Each assumption is recorded in `deps` and
checked again whenever the definition epoch has moved (Code.revalidate).
"""

from __future__ import annotations

from ...expr import system_symbols as S
from ...expr.assoc import Association
from ...expr.normal import Expr
from ...expr.symbol import HOLD_MASK, Symbol

# IR node kinds
CONST, SYMBOL, LOCAL, CALL, IF, SEQ, FALLBACK = range(7)

# Builtins with an inline machine-integer fast path, and the Python operator.
INT_OPS = {
    S.Plus: "+",
    S.Times: "*",
    S.Less: "<",
    S.Greater: ">",
    S.LessEqual: "<=",
    S.GreaterEqual: ">=",
    S.Equal: "==",
    S.Unequal: "!=",
}
COMPARISONS = {"<", ">", "<=", ">=", "==", "!="}

_If = S.If
_CompoundExpression = S.CompoundExpression
_Sequence = S.Sequence
_Unevaluated = S.Unevaluated
_Evaluate = S.Evaluate


class Node:
    __slots__ = ("kind", "value", "args", "template", "entry", "op", "attrs")

    def __init__(self, kind, value=None, args=(), template=None):
        self.kind = kind
        self.value = value  # constant, symbol, slot number, or call head
        self.args = args  # child nodes
        self.template = template  # the source subexpression (for FALLBACK / Hold)
        self.entry = None  # linked Builtin of a CALL_STATIC
        self.op = None  # INT_OPS operator when the fast path applies
        self.attrs = 0  # the head's attributes at compile time


class _Dep:
    """What compiled code assumes about one symbol."""

    __slots__ = ("sym", "attributes", "no_rules", "no_upvalues", "builtin")

    def __init__(self, sym):
        self.sym = sym
        self.attributes = sym.attributes
        self.no_rules = False
        self.no_upvalues = False
        self.builtin = sym.builtin

    def holds(self) -> bool:
        sym = self.sym
        if sym.attributes != self.attributes or sym.ownvalue is not None:
            return False
        if self.no_upvalues and sym.upvalues:
            return False
        if self.no_rules and (sym.downvalues or sym.subvalues or sym.upvalues or sym.builtin is not self.builtin):
            return False
        return True


class Compiler:
    """One right side's compilation: slots for `names`, the deps it collects."""

    def __init__(self, names, static: bool):
        self.slots = {name: i for i, name in enumerate(names)}
        self.static = static
        self.deps: dict = {}

    def dep(self, sym) -> _Dep:
        d = self.deps.get(sym)
        if d is None:
            d = self.deps[sym] = _Dep(sym)
        return d

    def mentions_locals(self, t) -> bool:
        ty = type(t)
        if ty is Symbol:
            return t in self.slots
        if ty is Expr:
            if self.mentions_locals(t.head):
                return True
            return any(self.mentions_locals(a) for a in t.args)
        if ty is Association:
            return any(
                self.mentions_locals(k) or self.mentions_locals(v)
                for k, v, _ in t.items.values()
            )
        return False

    # ------------------------------------------------------------ nodes
    def compile(self, t) -> Node:
        ty = type(t)
        if ty is Symbol:
            slot = self.slots.get(t)
            if slot is not None:
                return Node(LOCAL, slot, template=t)
            return Node(SYMBOL, t, template=t)
        if ty is not Expr:
            if ty is Association and self.mentions_locals(t):
                return Node(FALLBACK, template=t)
            return Node(CONST, t, template=t)
        head = t.head
        if type(head) is not Symbol or head in self.slots:
            return Node(FALLBACK, template=t)
        attrs = head.attributes
        if head.ownvalue is not None:
            return Node(FALLBACK, template=t)
        if head is _If and 2 <= len(t.args) <= 4 and self._plain(head):
            return self._compile_if(t)
        if head is _CompoundExpression and self._plain(head):
            return self._compile_seq(t)
        if attrs & HOLD_MASK:
            return Node(FALLBACK, template=t)
        for a in t.args:
            # Unevaluated[...] and Evaluate[...] arguments: leave them to the tree-walker
            if type(a) is Expr and (a.head is _Unevaluated or a.head is _Evaluate):
                return Node(FALLBACK, template=t)
        node = Node(CALL, head, tuple(self.compile(a) for a in t.args), t)
        node.attrs = attrs
        d = self.dep(head)
        if self.static and head.builtin is not None and not (
            head.downvalues or head.subvalues or head.upvalues
        ):
            d.no_rules = True
            node.entry = head.builtin
            op = INT_OPS.get(head)
            if op is not None and len(t.args) == 2:
                node.op = op
        return node

    def _plain(self, head) -> bool:
        """A control builtin that still behaves as registered."""
        if head.downvalues or head.subvalues or head.upvalues or head.builtin is None:
            return False
        self.dep(head).no_rules = True
        return True

    def _held_ok(self, t) -> bool:
        """A held argument the evaluator passes through untouched: no Sequence,
        Unevaluated or Evaluate at its top; its tag's UpValues assumed empty."""
        if type(t) is Expr:
            h = t.head
            if h is _Sequence or h is _Unevaluated or h is _Evaluate:
                return False
            while type(h) is Expr:
                h = h.head
            if type(h) is Symbol:
                if h in self.slots:
                    return False
                self.dep(h).no_upvalues = True
        elif type(t) is Symbol and t not in self.slots:
            self.dep(t).no_upvalues = True
        return True

    def _compile_if(self, t) -> Node:
        held = t.args[1:]
        if not all(self._held_ok(a) for a in held):
            return Node(FALLBACK, template=t)
        self.dep(S.True_).no_upvalues = True
        self.dep(S.False_).no_upvalues = True
        args = (self.compile(t.args[0]),) + tuple(self.compile(a) for a in held)
        node = Node(IF, _If, args, t)
        node.attrs = _If.attributes
        return node

    def _compile_seq(self, t) -> Node:
        if not all(self._held_ok(a) for a in t.args):
            return Node(FALLBACK, template=t)
        node = Node(SEQ, _CompoundExpression, tuple(self.compile(a) for a in t.args), t)
        node.attrs = _CompoundExpression.attributes
        return node
