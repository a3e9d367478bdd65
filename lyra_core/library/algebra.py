"""Native polynomial algebra: Expand, ExpandAll, Coefficient, CoefficientList,
Exponent, Variables, PolynomialQ, Collect.

The expansion itself lives in polynomials.py; this module is the WL surface:
argument forms, threading over lists and equations, messages.
"""

from __future__ import annotations

from ..engine import messages
from ..expr import system_symbols as S
from ..expr.atoms import Rational
from ..expr.normal import Expr, same
from ..expr.order import canonical_sort
from ..expr.symbol import system
from . import numeric_tower as nt
from .numeric_eval import numeric_q
from .polynomials import (
    base_exponent,
    contains,
    depends_on_any,
    expand,
    factors_of,
    is_number,
    make_plus,
    make_times,
    refuse_if_too_large,
    terms_of,
    thread_algebraic,
)
from .registry import builtin

Plus = S.Plus
Times = S.Times
Power = S.Power
List = S.List
_FreeQ = system("FreeQ")
_Max = system("Max")

messages.define("General", "poly", "`1` is not a polynomial.")
messages.define("General", "npoly", "`1` is not a polynomial in `2`.")
messages.define("General", "ivar", "`1` is not a valid variable.")


def _list_items(e) -> tuple:
    """The elements of a list argument, or (e,) for a single item."""
    if type(e) is Expr and e.head is List:
        return e.args
    return (e,)


def _pattern_keep(ev, patt):
    """Expand[e, patt]'s test: sums free of patt stay as they are."""

    def keep(e):
        return ev.apply(_FreeQ, e, patt) is S.True_

    return keep


def _variables_keep(variables):
    """Keep closed every sum that does not mention one of the variables."""

    def keep(e):
        return not depends_on_any(e, variables)

    return keep


def form_variables(form) -> tuple:
    """The variables a coefficient form is built from: x y^2 -> (x, y)."""
    out = []
    for f in factors_of(form):
        b, _ = base_exponent(f)
        if not is_number(b):
            out.append(b)
    return tuple(out)


# ---------------------------------------------------------------- Expand
@builtin(
    "Expand",
    nargs=(1, 2),
    usage="Expand[expr] multiplies out products and positive integer powers of sums in expr "
    "(at the top level: not inside other functions, not in denominators). "
    "Expand[expr, patt] leaves unexpanded the parts free of patt. Expand threads over lists, "
    "equations, inequalities and logic functions.\n"
    "Example: Expand[(x + 1)^2] gives 1 + 2*x + x^2",
)
def expand_(ev, e, patt=None):
    keep = None if patt is None else _pattern_keep(ev, patt)
    return thread_algebraic(lambda x: expand(ev, x, keep), e)


@builtin(
    "ExpandAll",
    nargs=(1, 2),
    usage="ExpandAll[expr] expands every part of expr: inside functions and in denominators too. "
    "ExpandAll[expr, patt] leaves unexpanded the parts free of patt.\n"
    "Example: ExpandAll[Sin[(x + 1)^2]] gives Sin[1 + 2*x + x^2]",
)
def expand_all(ev, e, patt=None):
    keep = None if patt is None else _pattern_keep(ev, patt)
    return _expand_all(ev, e, keep)


def _expand_all(ev, e, keep):
    if type(e) is not Expr:
        return e
    ev.check_interrupt()
    head = _expand_all(ev, e.head, keep)
    args = tuple([_expand_all(ev, a, keep) for a in e.args])
    if head is Power and len(args) == 2:
        base, exponent = args
        if (
            type(exponent) is int
            and exponent < -1
            and type(base) is Expr
            and base.head is Plus
            and (keep is None or not keep(base))
        ):
            # A denominator: (1 + x)^-2 -> 1/(1 + 2 x + x^2)
            denominator = ev.evaluate(expand(ev, Expr(Power, (base, -exponent)), keep))
            return Expr(Power, (denominator, -1))
    rebuilt = Expr(head, args)
    value = ev.evaluate(rebuilt)
    expanded = ev.evaluate(thread_algebraic(lambda x: expand(ev, x, keep), value))
    if type(expanded) is Expr and (expanded.head is Plus or expanded.head is Times):
        return _expand_denominators(ev, expanded, keep)
    return expanded


