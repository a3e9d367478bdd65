"""Conversion between Lyra expressions and SymPy, and a guarded way to run SymPy.

SymPy is imported on first use only (start-up must not pay for it).

    bridge = Bridge()
    s = bridge.to_sympy(expr)          # Lyra -> SymPy
    e = bridge.from_sympy(s)           # SymPy -> Lyra, *unevaluated*: the caller
                                       # hands it to the evaluator for normal form
    run_sympy(ev, fn, *args)           # fn(*args) with interrupts and errors handled

One Bridge serves one computation: it remembers which SymPy symbol and
function stand for which Lyra symbol and head, so a result converts back to
exactly the names it came from. Unknown functions f[x] become SymPy
undefined functions (so SymPy knows they depend on x); values SymPy has no
notion of (strings, associations) travel as opaque dummies.

The conversion keeps Lyra's structure: a product such as 2 (1 + x) is built
without SymPy's automatic distribution, so Lyra -> SymPy -> Lyra gives back
the same expression after evaluation.
"""

from __future__ import annotations

import ctypes
import threading
import warnings

from ..engine.signals import AbortSignal
from ..expr import system_symbols as S
from ..expr.atoms import BigReal, Complex, Rational, make_rational
from ..expr.normal import E, Expr
from ..expr.symbol import GLOBAL, Symbol, lookup, system

_sympy = None


def sympy():
    """The sympy module, imported on first use."""
    global _sympy
    if _sympy is None:
        import sympy as _s

        _sympy = _s
    return _sympy


class Unconvertible(Exception):
    """A value with no counterpart on the other side."""


# Lyra head name -> SymPy function name (same arguments, same order).
_FUNCTIONS = {
    "Sin": "sin", "Cos": "cos", "Tan": "tan", "Cot": "cot", "Sec": "sec", "Csc": "csc",
    "ArcSin": "asin", "ArcCos": "acos", "ArcCot": "acot", "ArcSec": "asec", "ArcCsc": "acsc",
    "Sinh": "sinh", "Cosh": "cosh", "Tanh": "tanh", "Coth": "coth", "Sech": "sech", "Csch": "csch",
    "ArcSinh": "asinh", "ArcCosh": "acosh", "ArcTanh": "atanh", "ArcCoth": "acoth",
    "ArcSech": "asech", "ArcCsch": "acsch",
    "Abs": "Abs", "Sign": "sign", "Floor": "floor", "Ceiling": "ceiling",
    "Re": "re", "Im": "im", "Conjugate": "conjugate", "Arg": "arg",
    "Factorial": "factorial", "Factorial2": "factorial2", "Binomial": "binomial",
    "Erf": "erf", "Erfc": "erfc", "Erfi": "erfi", "LogGamma": "loggamma",
    "ProductLog": "LambertW", "ExpIntegralEi": "Ei", "SinIntegral": "Si", "CosIntegral": "Ci",
    "SinhIntegral": "Shi", "CoshIntegral": "Chi", "LogIntegral": "li",
    "BesselJ": "besselj", "BesselY": "bessely", "BesselI": "besseli", "BesselK": "besselk",
    "Beta": "beta", "Fibonacci": "fibonacci", "HarmonicNumber": "harmonic",
    "DiracDelta": "DiracDelta", "HeavisideTheta": "Heaviside", "KroneckerDelta": "KroneckerDelta",
    "EllipticK": "elliptic_k", "PolyLog": "polylog", "Zeta": "zeta", "PolyGamma": "polygamma",
    "Sinc": "sinc", "LegendreP": "legendre", "ChebyshevT": "chebyshevt", "ChebyshevU": "chebyshevu",
    "HermiteH": "hermite", "LaguerreL": "laguerre", "Pochhammer": "RisingFactorial",
    "Max": "Max", "Min": "Min", "Mod": "Mod", "FresnelS": "fresnels", "FresnelC": "fresnelc",
    "AiryAi": "airyai", "AiryBi": "airybi", "DivisorSigma": "divisor_sigma",
    "EulerPhi": "totient", "Log": "log",
}
_CONSTANTS = {
    "Pi": "pi", "E": "E", "EulerGamma": "EulerGamma", "GoldenRatio": "GoldenRatio",
    "Catalan": "Catalan",
}
_RELATIONS = {
    "Equal": "Eq", "Unequal": "Ne", "Less": "Lt", "LessEqual": "Le",
    "Greater": "Gt", "GreaterEqual": "Ge",
}
_LOGIC = {"And": "And", "Or": "Or", "Not": "Not", "Xor": "Xor", "Implies": "Implies",
          "Nand": "Nand", "Nor": "Nor", "Equivalent": "Equivalent"}

