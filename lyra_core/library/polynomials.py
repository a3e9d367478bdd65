"""Sparse polynomials over Lyra numbers: the engine behind Expand and the
coefficient functions (algebra.py), plus small structural helpers they share
with calculus.py and symbolic.py.

A polynomial is a dict mapping a monomial to its numeric coefficient. A
monomial is a tuple of (generator index, exponent) pairs sorted by index;
exponents are Python ints or Fractions. Generators are the parts of an
expression Expand does not open up -- symbols, f[x], Sin[x], sums it must
keep, powers with symbolic exponents -- numbered in a table per expansion.
Working on tuples and Python numbers keeps the inner loops free of Lyra
expression building; the result is turned back into one Plus of Times at
the end and handed to the evaluator, which puts it into canonical order.
"""

from __future__ import annotations

from fractions import Fraction

from ..expr import system_symbols as S
from ..expr.assoc import key_of
from ..expr.atoms import BigReal, Complex, Rational, make_rational
from ..engine.signals import AbortSignal
from ..expr import symbol as symtab
from ..expr.normal import Expr
from ..expr.order import canonical_sort, order_key
from ..expr.symbol import Symbol, system
from . import numeric_tower as nt

Plus = S.Plus
Times = S.Times
Power = S.Power
List = S.List

_NUMBER_TYPES = (int, float, Rational, BigReal, Complex)

# Heads that Expand, Factor, Simplify, ... thread over (WL: "automatically
# threads over lists, as well as equations, inequalities and logic functions").
THREADED_HEADS = frozenset(
    system(name)
    for name in (
        "List", "Equal", "Unequal", "Less", "LessEqual", "Greater", "GreaterEqual",
        "And", "Or", "Not", "Xor", "Nand", "Nor", "Implies", "Equivalent",
    )
)


def thread_algebraic(fn, e):
    """fn applied to e, or to each argument when e's head is threaded over."""
    if type(e) is Expr and e.head in THREADED_HEADS:
        return Expr(e.head, tuple(thread_algebraic(fn, a) for a in e.args))
    return fn(e)


# ---------------------------------------------------------------- structure
def is_number(e) -> bool:
    return type(e) in _NUMBER_TYPES


def contains(e, target) -> bool:
    """Whether target occurs in e (heads included), compared structurally."""
    if e is target:
        return True
    t = type(e)
    if t is Expr:
        if type(target) is Expr and e == target:
            return True
        if contains(e.head, target):
            return True
        for a in e.args:
            if contains(a, target):
                return True
        return False
    if type(target) is t and t is not Symbol:
        return e == target
    return False


def depends_on_any(e, targets) -> bool:
    for target in targets:
        if contains(e, target):
            return True
    return False


def terms_of(e) -> tuple:
    """The summands of e (e itself when it is not a Plus)."""
    if type(e) is Expr and e.head is Plus:
        return e.args
    return (e,)


def factors_of(e) -> tuple:
    """The factors of e (e itself when it is not a Times)."""
    if type(e) is Expr and e.head is Times:
        return e.args
    return (e,)


def base_exponent(f):
    """(base, exponent) of a factor: x^k -> (x, k), anything else -> (f, 1)."""
    if type(f) is Expr and f.head is Power and len(f.args) == 2:
        return f.args
    return f, 1


def make_times(factors):
    """A product of already evaluated factors, unevaluated (0 and 1 factors collapse)."""
    if not factors:
        return 1
    if len(factors) == 1:
        return factors[0]
    return Expr(Times, tuple(factors))


def make_plus(terms):
    if not terms:
        return 0
    if len(terms) == 1:
        return terms[0]
    return Expr(Plus, tuple(terms))


# ---------------------------------------------------------------- numbers
def _add(a, b):
    if type(a) is int and type(b) is int:
        return a + b
    return nt.add(a, b)


def _mul(a, b):
    if type(a) is int and type(b) is int:
        return a * b
    return nt.mul(a, b)


