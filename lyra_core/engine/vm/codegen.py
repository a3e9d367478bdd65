"""Lower a compiled IR tree (compiler.py) to one Python function.

A Python dispatch loop over instructions costs tens of nanoseconds each, so
each compiled unit becomes straight-line Python source, `exec`uted once.
Slots live in Python locals L0, L1, ...; constants, symbols, linked
builtins and substitution templates are globals of the generated function.

Depth accounting without a frame per node: the function notes the depth D
it starts at, and a node at nesting level k runs "at depth D + k", exactly
where the tree-walker would evaluate it. Native operations (machine-integer
arithmetic, branches, assignments) need no depth at all; before anything
generic (a builtin call, a user definition, a FALLBACK) the code sets
ev.depth to what the tree-walker would have, and one try/finally puts D back
however the function ends. Near $RecursionLimit the whole unit is left to
the tree-walker, so the limit's message comes at exactly the same point.

Evaluation modes of a node: FRESH is `ev.evaluate` (a new rewrite chain),
TAIL is a rule's right side (`ev._evaluate_tail`, same chain, level 1), CONT
continues the current level after one rewrite step (the branch If chose).

Units (Code.kind):
  rule      def run(ev, L0, ..., Ln)    the match's bindings, in slots
  function  def run(ev, L0, ..., Ln)    a Function's arguments
  loop      def run(ev, values, var, dynamic, out)
            the body of Do/Table/Sum, the loop variable in a register
            (var None: Do[body, {n}] runs the body n times);
            out collects each value (Table, Sum) unless None; gives
            True when Do's Break[] ended it (outer loops stop too)
  while     def run(ev)                 While[test, body]
"""

from __future__ import annotations

from ...expr import symbol as symtab
from ...expr import system_symbols as S
from ...expr.normal import Expr
from ...expr.symbol import LOCKED, PROTECTED, Symbol
from ...patterns.substitute import compile_template, substitute
from ..signals import BreakSignal, ContinueSignal, RecursionLimitExceeded, ReturnSignal
from .compiler import ASSIGN, BLOCK, CALL, CONST, FALLBACK, IF, JUNCTION, LOCAL, SCOPE, SEQ, SWITCH, SYMBOL, WHICH, Node
from .reals import REAL_OPS, REAL_UPDATES

FRESH, TAIL, CONT = "fresh", "tail", "cont"

_SPECIAL_VALUES = frozenset((S.Sequence, S.Unevaluated))
_ATOMS = (int, float, str)


class Assumptions:
    """What a unit's code assumes about symbols, checked again whenever the
    definition epoch has moved. The generated function reaches its unit only
    through this (its global C), so a unit and its function form no cycle
    and are freed, with the symbols they name, as soon as nothing uses them."""

    __slots__ = ("deps", "epoch", "stale", "links")

    def __init__(self, deps):
        self.deps = tuple(deps.values())
        self.epoch = symtab.epoch[0]
        self.stale = False
        self.links = []  # linking.Link objects, refreshed with the checks

    def add_link(self, link) -> None:
        self.links.append(link)
        self.epoch = -1  # the first run fills the link in (not while compiling: recursion)

    def revalidate(self) -> bool:
        """After a definition anywhere: do the compile-time assumptions still hold?"""
        for d in self.deps:
            if not d.holds():
                self.stale = True
                return False
        # Valid from here: a link to this very unit (recursion) must not check it again.
        self.epoch = symtab.epoch[0]
        for link in self.links:
            link.refresh()
        return True


class Code:
    """A compiled unit: the Python function and what it assumes."""

    __slots__ = (
        "fn", "assumptions", "root", "names", "registers", "body",
        "source", "static", "kind", "maxd", "generic", "template", "int_fn",
    )

    def __init__(self, kind, root, names, registers, deps, body_template, static, generic):
        self.kind = kind
        self.root = root
        self.names = tuple(names)
        self.registers = tuple(registers)
        self.assumptions = Assumptions(deps)
        self.static = static
        self.generic = generic  # may the code read symbol values it does not hold?
        self.template = body_template
        self.body = compile_template(body_template, frozenset(names))
        self.source = None
        self.fn = None
        self.int_fn = None  # the variant for machine-integer slots (lower_int_variant)
        self.maxd = 0

    @property
    def stale(self) -> bool:
        return self.assumptions.stale


