"""Numerical calculus: FindRoot (Newton's method, secant method) and NIntegrate
(mpmath's tanh-sinh quadrature).

The functions are evaluated by the Lyra evaluator itself, with the variables
bound as Block would bind them, so user definitions such as
f[x_?NumericQ] := ... work as in WL. Everything runs on machine reals.
"""

from __future__ import annotations

import math

from ..engine import messages
from ..expr import symbol as symtab
from ..expr import system_symbols as S
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import E, Expr
from ..expr.symbol import Symbol
from .calculus import differentiate
from .list_support import split_options
from .numeric_eval import n_value
from .registry import builtin

List = S.List
Rule = S.Rule

messages.define("FindRoot", "cvmit", "Failed to converge to the requested accuracy or precision within `1` iterations.")
messages.define(
    "FindRoot",
    "jsing",
    "Encountered a singular Jacobian at the point `1` = `2`. Try perturbing the initial point(s).",
)
messages.define(
    "FindRoot",
    "nlnum",
    "The function value `1` is not a list of numbers with dimensions `2` at `3` = `4`.",
)
messages.define("FindRoot", "fdss", "Search specification `1` should be a list with 1 to 5 elements.")
messages.define(
    "NIntegrate",
    "inumr",
    "The integrand `1` has evaluated to non-numerical values for all sampling points in the "
    "region with boundaries `2`.",
)
messages.define("NIntegrate", "nlim", "`1` = `2` is not a valid limit of integration.")
messages.define("NIntegrate", "itraw", "Raw object `1` cannot be used as an iterator.")


class _NotNumeric(Exception):
    pass


def _to_python_number(v):
    """A Lyra number as a Python float or complex; _NotNumeric otherwise."""
    t = type(v)
    if t is float:
        return v
    if t is int or t is Rational or t is BigReal:
        return float(v)
    if t is Complex:
        return complex(float(v.re), float(v.im))
    raise _NotNumeric(v)


def _from_python_number(z):
    if type(z) is complex:
        if z.imag == 0.0:
            return z.real
        return Complex(z.real, z.imag)
    return float(z)


class _Bound:
    """Evaluate expressions with symbols bound to numbers (Block-style)."""

    def __init__(self, ev, symbols):
        self.ev = ev
        self.symbols = symbols
        self.saved = None

    def __enter__(self):
        self.saved = [symtab.snapshot(s) for s in self.symbols]
        for s in self.symbols:
            symtab.clear_state(s)
        return self

    def __exit__(self, *exc):
        for s, state in zip(self.symbols, self.saved):
            symtab.restore(s, state)
        return False

    def value(self, e, point):
        """e at the point (a sequence of Python numbers) as a Python number."""
        ev = self.ev
        ev.check_interrupt()
        for s, x in zip(self.symbols, point):
            symtab.touch(s)
            s.ownvalue = _from_python_number(x)
        v = ev.evaluate(e)
        if type(v) not in (float, int, Rational, BigReal, Complex):
            v = n_value(ev, v, None)
        return _to_python_number(v)


# ---------------------------------------------------------------- FindRoot
def _linear_solve(a, b):
    """Solve a x = b by Gaussian elimination with partial pivoting; None if singular."""
    n = len(b)
    m = [list(row) + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-300:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= factor * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        s = m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))
        x[r] = s / m[r][r]
    return x


def _norm(v):
    return math.sqrt(sum(abs(c) ** 2 for c in v))


def _point_text(symbols, point):
    if len(symbols) == 1:
        return symbols[0], _from_python_number(point[0])
    return E(List, *symbols), E(List, *[_from_python_number(p) for p in point])


def _newton(ev, bound, functions, jacobian, symbols, start, max_iterations):
    x = list(start)
    n = len(x)
    try:
        fx = [bound.value(f, x) for f in functions]
    except _NotNumeric:
        var, at = _point_text(symbols, x)
        ev.message("FindRoot", "nlnum", E(List, *functions), E(List, n), var, at)
        return None
    for _ in range(max_iterations):
        if _norm(fx) == 0.0:
            return x
        try:
            if jacobian is not None:
                j = [[bound.value(d, x) for d in row] for row in jacobian]
            else:
                j = _finite_difference_jacobian(bound, functions, x, fx)
        except _NotNumeric:
            j = _finite_difference_jacobian(bound, functions, x, fx)
        step = _linear_solve(j, [-v for v in fx])
        if step is None:
            var, at = _point_text(symbols, x)
            ev.message("FindRoot", "jsing", var, at)
            return x
        # Damped step: halve until the residual does not grow.
        t = 1.0
        base = _norm(fx)
        for _ in range(30):
            candidate = [xi + t * si for xi, si in zip(x, step)]
            try:
                fc = [bound.value(f, candidate) for f in functions]
            except _NotNumeric:
                fc = None
            if fc is not None and (_norm(fc) <= base * (1 - 1e-4 * t) or t < 1e-8):
                break
            t /= 2
        if fc is None:
            return x
        converged = _norm([t * s for s in step]) <= 1e-15 * (1 + _norm(x))
        x, fx = candidate, fc
        if converged or _norm(fx) == 0.0:
            return x
    if _norm(fx) > 1e-8 * (1 + _norm(x)):
        ev.message("FindRoot", "cvmit", max_iterations)
    return x


