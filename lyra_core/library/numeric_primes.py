"""Primes and factoring: PrimeQ, Prime, PrimePi, NextPrime, FactorInteger,
Divisors, EulerPhi.

Small cases use a sieve and trial division; large ones Miller-Rabin
(deterministic below 3.3*10^24) and, only when needed, SymPy (imported on
first use -- start-up must not pay for it).
"""

from __future__ import annotations

import math

from ..engine import messages
from ..expr.atoms import BigReal, Rational
from ..expr.normal import Expr
from ..expr import system_symbols as S
from ..expr.symbol import system
from . import numeric_tower as nt
from .registry import builtin

True_ = S.True_
False_ = S.False_
List = S.List

messages.define("Prime", "intpp", "Positive integer argument expected in `1`.")
messages.define("Prime", "largp", "Argument `1` in `2` is too large for this implementation.")
messages.define("PrimePi", "largp", "Argument `1` in `2` is too large for this implementation.")

# Beyond these, SymPy would take minutes: refuse with WL's ::largp message.
MAX_PRIME_INDEX = 10**9
MAX_PRIME_PI = 10**11

# ---------------------------------------------------------------- sieve
_sieve = bytearray()
_primes: list[int] = []


def _extend_sieve(limit: int) -> None:
    """Make the sieve cover 0..limit (and _primes every prime up to it)."""
    global _sieve, _primes
    if len(_sieve) > limit:
        return
    limit = max(limit, 2 * len(_sieve), 1000)
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if sieve[i]:
            sieve[i * i :: i] = bytes(len(range(i * i, limit + 1, i)))
    _sieve = sieve
    _primes = [i for i, flag in enumerate(sieve) if flag]


def primes_up_to(n: int) -> list[int]:
    """Every prime <= n (n at most a few times 10^7)."""
    from bisect import bisect_right

    _extend_sieve(n)
    return _primes[: bisect_right(_primes, n)]


SIEVE_LIMIT = 20_000_000  # beyond this, count and search with other means

# Witnesses that make Miller-Rabin exact below 3.3 * 10^24.
_MR_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
_MR_LIMIT = 3317044064679887385961981


def is_prime(n: int) -> bool:
    n = abs(n)
    if n < 2:
        return False
    if n < len(_sieve):
        return bool(_sieve[n])
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    if n >= _MR_LIMIT:
        from sympy import isprime  # BPSW: no known counterexample

        return bool(isprime(n))
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in _MR_BASES:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


@builtin(
    "PrimeQ",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="PrimeQ[n] is True if n is a prime number (negatives of primes count), else False.\n"
    "Example: PrimeQ[97] is True, PrimeQ[1] is False",
)
def prime_q(ev, n):
    return True_ if type(n) is int and is_prime(n) else False_


def nth_prime(n: int) -> int:
    if n < 6:
        return (2, 3, 5, 7, 11)[n - 1]
    estimate = int(n * (math.log(n) + math.log(math.log(n)))) + 10
    if estimate <= SIEVE_LIMIT:
        _extend_sieve(estimate)
        return _primes[n - 1]
    from sympy import prime

    return int(prime(n))


@builtin(
    "Prime",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="Prime[n] is the nth prime number.\nExample: Prime[1] is 2, Prime[100] is 541",
)
def prime(ev, n):
    if type(n) is not int or n < 1:
        ev.message("Prime", "intpp", Expr(system("Prime"), (n,)))
        return None
    if n > MAX_PRIME_INDEX:
        ev.message("Prime", "largp", n, Expr(system("Prime"), (n,)))
        return None
    return nth_prime(n)


def prime_pi(x: int) -> int:
    if x < 2:
        return 0
    if x <= SIEVE_LIMIT:
        _extend_sieve(x)
        from bisect import bisect_right

        return bisect_right(_primes, x)
    from sympy import primepi

    return int(primepi(x))


