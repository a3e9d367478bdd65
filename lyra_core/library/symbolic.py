"""Symbolic algebra and calculus through SymPy: Simplify, FullSimplify, Factor,
Together, Apart, Cancel, PolynomialGCD, PolynomialQuotient,
PolynomialRemainder, Integrate, Limit and symbolic sums (symbolic_sum, which
control.py's Sum calls when its iterators are not concrete).

Every function converts its arguments with a Bridge, runs SymPy on a guarded
worker (run_sympy: interrupts work, SymPy's exceptions become "unevaluated"),
and returns the result as a Lyra expression for the evaluator to normalise.
Anything SymPy cannot do leaves the call unevaluated, as WL does.
Series, Solve/DSolve and the numeric FindRoot/NIntegrate live in
symbolic_series.py, symbolic_solve.py and numeric_calculus.py.
"""

from __future__ import annotations

from ..engine import messages
from ..expr import symbol as symtab
from ..expr import system_symbols as S
from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from .algebra import variables
from .list_support import split_options
from .polynomials import thread_algebraic
from .registry import builtin
from .sympy_bridge import Bridge, Unconvertible, run_sympy, to_sympy_checked

List = S.List
_Element = system("Element")
_Reals = system("Reals")
_Integers = system("Integers")
_Complexes = system("Complexes")
_Interval = system("Interval")
_SeriesData = system("SeriesData")

messages.define("Integrate", "ilim", "Invalid integration variable or limit(s) in `1`.")
messages.define("Integrate", "idiv", "Integral of `1` does not converge on `2`.")
messages.define("Limit", "lim", "Limit specification `1` is not of the form x->x0.")
messages.define("Sum", "div", "Sum does not converge.")


# ---------------------------------------------------------------- helpers
def leaf_count(e) -> int:
    """WL's LeafCount: atoms (heads included); Rational and Complex count 3."""
    t = type(e)
    if t is Expr:
        total = leaf_count(e.head)
        for a in e.args:
            total += leaf_count(a)
        return total
    if t is Rational or t is Complex:
        return 3
    return 1


def complexity(e) -> int:
    """Simplify's default measure (WL's SimplifyCount): LeafCount, except that
    integers count their digits (and one more when negative) and rationals
    and complex numbers count their parts."""
    t = type(e)
    if t is Expr:
        total = complexity(e.head)
        for a in e.args:
            total += complexity(a)
        return total
    if t is int:
        if e == 0:
            return 1
        return len(str(abs(e))) + (0 if e > 0 else 1)
    if t is Rational:
        return complexity(e.num) + complexity(e.den) + 1
    if t is Complex:
        return complexity(e.re) + complexity(e.im) + 1
    if t is Symbol:
        return 1
    if t is float or t is BigReal:
        return 2
    return 1


def convert(e, bridge=None):
    """(bridge, SymPy value) for e, or (bridge, None) when e has no SymPy form."""
    bridge = bridge or Bridge()
    return bridge, to_sympy_checked(bridge, e)


def back(ev, bridge, value):
    """The SymPy value as an evaluated Lyra expression, or None."""
    if value is None:
        return None
    try:
        lyra = bridge.from_sympy(value)
    except Unconvertible:
        return None
    except Exception:
        return None
    return ev.evaluate(lyra)


def contains_unevaluated(value, *classes) -> bool:
    """Whether a SymPy result still holds one of SymPy's unevaluated forms."""
    try:
        return any(value.has(c) for c in classes)
    except Exception:
        return True


def generic_branch(sp, value):
    """Replace each Piecewise by its generic branch, as WL's results read when
    conditions are not generated: the first branch whose condition is not a
    special case (an equation), else the last."""
    if not getattr(value, "has", None) or not value.has(sp.Piecewise):
        return value

    def pick(*pairs):
        for expr, cond in pairs:
            if not cond.has(sp.Eq):
                return expr
        return pairs[-1][0]

    return value.replace(sp.Piecewise, pick)


