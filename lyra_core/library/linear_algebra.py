"""Linear algebra: Det, Inverse, LinearSolve, RowReduce, MatrixRank, NullSpace,
Eigenvalues, Eigenvectors, Eigensystem, MatrixPower, Tr, IdentityMatrix,
DiagonalMatrix, Cross, Norm, Normalize. (Dot and Transpose live in
tensors.py and structure.py.)

Exact for exact input, numeric for machine input, as WL does:

  * Integer/Rational matrices are computed exactly with Python fractions
    (integer determinants fraction-free);
  * a machine real anywhere makes the computation machine-precision, with
    partial pivoting (eigenvalues through NumPy when it is installed, else
    mpmath);
  * anything else -- symbols, Sqrt[2], exact complex numbers, big reals --
    goes through SymPy (imported on first use), and so do the exact
    eigenvalue problems.
"""

from __future__ import annotations

import math

from ..engine import messages
from ..expr.atoms import Complex, Rational, mpmath
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from . import linear_algebra_kernels as K
from .linear_algebra_sympy import Converter, Unconvertible, sympy
from .list_support import call, check_size, is_infinity, settled_list
from .registry import builtin
from .structure import array_dimensions

List = S.List
Plus = S.Plus
Times = S.Times
Power = S.Power
Abs = system("Abs")
Max = system("Max")
Conjugate = system("Conjugate")
Sqrt = S.Sqrt

_SQUARE = "Argument `1` at position `2` is not a non-empty square matrix."
_RECTANGULAR = "Argument `1` at position `2` is not a non-empty rectangular matrix."
for _name in ("Det", "Inverse", "MatrixPower", "Eigenvalues", "Eigenvectors", "Eigensystem",
              "CharacteristicPolynomial"):
    messages.define(_name, "matsq", _SQUARE)
for _name in ("LinearSolve", "RowReduce", "MatrixRank", "NullSpace"):
    messages.define(_name, "matrix", _RECTANGULAR)
messages.define("Inverse", "sing", "Matrix `1` is singular.")
messages.define("MatrixPower", "sing", "Matrix `1` is singular.")
messages.define("LinearSolve", "nosol", "Linear equation encountered that has no solution.")
messages.define(
    "LinearSolve",
    "lslc",
    "Coefficient matrix and target vector or matrix do not have the same dimensions.",
)
messages.define(
    "Cross",
    "nonn1",
    "The arguments are expected to be vectors of equal length, and the number of arguments is "
    "expected to be 1 less than their length.",
)
messages.define("Norm", "nvm", "The first Norm argument should be a scalar, vector or matrix.")
messages.define(
    "Norm",
    "ptype",
    "The second argument of Norm, `1`, should be a symbol, Infinity, or an integer or real number "
    "not less than 1 for vector p-norms; or 1, 2, Infinity, or \"Frobenius\" for matrix norms.",
)
messages.define("IdentityMatrix", "inmat", "Positive integer or pair of positive integers expected at position 1 of `1`.")
messages.define("DiagonalMatrix", "intm", "Machine-sized integer expected at position `2` in `1`.")
messages.define("Eigenvalues", "eival", "Unable to find all roots of the characteristic polynomial.")


def _checker(ev):
    return ev.check_interrupt


# ================================================================ result building
def _exact_list(values) -> Expr:
    return settled_list(tuple(K.from_fraction(f) for f in values))


def _exact_rows(rows) -> Expr:
    return settled_list(tuple(_exact_list(r) for r in rows))


def _machine_list(values, complex_domain) -> Expr:
    return settled_list(tuple(K.from_machine(z, complex_domain) for z in values))


def _machine_rows(rows, complex_domain) -> Expr:
    return settled_list(tuple(_machine_list(r, complex_domain) for r in rows))


def _domain(rows) -> int:
    return K.domain_of(K.all_entries(rows))


def _lyra_rows(rows) -> Expr:
    return Expr(List, tuple(Expr(List, tuple(r)) for r in rows))


# ================================================================ SymPy helpers
def _sympy_matrix(ev, rows):
    """(converter, SymPy Matrix) or None when some entry has no SymPy form."""
    conv = Converter(ev.evaluate)
    try:
        return conv, conv.matrix(rows)
    except Unconvertible:
        return None


def _back(ev, conv, s):
    """A SymPy result as an evaluated Lyra value, or None when it has no form."""
    try:
        return ev.evaluate(conv.from_sympy(s))
    except Unconvertible:
        return None


def _tidy(s):
    """A SymPy entry simplified the way WL shows it: rational functions
    cancelled, algebraic numbers with rationalized denominators and their
    common numeric factor pulled out ((5 + Sqrt[33])/2)."""
    sp = sympy()
    if s.is_Rational or s.is_Float or s.is_Symbol:
        return s
    if s.free_symbols:
        return sp.cancel(s)
    if s.has(sp.Float) or s.has(sp.CRootOf):
        return sp.expand(s)
    return sp.factor_terms(sp.expand(sp.radsimp(sp.expand(s))))


