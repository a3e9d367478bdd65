"""Association: an ordered map from keys to values that evaluates as an atom."""

from __future__ import annotations


def key_of(k):
    """The dict key for a Lyra key: SameQ keys collide, 1 and 1. do not."""
    return ("Real", k) if type(k) is float else k


class Association:
    """<|k1 -> v1, k2 :> v2, ...|>; later rules for the same key win, in place.

    `items` maps key_of(key) -> (key, value, delayed) in insertion order.
    Immutable by convention: operations build new associations.
    """

    __slots__ = ("items", "_hash")

    def __init__(self, items: dict):
        self.items = items
        self._hash = None

    @classmethod
    def from_pairs(cls, pairs) -> "Association":
        items = {}
        for key, value, delayed in pairs:
            items[key_of(key)] = (key, value, delayed)
        return cls(items)

    def __len__(self):
        return len(self.items)

    def get(self, key, default=None):
        entry = self.items.get(key_of(key))
        return default if entry is None else entry

    def keys(self):
        return [entry[0] for entry in self.items.values()]

    def values(self):
        return [entry[1] for entry in self.items.values()]

    def entries(self):
        return list(self.items.values())

    def __hash__(self):
        if self._hash is None:
            self._hash = hash(("Association", tuple(self.items.values())))
        return self._hash

    def __eq__(self, other):
        if self is other:
            return True
        if type(other) is not Association or len(self.items) != len(other.items):
            return False
        from .normal import same

        for (k1, v1, d1), (k2, v2, d2) in zip(self.items.values(), other.items.values()):
            if d1 != d2 or not same(k1, k2) or not same(v1, v2):
                return False
        return True

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f"Association({list(self.items.values())!r})"
