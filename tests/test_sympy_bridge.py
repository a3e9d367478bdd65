"""The Lyra <-> SymPy bridge (sympy_bridge.py): exact round trips on a
generated set of expressions, the individual conversions, and run_sympy's
handling of errors and interrupts."""

import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from lyra_core import Session
from lyra_core.expr import same
from lyra_core.library.sympy_bridge import Bridge, Unconvertible, run_sympy


@pytest.fixture(scope="module")
def session():
    return Session()


def roundtrip(session, source):
    """(value, value after Lyra -> SymPy -> Lyra and evaluation)."""
    value = session.evaluate(source)
    bridge = Bridge()
    converted = bridge.to_sympy(value)
    back = session.evaluate_expr(bridge.from_sympy(converted), record=False)
    return value, back


# ---------------------------------------------------------------- generated round trips
# The generated expressions stay where Lyra's (WL's) automatic evaluation and
# SymPy's agree: elementary functions of symbolic arguments, radicals of
# symbols, numbers combined arithmetically. (Numeric arguments are where the
# two systems' automatic rules differ -- SymPy turns Sin[I] into I Sinh[1],
# Sqrt[2/3] into Sqrt[6]/3 -- which is a question of evaluation rules, not of
# the conversion.) Constants and I are added, not multiplied in: SymPy splits
# Sqrt[Pi x] into Sqrt[Pi] Sqrt[x]; factors are integers or unit fractions
# (Lyra does not yet turn Sqrt[35]/7 into WL's Sqrt[5/7]); I and Infinity
# appear outside functions (Lyra does not yet turn Sinh[2 I] into I Sin[2]).
ADDENDS = st.sampled_from(["0", "1", "2", "-3", "7", "1/2", "-2/3", "5/7", "Pi", "E"])
FACTORS = st.sampled_from(["2", "-3", "7", "1/2", "-1/3"])
SYMBOLS = st.sampled_from(["x", "y", "z"])
# Radicals sit at the leaves: Lyra does not yet pull a numeric surd out of a
# root (WL: Sqrt[Sqrt[2] Sqrt[x]] is 2^(1/4) x^(1/4)).
LEAVES = SYMBOLS | st.sampled_from(["Sqrt[x]", "Sqrt[1 + y]", "z^(1/3)", "Sqrt[Pi + x]"])
FUNCTIONS = st.sampled_from(["Sin", "Cos", "Tan", "Exp", "Log", "f", "g", "Sinh", "Cot"])


def _symbolic(children):
    applied = st.tuples(FUNCTIONS, children).map(lambda t: f"{t[0]}[{t[1]}]")
    combined = st.tuples(children, st.sampled_from([" + ", " - ", " * ", " / "]), children).map(
        lambda t: f"({t[0]}{t[1]}{t[2]})"
    )
    shifted = st.tuples(ADDENDS, children).map(lambda t: f"({t[0]} + {t[1]})")
    scaled = st.tuples(FACTORS, children).map(lambda t: f"({t[0]} * {t[1]})")
    powers = st.tuples(children, st.sampled_from(["2", "3", "-1", "-2"])).map(
        lambda t: f"({t[0]})^({t[1]})"
    )
    symbolic_power = st.tuples(SYMBOLS, SYMBOLS).map(lambda t: f"{t[0]}^{t[1]}")
    two_arguments = st.tuples(children, children).map(lambda t: f"h[{t[0]}, {t[1]}]")
    derivative = SYMBOLS.map(lambda v: f"Derivative[1][f][{v}]")
    return applied | combined | shifted | scaled | powers | symbolic_power | two_arguments | derivative