def _ratio(ev, conv, s):
    """A SymPy entry as a Lyra value: numbers tidied, rational functions as
    one numerator over one denominator ((d*e - b*f)/(-(b*c) + a*d))."""
    sp = sympy()
    s = _tidy(s)
    if s.is_number:
        value = _back(ev, conv, s)
        return None if value is None else _positive_coefficient(ev, value)
    num, den = sp.fraction(sp.together(s))
    top = conv.from_sympy(sp.expand(num))
    if den == 1:
        return ev.evaluate(top)
    bottom = conv.from_sympy(sp.expand(den))
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


def _sympy_rows_back(ev, conv, matrix):
    out = []
    for i in range(matrix.rows):
        row = []
        for j in range(matrix.cols):
            value = _ratio(ev, conv, matrix[i, j])
            if value is None:
                return None
            row.append(value)
        out.append(Expr(List, tuple(row)))
    return Expr(List, tuple(out))


# ================================================================ Det
def _square_rows(ev, name, m, position=1):
    rows = K.matrix_rows(m)
    if rows is None or len(rows) != len(rows[0]):
        ev.message(name, "matsq", m, position)
        return None
    return rows


@builtin(
    "Det",
    nargs=1,
    attributes=("Protected",),
    usage="Det[m] gives the determinant of the square matrix m: exact for exact entries, a machine number "
    "for machine entries, an expanded polynomial for symbolic ones.\n"
    "Example: Det[{{1, 2}, {3, 4}}] gives -2; Det[{{a, b}, {c, d}}] gives -(b*c) + a*d",
)
def det(ev, m):
    rows = _square_rows(ev, "Det", m)
    if rows is None:
        return None
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        if all(type(x) is int for x in K.all_entries(rows)):
            return K.bareiss_det(rows, check)
        return K.from_fraction(K.elimination_det(K.exact_matrix(rows), True, check))
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        value = K.elimination_det(a, False, check)
        return K.from_machine(value, K.is_complex_matrix(a))
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    conv, matrix = converted
    return _back(ev, conv, sympy().expand(matrix.det(method="berkowitz")))


# ================================================================ Inverse
@builtin(
    "Inverse",
    nargs=1,
    attributes=("Protected",),
    usage="Inverse[m] gives the inverse of the square matrix m (exact for exact entries); a singular matrix "
    "gives the message Inverse::sing.\n"
    "Example: Inverse[{{1, 2}, {3, 4}}] gives {{-2, 1}, {3/2, -1/2}}",
)
def inverse(ev, m):
    rows = _square_rows(ev, "Inverse", m)
    if rows is None:
        return None
    result = _inverse_of(ev, rows)
    if result is None:
        ev.message("Inverse", "sing", m)
    return result if result is not False else None


def _inverse_of(ev, rows):
    """The inverse as a Lyra matrix; None when singular; False when it cannot
    be computed (no SymPy form)."""
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        inv = K.inverse(K.exact_matrix(rows), True, check)
        return None if inv is None else _exact_rows(inv)
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        complex_domain = K.is_complex_matrix(a)
        inv = K.inverse(a, False, check)
        return None if inv is None else _machine_rows(inv, complex_domain)
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return False
    conv, matrix = converted
    sp = sympy()
    determinant = sp.expand(matrix.det(method="berkowitz"))
    if determinant == 0:
        return None
    adjugate = matrix.adjugate(method="berkowitz")
    result = _sympy_rows_back(ev, conv, adjugate / determinant)
    return False if result is None else result


# ================================================================ LinearSolve
@builtin(
    "LinearSolve",
    nargs=2,
    attributes=("Protected",),
    usage="LinearSolve[m, b] gives a vector x with m . x == b (a matrix x when b is a matrix); when there "
    "are many solutions the free variables are 0, when there is none LinearSolve::nosol is issued.\n"
    "Example: LinearSolve[{{1, 2}, {3, 4}}, {5, 6}] gives {-4, 9/2}",
)
def linear_solve(ev, m, b):
    rows = K.matrix_rows(m)
    if rows is None:
        ev.message("LinearSolve", "matrix", m, 1)
        return None
    vector = K.vector_items(b)
    if vector is not None:
        columns = [vector]
    else:
        b_rows = K.matrix_rows(b)
        if b_rows is None:
            ev.message("LinearSolve", "matrix", b, 2)
            return None
        columns = [tuple(c) for c in zip(*b_rows)]
    if len(columns[0]) != len(rows):
        ev.message("LinearSolve", "lslc")
        return None
    solutions = _solve(ev, rows, columns)
    if solutions is None:
        ev.message("LinearSolve", "nosol")
        return None
    if solutions is False:
        return None
    if vector is not None:
        return solutions[0]
    return Expr(List, tuple(Expr(List, r) for r in zip(*(s.args for s in solutions))))