# ---------------------------------------------------------------- assumptions
def assumption_symbols(ev, bridge, assumptions):
    """{SymPy symbol: replacement with assumptions} from x > 0, x >= 0, x < 0,
    Element[x, Reals | Integers], And[...], lists. Unknown parts are ignored."""
    facts: dict = {}

    def note(sym, **flags):
        if type(sym) is not Symbol:
            return
        facts.setdefault(sym, {}).update(flags)

    def walk(a):
        if type(a) is not Expr:
            return
        head, args = a.head, a.args
        if head is S.And or head is List:
            for x in args:
                walk(x)
        elif len(args) == 2 and head in (S.Greater, S.Less, S.GreaterEqual, S.LessEqual):
            lhs, rhs = args
            flipped = {S.Greater: S.Less, S.Less: S.Greater, S.GreaterEqual: S.LessEqual, S.LessEqual: S.GreaterEqual}
            if type(lhs) is int and lhs == 0:
                lhs, rhs, head = rhs, lhs, flipped[head]
            if type(rhs) is int and rhs == 0:
                if head is S.Greater:
                    note(lhs, positive=True)
                elif head is S.GreaterEqual:
                    note(lhs, nonnegative=True)
                elif head is S.Less:
                    note(lhs, negative=True)
                else:
                    note(lhs, nonpositive=True)
            else:
                note(lhs, real=True)
                note(rhs, real=True)
        elif head is _Element and len(args) == 2:
            targets = args[0].args if type(args[0]) is Expr and args[0].head in (List, S.Alternatives) else (args[0],)
            domain = args[1]
            for t in targets:
                if domain is _Reals:
                    note(t, real=True)
                elif domain is _Integers:
                    note(t, integer=True)

    walk(assumptions)
    sp = bridge.sp
    replacements = {}
    for sym, flags in facts.items():
        old = bridge.symbol(sym)
        new = sp.Symbol(old.name, **flags)
        replacements[old] = new
        bridge.back[new] = sym
    return replacements


def _with_assumptions(ev, bridge, value, assumptions):
    if assumptions is None or assumptions is S.True_:
        return value
    replacements = assumption_symbols(ev, bridge, assumptions)
    return value.xreplace(replacements) if replacements else value


# ---------------------------------------------------------------- Simplify
def _simplify_candidates(sp, value, full):
    """Forms SymPy offers for value; the caller keeps the least complex."""
    out = [value]
    try:
        out.append(sp.simplify(value))
    except Exception:
        pass
    try:
        if value.is_rational_function():
            out.append(sp.factor(value))
            out.append(sp.cancel(value))
    except Exception:
        pass
    if full:
        for transform in (
            sp.trigsimp,
            sp.powsimp,
            sp.radsimp,
            sp.sqrtdenest,
            sp.gammasimp,
            sp.logcombine,
            lambda v: sp.simplify(sp.expand(v)),
            lambda v: sp.factor(sp.simplify(v)),
        ):
            try:
                out.append(transform(value))
            except Exception:
                pass
    return out


def _simplify(ev, e, assumptions, full):
    if type(e) is not Expr:
        return e
    bridge, value = convert(e)
    if value is None:
        return e
    value = _with_assumptions(ev, bridge, value, assumptions)
    sp = bridge.sp
    candidates = run_sympy(ev, _simplify_candidates, sp, value, full)
    if not candidates:
        return e
    best, best_size = e, complexity(e)
    for candidate in candidates[1:]:
        lyra = back(ev, bridge, candidate)
        if lyra is None:
            continue
        size = complexity(lyra)
        if size < best_size:
            best, best_size = lyra, size
    return best


_SIMPLIFY_OPTIONS = {"Assumptions": None, "TimeConstraint": None, "ComplexityFunction": None}
_SIMPLIFY_THREADED = frozenset((List, S.And, S.Or, S.Not))


def _simplify_builtin(name, full, usage):
    @builtin(name, nargs=(1, None), usage=usage)
    def simplify_(ev, e, *rest):
        split = split_options(ev, name, rest, _SIMPLIFY_OPTIONS, (e,) + rest)
        if split is None:
            return None
        positional, options = split
        if len(positional) > 1:
            ev.message(name, "argt", system(name), len(positional) + 1, 1, 2)
            return None
        assumptions = positional[0] if positional else options["Assumptions"]
        if type(e) is Expr and e.head in _SIMPLIFY_THREADED:
            return Expr(e.head, tuple(simplify_(ev, a, *rest) for a in e.args))
        # Equations and inequalities are simplified as a whole (x == x is True).
        return _simplify(ev, e, assumptions, full)

    return simplify_


