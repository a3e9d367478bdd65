"""Equation solving through SymPy: Solve, NSolve, DSolve.

Solutions come back in WL's shape, a list of rule lists: Solve[x^2 == 4, x]
is {{x -> -2}, {x -> 2}}. Polynomial equations in one variable list every
root with its multiplicity (Solve[(x - 1)^2 == 0, x] gives x -> 1 twice, as
WL does) in WL's order: real roots ascending, then complex ones by real and
imaginary part. Equations with inverse functions give their principal
solutions with Solve::ifun, as WL versions before 10 did.
"""

from __future__ import annotations

from ..engine import messages
from ..expr import system_symbols as S
from ..expr.normal import E, Expr
from ..expr.symbol import Symbol, system
from .algebra import variables
from .polynomials import contains
from .registry import builtin
from .symbolic import back
from .sympy_bridge import Bridge, run_sympy, to_sympy_checked

List = S.List
Rule = S.Rule
_Reals = system("Reals")
_Integers = system("Integers")
_Complexes = system("Complexes")
_N = system("N")

messages.define("Solve", "naqs", "`1` is not a quantified system of equations and inequalities.")
messages.define(
    "Solve",
    "ifun",
    "Inverse functions are being used by Solve, so some solutions may not be found; use Reduce "
    "for complete solution information.",
)
messages.define("NSolve", "naqs", "`1` is not a quantified system of equations and inequalities.")
messages.define(
    "DSolve", "deqn", "Equation or list of equations expected instead of `1` in the first argument `2`."
)
messages.define("DSolve", "dvnoarg", "The function `1` appears with no arguments.")


# ---------------------------------------------------------------- equations
def _equations(e):
    """The list of Equal[...] in e (an equation, a list or an And of them);
    True when e holds trivially, False when it cannot hold, None when e is
    not a system of equations."""
    if e is S.True_:
        return []
    if e is S.False_:
        return False
    if type(e) is not Expr:
        return None
    if e.head is S.Equal:
        return [e] if len(e.args) >= 2 else None
    if e.head is List or e.head is S.And:
        out = []
        for a in e.args:
            part = _equations(a)
            if part is None:
                return None
            if part is False:
                return False
            out.extend(part)
        return out
    return None


def _differences(bridge, equations):
    """lhs - rhs for each equation (chains a == b == c give two)."""
    out = []
    for eq in equations:
        sides = [to_sympy_checked(bridge, a) for a in eq.args]
        if any(s is None for s in sides):
            return None
        for i in range(len(sides) - 1):
            out.append(sides[i] - sides[i + 1])
    return out


def _variables_of(ev, caller, spec, equations):
    """The variables to solve for (a list), or None after Solve::ivar."""
    if spec is None:
        found = variables(Expr(List, tuple(x for eq in equations for x in eq.args)))
        return [v for v in found]
    items = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    for v in items:
        if type(v) is Symbol:
            continue
        if type(v) is Expr and v.head is not List and type(v.head) is Symbol and v.head not in (S.Plus, S.Times, S.Power):
            continue
        ev.message(caller, "ivar", v)
        return None
    return list(items)


def _numeric_key(sp, value):
    """WL's order for numeric roots: real before complex, then by real and
    imaginary part; None when value is not numeric."""
    try:
        z = complex(value.evalf(20))
    except (TypeError, ValueError, AttributeError):
        return None
    real = abs(z.imag) < 1e-12 * max(1.0, abs(z.real))
    return (0 if real else 1, round(z.real, 10), round(z.imag, 10))


def _solve_worker(sp, exprs, symbols, domain):
    """[{symbol: value}] or None; polynomials in one variable with multiplicity."""
    if len(exprs) == 1 and len(symbols) == 1:
        x = symbols[0]
        e = sp.together(exprs[0])
        numerator, denominator = sp.fraction(e)
        try:
            poly = sp.Poly(numerator, x)
        except sp.PolynomialError:
            poly = None
        if poly is not None and poly.degree() > 0 and not denominator.has(x):
            found = sp.roots(poly, multiple=True)
            if len(found) < poly.degree():
                try:
                    # Root objects, already in WL's Root order.
                    return [{x: r} for r in _in_domain(sp, poly.all_roots(), domain)]
                except Exception:
                    found = None
            if found is not None and len(found) == poly.degree():
                keys = [_numeric_key(sp, r) for r in found]
                if all(k is not None for k in keys):
                    found = [r for _, r in sorted(zip(keys, found), key=lambda kr: kr[0])]
                return [{x: r} for r in _in_domain(sp, found, domain)]
    solutions = sp.solve(exprs, symbols, dict=True)
    out = []
    for sol in solutions:
        values = list(sol.values())
        if domain is not None and len(_in_domain(sp, values, domain)) != len(values):
            continue
        out.append(sol)
    if len(symbols) == 1 and all(len(s) == 1 for s in out):
        keys = [_numeric_key(sp, s[symbols[0]]) if symbols[0] in s else None for s in out]
        if all(k is not None for k in keys):
            out = [s for _, s in sorted(zip(keys, out), key=lambda ks: ks[0])]
    return out