def _solve(ev, rows, columns):
    """One Lyra solution vector per right-hand column; None: no solution;
    False: cannot be computed."""
    entries = list(K.all_entries(rows))
    for c in columns:
        entries.extend(c)
    kind = K.domain_of(entries)
    check = _checker(ev)
    if kind == K.EXACT:
        result = K.solve(K.exact_matrix(rows), [[K.to_fraction(x) for x in c] for c in columns], True, check)
        return None if result is None else [_exact_list(x) for x in result]
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        b = [[K.to_machine(x) for x in c] for c in columns]
        complex_domain = K.is_complex_matrix(a) or K.is_complex_matrix(b)
        result = K.solve(a, b, False, check)
        return None if result is None else [_machine_list(x, complex_domain) for x in result]
    converted = _sympy_matrix(ev, [tuple(r) + tuple(c[i] for c in columns) for i, r in enumerate(rows)])
    if converted is None:
        return False
    conv, augmented = converted
    width = len(rows[0])
    reduced, pivots = augmented.rref(simplify=True)
    if any(p >= width for p in pivots):
        return None
    out = []
    for j in range(len(columns)):
        x = [0] * width
        for r, p in enumerate(pivots):
            value = _ratio(ev, conv, reduced[r, width + j])
            if value is None:
                return False
            x[p] = value
        out.append(Expr(List, tuple(x)))
    return out


# ================================================================ RowReduce, MatrixRank, NullSpace
def _rectangular_rows(ev, name, m):
    rows = K.matrix_rows(m)
    if rows is None:
        ev.message(name, "matrix", m, 1)
    return rows


@builtin(
    "RowReduce",
    nargs=1,
    attributes=("Protected",),
    usage="RowReduce[m] gives the reduced row echelon form of the matrix m.\n"
    "Example: RowReduce[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}] gives {{1, 0, -1}, {0, 1, 2}, {0, 0, 0}}",
)
def row_reduce(ev, m):
    rows = _rectangular_rows(ev, "RowReduce", m)
    if rows is None:
        return None
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        a = K.exact_matrix(rows)
        K.rref(a, True, check)
        return _exact_rows(a)
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        complex_domain = K.is_complex_matrix(a)
        K.rref(a, False, check)
        return _machine_rows(a, complex_domain)
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    conv, matrix = converted
    reduced, _ = matrix.rref(simplify=True)
    return _sympy_rows_back(ev, conv, reduced)


@builtin(
    "MatrixRank",
    nargs=1,
    attributes=("Protected",),
    usage="MatrixRank[m] gives the rank of the matrix m: the number of linearly independent rows.\n"
    "Example: MatrixRank[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}] gives 2",
)
def matrix_rank(ev, m):
    rows = _rectangular_rows(ev, "MatrixRank", m)
    if rows is None:
        return None
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        return K.integer_rank(K.integer_rows(rows), check)
    if kind == K.MACHINE:
        return len(K.rref(K.machine_matrix(rows), False, check))
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    return int(converted[1].rank(simplify=True))


@builtin(
    "NullSpace",
    nargs=1,
    attributes=("Protected",),
    usage="NullSpace[m] gives a list of vectors forming a basis of the null space of m (the x with m . x == 0); "
    "exact vectors have integer entries when m is rational, machine ones are orthonormal.\n"
    "Example: NullSpace[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}] gives {{1, -2, 1}}",
)
def null_space(ev, m):
    rows = _rectangular_rows(ev, "NullSpace", m)
    if rows is None:
        return None
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        return settled_list(tuple(_exact_list(v) for v in K.null_space(K.exact_matrix(rows), True, check)))
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        complex_domain = K.is_complex_matrix(a)
        basis = K.null_space(a, False, check)
        return settled_list(tuple(_machine_list(v, complex_domain) for v in basis))
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    conv, matrix = converted
    vectors = _sympy_null_space(matrix)
    return _vectors_back(ev, conv, vectors)


def _sympy_null_space(matrix) -> list:
    """SymPy's null space basis, in WL's order (last free variable first),
    entries tidied and rational vectors cleared of denominators."""
    sp = sympy()
    basis = matrix.nullspace(simplify=True)
    out = []
    for v in reversed(basis):
        entries = [_tidy(sp.simplify(x)) for x in v]
        if all(x.is_Rational for x in entries):
            lcm = 1
            for x in entries:
                lcm = sp.ilcm(lcm, x.q)
            entries = [x * lcm for x in entries]
        out.append(entries)
    return out


def _vectors_back(ev, conv, vectors):
    out = []
    for v in vectors:
        items = []
        for x in v:
            value = _ratio(ev, conv, x)
            if value is None:
                return None
            items.append(value)
        out.append(Expr(List, tuple(items)))
    return Expr(List, tuple(out))


# ================================================================ Eigenvalues
def _eigen_order_key(value: complex):
    """WL's order: decreasing absolute value; for equal magnitude the
    negative real first and the positive imaginary first ({2, -1, 1},
    {I, -I})."""
    magnitude = abs(value)
    return (-round(magnitude, 10), round(value.real, 10), -round(value.imag, 10))


def _count_spec(ev, name, k, whole):
    """The k of Eigenvalues[m, k]: a non-zero integer, or None after a message."""
    if type(k) is int and k != 0:
        return k
    ev.message(name, "intnm", whole, 2)
    return None


def _first_k(items, k):
    if k is None:
        return items
    return items[:k] if k > 0 else items[len(items) + k:]


