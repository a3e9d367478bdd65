"""A minimal evaluator for testing the arithmetic builtins on their own.

It does what the real evaluator does for these functions -- evaluate the
arguments, apply Flat / Listable / Orderless, call the builtin until nothing
changes, use a symbol's ownvalue -- and records messages as "Sym::tag" plus
their filled-in arguments. Expressions are written and read in a small
FullForm dialect so tests state WL's exact normal form:

    ff(value)  -> "Plus[1, Times[2, x]]"
    ev.run(expr) -> the evaluated value
"""

from __future__ import annotations

from lyra_core.engine import messages as message_texts
from lyra_core.expr import BigReal, Complex, E, Expr, Rational, S, lookup, make_rational, system
from lyra_core.expr.order import canonical_sort
from lyra_core.expr.symbol import FLAT, LISTABLE, ORDERLESS, HOLD_ALL, Symbol
from lyra_core.library import arithmetic  # noqa: F401  (registers the builtins)
from lyra_core.library import compare  # noqa: F401


class StubEvaluator:
    def __init__(self):
        self.messages: list[str] = []
        self.message_args: list[tuple] = []
        self.session = None

    def message(self, symbol, tag, *args):
        name = symbol.name if type(symbol) is Symbol else str(symbol)
        self.messages.append(f"{name}::{tag}")
        self.message_args.append(args)
        assert message_texts.template(name, tag) is not None, f"no text for {name}::{tag}"

    def evaluate(self, e):
        for _ in range(200):
            new = self._step(e)
            if new is None or _same(new, e):
                return e if new is None else new
            e = new
        raise AssertionError("no fixed point")

    run = evaluate

    def apply(self, f, *args):
        return self.evaluate(Expr(f, args))

    def _step(self, e):
        if type(e) is Symbol:
            return e.ownvalue
        if type(e) is not Expr:
            return None
        head = self.evaluate(e.head)
        attrs = head.attributes if type(head) is Symbol else 0
        args = e.args if attrs & HOLD_ALL else tuple(self.evaluate(a) for a in e.args)
        if attrs & FLAT:
            flat = []
            for a in args:
                if type(a) is Expr and a.head is head:
                    flat.extend(a.args)
                else:
                    flat.append(a)
            args = tuple(flat)
        if attrs & LISTABLE:
            lists = [a for a in args if type(a) is Expr and a.head is S.List]
            if lists and all(len(x.args) == len(lists[0].args) for x in lists):
                n = len(lists[0].args)
                return Expr(S.List, tuple(
                    Expr(head, tuple(a.args[i] if type(a) is Expr and a.head is S.List else a for a in args))
                    for i in range(n)))
        if attrs & ORDERLESS:
            args = canonical_sort(args)
        current = Expr(head, args)
        entry = head.builtin if type(head) is Symbol else None
        if entry is None:
            return current
        n = len(args)
        if n < entry.min_args or (entry.max_args is not None and n > entry.max_args):
            self.messages.append(f"{head.name}::arg")
            return current
        result = entry.fn(self, current) if entry.whole else entry.fn(self, *args)
        return current if result is None else result


def _same(a, b):
    return type(a) is type(b) and a == b


# ---------------------------------------------------------------- FullForm
def ff(e) -> str:
    t = type(e)
    if t is Expr:
        return ff(e.head) + "[" + ", ".join(ff(a) for a in e.args) + "]"
    if t is Symbol:
        return e.name
    if t is bool:
        raise AssertionError("bool leaked into an expression")
    if t is int:
        return str(e)
    if t is float:
        return repr(e)
    if t is Rational:
        return f"Rational[{e.num}, {e.den}]"
    if t is Complex:
        return f"Complex[{ff(e.re)}, {ff(e.im)}]"
    if t is BigReal:
        return f"{e.value}`{e.precision:g}"
    if t is str:
        return '"' + e + '"'
    return repr(e)


# ---------------------------------------------------------------- reading
def parse(text: str):
    """Read the FullForm dialect: f[a, b], integers, reals, "strings",
    Rational[n, d] and Complex[re, im] as numbers."""
    tokens = _tokens(text)
    pos = [0]

    def item():
        tok = tokens[pos[0]]
        pos[0] += 1
        if tok.startswith('"'):
            value = tok[1:-1]
        elif tok[0].isdigit() or tok[0] == "-" and len(tok) > 1:
            value = float(tok) if "." in tok or "e" in tok else int(tok)
        else:
            value = lookup(tok)
        while pos[0] < len(tokens) and tokens[pos[0]] == "[":
            pos[0] += 1
            args = []
            while tokens[pos[0]] != "]":
                args.append(item())
                if tokens[pos[0]] == ",":
                    pos[0] += 1
            pos[0] += 1
            if value is S.Rational and len(args) == 2:
                value = make_rational(*args)
            elif value is S.Complex and len(args) == 2:
                value = Complex(*args)
            else:
                value = Expr(value, tuple(args))
        return value

    return item()


def _tokens(text):
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "[],":
            out.append(c)
            i += 1
        elif c == '"':
            j = text.index('"', i + 1)
            out.append(text[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "[],":
                j += 1
            out.append(text[i:j])
            i = j
    return out


def run(text: str):
    """Evaluate FullForm text; returns (FullForm of the result, messages)."""
    ev = StubEvaluator()
    value = ev.evaluate(parse(text))
    return ff(value), ev.messages


__all__ = ["StubEvaluator", "ff", "parse", "run", "E", "S", "system"]