_tables = None


def _build_tables():
    """SymPy-side lookup tables, made once when SymPy is first needed."""
    global _tables
    if _tables is not None:
        return _tables
    sp = sympy()
    to_sp = {system(name): getattr(sp, sname) for name, sname in _FUNCTIONS.items()}
    from_sp = {getattr(sp, sname): system(name) for name, sname in _FUNCTIONS.items()}
    from_sp[sp.gamma] = system("Gamma")
    from_sp[sp.uppergamma] = system("Gamma")
    from_sp[sp.atan] = system("ArcTan")
    from_sp[sp.exp] = None  # handled: E^x
    consts_to = {system(name): getattr(sp, sname) for name, sname in _CONSTANTS.items()}
    consts_from = {getattr(sp, sname): system(name) for name, sname in _CONSTANTS.items()}
    rel_to = {system(name): getattr(sp, sname) for name, sname in _RELATIONS.items()}
    rel_from = {getattr(sp, sname): system(name) for name, sname in _RELATIONS.items()}
    logic_to = {system(name): getattr(sp, sname) for name, sname in _LOGIC.items()}
    logic_from = {getattr(sp, sname): system(name) for name, sname in _LOGIC.items()}
    _tables = (to_sp, from_sp, consts_to, consts_from, rel_to, rel_from, logic_to, logic_from)
    return _tables


_Derivative = S.Derivative
_Piecewise = system("Piecewise")
_Gamma = system("Gamma")
_ArcTan = system("ArcTan")
_Degree = system("Degree")
_Root = system("Root")
_Integrate = system("Integrate")
_Sum = system("Sum")
_D = system("D")