@builtin(
    "Eigenvalues",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Eigenvalues[m] gives the eigenvalues of the square matrix m, repeated by multiplicity and sorted "
    "by decreasing absolute value; Eigenvalues[m, k] gives the first k of them (the last -k for negative k). "
    "Exact matrices give exact values (Root objects for irreducible factors of degree 3 or more).\n"
    "Example: Eigenvalues[{{2, 1}, {1, 2}}] gives {3, 1}",
)
def eigenvalues(ev, m, *count):
    rows = _square_rows(ev, "Eigenvalues", m)
    if rows is None:
        return None
    k = _count_spec(ev, "Eigenvalues", count[0], call("Eigenvalues", m, *count)) if count else None
    if count and k is None:
        return None
    pairs = _eigen_pairs(ev, rows, vectors=False)
    if pairs is None:
        return None
    return Expr(List, tuple(_first_k([value for value, _ in pairs], k)))


@builtin(
    "Eigenvectors",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Eigenvectors[m] gives the eigenvectors of the square matrix m in the order of Eigenvalues[m]; exact "
    "vectors are scaled to last non-zero entry 1 (integers for rational vectors), machine vectors to unit "
    "length; a defective matrix gets zero vectors to make up n. Eigenvectors[m, k] gives the first k.\n"
    "Example: Eigenvectors[{{2, 1}, {1, 2}}] gives {{1, 1}, {-1, 1}}",
)
def eigenvectors(ev, m, *count):
    rows = _square_rows(ev, "Eigenvectors", m)
    if rows is None:
        return None
    k = _count_spec(ev, "Eigenvectors", count[0], call("Eigenvectors", m, *count)) if count else None
    if count and k is None:
        return None
    pairs = _eigen_pairs(ev, rows, vectors=True)
    if pairs is None:
        return None
    return Expr(List, tuple(_first_k([vector for _, vector in pairs], k)))


@builtin(
    "Eigensystem",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Eigensystem[m] gives {Eigenvalues[m], Eigenvectors[m]}, corresponding values and vectors in the same "
    "order; Eigensystem[m, k] gives the first k of each.\n"
    "Example: Eigensystem[{{2, 1}, {1, 2}}] gives {{3, 1}, {{1, 1}, {-1, 1}}}",
)
def eigensystem(ev, m, *count):
    rows = _square_rows(ev, "Eigensystem", m)
    if rows is None:
        return None
    k = _count_spec(ev, "Eigensystem", count[0], call("Eigensystem", m, *count)) if count else None
    if count and k is None:
        return None
    pairs = _first_k(_eigen_pairs(ev, rows, vectors=True) or [], k)
    if not pairs:
        return None
    return Expr(
        List,
        (Expr(List, tuple(v for v, _ in pairs)), Expr(List, tuple(w for _, w in pairs))),
    )


def _eigen_pairs(ev, rows, vectors: bool):
    """[(eigenvalue, eigenvector or None)] in WL's order, or None."""
    kind = _domain(rows)
    if kind == K.MACHINE:
        return _machine_eigen(ev, rows, vectors)
    return _exact_eigen(ev, rows, vectors)


# ---------------------------------------------------------------- machine eigenproblems
def _numpy():
    """NumPy when installed (optional: it makes large eigenproblems fast)."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the installation
        return None
    return numpy


def _machine_eigen(ev, rows, vectors: bool):
    a = K.machine_matrix(rows)
    complex_input = K.is_complex_matrix(a)
    hermitian = K.is_hermitian(a, K.tolerance(a))
    values, columns = _numeric_eig(a, hermitian, vectors)
    if hermitian:
        values = [complex(z).real for z in values]  # real by symmetry
    elif not complex_input:
        values = [_clean_real(z, values) for z in values]
    order = sorted(range(len(a)), key=lambda i: _eigen_order_key(complex(values[i])))
    out = []
    for i in order:
        z = values[i]
        value = K.from_machine(z, complex_input and not hermitian)
        vector = None
        if vectors:
            entries = _unit_vector(columns[i])
            if not complex_input and all(x.imag == 0 for x in entries):
                vector = _machine_list([x.real for x in entries], False)
            else:
                vector = _machine_list(entries, True)
        out.append((value, vector))
    return out


def _clean_real(z, values):
    """A real input matrix has real eigenvalues or conjugate pairs: drop the
    rounding noise in the imaginary part of the real ones."""
    z = complex(z)
    scale = max(abs(complex(v)) for v in values) or 1.0
    if abs(z.imag) <= 1e-12 * scale:
        return z.real
    return z


def _unit_vector(v):
    """v scaled to length 1 with its last non-negligible entry real positive."""
    v = [complex(x) for x in v]
    norm = math.sqrt(sum(abs(x) ** 2 for x in v)) or 1.0
    v = [x / norm for x in v]
    for x in reversed(v):
        if abs(x) > 1e-12:
            phase = abs(x) / x
            v = [y * phase for y in v]
            break
    return [complex(round(y.real, 17), y.imag) for y in v]


def _numeric_eig(a, hermitian: bool, vectors: bool):
    """(eigenvalues, eigenvector columns as lists) of a float/complex matrix."""
    np = _numpy()
    n = len(a)
    if np is not None:
        array = np.array(a)
        if hermitian:
            w, v = np.linalg.eigh(array)
        else:
            w, v = np.linalg.eig(array)
        values = [complex(x) if np.iscomplexobj(w) else float(x) for x in w]
        columns = [[v[r][c].item() for r in range(n)] for c in range(n)] if vectors else None
        return values, columns
    mp = _fp_context()
    matrix = mp.matrix(a)
    if hermitian:
        if K.is_complex_matrix(a):
            w, v = mp.eighe(matrix)
        else:
            w, v = mp.eigsy(matrix)
        values = [float(complex(x).real) for x in w]
    else:
        w, v = mp.eig(matrix)
        values = [complex(x) for x in w]
    columns = [[complex(v[r, c]) for r in range(n)] for c in range(n)] if vectors else None
    return values, columns


_fp = None


def _fp_context():
    """mpmath's matrix routines on machine floats (fast enough for small n).
    Its float context lacks hypot, which the eigenvalue code needs: this
    private instance gets one; mpmath's shared contexts are left alone."""
    global _fp
    if _fp is None:
        from mpmath.ctx_fp import FPContext

        ctx = FPContext()
        ctx.hypot = math.hypot
        _fp = ctx
    return _fp