_simplify_builtin(
    "Simplify",
    False,
    "Simplify[expr] gives the simplest form of expr it finds (the smallest LeafCount) by "
    "algebraic and trigonometric transformations; Simplify[expr, assum] uses assumptions such "
    "as x > 0 or Element[x, Integers].\n"
    "Example: Simplify[Sin[x]^2 + Cos[x]^2] gives 1",
)
_simplify_builtin(
    "FullSimplify",
    True,
    "FullSimplify[expr] tries a wider range of transformations than Simplify (special "
    "functions, radicals, logarithms) and gives the simplest form found; FullSimplify[expr, "
    "assum] uses assumptions.\n"
    "Example: FullSimplify[Gamma[x + 1]/Gamma[x]] gives x",
)


# ---------------------------------------------------------------- Factor and friends
_FACTOR_OPTIONS = {"GaussianIntegers": S.False_, "Modulus": 0, "Extension": S.None_}


@builtin(
    "Factor",
    nargs=(1, None),
    usage="Factor[poly] factors a polynomial over the integers (a rational function: numerator "
    "and denominator); Factor[poly, GaussianIntegers -> True], Modulus -> p and Extension -> a "
    "factor over those domains. Factor threads over lists and equations.\n"
    "Example: Factor[x^2 - 1] gives (-1 + x)*(1 + x)",
)
def factor(ev, e, *rest):
    split = split_options(ev, "Factor", rest, _FACTOR_OPTIONS, (e,) + rest)
    if split is None:
        return None
    if split[0]:
        ev.message("Factor", "nonopt", split[0][0], 1, Expr(system("Factor"), (e,) + rest))
        return None
    options = split[1]
    kwargs = {}
    if options["GaussianIntegers"] is S.True_:
        kwargs["gaussian"] = True
    modulus = options["Modulus"]
    if type(modulus) is int and modulus > 1:
        kwargs["modulus"] = modulus
    return thread_algebraic(lambda x: _factor(ev, x, kwargs, options["Extension"]), e)


def _factor(ev, e, kwargs, extension):
    if type(e) is not Expr:
        return e
    bridge, value = convert(e)
    if value is None:
        return None
    sp = bridge.sp
    if extension is not S.None_ and extension is not S.Automatic:
        items = extension.args if type(extension) is Expr and extension.head is List else (extension,)
        converted = [to_sympy_checked(bridge, x) for x in items]
        if any(c is None for c in converted):
            return None
        kwargs = dict(kwargs, extension=converted)
    result = run_sympy(ev, sp.factor, value, **kwargs)
    return back(ev, bridge, result)


def _factor_list(sp, value):
    """[(base, exponent)] of a product, numbers folded into one constant."""
    return [f.as_base_exp() for f in sp.Mul.make_args(value)]


def _cancel_against(sp, num_factors, den_factors, g):
    """Divide the factor lists by the polynomial g, one factor at a time, so
    the factors g does not touch keep their form (as WL's Cancel/Together)."""
    for factors in (num_factors, den_factors):
        remaining = g
        out = []
        for base, k in factors:
            if remaining.is_number or not (k.is_Integer and k > 0):
                out.append((base, k))
                continue
            k = int(k)
            while k > 0:
                h = sp.gcd(base, remaining)
                if h.is_number:
                    break
                out.append((sp.quo(base, h), sp.Integer(1)))
                remaining = sp.quo(remaining, h)
                k -= 1
            if k:
                out.append((base, sp.Integer(k)))
        if not remaining.is_number:
            return None
        factors[:] = out
    return num_factors, den_factors


def _rebuild(sp, factors):
    from sympy.core.parameters import distribute

    with distribute(False):
        return sp.Mul(*[sp.Pow(b, k) for b, k in factors])


def _cancel_one(sp, value, expand_numerator):
    """num/den with their common factors divided out."""
    num, den = sp.fraction(value)
    if den.is_number:
        return sp.expand(num) / den if expand_numerator else value
    g = sp.gcd(sp.expand(num), sp.expand(den))
    if g.is_number:
        if expand_numerator:
            return sp.expand(num) / den
        return value
    nf = _factor_list(sp, num)
    df = _factor_list(sp, den)
    if _cancel_against(sp, nf, df, g) is None:
        return sp.cancel(value)
    n = _rebuild(sp, nf)
    d = _rebuild(sp, df)
    if expand_numerator:
        n = sp.expand(n)
    return n / d


