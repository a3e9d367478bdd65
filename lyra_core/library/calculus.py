"""Native differentiation: D and Derivative.

D[f, x] walks f once, building the derivative as an unevaluated expression
that the evaluator then puts into normal form. A subexpression free of x
differentiates to the Python int 0, which doubles as the "free of x" test, so
no separate dependency search is needed.

Derivative[n1, ..., nk][f] evaluates to a pure function when f is a known
elementary function, a pure function, or a symbol with definitions
(Derivative[1][Sin] is Cos[#1] &); otherwise it stays as it is, so
D[f[x], x] is Derivative[1][f][x]. That evaluation is a SubValue of
Derivative installed at import (WL defines it the same way), with the work
done by a private builtin.
"""

from __future__ import annotations

from ..engine import messages
from ..expr import system_symbols as S
from ..expr.atoms import Rational
from ..expr.normal import E, Expr
from ..expr import symbol as symtab
from ..expr.symbol import Symbol, freeze_pristine, intern, system
from . import numeric_tower as nt
from .registry import Builtin, builtin, declare

Plus = S.Plus
Times = S.Times
Power = S.Power
List = S.List
Derivative = S.Derivative
Function = S.Function
Slot = S.Slot

_sym = system
Log = _sym("Log")
Sin, Cos, Tan, Cot, Sec, Csc = (_sym(n) for n in ("Sin", "Cos", "Tan", "Cot", "Sec", "Csc"))
Sinh, Cosh, Tanh, Coth, Sech, Csch = (_sym(n) for n in ("Sinh", "Cosh", "Tanh", "Coth", "Sech", "Csch"))
Piecewise = _sym("Piecewise")
D_ = _sym("D")

messages.define("General", "ivar", "`1` is not a valid variable.")
messages.define(
    "D",
    "dvar",
    "Multiple derivative specifier `1` does not have the form {variable, n} where n is a "
    "symbolic expression or a non-negative integer.",
)

_HALF = Rational(1, 2)
_MINUS_HALF = Rational(-1, 2)


def _neg(x):
    return E(Times, -1, x)


def _inv(x):
    return E(Power, x, -1)


def _sq(x):
    return E(Power, x, 2)


def _one_minus_sq(u):
    return E(Plus, 1, E(Times, -1, _sq(u)))


def _one_plus_sq(u):
    return E(Plus, 1, _sq(u))


def _gaussian(u, sign):
    # 2 E^(sign u^2) / Sqrt[Pi]
    return E(Times, 2, E(Power, S.E, E(Times, sign, _sq(u))), E(Power, S.Pi, _MINUS_HALF))