# ---------------------------------------------------------------- exact eigenproblems
class _RootOf:
    """The root number `index` (0-based, WL's Root order: real roots
    increasing, then complex ones by real and imaginary part) of an
    irreducible integer polynomial of degree 3 or more; `approx` is its value."""

    __slots__ = ("poly", "index", "approx")

    def __init__(self, poly, index, approx):
        self.poly = poly
        self.index = index
        self.approx = approx


def _exact_eigen(ev, rows, vectors: bool):
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    conv, matrix = converted
    sp = sympy()
    n = matrix.rows
    poly = matrix.charpoly(sp.Dummy("t"))
    t = poly.gen
    groups = _eigenvalue_groups(poly, t)
    if groups is None:
        ev.message("Eigenvalues", "eival")
        return None
    if all(approx is not None for _, _, approx in groups):
        groups.sort(key=lambda g: _eigen_order_key(g[2]))
    pairs = []
    for value, multiplicity, _ in groups:
        lyra_value = _eigenvalue_back(ev, conv, value)
        if lyra_value is None:
            return None
        basis = _eigen_basis(ev, conv, matrix, value, t) if vectors else []
        lyra_vectors = _vectors_back(ev, conv, basis).args if basis else ()
        for i in range(multiplicity):
            pairs.append((lyra_value, lyra_vectors[i] if i < len(lyra_vectors) else None))
    if vectors:
        # Defective eigenvalues: the missing vectors are zero vectors, listed last.
        zero = Expr(List, (0,) * n)
        found = [p for p in pairs if p[1] is not None]
        missing = [(value, zero) for value, vector in pairs if vector is None]
        pairs = found + missing
    return pairs


def _eigenvalue_back(ev, conv, value):
    if type(value) is _RootOf:
        return _root_expr(ev, conv, value)
    return _ratio(ev, conv, value)


def _root_expr(ev, conv, root):
    """Root[p(#1) &, k] for a _RootOf."""
    return ev.evaluate(conv.root(root.poly, root.index))


def _eigenvalue_groups(poly, t):
    """[(eigenvalue, multiplicity, complex approximation or None)] from the
    characteristic polynomial: radicals for irreducible factors of degree
    <= 2 (and symbolic ones SymPy can solve), _RootOf values above; None if
    some root cannot be expressed."""
    sp = sympy()
    try:
        _, factors = poly.factor_list()
    except sp.PolynomialError:
        return None
    groups = []
    for factor, power in factors:
        p = sp.Poly(factor.as_expr(), t)
        degree = p.degree()
        if degree <= 0:
            continue
        if degree >= 3 and p.domain in (sp.ZZ, sp.QQ):
            approximations = _root_approximations(p)
            for k in range(degree):
                groups.append((_RootOf(p, k, approximations[k]), power, approximations[k]))
            continue
        found = sp.roots(p, multiple=True)
        if len(found) != degree:
            return None
        for r in found:
            r = _tidy(r)
            for i, (r2, p2, a2) in enumerate(groups):
                if type(r2) is not _RootOf and r2 == r:
                    groups[i] = (r2, p2 + power, a2)
                    break
            else:
                groups.append((r, power, complex(sp.N(r, 20)) if r.is_number else None))
    return groups


def _root_approximations(p) -> list:
    """The roots of an irreducible rational polynomial as complex numbers, in
    Root order (real ones increasing, then complex by real and imaginary part)."""
    mp = mpmath()
    coefficients = [int(c) if c.is_Integer else mp.mpf(c.p) / c.q for c in p.all_coeffs()]
    with mp.workdps(30):
        roots = [complex(r) for r in mp.polyroots(coefficients, maxsteps=200, extraprec=60)]
    real_count = int(p.count_roots())
    by_realness = sorted(roots, key=lambda z: abs(z.imag))
    reals = sorted(z.real for z in by_realness[:real_count])
    others = sorted(by_realness[real_count:], key=lambda z: (round(z.real, 12), z.imag))
    return [complex(x) for x in reals] + others