def _finite_difference_jacobian(bound, functions, x, fx):
    rows = [[0.0] * len(x) for _ in functions]
    for k in range(len(x)):
        h = 1e-7 * max(1.0, abs(x[k]))
        shifted = list(x)
        shifted[k] += h
        values = [bound.value(f, shifted) for f in functions]
        for i in range(len(functions)):
            rows[i][k] = (values[i] - fx[i]) / h
    return rows


def _secant(ev, bound, f, symbol, x0, x1, max_iterations):
    try:
        f0 = bound.value(f, [x0])
        f1 = bound.value(f, [x1])
    except _NotNumeric:
        ev.message("FindRoot", "nlnum", E(List, f), E(List, 1), symbol, _from_python_number(x0))
        return None
    for _ in range(max_iterations):
        if f1 == 0 or x1 == x0:
            return [x1]
        if f1 == f0:
            ev.message("FindRoot", "jsing", symbol, _from_python_number(x1))
            return [x1]
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        x0, f0 = x1, f1
        x1 = x2
        f1 = bound.value(f, [x1])
        if abs(x1 - x0) <= 1e-15 * (1 + abs(x1)):
            return [x1]
    ev.message("FindRoot", "cvmit", max_iterations)
    return [x1]


def _as_function(e):
    """lhs == rhs -> lhs - rhs; anything else as it is."""
    if type(e) is Expr and e.head is S.Equal and len(e.args) == 2:
        return E(S.Plus, e.args[0], E(S.Times, -1, e.args[1]))
    return e


@builtin(
    "FindRoot",
    nargs=(2, None),
    attributes=("HoldAll", "Protected"),
    usage="FindRoot[f, {x, x0}] searches for a numerical root of f (or a solution of lhs == rhs) "
    "by Newton's method starting at x0; FindRoot[f, {x, x0, x1}] uses the secant method; "
    "FindRoot[{f1, f2, ...}, {{x, x0}, {y, y0}, ...}] solves a system. MaxIterations -> n "
    "(default 100).\n"
    "Example: FindRoot[Cos[x] == x, {x, 1}] gives {x -> 0.7390851332151607}",
)
def find_root(ev, f, *rest):
    split = split_options(ev, "FindRoot", rest, {"MaxIterations": 100, "WorkingPrecision": None,
                                                  "AccuracyGoal": None, "PrecisionGoal": None}, (f,) + rest)
    if split is None:
        return None
    specs, options = split
    max_iterations = ev.evaluate(options["MaxIterations"])
    if type(max_iterations) is not int or max_iterations < 1:
        max_iterations = 100
    if len(specs) == 1 and type(specs[0]) is Expr and specs[0].head is List and specs[0].args and all(
        type(a) is Expr and a.head is List for a in specs[0].args
    ):
        specs = specs[0].args
    starts = []
    symbols = []
    for spec in specs:
        if type(spec) is not Expr or spec.head is not List or not 2 <= len(spec.args) <= 5 or type(spec.args[0]) is not Symbol:
            ev.message("FindRoot", "fdss", spec)
            return None
        symbols.append(spec.args[0])
        values = [ev.evaluate(a) for a in spec.args[1:]]
        starts.append(values)
    body = ev.evaluate(f) if not _mentions_any(f, symbols) else f
    items = body.args if type(body) is Expr and body.head is List else (body,)
    functions = [_as_function(g) for g in items]
    if len(functions) != len(symbols):
        return None
    with _Bound(ev, symbols) as bound:
        try:
            first = [_to_python_number(n_value(ev, s[0], None)) for s in starts]
        except _NotNumeric:
            ev.message("FindRoot", "fdss", specs[0])
            return None
        if len(symbols) == 1 and len(starts[0]) >= 2 and len(starts[0]) != 4:
            try:
                second = _to_python_number(n_value(ev, starts[0][1], None))
            except _NotNumeric:
                return None
            root = _secant(ev, bound, functions[0], symbols[0], first[0], second, max_iterations)
        else:
            jacobian = _symbolic_jacobian(ev, functions, symbols)
            root = _newton(ev, bound, functions, jacobian, symbols, first, max_iterations)
    if root is None:
        return None
    return Expr(List, tuple(Expr(Rule, (s, _from_python_number(v))) for s, v in zip(symbols, root)))


def _mentions_any(e, symbols) -> bool:
    from .polynomials import depends_on_any

    return depends_on_any(e, symbols)