# First derivatives of one-argument functions, as builders of f'(u).
# The forms are WL's (D[ArcSec[x], x] is 1/(Sqrt[1 - 1/x^2] x^2), ...).
_TABLE = {
    Sin: lambda u: E(Cos, u),
    Cos: lambda u: _neg(E(Sin, u)),
    Tan: lambda u: _sq(E(Sec, u)),
    Cot: lambda u: _neg(_sq(E(Csc, u))),
    Sec: lambda u: E(Times, E(Sec, u), E(Tan, u)),
    Csc: lambda u: E(Times, -1, E(Cot, u), E(Csc, u)),
    Sinh: lambda u: E(Cosh, u),
    Cosh: lambda u: E(Sinh, u),
    Tanh: lambda u: _sq(E(Sech, u)),
    Coth: lambda u: _neg(_sq(E(Csch, u))),
    Sech: lambda u: E(Times, -1, E(Sech, u), E(Tanh, u)),
    Csch: lambda u: E(Times, -1, E(Coth, u), E(Csch, u)),
    _sym("ArcSin"): lambda u: E(Power, _one_minus_sq(u), _MINUS_HALF),
    _sym("ArcCos"): lambda u: _neg(E(Power, _one_minus_sq(u), _MINUS_HALF)),
    _sym("ArcTan"): lambda u: _inv(_one_plus_sq(u)),
    _sym("ArcCot"): lambda u: _neg(_inv(_one_plus_sq(u))),
    _sym("ArcSec"): lambda u: _inv(
        E(Times, E(Power, E(Plus, 1, E(Times, -1, E(Power, u, -2))), _HALF), _sq(u))
    ),
    _sym("ArcCsc"): lambda u: _neg(
        _inv(E(Times, E(Power, E(Plus, 1, E(Times, -1, E(Power, u, -2))), _HALF), _sq(u)))
    ),
    _sym("ArcSinh"): lambda u: E(Power, _one_plus_sq(u), _MINUS_HALF),
    _sym("ArcCosh"): lambda u: _inv(
        E(Times, E(Power, E(Plus, -1, u), _HALF), E(Power, E(Plus, 1, u), _HALF))
    ),
    _sym("ArcTanh"): lambda u: _inv(_one_minus_sq(u)),
    _sym("ArcCoth"): lambda u: _inv(_one_minus_sq(u)),
    _sym("ArcSech"): lambda u: _neg(
        _inv(
            E(
                Times,
                u,
                E(Power, E(Times, E(Plus, 1, _neg(u)), _inv(E(Plus, 1, u))), _HALF),
                E(Plus, 1, u),
            )
        )
    ),
    _sym("ArcCsch"): lambda u: _neg(
        _inv(E(Times, E(Power, E(Plus, 1, E(Power, u, -2)), _HALF), _sq(u)))
    ),
    Log: lambda u: _inv(u),
    _sym("Exp"): lambda u: E(Power, S.E, u),
    _sym("Erf"): lambda u: _gaussian(u, -1),
    _sym("Erfc"): lambda u: _neg(_gaussian(u, -1)),
    _sym("Erfi"): lambda u: _gaussian(u, 1),
    _sym("Gamma"): lambda u: E(Times, E(_sym("Gamma"), u), E(_sym("PolyGamma"), 0, u)),
    _sym("LogGamma"): lambda u: E(_sym("PolyGamma"), 0, u),
    _sym("ProductLog"): lambda u: E(
        Times, E(_sym("ProductLog"), u), _inv(E(Times, u, E(Plus, 1, E(_sym("ProductLog"), u))))
    ),
    _sym("ExpIntegralEi"): lambda u: E(Times, E(Power, S.E, u), _inv(u)),
    _sym("SinIntegral"): lambda u: E(Times, E(Sin, u), _inv(u)),
    _sym("CosIntegral"): lambda u: E(Times, E(Cos, u), _inv(u)),
    _sym("SinhIntegral"): lambda u: E(Times, E(Sinh, u), _inv(u)),
    _sym("CoshIntegral"): lambda u: E(Times, E(Cosh, u), _inv(u)),
    _sym("LogIntegral"): lambda u: _inv(E(Log, u)),
    _sym("Sqrt"): lambda u: E(Times, _HALF, E(Power, u, _MINUS_HALF)),
}

# Functions whose Derivative[n][f] evaluates to a pure function.
_KNOWN = frozenset(_TABLE) | {_sym("Log2"), _sym("Log10"), _sym("Identity")}


def _is_zero(d) -> bool:
    return type(d) is int and d == 0


def _is_var(e, x) -> bool:
    return e is x or (type(e) is Expr and type(x) is Expr and e == x)


