"""The %profile tracer: where evaluation time goes, in Lyra terms.

The session calls `enter(name, kind)` before applying a user definition
(kind "user") or a builtin (kind "builtin") and `leave()` after it. From those
calls this module keeps

  - per (name, kind): call count, own time (excluding callees) and cumulative
    time (counted once per outermost activation, so recursion does not count
    the same time twice -- the convention cProfile uses);
  - the call tree: one node per call path, with calls and times;
  - optionally the open/close event stream for a flame graph (speedscope).
"""

from __future__ import annotations

import time


class Stat:
    __slots__ = ("calls", "own", "cumulative", "active")

    def __init__(self):
        self.calls = 0
        self.own = 0.0
        self.cumulative = 0.0
        self.active = 0  # activations currently on the stack (recursion depth)


class Node:
    """A call-tree node: one call path from the root."""

    __slots__ = ("key", "children", "calls", "total", "own")

    def __init__(self, key):
        self.key = key  # (name, kind); None for the root
        self.children: dict = {}
        self.calls = 0
        self.total = 0.0
        self.own = 0.0


class ProfileTracer:
    def __init__(self, record_events: bool = False, max_events: int = 4_000_000):
        self.clock = time.perf_counter
        self.stats: dict[tuple[str, str], Stat] = {}
        self.root = Node(None)
        # Frames on the stack: [key, start, time spent in callees, node, stat].
        self.stack: list[list] = []
        self.record_events = record_events
        self.max_events = max_events
        self.events: list[tuple[bool, tuple[str, str], float]] = []
        self.events_dropped = False
        self.started = self.clock()
        self.finished: float | None = None

    # ------------------------------------------------------------ the hook
    def enter(self, name: str, kind: str) -> None:
        now = self.clock()
        key = (name, kind)
        stack = self.stack
        parent = stack[-1][3] if stack else self.root
        node = parent.children.get(key)
        if node is None:
            node = parent.children[key] = Node(key)
        stat = self.stats.get(key)
        if stat is None:
            stat = self.stats[key] = Stat()
        stat.active += 1
        stack.append([key, now, 0.0, node, stat])
        if self.record_events:
            self._event(True, key, now)

    def leave(self) -> None:
        now = self.clock()
        stack = self.stack
        if not stack:
            return  # unbalanced (an abort unwound past our frames): ignore
        key, start, in_callees, node, stat = stack.pop()
        elapsed = now - start
        own = elapsed - in_callees
        stat.calls += 1
        stat.own += own
        stat.active -= 1
        if stat.active == 0:
            stat.cumulative += elapsed
        node.calls += 1
        node.total += elapsed
        node.own += own
        if stack:
            stack[-1][2] += elapsed
        if self.record_events:
            self._event(False, key, now)

    def _event(self, opening: bool, key, at: float) -> None:
        if len(self.events) < self.max_events:
            self.events.append((opening, key, at))
        elif not self.events_dropped:
            self.events_dropped = True

    # ------------------------------------------------------------ afterwards
    def finish(self) -> None:
        """Close frames left open (an Abort or Throw skipped their leave())."""
        while self.stack:
            self.leave()
        self.finished = self.clock()
        self.root.total = sum(child.total for child in self.root.children.values())
        if self.events_dropped:
            self._balance_events()

    def _balance_events(self) -> None:
        # The stream was cut at max_events: close whatever is still open so
        # the flame graph stays well formed.
        open_keys = []
        for opening, key, _ in self.events:
            if opening:
                open_keys.append(key)
            elif open_keys:
                open_keys.pop()
        at = self.events[-1][2] if self.events else self.started
        for key in reversed(open_keys):
            self.events.append((False, key, at))

    @property
    def wall(self) -> float:
        end = self.finished if self.finished is not None else self.clock()
        return end - self.started

    def rows(self, top: int | None = None):
        """[(name, kind, calls, own, cumulative)] by cumulative time, largest first."""
        rows = [
            (name, kind, s.calls, s.own, s.cumulative)
            for (name, kind), s in self.stats.items()
        ]
        rows.sort(key=lambda r: (-r[4], -r[3], r[0]))
        return rows[:top] if top else rows
