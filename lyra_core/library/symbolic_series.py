"""Power series: Series, SeriesData, O, and Normal of a SeriesData.

SeriesData[x, x0, {c0, c1, ...}, nmin, nmax, den] stands for
    sum_k c_k (x - x0)^((nmin + k)/den) + O[x - x0]^(nmax/den)
(powers of 1/x when x0 is Infinity), exactly as in WL. Series computes the
coefficients with SymPy; sums, products and integer powers of SeriesData
(which is what `1 + x + O[x]^2` is) go through SymPy's order arithmetic.
They are UpValues of SeriesData installed at import, as WL attaches them.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

from ..engine import messages
from ..expr import system_symbols as S
from ..expr.atoms import Rational, make_rational
from ..expr.normal import E, Expr
from ..expr.symbol import Symbol, freeze_pristine, intern, system
from .calculus import private_builtin
from .polynomials import contains
from .registry import builtin, declare
from .symbolic import back
from .sympy_bridge import Bridge, run_sympy, to_sympy_checked

List = S.List
SeriesData = system("SeriesData")

messages.define("Series", "sspec", "Series specification `1` is not a list with three elements.")

declare(
    "SeriesData",
    attributes=("Protected", "ReadProtected"),
    usage="SeriesData[x, x0, {a0, a1, ...}, nmin, nmax, den] is a power series in x - x0: "
    "the sum of a_k (x - x0)^((nmin + k)/den) plus O[x - x0]^(nmax/den). Series gives it; Normal "
    "turns it into an ordinary expression.\n"
    "Example: Series[Exp[x], {x, 0, 3}] gives SeriesData[x, 0, {1, 1, 1/2, 1/6}, 0, 4, 1]",
)


# ---------------------------------------------------------------- SymPy side
def _point_substitution(sp, x, point):
    """(expression for x in terms of t, t) for expanding about point."""
    t = sp.Dummy("t")
    if point is sp.oo:
        return 1 / t, t
    if point is -sp.oo:
        return -1 / t, t
    return point + t, t


def _split_power(sp, term, t):
    """(coefficient, exponent of t) for one term; the coefficient may hold log(t)."""
    exponent = sp.Integer(0)
    rest = []
    for f in sp.Mul.make_args(term):
        base, k = f.as_base_exp()
        if base == t and k.is_Rational:
            exponent += k
        else:
            rest.append(f)
    return sp.Mul(*rest), exponent


def _series_terms(sp, expansion, t, cutoff):
    """{exponent: coefficient} of the terms with exponent <= cutoff, and the
    order of the O term SymPy reported (None if the expansion is exact)."""
    order = expansion.getO() if hasattr(expansion, "getO") else None
    order_exponent = None
    if order is not None:
        o_expr = order.expr
        _, order_exponent = _split_power(sp, o_expr, t)
    terms: dict = {}
    for term in sp.Add.make_args(sp.expand(expansion.removeO() if order is not None else expansion)):
        if term == 0:
            continue
        coefficient, exponent = _split_power(sp, term, t)
        if coefficient.has(t) and not coefficient.has(sp.log):
            return None, order_exponent  # not a power series in t (yet)
        if cutoff is not None and exponent > cutoff:
            continue
        terms[exponent] = terms.get(exponent, 0) + coefficient
    return terms, order_exponent


def _series_worker(sp, value, x, point, n):
    g, t = _point_substitution(sp, x, point)
    h = value.subs(x, g)
    expansion = sp.series(h, t, 0, n + 1)
    terms, _ = _series_terms(sp, expansion, t, n)
    if terms is None:
        return None
    # log(t) back in terms of x
    log_back = sp.log(x - point) if point not in (sp.oo, -sp.oo) else -sp.log(x if point is sp.oo else -x)
    return {k: sp.expand(c).subs(sp.log(t), log_back) for k, c in terms.items()}


def _arith_worker(sp, value, x, point):
    """value (a SymPy expression with O terms) as {exponent: coefficient} and
    the O exponent, expanding products of truncated series."""
    g, t = _point_substitution(sp, x, point)
    h = sp.expand(value.subs(x, g))
    terms, order_exponent = _series_terms(sp, h, t, None)
    if terms is None and order_exponent is not None:
        # Factors that are not polynomials in t (1/(1 - x), Exp[x], ...):
        # expand the whole product as a series to the order it is known to.
        order = sp.ceiling(order_exponent)
        expansion = sp.series(h.removeO(), t, 0, order) + sp.O(t**order_exponent)
        terms, order_exponent = _series_terms(sp, sp.expand(expansion), t, None)
    if terms is None:
        return None
    log_back = sp.log(x - point) if point not in (sp.oo, -sp.oo) else -sp.log(x if point is sp.oo else -x)
    return {k: c.subs(sp.log(t), log_back) for k, c in terms.items()}, order_exponent


# ---------------------------------------------------------------- building SeriesData
def _fraction(k) -> Fraction:
    return Fraction(int(k.p), int(k.q))


def _series_data(ev, bridge, x, x0, terms: dict, order: Fraction):
    """SeriesData from {exponent (SymPy Rational): coefficient} and the O exponent."""
    exponents = {_fraction(k): c for k, c in terms.items() if _fraction(k) < order}
    den = order.denominator
    for k in exponents:
        den = den * k.denominator // gcd(den, k.denominator)
    coefficients = {}
    for k, c in exponents.items():
        lyra = back(ev, bridge, c)
        if lyra is None:
            return None
        if not (type(lyra) is int and lyra == 0):
            coefficients[int(k * den)] = lyra
    nmax = int(order * den)
    if not coefficients:
        return E(SeriesData, x, x0, E(List), nmax, nmax, den)
    nmin = min(coefficients)
    top = max(coefficients)
    items = tuple(coefficients.get(i, 0) for i in range(nmin, top + 1))
    return Expr(SeriesData, (x, x0, Expr(List, items), nmin, nmax, den))


def _next_order(n: Fraction, terms: dict) -> Fraction:
    """The O exponent after keeping terms up to n: the next step in the
    exponents' grid (n + 1 for integer powers, n + 1/2 with square roots)."""
    den = n.denominator
    for k in terms:
        f = _fraction(k)
        den = den * f.denominator // gcd(den, f.denominator)
    return Fraction(int(n * den) + 1, den)