class _Differentiator:
    """d/dx of one expression; 0 (the int) means 'free of x'."""

    __slots__ = ("ev", "x", "steps")

    def __init__(self, ev, x):
        self.ev = ev
        self.x = x
        self.steps = 0

    def d(self, e):
        if _is_var(e, self.x):
            return 1
        if type(e) is not Expr:
            return 0
        self.steps += 1
        if self.steps & 1023 == 0:
            self.ev.check_interrupt()
        head = e.head
        args = e.args
        if head is Plus:
            parts = [p for p in map(self.d, args) if not _is_zero(p)]
            if not parts:
                return 0
            return parts[0] if len(parts) == 1 else Expr(Plus, tuple(parts))
        if head is Times:
            return self._product(args)
        if head is Power and len(args) == 2:
            return self._power(e, args[0], args[1])
        if type(head) is Symbol:
            rule = _TABLE.get(head)
            if rule is not None and len(args) == 1:
                du = self.d(args[0])
                if _is_zero(du):
                    return 0
                outer = rule(args[0])
                return outer if du == 1 and type(du) is int else Expr(Times, (outer, du))
            if head is Piecewise:
                return self._piecewise(args)
            if head is List:
                parts = tuple(self.d(a) for a in args)
                if all(_is_zero(p) for p in parts):
                    return 0
                return Expr(List, parts)
            special = _SPECIAL.get(head.name)
            if special is not None:
                result = special(self, args)
                if result is not None:
                    return result
        return self._unknown(head, args)

    def _product(self, args):
        ds = [self.d(a) for a in args]
        terms = []
        for i, di in enumerate(ds):
            if _is_zero(di):
                continue
            factors = list(args[:i])
            if not (type(di) is int and di == 1):
                if type(di) is Expr and di.head is Times:
                    factors.extend(di.args)  # spliced: one product, not nested ones
                else:
                    factors.append(di)
            factors.extend(args[i + 1:])
            terms.append(_product_of(factors))
        if not terms:
            return 0
        return terms[0] if len(terms) == 1 else Expr(Plus, tuple(terms))

    def _power(self, e, b, k):
        db = self.d(b)
        dk = self.d(k)
        if _is_zero(dk):
            if _is_zero(db):
                return 0
            # k b^(k-1) b'
            if type(k) in (int, Rational) or nt.is_number(k):
                k1 = nt.add(k, -1)
            else:
                k1 = Expr(Plus, (-1, k))
            power = b if type(k1) is int and k1 == 1 else _normal_power(b, k1)
            if type(db) is int and db == 1:
                return Expr(Times, (k, power))
            return Expr(Times, (k, power, db))
        if _is_zero(db):
            # b^k Log[b] k'
            return Expr(Times, (e, Expr(Log, (b,)), dk))
        # b^k (k' Log[b] + k b'/b)
        inner = Expr(Plus, (Expr(Times, (dk, Expr(Log, (b,)))), Expr(Times, (k, db, Expr(Power, (b, -1))))))
        return Expr(Times, (e, inner))

    def _piecewise(self, args):
        # D of each branch, conditions kept (WL does the same, ignoring the
        # points where the pieces meet).
        if not args or type(args[0]) is not Expr or args[0].head is not List:
            return self._unknown(Piecewise, args)
        pieces = []
        any_dependent = False
        for piece in args[0].args:
            if type(piece) is not Expr or piece.head is not List or len(piece.args) != 2:
                return self._unknown(Piecewise, args)
            dv = self.d(piece.args[0])
            any_dependent = any_dependent or not _is_zero(dv)
            pieces.append(Expr(List, (dv, piece.args[1])))
        default = args[1] if len(args) > 1 else 0
        dd = self.d(default)
        if not any_dependent and _is_zero(dd):
            return 0
        return Expr(Piecewise, (Expr(List, tuple(pieces)), dd))

    def _unknown(self, head, args):
        """f[u1, ..., uk]: sum over i of Derivative[0, .., 1, .., 0][f][u...] ui'."""
        n = len(args)
        if type(head) is Expr and type(head.head) is Expr and head.head.head is Derivative:
            # Derivative[n1, ..., nk][f][args]: raise the order of argument i.
            orders = head.head.args
            f = head.args[0] if head.args else None
            if len(orders) == n and len(head.args) == 1:
                return self._partials(args, lambda i: _derivative_head(_bump(orders, i), f))
        if n == 0:
            return 0
        return self._partials(args, lambda i: _derivative_head(_unit(n, i), head))

    def _partials(self, args, head_for):
        terms = []
        for i, a in enumerate(args):
            da = self.d(a)
            if _is_zero(da):
                continue
            call = Expr(head_for(i), args)
            terms.append(call if type(da) is int and da == 1 else Expr(Times, (call, da)))
        if not terms:
            return 0
        return terms[0] if len(terms) == 1 else Expr(Plus, tuple(terms))


def _plain_symbol(b) -> bool:
    return type(b) is Symbol and b.ownvalue is None and not b.upvalues and b is not S.Indeterminate


def _normal_power(b, k):
    """b^k, marked as already evaluated when that is its normal form for
    certain (a plain symbol to an exact power other than 0 and 1): a
    polynomial's derivative is mostly such powers."""
    p = Expr(Power, (b, k))
    if (type(k) is int or type(k) is Rational) and k != 0 and _plain_symbol(b) and not (
        Power.downvalues or Power.upvalues
    ):
        p.evaluated = symtab.epoch[0]
    return p


def _product_of(factors):
    """Times of the factors with their exact numbers multiplied out here."""
    number = 1
    rest = []
    for f in factors:
        if type(f) is int or type(f) is Rational:
            number = nt.mul(number, f) if type(number) is not int or type(f) is not int else number * f
        else:
            rest.append(f)
    if type(number) is int and number == 0:
        return 0
    if not (type(number) is int and number == 1):
        rest.insert(0, number)
    if not rest:
        return 1
    if len(rest) == 1:
        return rest[0]
    product = Expr(Times, tuple(rest))
    if (
        len(rest) == 2
        and type(rest[0]) in (int, Rational)
        and type(rest[1]) is Expr
        and rest[1].head is Power
        and rest[1].evaluated == symtab.epoch[0]
        and not (Times.downvalues or Times.upvalues)
    ):
        product.evaluated = symtab.epoch[0]  # c x^k: normal as it stands
    return product