def _is_zero(c) -> bool:
    # Only an exact zero vanishes: 0. x stays, as in WL.
    return type(c) is int and c == 0


def _exponent_value(e):
    """A numeric exponent as a Python int or Fraction; None for anything else."""
    t = type(e)
    if t is int:
        return e
    if t is Rational:
        return Fraction(e.num, e.den)
    return None


def _exponent_expr(x):
    if type(x) is int:
        return x
    if x.denominator == 1:
        return x.numerator
    return make_rational(x.numerator, x.denominator)


# ---------------------------------------------------------------- expansion
class Expander:
    """Expand one expression into a sparse polynomial and back.

    keep(e) -> bool says which sums (and powers of sums) stay closed; it is
    Expand[e, patt]'s "free of patt" test, or None to open every sum.
    """

    __slots__ = ("ev", "keep", "generators", "index")

    def __init__(self, ev, keep=None):
        self.ev = ev
        self.keep = keep
        self.generators: list = []  # index -> generator expression
        self.index: dict = {}  # key_of(generator) -> index

    # -- expression -> polynomial
    def generator(self, g, exponent=1) -> dict:
        k = key_of(g)
        i = self.index.get(k)
        if i is None:
            i = len(self.generators)
            self.generators.append(g)
            self.index[k] = i
        return {((i, exponent),): 1}

    def poly(self, e) -> dict:
        t = type(e)
        if t in _NUMBER_TYPES:
            return {(): e} if not _is_zero(e) else {}
        if t is not Expr:
            return self.generator(e)
        head = e.head
        if head is Plus:
            if self.keep is not None and self.keep(e):
                return self.generator(e)
            out: dict = {}
            for a in e.args:
                add_into(out, self.poly(a))
            return out
        if head is Times:
            result = None
            for a in e.args:
                p = self.poly(a)
                if result is not None:
                    refuse_if_too_large(self.ev, len(result) * len(p))
                result = p if result is None else multiply(result, p, self.ev.check_interrupt)
                if not result:
                    return result
            return result if result is not None else {(): 1}
        if head is Power and len(e.args) == 2:
            return self.power(e)
        return self.generator(e)

    def power(self, e) -> dict:
        base, exponent = e.args
        n = _exponent_value(exponent)
        if n is None:
            return self.generator(e)  # symbolic or inexact exponent: closed
        tb = type(base)
        if tb is Expr and base.head is Plus:
            if type(n) is int and n > 1 and (self.keep is None or not self.keep(e)):
                self.ev.check_interrupt()
                inner = self.poly(base)
                refuse_if_too_large(self.ev, term_count(len(inner), n))
                return power(inner, n, self.ev.check_interrupt)
            return self.generator(base, n)
        if tb is Expr and base.head is Times and type(n) is int:
            # (x y)^n: the evaluator distributes this; kept for safety.
            return power(self.poly(base), n, self.ev.check_interrupt) if n > 0 else self.generator(base, n)
        return self.generator(base, n)

    # -- polynomial -> expression
    def expression(self, p: dict, reopen: bool = True):
        gens = self.generators
        normal = NormalForms(gens)
        terms = []
        all_normal = True
        closed_sum = False  # a sum raised to a positive integer power appeared
        check = self.ev.check_interrupt
        for mono, coef in p.items():
            if _is_zero(coef):
                continue
            if len(terms) & 4095 == 4095:
                check()
            term, is_normal = normal.term(coef, mono)
            all_normal = all_normal and is_normal
            terms.append(term)
            if not closed_sum:
                for i, k in mono:
                    g = gens[i]
                    if type(g) is Expr and g.head is Plus and k > 0 and (type(k) is int or k.denominator == 1):
                        closed_sum = True
        if closed_sum and reopen and self.keep is None:
            # Fractional powers of a sum can multiply out to a whole power:
            # (1 + Sqrt[1 + y])^2 has a term (1 + y)^1. Expand that once more.
            again = Expander(self.ev)
            value = self.ev.evaluate(make_plus(terms))
            return again.expression(again.poly(value), reopen=False)
        if len(terms) > 1 and all_normal and normal.plus_ok:
            result = Expr(Plus, canonical_sort(tuple(terms)))
            result.evaluated = symtab.epoch[0]
            return result
        return make_plus(terms)

    def expand(self, e):
        return self.expression(self.poly(e))


