"""Pseudo-random numbers: RandomInteger, RandomReal, RandomChoice,
RandomSample, SeedRandom.

The generator belongs to the session (`ev.session.random`), so SeedRandom[n]
makes a session's later draws reproducible and sessions never disturb each
other; without a session a module-level generator is used.
"""

from __future__ import annotations

import math
import random as _random

from ..engine import messages
from ..expr.atoms import BigReal, Rational
from ..expr.normal import Expr
from ..expr import system_symbols as S
from ..expr.symbol import system
from . import numeric_tower as nt
from .registry import builtin

List = S.List
_fallback = _random.Random()
MAX_ELEMENTS = 50_000_000  # larger arrays could not fit in memory anyway

messages.define(
    "RandomInteger",
    "unifr",
    "The endpoints specified by `1` for the endpoints of the discrete uniform distribution range are not integers.",
)
messages.define(
    "RandomReal",
    "unifr",
    "The endpoints specified by `1` for the endpoints of the uniform distribution range are not real valued.",
)
messages.define("RandomChoice", "lrwl", "The items for choice `1` should be a list or a rule weights -> choices.")
messages.define("RandomSample", "lrwl", "The items for sampling `1` should be a list or a rule weights -> choices.")
messages.define(
    "RandomChoice",
    "wghtv",
    "The weights on the left-hand side of `1` has to be a list of non-negative numbers with the same length as the list of items on the right-hand side.",
)
messages.define(
    "General",
    "nomem",
    "The current computation was aborted because there was insufficient memory available to complete the computation.",
)
messages.define("General", "array", "The array dimensions `1` given in position `2` of `3` should be a list of non-negative machine-sized integers giving the dimensions for the result.")


def generator(ev) -> _random.Random:
    session = getattr(ev, "session", None)
    rng = getattr(session, "random", None)
    return rng if rng is not None else _fallback


def _dimensions(spec):
    """The shape asked for: n -> (n,), {n, m} -> (n, m); None when invalid."""
    if type(spec) is int and spec >= 0:
        return (spec,)
    if type(spec) is Expr and spec.head is List and all(type(d) is int and d >= 0 for d in spec.args):
        return tuple(spec.args)
    return None


def _array(shape, draw):
    if not shape:
        return draw()
    first, rest = shape[0], shape[1:]
    return Expr(List, tuple(_array(rest, draw) for _ in range(first)))


def _with_count(ev, name, call_args, draw):
    """draw() once, or an array of draws when a count / shape was given."""
    if len(call_args) < 2:
        return draw()
    shape = _dimensions(call_args[1])
    if shape is None:
        ev.message(name, "array", call_args[1], 2, Expr(system(name), call_args))
        return None
    if math.prod(shape) > MAX_ELEMENTS:
        ev.message("General", "nomem")
        return None
    return _array(shape, draw)


# ---------------------------------------------------------------- RandomInteger
@builtin(
    "RandomInteger",
    nargs=(0, 2),
    attributes=("Protected",),
    usage="RandomInteger[] is 0 or 1; RandomInteger[n] an integer in 0..n; "
    "RandomInteger[{a, b}] one in a..b; RandomInteger[range, n] a list of n of them "
    "and RandomInteger[range, {n, m}] an n x m array.\nExample: RandomInteger[{1, 6}, 3]",
)
def random_integer(ev, *args):
    spec = args[0] if args else 1
    if type(spec) is int:
        lo, hi = (0, spec) if spec >= 0 else (spec, 0)
    elif type(spec) is Expr and spec.head is List and len(spec.args) == 2 and all(
        type(v) is int for v in spec.args
    ):
        lo, hi = spec.args
        if lo > hi:
            lo, hi = hi, lo
    else:
        ev.message("RandomInteger", "unifr", spec)
        return None
    rng = generator(ev)
    return _with_count(ev, "RandomInteger", args, lambda: rng.randint(lo, hi))


# ---------------------------------------------------------------- RandomReal
def _real_bound(x):
    t = type(x)
    if t is int or t is float or t is Rational or t is BigReal:
        return nt.to_float(x)
    return None


@builtin(
    "RandomReal",
    nargs=(0, 2),
    attributes=("Protected",),
    usage="RandomReal[] is a machine real in [0, 1); RandomReal[x] one in [0, x); "
    "RandomReal[{a, b}] one in [a, b); RandomReal[range, n] a list of n of them.\n"
    "Example: RandomReal[{-1, 1}, 2]",
)
def random_real(ev, *args):
    spec = args[0] if args else 1
    if type(spec) is Expr and spec.head is List and len(spec.args) == 2:
        lo, hi = (_real_bound(v) for v in spec.args)
    else:
        lo, hi = 0.0, _real_bound(spec)
    if lo is None or hi is None:
        ev.message("RandomReal", "unifr", spec)
        return None
    rng = generator(ev)
    width = hi - lo
    return _with_count(ev, "RandomReal", args, lambda: lo + width * rng.random())


# ---------------------------------------------------------------- choices
def _choices(ev, name, items):
    """(weights or None, elements) from list or weights -> list; None if invalid."""
    if type(items) is Expr and items.head is List:
        return None, items.args
    if type(items) is Expr and items.head is S.Rule and len(items.args) == 2:
        weights, elements = items.args
        if (
            type(weights) is Expr
            and weights.head is List
            and type(elements) is Expr
            and elements.head is List
            and len(weights.args) == len(elements.args)
            and all(type(w) in (int, float, Rational, BigReal) and nt.sign(w) >= 0 for w in weights.args)
        ):
            return [nt.to_float(w) for w in weights.args], elements.args
        ev.message(name, "wghtv", items)
        return False
    ev.message(name, "lrwl", items)
    return False


@builtin(
    "RandomChoice",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="RandomChoice[list] picks an element at random; RandomChoice[list, n] picks n "
    "(with replacement); RandomChoice[weights -> list, n] with the given weights.\n"
    "Example: RandomChoice[{a, b, c}, 5]",
)
def random_choice(ev, items, *rest):
    parsed = _choices(ev, "RandomChoice", items)
    if parsed is False:
        return None
    weights, elements = parsed
    if not elements:
        return None
    rng = generator(ev)
    if weights is None:
        draw = lambda: elements[int(rng.random() * len(elements))]  # noqa: E731
    else:
        if sum(weights) <= 0:
            return None
        draw = lambda: rng.choices(elements, weights)[0]  # noqa: E731
    return _with_count(ev, "RandomChoice", (items,) + rest, draw)


@builtin(
    "RandomSample",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="RandomSample[list] is list in a random order; RandomSample[list, n] is n "
    "distinct elements picked at random.\nExample: RandomSample[Range[10], 3]",
)
def random_sample(ev, items, *rest):
    if type(items) is not Expr or items.head is not List:
        ev.message("RandomSample", "lrwl", items)
        return None
    elements = list(items.args)
    count = len(elements)
    if rest:
        if type(rest[0]) is not int or rest[0] < 0:
            return None
        count = min(rest[0], count)
    rng = generator(ev)
    return Expr(List, tuple(rng.sample(elements, count)))


@builtin(
    "SeedRandom",
    nargs=(0, 1),
    attributes=("Protected",),
    usage="SeedRandom[n] reseeds the session's random generator with n, so later "
    "random results repeat; SeedRandom[] reseeds from the system.\n"
    "Example: SeedRandom[42]; RandomInteger[100]",
)
def seed_random(ev, *args):
    rng = generator(ev)
    if not args:
        rng.seed()
        return S.Null
    seed = args[0]
    if type(seed) is int or type(seed) is str:
        rng.seed(seed)
        return S.Null
    return None