def _in_domain(sp, values, domain):
    if domain is None:
        return list(values)
    out = []
    for v in values:
        if domain == "Reals" and v.is_real is not False and (v.is_real or _numeric_key(sp, v) and _numeric_key(sp, v)[0] == 0):
            out.append(v)
        elif domain == "Integers" and v.is_integer:
            out.append(v)
    return out


def _uses_inverse_functions(sp, exprs, symbols):
    """Whether a variable sits inside a transcendental function."""
    for e in exprs:
        for f in e.atoms(sp.Function):
            if any(f.has(s) for s in symbols) and not isinstance(f, sp.core.function.AppliedUndef):
                return True
        for p in e.atoms(sp.Pow):
            if p.exp.has(*symbols):
                return True
    return False


def _rules_from(ev, bridge, solutions, symbols_back):
    out = []
    for sol in solutions:
        rules = []
        for s, value in sol.items():
            lyra = back(ev, bridge, value)
            if lyra is None:
                return None
            rules.append(Expr(Rule, (symbols_back[s], lyra)))
        out.append(Expr(List, tuple(rules)))
    return Expr(List, tuple(out))


def _solve(ev, caller, eqs, spec, domain_spec):
    equations = _equations(eqs)
    if equations is None:
        ev.message(caller, "naqs", eqs)
        return None
    if equations is False:
        return E(List)
    if not equations:
        return E(List, E(List))
    variables_ = _variables_of(ev, caller, spec, equations)
    if variables_ is None:
        return None
    domain = None
    if domain_spec is _Reals:
        domain = "Reals"
    elif domain_spec is _Integers:
        domain = "Integers"
    elif domain_spec is not None and domain_spec is not _Complexes:
        return None
    bridge = Bridge()
    exprs = _differences(bridge, equations)
    if exprs is None:
        return None
    symbols = []
    symbols_back = {}
    for v in variables_:
        s = to_sympy_checked(bridge, v)
        if s is None:
            return None
        symbols.append(s)
        symbols_back[s] = v
    sp = bridge.sp
    solutions = run_sympy(ev, _solve_worker, sp, exprs, symbols, domain)
    if solutions is None:
        return None
    if caller == "Solve" and solutions and _uses_inverse_functions(sp, exprs, symbols):
        ev.message("Solve", "ifun")
    return solutions, bridge, symbols_back


@builtin(
    "Solve",
    nargs=(1, 3),
    usage="Solve[eqns, vars] solves an equation or a list (or And) of equations for the "
    "variables, giving a list of rule lists {{x -> a}, ...}; Solve[eqns] solves for all "
    "variables; Solve[eqns, vars, Reals] keeps the real solutions. Roots of polynomials repeat "
    "with their multiplicity.\n"
    "Example: Solve[x^2 == 4, x] gives {{x -> -2}, {x -> 2}}",
)
def solve(ev, eqs, spec=None, domain=None):
    found = _solve(ev, "Solve", eqs, spec, domain)
    if found is None or type(found) is Expr:
        return found
    solutions, bridge, symbols_back = found
    return _rules_from(ev, bridge, solutions, symbols_back)


def _nsolve_worker(sp, exprs, symbols):
    if len(exprs) == 1 and len(symbols) == 1:
        x = symbols[0]
        numerator, denominator = sp.fraction(sp.together(exprs[0]))
        try:
            poly = sp.Poly(numerator, x)
        except sp.PolynomialError:
            poly = None
        if poly is not None and poly.degree() > 0 and not denominator.has(x) and all(
            c.is_number for c in poly.all_coeffs()
        ):
            roots = poly.nroots(n=15)
            keyed = sorted(
                roots,
                key=lambda r: (float(sp.re(r)), float(sp.im(r))),
            )
            return [{x: r} for r in keyed]
    return None


@builtin(
    "NSolve",
    nargs=(1, 3),
    usage="NSolve[eqns, vars] gives numerical solutions of the equations as a list of rule "
    "lists: every root of a polynomial equation, else the numerical values of Solve's "
    "solutions.\n"
    "Example: NSolve[x^2 == 2, x] gives {{x -> -1.4142135623730951}, {x -> 1.4142135623730951}}",
)
def nsolve(ev, eqs, spec=None, domain=None):
    equations = _equations(eqs)
    if equations is None:
        ev.message("NSolve", "naqs", eqs)
        return None
    if equations and spec is not None and domain is None:
        variables_ = _variables_of(ev, "NSolve", spec, equations)
        if variables_ is None:
            return None
        bridge = Bridge()
        exprs = _differences(bridge, equations)
        symbols = [to_sympy_checked(bridge, v) for v in variables_]
        if exprs is not None and all(s is not None for s in symbols):
            sp = bridge.sp
            # N the coefficients first: NSolve works on numbers.
            solutions = run_sympy(ev, _nsolve_worker, sp, [sp.N(e) if not e.free_symbols - set(symbols) else e for e in exprs], symbols)
            if solutions is not None:
                return _rules_from(ev, bridge, solutions, dict(zip(symbols, variables_)))
    found = _solve(ev, "NSolve", eqs, spec, domain)
    if found is None or type(found) is Expr:
        return found
    solutions, bridge, symbols_back = found
    rules = _rules_from(ev, bridge, solutions, symbols_back)
    if rules is None:
        return None
    return Expr(_N, (rules,))


