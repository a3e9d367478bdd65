"""Matrix kernels on plain Python numbers, used by linear_algebra.py.

Two number domains are computed natively:

  * exact: Fraction entries (from Integer and Rational), no rounding ever;
  * machine: float or complex entries (any machine real makes the whole
    matrix machine, as in WL), with partial pivoting and a zero tolerance.

Everything else (symbols, Sqrt[2], exact complex numbers, big reals) goes
through SymPy in linear_algebra.py. Matrices here are lists of lists that the
kernels may modify in place; callers pass copies.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..expr.atoms import BigReal, Complex, Rational
from ..expr.normal import Expr
from ..expr import system_symbols as S
# The exact conversions are numeric_tower's; re-exported as K.to_fraction etc.
from .numeric_tower import from_fraction, to_fraction

EXACT, MACHINE, GENERAL = 0, 1, 2
EPSILON = 2.220446049250313e-16

List = S.List


# ---------------------------------------------------------------- shapes
def matrix_rows(m):
    """The rows (tuples) of a non-empty rectangular matrix whose entries are
    not lists, or None."""
    if type(m) is not Expr or m.head is not List or not m.args:
        return None
    width = -1
    rows = []
    for row in m.args:
        if type(row) is not Expr or row.head is not List:
            return None
        args = row.args
        if width < 0:
            width = len(args)
            if width == 0:
                return None
        elif len(args) != width:
            return None
        for x in args:
            if type(x) is Expr and x.head is List:
                return None
        rows.append(args)
    return rows


def vector_items(v):
    """The elements of a list none of which is a list, or None."""
    if type(v) is not Expr or v.head is not List:
        return None
    for x in v.args:
        if type(x) is Expr and x.head is List:
            return None
    return v.args


# ---------------------------------------------------------------- domains
def domain_of(values) -> int:
    """EXACT (all Integer/Rational), MACHINE (numbers, some machine real) or
    GENERAL (anything else: symbols, exact complex, big reals, Sqrt[2] ...)."""
    machine = False
    exact_complex = False
    for x in values:
        t = type(x)
        if t is int or t is Rational:
            continue
        if t is float:
            machine = True
        elif t is Complex:
            if type(x.re) is float or type(x.im) is float:
                machine = True
            elif type(x.re) is BigReal or type(x.im) is BigReal:
                return GENERAL
            else:
                exact_complex = True
        else:
            return GENERAL
    if machine:
        return MACHINE
    return GENERAL if exact_complex else EXACT


def all_entries(rows):
    for row in rows:
        yield from row


def to_machine(x):
    """A number of a MACHINE matrix as a Python float or complex."""
    t = type(x)
    if t is float:
        return x
    if t is int:
        return float(x)
    if t is Rational:
        return x.num / x.den
    return complex(_real_float(x.re), _real_float(x.im))


def _real_float(x) -> float:
    t = type(x)
    if t is Rational:
        return x.num / x.den
    return float(x)


def exact_matrix(rows) -> list:
    return [[to_fraction(x) for x in row] for row in rows]


def machine_matrix(rows) -> list:
    return [[to_machine(x) for x in row] for row in rows]


def from_machine(z, complex_domain: bool):
    """A float/complex result as a Lyra number; a complex domain keeps Complex
    results even with zero imaginary part (WL's 2. + 0. I)."""
    if complex_domain or type(z) is complex:
        z = complex(z)
        return Complex(z.real, z.imag)
    return float(z)


def is_complex_matrix(a) -> bool:
    return any(type(x) is complex for row in a for x in row)


def max_abs(a) -> float:
    best = 0.0
    for row in a:
        for x in row:
            v = abs(x)
            if v > best:
                best = v
    return best


def tolerance(a) -> float:
    """Entries below this are zero during machine elimination."""
    return max(len(a), len(a[0])) * EPSILON * max(max_abs(a), 1e-300) * 8


# ---------------------------------------------------------------- determinants
def bareiss_det(rows, check) -> int:
    """The determinant of an integer matrix, fraction-free (exact, fast)."""
    a = [list(row) for row in rows]
    n = len(a)
    sign = 1
    previous = 1
    for k in range(n - 1):
        check()
        if a[k][k] == 0:
            for i in range(k + 1, n):
                if a[i][k] != 0:
                    a[k], a[i] = a[i], a[k]
                    sign = -sign
                    break
            else:
                return 0
        pivot = a[k][k]
        row_k = a[k]
        for i in range(k + 1, n):
            row_i = a[i]
            factor = row_i[k]
            for j in range(k + 1, n):
                row_i[j] = (row_i[j] * pivot - row_k[j] * factor) // previous
        previous = pivot
    return sign * a[n - 1][n - 1]


def integer_rank(rows, check) -> int:
    """The rank of an integer matrix by fraction-free (Bareiss) elimination:
    every intermediate entry is a minor of the matrix, so divisions are exact."""
    a = [list(r) for r in rows]
    m, n = len(a), len(a[0])
    rank = 0
    previous = 1
    for c in range(n):
        if rank == m:
            break
        check()
        p = next((i for i in range(rank, m) if a[i][c] != 0), -1)
        if p < 0:
            continue
        a[rank], a[p] = a[p], a[rank]
        row_r = a[rank]
        pivot = row_r[c]
        for i in range(rank + 1, m):
            row_i = a[i]
            factor = row_i[c]
            for j in range(c + 1, n):
                row_i[j] = (row_i[j] * pivot - row_r[j] * factor) // previous
            row_i[c] = 0
        previous = pivot
        rank += 1
    return rank


def integer_rows(rows) -> list:
    """Rational rows scaled by their denominators' lcm: integer rows of the
    same rank."""
    out = []
    for row in rows:
        lcm = 1
        for x in row:
            if type(x) is Rational:
                lcm = lcm * x.den // math.gcd(lcm, x.den)
        out.append([x * lcm if type(x) is int else x.num * (lcm // x.den) for x in row])
    return out


def elimination_det(a, exact: bool, check):
    """The determinant by Gaussian elimination (partial pivoting when inexact)."""
    n = len(a)
    det = Fraction(1) if exact else 1.0
    for k in range(n):
        check()
        p = _pivot_row(a, k, k, exact, 0.0)
        if p < 0:
            return Fraction(0) if exact else 0.0 * det
        if p != k:
            a[k], a[p] = a[p], a[k]
            det = -det
        pivot = a[k][k]
        det *= pivot
        row_k = a[k]
        for i in range(k + 1, n):
            row_i = a[i]
            factor = row_i[k] / pivot
            if factor:
                for j in range(k + 1, n):
                    row_i[j] -= factor * row_k[j]
    return det


def _pivot_row(a, col, start, exact, tol) -> int:
    """The row (>= start) to pivot on in column col, or -1 if all are zero."""
    if exact:
        for i in range(start, len(a)):
            if a[i][col] != 0:
                return i
        return -1
    best, best_row = tol, -1
    for i in range(start, len(a)):
        v = abs(a[i][col])
        if v > best:
            best, best_row = v, i
    return best_row


# ---------------------------------------------------------------- row reduction
def rref(a, exact: bool, check, columns=None, tol=None) -> list:
    """Reduce a to reduced row echelon form in place, pivoting only in the
    first `columns` columns (all by default); gives the pivot columns."""
    rows = len(a)
    width = len(a[0]) if rows else 0
    columns = width if columns is None else columns
    if not exact and tol is None:
        tol = tolerance(a)
    zero = Fraction(0) if exact else 0.0
    pivots = []
    r = 0
    for c in range(columns):
        if r == rows:
            break
        check()
        p = _pivot_row(a, c, r, exact, tol)
        if p < 0:
            if not exact:
                for i in range(r, rows):
                    a[i][c] = zero
            continue
        a[r], a[p] = a[p], a[r]
        row_r = a[r]
        pivot = row_r[c]
        if exact:
            if pivot != 1:
                for j in range(c, width):
                    row_r[j] /= pivot
        else:
            for j in range(c, width):
                row_r[j] = row_r[j] / pivot
        row_r[c] = 1 if exact else 1.0
        for i in range(rows):
            if i == r:
                continue
            row_i = a[i]
            factor = row_i[c]
            if factor:
                for j in range(c, width):
                    row_i[j] -= factor * row_r[j]
                row_i[c] = zero
        pivots.append(c)
        r += 1
    if not exact:
        for row in a:
            for j in range(width):
                if abs(row[j]) <= tol:
                    row[j] = zero * row[j] if type(row[j]) is complex else zero
    return pivots


def null_space(a, exact: bool, check) -> list:
    """A basis of {x : a.x = 0}: one vector per free column, the last free
    column first (WL's order); exact vectors have their denominators cleared."""
    width = len(a[0])
    pivots = rref(a, exact, check)
    free = [c for c in range(width) if c not in set(pivots)]
    basis = []
    for f in reversed(free):
        v = [Fraction(0) if exact else 0.0] * width
        v[f] = Fraction(1) if exact else 1.0
        for row_index, c in enumerate(pivots):
            v[c] = -a[row_index][f]
        basis.append(v)
    if exact:
        return [clear_denominators(v) for v in basis]
    return orthonormalize(basis)


def clear_denominators(v) -> list:
    lcm = 1
    for x in v:
        lcm = lcm * x.denominator // math.gcd(lcm, x.denominator)
    return [x * lcm for x in v]


def orthonormalize(vectors) -> list:
    """Gram-Schmidt, keeping each vector's direction as close as possible."""
    out = []
    for v in vectors:
        w = list(v)
        for u in out:
            dot = sum(x.conjugate() * y if type(x) is complex else x * y for x, y in zip(u, w))
            w = [y - dot * x for x, y in zip(u, w)]
        norm = math.sqrt(sum(abs(x) ** 2 for x in w))
        if norm > 0:
            out.append([x / norm for x in w])
    return out


def lu_factor(a, check):
    """LU factorization with partial pivoting of a square machine matrix, in
    place: (a holding L below and U on and above the diagonal, row order), or
    None when a pivot vanishes (singular to working precision)."""
    n = len(a)
    tol = tolerance(a)
    order = list(range(n))
    for k in range(n):
        check()
        p = _pivot_row(a, k, k, False, tol)
        if p < 0:
            return None
        if p != k:
            a[k], a[p] = a[p], a[k]
            order[k], order[p] = order[p], order[k]
        row_k = a[k]
        pivot = row_k[k]
        for i in range(k + 1, n):
            row_i = a[i]
            factor = row_i[k] / pivot
            row_i[k] = factor
            if factor:
                for j in range(k + 1, n):
                    row_i[j] -= factor * row_k[j]
    return a, order


def lu_solve(factored, b):
    """The solution of a.x = b from lu_factor's result."""
    lu, order = factored
    n = len(lu)
    y = [b[i] for i in order]
    for i in range(n):
        row = lu[i]
        total = y[i]
        for j in range(i):
            total -= row[j] * y[j]
        y[i] = total
    for i in range(n - 1, -1, -1):
        row = lu[i]
        total = y[i]
        for j in range(i + 1, n):
            total -= row[j] * y[j]
        y[i] = total / row[i]
    return y


def inverse(a, exact: bool, check):
    """The inverse of a square matrix, or None when it is singular."""
    n = len(a)
    if not exact:
        factored = lu_factor(a, check)
        if factored is None:
            return None
        columns = [lu_solve(factored, [1.0 if i == j else 0.0 for i in range(n)]) for j in range(n)]
        return [list(r) for r in zip(*columns)]
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    tol = None if exact else tolerance(a)
    augmented = [row + [one if i == j else zero for j in range(n)] for i, row in enumerate(a)]
    pivots = rref(augmented, exact, check, columns=n, tol=tol)
    if len(pivots) < n:
        return None
    return [row[n:] for row in augmented]


def solve(a, b_columns, exact: bool, check):
    """A solution x of a.x = b for each column of b (free variables 0), or None
    when the system has no solution."""
    rows, width = len(a), len(a[0])
    k = len(b_columns)
    if not exact and rows == width:
        factored = lu_factor([list(r) for r in a], check)
        if factored is not None:
            return [lu_solve(factored, column) for column in b_columns]
    tol = None if exact else tolerance([r + [c[i] for c in b_columns] for i, r in enumerate(a)])
    augmented = [list(a[i]) + [b_columns[j][i] for j in range(k)] for i in range(rows)]
    pivots = rref(augmented, exact, check, columns=width, tol=tol)
    zero = Fraction(0) if exact else 0.0
    # A zero row of a with a non-zero right side has no solution.
    for i in range(len(pivots), rows):
        for j in range(width, width + k):
            value = augmented[i][j]
            if (value != 0) if exact else abs(value) > tol:
                return None
    solutions = []
    for j in range(k):
        x = [zero] * width
        for row_index, c in enumerate(pivots):
            x[c] = augmented[row_index][width + j]
        solutions.append(x)
    return solutions


def mat_mul(a, b, check):
    columns = list(zip(*b))
    out = []
    for row in a:
        check()
        out.append([sum(x * y for x, y in zip(row, col)) for col in columns])
    return out


def identity(n: int, exact: bool) -> list:
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    return [[one if i == j else zero for j in range(n)] for i in range(n)]


def matrix_power(a, n: int, exact: bool, check):
    """a^n for n >= 0 by repeated squaring."""
    result = None
    base = a
    while n:
        if n & 1:
            result = base if result is None else mat_mul(result, base, check)
        n >>= 1
        if n:
            base = mat_mul(base, base, check)
    return identity(len(a), exact) if result is None else result


def is_hermitian(a, tol: float) -> bool:
    n = len(a)
    if n != len(a[0]):
        return False
    for i in range(n):
        for j in range(i, n):
            x, y = a[i][j], a[j][i]
            if abs(x - (y.conjugate() if type(y) is complex else y)) > tol:
                return False
    return True


# ---------------------------------------------------------------- machine eigenproblems
def _numpy():
    """NumPy when installed (optional: it makes large eigenproblems fast)."""
    try:
        import numpy
    except ImportError:  # pragma: no cover - depends on the installation
        return None
    return numpy


def numeric_eig(a, hermitian: bool, vectors: bool):
    """(eigenvalues, eigenvector columns as lists or None) of a float/complex
    matrix: NumPy's LAPACK when available, else mpmath on machine floats."""
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
        w, v = mp.eighe(matrix) if is_complex_matrix(a) else mp.eigsy(matrix)
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


def clean_real(z, values):
    """A real input matrix has real eigenvalues or conjugate pairs: drop the
    rounding noise in the imaginary part of the real ones."""
    z = complex(z)
    scale = max(abs(complex(v)) for v in values) or 1.0
    if abs(z.imag) <= 1e-12 * scale:
        return z.real
    return z


def unit_vector(v) -> list:
    """v (complex entries) scaled to length 1 with its last non-negligible
    entry real and positive (WL's exact vectors end in 1 likewise)."""
    v = [complex(x) for x in v]
    norm = math.sqrt(sum(abs(x) ** 2 for x in v)) or 1.0
    v = [x / norm for x in v]
    for x in reversed(v):
        if abs(x) > 1e-12:
            phase = abs(x) / x
            v = [y * phase for y in v]
            break
    return v
