"""The SymPy side of linear_algebra.py: matrices with symbolic or algebraic
entries, and every exact eigenproblem.

Each computation has two halves. The SymPy half (functions taking SymPy
matrices, returning "parts") runs under sympy_bridge.run_sympy, so Ctrl-C
and TimeConstrained stop it and a SymPy error becomes None. The Lyra half
(`*_back`) converts the parts to evaluated Lyra values in WL's forms:

  * an entry's parts are ("n", number) -- an algebraic number written with
    rationalized denominators and the numeric factor outside,
    (5 + Sqrt[33])/2 -- or ("r", numerator, denominator) for a rational
    function, (d*e - b*f)/(-(b*c) + a*d);
  * eigenvalues of irreducible factors of degree 3 or more are _RootOf
    values, shown as WL's Root[p(#1) &, k].
"""

from __future__ import annotations

from ..expr.atoms import Rational, mpmath
from ..expr.normal import Expr
from ..expr.symbol import system
from ..expr import system_symbols as S
from .sympy_bridge import Bridge, Unconvertible, run_sympy, sympy

List = S.List
Plus = S.Plus
Times = S.Times
Power = S.Power
Root = system("Root")
Slot1 = Expr(S.Slot, (1,))

_INFINITE_HEADS = (S.DirectedInfinity,)


# ================================================================ converting matrices
def _has_infinity(x) -> bool:
    if x is S.Indeterminate or x is S.Infinity or x is S.ComplexInfinity:
        return True
    if type(x) is Expr:
        if x.head in _INFINITE_HEADS:
            return True
        return any(_has_infinity(a) for a in x.args)
    return False


def sympy_matrix(rows):
    """(bridge, SymPy Matrix) for Lyra rows, or None when an entry has no
    finite SymPy form (infinities make every result meaningless)."""
    if any(_has_infinity(x) for row in rows for x in row):
        return None
    bridge = Bridge()
    try:
        return bridge, sympy().Matrix([[bridge.to_sympy_expr(x) for x in row] for row in rows])
    except (Unconvertible, TypeError, ValueError):
        return None


def run(ev, work, *args):
    """work(*args) through run_sympy (interruptible; None on SymPy errors)."""
    return run_sympy(ev, work, *args)


# ================================================================ entries: parts
def tidy(s):
    """A SymPy entry simplified the way WL shows it: rational functions
    cancelled, algebraic numbers with rationalized denominators and their
    common numeric factor pulled out."""
    sp = sympy()
    if s.is_Rational or s.is_Float or s.is_Symbol:
        return s
    if s.free_symbols:
        return sp.cancel(s)
    if s.has(sp.Float) or s.has(sp.Dummy):
        return sp.expand(s)
    return sp.factor_terms(sp.expand(sp.radsimp(sp.expand(s))))


def parts(s):
    """The parts of one entry (see the module docstring)."""
    sp = sympy()
    s = tidy(s)
    if s.is_number:
        return ("n", s)
    num, den = sp.fraction(sp.together(s))
    return ("r", sp.expand(num), sp.expand(den))


def parts_back(ev, bridge, p):
    """The evaluated Lyra value of an entry's parts (None if unconvertible)."""
    try:
        if p[0] == "n":
            return _positive_coefficient(ev, ev.evaluate(bridge.from_sympy(p[1])))
        top = bridge.from_sympy(p[1])
        if p[2] == 1:
            return ev.evaluate(top)
        bottom = bridge.from_sympy(p[2])
    except Unconvertible:
        return None
    return ev.evaluate(Expr(Times, (top, Expr(Power, (bottom, -1)))))


def _positive_coefficient(ev, x):
    """-(3 + Sqrt[33])/6 as WL writes it: (-3 - Sqrt[33])/6."""
    if (
        type(x) is Expr
        and x.head is Times
        and len(x.args) == 2
        and type(x.args[0]) is Rational
        and x.args[0].num < 0
        and type(x.args[1]) is Expr
        and x.args[1].head is Plus
    ):
        c, total = x.args
        negated = Expr(Plus, tuple(Expr(Times, (-1, t)) for t in total.args))
        return ev.evaluate(Expr(Times, (Rational(-c.num, c.den), negated)))
    return x


def matrix_parts(matrix) -> list:
    return [[parts(matrix[i, j]) for j in range(matrix.cols)] for i in range(matrix.rows)]


def rows_back(ev, bridge, rows):
    """A Lyra matrix from rows of parts, or None."""
    out = []
    for row in rows:
        values = [parts_back(ev, bridge, p) for p in row]
        if any(v is None for v in values):
            return None
        out.append(Expr(List, tuple(values)))
    return Expr(List, tuple(out))


def value_back(ev, bridge, s):
    """A SymPy value converted as is and evaluated, or None."""
    try:
        return ev.evaluate(bridge.from_sympy(s))
    except Unconvertible:
        return None


# ================================================================ the SymPy halves
def det_work(matrix):
    return sympy().expand(matrix.det(method="berkowitz"))