def _unit(n, i):
    return tuple(1 if j == i else 0 for j in range(n))


def _bump(orders, i):
    out = list(orders)
    o = out[i]
    out[i] = o + 1 if type(o) is int else Expr(Plus, (1, o))
    return tuple(out)


def _derivative_head(orders, f):
    return Expr(Expr(Derivative, tuple(orders)), (f,))


# Two-argument functions with a known partial derivative in some argument.
def _arctan2(dv, args):
    if len(args) != 2:
        return None
    x, y = args
    dx, dy = dv.d(x), dv.d(y)
    if _is_zero(dx) and _is_zero(dy):
        return 0
    # d ArcTan[x, y] = (x dy - y dx) / (x^2 + y^2)
    numerator = Expr(Plus, (Expr(Times, (x, dy)), Expr(Times, (-1, y, dx))))
    return Expr(Times, (numerator, Expr(Power, (Expr(Plus, (_sq(x), _sq(y))), -1))))


def _polygamma(dv, args):
    if len(args) != 2:
        return None
    n, z = args
    if not _is_zero(dv.d(n)):
        return None
    dz = dv.d(z)
    if _is_zero(dz):
        return 0
    return Expr(Times, (Expr(_sym("PolyGamma"), (Expr(Plus, (1, n)), z)), dz))


def _series(dv, args):
    from .symbolic_series import series_derivative

    return series_derivative(dv.ev, Expr(system("SeriesData"), args), dv.x, dv.d)


_SPECIAL = {"ArcTan": _arctan2, "PolyGamma": _polygamma, "SeriesData": _series}


# ---------------------------------------------------------------- D
def differentiate(ev, f, x):
    """D[f, x] as an unevaluated expression (lists and equations mapped)."""
    if type(f) is Expr and f.head in _MAPPED:
        return Expr(f.head, tuple(differentiate(ev, a, x) for a in f.args))
    return _Differentiator(ev, x).d(f)


_MAPPED = frozenset(
    system(name)
    for name in ("List", "Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual", "And", "Or", "Not", "Rule")
)


def _valid_variable(v) -> bool:
    t = type(v)
    if t is Symbol:
        return True
    if t is Expr:
        return not (v.head is List)
    return False


def _nth(ev, f, x, n):
    for _ in range(n):
        f = ev.evaluate(differentiate(ev, f, x))
        ev.check_interrupt()
    return f


def _gradient(ev, f, variables):
    if type(f) is Expr and f.head is List:
        return Expr(List, tuple(_gradient(ev, a, variables) for a in f.args))
    return Expr(List, tuple(ev.evaluate(differentiate(ev, f, v)) for v in variables))


@builtin(
    "D",
    nargs=(1, None),
    attributes=("Protected", "ReadProtected"),
    usage="D[f, x] gives the partial derivative of f with respect to x; D[f, {x, n}] the n-th "
    "derivative; D[f, x, y, ...] the mixed derivative; D[f, {{x, y, ...}}] the gradient. Unknown "
    "functions give Derivative[...][f][...]; lists and equations are differentiated element by "
    "element.\n"
    "Example: D[Sin[x]^2, x] gives 2*Cos[x]*Sin[x]",
)
def d_(ev, f, *specs):
    result = f
    for spec in specs:
        if type(spec) is Expr and spec.head is List:
            items = spec.args
            if len(items) == 1 and type(items[0]) is Expr and items[0].head is List:
                variables = items[0].args
                if not all(_valid_variable(v) for v in variables):
                    ev.message(D_, "ivar", items[0])
                    return None
                result = _gradient(ev, result, variables)
                continue
            if len(items) in (1, 2):
                var = items[0]
                n = items[1] if len(items) == 2 else 1
                if type(n) is not int or n < 0:
                    ev.message(D_, "dvar", spec)
                    return None
                if type(var) is Expr and var.head is List:
                    if not all(_valid_variable(v) for v in var.args):
                        ev.message(D_, "ivar", var)
                        return None
                    for _ in range(n):
                        result = _gradient(ev, result, var.args)
                    continue
                if not _valid_variable(var):
                    ev.message(D_, "ivar", var)
                    return None
                result = _nth(ev, result, var, n)
                continue
            ev.message(D_, "dvar", spec)
            return None
        if type(spec) is Expr and spec.head in (S.Rule, S.RuleDelayed):
            continue  # options such as NonConstants: not supported, ignored
        if not _valid_variable(spec):
            ev.message(D_, "ivar", spec)
            return None
        result = ev.evaluate(differentiate(ev, result, spec))
    return result