# ---------------------------------------------------------------- Series
@builtin(
    "Series",
    nargs=(2, None),
    usage="Series[f, {x, x0, n}] gives the power series of f about x0 up to (x - x0)^n, as a "
    "SeriesData; x0 may be Infinity. Normal turns it into an ordinary expression.\n"
    "Example: Series[Exp[x], {x, 0, 3}] gives 1 + x + x^2/2 + x^3/6 + O[x]^4",
)
def series(ev, f, *specs):
    if len(specs) != 1:
        return None
    spec = specs[0]
    if type(spec) is not Expr or spec.head is not List or len(spec.args) != 3:
        ev.message("Series", "sspec", spec)
        return None
    x, x0, n = spec.args
    if type(x) is not Symbol or type(n) not in (int, Rational):
        return None
    if not contains(f, x):
        return f
    bridge = Bridge()
    value = to_sympy_checked(bridge, f)
    point = to_sympy_checked(bridge, x0)
    if value is None or point is None:
        return None
    sp = bridge.sp
    order_n = n if type(n) is int else None
    if order_n is None:
        return None
    terms = run_sympy(ev, _series_worker, sp, value, bridge.symbol(x), point, order_n)
    if not terms:
        if terms == {}:
            return E(SeriesData, x, x0, E(List), n + 1, n + 1, 1)
        return None
    return _series_data(ev, bridge, x, x0, terms, _next_order(Fraction(order_n), terms))


# ---------------------------------------------------------------- O
@builtin(
    "O",
    nargs=(1, 2),
    usage="O[x]^n is a term of order x^n in a power series; O[x, x0]^n of order (x - x0)^n.\n"
    "Example: 1 + x + O[x]^2 gives SeriesData[x, 0, {1, 1}, 0, 2, 1]",
)
def order_(ev, x, x0=0):
    if type(x) is not Symbol:
        return None
    return E(SeriesData, x, x0, E(List), 1, 1, 1)