def _together(sp, value):
    return _cancel_one(sp, sp.together(value), True)


def _cancel(sp, value):
    if value.is_Add:
        return sp.Add(*[_cancel_one(sp, t, False) for t in value.args])
    return _cancel_one(sp, value, False)


def _rational_builtin(name, worker, usage):
    @builtin(name, nargs=1, usage=usage)
    def rational_(ev, e):
        def one(x):
            if type(x) is not Expr:
                return x
            bridge, value = convert(x)
            if value is None:
                return x
            result = back(ev, bridge, run_sympy(ev, worker, bridge.sp, value))
            return x if result is None else result

        return thread_algebraic(one, e)

    return rational_


_rational_builtin(
    "Together",
    _together,
    "Together[expr] puts the terms of a sum over a common denominator and cancels common "
    "factors; the numerator comes out expanded. Together threads over lists and equations.\n"
    "Example: Together[1/x + 1/y] gives (x + y)/(x*y)",
)
_rational_builtin(
    "Cancel",
    _cancel,
    "Cancel[expr] cancels the common factors of numerator and denominator in each term of expr.\n"
    "Example: Cancel[(x^2 - 1)/(x - 1)] gives 1 + x",
)


@builtin(
    "Apart",
    nargs=(1, 2),
    usage="Apart[expr] writes a rational function as a sum of terms with minimal denominators "
    "(partial fractions); Apart[expr, var] treats the other symbols as constants.\n"
    "Example: Apart[1/(x^2 - 1)] gives 1/(2*(-1 + x)) - 1/(2*(1 + x))",
)
def apart(ev, e, var=None):
    def one(x):
        if type(x) is not Expr:
            return x
        bridge, value = convert(x)
        if value is None:
            return None
        sp = bridge.sp
        if var is not None:
            v = to_sympy_checked(bridge, var)
            if v is None or not isinstance(v, sp.Symbol):
                return None
        else:
            candidates = [w for w in variables(x) if type(w) is Symbol]
            if not candidates:
                return x
            v = bridge.symbol(candidates[0])
        try:
            rational = value.is_rational_function(v)
        except Exception:
            rational = False
        if not rational:
            return x
        result = back(ev, bridge, run_sympy(ev, sp.apart, value, v))
        return x if result is None else result

    return thread_algebraic(one, e)


# ---------------------------------------------------------------- polynomial division
@builtin(
    "PolynomialGCD",
    nargs=(1, None),
    attributes=("Listable", "Protected"),
    usage="PolynomialGCD[p1, p2, ...] gives the greatest common divisor of the polynomials.\n"
    "Example: PolynomialGCD[x^2 - 1, x^2 + 2 x + 1] gives 1 + x",
)
def polynomial_gcd(ev, *polys):
    bridge = Bridge()
    values = [to_sympy_checked(bridge, p) for p in polys]
    if any(v is None for v in values):
        return None
    sp = bridge.sp

    def gcd_all(vs):
        g = vs[0]
        for v in vs[1:]:
            g = sp.gcd(g, v)
        return g

    return back(ev, bridge, run_sympy(ev, gcd_all, values))


def _division(name, index, usage):
    @builtin(name, nargs=3, usage=usage)
    def division(ev, p, q, x):
        bridge = Bridge()
        values = [to_sympy_checked(bridge, a) for a in (p, q, x)]
        if any(v is None for v in values):
            return None
        sp = bridge.sp
        if not isinstance(values[2], sp.Symbol) or values[1] == 0:
            return None
        result = run_sympy(ev, lambda: sp.div(values[0], values[1], values[2])[index])
        return back(ev, bridge, result)

    return division


_division(
    "PolynomialQuotient",
    0,
    "PolynomialQuotient[p, q, x] gives the quotient of p by q as polynomials in x, dropping the "
    "remainder.\nExample: PolynomialQuotient[x^2 + 2 x + 3, x + 1, x] gives 1 + x",
)
_division(
    "PolynomialRemainder",
    1,
    "PolynomialRemainder[p, q, x] gives the remainder of dividing p by q as polynomials in x.\n"
    "Example: PolynomialRemainder[x^2 + 2 x + 3, x + 1, x] gives 2",
)