def _expand_denominators(ev, e, keep):
    """Each term's denominator multiplied out: a/(c (d + e)) -> a/(c d + c e)."""
    changed = False
    terms = []
    for term in terms_of(e):
        numerator = []
        denominator = []
        for f in factors_of(term):
            b, k = base_exponent(f)
            if type(k) is int and k < 0:
                denominator.append(Expr(Power, (b, -k)) if k != -1 else b)
            else:
                numerator.append(f)
        if not any(type(d) is Expr and d.head in (Plus, Power) for d in denominator) or (
            len(denominator) == 1 and type(denominator[0]) is Expr and denominator[0].head is Plus
        ):
            terms.append(term)
            continue
        product = ev.evaluate(expand(ev, ev.evaluate(make_times(denominator)), keep))
        numerator.append(Expr(Power, (product, -1)))
        terms.append(make_times(numerator))
        changed = True
    return make_plus(terms) if changed else e


# ---------------------------------------------------------------- Variables
@builtin(
    "Variables",
    nargs=1,
    usage="Variables[poly] gives the list of the independent variables of a polynomial (or list "
    "of polynomials), in canonical order; numeric parts such as Pi or Sqrt[2] are not variables.\n"
    "Example: Variables[(x + y)^2 + 3 z^2 - y z + 7] gives {x, y, z}",
)
def variables_(ev, e):
    return Expr(List, variables(e))


def variables(e) -> tuple:
    found: dict = {}
    _collect_variables(e, found)
    return canonical_sort(tuple(found.values()))


def _collect_variables(e, found: dict) -> None:
    t = type(e)
    if is_number(e) or t is str:
        return
    if t is Expr:
        head = e.head
        if head is Plus or head is Times or head is List:
            for a in e.args:
                _collect_variables(a, found)
            return
        if head is Power and len(e.args) == 2:
            b, k = e.args
            if type(k) is int or type(k) is Rational:
                _collect_variables(b, found)
                return
    if numeric_q(e):
        return
    found.setdefault(e, e)


# ---------------------------------------------------------------- PolynomialQ
@builtin(
    "PolynomialQ",
    nargs=(1, 2),
    usage="PolynomialQ[expr, var] gives True when expr is a polynomial in var; PolynomialQ[expr, "
    "{x, y, ...}] in all of them; PolynomialQ[expr] in all its variables. Coefficients may be "
    "any expressions free of the variables.\n"
    "Example: PolynomialQ[x^3 - 2 x/y + 3 x z, x] gives True",
)
def polynomial_q(ev, e, vars_=None):
    targets = variables(e) if vars_ is None else _list_items(vars_)
    return S.True_ if is_polynomial(e, targets) else S.False_


def is_polynomial(e, targets) -> bool:
    for v in targets:
        if e is v or (type(e) is type(v) and e == v):
            return True
    if not depends_on_any(e, targets):
        return True
    if type(e) is not Expr:
        return False
    head = e.head
    if head is Plus or head is Times:
        return all(is_polynomial(a, targets) for a in e.args)
    if head is Power and len(e.args) == 2:
        b, k = e.args
        if type(k) is int and k >= 0:
            return is_polynomial(b, targets)
    return False