# ---------------------------------------------------------------- calculus on series
def _strip_zeros(x, x0, coefficients, nmin, nmax, den):
    """SeriesData with leading and trailing zero coefficients removed."""
    items = list(coefficients)
    while items and type(items[0]) is int and items[0] == 0:
        items.pop(0)
        nmin += 1
    while items and type(items[-1]) is int and items[-1] == 0:
        items.pop()
    if not items:
        nmin = nmax
    return Expr(SeriesData, (x, x0, Expr(List, tuple(items)), nmin, nmax, den))


def _finite_point(x0) -> bool:
    return not (type(x0) is Expr and x0.head is S.DirectedInfinity)


def series_derivative(ev, s, var, d):
    """D of a SeriesData term by term (d differentiates a coefficient); None
    when it cannot be done here (the derivative then stays symbolic)."""
    parts = _parts(s)
    if parts is None:
        return None
    x, x0, coefficients, nmin, nmax, den = parts
    if var is not x:
        if contains(x0, var):
            return None
        new = [ev.evaluate(d(c)) for c in coefficients]
        if all(type(c) is int and c == 0 for c in new):
            return 0  # free of var (D's "0" means exactly that)
        return ev.evaluate(_strip_zeros(x, x0, new, nmin, nmax, den))
    if not _finite_point(x0) or any(contains(c, x) for c in coefficients):
        return None
    new = [
        ev.evaluate(E(S.Times, c, make_rational(nmin + k, den))) for k, c in enumerate(coefficients)
    ]
    return ev.evaluate(_strip_zeros(x, x0, new, nmin - den, nmax - den, den))


def series_integral(ev, s, var):
    """Integrate[SeriesData, x] term by term; None when a term would give a
    logarithm or the series is not in var."""
    parts = _parts(s)
    if parts is None:
        return None
    x, x0, coefficients, nmin, nmax, den = parts
    if var is not x or not _finite_point(x0) or any(contains(c, x) for c in coefficients):
        return None
    new = []
    for k, c in enumerate(coefficients):
        exponent = nmin + k + den
        if exponent == 0:
            if type(c) is int and c == 0:
                new.append(0)
                continue
            return None  # the x^-1 term integrates to a logarithm
        new.append(ev.evaluate(E(S.Times, c, make_rational(den, exponent))))
    return ev.evaluate(_strip_zeros(x, x0, new, nmin + den, nmax + den, den))


# ---------------------------------------------------------------- Normal and arithmetic
def _parts(s):
    """(x, x0, coefficients, nmin, nmax, den) of a well-formed SeriesData, else None."""
    if type(s) is not Expr or s.head is not SeriesData or len(s.args) != 6:
        return None
    x, x0, coefficients, nmin, nmax, den = s.args
    if type(coefficients) is not Expr or coefficients.head is not List:
        return None
    if type(nmin) is not int or type(nmax) is not int or type(den) is not int or den <= 0:
        return None
    return x, x0, coefficients.args, nmin, nmax, den


def _base(x, x0):
    """x - x0 (or 1/x at Infinity), the variable the series is in."""
    if type(x0) is int and x0 == 0:
        return x
    if type(x0) is Expr and x0.head is S.DirectedInfinity and x0.args:
        return E(S.Power, x, -1) if x0.args[0] == 1 else E(S.Times, -1, E(S.Power, x, -1))
    return E(S.Plus, x, E(S.Times, -1, x0))


def series_normal(s):
    """Normal[SeriesData[...]]: the sum of its terms (unevaluated), or s."""
    parts = _parts(s)
    if parts is None:
        return s
    x, x0, coefficients, nmin, _, den = parts
    base = _base(x, x0)
    terms = []
    for i, c in enumerate(coefficients):
        k = make_rational(nmin + i, den)
        terms.append(E(S.Times, c, E(S.Power, base, k)))
    return Expr(S.Plus, tuple(terms)) if terms else 0


def _series_normal_builtin(ev, s):
    return series_normal(s)


