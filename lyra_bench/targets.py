"""Issue 6's targets for the bytecode engine, and their verdicts.

For each of the issue's six workloads (perf/workloads.py ISSUE6) the issue
asks for a minimum VM speed-up over the tree-walker, and for `fib` and the
loop a maximum VM / CPython time ratio. Targets live here as data; the
verdict is computed from the run's medians, never typed.
"""

from __future__ import annotations

from dataclasses import dataclass

MET, NOT_MET, MISSING = "met", "not met", "not measured"


@dataclass(frozen=True)
class Target:
    work: str  # workload name
    min_speedup: float  # tree time / VM time must reach this
    max_vs_cpython: float | None = None  # VM time / CPython time must stay within this


TARGETS = (
    Target("fib", 5.0, 10.0),
    Target("loop", 5.0, 10.0),
    Target("map_total", 5.0),
    Target("fold", 5.0),
    Target("deriv_poly100", 2.0),
    Target("select_even", 2.0),
)


@dataclass
class Outcome:
    target: Target
    vm: float | None
    tree: float | None
    cpython: float | None

    @property
    def speedup(self) -> float | None:
        return self.tree / self.vm if self.vm and self.tree else None

    @property
    def vs_cpython(self) -> float | None:
        return self.vm / self.cpython if self.vm and self.cpython else None

    def goal(self) -> str:
        text = f">= {self.target.min_speedup:g}x tree"
        if self.target.max_vs_cpython is not None:
            text += f", <= {self.target.max_vs_cpython:g}x CPython"
        return text

    def failures(self) -> list[str] | None:
        """What falls short (empty when every target is met); None when a
        number the verdict needs was not measured."""
        if self.speedup is None:
            return None
        short = []
        if self.speedup < self.target.min_speedup:
            short.append(f"speed-up {self.speedup:.2f}x < {self.target.min_speedup:g}x")
        limit = self.target.max_vs_cpython
        if limit is not None:
            if self.vs_cpython is None:
                return None
            if self.vs_cpython > limit:
                short.append(f"VM/CPython {self.vs_cpython:.1f}x > {limit:g}x")
        return short

    @property
    def verdict(self) -> str:
        short = self.failures()
        if short is None:
            return MISSING
        return MET if not short else NOT_MET

    def verdict_text(self) -> str:
        short = self.failures()
        if short is None:
            return MISSING
        return MET if not short else f"{NOT_MET} ({'; '.join(short)})"


def outcomes(table: dict) -> list[Outcome]:
    """One outcome per issue-6 workload, from a merged medians table."""
    return [Outcome(t, table.get(f"vm/{t.work}"), table.get(f"tree/{t.work}"),
                    table.get(f"cpython/{t.work}")) for t in TARGETS]


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1e3:,.2f}"


def _x(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}x"


def markdown(table: dict, expressions: dict | None = None) -> list[str]:
    """The issue-6 table as Markdown lines; `expressions` maps a workload
    name to the expression shown (its full-size source)."""
    expressions = expressions or {}
    lines = ["| workload | VM ms | tree ms | VM speed-up over tree | CPython ms | VM / CPython | "
             "target | verdict |", "|---|---|---|---|---|---|---|---|"]
    for o in outcomes(table):
        shown = expressions.get(o.target.work)
        label = f"`{o.target.work}`" + (f": `{shown}`" if shown else "")
        lines.append(f"| {label} | {_ms(o.vm)} | {_ms(o.tree)} | {_x(o.speedup)} | {_ms(o.cpython)} | "
                     f"{_x(o.vs_cpython, 1)} | {o.goal()} | {o.verdict_text()} |")
    return lines