def _eigen_basis(ev, conv, matrix, value, t):
    """A basis of the eigenspace of `value` as lists of SymPy entries."""
    sp = sympy()
    n = matrix.rows
    if type(value) is _RootOf:
        return _root_eigenvector(ev, conv, matrix, value, t)
    shifted = matrix - value * sp.eye(n)
    if shifted.free_symbols:
        # Eliminating from the last row up gives WL's form for symbolic
        # matrices ({(-d + value)/c, 1} rather than {b/(value - a), 1}).
        shifted = shifted[::-1, :]
    vectors = []
    for v in _sympy_null_space(shifted):
        # Scale so the last non-zero entry is 1 (WL's form), unless rational.
        if not all(x.is_Rational for x in v):
            last = next((x for x in reversed(v) if x != 0), None)
            if last is not None and last != 1:
                v = [_tidy(sp.simplify(x / last)) for x in v]
        vectors.append(v)
    return vectors


def _root_eigenvector(ev, conv, matrix, root, t):
    """The eigenvector of a simple root r of an irreducible factor p: a
    non-zero column of adj(m - t I) reduced modulo p(t), scaled to last entry
    1 in Q[t]/p, with t standing for the Root object."""
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
    stand_in = conv.stand_in(_root_expr(ev, conv, root))
    return [[sp.expand(c.as_expr().subs(t, stand_in)) for c in scaled]]


# ================================================================ CharacteristicPolynomial
@builtin(
    "CharacteristicPolynomial",
    nargs=2,
    attributes=("Protected",),
    usage="CharacteristicPolynomial[m, x] gives the characteristic polynomial Det[m - x IdentityMatrix[n]] "
    "of the square matrix m.\nExample: CharacteristicPolynomial[{{1, 2}, {3, 4}}, x] gives -2 - 5*x + x^2",
)
def characteristic_polynomial(ev, m, x):
    rows = _square_rows(ev, "CharacteristicPolynomial", m)
    if rows is None:
        return None
    shifted = [
        tuple(Expr(Plus, (e, Expr(Times, (-1, x)))) if i == j else e for j, e in enumerate(row))
        for i, row in enumerate(rows)
    ]
    converted = _sympy_matrix(ev, [tuple(ev.evaluate(e) for e in row) for row in shifted])
    if converted is None:
        return None
    conv, matrix = converted
    return _back(ev, conv, sympy().expand(matrix.det(method="berkowitz")))


# ================================================================ MatrixPower
@builtin(
    "MatrixPower",
    nargs=2,
    attributes=("Protected",),
    usage="MatrixPower[m, n] gives the n-th matrix power of the square matrix m (m . m . ... n times); "
    "negative n uses the inverse.\nExample: MatrixPower[{{1, 1}, {1, 0}}, 10] gives {{89, 55}, {55, 34}}",
)
def matrix_power(ev, m, n):
    rows = _square_rows(ev, "MatrixPower", m)
    if rows is None:
        return None
    if type(n) is not int:
        return None
    if n < 0:
        inverted = _inverse_of(ev, rows)
        if inverted is None:
            ev.message("MatrixPower", "sing", m)
            return None
        if inverted is False:
            return None
        rows = [r.args for r in inverted.args]
        n = -n
    kind = _domain(rows)
    check = _checker(ev)
    if kind == K.EXACT:
        if all(type(x) is int for x in K.all_entries(rows)):
            result = K.matrix_power([list(r) for r in rows], n, True, check)
            if n == 0:
                return _exact_rows(result)
            return settled_list(tuple(settled_list(tuple(r)) for r in result))
        return _exact_rows(K.matrix_power(K.exact_matrix(rows), n, True, check))
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        return _machine_rows(K.matrix_power(a, n, False, check), K.is_complex_matrix(a))
    if n == 0:
        size = len(rows)
        return settled_list(tuple(settled_list(tuple(1 if i == j else 0 for j in range(size))) for i in range(size)))
    # Symbolic entries: repeated squaring with Dot, so the arithmetic builtins
    # keep every entry in canonical form.
    base = _lyra_rows(rows)
    result = None
    while n:
        if n & 1:
            result = base if result is None else ev.evaluate(Expr(S.Dot, (result, base)))
        n >>= 1
        if n:
            base = ev.evaluate(Expr(S.Dot, (base, base)))
    return result


# ================================================================ Tr, IdentityMatrix, DiagonalMatrix
@builtin(
    "Tr",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="Tr[m] gives the trace of m: the sum of its diagonal elements m[[i, i, ...]] (m need not be square); "
    "Tr[m, f] applies f to the diagonal elements instead of Plus; Tr[m, f, n] goes down n levels.\n"
    "Example: Tr[{{1, 2}, {3, 4}}] gives 5; Tr[{{a, b}, {c, d}}, List] gives {a, d}",
)
def tr(ev, m, *rest):
    f = rest[0] if rest else Plus
    dims = array_dimensions(m)
    if type(m) is not Expr or not dims:
        return None
    if len(rest) == 2:
        depth = rest[1]
        if type(depth) is not int or depth < 1:
            return None
        dims = dims[:depth]
    size = min(dims)
    diagonal = []
    for i in range(size):
        x = m
        for _ in dims:
            x = x.args[i]
        diagonal.append(x)
    if f is Plus and all(type(x) is int for x in diagonal):
        return sum(diagonal)
    return Expr(f, tuple(diagonal))