def inverse_work(matrix):
    """Parts of the inverse (adjugate over the expanded determinant), or
    "singular"."""
    determinant = sympy().expand(matrix.det(method="berkowitz"))
    if determinant == 0:
        return "singular"
    adjugate = matrix.adjugate(method="berkowitz")
    return matrix_parts(adjugate / determinant)


def solve_work(augmented, width, count):
    """Parts of one solution per right-hand column (free variables 0), or
    "nosol"."""
    reduced, pivots = augmented.rref(simplify=True)
    if any(p >= width for p in pivots):
        return "nosol"
    zero = parts(sympy().Integer(0))
    solutions = []
    for j in range(count):
        x = [zero] * width
        for r, p in enumerate(pivots):
            x[p] = parts(reduced[r, width + j])
        solutions.append(x)
    return solutions


def rref_work(matrix):
    reduced, _ = matrix.rref(simplify=True)
    return matrix_parts(reduced)


def rank_work(matrix):
    return int(matrix.rank(simplify=True))


def null_space_entries(matrix) -> list:
    """SymPy's null space basis in WL's order (last free variable first),
    entries tidied and rational vectors cleared of denominators."""
    sp = sympy()
    out = []
    for v in reversed(matrix.nullspace(simplify=True)):
        entries = [tidy(sp.simplify(x)) for x in v]
        if all(x.is_Rational for x in entries):
            lcm = 1
            for x in entries:
                lcm = sp.ilcm(lcm, x.q)
            entries = [x * lcm for x in entries]
        out.append(entries)
    return out


def null_space_work(matrix):
    return [[parts(x) for x in v] for v in null_space_entries(matrix)]


def charpoly_work(matrix):
    return det_work(matrix)


# ================================================================ eigenproblems
class RootOf:
    """The root number `index` (0-based, WL's Root order: real roots
    increasing, then complex ones by real and imaginary part) of an
    irreducible integer polynomial of degree 3 or more; `approx` its value."""

    __slots__ = ("poly", "index", "approx")

    def __init__(self, poly, index, approx):
        self.poly = poly
        self.index = index
        self.approx = approx


def order_key(value: complex):
    """WL's eigenvalue order: decreasing absolute value; for equal magnitude
    the negative real first and the positive imaginary first ({2, -1, 1},
    {I, -I})."""
    return (-round(abs(value), 10), round(value.real, 10), -round(value.imag, 10))


def eigenvalue_groups(poly, t):
    """[(eigenvalue, multiplicity, complex approximation or None)] from a
    characteristic polynomial: radicals for irreducible factors of degree <= 2
    (and symbolic ones SymPy solves), RootOf values above; None if some root
    cannot be expressed."""
    sp = sympy()
    _, factors = poly.factor_list()
    groups = []
    for factor, power in factors:
        p = sp.Poly(factor.as_expr(), t)
        degree = p.degree()
        if degree <= 0:
            continue
        if degree >= 3 and p.domain in (sp.ZZ, sp.QQ):
            approximations = root_approximations(p)
            for k in range(degree):
                groups.append((RootOf(p, k, approximations[k]), power, approximations[k]))
            continue
        found = sp.roots(p, multiple=True)
        if len(found) != degree:
            return None
        for r in found:
            r = tidy(r)
            for i, (r2, p2, a2) in enumerate(groups):
                if type(r2) is not RootOf and r2 == r:
                    groups[i] = (r2, p2 + power, a2)
                    break
            else:
                groups.append((r, power, complex(sp.N(r, 20)) if r.is_number else None))
    return groups


def root_approximations(p) -> list:
    """The roots of an irreducible rational polynomial as complex numbers, in
    Root order (real ones increasing, then complex by real and imaginary part)."""
    mp = mpmath()
    coefficients = [int(c) if c.is_Integer else mp.mpf(int(c.p)) / int(c.q) for c in p.all_coeffs()]
    with mp.workdps(30):
        roots = [complex(r) for r in mp.polyroots(coefficients, maxsteps=200, extraprec=60)]
    real_count = int(p.count_roots())
    by_realness = sorted(roots, key=lambda z: abs(z.imag))
    reals = sorted(z.real for z in by_realness[:real_count])
    others = sorted(by_realness[real_count:], key=lambda z: (round(z.real, 12), z.imag))
    return [complex(x) for x in reals] + others


def eigen_work(matrix, vectors: bool):
    """The SymPy half of Eigenvalues/Eigenvectors: [(value parts or RootOf,
    multiplicity, [basis vectors of parts])] in WL's order, plus the
    stand-in symbols of Root eigenvalues (Dummy -> RootOf); or "eival"."""
    sp = sympy()
    poly = matrix.charpoly(sp.Dummy("t"))
    t = poly.gen
    groups = eigenvalue_groups(poly, t)
    if groups is None:
        return "eival"
    if all(approx is not None for _, _, approx in groups):
        groups.sort(key=lambda g: order_key(g[2]))
    stand_ins = {}
    out = []
    for value, multiplicity, _ in groups:
        basis = []
        if vectors:
            if type(value) is RootOf:
                stand_in = sp.Dummy("root")
                stand_ins[stand_in] = value
                basis = _root_eigenvector(matrix, value, t, stand_in)
            else:
                basis = _eigen_basis(matrix, value)
        shown = value if type(value) is RootOf else parts(value)
        out.append((shown, multiplicity, [[parts(x) for x in v] for v in basis]))
    return out, stand_ins


