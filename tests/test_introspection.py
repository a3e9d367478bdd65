"""Output wrappers, Information, Names, Context, timing, dates and system
constants (lyra_core/library/introspection.py)."""

import pytest


# ---------------------------------------------------------------- form wrappers
def test_form_wrappers(lyra):
    assert lyra.full("InputForm[x^2]") == "InputForm[Power[x, 2]]"
    lyra.check('ToString[InputForm["a"]]', '"\\"a\\""')
    lyra.check("ToString[FullForm[x + y]]", '"Plus[x, y]"')
    lyra.check("ToString[OutputForm[2 x]]", '"2 x"')
    assert lyra.full("Short[Range[3]]") == "Short[List[1, 2, 3]]"
    assert lyra.full("TreeForm[f[x]]") == "TreeForm[f[x]]"
    lyra.check("FullForm[]", "FullForm[]", ["FullForm::argx"])


# ---------------------------------------------------------------- Names
def test_names(lyra):
    lyra.check('Names["StringT*"]', '{"StringTake", "StringTemplate", "StringTrim"}')
    lyra.check('Names["StringJoi@"]', '{"StringJoin"}')
    lyra.check('Names["System`StringL*"]', '{"StringLength"}')
    lyra.check('myVar = 1; myFun[myArg_] := myArg; Names["Global`my*"]', '{"myArg", "myFun", "myVar"}')
    lyra.check('Names["myF*"]', '{"myFun"}')
    lyra.check('Names[{"myV*", "StringTri*"}]', '{"myVar", "StringTrim"}')
    lyra.check('Names["nothingLikeThis*"]', "{}")


def test_names_errors(lyra):
    lyra.check("Names[1]", "Names[1]", ["Names::strse"])
    lyra.check("Names[]", "Names[]", ["Names::argt"])


# ---------------------------------------------------------------- Context
def test_context(lyra):
    lyra.check("Context[Plus]", '"System`"')
    lyra.check("Context[newSymbol]", '"Global`"')
    lyra.check("Context[]", '"Global`"')
    lyra.check('$Context', '"Global`"')
    lyra.check('Context["StringJoin"]', '"System`"')
    lyra.check("Context[a`b`c]", '"a`b`"')
    lyra.check('Context["noSuchName"]', 'Context["noSuchName"]', ["Context::notfound"])
    assert lyra.message_texts == ["Context::notfound: Symbol noSuchName not found."]
    lyra.check("Context[1]", "Context[1]", ["Context::ssle"])


# ---------------------------------------------------------------- Information
def test_information_of_a_builtin(lyra, capsys):
    lyra.check("Information[StringLength]", "Null")
    printed = capsys.readouterr().out
    assert printed.startswith("StringLength[s] gives the number of characters")
    assert "Attributes[StringLength] = {Listable, Protected}" in printed


def test_information_of_a_user_symbol(lyra, capsys):
    lyra.check('f::usage = "f[x] squares x."; f[x_] := x^2; Information[f]', "Null")
    printed = capsys.readouterr().out
    assert printed == "f[x] squares x.\n\nf[x_] := x^2\n"
    lyra.check('Information["StringTri*"]', "Null")
    assert capsys.readouterr().out == "StringTrim\n"


def test_information_errors(lyra):
    lyra.check("Information[1 + 1]", "Information[1 + 1]", ["Information::notfound"])


# ---------------------------------------------------------------- timing
def test_timing(lyra):
    lyra.check("t = Timing[1 + 1]; {Head[t[[1]]], t[[2]]}", "{Real, 2}")
    lyra.check("t = AbsoluteTiming[x = 3; x^2]; {t[[1]] >= 0, t[[2]]}", "{True, 9}")
    lyra.check("First[AbsoluteTiming[Pause[0.05]]] >= 0.05", "True")
    lyra.check("Pause[-1]", "Pause[-1]", ["Pause::numnm"])


# ---------------------------------------------------------------- dates
@pytest.mark.parametrize(
    "source, expected",
    [
        ("AbsoluteTime[{2000, 1, 1}]", "3155673600"),
        ("AbsoluteTime[{1900, 1, 1, 0, 0, 1}]", "1"),
        ("DateList[0]", "{1900, 1, 1, 0, 0, 0.}"),
        ("DateList[86400 + 3661]", "{1900, 1, 2, 1, 1, 1.}"),
        ('DateString[{2024, 3, 7}, "ISODate"]', '"2024-03-07"'),
        ("DateString[{2024, 3, 7, 15, 4, 9}]", '"Thu 7 Mar 2024 15:04:09"'),
        ('DateString[{2024, 3, 7, 15, 4, 9}, "ISODateTime"]', '"2024-03-07T15:04:09"'),
        ('DateString[{2024, 3, 7}, "Date"]', '"Thursday 7 March 2024"'),
        ('DateString[{2024, 3, 7}, {"Year", "/", "Month", "/", "Day"}]', '"2024/03/07"'),
        ('DateString[{2024, 13, 1}, "ISODate"]', '"2025-01-01"'),
        ('DateString[3155673600, "ISODate"]', '"2000-01-01"'),
        ("StringLength[DateString[]] >= 20", "True"),
        ('StringLength[DateString["ISODate"]]', "10"),
        ("AbsoluteTime[] > 3.9*^9", "True"),
    ],
)
def test_dates(lyra, source, expected):
    lyra.check(source, expected)


def test_date_errors(lyra):
    lyra.check('DateString[{2024, 3, 7}, "Nonsense"]', 'DateString[{2024, 3, 7}, "Nonsense"]', ["DateString::str"])
    lyra.check("AbsoluteTime[x]", "AbsoluteTime[x]", ["AbsoluteTime::date"])


# ---------------------------------------------------------------- system constants
def test_constants(lyra):
    from lyra_core import __version__

    lyra.check('StringStartsQ[$Version, "Lyra ' + __version__ + '"]', "True")
    lyra.check("NumberQ[$VersionNumber]", "True")
    lyra.check("$MachinePrecision", "15.954589770191003")
    lyra.check("$ScriptCommandLine", "{}")
    lyra.check("$ContextPath", '{"System`", "Global`"}')


def test_line_follows_the_session(lyra):
    assert lyra("$Line") == "1"
    assert lyra("1 + 1") == "2"
    assert lyra("$Line") == "3"
    assert lyra("{$Line, $Line}") == "{4, 4}"
