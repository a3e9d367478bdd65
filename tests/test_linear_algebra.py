"""Linear algebra: exact results for exact matrices (WL's forms), machine
results for machine matrices, WL's messages for bad arguments."""

import math
import random

import pytest

from lyra_core.expr import Complex, Expr, S
from lyra_core.library import linear_algebra_kernels as K


def close(value, expected, tol=1e-9):
    """Compare a machine result (nested lists of floats/Complex) with floats."""
    if isinstance(expected, (list, tuple)):
        assert type(value) is Expr and value.head is S.List and len(value.args) == len(expected)
        for v, e in zip(value.args, expected):
            close(v, e, tol)
        return
    if type(value) is Complex:
        z = complex(value.re, value.im)
    else:
        assert type(value) is float, value
        z = value
    assert abs(z - expected) <= tol * max(1.0, abs(expected)), (value, expected)


# ---------------------------------------------------------------- Det
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Det[{{1, 2}, {3, 4}}]", "-2"),
        ("Det[{{1/2, 2}, {3, 4}}]", "-4"),
        ("Det[{{2}}]", "2"),
        ("Det[{{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}]", "-3"),
        ("Det[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}]", "0"),
        ("Det[{{a, b}, {c, d}}]", "-(b*c) + a*d"),
        ("Det[{{a, b, c}, {d, e, f}, {g, h, i}}]", "-(c*e*g) + b*f*g + c*d*h - a*f*h - b*d*i + a*e*i"),
        ("Det[{{Sqrt[2], 1}, {1, Sqrt[2]}}]", "1"),
        ("Det[{{1 + I, 2}, {3, 4}}]", "-2 + 4*I"),
        ("Det[{{1., 2}, {3, 4}}]", "-2."),
        ("Det[{{0, 1}, {1, 0}}]", "-1"),
    ],
)
def test_det(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_det_of_a_large_integer_matrix_is_exact(lyra):
    # The Vandermonde determinant is the product of the differences.
    expected = math.prod(j - i for j in range(1, 13) for i in range(1, j))
    assert lyra("Det[Table[i^j, {i, 12}, {j, 0, 11}]]") == str(expected)


@pytest.mark.parametrize("source", ["Det[{{1, 2}}]", "Det[{}]", "Det[x]", "Det[{{1, 2}, {3}}]"])
def test_det_needs_a_square_matrix(lyra, source):
    assert lyra(source) == source
    assert lyra.messages == ["Det::matsq"]


# ---------------------------------------------------------------- Inverse
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Inverse[{{1, 2}, {3, 4}}]", "{{-2, 1}, {3/2, -1/2}}"),
        ("Inverse[{{1, 2, 0}, {2, 3, 0}, {3, 4, 1}}]", "{{-3, 2, 0}, {2, -1, 0}, {1, -2, 1}}"),
        ("Inverse[{{2}}]", "{{1/2}}"),
        (
            "Inverse[{{a, b}, {c, d}}]",
            "{{d/(-(b*c) + a*d), -(b/(-(b*c) + a*d))}, {-(c/(-(b*c) + a*d)), a/(-(b*c) + a*d)}}",
        ),
        ("Inverse[{{a, 0}, {0, a}}]", "{{1/a, 0}, {0, 1/a}}"),
        ("Inverse[{{1 + I, 2}, {3, 4}}]", "{{-2/5 - (4*I)/5, 1/5 + (2*I)/5}, {3/10 + (3*I)/5, 1/10 - (3*I)/10}}"),
    ],
)
def test_inverse(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_inverse_times_matrix_is_identity(lyra):
    lyra("mat1 = {{4, -2, 1}, {3, 6, -4}, {2, 1, 8}}")
    assert lyra("Inverse[mat1] . mat1 == IdentityMatrix[3]") == "True"


def test_machine_inverse(lyra):
    close(lyra.value("Inverse[{{1., 2.}, {3., 4.}}]"), [[-2.0, 1.0], [1.5, -0.5]])
    assert lyra.messages == []


@pytest.mark.parametrize("source", ["Inverse[{{1, 2}, {2, 4}}]", "Inverse[{{1., 2.}, {2., 4.}}]", "Inverse[{{0}}]"])
def test_inverse_of_a_singular_matrix(lyra, source):
    assert lyra(source) == source
    assert lyra.messages == ["Inverse::sing"]


def test_inverse_needs_a_square_matrix(lyra):
    assert lyra("Inverse[{{1, 2}}]") == "Inverse[{{1, 2}}]"
    assert lyra.messages == ["Inverse::matsq"]
    assert lyra.message_texts == [
        "Inverse::matsq: Argument {{1, 2}} at position 1 is not a non-empty square matrix."
    ]


# ---------------------------------------------------------------- LinearSolve
@pytest.mark.parametrize(
    "source, expected",
    [
        ("LinearSolve[{{1, 2}, {3, 4}}, {5, 6}]", "{-4, 9/2}"),
        ("LinearSolve[{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}}, {1, 2, 3}]", "{0, 1, 2}"),
        # Many solutions: the free variables are 0.
        ("LinearSolve[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, {1, 1, 1}]", "{-1, 1, 0}"),
        ("LinearSolve[{{1, 2}, {3, 4}}, {{1, 0}, {0, 1}}]", "{{-2, 1}, {3/2, -1/2}}"),
        ("LinearSolve[{{a, b}, {c, d}}, {e, f}]", "{(d*e - b*f)/(-(b*c) + a*d), (-(c*e) + a*f)/(-(b*c) + a*d)}"),
    ],
)
def test_linear_solve(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_linear_solve_machine(lyra):
    close(lyra.value("LinearSolve[{{1., 2.}, {3., 4.}}, {5, 6}]"), [-4.0, 4.5])


def test_linear_solve_without_solution(lyra):
    source = "LinearSolve[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, {1, -2, 3}]"
    assert lyra(source) == source
    assert lyra.messages == ["LinearSolve::nosol"]
    assert lyra.message_texts == ["LinearSolve::nosol: Linear equation encountered that has no solution."]


def test_linear_solve_bad_arguments(lyra):
    assert lyra("LinearSolve[{{1, 2}, {3, 4}}, {1, 2, 3}]") == "LinearSolve[{{1, 2}, {3, 4}}, {1, 2, 3}]"
    assert lyra.messages == ["LinearSolve::lslc"]
    assert lyra("LinearSolve[{1, 2}, {1, 2}]") == "LinearSolve[{1, 2}, {1, 2}]"
    assert lyra.messages == ["LinearSolve::matrix"]


# ---------------------------------------------------------------- RowReduce, MatrixRank, NullSpace
@pytest.mark.parametrize(
    "source, expected",
    [
        ("RowReduce[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}]", "{{1, 0, -1}, {0, 1, 2}, {0, 0, 0}}"),
        ("RowReduce[{{1, 0, a}, {1, 1, b}}]", "{{1, 0, a}, {0, 1, -a + b}}"),
        ("RowReduce[{{2, 4}, {1, 3}}]", "{{1, 0}, {0, 1}}"),
        ("RowReduce[{{1., 2.}, {2., 4.}}]", "{{1., 2.}, {0., 0.}}"),
        ("MatrixRank[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}]", "2"),
        ("MatrixRank[{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}}]", "3"),
        ("MatrixRank[{{a, b}, {3 a, 3 b}}]", "1"),
        ("MatrixRank[{{1/2, 1/3}, {3, 2}}]", "1"),
        ("MatrixRank[{{1., 2.}, {2., 4.}}]", "1"),
        ("NullSpace[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}]", "{{1, -2, 1}}"),
        ("NullSpace[{{1, 2, 3, 4}, {5, 6, 7, 8}}]", "{{2, -3, 0, 1}, {1, -2, 1, 0}}"),
        ("NullSpace[{{2, 3}}]", "{{-3, 2}}"),
        ("NullSpace[{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}}]", "{}"),
        ("NullSpace[{{a, b}, {2 a, 2 b}}]", "{{-(b/a), 1}}"),
    ],
)
def test_row_reduction_family(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_machine_null_space_is_unit_length(lyra):
    close(lyra.value("NullSpace[{{1., 2.}, {2., 4.}}]"), [[-2 / math.sqrt(5), 1 / math.sqrt(5)]])


@pytest.mark.parametrize("name", ["RowReduce", "MatrixRank", "NullSpace"])
def test_row_reduction_needs_a_matrix(lyra, name):
    assert lyra(f"{name}[{{1, 2}}]") == f"{name}[{{1, 2}}]"
    assert lyra.messages == [f"{name}::matrix"]


def test_large_exact_rank_is_fast_and_right(lyra):
    # Rank of an outer product sum: rank 3 by construction.
    lyra("left1 = Table[Mod[7 i + 3 k^2, 11] - 5, {i, 80}, {k, 3}]; right1 = Table[Mod[5 i + k, 13] - 6, {k, 3}, {i, 80}]")
    assert lyra("MatrixRank[left1 . right1]") == "3"


# ---------------------------------------------------------------- eigenproblems
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Eigenvalues[{{2, 1}, {1, 2}}]", "{3, 1}"),
        ("Eigenvalues[{{1, 2}, {3, 4}}]", "{(5 + Sqrt[33])/2, (5 - Sqrt[33])/2}"),
        ("Eigenvalues[{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}}]", "{2, -1, 1}"),
        ("Eigenvalues[{{7, 1}, {-4, 3}}]", "{5, 5}"),
        ("Eigenvalues[{{0, 1}, {-1, 0}}]", "{I, -I}"),
        ("Eigenvalues[{{0, 1}, {1, 0}}]", "{-1, 1}"),
        ("Eigenvalues[{{1, -1}, {1, 1}}]", "{1 + I, 1 - I}"),
        ("Eigenvalues[{{1, 2}, {3, 4}}, 1]", "{(5 + Sqrt[33])/2}"),
        ("Eigenvalues[{{1, 2}, {3, 4}}, -1]", "{(5 - Sqrt[33])/2}"),
        (
            "Eigenvalues[{{a, b}, {c, d}}]",
            "{(a + d - Sqrt[a^2 + 4*b*c - 2*a*d + d^2])/2, (a + d + Sqrt[a^2 + 4*b*c - 2*a*d + d^2])/2}",
        ),
        # An irreducible cubic: Root objects, by decreasing absolute value.
        (
            "Eigenvalues[{{1, 2, 3}, {4, 5, 6}, {7, 8, 10}}]",
            "{Root[3 - 12*#1 - 16*#1^2 + #1^3 & , 3], Root[3 - 12*#1 - 16*#1^2 + #1^3 & , 1], "
            "Root[3 - 12*#1 - 16*#1^2 + #1^3 & , 2]}",
        ),
        ("Eigenvectors[{{2, 1}, {1, 2}}]", "{{1, 1}, {-1, 1}}"),
        ("Eigenvectors[{{1, 2}, {3, 4}}]", "{{(-3 + Sqrt[33])/6, 1}, {(-3 - Sqrt[33])/6, 1}}"),
        ("Eigenvectors[{{1, 1, 0}, {1, 0, 1}, {0, 1, 1}}]", "{{1, 1, 1}, {1, -2, 1}, {-1, 0, 1}}"),
        ("Eigenvectors[{{1, 0, 0}, {0, 1, 0}, {0, 0, 0}}]", "{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}"),
        # Rational eigenvectors have integer entries; a defective matrix gets zero vectors.
        ("Eigenvectors[{{-2, 1, -1}, {-3, 2, 1}, {-1, 1, 0}}]", "{{1, 7, 3}, {1, 1, 0}, {0, 0, 0}}"),
        ("Eigenvectors[{{1, 1}, {0, 1}}]", "{{1, 0}, {0, 0}}"),
        ("Eigenvectors[{{0, 1}, {-1, 0}}]", "{{-I, 1}, {I, 1}}"),
        ("Eigensystem[{{2, 1}, {1, 2}}]", "{{3, 1}, {{1, 1}, {-1, 1}}}"),
        ("CharacteristicPolynomial[{{1, 2}, {3, 4}}, x]", "-2 - 5*x + x^2"),
    ],
)
def test_exact_eigenproblems(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_eigenvectors_satisfy_the_definition(lyra):
    lyra("mat2 = {{2, 0, 1}, {0, 3, 0}, {1, 0, 2}}; {vals2, vecs2} = Eigensystem[mat2]")
    assert lyra("Table[mat2 . vecs2[[k]] - vals2[[k]] vecs2[[k]], {k, 3}]") == "{{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}"


def test_machine_eigenvalues(lyra):
    close(lyra.value("Eigenvalues[{{2., 1.}, {1., 2.}}]"), [3.0, 1.0])
    s = math.sqrt(33)
    close(lyra.value("Eigenvalues[{{1., 2.}, {3., 4.}}]"), [(5 + s) / 2, (5 - s) / 2])
    close(lyra.value("Eigenvalues[{{0., 1.}, {-1., 0.}}]"), [1j, -1j])
    r = 1 / math.sqrt(2)
    close(lyra.value("Eigenvectors[{{2., 1.}, {1., 2.}}]"), [[r, r], [-r, r]])
    assert lyra.messages == []


def test_machine_eigenvectors_are_eigenvectors(lyra):
    lyra("mat3 = {{4., 1., 2.}, {0., 3., 1.}, {1., 0., 5.}}; {vals3, vecs3} = Eigensystem[mat3]")
    residual = lyra.value("Max[Table[Norm[mat3 . vecs3[[k]] - vals3[[k]] vecs3[[k]]], {k, 3}]]")
    assert residual < 1e-9


@pytest.mark.parametrize("name", ["Eigenvalues", "Eigenvectors"])
def test_eigen_needs_a_square_matrix(lyra, name):
    assert lyra(f"{name}[{{{{1, 2}}}}]") == f"{name}[{{{{1, 2}}}}]"
    assert lyra.messages == [f"{name}::matsq"]


# ---------------------------------------------------------------- MatrixPower, Tr, constructors
@pytest.mark.parametrize(
    "source, expected",
    [
        ("MatrixPower[{{1, 1}, {1, 0}}, 10]", "{{89, 55}, {55, 34}}"),
        ("MatrixPower[{{1, 2}, {2, 5}}, -3]", "{{169, -70}, {-70, 29}}"),
        ("MatrixPower[{{1, 2}, {3, 4}}, 0]", "{{1, 0}, {0, 1}}"),
        ("MatrixPower[{{a, b}, {0, a}}, 3]", "{{a^3, 3*a^2*b}, {0, a^3}}"),
        ("MatrixPower[{{1., 1.}, {1., 0.}}, 3]", "{{3., 2.}, {2., 1.}}"),
        ("MatrixPower[{{1, 2}, {3, 4}}, n]", "MatrixPower[{{1, 2}, {3, 4}}, n]"),
        ("Tr[{{1, 2}, {3, 4}}]", "5"),
        ("Tr[{{a, b}, {c, d}}]", "a + d"),
        ("Tr[{{a, b}, {c, d}}, List]", "{a, d}"),
        ("Tr[{{1, 2, 3}, {4, 5, 6}}]", "6"),
        ("IdentityMatrix[3]", "{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}"),
        ("IdentityMatrix[{2, 3}]", "{{1, 0, 0}, {0, 1, 0}}"),
        ("DiagonalMatrix[{a, b}]", "{{a, 0}, {0, b}}"),
        ("DiagonalMatrix[{1, 2}, 1]", "{{0, 1, 0}, {0, 0, 2}, {0, 0, 0}}"),
        ("DiagonalMatrix[{1, 2}, -1]", "{{0, 0, 0}, {1, 0, 0}, {0, 2, 0}}"),
        ("DiagonalMatrix[{1, 2}, 0, 3]", "{{1, 0, 0}, {0, 2, 0}, {0, 0, 0}}"),
    ],
)
def test_powers_traces_constructors(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_matrix_power_messages(lyra):
    assert lyra("MatrixPower[{{1, 2}, {2, 4}}, -1]") == "MatrixPower[{{1, 2}, {2, 4}}, -1]"
    assert lyra.messages == ["MatrixPower::sing"]
    assert lyra("MatrixPower[{{1, 2}}, 2]") == "MatrixPower[{{1, 2}}, 2]"
    assert lyra.messages == ["MatrixPower::matsq"]


def test_identity_matrix_message(lyra):
    assert lyra("IdentityMatrix[-1]") == "IdentityMatrix[-1]"
    assert lyra.messages == ["IdentityMatrix::inmat"]


# ---------------------------------------------------------------- Cross, Norm, Normalize
@pytest.mark.parametrize(
    "source, expected",
    [
        ("Cross[{1, 0, 0}, {0, 1, 0}]", "{0, 0, 1}"),
        ("Cross[{a1, a2, a3}, {b1, b2, b3}]", "{-(a3*b2) + a2*b3, a3*b1 - a1*b3, -(a2*b1) + a1*b2}"),
        ("Cross[{x, y}]", "{-y, x}"),
        ("Cross[{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}]", "{0, 0, 0, 1}"),
        ("Norm[{3, 4}]", "5"),
        ("Norm[{1, 2, 3}, 1]", "6"),
        ("Norm[{1, -5, 3}, Infinity]", "5"),
        ("Norm[{a, b}]", "Sqrt[Abs[a]^2 + Abs[b]^2]"),
        ("Norm[{x, y}, p]", "(Abs[x]^p + Abs[y]^p)^(1/p)"),
        ("Norm[-3]", "3"),
        ("Norm[1 + I]", "Sqrt[2]"),
        ("Norm[{{1, 2}, {3, 4}}]", "Sqrt[15 + Sqrt[221]]"),
        ("Norm[{{1, 2}, {3, 4}}, \"Frobenius\"]", "Sqrt[30]"),
        ("Norm[{{1, 2}, {3, 4}}, 1]", "6"),
        ("Norm[{{1, 2}, {3, 4}}, Infinity]", "7"),
        ("Normalize[{3, 4}]", "{3/5, 4/5}"),
        ("Normalize[{1, 1, 1, 1}]", "{1/2, 1/2, 1/2, 1/2}"),
        ("Normalize[{0, 0}]", "{0, 0}"),
        ("Normalize[{a, b}]", "{a/Sqrt[Abs[a]^2 + Abs[b]^2], b/Sqrt[Abs[a]^2 + Abs[b]^2]}"),
    ],
)
def test_cross_norm_normalize(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_machine_norms(lyra):
    close(lyra.value("Norm[{1., 2.}]"), math.sqrt(5))
    close(lyra.value("Norm[{{1., 2.}, {3., 4.}}]"), 5.464985704219043)


def test_cross_and_norm_messages(lyra):
    assert lyra("Cross[{1, 2}, {3, 4, 5}]") == "Cross[{1, 2}, {3, 4, 5}]"
    assert lyra.messages == ["Cross::nonn1"]
    assert lyra("Norm[{x, y}, 0]") == "Norm[{x, y}, 0]"
    assert lyra.messages == ["Norm::ptype"]
    assert lyra("Norm[{1, {2, 3}}]") == "Norm[{1, {2, 3}}]"
    assert lyra.messages == ["Norm::nvm"]


# ---------------------------------------------------------------- Dot and Transpose are there
def test_dot_and_transpose_work_with_these(lyra):
    assert lyra("Transpose[Inverse[{{1, 2}, {3, 4}}]] == Inverse[Transpose[{{1, 2}, {3, 4}}]]") == "True"
    assert lyra("{{1, 2}, {3, 4}} . LinearSolve[{{1, 2}, {3, 4}}, {5, 6}]") == "{5, 6}"


# ---------------------------------------------------------------- kernels
def test_integer_rank_agrees_with_fraction_elimination():
    rng = random.Random(7)
    never = lambda: None  # noqa: E731
    for _ in range(200):
        m, n, r = rng.randint(1, 6), rng.randint(1, 6), rng.randint(1, 4)
        a = [[rng.randint(-3, 3) for _ in range(r)] for _ in range(m)]
        b = [[rng.randint(-3, 3) for _ in range(n)] for _ in range(r)]
        rows = [[sum(a[i][k] * b[k][j] for k in range(r)) for j in range(n)] for i in range(m)]
        expected = len(K.rref(K.exact_matrix(rows), True, never))
        assert K.integer_rank(rows, never) == expected


def test_bareiss_determinant_agrees_with_fractions():
    rng = random.Random(3)
    never = lambda: None  # noqa: E731
    for _ in range(100):
        n = rng.randint(1, 6)
        rows = [[rng.randint(-9, 9) for _ in range(n)] for _ in range(n)]
        assert K.bareiss_det(rows, never) == K.elimination_det(K.exact_matrix(rows), True, never)