class NormalForms:
    """Builds the terms of an expansion directly in the evaluator's normal
    form where that is certain, and marks them evaluated: re-evaluating
    thousands of fresh monomials would cost more than the expansion itself.

    A product c*g1^k1*...*gn^kn is already normal when the generators are
    distinct symbols or ordinary expressions without rules attached, the
    exponents are exact, and c is an exact number other than 1 (or absent).
    Anything else is left for the evaluator.
    """

    __slots__ = ("gens", "plain", "epoch", "plus_ok", "rank")

    def __init__(self, gens):
        self.gens = gens
        # Factors with distinct bases sort by their bases alone (WL orders a
        # product's factors by base, then exponent): rank the generators once.
        order = sorted(range(len(gens)), key=lambda i: order_key(gens[i]))
        self.rank = rank = [0] * len(gens)
        for position, i in enumerate(order):
            rank[i] = position
        self.epoch = symtab.epoch[0]
        rules_free = not (Power.downvalues or Times.downvalues or Power.upvalues or Times.upvalues)
        self.plus_ok = rules_free and not Plus.downvalues and not Plus.upvalues
        # Which generators may appear in a product marked as normal.
        self.plain = [rules_free and _plain_generator(g) for g in gens]

    def term(self, coef, mono):
        gens = self.gens
        plain = self.plain
        is_normal = type(coef) is int or type(coef) is Rational or (
            type(coef) is Complex and type(coef.re) is not float and type(coef.im) is not float
        )
        factors = []
        if len(mono) > 1:
            rank = self.rank
            mono = sorted(mono, key=lambda ik: rank[ik[0]])
        for i, k in mono:
            g = gens[i]
            if k == 1:
                factors.append(g)
                if not plain[i]:
                    is_normal = False
            else:
                f = Expr(Power, (g, _exponent_expr(k)))
                if plain[i]:
                    f.evaluated = self.epoch
                else:
                    is_normal = False
                factors.append(f)
        if not factors:
            return coef, True
        one = type(coef) is int and coef == 1
        if len(factors) == 1:
            if one:
                return factors[0], is_normal
            only = factors[0]
            if type(only) is Expr and only.head is Plus:
                is_normal = False  # -1 (a + b) distributes
            result = Expr(Times, (coef, only))
        else:
            ordered = tuple(factors)
            result = Expr(Times, ordered if one else (coef,) + ordered)
        if is_normal:
            result.evaluated = self.epoch
        return result, is_normal


def _plain_generator(g) -> bool:
    """A generator whose powers and products the evaluator leaves alone."""
    t = type(g)
    if t is Symbol:
        return g is not S.Indeterminate and not g.upvalues and g.ownvalue is None
    if t is Expr:
        head = g.head
        if head is Power or head is Times or head is S.DirectedInfinity:
            return False
        while type(head) is Expr:
            head = head.head
        return type(head) is Symbol and not head.upvalues
    return False


def add_into(out: dict, p: dict) -> None:
    for mono, coef in p.items():
        old = out.get(mono)
        out[mono] = coef if old is None else _add(old, coef)


def mono_mul(a: tuple, b: tuple) -> tuple:
    if not a:
        return b
    if not b:
        return a
    # Common case in expansions: the generators of a all come before b's.
    if a[-1][0] < b[0][0]:
        return a + b
    if b[-1][0] < a[0][0]:
        return b + a
    merged = dict(a)
    for i, k in b:
        old = merged.get(i)
        if old is None:
            merged[i] = k
        else:
            s = old + k
            if s:
                merged[i] = s
            else:
                del merged[i]
    return tuple(sorted(merged.items()))