def _eigen_basis(matrix, value) -> list:
    """A basis of the eigenspace of `value` as lists of SymPy entries."""
    sp = sympy()
    shifted = matrix - value * sp.eye(matrix.rows)
    if shifted.free_symbols:
        # Eliminating from the last row up gives WL's form for symbolic
        # matrices ({(-d + value)/c, 1} rather than {b/(value - a), 1}).
        shifted = shifted[::-1, :]
    vectors = []
    for v in null_space_entries(shifted):
        # Scale so the last non-zero entry is 1 (WL's form), unless rational.
        if not all(x.is_Rational for x in v):
            last = next((x for x in reversed(v) if x != 0), None)
            if last is not None and last != 1:
                v = [tidy(sp.simplify(x / last)) for x in v]
        vectors.append(v)
    return vectors


def _root_eigenvector(matrix, root, t, stand_in) -> list:
    """The eigenvector of a simple root r of an irreducible factor p: a
    non-zero column of adj(m - t I) reduced modulo p(t), scaled to last entry
    1 in Q[t]/p, with t written as the stand-in for the Root object."""
    sp = sympy()
    n = matrix.rows
    p = root.poly
    adjugate = (matrix - t * sp.eye(n)).adjugate(method="berkowitz")
    for j in range(n):
        column = [sp.Poly(adjugate[i, j], t).rem(p) for i in range(n)]
        if any(not c.is_zero for c in column):
            break
    else:
        return []
    last = next(c for c in reversed(column) if not c.is_zero)
    inverse_last = sp.Poly(sp.invert(last.as_expr(), p.as_expr(), t), t)
    scaled = [(c * inverse_last).rem(p) for c in column]
    return [[sp.expand(c.as_expr().subs(t, stand_in)) for c in scaled]]


def root_expr(ev, root: RootOf):
    """Root[p(#1) &, k] for a RootOf, its polynomial in canonical order."""
    terms = []
    for power, c in enumerate(reversed(root.poly.all_coeffs())):
        if c == 0:
            continue
        coefficient = int(c) if c.is_Integer else Rational(int(c.p), int(c.q))
        monomial = 1 if power == 0 else (Slot1 if power == 1 else Expr(Power, (Slot1, power)))
        terms.append(Expr(Times, (coefficient, monomial)))
    body = ev.evaluate(Expr(Plus, tuple(terms)))
    return Expr(Root, (Expr(S.Function, (body,)), root.index + 1))


def eigen_back(ev, bridge, result, n: int, vectors: bool):
    """[(eigenvalue, eigenvector or None)] in Lyra from eigen_work's result;
    defective eigenvalues get zero vectors, listed last."""
    groups, stand_ins = result
    for stand_in, root in stand_ins.items():
        bridge.back[stand_in] = root_expr(ev, root)
    pairs = []
    for value, multiplicity, basis in groups:
        lyra_value = root_expr(ev, value) if type(value) is RootOf else parts_back(ev, bridge, value)
        if lyra_value is None:
            return None
        lyra_vectors = []
        for v in basis:
            entries = [parts_back(ev, bridge, p) for p in v]
            if any(e is None for e in entries):
                return None
            lyra_vectors.append(Expr(List, tuple(entries)))
        for i in range(multiplicity):
            pairs.append((lyra_value, lyra_vectors[i] if i < len(lyra_vectors) else None))
    if vectors:
        zero = Expr(List, (0,) * n)
        found = [p for p in pairs if p[1] is not None]
        missing = [(value, zero) for value, vector in pairs if vector is None]
        pairs = found + missing
    return pairs


def spectral_norm_work(matrix):
    """The parts of Sqrt[largest eigenvalue of m^H.m] (a RootOf's square
    root is returned as ("root", RootOf)); None when not numeric."""
    sp = sympy()
    gram = matrix.H * matrix
    poly = gram.charpoly(sp.Dummy("t"))
    groups = eigenvalue_groups(poly, poly.gen)
    if not groups or not all(approx is not None for _, _, approx in groups):
        return "none"
    largest = max(groups, key=lambda g: g[2].real)[0]
    if type(largest) is RootOf:
        return ("root", largest)
    return parts(sp.sqrt(largest))


def spectral_norm_back(ev, bridge, result):
    if result[0] == "root":
        return ev.evaluate(Expr(S.Sqrt, (root_expr(ev, result[1]),)))
    return parts_back(ev, bridge, result)
