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
from ..expr.atoms import Complex, Rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from . import linear_algebra_kernels as K
from . import linear_algebra_symbolic as Y
from .list_support import call, check_size, is_infinity, settled_list
from .registry import builtin
from .structure import array_dimensions

List = S.List
Plus = S.Plus
Times = S.Times
Power = S.Power
Abs = system("Abs")
Max = system("Max")
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
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    bridge, matrix = converted
    value = Y.run(ev, Y.det_work, matrix)
    return None if value is None else Y.value_back(ev, bridge, value)


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
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return False
    bridge, matrix = converted
    result = Y.run(ev, Y.inverse_work, matrix)
    if result is None:
        return False
    if result == "singular":
        return None
    inverse_rows = Y.rows_back(ev, bridge, result)
    return False if inverse_rows is None else inverse_rows


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
    converted = Y.sympy_matrix([tuple(r) + tuple(c[i] for c in columns) for i, r in enumerate(rows)])
    if converted is None:
        return False
    bridge, augmented = converted
    result = Y.run(ev, Y.solve_work, augmented, len(rows[0]), len(columns))
    if result is None:
        return False
    if result == "nosol":
        return None
    out = []
    for x in result:
        values = [Y.parts_back(ev, bridge, p) for p in x]
        if any(v is None for v in values):
            return False
        out.append(Expr(List, tuple(values)))
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
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    bridge, matrix = converted
    result = Y.run(ev, Y.rref_work, matrix)
    return None if result is None else Y.rows_back(ev, bridge, result)


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
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    return Y.run(ev, Y.rank_work, converted[1])


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
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    bridge, matrix = converted
    result = Y.run(ev, Y.null_space_work, matrix)
    if result is None:
        return None
    return Expr(List, ()) if not result else Y.rows_back(ev, bridge, result)


# ================================================================ Eigenvalues
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


def _requested_pairs(ev, name, m, count, vectors: bool):
    """The (value, vector) pairs name[m] or name[m, k] asks for, or None
    (after a message for a bad m or k)."""
    rows = _square_rows(ev, name, m)
    if rows is None:
        return None
    k = None
    if count:
        k = _count_spec(ev, name, count[0], call(name, m, *count))
        if k is None:
            return None
    pairs = _eigen_pairs(ev, rows, vectors)
    return None if pairs is None else _first_k(pairs, k)


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
    pairs = _requested_pairs(ev, "Eigenvalues", m, count, vectors=False)
    if pairs is None:
        return None
    return Expr(List, tuple(value for value, _ in pairs))


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
    pairs = _requested_pairs(ev, "Eigenvectors", m, count, vectors=True)
    if pairs is None:
        return None
    return Expr(List, tuple(vector for _, vector in pairs))


@builtin(
    "Eigensystem",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Eigensystem[m] gives {Eigenvalues[m], Eigenvectors[m]}, corresponding values and vectors in the same "
    "order; Eigensystem[m, k] gives the first k of each.\n"
    "Example: Eigensystem[{{2, 1}, {1, 2}}] gives {{3, 1}, {{1, 1}, {-1, 1}}}",
)
def eigensystem(ev, m, *count):
    pairs = _requested_pairs(ev, "Eigensystem", m, count, vectors=True)
    if not pairs:
        return None
    return Expr(
        List,
        (Expr(List, tuple(v for v, _ in pairs)), Expr(List, tuple(w for _, w in pairs))),
    )


def _eigen_pairs(ev, rows, vectors: bool):
    """[(eigenvalue, eigenvector or None)] in WL's order, or None."""
    if _domain(rows) == K.MACHINE:
        return _machine_eigen(rows, vectors)
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    bridge, matrix = converted
    result = Y.run(ev, Y.eigen_work, matrix, vectors)
    if result is None:
        return None
    if result == "eival":
        ev.message("Eigenvalues", "eival")
        return None
    return Y.eigen_back(ev, bridge, result, len(rows), vectors)


def _machine_eigen(rows, vectors: bool):
    a = K.machine_matrix(rows)
    complex_input = K.is_complex_matrix(a)
    hermitian = K.is_hermitian(a, K.tolerance(a))
    values, columns = K.numeric_eig(a, hermitian, vectors)
    if hermitian:
        values = [complex(z).real for z in values]  # real by symmetry
    elif not complex_input:
        values = [K.clean_real(z, values) for z in values]
    order = sorted(range(len(a)), key=lambda i: Y.order_key(complex(values[i])))
    out = []
    for i in order:
        value = K.from_machine(values[i], complex_input and not hermitian)
        vector = None
        if vectors:
            entries = K.unit_vector(columns[i])
            if not complex_input and all(x.imag == 0 for x in entries):
                vector = _machine_list([x.real for x in entries], False)
            else:
                vector = _machine_list(entries, True)
        out.append((value, vector))
    return out


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
    converted = Y.sympy_matrix([tuple(ev.evaluate(e) for e in row) for row in shifted])
    if converted is None:
        return None
    bridge, matrix = converted
    value = Y.run(ev, Y.charpoly_work, matrix)
    return None if value is None else Y.value_back(ev, bridge, value)


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
    if _domain(rows) == K.MACHINE:
        a = K.machine_matrix(rows)
        values, _ = K.numeric_eig(_gram(a), True, False)
        return math.sqrt(max(max(float(complex(v).real) for v in values), 0.0))
    # Exact: the square root of the largest eigenvalue of m^H . m.
    converted = Y.sympy_matrix(rows)
    if converted is None:
        return None
    bridge, matrix = converted
    result = Y.run(ev, Y.spectral_norm_work, matrix)
    if result is None or result == "none":
        return None
    return Y.spectral_norm_back(ev, bridge, result)


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