def _symbolic_jacobian(ev, functions, symbols):
    """[[D[f_i, x_j]]] evaluated symbolically, or None when D leaves unknown
    derivatives (then finite differences are used)."""
    rows = []
    for f in functions:
        row = []
        for s in symbols:
            with _Unbound(s):
                d = ev.evaluate(differentiate(ev, ev.evaluate(f), s))
            if _has_derivative(d):
                return None
            row.append(d)
        rows.append(row)
    return rows


class _Unbound:
    """The symbol without a value while the derivative is taken."""

    def __init__(self, s):
        self.s = s

    def __enter__(self):
        self.saved = symtab.snapshot(self.s)
        symtab.clear_state(self.s)

    def __exit__(self, *exc):
        symtab.restore(self.s, self.saved)
        return False


def _has_derivative(e) -> bool:
    if type(e) is not Expr:
        return False
    h = e.head
    while type(h) is Expr:
        if h.head is S.Derivative:
            return True
        h = h.head
    return _has_derivative(e.head) or any(_has_derivative(a) for a in e.args)


# ---------------------------------------------------------------- NIntegrate
def _quad_bound(ev, value):
    """A quadrature limit as an mpmath number (±inf allowed), or None."""
    from ..expr.atoms import mpmath

    mp = mpmath()
    if type(value) is Expr and value.head is S.DirectedInfinity and len(value.args) == 1:
        d = value.args[0]
        if type(d) is int:
            return mp.inf if d > 0 else -mp.inf
        return None
    try:
        return _to_python_number(n_value(ev, value, None))
    except _NotNumeric:
        return None


@builtin(
    "NIntegrate",
    nargs=(2, None),
    attributes=("HoldAll", "Protected"),
    usage="NIntegrate[f, {x, a, b}] gives a numerical approximation to the integral of f from a "
    "to b (either may be infinite); several {x, a, b} give a multiple integral (the last "
    "innermost; its limits may depend on the outer variables).\n"
    "Example: NIntegrate[Sin[x], {x, 0, Pi}] gives 2.",
)
def nintegrate(ev, f, *rest):
    split = split_options(ev, "NIntegrate", rest, {"WorkingPrecision": None, "PrecisionGoal": None,
                                                    "AccuracyGoal": None, "Method": None,
                                                    "MaxRecursion": None}, (f,) + rest)
    if split is None:
        return None
    specs, _ = split
    if not specs:
        return None
    symbols = []
    limits = []
    for spec in specs:
        if type(spec) is not Expr or spec.head is not List or len(spec.args) < 3 or type(spec.args[0]) is not Symbol:
            ev.message("NIntegrate", "itraw", spec)
            return None
        symbols.append(spec.args[0])
        limits.append(spec.args[1:])
    from ..expr.atoms import mpmath

    mp = mpmath()
    integrand = f
    failures = [0]
    evaluations = [0]

    with _Bound(ev, symbols) as bound:
        def integrate_level(level, point):
            lo_hi = []
            for lim in limits[level]:
                value = bound_value_expr(lim, point, level)
                if value is None:
                    return None
                lo_hi.append(value)

            def g(t):
                inner = point + [complex(t) if isinstance(t, mp.mpc) else float(t)]
                if level + 1 < len(symbols):
                    v = integrate_level(level + 1, inner)
                    return 0 if v is None else v
                evaluations[0] += 1
                try:
                    value = bound.value(integrand, inner)
                except _NotNumeric:
                    failures[0] += 1
                    return mp.nan
                return mp.mpc(value) if type(value) is complex else mp.mpf(value)

            return mp.quad(g, lo_hi)

        def bound_value_expr(lim, point, level):
            if level == 0:
                return _quad_bound(ev, ev.evaluate(lim))
            for s, x in zip(symbols, point):
                symtab.touch(s)
                s.ownvalue = _from_python_number(x)
            return _quad_bound(ev, ev.evaluate(lim))

        first = [_quad_bound(ev, ev.evaluate(lim)) for lim in limits[0]]
        if any(v is None for v in first):
            bad = next(lim for lim, v in zip(limits[0], first) if v is None)
            ev.message("NIntegrate", "nlim", symbols[0], ev.evaluate(bad))
            return None
        with mp.workdps(15):
            try:
                result = integrate_level(0, [])
            except (ZeroDivisionError, OverflowError, ValueError):
                result = None
    if result is None or failures[0] and failures[0] == evaluations[0]:
        region = E(List, *[E(List, *lim) for lim in limits])
        ev.message("NIntegrate", "inumr", f, region)
        return None
    if isinstance(result, mp.mpc):
        re, im = float(result.real), float(result.imag)
        if abs(im) <= 1e-14 * max(1.0, abs(re)):
            value = re
        else:
            if abs(re) <= 1e-14 * abs(im):
                re = 0.0  # quadrature noise
            return Complex(re, im)
    else:
        value = float(result)
    if math.isnan(value):
        region = E(List, *[E(List, *lim) for lim in limits])
        ev.message("NIntegrate", "inumr", f, region)
        return None
    return value


__all__ = ["find_root", "nintegrate"]