# ---------------------------------------------------------------- Coefficient
@builtin(
    "Coefficient",
    nargs=(2, 3),
    attributes=("Listable", "Protected"),
    usage="Coefficient[expr, form] gives the coefficient of form in the polynomial expr; "
    "Coefficient[expr, form, n] the coefficient of form^n (n = 0: the terms free of form). "
    "expr is expanded first.\n"
    "Example: Coefficient[(x + 1)^3, x, 2] gives 3",
)
def coefficient(ev, e, form, n=1):
    if is_number(form) or type(form) is str:
        ev.message("Coefficient", "ivar", form)
        return None
    targets = _target_exponents(ev, form, n)
    if targets is None:
        return None
    bases = [b for b, _ in targets]
    expanded = ev.evaluate(expand(ev, e, _variables_keep(bases)))
    picked = []
    for term in terms_of(expanded):
        rest = _divide_term(ev, term, targets)
        if rest is not None:
            picked.append(rest)
    return make_plus(picked)


def _target_exponents(ev, form, n):
    """[(base, exponent)] of form^n; None when form is not a product of powers."""
    out = []
    for f in factors_of(form):
        b, k = base_exponent(f)
        if is_number(b):
            return None
        if is_number(k) and is_number(n):
            total = nt.mul(k, n)
        else:
            total = ev.evaluate(Expr(Times, (k, n)))
        out.append((b, total))
    return out


def _divide_term(ev, term, targets):
    """term / prod(base^k) when term holds exactly those powers of the bases."""
    factors = list(factors_of(term))
    for base, wanted in targets:
        found = 0
        position = None
        for i, f in enumerate(factors):
            b, k = base_exponent(f)
            if b is base or (type(b) is type(base) and b == base):
                found = k
                position = i
                break
        if not _same_exponent(found, wanted):
            return None
        if position is not None:
            del factors[position]
    return make_times(factors)


def _same_exponent(a, b) -> bool:
    if is_number(a) and is_number(b):
        return same(a, b) or (nt.is_exact(a) and nt.is_exact(b) and nt.is_zero(nt.subtract(a, b)))
    return same(a, b)


# ---------------------------------------------------------------- Exponent
@builtin(
    "Exponent",
    nargs=(2, 3),
    attributes=("Listable", "Protected"),
    usage="Exponent[expr, form] gives the maximum power of form in expr (expanded first); "
    "Exponent[expr, form, h] applies h to the set of exponents. Exponent[0, x] is -Infinity.\n"
    "Example: Exponent[x^2 + a x^5 + 1, x] gives 5",
)
def exponent(ev, e, form, h=None):
    if is_number(form) or type(form) is str:
        ev.message("Exponent", "ivar", form)
        return None
    base, scale = base_exponent(form)
    expanded = ev.evaluate(expand(ev, e, _variables_keep((base,))))
    if type(expanded) is int and expanded == 0:
        return ev.evaluate(Expr(Times, (-1, S.Infinity)))
    found: dict = {}
    for term in terms_of(expanded):
        k = _exponent_of(ev, term, base)
        if not (type(scale) is int and scale == 1):
            k = ev.evaluate(Expr(Times, (k, Expr(Power, (scale, -1)))))
        found.setdefault(k if type(k) is not float else ("Real", k), k)
    values = list(found.values())
    if h is None or h is _Max:
        if all(is_number(v) and type(v) is not nt.Complex for v in values):
            best = values[0]
            for v in values[1:]:
                if nt.real_compare(v, best) > 0:
                    best = v
            return best
        return Expr(_Max, tuple(values))
    return Expr(h, tuple(canonical_sort(tuple(values))))


def _exponent_of(ev, term, base):
    total = 0
    for f in factors_of(term):
        b, k = base_exponent(f)
        if b is base or (type(b) is type(base) and b == base):
            total = nt.add(total, k) if is_number(k) and is_number(total) else ev.evaluate(Expr(Plus, (total, k)))
    return total