# ---------------------------------------------------------------- DSolve
def _unknowns(spec):
    """[(head, argument list or None)] for y[x], y, or a list of them."""
    items = spec.args if type(spec) is Expr and spec.head is List else (spec,)
    out = []
    for item in items:
        if type(item) is Symbol:
            out.append((item, None))
        elif type(item) is Expr and type(item.head) is Symbol and item.args:
            out.append((item.head, item.args))
        else:
            return None
    return out


def _dsolve_worker(sp, odes, functions, ics):
    result = sp.dsolve(odes if len(odes) > 1 else odes[0], functions if len(functions) > 1 else functions[0], ics=ics or None)
    return result if isinstance(result, list) else [result]


def _constants_to_c(sp, value):
    """SymPy's C1, C2, ... as WL's C[1], C[2], ..."""
    c = sp.Function("C")
    replacements = {}
    for s in value.free_symbols:
        name = s.name
        if name.startswith("C") and name[1:].isdigit():
            replacements[s] = c(int(name[1:]))
    return value.xreplace(replacements) if replacements else value


@builtin(
    "DSolve",
    nargs=3,
    usage="DSolve[eqn, y[x], x] solves a differential equation for y[x], giving {{y[x] -> "
    "...}} with constants C[1], C[2], ...; DSolve[eqn, y, x] gives y as a pure function; "
    "initial conditions such as y[0] == 1 go in a list with the equation.\n"
    "Example: DSolve[y'[x] == y[x], y[x], x] gives {{y[x] -> E^x*C[1]}}",
)
def dsolve(ev, eqs, spec, x):
    equations = _equations(eqs)
    if equations is None or equations is False or not equations:
        ev.message("DSolve", "deqn", eqs, eqs)
        return None
    unknowns = _unknowns(spec)
    if unknowns is None or type(x) is not Symbol:
        return None
    bridge = Bridge()
    sp = bridge.sp
    xs = bridge.symbol(x)
    functions = [bridge.function(head)(xs) for head, _ in unknowns]
    odes = []
    ics = {}
    for eq in equations:
        if len(eq.args) != 2:
            return None
        lhs = to_sympy_checked(bridge, eq.args[0])
        rhs = to_sympy_checked(bridge, eq.args[1])
        if lhs is None or rhs is None:
            return None
        if contains(eq, x):
            odes.append(sp.Eq(lhs, rhs))
        else:
            key = _condition_key(sp, bridge, eq.args[0], unknowns, xs)
            if key is None:
                return None
            ics[key] = rhs
    if not odes:
        ev.message("DSolve", "deqn", eqs, eqs)
        return None
    results = run_sympy(ev, _dsolve_worker, sp, odes, functions, ics)
    if not results:
        return None
    out = []
    for r in results:
        if not isinstance(r, sp.Eq) or r.lhs not in functions:
            return None  # implicit solution: not in WL's rule form
        value = _constants_to_c(sp, r.rhs)
        head, args = unknowns[functions.index(r.lhs)]
        lyra = back(ev, bridge, value)
        if lyra is None:
            return None
        if args is None:
            rule = Expr(Rule, (head, E(S.Function, E(List, x), lyra)))
        else:
            rule = Expr(Rule, (Expr(head, args), lyra))
        out.append(rule)
    if len(unknowns) > 1:
        return E(List, Expr(List, tuple(out)))
    return Expr(List, tuple(E(List, r) for r in out))


def _condition_key(sp, bridge, lhs, unknowns, xs):
    """The SymPy ics key for y[x0] or Derivative[n][y][x0]."""
    heads = [h for h, _ in unknowns]
    if type(lhs) is not Expr or len(lhs.args) != 1:
        return None
    point = to_sympy_checked(bridge, lhs.args[0])
    if point is None:
        return None
    head = lhs.head
    if head in heads:
        return bridge.function(head)(point)
    if (
        type(head) is Expr
        and type(head.head) is Expr
        and head.head.head is S.Derivative
        and len(head.head.args) == 1
        and type(head.head.args[0]) is int
        and head.args
        and head.args[0] in heads
    ):
        f = bridge.function(head.args[0])(xs)
        return sp.Derivative(f, (xs, head.head.args[0])).subs(xs, point)
    return None


__all__ = ["solve", "nsolve", "dsolve"]