class Bridge:
    __slots__ = (
        "sp", "tables", "symbols", "back", "functions", "function_back", "opaque", "count", "precisions",
    )

    def __init__(self):
        self.sp = sympy()
        self.tables = _build_tables()
        self.symbols: dict = {}  # Lyra Symbol -> SymPy Symbol
        self.back: dict = {}  # SymPy Symbol -> Lyra value
        self.functions: dict = {}  # Lyra head -> SymPy undefined function
        self.function_back: dict = {}  # its name -> Lyra head
        self.opaque: dict = {}  # Lyra value -> SymPy Dummy
        self.count = 0
        self.precisions: dict = {}  # bits of a SymPy Float -> Lyra digits it came from

    # ------------------------------------------------------------ Lyra -> SymPy
    def to_sympy(self, e):
        return self._to(e)

    def symbol(self, sym: Symbol):
        """The SymPy symbol standing for a Lyra symbol."""
        s = self.symbols.get(sym)
        if s is None:
            name = sym.name if sym.context in (GLOBAL, "System`") else sym.full_name
            s = self.sp.Symbol(name)
            if s in self.back and self.back[s] is not sym:
                s = self.sp.Dummy(name)  # two contexts, one short name
            self.symbols[sym] = s
            self.back[s] = sym
        return s

    def _to(self, e):
        sp = self.sp
        t = type(e)
        if t is int:
            return sp.Integer(e)
        if t is Symbol:
            return self._symbol_to(e)
        if t is Expr:
            return self._expr_to(e)
        if t is Rational:
            return sp.Rational(e.num, e.den)
        if t is float:
            return sp.Float(e)
        if t is BigReal:
            from ..expr.atoms import digits_to_bits

            # Keep every bit the value carries (Lyra holds guard bits).
            bits = max(digits_to_bits(e.precision), int(e.value._mpf_[3]))
            self.precisions[bits] = e.precision
            return sp.Float(e.value, precision=bits)
        if t is Complex:
            return sp.Add(self._to(e.re), sp.Mul(self._to(e.im), sp.I))
        return self._opaque(e)

    def _opaque(self, e):
        d = self.opaque.get(e)
        if d is None:
            self.count += 1
            d = self.sp.Dummy(f"opaque{self.count}")
            self.opaque[e] = d
            self.back[d] = e
        return d

    def _symbol_to(self, e):
        sp = self.sp
        const = self.tables[2].get(e)
        if const is not None:
            return const
        if e is S.True_:
            return sp.true
        if e is S.False_:
            return sp.false
        if e is S.Indeterminate:
            return sp.nan
        if e is _Degree:
            return sp.pi / 180
        return self.symbol(e)

    def _expr_to(self, e):
        sp = self.sp
        head = e.head
        args = e.args
        if head is S.Plus:
            return sp.Add(*[self.to_sympy_expr(a) for a in args])
        if head is S.Times:
            return self._times_to(args)
        if head is S.Power and len(args) == 2:
            return sp.Pow(self.to_sympy_expr(args[0]), self.to_sympy_expr(args[1]))
        if head is S.List:
            return sp.Tuple(*[self._to(a) for a in args])
        if head is S.DirectedInfinity:
            if not args:
                return sp.zoo
            d = args[0]
            if d == 1 and type(d) is int:
                return sp.oo
            if d == -1 and type(d) is int:
                return -sp.oo
            return sp.Mul(self._to(d), sp.oo)
        tables = self.tables
        if type(head) is Symbol:
            fn = tables[0].get(head)
            if fn is not None:
                return fn(*[self._to(a) for a in args])
            if head is _ArcTan:
                if len(args) == 2:
                    return sp.atan2(self._to(args[1]), self._to(args[0]))
                if len(args) == 1:
                    return sp.atan(self._to(args[0]))
            if head is _Gamma:
                if len(args) == 1:
                    return sp.gamma(self._to(args[0]))
                if len(args) == 2:
                    return sp.uppergamma(self._to(args[0]), self._to(args[1]))
            rel = tables[4].get(head)
            if rel is not None and len(args) >= 2:
                converted = [self._to(a) for a in args]
                pairs = [rel(converted[i], converted[i + 1]) for i in range(len(converted) - 1)]
                return pairs[0] if len(pairs) == 1 else sp.And(*pairs)
            logic = tables[6].get(head)
            if logic is not None:
                return logic(*[self._to(a) for a in args])
            if head is _Piecewise:
                return self._piecewise_to(e)
            if head is _Root and len(args) == 2:
                root = self._root_to(args[0], args[1])
                if root is not None:
                    return root
        elif type(head) is Expr and type(head.head) is Expr and head.head.head is _Derivative:
            return self._derivative_to(head.head.args, head.args, args)
        if type(head) is Symbol or type(head) is Expr:
            return self.function(head)(*[self._to(a) for a in args])
        return self._opaque(e)

    def _times_to(self, args):
        """A product; c (a + b) keeps its shape (SymPy would distribute c).
        Only that one node is built unevaluated: switching distribution off
        globally sends some SymPy constructors into endless recursion."""
        sp = self.sp
        first = args[0]
        if type(first) in (int, Rational) and len(args) == 2:
            rest = self.to_sympy_expr(args[1])
            if isinstance(rest, sp.Add):
                return sp.Mul(self._to(first), rest, evaluate=False)
            return sp.Mul(self._to(first), rest)
        return sp.Mul(*[self.to_sympy_expr(a) for a in args])

    def to_sympy_expr(self, e):
        """e as an operand of Plus, Times or Power. WL does arithmetic on any
        expression (x + True stays symbolic), but SymPy's booleans, relations
        and tuples are no Expr and make Add/Mul/Pow fail: those travel as
        opaque dummies, which convert back to exactly e."""
        s = self._to(e)
        if isinstance(s, self.sp.Expr):
            return s
        return self._opaque(e)

    def function(self, head):
        """The SymPy undefined function standing for a Lyra head."""
        f = self.functions.get(head)
        if f is None:
            if type(head) is Symbol:
                name = head.name if head.context in (GLOBAL, "System`") else head.full_name
            else:
                self.count += 1
                name = f"LyraHead{self.count}"
            if name in self.function_back and self.function_back[name] is not head:
                self.count += 1
                name = f"{name}{self.count}"
            f = self.sp.Function(name)
            self.functions[head] = f
            self.function_back[name] = head
        return f

    def _piecewise_to(self, e):
        sp = self.sp
        args = e.args
        if not args or type(args[0]) is not Expr or args[0].head is not S.List:
            return self.function(e.head)(*[self._to(a) for a in args])
        pieces = []
        for piece in args[0].args:
            if type(piece) is not Expr or len(piece.args) != 2:
                raise Unconvertible(piece)
            pieces.append((self._to(piece.args[0]), self._to(piece.args[1])))
        default = self._to(args[1]) if len(args) > 1 else sp.Integer(0)
        pieces.append((default, sp.true))
        return sp.Piecewise(*pieces)

    def _root_to(self, f, k):
        """Root[p(#1) &, k] -> CRootOf(p(x), k - 1) for a rational polynomial p."""
        sp = self.sp
        if type(f) is not Expr or f.head is not S.Function or len(f.args) != 1 or type(k) is not int:
            return None
        x = sp.Dummy("x")
        body = _replace(f.args[0], Expr(S.Slot, (1,)), _Placeholder)
        self.back[x] = _Placeholder
        self.symbols[_Placeholder] = x
        try:
            poly = sp.Poly(self._to(body), x)
            if not poly.domain.is_QQ and not poly.domain.is_ZZ:
                return None
            return sp.CRootOf(poly, k - 1)
        except Exception:
            return None

    def _derivative_to(self, orders, fs, args):
        """Derivative[n...][f][args] -> Derivative(f(d1, ...), (d1, n1), ...) at args."""
        sp = self.sp
        if len(fs) != 1 or len(orders) != len(args) or not all(type(o) is int and o >= 0 for o in orders):
            raise Unconvertible(orders)
        f = fs[0]
        converted = [self._to(a) for a in args]
        if type(f) is Symbol or type(f) is Expr:
            fn = self.tables[0].get(f) if type(f) is Symbol else None
            if fn is None:
                fn = self.function(f)
        else:
            raise Unconvertible(f)
        # Plain distinct symbols can be the variables themselves; otherwise
        # differentiate in fresh variables and substitute (SymPy's Subs).
        if all(isinstance(c, sp.Symbol) for c in converted) and len(set(converted)) == len(converted):
            spec = [(c, o) for c, o in zip(converted, orders) if o]
            return sp.Derivative(fn(*converted), *spec)
        dummies = [sp.Dummy(f"xi{i}") for i in range(len(args))]
        spec = [(d, o) for d, o in zip(dummies, orders) if o]
        return sp.Subs(sp.Derivative(fn(*dummies), *spec), dummies, converted)

    # ------------------------------------------------------------ SymPy -> Lyra
    def from_sympy(self, s):
        sp = self.sp
        if isinstance(s, (list, tuple)):
            return Expr(S.List, tuple(self.from_sympy(a) for a in s))
        if isinstance(s, bool):
            return S.True_ if s else S.False_
        if isinstance(s, int):
            return s
        if not isinstance(s, sp.Basic):
            raise Unconvertible(s)
        if s.is_Number or s is sp.zoo or s is sp.nan:
            return self._number_from(s)
        if s.is_Symbol:
            value = self.back.get(s)
            if value is not None:
                return value
            return lookup(s.name)
        if s.is_Add:
            return Expr(S.Plus, tuple(self.from_sympy(a) for a in s.args))
        if s.is_Mul:
            return Expr(S.Times, tuple(self.from_sympy(a) for a in s.args))
        if s.is_Pow:
            return Expr(S.Power, (self.from_sympy(s.base), self.from_sympy(s.exp)))
        return self._other_from(s)

    def _number_from(self, s):
        sp = self.sp
        if s is sp.oo:
            return Expr(S.DirectedInfinity, (1,))
        if s is sp.S.NegativeInfinity:
            return Expr(S.DirectedInfinity, (-1,))
        if s is sp.zoo:
            return Expr(S.DirectedInfinity, ())
        if s is sp.nan:
            return S.Indeterminate
        if s.is_Integer:
            return int(s)
        if s.is_Rational:
            return make_rational(int(s.p), int(s.q))
        if s.is_Float:
            prec = s._prec
            if prec <= 53:
                return float(s)
            from ..expr.atoms import mpmath

            mp = mpmath()
            with mp.workprec(prec):
                value = mp.mpf(s._mpf_)
            digits = self.precisions.get(prec)
            if digits is None:
                # digits_to_bits adds 4 guard bits: undo them.
                digits = max(1.0, (prec - 4) / 3.321928094887362)
            return BigReal(value, digits)
        raise Unconvertible(s)

    def _other_from(self, s):
        sp = self.sp
        tables = self.tables
        if s is sp.I:
            return Complex(0, 1)
        if s is sp.true or s is sp.S.true:
            return S.True_
        if s is sp.false or s is sp.S.false:
            return S.False_
        const = tables[3].get(s)
        if const is not None:
            return const
        func = s.func
        args = s.args
        if func is sp.exp:
            return Expr(S.Power, (S.E, self.from_sympy(args[0])))
        if func is sp.atan2:
            return Expr(_ArcTan, (self.from_sympy(args[1]), self.from_sympy(args[0])))
        if func is sp.log and len(args) == 2:
            return Expr(system("Log"), (self.from_sympy(args[1]), self.from_sympy(args[0])))
        if isinstance(s, sp.core.function.AppliedUndef):
            name = func.__name__
            head = self.function_back.get(name)
            if head is None:
                head = lookup(name)
            return Expr(head, tuple(self.from_sympy(a) for a in args))
        head = tables[1].get(func)
        if head is not None:
            return Expr(head, tuple(self.from_sympy(a) for a in args))
        rel = tables[5].get(func)
        if rel is not None:
            return Expr(rel, (self.from_sympy(s.lhs), self.from_sympy(s.rhs)))
        logic = tables[7].get(func)
        if logic is not None:
            return Expr(logic, tuple(self.from_sympy(a) for a in args))
        if isinstance(s, sp.Tuple):
            return Expr(S.List, tuple(self.from_sympy(a) for a in args))
        if isinstance(s, sp.Piecewise):
            return self._piecewise_from(s)
        if isinstance(s, sp.Derivative):
            return self._derivative_from(s)
        if isinstance(s, sp.Subs):
            return self._subs_from(s)
        if isinstance(s, sp.Integral):
            return self._integral_from(s)
        if isinstance(s, sp.Sum):
            return self._limits_from(_Sum, s)
        if isinstance(s, sp.polys.rootoftools.ComplexRootOf):
            return self._root_from(s)
        if isinstance(s, sp.AccumBounds):
            # Cos[Infinity] and friends: WL's Interval[{min, max}]
            bounds = Expr(S.List, (self.from_sympy(s.min), self.from_sympy(s.max)))
            return Expr(system("Interval"), (bounds,))
        if isinstance(s, sp.Lambda):
            variables = tuple(self.from_sympy(v) for v in s.variables)
            return E(S.Function, Expr(S.List, variables), self.from_sympy(s.expr))
        if isinstance(s, sp.Dummy):
            return self.back.get(s, lookup(s.name))
        if isinstance(s, sp.Function) or isinstance(s, sp.core.function.Application):
            # A SymPy function Lyra has no name for: keep it under its own name.
            name = func.__name__
            return Expr(lookup(name[:1].upper() + name[1:]), tuple(self.from_sympy(a) for a in args))
        raise Unconvertible(s)

    def _piecewise_from(self, s):
        sp = self.sp
        pieces = []
        default = 0
        for value, cond in s.args:
            if cond is sp.true or cond == True:  # noqa: E712 (SymPy's true)
                default = self.from_sympy(value)
                break
            pieces.append(Expr(S.List, (self.from_sympy(value), self.from_sympy(cond))))
        if not pieces:
            return default
        return Expr(_Piecewise, (Expr(S.List, tuple(pieces)), default))

    def _derivative_from(self, s):
        sp = self.sp
        expr = s.expr
        counts = dict(s.variable_count)
        if isinstance(expr, sp.core.function.AppliedUndef) and all(
            v in expr.args for v in counts
        ) and len(set(expr.args)) == len(expr.args):
            orders = tuple(int(counts.get(a, 0)) for a in expr.args)
            f = self.from_sympy(expr).head
            return Expr(Expr(Expr(_Derivative, orders), (f,)), tuple(self.from_sympy(a) for a in expr.args))
        specs = [
            Expr(S.List, (self.from_sympy(v), int(n))) if n != 1 else self.from_sympy(v)
            for v, n in s.variable_count
        ]
        return Expr(_D, (self.from_sympy(expr),) + tuple(specs))

    def _subs_from(self, s):
        sp = self.sp
        expr, variables, points = s.args
        if isinstance(expr, sp.Derivative):
            inner = expr.expr
            counts = dict(expr.variable_count)
            if isinstance(inner, sp.core.function.AppliedUndef) and tuple(inner.args) == tuple(variables):
                orders = tuple(int(counts.get(v, 0)) for v in variables)
                f = self.from_sympy(inner).head
                return Expr(
                    Expr(Expr(_Derivative, orders), (f,)), tuple(self.from_sympy(p) for p in points)
                )
        # General substitution: ReplaceAll[expr, {v -> p, ...}]
        rules = tuple(
            Expr(S.Rule, (self.from_sympy(v), self.from_sympy(p))) for v, p in zip(variables, points)
        )
        return Expr(S.ReplaceAll, (self.from_sympy(expr), Expr(S.List, rules)))

    def _limit_specs(self, s):
        """WL iterator specs of a SymPy Sum/Integral: {x, a, b} or bare x."""
        specs = []
        for limit in s.limits:
            if len(limit) == 3:
                specs.append(Expr(S.List, tuple(self.from_sympy(a) for a in limit)))
            else:
                specs.append(self.from_sympy(limit[0]))
        return specs

    def _limits_from(self, head, s):
        return Expr(head, (self.from_sympy(s.function),) + tuple(self._limit_specs(s)))

    def _integral_from(self, s):
        # SymPy lists the innermost integration first; WL the outermost.
        return Expr(_Integrate, (self.from_sympy(s.function),) + tuple(reversed(self._limit_specs(s))))

    def _root_from(self, s):
        """CRootOf(p(x), k) -> Root[p(#1) &, k + 1] (both count real roots
        first). The body is written in WL's order: ascending powers of #1."""
        slot = Expr(S.Slot, (1,))
        terms = []
        for power, c in enumerate(reversed(s.poly.all_coeffs())):
            if c == 0:
                continue
            c = self.from_sympy(c)
            if power == 0:
                terms.append(c)
                continue
            p = slot if power == 1 else Expr(S.Power, (slot, power))
            terms.append(p if c == 1 and type(c) is int else Expr(S.Times, (c, p)))
        body = terms[0] if len(terms) == 1 else Expr(S.Plus, tuple(terms))
        return Expr(_Root, (Expr(S.Function, (body,)), int(s.index) + 1))