@builtin(
    "PrimePi",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="PrimePi[x] is the number of primes less than or equal to x.\nExample: PrimePi[100] is 25",
)
def prime_pi_(ev, x):
    t = type(x)
    if t is int:
        n = x
    elif t is float or t is Rational or t is BigReal:
        n = math.floor(nt.to_fraction(x))
    else:
        return None
    if n > MAX_PRIME_PI:
        ev.message("PrimePi", "largp", x, Expr(system("PrimePi"), (x,)))
        return None
    return prime_pi(n)


def next_prime(n: int, k: int = 1) -> int | None:
    """The kth prime after n (k < 0: before n); None when there is none."""
    step = 1 if k > 0 else -1
    count = abs(k)
    candidate = n
    while count:
        candidate += step
        if step < 0 and candidate < 2:
            return None
        if is_prime(candidate) and candidate > 1:
            count -= 1
    return candidate


@builtin(
    "NextPrime",
    nargs=(1, 2),
    attributes=("Listable", "Protected"),
    usage="NextPrime[n] is the smallest prime above n; NextPrime[n, k] the kth prime "
    "above n (below n for negative k).\nExample: NextPrime[10] is 11, NextPrime[10, -1] is 7",
)
def next_prime_(ev, n, *rest):
    k = rest[0] if rest else 1
    if type(k) is not int or k == 0:
        return None
    t = type(n)
    if t is float or t is Rational or t is BigReal:
        f = nt.to_fraction(n)
        n = math.floor(f) if k > 0 else math.ceil(f)
    elif t is not int:
        return None
    result = next_prime(n, k)
    return result


# ---------------------------------------------------------------- factoring
def factor_int(n: int) -> list[tuple[int, int]]:
    """Prime factorisation of n > 1 as sorted (prime, exponent) pairs."""
    out = []
    _extend_sieve(1000)
    for p in _primes[:168]:  # primes below 1000
        if p * p > n:
            break
        if n % p == 0:
            e = 0
            while n % p == 0:
                n //= p
                e += 1
            out.append((p, e))
    if n > 1:
        if is_prime(n):
            out.append((n, 1))
        else:
            from sympy import factorint

            out.extend(sorted((int(p), int(e)) for p, e in factorint(n).items()))
    return out


@builtin(
    "FactorInteger",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="FactorInteger[n] is the list of {prime, exponent} pairs of n; rationals give "
    "negative exponents for the denominator.\nExample: FactorInteger[360] is {{2, 3}, {3, 2}, {5, 1}}",
)
def factor_integer(ev, n):
    if type(n) is int:
        if n == 0 or n == 1:
            return Expr(List, (Expr(List, (n, 1)),))
        pairs = factor_int(abs(n))
        if n < 0:
            pairs = [(-1, 1)] + pairs
    elif type(n) is Rational:
        num, den = n.num, n.den
        pairs = [(p, -e) for p, e in factor_int(den)]
        if abs(num) > 1:
            pairs += factor_int(abs(num))
        pairs.sort()
        if num < 0:
            pairs = [(-1, 1)] + pairs
    else:
        return None
    return Expr(List, tuple(Expr(List, (p, e)) for p, e in pairs))


@builtin(
    "Divisors",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="Divisors[n] is the sorted list of the positive divisors of n.\n"
    "Example: Divisors[12] is {1, 2, 3, 4, 6, 12}",
)
def divisors(ev, n):
    if type(n) is not int or n == 0:
        return None
    divs = [1]
    for p, e in factor_int(abs(n)) if abs(n) > 1 else []:
        divs = [d * p**k for d in divs for k in range(e + 1)]
    return Expr(List, tuple(sorted(divs)))


@builtin(
    "EulerPhi",
    nargs=1,
    attributes=("Listable", "Protected"),
    usage="EulerPhi[n] is Euler's totient: how many of 1..n are coprime to n.\n"
    "Example: EulerPhi[10] is 4",
)
def euler_phi(ev, n):
    if type(n) is not int:
        return None
    n = abs(n)
    if n < 2:
        return n
    result = n
    for p, _ in factor_int(n):
        result = result // p * (p - 1)
    return result