# ---------------------------------------------------------------- CoefficientList
@builtin(
    "CoefficientList",
    nargs=(2, 3),
    usage="CoefficientList[poly, var] gives the coefficients of the powers of var in poly, from "
    "power 0 up; CoefficientList[poly, {x, y, ...}] the array of coefficients; a third argument "
    "{d1, d2, ...} pads or truncates to those dimensions. Terms without a positive integer power "
    "of a variable go with power 0.\n"
    "Example: CoefficientList[1 + 2 x + 3 x^3, x] gives {1, 2, 0, 3}",
)
def coefficient_list(ev, e, vars_, dims=None):
    variables_ = _list_items(vars_)
    for v in variables_:
        if is_number(v) or type(v) is str:
            ev.message("CoefficientList", "ivar", v)
            return None
    dims_wanted = None
    if dims is not None:
        dims_wanted = _list_items(dims)
        if len(dims_wanted) != len(variables_) or not all(
            type(d) is int and d >= 0 for d in dims_wanted
        ):
            return None
    expanded = ev.evaluate(expand(ev, e, _variables_keep(variables_)))
    if type(expanded) is int and expanded == 0 and dims_wanted is None:
        return Expr(List, ())
    if not variables_:
        return expanded
    cells: dict = {}
    top = [0] * len(variables_)
    for term in terms_of(expanded):
        exponents, rest = _split_exponents(term, variables_)
        for i, k in enumerate(exponents):
            if k > top[i]:
                top[i] = k
        cells.setdefault(exponents, []).append(rest)
    shape = [t + 1 for t in top] if dims_wanted is None else list(dims_wanted)
    cells_wanted = 1
    for size in shape:
        cells_wanted *= size
    refuse_if_too_large(ev, cells_wanted)

    def build(level, prefix):
        items = []
        for k in range(shape[level]):
            index = prefix + (k,)
            if level + 1 == len(shape):
                parts = cells.get(index)
                items.append(0 if parts is None else ev.evaluate(make_plus(parts)))
            else:
                items.append(build(level + 1, index))
        return Expr(List, tuple(items))

    return build(0, ())


def _split_exponents(term, variables_):
    """(exponent tuple over the variables, the rest of the term). Factors that
    are not non-negative integer powers of a variable stay in the rest."""
    exponents = [0] * len(variables_)
    rest = []
    for f in factors_of(term):
        b, k = base_exponent(f)
        for i, v in enumerate(variables_):
            if type(k) is int and k > 0 and (b is v or (type(b) is type(v) and b == v)):
                exponents[i] += k
                break
        else:
            rest.append(f)
    return tuple(exponents), make_times(rest)


# ---------------------------------------------------------------- Collect
@builtin(
    "Collect",
    nargs=(2, 3),
    usage="Collect[expr, x] gathers the terms of expr with the same power of x; Collect[expr, "
    "{x, y, ...}] collects by x, then the coefficients by y, ...; Collect[expr, vars, h] applies "
    "h to each coefficient.\n"
    "Example: Collect[a x + b x + c x^2 + d, x] gives d + (a + b)*x + c*x^2",
)
def collect(ev, e, vars_, h=None):
    variables_ = _list_items(vars_)
    return thread_algebraic(lambda x: _collect(ev, x, variables_, h), e)


def _collect(ev, e, variables_, h):
    if not variables_:
        return e if h is None else Expr(h, (e,))
    var = variables_[0]
    rest_vars = variables_[1:]
    expanded = ev.evaluate(expand(ev, e, _variables_keep((var,))))
    groups: dict = {}  # the var part of a term -> [var part, [coefficient terms]]
    for term in terms_of(expanded):
        dependent = []
        independent = []
        for f in factors_of(term):
            (dependent if contains(f, var) else independent).append(f)
        key = ev.evaluate(make_times(dependent)) if len(dependent) > 1 else make_times(dependent)
        entry = groups.get(key)
        if entry is None:
            groups[key] = [key, [make_times(independent)]]
        else:
            entry[1].append(make_times(independent))
    out = []
    for key, parts in groups.values():
        coefficient_ = ev.evaluate(make_plus(parts))
        if rest_vars or h is not None:
            coefficient_ = ev.evaluate(_collect(ev, coefficient_, rest_vars, h))
        out.append(Expr(Times, (coefficient_, key)))
    return make_plus(out)


__all__ = ["form_variables", "is_polynomial", "variables"]
