"""Shared fixtures: every language test runs on every engine (and, for the
pattern tests, under both matchers), and the engines must agree."""

import pytest

from lyra_core import Session, engines_available

ENGINES = engines_available()
MATCHERS = ("fast", "naive")


class Lyra:
    """A session driven by source text; calls return the InputForm of the result."""

    def __init__(self, **options):
        self.session = Session(**options)

    def __call__(self, source: str) -> str:
        return self.session.format(self.session.evaluate(source))

    def full(self, source: str) -> str:
        return self.session.format(self.session.evaluate(source), "FullForm")

    def value(self, source: str):
        return self.session.evaluate(source)

    def check(self, source: str, expected: str, messages=()) -> None:
        """Assert the InputForm of source's result and the messages it raised."""
        assert self(source) == expected
        assert self.messages == list(messages)

    @property
    def messages(self) -> list[str]:
        return self.session.messages

    @property
    def message_texts(self) -> list[str]:
        return self.session.message_texts


@pytest.fixture(params=ENGINES)
def lyra(request):
    """A fresh session on each engine."""
    return Lyra(engine=request.param)


@pytest.fixture(params=[(e, m) for e in ENGINES for m in MATCHERS], ids=lambda p: f"{p[0]}-{p[1]}")
def lyra_matchers(request):
    """A fresh session on each engine under each pattern matcher."""
    engine, matcher = request.param
    return Lyra(engine=engine, matcher=matcher)