# ---------------------------------------------------------------- Integrate
def _integration_spec(ev, bridge, spec):
    """A SymPy integration limit (x or (x, a, b)), or None when malformed."""
    if type(spec) is Expr and spec.head is List:
        if len(spec.args) != 3:
            return None
        var = spec.args[0]
        if type(var) is not Symbol:
            return None
        lo = to_sympy_checked(bridge, spec.args[1])
        hi = to_sympy_checked(bridge, spec.args[2])
        if lo is None or hi is None:
            return None
        return (bridge.symbol(var), lo, hi)
    if type(spec) is Symbol and not spec.attributes & symtab.CONSTANT:
        return bridge.symbol(spec)
    return None  # numbers, constants, f[x]: not integration variables here


def _integrate_worker(sp, value, limits):
    definite = any(isinstance(limit, tuple) for limit in limits)
    if definite:
        result = sp.integrate(value, *limits, conds="none")
    else:
        result = sp.integrate(value, *limits)
    return generic_branch(sp, result)


@builtin(
    "Integrate",
    nargs=(2, None),
    attributes=("Protected", "ReadProtected"),
    usage="Integrate[f, x] gives an indefinite integral of f (no constant of integration); "
    "Integrate[f, {x, a, b}] the definite integral; Integrate[f, x, y, ...] or with several "
    "{x, a, b} the multiple integral (the last variable innermost). Integrals it cannot do stay "
    "unevaluated.\n"
    "Example: Integrate[x^2, x] gives x^3/3",
)
def integrate(ev, f, *specs):
    split = split_options(ev, "Integrate", specs, {"Assumptions": None, "GenerateConditions": None}, (f,) + specs)
    if split is None:
        return None
    specs, options = split
    if not specs:
        return None
    if type(f) is Expr and f.head is List:
        return Expr(List, tuple(Expr(system("Integrate"), (a,) + specs) for a in f.args))
    if type(f) is Expr and f.head is _SeriesData and len(specs) == 1:
        from .symbolic_series import series_integral

        return series_integral(ev, f, specs[0])
    bridge = Bridge()
    limits = []
    for spec in specs:
        limit = _integration_spec(ev, bridge, spec)
        if limit is None:
            ev.message("Integrate", "ilim", spec)
            return None
        limits.append(limit)
    value = to_sympy_checked(bridge, f)
    if value is None:
        return None
    value = _with_assumptions(ev, bridge, value, options["Assumptions"])
    sp = bridge.sp
    # WL lists the outermost integration first; SymPy the innermost.
    result = run_sympy(ev, _integrate_worker, sp, value, list(reversed(limits)))
    if result is None or contains_unevaluated(result, sp.Integral):
        return None
    if any(isinstance(limit, tuple) for limit in limits) and result.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
        if result in (sp.oo, -sp.oo, sp.zoo, sp.nan) or result.has(sp.nan, sp.zoo):
            bounds = specs[-1].args[1:] if type(specs[-1]) is Expr else ()
            ev.message("Integrate", "idiv", f, Expr(List, bounds))
            return None
    return back(ev, bridge, result)


# ---------------------------------------------------------------- Limit
_DIRECTIONS = {"FromAbove": "+", "FromBelow": "-", "TwoSided": "+-"}


def _direction(value):
    if type(value) is str:
        return _DIRECTIONS.get(value)
    if type(value) is int:
        return "+" if value == -1 else "-" if value == 1 else None
    if value is S.Automatic or value is _Reals or value is _Complexes:
        return "+-"
    return None


def _limit_worker(sp, value, x, point, direction):
    if point in (sp.oo, -sp.oo):
        direction = "-" if point is sp.oo else "+"
    try:
        result = sp.limit(value, x, point, dir=direction)
    except ValueError:
        # SymPy: the one-sided limits differ (WL gives Indeterminate).
        return sp.nan
    if result is sp.zoo and direction == "+-":
        # Infinite of opposite signs on the two sides: WL's Indeterminate.
        return sp.nan
    return result


