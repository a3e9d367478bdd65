"""Memory limits: MemoryConstrained, MemoryInUse, MaxMemoryUsed.

MemoryConstrained[e, b] evaluates e and gives $Aborted (or its third
argument) once the evaluation has taken more than b bytes. Two guards work
together, because neither alone catches everything:
  * a watcher thread polls the process's resident memory and interrupts the
    evaluation (like TimeConstrained's timer) when it has grown by more than b;
  * on Linux the address-space limit (RLIMIT_AS) is lowered for the duration,
    so one giant allocation (Range[10^9]) fails at once with MemoryError
    instead of swapping the machine before the watcher can react.
Memory is measured for the whole process, as WL measures its kernel's.
"""

from __future__ import annotations

import os
import sys
import threading

from ..engine import messages
from ..engine.signals import AbortSignal
from ..expr import system_symbols as S
from ..expr.normal import Expr
from ..expr.symbol import system
from .registry import builtin

messages.define(
    "MemoryConstrained", "ipnfm",
    "Positive integer or Infinity expected at position `2` in `1`.",
)

try:
    import resource
except ImportError:  # not on every platform; the watcher still works
    resource = None

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# How often the watcher looks at the resident size (seconds).
_POLL = 0.005
# Room above the limit for the interpreter's own bookkeeping (new thread
# stacks, the message the failure issues) so only the evaluation trips it.
_ADDRESS_SLACK = 64 << 20


class MemorySignal(AbortSignal):
    def __init__(self):
        super().__init__("memory")


def _statm() -> tuple[int, int] | None:
    """(virtual size, resident size) in bytes, or None off Linux."""
    try:
        with open("/proc/self/statm", "rb") as f:
            fields = f.read().split()
        return int(fields[0]) * _PAGE, int(fields[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def resident_bytes() -> int:
    """The memory the process uses now (its resident size)."""
    sizes = _statm()
    if sizes is not None:
        return sizes[1]
    return peak_bytes()


def peak_bytes() -> int:
    """The most memory the process has used so far."""
    if resource is None:
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak if os.uname().sysname == "Darwin" else peak * 1024


@builtin(
    "MemoryInUse",
    nargs=0,
    usage="MemoryInUse[] gives the number of bytes of memory the Lyra process is using.\n"
    "Example: MemoryInUse[] > 0 gives True",
)
def memory_in_use(ev):
    return resident_bytes()


@builtin(
    "MaxMemoryUsed",
    nargs=0,
    usage="MaxMemoryUsed[] gives the largest number of bytes of memory the Lyra process has used.\n"
    "Example: MaxMemoryUsed[] >= MemoryInUse[] gives True",
)
def max_memory_used(ev):
    return max(peak_bytes(), resident_bytes())


def _limit(value):
    """The byte limit: a positive integer, None for Infinity, False if bad."""
    if type(value) is int and value > 0:
        return value
    if type(value) is float and value > 0 and value != float("inf"):
        return int(value)
    if value is S.Infinity or (
        type(value) is Expr and value.head is S.DirectedInfinity and value.args == (1,)
    ):
        return None
    return False


class _Watcher:
    """Interrupts ev once the resident size grows `limit` bytes past its start."""

    def __init__(self, ev, limit: int):
        self.ev = ev
        self.signal = MemorySignal()
        self.limit = limit
        self.ceiling = float("inf")
        self.done = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start(self):
        # Measured after the thread exists, so its own stack is not counted.
        self.thread.start()
        self.ceiling = resident_bytes() + self.limit

    def run(self):
        while not self.done.wait(_POLL):
            if resident_bytes() > self.ceiling:
                self.ev.interrupt(self.signal)
                return

    def exceeded(self) -> bool:
        return resident_bytes() > self.ceiling


def _lower_address_limit(limit: int):
    """Lower RLIMIT_AS to (current size + limit); the old limits, or None."""
    if resource is None:
        return None
    sizes = _statm()
    if sizes is None:
        return None
    try:
        old = resource.getrlimit(resource.RLIMIT_AS)
        wanted = sizes[0] + limit + _ADDRESS_SLACK
        soft, hard = old
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return None  # an outer limit is already tighter
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        return old
    except (OSError, ValueError):
        return None


@builtin(
    "MemoryConstrained",
    evaluates_result=True,
    nargs=(2, 3),
    attributes=("HoldAll", "Protected"),
    usage="MemoryConstrained[e, b] evaluates e, giving $Aborted if more than b bytes of memory are needed; "
    "MemoryConstrained[e, b, failexpr] gives failexpr instead.\n"
    "Example: MemoryConstrained[Range[10^8], 10^6] gives $Aborted",
)
def memory_constrained(ev, body, bytes_spec, fail=S.DollarAborted):
    limit = _limit(ev.evaluate(bytes_spec))
    if limit is False:
        ev.message(
            "MemoryConstrained", "ipnfm",
            Expr(system("MemoryConstrained"), (body, bytes_spec, fail)), 2,
        )
        return None
    if limit is None:
        return ev.evaluate(body)
    watcher = _Watcher(ev, limit)
    old_limits = _lower_address_limit(limit)
    watcher.start()
    try:
        value = ev.evaluate(body)
    except MemorySignal as signal:
        if signal is not watcher.signal:
            raise
        value = None
    except MemoryError:
        value = None
    finally:
        watcher.done.set()
        # The watcher may be between its check and its interrupt: wait for it,
        # so a late signal cannot abort what the session evaluates next.
        watcher.thread.join()
        if old_limits is not None:
            resource.setrlimit(resource.RLIMIT_AS, old_limits)
        if ev.pending is watcher.signal:
            ev.pending = None
    if value is None or watcher.exceeded() or _held_bytes(value, limit) > limit:
        del value  # let the result go before evaluating the failure value
        return ev.evaluate(fail)
    return value


def _held_bytes(value, limit: int) -> int:
    """A lower bound of the memory the result holds, counted until it passes
    limit: the process's own measure misses a result built in memory that an
    earlier computation freed (the allocator reuses it, nothing grows)."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        e = stack.pop()
        total += sys.getsizeof(e)
        if type(e) is Expr:
            total += sys.getsizeof(e.args)
            stack.extend(e.args)
    return total