SYMBOLIC = st.recursive(LEAVES, _symbolic, max_leaves=8)
EXPRESSIONS = (
    SYMBOLIC
    | st.tuples(SYMBOLIC, st.sampled_from(["Infinity", "-Infinity"])).map(lambda t: f"{t[0]} + {t[1]}")
    | st.tuples(SYMBOLIC, st.sampled_from(["I", "2 I", "1 - I/3"]), st.sampled_from(["x", "y^2", "f[z]", "Sin[x]"])).map(
        lambda t: f"{t[0]} + ({t[1]}) {t[2]}"
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS)
def test_generated_expressions_round_trip(session, source):
    value, back = roundtrip(session, source)
    assert same(value, back), f"{source}: {session.format(value)} came back as {session.format(back)}"


@pytest.mark.parametrize(
    "source",
    [
        "2 (1 + x)",  # SymPy would distribute the 2: the bridge keeps it
        "-(x + y) z",
        "1/Sqrt[2]",
        "3/4 x^(2/3)",
        "I + E^x + Pi",
        "(1 + 2 I) x",
        "x + Infinity",
        "-Infinity",
        "ComplexInfinity",
        "Indeterminate",
        "f[x] + g[x, y]",
        "a[1][x]",  # a compound head becomes an undefined SymPy function
        "Derivative[1][f][x]",
        "Derivative[1][f][x^2]",
        "Derivative[1, 2][f][x, y]",
        "ArcTan[x, y]",
        "Gamma[x] + Gamma[x, y]",
        "Log[x]/Log[2]",
        "x == 2",
        "x < y",
        "a && (b || !c)",
        "Piecewise[{{x, x > 0}}, -x]",
        "{1, x, {y}}",
        "\"text\" + x",  # strings travel as opaque placeholders
        "1.5 x",
        "N[Pi, 30] x",
        "Root[1 - #1 + #1^5 &, 2]",
        "EulerGamma + GoldenRatio + Catalan",
        "Abs[x] Sign[y] + Floor[x] + Max[x, y]",
        "Erf[x] + Zeta[3] + PolyGamma[0, x]",
        "E^x C[1]",
        "Sqrt[x^2]",
    ],
)
def test_round_trip(session, source):
    value, back = roundtrip(session, source)
    assert same(value, back), f"{session.format(value)} came back as {session.format(back)}"


# ---------------------------------------------------------------- conversions
def test_to_sympy_forms(session):
    import sympy as sp

    bridge = Bridge()
    x = sp.Symbol("x")
    assert bridge.to_sympy(session.evaluate("x^2 + 1/3")) == x**2 + sp.Rational(1, 3)
    assert bridge.to_sympy(session.evaluate("E^x")) == sp.exp(x)
    assert bridge.to_sympy(session.evaluate("Infinity")) == sp.oo
    assert bridge.to_sympy(session.evaluate("Pi I")) == sp.pi * sp.I
    assert bridge.to_sympy(session.evaluate("ArcTan[x, y]")) == sp.atan2(sp.Symbol("y"), x)
    f = bridge.to_sympy(session.evaluate("f[x]"))
    assert f.func.__name__ == "f" and f.args == (x,)


def test_from_sympy_forms(session):
    import sympy as sp

    bridge = Bridge()
    x = sp.Symbol("x")
    cases = [
        (sp.exp(2 * x), "E^(2*x)"),
        (sp.sqrt(2) / 2, "1/Sqrt[2]"),
        (sp.oo, "Infinity"),
        (-sp.oo, "-Infinity"),
        (sp.zoo, "ComplexInfinity"),
        (sp.nan, "Indeterminate"),
        (sp.Float("0.25"), "0.25"),
        (sp.Rational(-3, 4), "-3/4"),
        (sp.I * 2 + 1, "1 + 2*I"),
        (sp.Tuple(1, x), "{1, x}"),
        (sp.Eq(x, 1), "x == 1"),
        (sp.Lambda(x, x**2), "Function[{x}, x^2]"),
    ]
    for value, expected in cases:
        lyra = session.evaluate_expr(bridge.from_sympy(value), record=False)
        assert session.format(lyra) == expected


def test_unknown_sympy_objects_are_refused():
    import sympy as sp

    with pytest.raises(Unconvertible):
        Bridge().from_sympy(sp.FiniteSet(1, 2))


def test_big_reals_keep_their_precision(session):
    value, back = roundtrip(session, "N[Pi, 50]^2")
    assert same(value, back)
    assert session.format(back).endswith("`49.69897000433602")


# ---------------------------------------------------------------- running SymPy
def test_run_sympy_returns_none_on_errors(session):
    def boom():
        raise NotImplementedError("SymPy cannot")

    assert run_sympy(session.ev, boom) is None
    assert run_sympy(session.ev, lambda: 41 + 1) == 42


def test_time_constrained_stops_a_long_sympy_computation():
    s = Session()
    start = time.perf_counter()
    result = s.evaluate("TimeConstrained[Integrate[E^(x^3) Sin[x] Log[x]^2, x], 0.5]")
    elapsed = time.perf_counter() - start
    assert s.format(result) == "$Aborted"
    assert elapsed < 5
    # The session goes on working afterwards.
    assert s.format(s.evaluate("Factor[x^2 - 1]")) == "(-1 + x)*(1 + x)"


def test_sympy_is_not_imported_at_start_up():
    code = "import sys, lyra_core; lyra_core.Session(); print('sympy' in sys.modules, 'mpmath' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False False"