class _Gen:
    def __init__(self, code: Code, int_slots=frozenset()):
        self.code = code
        self.int_slots = int_slots  # slots known to hold machine integers
        self.lines: list[str] = []
        self.glob = {
            "Expr": Expr,
            "Symbol": Symbol,
            "EP": symtab.epoch,
            "DEP": symtab.data_epoch,
            "C": code.assumptions,
            "BODY": code.body,
            "TRUE": S.True_,
            "FALSE": S.False_,
            "SPECIAL": _SPECIAL_VALUES,
            "ATOMS": _ATOMS,
            "touch": symtab.touch,
            "SUBSTITUTE": substitute,
            "WRITE_GUARD": PROTECTED | LOCKED,
            "BreakSignal": BreakSignal,
            "ContinueSignal": ContinueSignal,
            "ReturnSignal": ReturnSignal,
            "RecursionLimitExceeded": RecursionLimitExceeded,
        }
        if _uses_module(code.root):
            # Module's own bookkeeping, shared with the builtin so that both
            # engines number x$nnn alike and release the same locals.
            from ...library import scoping

            self.glob.update(TEMPORARY=scoping._temporary, release=scoping._release_temporaries)
        if _uses(code.root, BLOCK):
            from ...library import scoping

            # The builtin's own save/set and restore: identical states and messages.
            self.glob.update(BLOCK_ENTER=scoping.block_enter, BLOCK_EXIT=scoping.block_exit)
        if _uses(code.root, SWITCH):
            from ...patterns.matcher import match

            from ...patterns.structure import has_head

            self.glob.update(MATCH=match, HAS_HEAD=has_head)
        self.names: dict = {}
        self.links: dict = {}  # (head, arity) -> the global name of its Link
        self.counter = 0
        # The named slots in scope: (name, slot); Module/With add theirs.
        self.scope = [(name, i) for i, name in enumerate(code.names)]
        self.names_set = frozenset(code.names)
        self.maxd = 1
        # True while no generic operation (one that may run user code and
        # change definitions) can have run since the last assumption check.
        self.checked = False

    # ------------------------------------------------------------ helpers
    def const(self, value, prefix="K") -> str:
        key = (prefix, id(value))
        name = self.names.get(key)
        if name is None:
            name = f"{prefix}{len(self.names)}"
            self.names[key] = name
            self.glob[name] = value
        return name

    def bindings(self) -> str:
        """Python for the dict of the named slots' values (made only when needed)."""
        pairs = ", ".join(f"{self.const(name, 'N')}: L{i}" for name, i in self.scope)
        return f"{{{pairs}}}"

    def built(self, template) -> str:
        """Python for `template` with the named slots' values put in."""
        if not self.names_set:
            return self.const(template)
        return f"{self.const(compile_template(template, self.names_set), 'B')}({self.bindings()})"

    def temp(self) -> str:
        self.counter += 1
        return f"t{self.counter}"

    def emit(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def depth(self, ind: int, k: int) -> None:
        """Every generic operation starts with this: it may change definitions."""
        self.checked = False
        self.emit(ind, f"ev.depth = D + {k}" if k else "ev.depth = D")

    def call_depth(self, mode, k) -> int:
        """The depth ev.evaluate is called from for a node at level k."""
        return k if mode == CONT else k - 1

    # ------------------------------------------------------------ nodes
    def gen(self, node: Node, target: str, mode: str, k: int, ind: int) -> None:
        if k + 1 > self.maxd:
            self.maxd = k + 1
        kind = node.kind
        if kind == CONST:
            self.emit(ind, f"{target} = {self.const(node.value)}")
        elif kind == SYMBOL:
            s = self.const(node.value)
            self.emit(ind, f"{target} = {s}.ownvalue")
            self.emit(ind, f"if {target} is None: {target} = {s}")
            self.emit(ind, f"elif type({target}) not in ATOMS:")
            self.depth(ind + 1, self.call_depth(mode, k))
            self.emit(ind + 1, f"{target} = ev.evaluate({s})")
        elif kind == LOCAL:
            self.gen_local(node, target, mode, k, ind)
        elif kind == FALLBACK:
            self.fallback(node, target, mode, k, ind)
        else:
            gen = {CALL: self.gen_call, IF: self.gen_if, SEQ: self.gen_seq, JUNCTION: self.gen_junction,
                   ASSIGN: self.gen_assign, SCOPE: self.gen_scope, WHICH: self.gen_which,
                   BLOCK: self.gen_block, SWITCH: self.gen_switch}[kind]
            if self.checked:
                # Nothing generic ran since the last check: the assumptions still hold.
                gen(node, target, mode, k, ind)
                return
            self.emit(ind, "if EP[0] != C.epoch and not C.revalidate():")
            self.fallback(node, target, mode, k, ind + 1)
            self.emit(ind, "else:")
            self.checked = True
            gen(node, target, mode, k, ind + 1)
            self.checked = False  # the fallback path above ran generic code

    def gen_local(self, node, target, mode, k, ind) -> None:
        loc = f"L{node.value}"
        self.emit(ind, f"{target} = {loc}")
        if node.value in self.int_slots:
            return  # an integer needs no evaluation
        if mode == CONT:
            self.emit(ind, f"if type({target}) not in ATOMS:")
            self.depth(ind + 1, k)
            self.emit(ind + 1, f"{target} = ev._continue({loc})")
            return
        self.emit(ind, "if type({0}) not in ATOMS and (type({0}) is Expr and {0}.evaluated != EP[0] "
                       "and {0}.evaluated != DEP[0] or type({0}) is Symbol and {0}.ownvalue is not None):".format(target))
        self.depth(ind + 1, k - 1)
        call = "ev._evaluate_tail" if mode == TAIL else "ev.evaluate"
        self.emit(ind + 1, f"{target} = {call}({loc})")

    def fallback(self, node, target, mode, k, ind) -> None:
        value = self.built(node.template)
        self.depth(ind, self.call_depth(mode, k))
        call = {FRESH: "ev.evaluate", TAIL: "ev._evaluate_tail", CONT: "ev._cont_after_step"}[mode]
        self.emit(ind, f"{target} = {call}({value})")

    def generic(self, target, mode, k, ind, call) -> None:
        """A call finished the tree-walker's way, in this node's own level."""
        self.depth(ind, k)
        if mode == FRESH:
            c = self.temp()
            self.emit(ind, f"{c} = ev.chain; ev.chain = 0")
            self.emit(ind, f"{target} = {call}")
            self.emit(ind, f"ev.chain = {c}")
        else:
            self.emit(ind, f"{target} = {call}")

    def finish(self, node, argnames) -> str:
        args = "(" + "".join(a + ", " for a in argnames) + ")"
        if not self.code.static:
            return f"ev._finish_dynamic({node.value.full_name!r}, {args})"
        h = self.const(node.value)
        if node.entry is not None:
            return f"ev._finish({h}, {args}, {node.attrs}, {self.const(node.entry, 'F')})"
        if node.attrs == 0:
            return f"ev._call_user({h}, {args})"
        return f"ev._finish({h}, {args}, {node.attrs})"

    def gen_call(self, node, target, mode, k, ind) -> None:
        argnames = []
        known = set()  # known machine integers: constants, written as they are, and integer slots
        for a in node.args:
            if a.kind == CONST and type(a.value) is int and abs(a.value) < 1 << 62:
                argnames.append(repr(a.value) if a.value >= 0 else f"({a.value!r})")
                known.add(argnames[-1])
                continue
            if a.kind == LOCAL and a.value in self.int_slots:
                argnames.append(f"L{a.value}")
                known.add(argnames[-1])
                continue
            t = self.temp()
            self.gen(a, t, FRESH, k + 1, ind)
            argnames.append(t)
        op = node.op
        if op is not None and self.code.static:
            fmt = op[1]
            names = {"a": argnames[0], "b": argnames[-1]}
            checks = " and ".join(f"type({a}) is int" for a in argnames if a not in known) or "True"
            if op[2] is not None:
                checks += " and " + op[2].format(**names)
            self.emit(ind, f"if {checks}:")
            self.emit(ind + 1, f"{target} = {fmt.format(**names)}")
            self.emit(ind, "else:")
            ind += 1
            real = REAL_OPS.get(node.value)
            if real is not None and not (set(argnames) <= known):
                # A machine real among the operands: reals.py, else the builtin.
                self.emit(ind, f"{target} = {self.const(real, 'R')}({names['a']}, {names['b']})")
                self.emit(ind, f"if {target} is None:")
                ind += 1
        if node.link:
            self.gen_linked(node, argnames, known, target, mode, k, ind)
            return
        self.generic(target, mode, k, ind, self.finish(node, argnames))

    def link(self, head, arity) -> str:
        from .linking import Link

        key = (head, arity)
        name = self.links.get(key)
        if name is None:
            link = Link(head, arity)
            self.code.assumptions.add_link(link)
            name = self.links[key] = self.const(link, "LK")
        return name

    def gen_linked(self, node, argnames, known, target, mode, k, ind) -> None:
        """CALL_LINKED: for machine-integer arguments, a memo value by one
        probe or the compiled rule called directly -- what _call_user would
        do, with its chain and depth accounting; anything else goes there."""
        link = self.link(node.value, len(argnames))
        generic = self.finish(node, argnames)
        checks = [f"type({a}) is int" for a in argnames if a not in known]
        if mode != FRESH:
            # Same chain: the rewrite must stay within $IterationLimit.
            checks.append("ev.chain < ev.iteration_limit")
        if checks:
            self.emit(ind, f"if {' and '.join(checks)}:")
            self.linked_call(link, argnames, target, mode, k, ind + 1, generic)
            self.emit(ind, "else:")
            self.generic(target, mode, k, ind + 1, generic)
        else:
            self.linked_call(link, argnames, target, mode, k, ind, generic)

    def linked_call(self, link, argnames, target, mode, k, ind, generic) -> None:
        args = ", ".join(argnames)
        key = argnames[0] if len(argnames) == 1 else f"({args},)"
        value = self.temp()
        checked = self.checked
        self.emit(ind, f"{value} = {link}.lit.get({key})")
        self.emit(ind, f"if {value} is not None:")
        self.emit(ind + 1, 'ev.stats["rule_applications"] += 1')
        if mode != FRESH:
            self.emit(ind + 1, "ev.chain += 1")
        self.emit(ind + 1, f"{target} = {value}")
        self.emit(ind, f"elif {link}.fn is not None:")
        self.depth(ind + 1, k)
        self.emit(ind + 1, 'ev.stats["rule_applications"] += 1')
        if mode == FRESH:
            chain = self.temp()
            self.emit(ind + 1, f"{chain} = ev.chain; ev.chain = 1")
        else:
            self.emit(ind + 1, "ev.chain += 1")
        self.emit(ind + 1, "try:")
        self.emit(ind + 2, f"{target} = {link}.fn(ev, {args})")
        self.emit(ind + 1, "except ReturnSignal as r:")
        self.emit(ind + 2, f"{target} = r.value")
        self.emit(ind + 1, "except RecursionLimitExceeded:")
        self.emit(ind + 2, f"{target} = {link}.held(({args},))")
        if mode == FRESH:
            self.emit(ind + 1, f"ev.chain = {chain}")
        self.checked = checked
        self.emit(ind, "else:")
        self.generic(target, mode, k, ind + 1, generic)

    def frame_chain(self, mode, ind):
        """If opens an evaluation level of its own in FRESH mode: a new chain."""
        if mode != FRESH:
            return None
        c = self.temp()
        self.emit(ind, f"{c} = ev.chain; ev.chain = 0")
        return c

    def generic_held(self, node, target, first, k, ind) -> None:
        """Leave the construct to the builtin (undecided If, UpValues)."""
        parts = [first] if first is not None else []
        for a in node.args[1 if first is not None else 0:]:
            parts.append(self.built(a.template))
        self.depth(ind, k)
        self.emit(ind, f"{target} = ev._finish({self.const(node.value)}, ({', '.join(parts)},), {node.attrs})")

    def branch(self, node, target, k, ind) -> None:
        """What a builtin returned, evaluated in the current level k."""
        if node.kind in (CONST, SYMBOL, LOCAL, FALLBACK):
            if node.kind == FALLBACK:
                self.depth(ind, k)
                self.emit(ind, f"{target} = ev._continue({self.built(node.template)})")
            else:
                self.gen(node, target, CONT, k, ind)
            return
        self.emit(ind, "ev.chain += 1")
        self.emit(ind, "if ev.chain > ev.iteration_limit:")
        self.depth(ind + 1, k)
        self.emit(ind + 1, f"{target} = ev._iteration_exceeded({self.built(node.template)})")
        self.emit(ind, "else:")
        self.gen(node, target, CONT, k, ind + 1)

    def up_guard(self, nodes) -> str | None:
        """Runtime check that no held slot's value carries UpValues."""
        locs = [f"ev._has_upvalues(L{n.value})" for n in nodes if n.kind == LOCAL]
        return " or ".join(locs) if locs else None

    def gen_if(self, node, target, mode, k, ind) -> None:
        chain = self.frame_chain(mode, ind)
        cond = self.temp()
        self.gen(node.args[0], cond, FRESH, k + 1, ind)
        held = node.args[1:]
        guard = self.up_guard(held)
        ok = ""
        if guard is not None:
            g = self.temp()
            self.emit(ind, f"{g} = {guard}")
            ok = f" and not {g}"
        checked = self.checked  # each branch starts from what held before it
        self.emit(ind, f"if {cond} is TRUE{ok}:")
        self.branch(held[0], target, k, ind + 1)
        self.checked = checked
        self.emit(ind, f"elif {cond} is FALSE{ok}:")
        otherwise = held[1] if len(held) > 1 else Node(SYMBOL, S.Null, template=S.Null)
        self.branch(otherwise, target, k, ind + 1)
        self.checked = checked
        if len(held) == 3:
            self.emit(ind, f"elif {cond} is not TRUE and {cond} is not FALSE{ok}:")
            self.branch(held[2], target, k, ind + 1)
        self.emit(ind, "else:")
        self.generic_held(node, target, cond, k, ind + 1)  # leaves checked False
        if chain is not None:
            self.emit(ind, f"ev.chain = {chain}")

    def held_guard(self, node, target, k, ind) -> int:
        """A slot value in a held position may carry UpValues for the head:
        then the builtin decides. Gives the indent of the compiled path."""
        guard = self.up_guard(node.args)
        if guard is None:
            return ind
        self.emit(ind, f"if {guard}:")
        self.generic_held(node, target, None, k, ind + 1)
        self.emit(ind, "else:")
        return ind + 1

    def undecided(self, node, value, rest, target, k, ind, call) -> None:
        """head[value, rest...] evaluated in this level: what the builtin
        gives once a test is neither True nor False."""
        parts = "".join(self.built(p.template) + ", " for p in rest)
        self.depth(ind, k)
        self.emit(ind, f"{target} = {call}(Expr({self.const(node.value)}, ({value}, {parts})))")

    def gen_which(self, node, target, mode, k, ind) -> None:
        """Which[c1, v1, ...]: the first True test's value, in this level; an
        undecided test gives Which[c, v, ...] (the builtin's result); Null when
        every test is False."""
        chain = self.frame_chain(mode, ind)
        ind = self.held_guard(node, target, k, ind)
        checked = self.checked
        parts = node.args
        for i in range(0, len(parts), 2):
            c = self.temp()
            self.gen(parts[i], c, FRESH, k + 1, ind)
            self.emit(ind, f"if {c} is TRUE:")
            self.branch(parts[i + 1], target, k, ind + 1)
            self.checked = checked
            self.emit(ind, f"elif {c} is not FALSE:")
            self.undecided(node, c, parts[i + 1:], target, k, ind + 1, "ev._continue")
            self.emit(ind, "else:")
            ind += 1
            checked = self.checked = False
        self.emit(ind, f"{target} = {self.const(S.Null)}")
        self.checked = False
        if chain is not None:
            self.emit(ind - len(parts) // 2, f"ev.chain = {chain}")

    def gen_seq(self, node, target, mode, k, ind) -> None:
        ind = self.held_guard(node, target, k, ind)
        if not node.args:
            self.emit(ind, f"{target} = {self.const(S.Null)}")
        for i, part in enumerate(node.args):
            last = i == len(node.args) - 1
            self.gen(part, target if last else "_", FRESH, k + 1, ind)

    def gen_junction(self, node, target, mode, k, ind) -> None:
        """And / Or: evaluate in order, stop at the deciding value; an undecided
        part hands itself and the rest to the builtin, in this level."""
        stop, go = ("FALSE", "TRUE") if node.value is S.And else ("TRUE", "FALSE")
        ind = self.held_guard(node, target, k, ind)
        parts = node.args
        for i, part in enumerate(parts):
            v = self.temp()
            self.gen(part, v, FRESH, k + 1, ind)
            self.emit(ind, f"if {v} is {stop}:")
            self.emit(ind + 1, f"{target} = {stop}")
            self.emit(ind, f"elif {v} is not {go}:")
            self.undecided(node, v, parts[i + 1:], target, k, ind + 1, "ev._cont_after_step")
            self.emit(ind, "else:")
            ind += 1
        self.emit(ind, f"{target} = {go}")

    def gen_scope(self, node, target, mode, k, ind) -> None:
        """Module: fresh symbols x$nnn (the builtin's numbering), initial
        values evaluated outside the scope, the body one level deeper, then
        the locals nothing refers to are released. With: the values go into
        the body, which continues this level (the builtin's result)."""
        locals_ = node.value
        module = node.value and node.template.head is S.Module
        inits = iter(node.args[:-1])
        body = node.args[-1]
        mark = self.counter
        if module:
            # The symbols first, then the initial values (a Module inside one
            # numbers its own locals after these, as in the builtin).
            serial = self.temp()
            self.emit(ind, f"{serial} = ev.module_number; ev.module_number = {serial} + 1")
            for sym, slot, _ in locals_:
                self.emit(ind, f"L{slot} = TEMPORARY({self.const(sym)}, {serial})")
        values = []
        for sym, slot, has_init in locals_:
            if has_init:
                v = self.temp()
                self.gen(next(inits), v, FRESH, k + 1, ind)
                values.append(v)
            else:
                values.append(None)
        if module:
            for (sym, slot, _), v in zip(locals_, values):
                if v is not None:
                    self.emit(ind, f"L{slot}.ownvalue = {v}")
        else:
            for (sym, slot, _), v in zip(locals_, values):
                self.emit(ind, f"L{slot} = {v}")
        # The tree-walker first puts the outer variables' values into the
        # body, then renames (Module) or substitutes (With) the locals in it
        # -- values included, so a value mentioning a local is captured too.
        outer = self.scope
        renaming = "{" + ", ".join(f"{self.const(sym, 'N')}: L{slot}" for sym, slot, _ in locals_) + "}"
        saved = []
        for _, slot in outer:
            keep = self.temp()
            saved.append((slot, keep))
            self.emit(ind, f"{keep} = L{slot}")
            self.emit(ind, f"if type(L{slot}) not in ATOMS: L{slot} = SUBSTITUTE(L{slot}, {renaming})")
        self.scope = outer + [(sym, slot) for sym, slot, _ in locals_]
        names_set = self.names_set
        self.names_set = frozenset(name for name, _ in self.scope)
        if module:
            self.gen(body, target, FRESH, k + 1, ind)
        else:
            self.branch(body, target, k, ind)
        self.scope = outer
        self.names_set = names_set
        for slot, keep in saved:
            self.emit(ind, f"L{slot} = {keep}")
        if module:
            # Our own references must not keep the locals alive.
            temps = [f"t{i}" for i in range(mark + 1, self.counter + 1) if f"t{i}" != target]
            held = [f"L{slot}" for _, slot, _ in locals_]
            scope_list = self.temp()
            self.emit(ind, f"{scope_list} = [{', '.join(held)}]")
            self.emit(ind, " = ".join(held + temps) + " = None")
            self.emit(ind, f"release({scope_list})")

    def whole_to_builtin(self, node, target, k, ind) -> None:
        """head[args] with the slot values put in, finished by the builtin in this level."""
        parts = "".join(self.built(a) + ", " for a in node.template.args)
        self.depth(ind, k)
        self.emit(ind, f"{target} = ev._finish({self.const(node.value)}, ({parts}), {node.attrs})")

    def gen_block(self, node, target, mode, k, ind) -> None:
        """Block: the local values first (x = v evaluated one level deeper, x := w
        as it is), then BLOCK_ENTER, the body one level deeper, BLOCK_EXIT in
        a finally (Return, Throw, Break, Abort, $RecursionLimit all restore)."""
        body = node.args[-1]
        if body.kind == LOCAL:
            # A slot's value as the held body may carry UpValues for Block.
            self.emit(ind, f"if ev._has_upvalues(L{body.value}):")
            self.whole_to_builtin(node, target, k, ind + 1)
            self.emit(ind, "else:")
            ind += 1
        inits = iter(node.args[:-1])
        values = []
        for (sym, kind) in node.value:
            if kind is None:
                values.append("None")
            elif kind == "delayed":
                values.append(self.built(next(inits).template))
            else:
                v = self.temp()
                self.gen(next(inits), v, FRESH, k + 1, ind)
                values.append(v)
        syms = tuple(sym for sym, _ in node.value)
        # Setting symbols the code assumes nothing about cannot break its
        # assumptions: it stays valid (no check of every assumption after).
        own = {d.sym for d in self.code.assumptions.deps}.isdisjoint(syms)
        saved, valid = self.temp(), self.temp()
        self.depth(ind, k)  # Block::wrsym comes from the Block's level
        if own:
            self.emit(ind, f"{valid} = EP[0] == C.epoch")
        self.emit(ind, f"{saved} = BLOCK_ENTER(ev, {self.const(syms, 'BS')}, ({''.join(v + ', ' for v in values)}))")
        if own:
            self.emit(ind, f"if {valid}: C.epoch = EP[0]")
        self.emit(ind, "try:")
        self.gen(body, target, FRESH, k + 1, ind + 1)
        self.emit(ind, "finally:")
        if own:
            self.emit(ind + 1, f"{valid} = EP[0] == C.epoch")
        self.emit(ind + 1, f"BLOCK_EXIT(ev, {saved})")
        if own:
            self.emit(ind + 1, f"if {valid}: C.epoch = EP[0]")
        self.checked = False

    def gen_switch(self, node, target, mode, k, ind) -> None:
        """Switch[e, p1, v1, ...]: the first pattern e matches chooses the value,
        which continues this level; no match gives Null. A subject that is a
        Sequence or carries UpValues (or a held slot value with UpValues)
        leaves the whole call to the builtin."""
        chain = self.frame_chain(mode, ind)
        subj = self.temp()
        self.gen(node.args[0], subj, FRESH, k + 1, ind)
        held = node.args[1:]
        guard = f"type({subj}) is Expr and {subj}.head in SPECIAL or ev._has_upvalues({subj})"
        extra = self.up_guard(held)
        if extra is not None:
            guard += " or " + extra
        self.emit(ind, f"if {guard}:")
        self.generic_held(node, target, subj, k, ind + 1)
        self.emit(ind, "else:")
        i = ind + 1
        exhaustive = False
        for j in range(0, len(held), 2):
            pattern, value = held[j], held[j + 1]
            if pattern.kind == CONST:
                p = pattern.value
                if type(p) is Expr and p.head is S.Blank and not p.args:
                    self.branch(value, target, k, i)  # _ matches anything
                    exhaustive = True
                    break
                name = self.const(p)
                if type(p) is not Expr:
                    # The matcher's own test for an atom pattern.
                    cond = f"{name} is {subj} or type({name}) is type({subj}) and {name} == {subj}"
                elif p.head is S.Blank and len(p.args) == 1:
                    # _h: the matcher's own head test, without a matcher call.
                    cond = f"HAS_HEAD({subj}, {self.const(p.args[0])})"
                else:
                    self.depth(i, k)  # a Condition in it is evaluated from the Switch's level
                    cond = f"MATCH({name}, {subj}, ev) is not None"
            else:
                pt = self.temp()
                self.gen(pattern, pt, FRESH, k + 1, i)
                self.depth(i, k)
                cond = f"MATCH({pt}, {subj}, ev) is not None"
            self.emit(i, f"if {cond}:")
            self.branch(value, target, k, i + 1)
            self.checked = False
            self.emit(i, "else:")
            i += 1
        if not exhaustive:
            self.emit(i, f"{target} = {self.const(S.Null)}")
        self.checked = False
        if chain is not None:
            self.emit(ind, f"ev.chain = {chain}")

    def gen_assign(self, node, target, mode, k, ind) -> None:
        arith, step, gives_new = node.op
        x = f"L{node.value}" if type(node.value) is int else self.const(node.value)
        if node.args:
            v = self.temp()
            self.gen(node.args[0], v, FRESH, k + 1, ind)
        else:
            v = repr(step)
        argnames = [x, v] if node.args else [x]
        generic = f"ev._finish({self.const(node.entry)}, ({', '.join(argnames)},), {node.attrs})"
        guard = f" and not {x}.attributes & WRITE_GUARD" if type(node.value) is int else ""
        if arith is None:  # x = v
            self.emit(ind, f"if type({v}) in ATOMS{guard}:")
            self.store(x, v, ind + 1)
            self.emit(ind + 1, f"{target} = {v}")
        else:
            old = self.temp()
            self.emit(ind, f"{old} = {x}.ownvalue")
            self.emit(ind, f"if type({old}) is int and type({v}) is int{guard}:")
            new = self.temp()
            if node.entry.name == "SubtractFrom":
                self.emit(ind + 1, f"{new} = {old} - {v}")
            else:
                self.emit(ind + 1, f"{new} = {old} {'+' if arith is S.Plus else '*'} {v}")
            self.store(x, new, ind + 1)
            self.emit(ind + 1, f"{target} = {new if gives_new else old}")
            # A machine real: reals.py computes what the builtin would store.
            update = REAL_UPDATES[node.entry.name if node.entry.name == "SubtractFrom" else arith]
            self.emit(ind, "else:")
            ind += 1
            self.emit(ind, f"{new} = {self.const(update, 'R')}({old}, {v})")
            self.emit(ind, f"if {new} is not None{guard}:")
            self.store(x, new, ind + 1)
            self.emit(ind + 1, f"{target} = {new if gives_new else old}")
        self.emit(ind, "else:")
        self.generic(target, mode, k, ind + 1, generic)

    def store(self, x, value, ind) -> None:
        """x's OwnValue becomes value; the code's own assumptions stay checked."""
        self.emit(ind, "valid = EP[0] == C.epoch")
        self.emit(ind, f"touch({x}); {x}.ownvalue = {value}")
        self.emit(ind, "if valid: C.epoch = EP[0]")


def _uses(node, kind) -> bool:
    if node.kind == kind:
        return True
    return any(_uses(a, kind) for a in node.args if a is not None)


def _uses_module(node) -> bool:
    if node.kind == SCOPE and node.template.head is S.Module:
        return True
    return any(_uses_module(a) for a in node.args if a is not None)


def _protected(g: _Gen, body, ind: int) -> None:
    """Run body (a function of the indent) with ev.depth restored afterwards."""
    g.emit(ind, "try:")
    body(ind + 1)
    g.emit(ind, "finally:")
    g.emit(ind + 1, "ev.depth = D")


def _exec_source(g: _Gen, header: list, body_lines: list):
    """(source, function, max depth) of the generated lines."""
    source = "\n".join(header + body_lines) + "\n"
    namespace = dict(g.glob)
    namespace["MAXD"] = g.maxd
    exec(compile(source, "<lyra-vm>", "exec"), namespace)
    # The function is not left in its own globals: no cycle to wait for the GC.
    return source, namespace.pop("run"), g.maxd


def _finish_source(g: _Gen, code: Code, header: list, body_lines: list) -> None:
    code.source, code.fn, code.maxd = _exec_source(g, header, body_lines)


def lower(code: Code) -> None:
    """Generate, exec and attach the Python function for `code`."""
    g = _Gen(code)
    if code.kind == "loop":
        _lower_loop(g, code)
        return
    if code.kind == "while":
        _lower_while(g, code)
        return
    n = len(code.names)
    whole = f"ev._evaluate_tail(BODY({g.bindings()}))"
    header = ["def run(ev, " + ", ".join(f"L{i}" for i in range(n)) + "):"]
    if n:
        # A variable bound to Sequence[...] (or Unevaluated[...]) is spliced
        # by substitution: leave such a call to the tree-walker.
        test = " or ".join(f"(type(L{i}) is Expr and L{i}.head in SPECIAL)" for i in range(n))
        header.append(f"    if {test}:")
        header.append(f"        return {whole}")
    g.emit(1, "D = ev.depth")
    # Near $RecursionLimit (or after a definition broke an assumption) the
    # tree-walker evaluates the whole right side: its accounting is exact.
    g.emit(1, "if D + MAXD >= ev.recursion_limit or EP[0] != C.epoch and not C.revalidate():")
    g.emit(2, f"return {whole}")
    g.emit(1, "if ev.pending is not None: ev._raise_pending()")
    g.checked = True  # just checked above
    _protected(g, lambda ind: g.gen(code.root, "result", TAIL, 1, ind), 1)
    g.emit(1, "return result")
    _finish_source(g, code, header, g.lines)


def lower_int_variant(code: Code):
    """The unit's function for calls whose arguments are all machine
    integers (a linked call's target): no Sequence test, no evaluation of
    the slots, no type checks on them in the arithmetic fast paths."""
    if code.int_fn is None:
        n = len(code.names)
        g = _Gen(code, frozenset(range(n)))
        g.emit(1, "D = ev.depth")
        g.emit(1, "if D + MAXD >= ev.recursion_limit or EP[0] != C.epoch and not C.revalidate():")
        g.emit(2, f"return ev._evaluate_tail(BODY({g.bindings()}))")
        g.emit(1, "if ev.pending is not None: ev._raise_pending()")
        g.checked = True
        _protected(g, lambda ind: g.gen(code.root, "result", TAIL, 1, ind), 1)
        g.emit(1, "return result")
        header = ["def run(ev, " + ", ".join(f"L{i}" for i in range(n)) + "):"]
        source, fn, _ = _exec_source(g, header, g.lines)
        code.int_fn = fn
    return code.int_fn


def _lower_loop(g: _Gen, code: Code) -> None:
    """The loop of Do / Table / Sum over one iterator, its body compiled."""
    reg = f"L{len(code.names)}"
    g.emit(1, "D = ev.depth")

    def loop(ind):
        g.emit(ind, f"for {reg} in values:")
        i = ind + 1
        g.emit(i, "if ev.pending is not None: ev._raise_pending()")
        g.emit(i, "if dynamic:")
        g.emit(i + 1, f"touch(var); var.ownvalue = {reg}")
        g.emit(i, "try:")
        g.emit(i + 1, "if EP[0] != C.epoch and not C.revalidate() or D + MAXD >= ev.recursion_limit:")
        g.emit(i + 2, "if not dynamic and var is not None:")
        g.emit(i + 3, f"dynamic = True; touch(var); var.ownvalue = {reg}")
        g.depth(i + 2, 0)
        g.emit(i + 2, f"value = ev.evaluate({g.const(code.template)})")
        g.emit(i + 1, "else:")
        g.checked = True
        g.gen(code.root, "value", FRESH, 1, i + 2)
        # Only Do stops at Continue[] and Break[]; Table and Sum pass them on.
        g.emit(i, "except ContinueSignal:")
        g.emit(i + 1, "if out is not None: raise")
        g.emit(i + 1, "continue")
        g.emit(i, "except BreakSignal:")
        g.emit(i + 1, "if out is not None: raise")
        g.emit(i + 1, "return True")
        g.emit(i, "if out is not None: out.append(value)")

    _protected(g, loop, 1)
    _finish_source(g, code, ["def run(ev, values, var, dynamic, out):"], g.lines)


def _lower_while(g: _Gen, code: Code) -> None:
    """While[test, body] and For's loop: code.root holds (test, body[, incr]).
    Gives True when the loop ended, False when an assumption broke at the
    top of an iteration (the builtin's loop then goes on from the test)."""
    test, body = code.root.args[:2]
    incr = code.root.args[2] if len(code.root.args) > 2 else None
    g.emit(1, "D = ev.depth")

    def loop(ind):
        g.emit(ind, "while True:")
        i = ind + 1
        g.emit(i, "if ev.pending is not None: ev._raise_pending()")
        g.emit(i, "if EP[0] != C.epoch and not C.revalidate() or D + MAXD >= ev.recursion_limit:")
        g.emit(i + 1, "return False")  # the builtin carries on, tree-walking
        g.gen(test, "cond", FRESH, 1, i)
        g.emit(i, "if cond is not TRUE: return True")
        g.emit(i, "try:")
        g.gen(body, "_", FRESH, 1, i + 1)
        g.emit(i, "except ContinueSignal:")
        g.emit(i + 1, "pass")
        g.emit(i, "except BreakSignal:")
        g.emit(i + 1, "return True")
        g.checked = False
        if incr is not None:
            g.gen(incr, "_", FRESH, 1, i)

    _protected(g, loop, 1)
    _finish_source(g, code, ["def run(ev):"], g.lines)
