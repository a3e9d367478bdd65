"""Compile a Lyra expression into an IR tree.

The IR says how each subexpression is evaluated; codegen.py lowers it to
Python and dis.py lists it as instructions (opcodes.py). Whatever the
compiler does not handle natively becomes a FALLBACK node: the slot values
are put into that subexpression and the tree-walker evaluates it, so a
program never behaves differently because of the VM.

Two kinds of local slots:
  * names     -- substituted variables (a rule's pattern variables, a
                 Function's parameters): a FALLBACK template gets their values;
  * registers -- loop variables (Do[..., {i, n}]), which WL scopes
                 dynamically, as Block does: compiled code reads them from a
                 Python local, and a template that mentions one cannot be
                 compiled (Dynamic is raised; the loop then keeps the variable
                 in its symbol).

The compiled code assumes some symbol state (the heads it calls are not held,
have no OwnValue; statically linked builtins have no user rules; tags of held
arguments have no UpValues; assignment targets keep their attributes). Each
assumption is recorded in `deps` and checked again whenever the definition
epoch has moved (Code.revalidate).
"""

from __future__ import annotations

from ...expr import system_symbols as S
from ...expr.assoc import Association
from ...expr.normal import Expr
from ...expr.symbol import HOLD_ALL, HOLD_FIRST, HOLD_MASK, HOLD_REST, LOCKED, PROTECTED, SYSTEM, Symbol, system

# IR node kinds
CONST, SYMBOL, LOCAL, CALL, IF, SEQ, FALLBACK, JUNCTION, ASSIGN, SCOPE, WHICH, BLOCK, SWITCH = range(13)

# Builtins with an inline machine-integer fast path: head -> (arity, Python
# expression over a and b, extra condition or None). Each gives exactly what
# the builtin gives for two (or one) machine integers.
INT_OPS = {
    S.Plus: (2, "{a} + {b}", None),
    S.Times: (2, "{a} * {b}", None),
    S.Power: (2, "{a} ** {b}", "0 <= {b} <= 64 and -4294967296 < {a} < 4294967296"),
    system("Less"): (2, "TRUE if {a} < {b} else FALSE", None),
    system("Greater"): (2, "TRUE if {a} > {b} else FALSE", None),
    system("LessEqual"): (2, "TRUE if {a} <= {b} else FALSE", None),
    system("GreaterEqual"): (2, "TRUE if {a} >= {b} else FALSE", None),
    system("Equal"): (2, "TRUE if {a} == {b} else FALSE", None),
    system("Unequal"): (2, "TRUE if {a} != {b} else FALSE", None),
    system("Mod"): (2, "{a} % {b}", "{b} != 0"),
    system("Quotient"): (2, "{a} // {b}", "{b} != 0"),
    system("Max"): (2, "{a} if {a} >= {b} else {b}", None),
    system("Min"): (2, "{a} if {a} <= {b} else {b}", None),
    system("EvenQ"): (1, "FALSE if {a} & 1 else TRUE", None),
    system("OddQ"): (1, "TRUE if {a} & 1 else FALSE", None),
    system("Abs"): (1, "-{a} if {a} < 0 else {a}", None),
}

# Assignments compiled natively when their target is a plain user symbol:
# head -> (the arithmetic head, fixed step or None, gives the new value?)
ASSIGN_OPS = {
    S.Set: (None, None, True),
    system("AddTo"): (S.Plus, None, True),
    system("SubtractFrom"): (S.Plus, None, True),
    system("TimesBy"): (S.Times, None, True),
    system("Increment"): (S.Plus, 1, False),
    system("Decrement"): (S.Plus, -1, False),
    system("PreIncrement"): (S.Plus, 1, True),
    system("PreDecrement"): (S.Plus, -1, True),
}

_If = system("If")
_CompoundExpression = S.CompoundExpression
_And = system("And")
_Module = system("Module")
_Which = system("Which")
_Block = system("Block")
_Switch = system("Switch")
_SetDelayed = system("SetDelayed")
_Blank = system("Blank")
# Pattern constructs a Switch pattern may be built of and still evaluate to
# itself (with their symbols' rules and values assumed absent).
_INERT_HEADS = frozenset(system(n) for n in (
    "Blank", "BlankSequence", "BlankNullSequence", "Pattern", "Alternatives", "Condition",
    "PatternTest", "Except", "HoldPattern", "List"))
_With = system("With")
_Or = system("Or")
_Sequence = system("Sequence")
_Unevaluated = system("Unevaluated")
_Evaluate = system("Evaluate")


class Dynamic(Exception):
    """A register (loop variable) occurs where only its symbol can stand."""