def _to_sympy_series(bridge, s, x, x0):
    """A SymPy sum with an O term for a SeriesData, or the SymPy form of an
    ordinary expression; None when it does not fit (another variable/point)."""
    sp = bridge.sp
    parts = _parts(s)
    if parts is None:
        return to_sympy_checked(bridge, s)
    sx, sx0, _, _, nmax, den = parts
    if sx is not x or not (sx0 == x0 and type(sx0) is type(x0)):
        return None
    polynomial = to_sympy_checked(bridge, series_normal(s))
    point = to_sympy_checked(bridge, x0)
    xs = bridge.symbol(x)
    if polynomial is None or point is None:
        return None
    order_base = xs - point if point not in (sp.oo, -sp.oo) else 1 / xs
    return polynomial + sp.O(order_base ** sp.Rational(nmax, den), (xs, point))


def _series_arithmetic(ev, head, args):
    """Plus/Times/Power with a SeriesData among args, as one SeriesData."""
    first = next((a for a in args if _parts(a) is not None), None)
    if first is None:
        return None
    x, x0 = first.args[0], first.args[1]
    for a in args:
        p = _parts(a)
        if p is None and type(a) is Expr and a.head is SeriesData:
            return None  # malformed
        if p is not None and (p[0] is not x or not (p[1] == x0 and type(p[1]) is type(x0))):
            return None  # another variable or expansion point: WL keeps the sum
    bridge = Bridge()
    sp = bridge.sp
    converted = []
    for a in args:
        c = _to_sympy_series(bridge, a, x, x0)
        if c is None:
            return None
        converted.append(c)
    if head is S.Plus:
        value = sp.Add(*converted)
    elif head is S.Times:
        value = sp.Mul(*converted)
    else:
        value = sp.Pow(converted[0], converted[1])
    point = to_sympy_checked(bridge, x0)
    result = run_sympy(ev, _arith_worker, sp, value, bridge.symbol(x), point)
    if result is None:
        return None
    terms, order_exponent = result
    if order_exponent is None:
        return back(ev, bridge, value)
    return _series_data(ev, bridge, x, x0, terms, _fraction(order_exponent))


# Results computed by a rule's test, handed to its right side (as
# Derivative does): a failed combination must leave the sum untouched, not
# loop through the rule again.
_results: dict = {}


def _combine_test(ev, head, *args):
    whole = Expr(head, args)
    if head is S.Power and (len(args) != 2 or type(args[1]) not in (int, Rational)):
        return S.False_
    if len(args) < 2:
        return S.False_  # a lone series (a partial match inside a longer sum)
    result = _series_arithmetic(ev, head, args)
    if result is None or result == whole:
        return S.False_
    if len(_results) > 64:
        _results.clear()
    _results[whole] = result
    return S.True_


def _combine_value(ev, head, *args):
    whole = Expr(head, args)
    result = _results.pop(whole, None)
    if result is None:
        result = _series_arithmetic(ev, head, args)
    return whole if result is None else result


def _install_rules():
    """Normal[s_SeriesData] and the arithmetic as UpValues of SeriesData."""
    from ..patterns import Rule, insert_definition

    normal = private_builtin("seriesNormal", _series_normal_builtin, 1)
    test = private_builtin("seriesCombineQ", _combine_test, 1)
    value = private_builtin("seriesCombine", _combine_value, 1)
    test.builtin.max_args = None
    value.builtin.max_args = None
    s = intern("Lyra`Private`series")
    a = intern("Lyra`Private`before")
    b = intern("Lyra`Private`after")
    n = intern("Lyra`Private`exponent")
    series_pattern = E(S.Pattern, s, E(S.Blank, SeriesData))
    before = E(S.Pattern, a, E(S.BlankNullSequence))
    after = E(S.Pattern, b, E(S.BlankNullSequence))
    rules = [(E(system("Normal"), series_pattern), E(normal, s))]
    for head in (S.Plus, S.Times):
        lhs = E(head, before, series_pattern, after)
        rhs = E(S.Condition, E(value, head, a, s, b), E(test, head, a, s, b))
        rules.append((lhs, rhs))
    lhs = E(S.Power, series_pattern, E(S.Pattern, n, E(S.Blank)))
    rules.append((lhs, E(S.Condition, E(value, S.Power, s, n), E(test, S.Power, s, n))))
    for lhs, rhs in rules:
        insert_definition(SeriesData.upvalues, Rule(lhs, rhs, True))
    freeze_pristine(SeriesData)


_install_rules()


__all__ = ["series_normal"]
