"""The programs every suite measures, with their hand-written CPython twins.

One place defines what is measured so the suites, the report and the tests
agree on names and sizes. A workload is Lyra definitions (run once, outside
the timed region) plus one expression (timed), sized by a mode:

    "full"   the sizes PERFORMANCE.md quotes (also used by --fast: the fast
             mode takes fewer pyperf samples, never smaller programs)
    "smoke"  tiny sizes so CI runs every benchmark in seconds
    "peer"   (end-to-end only, optional) the size `lyra-bench peers` runs
             through Mathics3 when the full size would take it over 30 s

The CPython equivalent of an end-to-end workload is a plain function of the
same size computing the same answer; `check_equivalents` asserts that the
Lyra result and the Python result agree, so a "x CPython" ratio always
compares the same computation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import reduce
from typing import Callable

SIZE_MODES = ("full", "smoke")


@dataclass(frozen=True)
class Workload:
    name: str  # the benchmark name's last part: "fib", "pattern_simple", ...
    expr: str  # the timed Lyra expression; "{n}" is replaced by the size
    defs: str = ""  # Lyra definitions run once before timing ("{n}" allowed)
    sizes: dict = field(default_factory=lambda: {"full": 0, "smoke": 0})
    cpython: Callable | None = None  # cpython(n) -> the same answer
    describe: str = ""  # one line for the report
    # A Lyra function turning the timed result into the CPython twin's value
    # (a symbolic answer into a coefficient list); applied only when answers
    # are compared, never inside the timed region.
    check: str = ""

    def size(self, mode: str) -> int:
        return self.sizes[mode]

    def peer_size(self) -> int:
        return self.sizes.get("peer", self.sizes["full"])

    def source(self, mode: str, n: int | None = None) -> tuple[str, str]:
        """(definitions, expression) with the size (of `mode`, or `n`) filled in."""
        text = size_text(self.sizes[mode] if n is None else n)
        return self.defs.replace("{n}", text), self.expr.replace("{n}", text)

    def checked_source(self, mode: str, n: int | None = None) -> tuple[str, str]:
        """Like source, with the expression wrapped in `check` when there is one."""
        defs, expr = self.source(mode, n)
        return defs, f"({self.check})[{expr}]" if self.check else expr


def size_text(n: int) -> str:
    """A size as the issue writes it: 100000 -> "10^5" (powers of ten from
    10^3 up), anything else in digits. Lyra and its peers evaluate the power
    once, when the iterator or Range starts."""
    text = str(n)
    if n >= 1000 and text.strip("0") == "1":
        return f"10^{len(text) - 1}"
    return text


# ---------------------------------------------------------------- micro
# Single expressions: the per-operation cost of each engine (seed: "VM
# Execution Speed"). No size: they are the same in every mode.
MICRO = (
    Workload("arith", "2 + 3 * 4 - 1", describe="simple arithmetic"),
    Workload("stdlib_call", "Length[{1, 2, 3, 4, 5}]", describe="one stdlib call"),
    Workload(
        "nested_math",
        "Sin[3.14159 / 4] + Cos[3.14159 / 6]",
        describe="nested numeric math",
    ),
)

# ---------------------------------------------------------------- patterns
# Each is (pattern, subject) matched by the session's matcher, and also as a
# definition called through the evaluator (rule dispatch in context).
PATTERNS = (
    ("simple", "f[x_]", "f[5]"),
    ("constrained", "f[x_Integer]", "f[42]"),
    ("nested", "g[f[x_], y_]", "g[f[3], 7]"),
    ("sequence", "h[x__, y_]", "h[1, 2, 3, 4]"),
    ("conditional", "k[x_ /; x > 0]", "k[9]"),
)

# ---------------------------------------------------------------- parsing
SMALL_PROGRAM = "f[x_] := x^2 + 1; f[3]"
MODERATE_PROGRAM = """
fib[0] = 0; fib[1] = 1;
fib[n_Integer /; n > 1] := fib[n - 1] + fib[n - 2];
squares = Table[i^2, {i, 1, 20}];
evens = Select[squares, EvenQ];
total = Fold[#1 + #2 &, 0, evens];
{fib[10], total, Map[# + 1 &, evens] // Length}
"""
COMPLEX_PROGRAM = """
(* a rule-based simplifier with pipelines, associations and strings *)
simplify[expr_] := expr //. {
    a_ + 0 :> a, a_ * 1 :> a, a_ * 0 :> 0, a_^1 :> a,
    Log[Exp[a_]] :> a, Sin[a_]^2 + Cos[a_]^2 :> 1
};
stats[data_List] := Module[{n = Length[data], mean, var},
    mean = Total[data] / n;
    var = Total[(data - mean)^2] / (n - 1);
    <|"n" -> n, "mean" -> mean, "var" -> var, "sd" -> Sqrt[var]|>
];
report[name_String, data_] := Module[{s = stats[data]},
    "Report for #{name}: n = " <> ToString[s["n"]] <> ", mean = " <> ToString[N[s["mean"]]]
];
words = StringSplit["the quick brown fox jumps over the lazy dog"];
counts = words |> Map[StringLength] |> Select[# > 3 &];
matrix = Table[If[i == j, 1, i + j], {i, 5}, {j, 5}];
result = {simplify[x * 1 + 0], report["sample", Range[10]], counts,
    Det[matrix], Apply[Plus, Flatten[matrix]], Cases[{1, a, 2.5, "s"}, _?NumberQ]};
"""
PARSE_PROGRAMS = (
    ("small", SMALL_PROGRAM),
    ("moderate", MODERATE_PROGRAM),
    ("complex", COMPLEX_PROGRAM),
)


# ---------------------------------------------------------------- end to end
# The CPython twins: plain functions a Python programmer would write for the
# same computation, of the same size, returning the same answer.
def _py_fib(n: int) -> int:
    return n if n < 2 else _py_fib(n - 1) + _py_fib(n - 2)


def _py_loop(n: int) -> int:
    s = 0
    for i in range(1, n + 1):
        s += i * i
    return s


def _py_map_total(n: int) -> int:
    return sum(map(lambda v: v * v + 1, range(1, n + 1)))


def _py_fold(n: int) -> int:
    return reduce(lambda acc, v: acc + v, range(1, n + 1), 0)


def _py_select_even(n: int) -> int:
    return len([i for i in range(1, n + 1) if i % 2 == 0])


def _py_table_map(n: int) -> int:
    return sum(map(lambda v: v * v + 1, [i for i in range(1, n + 1)]))


# The polynomial differentiator's twin: the same rules (constant, x, sum,
# product, power) on the same tree, each rule's result brought to canonical
# form at once as Lyra's evaluator does, with polynomials in x held as
# {power: coefficient}.
def _poly_add(p: dict, q: dict) -> dict:
    out = dict(p)
    for k, c in q.items():
        c += out.get(k, 0)
        if c:
            out[k] = c
        else:
            out.pop(k, None)
    return out


def _poly_mul(p: dict, q: dict) -> dict:
    out: dict = {}
    for i, a in p.items():
        for j, b in q.items():
            out[i + j] = out.get(i + j, 0) + a * b
    return {k: c for k, c in out.items() if c}


def _poly_of(e) -> dict:
    """A tree of "+", "*", "^", "x" and integers as a polynomial."""
    if type(e) is int:
        return {0: e} if e else {}
    if e == "x":
        return {1: 1}
    if e[0] == "+":
        return reduce(_poly_add, map(_poly_of, e[1:]), {})
    if e[0] == "*":
        return reduce(_poly_mul, map(_poly_of, e[1:]), {0: 1})
    return _poly_pow(_poly_of(e[1]), e[2])  # "^", integer exponent


def _poly_pow(p: dict, n: int) -> dict:
    if len(p) == 1:  # a monomial, such as x: c x^k -> c^n x^(k n) at once
        (k, c), = p.items()
        return {k * n: c**n}
    return reduce(_poly_mul, [p] * n, {0: 1})


def _free_of_x(e) -> bool:
    return e != "x" and (type(e) is not tuple or all(_free_of_x(a) for a in e[1:]))


def _py_dpoly(e) -> dict:
    if _free_of_x(e):
        return {}
    if e == "x":
        return {0: 1}
    op = e[0]
    if op == "+":
        return reduce(_poly_add, map(_py_dpoly, e[1:]), {})
    if op == "*":
        a, b = e[1], e[2] if len(e) == 3 else ("*",) + e[2:]
        return _poly_add(_poly_mul(_py_dpoly(a), _poly_of(b)), _poly_mul(_poly_of(a), _py_dpoly(b)))
    # "^": d[a^n] = n a^(n - 1) d[a]
    base, n = e[1], e[2]
    return _poly_mul(_poly_of(("*", n, ("^", base, n - 1))), _py_dpoly(base))


_poly_cache: dict = {}


def _py_deriv_poly(n: int) -> list:
    """Coefficients of d/dx of Sum[k x^k, {k, 1, n}], built as Lyra builds it."""
    subject = _poly_cache.get(n)
    if subject is None:  # built once, like the Lyra definition of poly
        terms = ["x"] + [("*", k, ("^", "x", k)) for k in range(2, n + 1)]
        subject = _poly_cache[n] = ("+", *terms)
    poly = _py_dpoly(subject)
    return [poly.get(k, 0) for k in range(max(poly) + 1)]


# The trigonometric differentiator's twin: expressions as nested tuples, one
# function per rule, the same rules as the Lyra definitions below.
def _py_d(e, x):
    if type(e) is int or (type(e) is str and e != x):
        return 0
    if e == x:
        return 1
    op = e[0]
    if op == "+":
        return ("+",) + tuple(_py_d(a, x) for a in e[1:])
    if op == "*":
        a, b = e[1], e[2] if len(e) == 3 else ("*",) + e[2:]
        return ("+", ("*", _py_d(a, x), b), ("*", a, _py_d(b, x)))
    if op == "^":
        return ("*", e[2], ("^", e[1], e[2] - 1), _py_d(e[1], x))
    if op == "sin":
        return ("*", ("cos", e[1]), _py_d(e[1], x))
    if op == "cos":
        return ("*", -1, ("sin", e[1]), _py_d(e[1], x))
    raise ValueError(op)


_PY_DERIV_SUBJECT = (
    "+",
    ("^", "x", 5),
    ("*", 3, ("^", "x", 3), ("sin", "x")),
    ("*", 2, "x", ("cos", ("^", "x", 2))),
    ("*", ("^", "x", 2), ("sin", "x"), ("cos", "x")),
)


def _py_count_leaves(e) -> int:
    return 1 if type(e) is not tuple else sum(_py_count_leaves(a) for a in e[1:])


def _py_deriv(n: int) -> int:
    result = 0
    for _ in range(n):
        result = _py_count_leaves(_py_d(_PY_DERIV_SUBJECT, "x"))
    return n


def _py_expand(n: int) -> int:
    # (x + y + z)^n as a dict of exponent triples -> coefficients.
    poly = {(0, 0, 0): 1}
    for _ in range(n):
        nxt: dict = {}
        for (a, b, c), coeff in poly.items():
            for key in ((a + 1, b, c), (a, b + 1, c), (a, b, c + 1)):
                nxt[key] = nxt.get(key, 0) + coeff
        poly = nxt
    return len(poly)


def _py_strings(n: int) -> int:
    return len("".join([str(i) for i in range(1, n + 1)]))


def _py_sort_data(n: int) -> list:
    rng = random.Random(12345)
    return [rng.randint(1, 1_000_000) for _ in range(n)]


_sort_cache: dict = {}


def _py_sort(n: int) -> int:
    data = _sort_cache.get(n)
    if data is None:
        data = _sort_cache[n] = _py_sort_data(n)
    return len(sorted(data))


def _py_assoc(n: int) -> int:
    table = {i: i * i for i in range(1, n + 1)}
    return sum([table[i] for i in range(1, n + 1)])


DERIVATIVE_RULES = """
d[c_, x_] /; FreeQ[c, x] := 0;
d[x_, x_] := 1;
d[a_ + b_, x_] := d[a, x] + d[b, x];
d[a_ b_, x_] := d[a, x] b + a d[b, x];
d[a_^n_?NumberQ, x_] := n a^(n - 1) d[a, x];
d[Sin[a_], x_] := Cos[a] d[a, x];
d[Cos[a_], x_] := -Sin[a] d[a, x];
"""

# The benchmarks of issue 6 (the bytecode engine), with the issue's exact
# expressions at the "full" size; lyra_bench/targets.py holds its targets.
# "peer" sizes: one Mathics3 10.0 evaluation at full size takes over 30 s
# here (fib[25] ~70 s, the 10^5 loop ~80 s, Map over 10^5 ~30 s, Fold is
# quadratic in Mathics3: 10^5 would take hours), so `lyra-bench peers` runs
# those at a size near 5-10 s and says so in its rows.
ISSUE6 = (
    Workload(
        "fib",
        "fib[{n}]",
        defs="fib[0] = 0; fib[1] = 1; fib[n_] := fib[n - 1] + fib[n - 2]",
        sizes={"full": 25, "smoke": 8, "peer": 20},
        cpython=_py_fib,
        describe="doubly recursive Fibonacci through DownValues",
    ),
    Workload(
        "loop",
        "Module[{s = 0}, Do[s += i^2, {i, 1, {n}}]; s]",
        sizes={"full": 100_000, "smoke": 100, "peer": 10_000},
        cpython=_py_loop,
        describe="Do loop accumulating squares into a Module local",
    ),
    Workload(
        "map_total",
        "Total[Map[#^2 + 1 &, Range[{n}]]]",
        sizes={"full": 100_000, "smoke": 100, "peer": 10_000},
        cpython=_py_map_total,
        describe="Map of a pure function over Range, Total",
    ),
    Workload(
        "fold",
        "Fold[#1 + #2 &, 0, Range[{n}]]",
        sizes={"full": 100_000, "smoke": 100, "peer": 2_000},
        cpython=_py_fold,
        describe="Fold with a two-slot pure function",
    ),
    Workload(
        "deriv_poly100",
        "d[poly, x]",
        defs=DERIVATIVE_RULES + "poly = Plus @@ Table[k x^k, {k, 1, {n}}];",
        sizes={"full": 100, "smoke": 10},
        cpython=_py_deriv_poly,
        check="CoefficientList[#, x] &",
        describe="rule-based differentiator on Sum[k x^k, {k, 1, 100}] (100 terms)",
    ),
    Workload(
        "select_even",
        "Length[Select[Range[{n}], EvenQ]]",
        sizes={"full": 100_000, "smoke": 100},
        cpython=_py_select_even,
        describe="Select with a builtin predicate, Length",
    ),
)

TABLE_MAP = Workload(
    "table_map",
    "Total[Map[#^2 + 1 &, Table[i, {i, {n}}]]]",
    sizes={"full": 10_000, "smoke": 100},
    cpython=_py_table_map,
    describe="Table, Map with a pure function, Total",
)
DERIV = Workload(
    "deriv",
    "Do[d[x^5 + 3 x^3 Sin[x] + 2 x Cos[x^2] + x^2 Sin[x] Cos[x], x], {{n}}]; {n}",
    defs=DERIVATIVE_RULES,
    sizes={"full": 10, "smoke": 1},
    cpython=_py_deriv,
    describe="rule-based symbolic differentiator (7 rules) on a trigonometric expression",
)

END_TO_END = ISSUE6 + (
    TABLE_MAP,
    DERIV,
    Workload(
        "expand",
        "Length[Expand[(x + y + z)^{n}]]",
        sizes={"full": 8, "smoke": 3},
        cpython=_py_expand,
        describe="Expand[(x+y+z)^8], number of terms",
    ),
    Workload(
        "strings",
        "StringLength[StringJoin[Table[ToString[i], {i, {n}}]]]",
        sizes={"full": 2_000, "smoke": 50},
        cpython=_py_strings,
        describe="string building with ToString and StringJoin",
    ),
    Workload(
        "sort",
        "Length[Sort[data]]",
        defs="SeedRandom[12345]; data = RandomInteger[{1, 1000000}, {n}];",
        sizes={"full": 100_000, "smoke": 500},
        cpython=_py_sort,
        describe="Sort of random integers",
    ),
    Workload(
        "assoc",
        "Module[{a = Association[Table[i -> i^2, {i, {n}}]]}, Total[Table[a[i], {i, {n}}]]]",
        sizes={"full": 2_000, "smoke": 50},
        cpython=_py_assoc,
        describe="association building and key lookup",
    ),
)


def end_to_end(name: str) -> Workload:
    return next(w for w in END_TO_END if w.name == name)


# ---------------------------------------------------------------- claims
# CALL_STATIC vs dynamic lookup: user functions calling user and stdlib
# functions, and a loop made of builtin calls, where linking each call to
# the builtin's Python function at compile time should show most.
STATIC_DISPATCH = (
    end_to_end("fib"),
    Workload(
        "calls",
        "Do[outer[i], {i, {n}}]",
        defs=(
            "inner[x_] := x + 1; twice[x_] := inner[inner[x]];"
            " outer[x_] := Length[{twice[x], Abs[x], Max[x, 3]}]"
        ),
        sizes={"full": 2_000, "smoke": 20},
        describe="user function calling user and stdlib functions",
    ),
    Workload(
        "builtins",
        "Do[Abs[i] + Max[i, 3] + Length[{i}], {i, 1, {n}}]",
        sizes={"full": 20_000, "smoke": 50},
        describe="builtin-heavy loop: Abs, Max, Length, Plus per iteration",
    ),
)


def many_rules(count: int) -> str:
    """A function with `count` rules whose last one is the one that applies:
    the worst case for trying rules one after the other."""
    lines = [f"r[{i}, x_] := x + {i}" for i in range(count - 1)]
    lines.append("r[n_, x_] := x - n")
    return "; ".join(lines)


# Naive (every rule tried with the general matcher) vs the fast paths.
MATCHER = (
    Workload(
        "rules1",
        "Do[one[i], {i, {n}}]",
        defs="one[x_Integer] := x + 1",
        sizes={"full": 2_000, "smoke": 20},
        describe="single-rule function",
    ),
    Workload(
        "rules50",
        "Do[r[1000, i], {i, {n}}]",
        defs=many_rules(50),
        sizes={"full": 2_000, "smoke": 20},
        describe="50-rule function, the general rule last",
    ),
    DERIV,  # the differentiator: real rule-based code
)

# Memory: representative data, built by a session and kept alive.
MEMORY_DATA = (
    Workload("range", "Range[{n}]", sizes={"full": 100_000, "smoke": 1_000},
             describe="Range[10^5]"),
    Workload("table", "Table[f[i, x], {i, {n}}]", sizes={"full": 100_000, "smoke": 1_000},
             describe="Table[f[i, x], {i, 10^5}]"),
)
SYMBOL_SESSION = Workload(
    "symbols",
    'Table[Symbol["s" <> ToString[i]], {i, {n}}]',
    sizes={"full": 10_000, "smoke": 200},
    describe="a session with 10^4 symbols",
)

# ---------------------------------------------------------------- regression
# Stdlib groups: one short typical expression each.
STDLIB_GROUPS = (
    ("lists", "Length[Join[Reverse[Range[200]], Take[Range[500], 100], Partition[Range[100], 2]]]"),
    ("strings", 'StringLength[StringReplace[StringJoin[Table["ab", {100}]], "a" -> "xy"]]'),
    ("arithmetic", "Total[Table[i^3 / (i + 1), {i, 200}]]"),
    ("algebra", "Expand[(a + b)^6 (a - b)^3]"),
    ("replace", "{1, 2, 3, 4, 5, 6} /. {x_?EvenQ :> -x, 3 -> 0}"),
    ("associations", "Lookup[AssociationThread[Range[200], Range[200]^2], Range[1, 200, 7]]"),
)


def check_equivalents(mode: str = "smoke") -> list[str]:
    """Names of end-to-end workloads whose Lyra and CPython answers differ
    (on the tree engine); an empty list means every ratio is like for like."""
    from lyra_core import Session

    wrong = []
    for work in END_TO_END:
        session = Session(engine="tree", stdout=_discard, on_message=_discard)
        defs, expr = work.checked_source(mode)
        if defs:
            session.evaluate(defs)
        lyra_value = session.evaluate(expr)
        python_value = work.cpython(work.size(mode))
        if plain(lyra_value) != plain(python_value):
            wrong.append(f"{work.name}: Lyra {session.format(lyra_value)} != Python {python_value}")
        session.close()
    return wrong


def plain(value):
    """An answer in a form every side can be compared in: lists (a Lyra
    List, a Python list, a Mathics3 tuple) become tuples, atoms stay."""
    from lyra_core.expr import S, Expr

    if isinstance(value, Expr) and value.head is S.List:
        return tuple(plain(a) for a in value.args)
    if isinstance(value, (list, tuple)):
        return tuple(plain(a) for a in value)
    return value


def _discard(*_args) -> None:
    return None
