"""Lyra <-> SymPy conversion for the exact and symbolic matrix work of
linear_algebra.py (eigenvalues, symbolic determinants, row reduction).

Only what matrices need: numbers, symbols, Plus/Times/Power, the elementary
functions SymPy knows, and Root objects coming back. Any other subexpression
(f[x], a string, ...) crosses over as an opaque SymPy symbol and comes back
unchanged, so nothing is ever lost. SymPy is imported on first use.

    conv = Converter()
    s = conv.to_sympy(lyra_value)     # raises Unconvertible for no SymPy form
    v = conv.from_sympy(sympy_value)  # an unevaluated Lyra expression
"""

from __future__ import annotations

from ..expr.atoms import BigReal, Complex, Rational, make_rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol, lookup, system
from ..expr import system_symbols as S
from . import numeric_tower as nt

_sympy = None


def sympy():
    """The sympy module, imported on first use (start-up must not pay for it)."""
    global _sympy
    if _sympy is None:
        import sympy as _s

        _sympy = _s
    return _sympy


class Unconvertible(Exception):
    """A value with no faithful SymPy form (e.g. an infinity inside a matrix)."""


# Lyra function name -> SymPy function name (one argument each).
_FUNCTIONS = {
    "Sin": "sin",
    "Cos": "cos",
    "Tan": "tan",
    "Cot": "cot",
    "Sec": "sec",
    "Csc": "csc",
    "ArcSin": "asin",
    "ArcCos": "acos",
    "ArcTan": "atan",
    "Sinh": "sinh",
    "Cosh": "cosh",
    "Tanh": "tanh",
    "ArcSinh": "asinh",
    "ArcCosh": "acosh",
    "ArcTanh": "atanh",
    "Log": "log",
    "Abs": "Abs",
    "Conjugate": "conjugate",
    "Re": "re",
    "Im": "im",
    "Gamma": "gamma",
    "Sign": "sign",
}
_BACK = {v: k for k, v in _FUNCTIONS.items()}


class Converter:
    """One conversion session: remembers which SymPy symbol stands for which
    Lyra symbol or opaque subexpression, so results convert back exactly."""

    def __init__(self, evaluate=None):
        # evaluate: brings held parts (the body of a Root's function) into
        # canonical form; the identity when not given.
        self.evaluate = evaluate or (lambda e: e)
        self.forward: dict = {}  # Lyra value -> SymPy symbol
        self.backward: dict = {}  # SymPy symbol -> Lyra value

    # ------------------------------------------------------------ to SymPy
    def to_sympy(self, x):
        sp = sympy()
        t = type(x)
        if t is int:
            return sp.Integer(x)
        if t is Rational:
            return sp.Rational(x.num, x.den)
        if t is float:
            return sp.Float(x)
        if t is BigReal:
            return sp.Float(x.value, max(int(x.precision), 1))
        if t is Complex:
            return self.to_sympy(x.re) + sp.I * self.to_sympy(x.im)
        if t is Symbol:
            if x is S.Pi:
                return sp.pi
            if x is S.E:
                return sp.E
            if x is S.I:
                return sp.I
            return self._opaque(x)
        if t is Expr:
            head = x.head
            if head is S.Plus:
                return sp.Add(*[self.to_sympy(a) for a in x.args])
            if head is S.Times:
                return sp.Mul(*[self.to_sympy(a) for a in x.args])
            if head is S.Power and len(x.args) == 2:
                return sp.Pow(self.to_sympy(x.args[0]), self.to_sympy(x.args[1]))
            if head is S.DirectedInfinity or head is S.Indeterminate:
                raise Unconvertible(x)
            if type(head) is Symbol and head.context == "System`" and len(x.args) == 1:
                name = _FUNCTIONS.get(head.name)
                if name is not None:
                    return getattr(sp, name)(self.to_sympy(x.args[0]))
        if x is S.Infinity or x is S.ComplexInfinity or x is S.Indeterminate:
            raise Unconvertible(x)
        return self._opaque(x)

    def _opaque(self, x):
        s = self.forward.get(x)
        if s is None:
            # Dummy symbols never collide with each other or with user names.
            name = x.name if type(x) is Symbol else "e"
            s = sympy().Dummy(name)
            self.forward[x] = s
            self.backward[s] = x
        return s

    def matrix(self, rows):
        """A SymPy Matrix from Lyra rows (tuples of values)."""
        return sympy().Matrix([[self.to_sympy(x) for x in row] for row in rows])

    # ------------------------------------------------------------ from SymPy
    def from_sympy(self, s):
        """The Lyra form of a SymPy value (evaluate it to get canonical form)."""
        sp = sympy()
        if s.is_Integer:
            return int(s)
        if s.is_Rational:
            return make_rational(int(s.p), int(s.q))
        if s.is_Float:
            return _float_back(s)
        if s is sp.I:
            return Complex(0, 1)
        if s is sp.pi:
            return S.Pi
        if s is sp.E:
            return S.E
        if s is sp.oo:
            return Expr(S.DirectedInfinity, (1,))
        if s is sp.S.NegativeInfinity:
            return Expr(S.DirectedInfinity, (-1,))
        if s is sp.zoo:
            return Expr(S.DirectedInfinity, ())
        if s is sp.nan:
            return S.Indeterminate
        back = self.backward.get(s)
        if back is not None:
            return back
        if s.is_Symbol:
            return lookup(s.name)
        if s.is_Add:
            return Expr(S.Plus, tuple(self.from_sympy(a) for a in s.args))
        if s.is_Mul:
            return Expr(S.Times, tuple(self.from_sympy(a) for a in s.args))
        if s.is_Pow:
            base, exponent = s.args
            return Expr(S.Power, (self.from_sympy(base), self.from_sympy(exponent)))
        if isinstance(s, sp.exp):
            return Expr(S.Power, (S.E, self.from_sympy(s.args[0])))
        if isinstance(s, sp.CRootOf):
            return self._root(s)
        if s.is_Function:
            name = _BACK.get(type(s).__name__)
            if name is not None and len(s.args) == 1:
                return Expr(system(name), (self.from_sympy(s.args[0]),))
        if s.is_number:
            # Anything else numeric SymPy built (e.g. a nested radical form).
            value = complex(s.evalf(17))
            return value.real if value.imag == 0 else Complex(value.real, value.imag)
        raise Unconvertible(s)

    def _root(self, r):
        """CRootOf(p, k) as WL's Root[p(#1) &, k + 1]."""
        return self.root(r.poly, int(r.index))

    def root(self, poly, index: int):
        """Root[p(#1) &, index + 1] for a SymPy polynomial p."""
        sp = sympy()
        slot = sp.Dummy("slot")
        self.backward[slot] = Expr(S.Slot, (1,))
        body = self.evaluate(self.from_sympy(poly.as_expr().subs(poly.gen, slot)))
        return Expr(system("Root"), (Expr(S.Function, (body,)), index + 1))

    def stand_in(self, value):
        """A fresh SymPy symbol that converts back to the Lyra `value`."""
        s = sympy().Dummy("v")
        self.backward[s] = value
        return s