class Node:
    __slots__ = ("kind", "value", "args", "template", "entry", "op", "attrs", "link")

    def __init__(self, kind, value=None, args=(), template=None):
        self.kind = kind
        self.value = value  # constant, symbol, slot number, or call head
        self.args = args  # child nodes
        self.template = template  # the source subexpression (FALLBACK, held parts, messages)
        self.entry = None  # linked Builtin of a CALL_STATIC
        self.op = None  # INT_OPS / ASSIGN_OPS entry when a fast path applies
        self.attrs = 0  # the head's attributes at compile time
        self.link = False  # CALL_LINKED: a user function called directly for integers (linking.py)


class _Dep:
    """What compiled code assumes about one symbol."""

    __slots__ = ("sym", "attributes", "no_rules", "no_upvalues", "builtin", "valueless")

    def __init__(self, sym):
        self.sym = sym
        self.attributes = sym.attributes
        self.no_rules = False
        self.no_upvalues = False
        self.valueless = False  # a head: must not acquire an OwnValue
        self.builtin = sym.builtin

    def holds(self) -> bool:
        sym = self.sym
        if sym.attributes != self.attributes:
            return False
        if self.valueless and sym.ownvalue is not None:
            return False
        if self.no_upvalues and sym.upvalues:
            return False
        if self.no_rules and (sym.downvalues or sym.subvalues or sym.upvalues or sym.builtin is not self.builtin):
            return False
        return True