@builtin(
    "Limit",
    nargs=(2, None),
    usage="Limit[f, x -> a] gives the limit of f as x approaches a (from both sides; "
    "Direction -> \"FromAbove\" or \"FromBelow\" for one side); a may be Infinity.\n"
    "Example: Limit[Sin[x]/x, x -> 0] gives 1",
)
def limit(ev, f, spec, *rest):
    split = split_options(ev, "Limit", rest, {"Direction": S.Automatic, "Assumptions": None}, (f, spec) + rest)
    if split is None:
        return None
    if split[0]:
        ev.message("Limit", "nonopt", split[0][0], 2, Expr(system("Limit"), (f, spec) + rest))
        return None
    options = split[1]
    if type(f) is Expr and f.head is List:
        return Expr(List, tuple(Expr(system("Limit"), (a, spec) + rest) for a in f.args))
    if type(spec) is not Expr or spec.head is not S.Rule or len(spec.args) != 2 or type(spec.args[0]) is not Symbol:
        ev.message("Limit", "lim", spec)
        return None
    direction = _direction(options["Direction"])
    if direction is None:
        return None
    bridge = Bridge()
    value = to_sympy_checked(bridge, f)
    point = to_sympy_checked(bridge, spec.args[1])
    if value is None or point is None:
        return None
    value = _with_assumptions(ev, bridge, value, options["Assumptions"])
    sp = bridge.sp
    x = bridge.symbol(spec.args[0])
    result = run_sympy(ev, _limit_worker, sp, value, x, point, direction)
    if result is None or contains_unevaluated(result, sp.Limit):
        return None
    if isinstance(result, sp.AccumBounds):
        lo = back(ev, bridge, result.min)
        hi = back(ev, bridge, result.max)
        if lo is None or hi is None:
            return None
        return Expr(_Interval, (Expr(List, (lo, hi)),))
    return back(ev, bridge, result)


# ---------------------------------------------------------------- Sum
def _sum_spec(ev, bridge, spec):
    """(SymPy variable, lower, upper) for {i, n} or {i, a, b}; None otherwise."""
    if type(spec) is not Expr or spec.head is not List or len(spec.args) not in (2, 3):
        return None
    var = spec.args[0]
    if type(var) is not Symbol:
        return None
    bounds = [ev.evaluate(b) for b in spec.args[1:]]
    if len(bounds) == 1:
        bounds = [1] + bounds
    lo = to_sympy_checked(bridge, bounds[0])
    hi = to_sympy_checked(bridge, bounds[1])
    if lo is None or hi is None:
        return None
    return (bridge.symbol(var), lo, hi), var


def _sum_worker(sp, value, limits):
    result = generic_branch(sp, sp.summation(value, *limits))
    if result.has(sp.Sum):
        return result
    try:
        factored = sp.factor(result)
        return [result, factored]
    except Exception:
        return [result]


def symbolic_sum(ev, body, specs):
    """Sum[body, specs...] with symbolic or infinite bounds, or None to stay
    unevaluated. specs are the held iterator specifications {i, a, b} or
    {i, n}; the first one is the outermost, as in WL. The iteration variables
    are localised (as Block does) while the summand is evaluated."""
    bridge = Bridge()
    limits = []
    variables_ = []
    for spec in specs:
        parsed = _sum_spec(ev, bridge, spec)
        if parsed is None:
            return None
        limits.append(parsed[0])
        variables_.append(parsed[1])
    saved = [(v, symtab.snapshot(v)) for v in variables_]
    try:
        for v in variables_:
            symtab.clear_state(v)
        summand = ev.evaluate(body)
    finally:
        for v, state in saved:
            symtab.restore(v, state)
    value = to_sympy_checked(bridge, summand)
    if value is None:
        return None
    sp = bridge.sp
    results = run_sympy(ev, _sum_worker, sp, value, list(reversed(limits)))
    if results is None:
        return None
    if not isinstance(results, list):
        return None  # SymPy left the sum unevaluated
    if results[0] in (sp.oo, -sp.oo, sp.zoo, sp.nan) or results[0].has(sp.nan):
        ev.message("Sum", "div")
        return None
    best, best_size = None, None
    for candidate in results:
        lyra = back(ev, bridge, candidate)
        if lyra is None:
            continue
        size = complexity(lyra)
        if best is None or size < best_size:
            best, best_size = lyra, size
    return best


__all__ = ["complexity", "convert", "back", "generic_branch", "leaf_count", "symbolic_sum"]