def _positive_size(x) -> bool:
    return type(x) is int and x >= 0


@builtin(
    "IdentityMatrix",
    nargs=1,
    attributes=("Protected",),
    usage="IdentityMatrix[n] gives the n x n identity matrix; IdentityMatrix[{m, n}] the m x n matrix with 1 "
    "on the diagonal.\nExample: IdentityMatrix[2] gives {{1, 0}, {0, 1}}",
)
def identity_matrix(ev, n):
    if _positive_size(n):
        shape = (n, n)
    elif type(n) is Expr and n.head is List and len(n.args) == 2 and all(_positive_size(d) for d in n.args):
        shape = n.args
    else:
        ev.message("IdentityMatrix", "inmat", call("IdentityMatrix", n))
        return None
    check_size(ev, shape[0] * shape[1])
    rows, cols = shape
    return settled_list(
        tuple(settled_list(tuple(1 if i == j else 0 for j in range(cols))) for i in range(rows))
    )


@builtin(
    "DiagonalMatrix",
    nargs=(1, 3),
    attributes=("Protected",),
    usage="DiagonalMatrix[list] gives the square matrix with list on the diagonal and 0 elsewhere; "
    "DiagonalMatrix[list, k] puts it on the k-th diagonal (above for k > 0, below for k < 0); "
    "DiagonalMatrix[list, k, n] pads or crops to n x n (or {m, n}).\n"
    "Example: DiagonalMatrix[{a, b}] gives {{a, 0}, {0, b}}; DiagonalMatrix[{1, 2}, 1] gives "
    "{{0, 1, 0}, {0, 0, 2}, {0, 0, 0}}",
)
def diagonal_matrix(ev, values, *rest):
    if type(values) is not Expr or values.head is not List:
        return None
    k = rest[0] if rest else 0
    if type(k) is not int:
        ev.message("DiagonalMatrix", "intm", call("DiagonalMatrix", values, *rest), 2)
        return None
    items = values.args
    size = len(items) + abs(k)
    shape = (size, size)
    if len(rest) == 2:
        spec = rest[1]
        if _positive_size(spec):
            shape = (spec, spec)
        elif type(spec) is Expr and spec.head is List and len(spec.args) == 2 and all(
            _positive_size(d) for d in spec.args
        ):
            shape = spec.args
        else:
            ev.message("DiagonalMatrix", "intm", call("DiagonalMatrix", values, *rest), 3)
            return None
    rows, cols = shape
    check_size(ev, rows * cols)
    out = []
    for i in range(rows):
        row = [0] * cols
        j = i + k
        index = i if k >= 0 else j
        if 0 <= j < cols and 0 <= index < len(items):
            row[j] = items[index]
        out.append(Expr(List, tuple(row)))
    return Expr(List, tuple(out))


# ================================================================ Cross
@builtin(
    "Cross",
    nargs=(1, None),
    attributes=("Protected",),
    usage="Cross[a, b] gives the vector cross product of the 3-vectors a and b; Cross[v] is the perpendicular "
    "{-y, x} of a 2-vector; in general Cross takes n - 1 vectors of length n.\n"
    "Example: Cross[{1, 0, 0}, {0, 1, 0}] gives {0, 0, 1}",
)
def cross(ev, *vectors):
    n = len(vectors) + 1
    items = [K.vector_items(v) for v in vectors]
    if any(v is None or len(v) != n for v in items):
        ev.message("Cross", "nonn1")
        return None
    if n == 2:
        x, y = items[0]
        return ev.evaluate(Expr(List, (Expr(Times, (-1, y)), x)))
    if n == 3:
        (a1, a2, a3), (b1, b2, b3) = items
        components = (
            _difference(a2, b3, a3, b2),
            _difference(a3, b1, a1, b3),
            _difference(a1, b2, a2, b1),
        )
        return ev.evaluate(Expr(List, components))
    # General: component i is the signed minor without column i.
    components = []
    for i in range(n):
        minor = [tuple(v[j] for j in range(n) if j != i) for v in items]
        value = det(ev, _lyra_rows(minor))
        if value is None:
            return None
        sign = 1 if (i + n + 1) % 2 == 0 else -1
        components.append(Expr(Times, (sign, value)))
    return ev.evaluate(Expr(List, tuple(components)))


def _difference(a, b, c, d):
    """a b - c d, unevaluated."""
    return Expr(Plus, (Expr(Times, (a, b)), Expr(Times, (-1, c, d))))


# ================================================================ Norm, Normalize
_NUMERIC_SCALARS = (int, float, Rational, Complex)


