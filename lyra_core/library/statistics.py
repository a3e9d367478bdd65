"""Descriptive statistics: Mean, Median, Variance, StandardDeviation,
Quantile, Commonest, Covariance, Correlation, BinCounts, HistogramList; and
RandomVariate with the distributions NormalDistribution,
UniformDistribution, ExponentialDistribution, BernoulliDistribution and
DiscreteUniformDistribution (whose Mean and Variance are known too).

Exact data gives exact results (Mean[{1, 2}] is 3/2), computed with Python
fractions; machine data gives machine numbers; symbolic data gives the
symbolic formula, evaluated by the arithmetic builtins. A matrix (a list of
equal-length lists) is treated column by column, as in WL.
"""

from __future__ import annotations

import math
from fractions import Fraction
from math import gcd

from ..engine import messages
from ..expr.assoc import Association, key_of
from ..expr.atoms import BigReal, Complex, Rational, make_rational
from ..expr.normal import Expr, same
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from . import linear_algebra_kernels as K
from . import numeric_tower as nt
from .list_support import call, check_size, declare_once, settled_list
from .numeric_random import generator
from .registry import builtin

List = S.List
Plus = S.Plus
Times = S.Times
Power = S.Power
Conjugate = system("Conjugate")
Sqrt = S.Sqrt
N = system("N")

messages.define("General", "rectn", "Rectangular array expected at position `1` in `2`.")
messages.define("General", "shlen", "The argument `1` should have at least `2` elements.")
messages.define(
    "Quantile",
    "qntspec",
    "Quantile specification `1` should be a number or a list of numbers between 0 and 1.",
)
messages.define(
    "Quantile",
    "parm",
    "The parameters `1` should be a 2 x 2 matrix of real numbers.",
)
messages.define(
    "General",
    "vctmat",
    "The arguments `1` and `2` should be a pair of vectors or a pair of matrices of equal length.",
)
messages.define("RandomVariate", "noimp", "Sampling from `1` is not implemented.")
messages.define("General", "posprm", "Parameter `1` at position `2` in `3` is expected to be positive.")
messages.define("General", "realprm", "Parameter `1` at position `2` in `3` is expected to be real.")
messages.define("General", "unifr", "The endpoints specified by `1` for the endpoints of the distribution range are not ordered real numbers.")
messages.define("General", "probprm", "Parameter `1` at position `2` in `3` is expected to be a probability between 0 and 1.")
messages.define("BinCounts", "bdbin", "The bin specification `1` is not valid.")
messages.define("HistogramList", "bdbin", "The bin specification `1` is not valid.")
messages.define("General", "ldata", "`1` is not a valid dataset or list of datasets.")

EXACT, MACHINE, GENERAL = K.EXACT, K.MACHINE, K.GENERAL


# ================================================================ data shapes
def _data(ev, name, x, whole, position=1):
    """("vector", items) or ("matrix", columns) for a statistic's data, or
    None after name::rectn. Associations contribute their values."""
    if type(x) is Association:
        items = tuple(x.values())
    elif type(x) is Expr and x.head is List:
        items = x.args
    else:
        items = None
    if not items:
        ev.message(name, "rectn", position, whole)
        return None
    first = items[0]
    if type(first) is Expr and first.head is List:
        width = len(first.args)
        rows = []
        for r in items:
            if type(r) is not Expr or r.head is not List or len(r.args) != width:
                ev.message(name, "rectn", position, whole)
                return None
            rows.append(r.args)
        if width == 0:
            ev.message(name, "rectn", position, whole)
            return None
        return "matrix", list(zip(*rows))
    for r in items:
        if type(r) is Expr and r.head is List:
            ev.message(name, "rectn", position, whole)
            return None
    return "vector", items


def _per_column(shape, values, statistic):
    """statistic(values) for a vector, a list of it per column for a matrix;
    None if any column fails."""
    if shape == "vector":
        return statistic(values)
    out = []
    for column in values:
        r = statistic(column)
        if r is None:
            return None
        out.append(r)
    return Expr(List, tuple(out))


def _exact_pairs(items):
    """(numerator, denominator) of each Integer or Rational."""
    for x in items:
        if type(x) is int:
            yield x, 1
        else:
            yield x.num, x.den