def multiply(p: dict, q: dict, check=None) -> dict:
    if len(p) == 1 and () in p:
        c = p[()]
        if type(c) is int and c == 1:
            return q
    if len(q) == 1 and () in q:
        c = q[()]
        if type(c) is int and c == 1:
            return p
    out: dict = {}
    for m1, c1 in p.items():
        if check is not None:
            check()
        for m2, c2 in q.items():
            m = mono_mul(m1, m2)
            c = _mul(c1, c2)
            old = out.get(m)
            out[m] = c if old is None else _add(old, c)
    return out


def _mono_power(m: tuple, k: int) -> tuple:
    return tuple([(i, e * k) for i, e in m])


# An expansion with more terms than this is refused (General::nomem, the
# computation aborted) rather than left to exhaust the memory.
MAX_TERMS = 2_000_000


def term_count(terms: int, n: int) -> int:
    """How many products the multinomial expansion of a sum of `terms` terms
    to the power n builds: C(n + terms - 1, terms - 1)."""
    from math import comb

    return comb(n + terms - 1, terms - 1)


def refuse_if_too_large(ev, count) -> None:
    if count > MAX_TERMS:
        ev.message("General", "nomem")
        raise AbortSignal("memory")


def power(p: dict, n: int, check=None) -> dict:
    """p^n for an integer n >= 0 by the multinomial theorem: every term of the
    result is built once from its exponent composition (k1 + ... + km = n).
    check() is called every few thousand terms (the evaluator's interrupt test)."""
    items = list(p.items())
    m = len(items)
    if m == 0:
        return {} if n > 0 else {(): 1}
    if m == 1:
        mono, coef = items[0]
        c = coef
        if type(c) is int:
            c = c**n
        else:
            c = nt.int_power(c, n)
        return {_mono_power(mono, n): c}
    # Powers of each term's monomial and coefficient, 0..n.
    mono_powers = []
    coef_powers = []
    for mono, coef in items:
        mp = [()]
        cp = [1]
        for k in range(1, n + 1):
            mp.append(_mono_power(mono, k))
            cp.append(_mul(cp[-1], coef))
        mono_powers.append(mp)
        coef_powers.append(cp)
    # binomial[r][k] = C(r, k) for r <= n
    binomial = [[1]]
    for r in range(1, n + 1):
        prev = binomial[-1]
        row = [1] * (r + 1)
        for k in range(1, r):
            row[k] = prev[k - 1] + prev[k]
        binomial.append(row)

    out: dict = {}
    last = m - 1
    counter = [0]

    def place(i, remaining, mono, coef):
        if i == last:
            counter[0] += 1
            if check is not None and counter[0] & 4095 == 0:
                check()
            mo = mono_mul(mono, mono_powers[i][remaining])
            c = _mul(coef, coef_powers[i][remaining])
            old = out.get(mo)
            out[mo] = c if old is None else _add(old, c)
            return
        row = binomial[remaining]
        mp = mono_powers[i]
        cp = coef_powers[i]
        for k in range(remaining, -1, -1):
            c = _mul(_mul(coef, row[k]), cp[k])
            place(i + 1, remaining - k, mono_mul(mono, mp[k]) if k else mono, c)

    place(0, n, (), 1)
    return out


def expand(ev, e, keep=None):
    """Expand[e] for one expression (no threading): an unevaluated Plus of
    products, or e itself when there is nothing to expand."""
    if type(e) is not Expr:
        return e
    head = e.head
    if head is not Plus and head is not Times and head is not Power:
        return e
    return Expander(ev, keep).expand(e)


__all__ = [
    "Expander",
    "THREADED_HEADS",
    "base_exponent",
    "contains",
    "depends_on_any",
    "expand",
    "factors_of",
    "make_plus",
    "make_times",
    "multiply",
    "power",
    "terms_of",
    "thread_algebraic",
]