@builtin(
    "Norm",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Norm[v] gives the Euclidean norm Sqrt[Abs[v1]^2 + ...] of a vector, Abs[x] of a number and the "
    "spectral norm (largest singular value) of a matrix; Norm[v, p] gives the p-norm (Infinity: the largest "
    "Abs[vi]); Norm[m, \"Frobenius\"] the Frobenius norm of a matrix.\n"
    "Example: Norm[{3, 4}] gives 5; Norm[{1, 2, 3}, 1] gives 6",
)
def norm(ev, x, *p):
    order = p[0] if p else 2
    if _is_scalar(x):
        return ev.evaluate(Expr(Abs, (x,)))
    vector = K.vector_items(x)
    if vector is not None and vector:
        return _vector_norm(ev, vector, order, x)
    rows = K.matrix_rows(x)
    if rows is not None:
        return _matrix_norm(ev, rows, order)
    if not (type(x) is Expr and x.head is List and not x.args):
        ev.message("Norm", "nvm")
    return None


def _is_scalar(x) -> bool:
    if type(x) in _NUMERIC_SCALARS:
        return True
    return type(x) is not Expr or x.head is not List


def _valid_p(p) -> bool:
    t = type(p)
    if t is int or t is float or t is Rational:
        return p >= 1 if t is not Rational else p.num >= p.den
    return t is Symbol or is_infinity(p)


def _vector_norm(ev, items, p, whole):
    if not _valid_p(p):
        ev.message("Norm", "ptype", p)
        return None
    if is_infinity(p):
        return ev.evaluate(Expr(Max, tuple(Expr(Abs, (v,)) for v in items)))
    kind = K.domain_of(items)
    if p == 2 and type(p) is int:
        if kind == K.EXACT:
            total = sum(K.to_fraction(v) ** 2 for v in items)
            return ev.evaluate(Expr(Sqrt, (K.from_fraction(total),)))
        if kind == K.MACHINE:
            return math.sqrt(sum(abs(K.to_machine(v)) ** 2 for v in items))
        return ev.evaluate(
            Expr(Sqrt, (Expr(Plus, tuple(Expr(Power, (Expr(Abs, (v,)), 2)) for v in items)),))
        )
    if kind == K.MACHINE and type(p) in (int, float):
        return sum(abs(K.to_machine(v)) ** p for v in items) ** (1.0 / p)
    total = Expr(Plus, tuple(Expr(Power, (Expr(Abs, (v,)), p)) for v in items))
    if p == 1 and type(p) is int:
        return ev.evaluate(total)
    return ev.evaluate(Expr(Power, (total, Expr(Power, (p, -1)))))


def _matrix_norm(ev, rows, p):
    if p == "Frobenius":
        entries = list(K.all_entries(rows))
        return _vector_norm(ev, entries, 2, None)
    if type(p) is int and p == 1:
        columns = list(zip(*rows))
        return ev.evaluate(Expr(Max, tuple(_abs_sum(c) for c in columns)))
    if is_infinity(p):
        return ev.evaluate(Expr(Max, tuple(_abs_sum(r) for r in rows)))
    if not (type(p) is int and p == 2):
        ev.message("Norm", "ptype", p)
        return None
    kind = _domain(rows)
    if kind == K.MACHINE:
        a = K.machine_matrix(rows)
        gram = _gram(a)
        values, _ = _numeric_eig(gram, True, False)
        return math.sqrt(max(max(float(complex(v).real) for v in values), 0.0))
    # Exact: the square root of the largest eigenvalue of m^H . m.
    converted = _sympy_matrix(ev, rows)
    if converted is None:
        return None
    conv, matrix = converted
    sp = sympy()
    gram = matrix.H * matrix
    poly = gram.charpoly(sp.Dummy("t"))
    groups = _eigenvalue_groups(poly, poly.gen)
    if not groups or not all(approx is not None for _, _, approx in groups):
        return None
    largest = max(groups, key=lambda g: g[2].real)[0]
    if type(largest) is _RootOf:
        return ev.evaluate(Expr(Sqrt, (_root_expr(ev, conv, largest),)))
    return _back(ev, conv, _tidy(sp.sqrt(largest)))


def _gram(a):
    n = len(a[0])
    return [
        [sum((row[i].conjugate() if type(row[i]) is complex else row[i]) * row[j] for row in a) for j in range(n)]
        for i in range(n)
    ]


def _abs_sum(values):
    return Expr(Plus, tuple(Expr(Abs, (v,)) for v in values))


@builtin(
    "Normalize",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Normalize[v] gives v / Norm[v] (a unit vector; a zero vector is left as it is); Normalize[z] gives "
    "z / Abs[z] for a number; Normalize[v, f] divides by f[v] instead.\n"
    "Example: Normalize[{3, 4}] gives {3/5, 4/5}",
)
def normalize(ev, v, *f):
    size = ev.evaluate(Expr(f[0], (v,))) if f else norm(ev, v)
    if size is None or (type(size) is Expr and size.head is system("Norm")):
        return None
    if _is_zero(size):
        return v
    return ev.evaluate(Expr(Times, (v, Expr(Power, (size, -1)))))


def _is_zero(x) -> bool:
    t = type(x)
    if t is int or t is float:
        return x == 0
    return False