# Stands for #1 while a Root's polynomial is converted.
_Placeholder = Symbol("Lyra`Private`", "rootVariable")


def _replace(e, old, new):
    if e is old or (type(old) is Expr and type(e) is Expr and e == old):
        return new
    if type(e) is Expr:
        return Expr(_replace(e.head, old, new), tuple(_replace(a, old, new) for a in e.args))
    return e


# ---------------------------------------------------------------- running SymPy
class _Stop(BaseException):
    """Raised inside the SymPy thread to end it when the caller gives up."""


_STACK_BYTES = 256 * 1024 * 1024
_POLL_SECONDS = 0.02


def run_sympy(ev, fn, *args, **kwargs):
    """fn(*args, **kwargs) on a worker thread, polling the evaluator for
    interrupts (Ctrl-C, TimeConstrained, Abort) while it runs.

    Returns fn's value, or None when SymPy raised an error (SymPy gives up on
    many inputs by raising; callers then return unevaluated). An interrupt
    stops the worker and propagates as the evaluator's signal. The worker has
    a large stack: SymPy recurses deeply on big inputs.
    """
    box: list = []

    def work():
        try:
            with warnings.catch_warnings():
                # SymPy's deprecation notes are not the Lyra user's business.
                warnings.simplefilter("ignore")
                box.append((True, fn(*args, **kwargs)))
        except _Stop:
            box.append((False, None))
        except BaseException as error:  # SymPy's errors: NotImplementedError, ValueError, ...
            box.append((False, error))

    previous = threading.stack_size(_STACK_BYTES)
    try:
        worker = threading.Thread(target=work, daemon=True, name="lyra-sympy")
        worker.start()
    finally:
        threading.stack_size(previous)
    try:
        while worker.is_alive():
            worker.join(_POLL_SECONDS)
            if ev.pending is not None:
                _stop(worker)
                ev.check_interrupt()
    except BaseException:
        _stop(worker)
        raise
    if not box:
        return None
    ok, value = box[0]
    if ok:
        return value
    if isinstance(value, (AbortSignal, KeyboardInterrupt)):
        raise value
    if isinstance(value, (MemoryError, RecursionError)):
        return None
    return None


def _stop(worker: threading.Thread) -> None:
    """Ask the worker thread to stop at its next Python instruction."""
    if worker.is_alive() and worker.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(_Stop))
        worker.join(1.0)


def sympy_call(ev, bridge, fn, *args, **kwargs):
    """run_sympy, then convert the result back to Lyra (None when either fails)."""
    result = run_sympy(ev, fn, *args, **kwargs)
    if result is None:
        return None
    try:
        return bridge.from_sympy(result)
    except Unconvertible:
        return None
    except Exception:
        return None


def to_sympy_checked(bridge, e):
    """bridge.to_sympy(e), or None when e has no SymPy form."""
    try:
        return bridge.to_sympy(e)
    except Unconvertible:
        return None
    except Exception:
        return None


__all__ = ["Bridge", "Unconvertible", "run_sympy", "sympy", "sympy_call", "to_sympy_checked"]