def _sum_pairs(pairs) -> Fraction:
    """The exact sum of fractions given as (numerator, denominator) pairs,
    normalised once at the end (Fraction normalises at every step, which is
    many times slower on long lists)."""
    num, den = 0, 1
    for p, q in pairs:
        if q == den:
            num += p
        elif q == 1:
            num += p * den
        else:
            g = gcd(den, q)
            scale = q // g
            num = num * scale + p * (den // g)
            den *= scale
    return Fraction(num, den)


def _machine_back(z):
    if type(z) is complex:
        return Complex(z.real, z.imag)
    return z


def _sum_machine(values):
    if any(type(v) is complex for v in values):
        return complex(math.fsum(v.real for v in values), math.fsum(v.imag for v in values))
    return math.fsum(values)


# ================================================================ Mean
def mean_of(ev, items):
    """The mean of a list of values, exact when they are."""
    n = len(items)
    kind = K.domain_of(items)
    if kind == EXACT:
        if all(type(x) is int for x in items):
            return make_rational(sum(items), n)
        return nt.from_fraction(_sum_pairs(_exact_pairs(items)) / n)
    if kind == MACHINE:
        return _machine_back(_sum_machine([K.to_machine(x) for x in items]) / n)
    return ev.evaluate(Expr(Times, (Expr(Plus, tuple(items)), make_rational(1, n))))


@builtin(
    "Mean",
    nargs=1,
    attributes=("Protected",),
    usage="Mean[list] gives the mean (average) of the elements of list: exact for exact data; Mean[matrix] gives "
    "the mean of each column; Mean[dist] gives the mean of a distribution.\n"
    "Example: Mean[{1, 2}] gives 3/2; Mean[{{1, 2}, {3, 4}}] gives {2, 3}",
)
def mean(ev, x):
    moment = _distribution_moment(ev, x, "Mean")
    if moment is not None:
        return moment
    whole = call("Mean", x)
    data = _data(ev, "Mean", x, whole)
    if data is None:
        return None
    return _per_column(data[0], data[1], lambda items: mean_of(ev, items))


# ================================================================ Median
def _plain_real(x):
    """A real number as a Python int, Fraction or float (for ordering and
    binning), or None when x is not a real number."""
    t = type(x)
    if t is int or t is float:
        return x
    if t is Rational:
        return Fraction(x.num, x.den)
    if t is BigReal:
        return float(x)
    return None


def _sort_key(ev, x):
    """A real number that orders x, or None when x is not a real numeric value."""
    key = _plain_real(x)
    if key is not None:
        return key
    value = ev.evaluate(Expr(N, (x,)))
    if type(value) in (int, float):
        return value
    return None


def _sorted_numeric(ev, items):
    """The items sorted by numeric value, or None when one is not real numeric."""
    if all(type(x) is int or type(x) is float for x in items):
        return sorted(items)
    keys = []
    for x in items:
        k = _sort_key(ev, x)
        if k is None:
            return None
        keys.append((k, x))
    keys.sort(key=lambda pair: pair[0])
    return [x for _, x in keys]


def _median_of(ev, items):
    ordered = _sorted_numeric(ev, items)
    if ordered is None:
        return None
    n = len(ordered)
    if n % 2:
        middle = ordered[n // 2]
    else:
        middle = mean_of(ev, ordered[n // 2 - 1: n // 2 + 1])
    return _machine_if_any(ordered, middle)


def _machine_if_any(items, value):
    """value as a machine real when the data has one (WL's rule for mixed data)."""
    if type(value) is not float and any(type(x) is float for x in items) and type(value) in (int, Rational):
        return float(K.to_machine(value))
    return value


@builtin(
    "Median",
    nargs=1,
    attributes=("Protected",),
    usage="Median[list] gives the middle value of the sorted numeric list (the mean of the two middle values "
    "for an even length); Median[matrix] gives the median of each column.\n"
    "Example: Median[{1, 5, 2, 8}] gives 7/2",
)
def median(ev, x):
    whole = call("Median", x)
    data = _data(ev, "Median", x, whole)
    if data is None:
        return None
    return _per_column(data[0], data[1], lambda items: _median_of(ev, items))


# ================================================================ Variance, StandardDeviation
def _variance_of(ev, name, items, whole):
    n = len(items)
    if n < 2:
        ev.message(name, "shlen", whole.args[0], 2)
        return None
    kind = K.domain_of(items)
    if kind == EXACT:
        if all(type(x) is int for x in items):
            total = sum(items)
            squares = sum(x * x for x in items)
            return make_rational(n * squares - total * total, n * (n - 1))
        total = _sum_pairs(_exact_pairs(items))
        squares = _sum_pairs((p * p, q * q) for p, q in _exact_pairs(items))
        return nt.from_fraction((squares - total * total / n) / (n - 1))
    if kind == MACHINE:
        values = [K.to_machine(x) for x in items]
        m = _sum_machine(values) / n
        return math.fsum(abs(v - m) ** 2 for v in values) / (n - 1)
    if not all(type(x) in _NUMBERS for x in items):
        return _pairwise_symbolic(ev, items, items)
    m = mean_of(ev, items)
    deviations = [ev.evaluate(Expr(Plus, (x, Expr(Times, (-1, m))))) for x in items]
    squares = tuple(Expr(Times, (d, _conjugate(ev, d))) for d in deviations)
    return ev.evaluate(Expr(Times, (Expr(Plus, squares), make_rational(1, n - 1))))


_NUMBERS = frozenset((int, float, Rational, BigReal, Complex))


def _conjugate(ev, x):
    """Conjugate[x]; x itself when it is real (a real number, or a numeric
    expression such as Sqrt[2] whose value is real)."""
    if _is_real_numeric(x):
        return x
    if type(x) is not Symbol or x.context == "System`":
        value = ev.evaluate(Expr(N, (x,)))
        if type(value) is float:
            return x
    return ev.evaluate(Expr(Conjugate, (x,)))


def _pairwise_symbolic(ev, xs, ys):
    """Sum[(x_i - x_j) Conjugate[y_i - y_j], i < j] / (n (n - 1)): the sample
    covariance written without the mean, the form WL gives for symbolic
    data (Variance[{a, b}] is (a - b) (Conjugate[a] - Conjugate[b]) / 2)."""
    n = len(xs)
    terms = []
    for i in range(n):
        ev.check_interrupt()
        for j in range(i + 1, n):
            dx = ev.evaluate(Expr(Plus, (xs[i], Expr(Times, (-1, xs[j])))))
            dy = Expr(Plus, (_conjugate(ev, ys[i]), Expr(Times, (-1, _conjugate(ev, ys[j])))))
            terms.append(Expr(Times, (dx, ev.evaluate(dy))))
    return ev.evaluate(Expr(Times, (make_rational(1, n * (n - 1)), Expr(Plus, tuple(terms)))))


def _is_real_numeric(x) -> bool:
    t = type(x)
    return t is int or t is float or t is Rational or t is BigReal


@builtin(
    "Variance",
    nargs=1,
    attributes=("Protected",),
    usage="Variance[list] gives the unbiased sample variance Sum[(x - mean)^2]/(n - 1) of the elements of list "
    "(with Conjugate for complex data); Variance[matrix] gives the variance of each column; Variance[dist] the "
    "variance of a distribution.\nExample: Variance[{1, 2, 3, 4}] gives 5/3",
)
def variance(ev, x):
    moment = _distribution_moment(ev, x, "Variance")
    if moment is not None:
        return moment
    whole = call("Variance", x)
    data = _data(ev, "Variance", x, whole)
    if data is None:
        return None
    return _per_column(data[0], data[1], lambda items: _variance_of(ev, "Variance", items, whole))


@builtin(
    "StandardDeviation",
    nargs=1,
    attributes=("Protected",),
    usage="StandardDeviation[list] gives Sqrt[Variance[list]], the sample standard deviation; "
    "StandardDeviation[matrix] gives it for each column.\n"
    "Example: StandardDeviation[{1, 2, 3, 4}] gives Sqrt[5/3]",
)
def standard_deviation(ev, x):
    spread = _distribution_spread(ev, x)
    if spread is not None:
        return spread
    whole = call("StandardDeviation", x)
    data = _data(ev, "StandardDeviation", x, whole)
    if data is None:
        return None

    def sd(items):
        v = _variance_of(ev, "StandardDeviation", items, whole)
        if v is None:
            return None
        if type(v) is float:
            return math.sqrt(v)
        return ev.evaluate(Expr(Sqrt, (v,)))

    return _per_column(data[0], data[1], sd)


# ================================================================ Covariance, Correlation
def _covariance_of(ev, xs, ys):
    n = len(xs)
    kind = K.domain_of(list(xs) + list(ys))
    if kind == EXACT:
        sum_x = _sum_pairs(_exact_pairs(xs))
        sum_y = _sum_pairs(_exact_pairs(ys))
        products = _sum_pairs(
            (p1 * p2, q1 * q2) for (p1, q1), (p2, q2) in zip(_exact_pairs(xs), _exact_pairs(ys))
        )
        return nt.from_fraction((products - sum_x * sum_y / n) / (n - 1))
    if kind == MACHINE:
        a = [K.to_machine(v) for v in xs]
        b = [K.to_machine(v) for v in ys]
        ma, mb = _sum_machine(a) / n, _sum_machine(b) / n
        terms = [(p - ma) * ((q - mb).conjugate() if type(q) is complex else q - mb) for p, q in zip(a, b)]
        return _machine_back(_sum_machine(terms) / (n - 1))
    if not all(type(v) in _NUMBERS for v in xs) or not all(type(v) in _NUMBERS for v in ys):
        return _pairwise_symbolic(ev, xs, ys)
    mx, my = mean_of(ev, xs), mean_of(ev, ys)
    terms = []
    for p, q in zip(xs, ys):
        dx = ev.evaluate(Expr(Plus, (p, Expr(Times, (-1, mx)))))
        dy = ev.evaluate(Expr(Plus, (q, Expr(Times, (-1, my)))))
        terms.append(Expr(Times, (dx, _conjugate(ev, dy))))
    return ev.evaluate(Expr(Times, (Expr(Plus, tuple(terms)), make_rational(1, n - 1))))


def _paired(ev, name, a, b, whole):
    """(shape, columns of a, columns of b) for Covariance/Correlation."""
    if b is None:
        data = _data(ev, name, a, whole)
        if data is None:
            return None
        if data[0] != "matrix":
            ev.message(name, "rectn", 1, whole)
            return None
        return "square", data[1], data[1]
    da = _data(ev, name, a, whole, 1)
    if da is None:
        return None
    db = _data(ev, name, b, whole, 2)
    if db is None:
        return None
    length_a = len(da[1]) if da[0] == "vector" else len(da[1][0])
    length_b = len(db[1]) if db[0] == "vector" else len(db[1][0])
    if da[0] != db[0] or length_a != length_b:
        ev.message(name, "vctmat", a, b)
        return None
    return da[0], da[1], db[1]


def _pairwise(ev, name, args, statistic):
    a = args[0]
    b = args[1] if len(args) > 1 else None
    whole = call(name, *args)
    paired = _paired(ev, name, a, b, whole)
    if paired is None:
        return None
    shape, xs, ys = paired
    if shape == "vector":
        if len(xs) < 2:
            ev.message(name, "shlen", a, 2)
            return None
        return statistic(xs, ys)
    if len(xs[0]) < 2:
        ev.message(name, "shlen", a, 2)
        return None
    rows = []
    for x in xs:
        row = []
        for y in ys:
            value = statistic(x, y)
            if value is None:
                return None
            row.append(value)
        rows.append(Expr(List, tuple(row)))
    return Expr(List, tuple(rows))


@builtin(
    "Covariance",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Covariance[v1, v2] gives the covariance Sum[(x - mean1) Conjugate[y - mean2]]/(n - 1) of two vectors of "
    "equal length; Covariance[m] gives the covariance matrix of the columns of m; Covariance[m1, m2] the "
    "covariances between the columns of two matrices.\nExample: Covariance[{1, 2, 3}, {1, 2, 4}] gives 3/2",
)
def covariance(ev, *args):
    return _pairwise(ev, "Covariance", args, lambda x, y: _covariance_of(ev, x, y))


def _correlation_of(ev, xs, ys):
    cov = _covariance_of(ev, xs, ys)
    vx = _covariance_of(ev, xs, xs)
    vy = _covariance_of(ev, ys, ys)
    if type(cov) is float and type(vx) is float and type(vy) is float:
        denominator = math.sqrt(vx * vy)
        return cov / denominator if denominator else float("nan")
    return ev.evaluate(Expr(Times, (cov, Expr(Power, (Expr(Times, (vx, vy)), make_rational(-1, 2))))))


@builtin(
    "Correlation",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Correlation[v1, v2] gives the correlation coefficient Covariance[v1, v2]/(StandardDeviation[v1] "
    "StandardDeviation[v2]); Correlation[m] gives the correlation matrix of the columns of m.\n"
    "Example: Correlation[{1, 2, 3}, {2, 4, 6}] gives 1",
)
def correlation(ev, *args):
    return _pairwise(ev, "Correlation", args, lambda x, y: _correlation_of(ev, x, y))


# ================================================================ Quantile
def _real_exact_or_machine(x):
    t = type(x)
    return t is int or t is Rational or t is float


def _quantile_of(ev, items, q, params):
    ordered = _sorted_numeric(ev, items)
    if ordered is None:
        return None
    (a, b), (c, d) = params
    n = len(ordered)
    exact = all(type(v) is not float for v in (q, a, b, c, d))
    if exact:
        position = nt.to_fraction(a) + (n + nt.to_fraction(b)) * nt.to_fraction(q)
        low = math.floor(position)
        fraction = position - low
        coefficient = nt.to_fraction(c) + nt.to_fraction(d) * fraction
    else:
        position = float(K.to_machine(a)) + (n + float(K.to_machine(b))) * float(K.to_machine(q))
        low = math.floor(position)
        fraction = position - low
        coefficient = float(K.to_machine(c)) + float(K.to_machine(d)) * fraction
    high = math.ceil(position)
    lo_value = ordered[min(max(low, 1), n) - 1]
    hi_value = ordered[min(max(high, 1), n) - 1]
    if coefficient == 0 or same(lo_value, hi_value):
        return _machine_if_any(ordered, lo_value)
    if coefficient == 1:
        return _machine_if_any(ordered, hi_value)
    weight = nt.from_fraction(coefficient) if type(coefficient) is Fraction else coefficient
    step = Expr(Plus, (hi_value, Expr(Times, (-1, lo_value))))
    return ev.evaluate(Expr(Plus, (lo_value, Expr(Times, (weight, step)))))


def _valid_probability(q) -> bool:
    if type(q) is int:
        return 0 <= q <= 1
    if type(q) is Rational:
        return 0 <= q.num <= q.den
    if type(q) is float:
        return 0.0 <= q <= 1.0
    return False


_DEFAULT_QUANTILE = ((0, 0), (1, 0))


@builtin(
    "Quantile",
    nargs=(2, 3),
    attributes=("Protected",),
    usage="Quantile[list, q] gives the q-th quantile of list: the element at position Ceiling[n q] of the sorted "
    "list; Quantile[list, {q1, q2, ...}] gives several; Quantile[list, q, {{a, b}, {c, d}}] uses WL's "
    "parametrized definition (x = a + (n + b) q, interpolating with c + d FractionalPart[x]); a matrix is "
    "treated column by column.\nExample: Quantile[{1, 2, 3, 4, 5}, 1/2] gives 3",
)
def quantile(ev, x, q, *params):
    whole = call("Quantile", x, q, *params)
    qs = q.args if type(q) is Expr and q.head is List else (q,)
    if not qs or not all(_valid_probability(v) for v in qs):
        ev.message("Quantile", "qntspec", q)
        return None
    parameters = _DEFAULT_QUANTILE
    if params:
        p = params[0]
        rows = K.matrix_rows(p)
        if rows is None or len(rows) != 2 or len(rows[0]) != 2 or not all(
            _real_exact_or_machine(v) for v in K.all_entries(rows)
        ):
            ev.message("Quantile", "parm", p)
            return None
        parameters = (tuple(rows[0]), tuple(rows[1]))
    data = _data(ev, "Quantile", x, whole)
    if data is None:
        return None

    def one(items):
        if type(q) is Expr and q.head is List:
            values = []
            for v in qs:
                r = _quantile_of(ev, items, v, parameters)
                if r is None:
                    return None
                values.append(r)
            return Expr(List, tuple(values))
        return _quantile_of(ev, items, q, parameters)

    return _per_column(data[0], data[1], one)


# ================================================================ Commonest
@builtin(
    "Commonest",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="Commonest[list] gives the elements that occur most often in list, in order of first appearance; "
    "Commonest[list, n] gives the n most common elements (by decreasing frequency, ties in order of first "
    "appearance).\nExample: Commonest[{b, a, c, a, b}] gives {b, a}",
)
def commonest(ev, x, *count):
    if type(x) is not Expr or x.head is not List:
        ev.message("Commonest", "list", call("Commonest", x, *count), 1)
        return None
    if count and not (type(count[0]) is int and count[0] >= 0):
        ev.message("Commonest", "intnm", call("Commonest", x, *count), 2)
        return None
    tally: dict = {}
    first: dict = {}
    for i, v in enumerate(x.args):
        k = key_of(v)
        if k in tally:
            tally[k] += 1
        else:
            tally[k] = 1
            first[k] = (i, v)
    if not tally:
        return settled_list(())
    if not count:
        most = max(tally.values())
        return Expr(List, tuple(first[k][1] for k in first if tally[k] == most))
    ranked = sorted(first, key=lambda k: (-tally[k], first[k][0]))
    return Expr(List, tuple(first[k][1] for k in ranked[: count[0]]))


# ================================================================ BinCounts, HistogramList
def _edges_from_spec(ev, name, values, spec):
    """The bin edges (increasing numbers) for a bin specification, or None."""
    if type(spec) is Expr and spec.head is List:
        args = spec.args
        if len(args) == 1 and type(args[0]) is Expr and args[0].head is List:
            edges = [_plain_real(v) for v in args[0].args]
            if len(edges) < 2 or any(e is None for e in edges) or any(
                b <= a for a, b in zip(edges, edges[1:])
            ):
                return None
            return edges
        if len(args) == 1:
            return _edges_from_width(values, _plain_real(args[0]))
        if len(args) == 3:
            lo, hi, width = (_plain_real(v) for v in args)
            if lo is None or hi is None or width is None or width <= 0 or hi < lo:
                return None
            count = math.ceil((hi - lo) / width)
            return [lo + k * width for k in range(count + 1)]
        return None
    return _edges_from_width(values, _plain_real(spec))


def _edges_from_width(values, width):
    """Edges of width `width` aligned at multiples of it, covering the data."""
    if width is None or width <= 0 or not values:
        return None if width is None or width <= 0 else []
    lo = math.floor(min(values) / width)
    hi = math.floor(max(values) / width) + 1
    check_size_edges = hi - lo + 1
    if check_size_edges > 10_000_000:
        return None
    return [k * width for k in range(lo, hi + 1)]


def _count_bins(ev, values, edges):
    counts = [0] * (len(edges) - 1)
    if not counts:
        return counts
    lo, hi = edges[0], edges[-1]
    uniform_width = None
    widths = {edges[i + 1] - edges[i] for i in range(min(len(edges) - 1, 3))}
    if len(widths) == 1 and all(type(e) is int for e in edges):
        uniform_width = edges[1] - edges[0]
    import bisect

    for i, v in enumerate(values):
        if i & 0xFFFF == 0:
            ev.check_interrupt()
        if v < lo or v >= hi:
            continue
        if uniform_width is not None and type(v) is int:
            counts[(v - lo) // uniform_width] += 1
        else:
            counts[bisect.bisect_right(edges, v) - 1] += 1
    return counts


def _numeric_data(ev, name, data, whole):
    if type(data) is not Expr or data.head is not List:
        ev.message(name, "ldata", data)
        return None
    values = []
    for x in data.args:
        v = _plain_real(x)
        if v is None:
            ev.message(name, "ldata", data)
            return None
        values.append(v)
    return values


def _lyra_number(v):
    if type(v) is Fraction:
        return nt.from_fraction(v)
    return v


@builtin(
    "BinCounts",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="BinCounts[data, dx] counts the elements of data in successive bins of width dx (bins [k dx, (k + 1) dx) "
    "covering the data); BinCounts[data, {min, max, dx}] uses bins from min to max; BinCounts[data, {{b1, b2, "
    "...}}] the bins [b1, b2), [b2, b3), ...; BinCounts[data] uses unit bins.\n"
    "Example: BinCounts[{1, 3, 2, 1, 4, 5, 6, 2}] gives {2, 2, 1, 1, 1, 1}",
)
def bin_counts(ev, data, *spec):
    whole = call("BinCounts", data, *spec)
    values = _numeric_data(ev, "BinCounts", data, whole)
    if values is None:
        return None
    edges = _edges_from_spec(ev, "BinCounts", values, spec[0] if spec else 1)
    if edges is None:
        ev.message("BinCounts", "bdbin", spec[0] if spec else 1)
        return None
    return settled_list(tuple(_count_bins(ev, values, edges)))


_NICE = (1, 2, 5, 10)


def _nice_width(raw: float):
    """The 1, 2 or 5 times a power of ten nearest above raw (as an exact
    number when it is at least 1)."""
    if raw <= 0:
        return 1
    exponent = math.floor(math.log10(raw))
    base = 10.0 ** exponent
    for m in _NICE:
        if m * base >= raw * (1 - 1e-12):
            break
    if exponent >= 0:
        return m * 10 ** exponent
    return Fraction(m, 10 ** -exponent)


@builtin(
    "HistogramList",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="HistogramList[data] gives {bin edges, counts} for a histogram of data with automatically chosen bins "
    "of a round width; HistogramList[data, n] uses about n bins; HistogramList[data, {dx}], "
    "HistogramList[data, {min, max, dx}] and HistogramList[data, {{b1, b2, ...}}] give the bins explicitly.\n"
    "Example: HistogramList[{1, 2, 2, 3, 3, 3}, {1}] gives {{1, 2, 3, 4}, {1, 2, 3}}",
)
def histogram_list(ev, data, *spec):
    whole = call("HistogramList", data, *spec)
    values = _numeric_data(ev, "HistogramList", data, whole)
    if values is None:
        return None
    if not values:
        return Expr(List, (settled_list(()), settled_list(())))
    if not spec or spec[0] is S.Automatic or type(spec[0]) is int:
        bins = spec[0] if spec and type(spec[0]) is int else None
        if bins is not None and bins <= 0:
            ev.message("HistogramList", "bdbin", spec[0])
            return None
        if bins is None:
            # Sturges' rule for the number of bins.
            bins = max(1, math.ceil(math.log2(len(values)) + 1))
        spread = float(max(values) - min(values))
        width = _nice_width(spread / bins) if spread > 0 else 1
        edges = _edges_from_width(values, width)
    else:
        edges = _edges_from_spec(ev, "HistogramList", values, spec[0])
    if edges is None:
        ev.message("HistogramList", "bdbin", spec[0] if spec else S.Automatic)
        return None
    counts = _count_bins(ev, values, edges)
    if any(type(v) is float for v in values):
        shown = tuple(float(e) for e in edges)
    else:
        shown = tuple(_lyra_number(e) for e in edges)
    return Expr(List, (settled_list(shown), settled_list(tuple(counts))))


# ================================================================ distributions
for _name, _doc in (
    ("NormalDistribution", "NormalDistribution[mu, sigma] is the normal (Gaussian) distribution with mean mu and "
     "standard deviation sigma; NormalDistribution[] is NormalDistribution[0, 1].\n"
     "Example: RandomVariate[NormalDistribution[0, 1], 3]"),
    ("UniformDistribution", "UniformDistribution[{min, max}] is the continuous uniform distribution on [min, max]; "
     "UniformDistribution[] is UniformDistribution[{0, 1}].\nExample: RandomVariate[UniformDistribution[{0, 10}]]"),
    ("ExponentialDistribution", "ExponentialDistribution[lambda] is the exponential distribution with rate lambda.\n"
     "Example: Mean[ExponentialDistribution[2]] gives 1/2"),
    ("BernoulliDistribution", "BernoulliDistribution[p] gives 1 with probability p and 0 otherwise.\n"
     "Example: RandomVariate[BernoulliDistribution[1/2], 5]"),
    ("DiscreteUniformDistribution", "DiscreteUniformDistribution[{min, max}] gives each integer from min to max "
     "with equal probability.\nExample: RandomVariate[DiscreteUniformDistribution[{1, 6}], 10]"),
):
    declare_once(_name, _doc)


def _real(x):
    t = type(x)
    if t is int or t is float or t is Rational or t is BigReal:
        return True
    return False


def _float(x) -> float:
    return float(K.to_machine(x)) if type(x) is not BigReal else float(x)


class _Sampler:
    """How to draw from one distribution: draw(rng) -> Lyra number."""

    __slots__ = ("draw",)

    def __init__(self, draw):
        self.draw = draw


def _sampler(ev, dist):
    """A _Sampler for a supported distribution with valid parameters; None
    after a message for bad parameters; False when not a known distribution."""
    if type(dist) is not Expr or type(dist.head) is not Symbol:
        return False
    name = dist.head.name
    args = dist.args
    if name == "NormalDistribution" and len(args) in (0, 2):
        mu, sigma = args if args else (0, 1)
        if not _real(mu):
            ev.message(name, "realprm", mu, 1, dist)
            return None
        if not _real(sigma) or _float(sigma) <= 0:
            ev.message(name, "posprm", sigma, 2, dist)
            return None
        m, s = _float(mu), _float(sigma)
        return _Sampler(lambda rng: rng.gauss(m, s))
    if name == "UniformDistribution" and len(args) <= 1:
        bounds = args[0] if args else Expr(List, (0, 1))
        if (
            type(bounds) is Expr
            and bounds.head is List
            and bounds.args
            and all(type(b) is Expr and b.head is List for b in bounds.args)
        ):
            boxes = [_bounds(b) for b in bounds.args]
            if any(b is None for b in boxes):
                ev.message(name, "unifr", bounds)
                return None
            return _Sampler(lambda rng: Expr(List, tuple(lo + (hi - lo) * rng.random() for lo, hi in boxes)))
        box = _bounds(bounds)
        if box is None:
            ev.message(name, "unifr", bounds)
            return None
        lo, hi = box
        return _Sampler(lambda rng: lo + (hi - lo) * rng.random())
    if name == "ExponentialDistribution" and len(args) == 1:
        rate = args[0]
        if not _real(rate) or _float(rate) <= 0:
            ev.message(name, "posprm", rate, 1, dist)
            return None
        r = _float(rate)
        return _Sampler(lambda rng: rng.expovariate(r))
    if name == "BernoulliDistribution" and len(args) == 1:
        p = args[0]
        if not _real(p) or not 0 <= _float(p) <= 1:
            ev.message(name, "probprm", p, 1, dist)
            return None
        prob = _float(p)
        return _Sampler(lambda rng: 1 if rng.random() < prob else 0)
    if name == "DiscreteUniformDistribution" and len(args) == 1:
        b = args[0]
        if not (type(b) is Expr and b.head is List and len(b.args) == 2 and all(type(v) is int for v in b.args)) or (
            b.args[0] > b.args[1]
        ):
            ev.message(name, "unifr", b)
            return None
        lo, hi = b.args
        return _Sampler(lambda rng: rng.randint(lo, hi))
    return False


def _bounds(b):
    if type(b) is Expr and b.head is List and len(b.args) == 2 and all(_real(v) for v in b.args):
        lo, hi = _float(b.args[0]), _float(b.args[1])
        if lo <= hi:
            return lo, hi
    return None


def _shape(spec):
    if type(spec) is int and spec >= 0:
        return (spec,)
    if type(spec) is Expr and spec.head is List and spec.args and all(type(d) is int and d >= 0 for d in spec.args):
        return tuple(spec.args)
    return None


def _fill(shape, draw):
    if len(shape) == 1:
        return Expr(List, tuple(draw() for _ in range(shape[0])))
    return Expr(List, tuple(_fill(shape[1:], draw) for _ in range(shape[0])))


@builtin(
    "RandomVariate",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="RandomVariate[dist] gives a pseudo-random value from the distribution dist (NormalDistribution, "
    "UniformDistribution, ExponentialDistribution, BernoulliDistribution, DiscreteUniformDistribution); "
    "RandomVariate[dist, n] gives n of them and RandomVariate[dist, {n1, n2, ...}] an array. SeedRandom makes "
    "the draws repeatable.\nExample: RandomVariate[NormalDistribution[0, 1], 3]",
)
def random_variate(ev, dist, *count):
    sampler = _sampler(ev, dist)
    if sampler is False:
        ev.message("RandomVariate", "noimp", dist)
        return None
    if sampler is None:
        return None
    rng = generator(ev)
    draw = lambda: sampler.draw(rng)  # noqa: E731
    if not count:
        return draw()
    shape = _shape(count[0])
    if shape is None:
        ev.message("RandomVariate", "array", count[0], 2, call("RandomVariate", dist, *count))
        return None
    size = 1
    for d in shape:
        size *= d
    check_size(ev, size)
    return _fill(shape, draw)


def _distribution_spread(ev, dist):
    """StandardDeviation of a known distribution: sigma, (b - a)/(2 Sqrt[3]),
    1/lambda, or Sqrt[Variance[dist]]; None when dist is not one."""
    if type(dist) is Expr and dist.head is system("NormalDistribution") and len(dist.args) in (0, 2):
        return dist.args[1] if dist.args else 1
    if type(dist) is Expr and dist.head is system("ExponentialDistribution") and len(dist.args) == 1:
        return ev.evaluate(Expr(Power, (dist.args[0], -1)))
    if type(dist) is Expr and dist.head is system("UniformDistribution") and len(dist.args) <= 1:
        bounds = dist.args[0] if dist.args else Expr(List, (0, 1))
        if type(bounds) is Expr and bounds.head is List and len(bounds.args) == 2:
            a, b = bounds.args
            width = Expr(Plus, (b, Expr(Times, (-1, a))))
            return ev.evaluate(Expr(Times, (width, make_rational(1, 2), Expr(Power, (3, make_rational(-1, 2))))))
    variance_value = _distribution_moment(ev, dist, "Variance")
    if variance_value is None:
        return None
    return ev.evaluate(Expr(Sqrt, (variance_value,)))


def _distribution_moment(ev, dist, which):
    """Mean or Variance of a known distribution (symbolic parameters allowed),
    or None when dist is not one."""
    if type(dist) is not Expr or type(dist.head) is not Symbol:
        return None
    name = dist.head.name
    args = dist.args
    half = make_rational(1, 2)
    if name == "NormalDistribution" and len(args) in (0, 2):
        mu, sigma = args if args else (0, 1)
        formula = mu if which == "Mean" else Expr(Power, (sigma, 2))
    elif name == "UniformDistribution" and len(args) <= 1:
        bounds = args[0] if args else Expr(List, (0, 1))
        if not (type(bounds) is Expr and bounds.head is List and len(bounds.args) == 2):
            return None
        a, b = bounds.args
        if type(a) is Expr and a.head is List:
            return None
        if which == "Mean":
            formula = Expr(Times, (half, Expr(Plus, (a, b))))
        else:
            formula = Expr(Times, (make_rational(1, 12), Expr(Power, (Expr(Plus, (b, Expr(Times, (-1, a)))), 2))))
    elif name == "ExponentialDistribution" and len(args) == 1:
        rate = args[0]
        formula = Expr(Power, (rate, -1 if which == "Mean" else -2))
    elif name == "BernoulliDistribution" and len(args) == 1:
        p = args[0]
        formula = p if which == "Mean" else Expr(Times, (p, Expr(Plus, (1, Expr(Times, (-1, p))))))
    elif name == "DiscreteUniformDistribution" and len(args) == 1:
        bounds = args[0]
        if not (type(bounds) is Expr and bounds.head is List and len(bounds.args) == 2):
            return None
        a, b = bounds.args
        if which == "Mean":
            formula = Expr(Times, (half, Expr(Plus, (a, b))))
        else:
            width = Expr(Plus, (b, Expr(Times, (-1, a)), 1))
            formula = Expr(Times, (make_rational(1, 12), Expr(Plus, (Expr(Power, (width, 2)), -1))))
    else:
        return None
    return ev.evaluate(formula)