class Compiler:
    """One expression's compilation: slots for `names` then `registers`, the deps it collects."""

    def __init__(self, names, static: bool, registers=()):
        self.slots = {name: i for i, name in enumerate(names)}
        self.registers = {reg: len(self.slots) + i for i, reg in enumerate(registers)}
        self.nslots = len(self.slots) + len(self.registers)  # Module/With locals come after
        self.symbol_slots: set = set()  # slots holding a Module's local symbol
        self.static = static
        self.deps: dict = {}
        self.generic = False  # does the code call anything that may read a symbol's value?

    def dep(self, sym) -> _Dep:
        d = self.deps.get(sym)
        if d is None:
            d = self.deps[sym] = _Dep(sym)
        return d

    def mentions(self, t, table) -> bool:
        ty = type(t)
        if ty is Symbol:
            return t in table
        if ty is Expr:
            if self.mentions(t.head, table):
                return True
            return any(self.mentions(a, table) for a in t.args)
        if ty is Association:
            return any(self.mentions(k, table) or self.mentions(v, table) for k, v, _ in t.items.values())
        return False

    def template(self, t):
        """t as a FALLBACK/held template: a register in it cannot be substituted."""
        if self.registers and self.mentions(t, self.registers):
            raise Dynamic
        self.generic = True
        return t

    def fallback(self, t) -> Node:
        return Node(FALLBACK, template=self.template(t))

    # ------------------------------------------------------------ nodes
    def compile(self, t) -> Node:
        ty = type(t)
        if ty is Symbol:
            slot = self.slots.get(t)
            if slot is None:
                slot = self.registers.get(t)
            if slot is not None:
                return Node(LOCAL, slot, template=t)
            return Node(SYMBOL, t, template=t)
        if ty is not Expr:
            if ty is Association and self.mentions(t, self.slots):
                return self.fallback(t)
            return Node(CONST, t, template=t)
        head = t.head
        if type(head) is not Symbol or head in self.slots or head in self.registers:
            return self.fallback(t)
        if head.ownvalue is not None:
            return self.fallback(t)
        for a in t.args:
            # Unevaluated[...] and Evaluate[...] arguments: leave them to the tree-walker
            if type(a) is Expr and (a.head is _Unevaluated or a.head is _Evaluate):
                return self.fallback(t)
        if head is _If and 2 <= len(t.args) <= 4 and self._plain(head):
            return self._compile_if(t)
        if head is _Which and t.args and len(t.args) % 2 == 0 and self._plain(head):
            if all(self._held_ok(a) for a in t.args):
                self.dep(S.True_).no_upvalues = True
                self.dep(S.False_).no_upvalues = True
                self.template(t)  # an undecided test hands the rest to the builtin
                node = Node(WHICH, head, tuple(self.compile(a) for a in t.args), t)
                node.attrs = head.attributes
                return node
            return self.fallback(t)
        if head is _CompoundExpression and self._plain(head):
            return self._compile_held_all(t, SEQ)
        if (head is _And or head is _Or) and t.args and self._plain(head):
            return self._compile_held_all(t, JUNCTION)
        if (head is _Module or head is _With) and len(t.args) == 2 and self._plain(head):
            node = self._compile_scope(t)
            if node is not None:
                return node
        if head is _Block and len(t.args) == 2 and self._plain(head):
            node = self._compile_block(t)
            if node is not None:
                return node
            return self.fallback(t)
        if head is _Switch and len(t.args) >= 3 and len(t.args) % 2 == 1 and self._plain(head):
            node = self._compile_switch(t)
            if node is not None:
                return node
            return self.fallback(t)
        if head in ASSIGN_OPS and self._plain(head):
            node = self._compile_assign(t)
            if node is not None:
                return node
        if head.attributes & HOLD_MASK:
            return self.fallback(t)
        return self._compile_call(t, head)

    def _compile_call(self, t, head) -> Node:
        node = Node(CALL, head, tuple(self.compile(a) for a in t.args), t)
        node.attrs = head.attributes
        d = self.dep(head)
        d.valueless = True
        if self.static and head.builtin is not None and not (head.downvalues or head.subvalues or head.upvalues):
            d.no_rules = True
            node.entry = head.builtin
            op = INT_OPS.get(head)
            if op is not None and op[0] == len(t.args):
                node.op = op
                return node
        elif self.static and head.builtin is None and not head.attributes and t.args:
            # A user function without attributes (so with its attributes
            # assumed unchanged): linked for integer arguments. Not a
            # Module's local: a link must not keep one alive.
            node.link = True
        self.generic = True
        return node

    def _plain(self, head) -> bool:
        """A control builtin that still behaves as registered."""
        if head.downvalues or head.subvalues or head.upvalues or head.builtin is None:
            return False
        d = self.dep(head)
        d.no_rules = True
        d.valueless = True
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
                if h in self.slots or h in self.registers:
                    return False
                self.dep(h).no_upvalues = True
        elif type(t) is Symbol and t not in self.slots and t not in self.registers:
            self.dep(t).no_upvalues = True
        return True

    def _compile_if(self, t) -> Node:
        held = t.args[1:]
        if not all(self._held_ok(a) for a in held):
            return self.fallback(t)
        self.dep(S.True_).no_upvalues = True
        self.dep(S.False_).no_upvalues = True
        args = (self.compile(t.args[0]),) + tuple(self.compile(a) for a in held)
        node = Node(IF, _If, args, t)
        node.attrs = _If.attributes
        return node

    def _compile_held_all(self, t, kind) -> Node:
        """CompoundExpression, And, Or: every part held, evaluated in order."""
        if not all(self._held_ok(a) for a in t.args):
            return self.fallback(t)
        if kind == JUNCTION:
            for a in t.args:  # And is Flat: nested And[...] parts are spliced first
                if type(a) is Expr and a.head is t.head:
                    return self.fallback(t)
            self.dep(S.True_).no_upvalues = True
            self.dep(S.False_).no_upvalues = True
            self.template(t)  # an undecided part hands the rest to the builtin
        node = Node(kind, t.head, tuple(self.compile(a) for a in t.args), t)
        node.attrs = t.head.attributes
        return node

    def _compile_assign(self, t):
        """x = v, x += v, x++, ... on a plain user symbol x, or on a Module's
        local (a slot holding the symbol made at run time, whose attributes
        are checked there); else None."""
        head = t.head
        arith, step, _ = ASSIGN_OPS[head]
        want = 1 if step is not None else 2
        if len(t.args) != want or type(t.args[0]) is not Symbol:
            return None
        target = t.args[0]
        slot = self.slots.get(target)
        if slot is not None:
            if slot not in self.symbol_slots:
                return None
            target = slot
        elif target in self.registers:
            raise Dynamic
        elif target.context == SYSTEM or target.attributes & (PROTECTED | LOCKED):
            return None
        if arith is not None and not self._plain_arith(arith):
            return None
        if slot is None:
            self.dep(target)  # its attributes must stay as they are
        value = self.compile(t.args[1]) if want == 2 else None
        node = Node(ASSIGN, target, (value,) if value is not None else (), t)
        node.op = ASSIGN_OPS[head]
        node.attrs = head.attributes
        node.entry = head
        return node

    def _plain_arith(self, head) -> bool:
        if head.downvalues or head.upvalues or head.subvalues:
            return False
        self.dep(head).no_rules = True
        return True

    def _compile_scope(self, t):
        """Module[{x, y = v}, body] and With[{x = v}, body] with plain local
        specifications: the locals become slots of their own (a Module's
        hold its fresh symbols x$nnn, a With's the values), visible only in
        the body. None when the specification is not plain (the builtin then
        reports it)."""
        spec, body = t.args
        if type(spec) is not Expr or spec.head is not S.List:
            return None
        module = t.head is _Module
        locals_ = []
        inits = []
        for item in spec.args:
            if type(item) is Symbol:
                if not module:
                    return None
                sym, init = item, None
            elif type(item) is Expr and item.head is S.Set and len(item.args) == 2 and type(item.args[0]) is Symbol:
                sym, init = item.args
            else:
                return None
            if sym in self.slots or sym in self.registers or sym in locals_ or sym.context == SYSTEM:
                return None
            locals_.append(sym)
            inits.append(init)
        init_nodes = tuple(self.compile(i) for i in inits if i is not None)
        if not module:
            self.template(body)  # With hands its body on as a continuation
        saved = dict(self.slots)
        indices = []
        for sym in locals_:
            index = self.nslots
            self.nslots += 1
            self.slots[sym] = index
            indices.append(index)
            if module:
                self.symbol_slots.add(index)
        try:
            body_node = self.compile(body)
        finally:
            self.slots = saved
        node = Node(SCOPE, t.head, init_nodes + (body_node,), t)
        node.value = tuple(zip(locals_, indices, [i is not None for i in inits]))
        node.attrs = t.head.attributes
        return node

    def _compile_block(self, t):
        """Block[{x, y = v, z := w}, body] over plain user symbols: the values
        evaluated first, then BLOCK_ENTER saves and sets the symbols, the body
        runs, BLOCK_EXIT restores them however it ends. None (the builtin)
        for anything else: a malformed spec (its message), a System` symbol
        ($RecursionLimit: the limits the compiled code checks would move), a
        symbol that is a slot (the tree-walker substitutes its value)."""
        spec, body = t.args
        if type(spec) is not Expr or spec.head is not S.List:
            return None
        if not (self._held_ok(spec) and self._held_ok(body)):
            return None
        if type(body) is Symbol and body in self.registers:
            raise Dynamic  # its value may carry UpValues: the builtin would need the symbol
        syms, values = [], []
        for item in spec.args:
            if type(item) is Symbol:
                sym, value = item, None
            elif (type(item) is Expr and (item.head is S.Set or item.head is _SetDelayed)
                  and len(item.args) == 2 and type(item.args[0]) is Symbol):
                sym, value = item.args[0], item
            else:
                return None
            if sym in self.registers:
                raise Dynamic  # the loop variable must live in its symbol
            if sym in self.slots or sym.context == SYSTEM:
                return None
            syms.append(sym)
            values.append(value)
        inits = []
        for value in values:
            if value is None:
                continue
            if value.head is S.Set:
                inits.append(self.compile(value.args[1]))
            else:  # x := w: w itself, the slots' values put in
                inits.append(Node(CONST, None, template=self.template(value.args[1])))
        node = Node(BLOCK, _Block, tuple(inits) + (self.compile(body),), t)
        node.value = tuple((sym, None if value is None else "set" if value.head is S.Set else "delayed")
                           for sym, value in zip(syms, values))
        node.attrs = _Block.attributes
        return node

    def _compile_switch(self, t):
        """Switch[e, p1, v1, ...]: e evaluated, then each pattern (evaluated,
        unless it is an inert pattern that would evaluate to itself) tested
        in turn; the first match's value continues the level."""
        held = t.args[1:]
        if not all(self._held_ok(a) for a in held):
            return None
        for a in held:  # a subject with UpValues or a Sequence hands it all to the builtin
            self.template(a)
        parts = [self.compile(t.args[0])]
        for i in range(0, len(held), 2):
            pattern = held[i]
            if self._inert(pattern):
                parts.append(Node(CONST, pattern, template=pattern))
            else:
                parts.append(self.compile(pattern))
            parts.append(self.compile(held[i + 1]))
        node = Node(SWITCH, _Switch, tuple(parts), t)
        node.attrs = _Switch.attributes
        return node

    def _inert(self, p) -> bool:
        """Does evaluating p give p itself? Atoms, and pattern constructs of
        inert parts whose symbols have no value and no rules (assumed);
        held parts only need no UpValues."""
        ty = type(p)
        if ty is Symbol:
            if p in self.slots or p in self.registers or p.ownvalue is not None:
                return False
            if p.downvalues or p.upvalues or p.subvalues or p.builtin is not None:
                return False
            d = self.dep(p)
            d.valueless = True
            d.no_rules = True
            return True
        if ty is not Expr:
            return ty is not Association
        head = p.head
        if head not in _INERT_HEADS or not self._inert(head):
            return False
        attrs = head.attributes
        for i, a in enumerate(p.args):
            held = attrs & HOLD_ALL or (i == 0 and attrs & HOLD_FIRST) or (i > 0 and attrs & HOLD_REST)
            if held:
                if self.mentions(a, self.slots) or self.mentions(a, self.registers) or not self._held_ok(a):
                    return False
            elif not self._inert(a):
                return False
        return True
