"""Every builtin documents itself: a usage text whose first line shows a call of
the builtin and which contains an example. Failures name the builtins that
still lack one."""

import re

import pytest

from lyra_core.library import load_library
from lyra_core.library.registry import BUILTINS, USAGE

load_library()


def _usage_problem(name: str, usage: str) -> str | None:
    if not usage or not usage.strip():
        return "no usage text"
    first_line = usage.strip().splitlines()[0]
    # The signature line names the builtin: "Foo[x] ...", "x // Foo", or "$Foo is ...".
    if not re.search(r"(?<![A-Za-z0-9$`])" + re.escape(name) + r"(?![A-Za-z0-9$])", first_line):
        return "first line does not show " + name
    if "Example" not in usage:
        return "no Example"
    return None


def test_every_builtin_has_usage():
    problems = {}
    for name, entry in sorted(BUILTINS.items()):
        problem = _usage_problem(name, entry.usage)
        if problem is not None:
            problems[name] = problem
    assert problems == {}, "builtins with missing or incomplete usage: " + ", ".join(
        f"{n} ({p})" for n, p in problems.items()
    )


def test_every_declared_symbol_has_usage():
    problems = {name: _usage_problem(name, text) for name, text in sorted(USAGE.items())}
    problems = {name: p for name, p in problems.items() if p is not None}
    assert problems == {}, "declared symbols with missing or incomplete usage: " + ", ".join(
        f"{n} ({p})" for n, p in problems.items()
    )


def test_usage_checker_rejects_bad_texts():
    assert _usage_problem("Foo", "") == "no usage text"
    assert _usage_problem("Foo", "Bar[x] does it.\nExample: Bar[1]") == "first line does not show Foo"
    assert _usage_problem("Foo", "FooBar[x] does it.\nExample: FooBar[1]") == "first line does not show Foo"
    assert _usage_problem("Foo", "Foo[x] does it.") == "no Example"
    assert _usage_problem("Foo", "Foo[x] does it.\nExample: Foo[1] gives 2") is None


STRING_FUNCTIONS = [
    "StringJoin", "StringLength", "StringTake", "StringDrop", "StringSplit", "StringReplace",
    "StringContainsQ", "StringStartsQ", "StringEndsQ", "StringMatchQ", "StringCases",
    "StringPosition", "StringCount", "StringTrim", "StringPadLeft", "StringPadRight",
    "StringRepeat", "StringReverse", "StringRiffle", "StringTemplate", "StringExpression",
    "StringFreeQ", "StringDelete", "StringInsert",
]


def test_names_lists_the_string_functions(lyra):
    listed = lyra.value('Names["String*"]')
    names = set(listed.args)
    missing = [n for n in STRING_FUNCTIONS if n not in names]
    assert missing == []
    assert list(listed.args) == sorted(listed.args, key=lambda s: (s.lower(), s.swapcase()))


@pytest.mark.parametrize("name", ["StringLength", "Keys", "And", "Names", "DateString"])
def test_usage_reaches_the_user(lyra, capsys, name):
    lyra(f"Information[{name}]")
    assert capsys.readouterr().out.startswith(BUILTINS[name].usage)