# ---------------------------------------------------------------- Derivative
declare(
    "Derivative",
    attributes=("NHoldAll", "ReadProtected"),
    usage="Derivative[n1, n2, ...][f] is the derivative of f, taken n1 times in its first "
    "argument, n2 times in its second, ...; f' is Derivative[1][f]. For known functions and pure "
    "functions it evaluates to a pure function.\n"
    "Example: Derivative[1][Sin] gives Cos[#1] & ; D[f[x], x] gives Derivative[1][f][x]",
)

# Results computed by the rule's test, handed to its right side.
_cache: dict = {}
_in_progress: set = set()
_CACHE_LIMIT = 256


def private_builtin(name: str, fn, nargs: int) -> Symbol:
    """A builtin in the Lyra`Private` context (not visible to Names["*"])."""
    sym = intern("Lyra`Private`" + name)
    sym.builtin = Builtin(name, sym, fn, nargs, nargs, "internal")
    return sym


def _orders_of(spec):
    if type(spec) is not Expr or spec.head is not List:
        return None
    orders = spec.args
    if not orders or not all(type(o) is int and o >= 0 for o in orders):
        return None
    return orders


def _derivative_known(ev, spec, f):
    orders = _orders_of(spec)
    if orders is None:
        return S.False_
    key = (orders, f)
    if key in _cache:
        return S.True_
    if key in _in_progress:
        return S.False_
    value = _derivative_function(ev, orders, f)
    if value is None:
        return S.False_
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[key] = value
    return S.True_


def _derivative_value(ev, spec, f):
    orders = _orders_of(spec)
    key = (orders, f)
    value = _cache.pop(key, None)
    if value is None:
        value = _derivative_function(ev, orders, f) if orders is not None else None
    return value if value is not None else S.Null


def _derivative_function(ev, orders, f):
    """The pure function Derivative[orders][f], or None when it stays symbolic."""
    if all(o == 0 for o in orders):
        return f
    k = len(orders)
    if type(f) is Symbol:
        if not (f in _KNOWN and k == 1) and not f.downvalues:
            return None
    elif not (type(f) is Expr and f.head is Function):
        return None
    key = (orders, f)
    _in_progress.add(key)
    try:
        temps = tuple(intern(f"Lyra`Private`slot{i + 1}") for i in range(k))
        body = ev.evaluate(Expr(f, temps))
        if type(f) is Symbol and f not in _KNOWN and type(body) is Expr and body.head is f:
            return None  # a user f[x] that does not evaluate: nothing to differentiate
        for var, n in zip(temps, orders):
            body = _nth(ev, body, var, n)
    finally:
        _in_progress.discard(key)
    slots = {t: Expr(Slot, (i + 1,)) for i, t in enumerate(temps)}
    return Expr(Function, (_replace_symbols(body, slots),))


def _replace_symbols(e, table):
    t = type(e)
    if t is Symbol:
        return table.get(e, e)
    if t is Expr:
        head = _replace_symbols(e.head, table)
        args = tuple(_replace_symbols(a, table) for a in e.args)
        if head is e.head and all(a is b for a, b in zip(args, e.args)):
            return e
        return Expr(head, args)
    return e


def _install_derivative_rule():
    """Derivative[n__][f_] := value[{n}, f] /; known[{n}, f], a SubValue."""
    from ..patterns import Rule, insert_definition

    known = private_builtin("derivativeKnownQ", _derivative_known, 2)
    value = private_builtin("derivativeValue", _derivative_value, 2)
    n = intern("Lyra`Private`orders")
    f = intern("Lyra`Private`function")
    lhs = E(E(Derivative, E(S.Pattern, n, E(S.BlankSequence))), E(S.Pattern, f, E(S.Blank)))
    rhs = E(S.Condition, E(value, E(List, n), f), E(known, E(List, n), f))
    insert_definition(Derivative.subvalues, Rule(lhs, rhs, True))
    freeze_pristine(Derivative)


_install_derivative_rule()


__all__ = ["differentiate", "private_builtin"]
