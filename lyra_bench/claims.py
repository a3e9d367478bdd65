"""The seed document's claims, the measurement behind each, and its verdict.

A verdict is computed, never typed: each claim states the factor it promises
and the thresholds below turn the measured factor into
Confirmed / Partial / Unconfirmed. The thresholds are printed in
PERFORMANCE.md next to the verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .results import geometric_mean, ratios_by_prefix

CONFIRMED, PARTIAL, UNCONFIRMED, MISSING = "Confirmed", "Partial", "Unconfirmed", "Not measured"


@dataclass
class Claim:
    key: str
    title: str
    promise: str  # what the seed says
    slow: str  # benchmark prefix of the baseline side ("dynamic")
    quick: str  # the optimised side ("static")
    confirmed_at: float  # measured factor needed for Confirmed
    partial_at: float  # ... for Partial
    per_workload: dict | None = None
    measured: float | None = None

    @property
    def verdict(self) -> str:
        if self.measured is None:
            return MISSING
        if self.measured >= self.confirmed_at:
            return CONFIRMED
        if self.measured >= self.partial_at:
            return PARTIAL
        return UNCONFIRMED

    def sentence(self) -> str:
        if self.measured is None:
            return f"{self.title}: not measured in this run"
        text = f"{self.title} ({self.promise}): measured {self.measured:.2f}x"
        if self.verdict == CONFIRMED:
            return text + " -> Confirmed"
        if self.verdict == PARTIAL:
            return text + f" -> Partial: a real gain, short of the {self.confirmed_at:g}x claimed"
        return text + f" -> Unconfirmed as stated; the real gain is {self.measured:.2f}x"


def speed_claims(table: dict) -> list[Claim]:
    claims = [
        Claim("call_static", "CALL_STATIC vs dynamic lookup", "1000x+ speedup",
              "dynamic", "static", 1000.0, 10.0),
        Claim("matcher", "Fast-path vs naive pattern matching", "significantly faster (2x+)",
              "naive", "fast", 2.0, 1.2),
        Claim("engine", "Bytecode VM vs tree-walker", "reduced interpreter overhead (1.5x+)",
              "tree", "vm", 1.5, 1.05),
    ]
    for claim in claims:
        found = ratios_by_prefix(table, claim.slow, claim.quick)
        if claim.key == "engine":  # only the engine pairs of the speedup suite
            found = {w: r for w, r in found.items() if not w.startswith(("dispatch_",))}
        claim.per_workload = found
        claim.measured = geometric_mean(found.values())
    return claims


@dataclass
class MemoryClaim:
    data: str
    on: float | None
    off: float | None
    confirmed_at: float = 20.0  # percent reduction for Confirmed
    partial_at: float = 5.0

    @property
    def reduction(self) -> float | None:
        if self.on is None or not self.off:
            return None
        return 100.0 * (self.off - self.on) / self.off

    @property
    def verdict(self) -> str:
        r = self.reduction
        if r is None:
            return MISSING
        if r >= self.confirmed_at:
            return CONFIRMED
        if r >= self.partial_at:
            return PARTIAL
        return UNCONFIRMED


def memory_claim(table: dict, data: str = "table") -> MemoryClaim:
    return MemoryClaim(data, table.get(f"memory/{data}/on"), table.get(f"memory/{data}/off"))
