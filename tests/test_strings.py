"""String functions and string patterns (lyra_core/library/strings.py,
string_patterns.py), with WL's results and messages."""

import pytest


# ---------------------------------------------------------------- joining and measuring
@pytest.mark.parametrize(
    "source, expected",
    [
        ('"ab" <> "cd"', '"abcd"'),
        ('StringJoin[{"a", {"b"}}, "c"]', '"abc"'),
        ("StringJoin[]", '""'),
        ('StringJoin["a"]', '"a"'),
        ('x = "na"; x <> x', '"nana"'),
        ('StringLength["hello"]', "5"),
        ('StringLength[""]', "0"),
        ('StringLength[{"a", "bb", ""}]', "{1, 2, 0}"),
        ('StringReverse["abc"]', '"cba"'),
        ('StringReverse[{"ab", "cd"}]', '{"ba", "dc"}'),
        ('StringRepeat["ab", 3]', '"ababab"'),
        ('StringRepeat["ab", 10, 5]', '"ababa"'),
        ('ToUpperCase["Hello World"]', '"HELLO WORLD"'),
        ('ToLowerCase[{"AB", "Cd"}]', '{"ab", "cd"}'),
        ('Characters["abc"]', '{"a", "b", "c"}'),
        ('Characters[{"ab", "c"}]', '{{"a", "b"}, {"c"}}'),
        ('CharacterRange["a", "e"]', '{"a", "b", "c", "d", "e"}'),
        ("CharacterRange[97, 99]", '{"a", "b", "c"}'),
        ('CharacterRange["e", "a"]', "{}"),
        ('ToCharacterCode["AB"]', "{65, 66}"),
        ('ToCharacterCode[{"AB", "c"}]', "{{65, 66}, {99}}"),
        ("FromCharacterCode[{72, 105}]", '"Hi"'),
        ("FromCharacterCode[65]", '"A"'),
        ("FromCharacterCode[{{65}, {66, 67}}]", '{"A", "BC"}'),
        ('FromCharacterCode[ToCharacterCode["héllo"]]', '"héllo"'),
    ],
)
def test_basic(lyra, source, expected):
    lyra.check(source, expected)


def test_string_join_needs_strings(lyra):
    lyra.check('"a" <> x', '"a" <> x', ["StringJoin::string"])
    assert lyra.message_texts == ['StringJoin::string: String expected at position 2 in "a" <> x.']
    lyra.check('StringJoin["a", {"b", 1}]', '"a" <> {"b", 1}', ["StringJoin::string"])


def test_wrong_types(lyra):
    lyra.check("StringLength[5]", "StringLength[5]", ["StringLength::string"])
    assert lyra.message_texts == ["StringLength::string: String expected at position 1 in StringLength[5]."]
    lyra.check("StringLength[1, 2]", "StringLength[1, 2]", ["StringLength::argx"])
    lyra.check("StringReverse[x]", "StringReverse[x]", ["StringReverse::string"])
    lyra.check('StringRepeat["ab", 0]', 'StringRepeat["ab", 0]', ["StringRepeat::intp"])
    lyra.check("ToUpperCase[1]", "ToUpperCase[1]", ["ToUpperCase::strse"])
    lyra.check("Characters[x]", "Characters[x]", ["Characters::strse"])
    lyra.check('CharacterRange["a", 3]', 'CharacterRange["a", 3]', ["CharacterRange::argtype"])
    lyra.check("FromCharacterCode[-1]", "FromCharacterCode[-1]", ["FromCharacterCode::notunicode"])
    lyra.check("ToCharacterCode[x]", "ToCharacterCode[x]", ["ToCharacterCode::strse"])


# ---------------------------------------------------------------- StringTake, StringDrop
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringTake["abcdef", 3]', '"abc"'),
        ('StringTake["abcdef", -2]', '"ef"'),
        ('StringTake["abcdef", {2}]', '"b"'),
        ('StringTake["abcdef", {-2}]', '"e"'),
        ('StringTake["abcdef", {2, 4}]', '"bcd"'),
        ('StringTake["abcdef", {2, -2}]', '"bcde"'),
        ('StringTake["abcdef", {1, -1, 2}]', '"ace"'),
        ('StringTake["abcdef", {5, 1, -2}]', '"eca"'),
        ('StringTake["abcdef", {3, 2}]', '""'),
        ('StringTake["abcdef", 0]', '""'),
        ('StringTake["abcdef", All]', '"abcdef"'),
        ('StringTake["abc", UpTo[5]]', '"abc"'),
        ('StringTake["abcdef", {{1, 2}, {4, 5}}]', '{"ab", "de"}'),
        ('StringTake[{"abc", "defg"}, 2]', '{"ab", "de"}'),
        ('StringDrop["abcdef", 2]', '"cdef"'),
        ('StringDrop["abcdef", -2]', '"abcd"'),
        ('StringDrop["abcdef", {2}]', '"acdef"'),
        ('StringDrop["abcdef", {2, 3}]', '"adef"'),
        ('StringDrop["abcdef", {1, -1, 2}]', '"bdf"'),
        ('StringDrop[{"abc", "de"}, 1]', '{"bc", "e"}'),
    ],
)
def test_take_drop(lyra, source, expected):
    lyra.check(source, expected)


def test_take_drop_errors(lyra):
    lyra.check('StringTake["abc", 5]', 'StringTake["abc", 5]', ["StringTake::take"])
    assert lyra.message_texts == ["StringTake::take: Cannot take positions 1 through 5 in abc."]
    lyra.check('StringTake["abc", -4]', 'StringTake["abc", -4]', ["StringTake::take"])
    lyra.check('StringTake["abc", x]', 'StringTake["abc", x]', ["StringTake::mseqs"])
    lyra.check('StringDrop["abc", 5]', 'StringDrop["abc", 5]', ["StringDrop::drop"])
    lyra.check("StringTake[x, 1]", "StringTake[x, 1]", ["StringTake::strse"])
    lyra.check('StringTake["abc"]', 'StringTake["abc"]', ["StringTake::argr"])


# ---------------------------------------------------------------- StringSplit
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringSplit["a b  c"]', '{"a", "b", "c"}'),
        ('StringSplit["  a\\tb\\n"]', '{"a", "b"}'),
        ('StringSplit[""]', "{}"),
        ('StringSplit["a,b,,c", ","]', '{"a", "b", "", "c"}'),
        ('StringSplit[",a,b,", ","]', '{"a", "b"}'),
        ('StringSplit[",a,b,", ",", All]', '{"", "a", "b", ""}'),
        ('StringSplit["a1b22c", DigitCharacter..]', '{"a", "b", "c"}'),
        ('StringSplit["a-b_c", {"-", "_"}]', '{"a", "b", "c"}'),
        ('StringSplit["a-b-c", "-" -> "x"]', '{"a", "x", "b", "x", "c"}'),
        ('StringSplit["a b c d", " ", 2]', '{"a", "b c d"}'),
        ('StringSplit[{"a b", "c d"}]', '{{"a", "b"}, {"c", "d"}}'),
        ('StringSplit["aXbxc", "x", IgnoreCase -> True]', '{"a", "b", "c"}'),
        ('StringSplit["The cat, the hat.", RegularExpression["\\\\W+"]]', '{"The", "cat", "the", "hat"}'),
        ('StringSplit["x", "x"]', "{}"),
        ('StringSplit["abc", ""]', '{"a", "b", "c"}'),
    ],
)
def test_split(lyra, source, expected):
    lyra.check(source, expected)


def test_split_errors(lyra):
    lyra.check("StringSplit[5]", "StringSplit[5]", ["StringSplit::strse"])
    assert lyra.message_texts == [
        "StringSplit::strse: String or list of strings expected at position 1 in StringSplit[5]."
    ]
    lyra.check('StringSplit["ab", 1]', 'StringSplit["ab", 1]', ["StringExpression::invld"])


# ---------------------------------------------------------------- StringReplace
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringReplace["hello world", "o" -> "0"]', '"hell0 w0rld"'),
        ('StringReplace["abc", {"a" -> "1", "b" -> "2"}]', '"12c"'),
        ('StringReplace["abab", {"ab" -> "X", "a" -> "Y"}]', '"XX"'),
        ('StringReplace["aaa", "a" -> "b", 2]', '"bba"'),
        ('StringReplace["abc", "x" -> "y"]', '"abc"'),
        ('StringReplace["abc", "b" -> x]', '"a" ~~ x ~~ "c"'),
        ('StringReplace["a" -> "b"]["banana"]', '"bbnbnb"'),
        ('StringReplace[{"ab", "ba"}, "a" -> "-"]', '{"-b", "b-"}'),
        ('StringReplace["a1b22", DigitCharacter.. -> "#"]', '"a#b#"'),
        ('StringReplace["abc", RegularExpression["(b)"] -> "<$1>"]', '"a<b>c"'),
        ('StringReplace["2024-03-07", RegularExpression["(\\\\d+)-(\\\\d+)-(\\\\d+)"] -> "$3/$2/$1"]', '"07/03/2024"'),
        ('StringReplace["ABC abc", "abc" -> "x", IgnoreCase -> True]', '"x x"'),
        ('StringReplace["hello", StartOfString ~~ "h" -> "J"]', '"Jello"'),
        ('StringReplace["a b", WhitespaceCharacter -> "_"]', '"a_b"'),
        ('"hello world" |> StringReplace["world" -> "there"]', '"hello there"'),
    ],
)
def test_replace(lyra, source, expected):
    lyra.check(source, expected)


def test_replace_named_pieces(lyra):
    # Rule right sides see the matched text of named pieces.
    lyra.check('StringReplace["a1b22", d:DigitCharacter.. :> "<" <> d <> ">"]', '"a<1>b<22>"')
    lyra.check('StringReplace["abc", x_ :> ToUpperCase[x]]', '"ABC"')
    lyra.check('StringReplace["hello world", w:LetterCharacter.. :> StringReverse[w]]', '"olleh dlrow"')
    lyra.check('StringReplace["aa-bb", x_ ~~ x_ :> x]', '"a-b"')


def test_replace_errors(lyra):
    lyra.check('StringReplace["abc", 1]', 'StringReplace["abc", 1]', ["StringReplace::srep"])
    assert lyra.message_texts == ["StringReplace::srep: 1 is not a valid string replacement rule."]
    lyra.check('StringReplace[5, "a" -> "b"]', 'StringReplace[5, "a" -> "b"]', ["StringReplace::strse"])
    lyra.check('StringReplace["abc", "a" -> "b", -1]', 'StringReplace["abc", "a" -> "b", -1]', ["StringReplace::innf"])


# ---------------------------------------------------------------- predicates
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringContainsQ["hello", "ell"]', "True"),
        ('StringContainsQ["hello", "z"]', "False"),
        ('StringContainsQ["ell"]["hello"]', "True"),
        ('StringContainsQ[{"ab", "cd"}, "a"]', "{True, False}"),
        ('StringContainsQ["Hello", "h", IgnoreCase -> True]', "True"),
        ('StringStartsQ["hello", "he"]', "True"),
        ('StringStartsQ["hello", "lo"]', "False"),
        ('StringEndsQ["hello", "lo"]', "True"),
        ('StringEndsQ["hello", "he"]', "False"),
        ('StringEndsQ["file.txt", "." ~~ LetterCharacter..]', "True"),
        ('StringFreeQ["hello", "z"]', "True"),
        ('StringMatchQ["apple", "a*e"]', "True"),
        ('StringMatchQ["apple", "a*x"]', "False"),
        ('StringMatchQ["apple", "a@"]', "True"),
        ('StringMatchQ["aPple", "a@"]', "False"),
        ('StringMatchQ["a*", "a\\\\*"]', "True"),
        ('StringMatchQ["ab", "a\\\\*"]', "False"),
        ('StringMatchQ["123", DigitCharacter..]', "True"),
        ('StringMatchQ["12a", DigitCharacter..]', "False"),
        ('StringMatchQ[{"a1", "bb"}, LetterCharacter ~~ DigitCharacter]', "{True, False}"),
        ('StringMatchQ["ABC", "abc", IgnoreCase -> True]', "True"),
        ('StringMatchQ["abc", "a" ~~ ___]', "True"),
        ('StringMatchQ["abc", "a" | "abc"]', "True"),
        ('StringMatchQ["ab", {"x", "ab"}]', "True"),
        ('StringMatchQ["-1.5", NumberString]', "True"),
        ('StringMatchQ["abab", "ab"..]', "True"),
        ('StringMatchQ["aXb", "a" ~~ Except["x"] ~~ "b"]', "True"),
        ('StringMatchQ["a b", "a" ~~ Except[WhitespaceCharacter] ~~ "b"]', "False"),
        ('StringMatchQ["a5", _ ~~ _?DigitQ]', "True"),
        ('StringMatchQ["ab", _ ~~ _?DigitQ]', "False"),
        ('StringMatchQ["f00", "f" ~~ HexadecimalCharacter..]', "True"),
        ('StringMatchQ["abc", RegularExpression["a.c"]]', "True"),
        ('Select[{"apple", "banana", "avocado"}, StringStartsQ["a"]]', '{"apple", "avocado"}'),
    ],
)
def test_predicates(lyra, source, expected):
    lyra.check(source, expected)


def test_predicate_errors(lyra):
    lyra.check('StringMatchQ[1, "a"]', 'StringMatchQ[1, "a"]', ["StringMatchQ::strse"])
    lyra.check('StringContainsQ["a", 1]', 'StringContainsQ["a", 1]', ["StringExpression::invld"])
    assert lyra.message_texts == [
        "StringExpression::invld: Element 1 is not a valid string or pattern element in 1."
    ]


# ---------------------------------------------------------------- StringCases, StringPosition, StringCount
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringCases["a1b22c333", DigitCharacter..]', '{"1", "22", "333"}'),
        ('StringCases["a1b22c333", DigitCharacter.., 2]', '{"1", "22"}'),
        ('StringCases["a1b22", x:DigitCharacter.. :> ToExpression[x]]', "{1, 22}"),
        ('StringCases["abcabc", "b" -> 1]', "{1, 1}"),
        ('StringCases["aaa", "aa"]', '{"aa"}'),
        ('StringCases["aaa", "aa", Overlaps -> True]', '{"aa", "aa"}'),
        ('StringCases["axbaxxb", "a" ~~ __ ~~ "b"]', '{"axbaxxb"}'),
        ('StringCases["axbaxxb", Shortest["a" ~~ __ ~~ "b"]]', '{"axb", "axxb"}'),
        ('StringCases["a#b!c", PunctuationCharacter]', '{"#", "!"}'),
        ('StringCases["x=12.5, y=-3", NumberString]', '{"12.5", "-3"}'),
        ('StringCases["Hi There", x:LetterCharacter /; UpperCaseQ[x]]', '{"H", "T"}'),
        ('StringCases["ab12cd", CharacterRange["a", "c"]]', '{"a", "b", "c"}'),
        ('StringCases["the cat", WordBoundary ~~ LetterCharacter]', '{"t", "c"}'),
        ('StringCases[{"a1", "b22"}, DigitCharacter..]', '{{"1"}, {"22"}}'),
        ('StringCases[DigitCharacter][" 7 8"]', '{"7", "8"}'),
        ('StringPosition["abcabc", "bc"]', "{{2, 3}, {5, 6}}"),
        ('StringPosition["aaa", "aa"]', "{{1, 2}, {2, 3}}"),
        ('StringPosition["aaa", "aa", Overlaps -> False]', "{{1, 2}}"),
        ('StringPosition["abc", "z"]', "{}"),
        ('StringCount["banana", "a"]', "3"),
        ('StringCount["aaa", "aa"]', "1"),
        ('StringCount["aaa", "aa", Overlaps -> True]', "2"),
        ('StringCount["a\\nb", StartOfLine]', "2"),
        ('StringCount["a b", WordBoundary]', "4"),
    ],
)
def test_find(lyra, source, expected):
    lyra.check(source, expected)


def test_find_errors(lyra):
    lyra.check("StringCases[x, \"a\"]", "StringCases[x, \"a\"]", ["StringCases::strse"])
    lyra.check('StringPosition["a", f[x]]', 'StringPosition["a", f[x]]', ["StringExpression::invld"])


@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringDelete["a1b2", DigitCharacter]', '"ab"'),
        ('StringDelete["  a b  ", " "]', '"ab"'),
        ('StringDelete["-"]["a-b"]', '"ab"'),
        ('StringInsert["abcd", "-", 3]', '"ab-cd"'),
        ('StringInsert["abcd", "-", -1]', '"abcd-"'),
        ('StringInsert["abcd", "-", {2, 4}]', '"a-bc-d"'),
        ('DigitQ["123"]', "True"),
        ('DigitQ["12a"]', "False"),
        ("DigitQ[5]", "False"),
        ('LetterQ["abc"]', "True"),
        ('LetterQ["ab1"]', "False"),
        ('UpperCaseQ["AB"]', "True"),
        ('UpperCaseQ["Ab"]', "False"),
        ('LowerCaseQ["ab"]', "True"),
    ],
)
def test_delete_insert_character_tests(lyra, source, expected):
    lyra.check(source, expected)


def test_insert_errors(lyra):
    lyra.check('StringInsert["ab", "-", 9]', 'StringInsert["ab", "-", 9]', ["StringInsert::ins"])


# ---------------------------------------------------------------- trimming, padding, riffling
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringTrim["  hi  "]', '"hi"'),
        ('StringTrim["\\n hi there\\t"]', '"hi there"'),
        ('StringTrim["xxhixx", "x"..]', '"hi"'),
        ('StringTrim[{" a", "b "}]', '{"a", "b"}'),
        ('StringPadLeft["7", 3, "0"]', '"007"'),
        ('StringPadLeft["ab", 4]', '"  ab"'),
        ('StringPadLeft["abc", 10, "xyz"]', '"zxyzxyzabc"'),
        ('StringPadLeft["abcde", 3]', '"cde"'),
        ('StringPadLeft[{"a", "bbb"}]', '{"  a", "bbb"}'),
        ('StringPadRight["ab", 4, "."]', '"ab.."'),
        ('StringPadRight["abc", 8, "xy"]', '"abcxyxyx"'),
        ('StringPadRight["abcde", 3]', '"abc"'),
        ('StringPadRight[{"a", "bbb"}, 2]', '{"a ", "bb"}'),
        ('StringRiffle[{"a", "b", "c"}]', '"a b c"'),
        ('StringRiffle[{"a", "b", "c"}, ", "]', '"a, b, c"'),
        ("StringRiffle[{1, 2, 3}, \"+\"]", '"1+2+3"'),
        ('StringRiffle[{"a", "b"}, {"(", ", ", ")"}]', '"(a, b)"'),
        ('StringRiffle[{{"a", "b"}, {"c", "d"}}]', '"a b\\nc d"'),
        ('StringRiffle[{{"a", "b"}, {"c", "d"}}, ";", "-"]', '"a-b;c-d"'),
    ],
)
def test_trim_pad_riffle(lyra, source, expected):
    lyra.check(source, expected)


def test_pad_errors(lyra):
    lyra.check('StringPadLeft["a", -1]', 'StringPadLeft["a", -1]', ["StringPadLeft::intnn"])
    lyra.check("StringRiffle[x]", "StringRiffle[x]", ["StringRiffle::list"])


# ---------------------------------------------------------------- ToString, ToExpression
@pytest.mark.parametrize(
    "source, expected",
    [
        ("ToString[x^2]", '"x^2"'),
        ("ToString[1/3]", '"1/3"'),
        ("ToString[123]", '"123"'),
        ("ToString[2 x]", '"2 x"'),
        ('ToString["abc"]', '"abc"'),
        ('ToString["a", InputForm]', '"\\"a\\""'),
        ("ToString[x^2, FullForm]", '"Power[x, 2]"'),
        ('ToString[{1, "a"}]', '"{1, a}"'),
        ('ToString[{1, "a"}, InputForm]', '"{1, \\"a\\"}"'),
        ('StringLength[ToString[12345]]', "5"),
        ('name = "Ann"; "Hi #{name}!"', '"Hi Ann!"'),
        ('n = 3; "n = #{n}"', '"n = 3"'),
        ('ToExpression["1 + 2"]', "3"),
        ('ToExpression["{1, 2}"]', "{1, 2}"),
        ('ToExpression["1 + 2", InputForm, Hold]', "Hold[1 + 2]"),
        ('ToExpression["a = 5; a^2"]', "25"),
        ("ToExpression[5]", "5"),
        ('ToExpression[ToString[{1, x}, InputForm]]', "{1, x}"),
    ],
)
def test_to_string_to_expression(lyra, source, expected):
    lyra.check(source, expected)


def test_to_expression_syntax_errors(lyra):
    lyra.check('ToExpression["1 + + ]"]', "$Failed", ["ToExpression::sntx"])
    # Input that merely stops too early is WL's sntxi ("incomplete").
    lyra.check('ToExpression["1 +"]', "$Failed", ["ToExpression::sntxi"])
    lyra.check("ToExpression[]", "ToExpression[]", ["ToExpression::argb"])


# ---------------------------------------------------------------- templates
@pytest.mark.parametrize(
    "source, expected",
    [
        ('StringTemplate["`1` + `2`"][3, 4]', '"3 + 4"'),
        ('StringTemplate["Hi `who`!"][<|"who" -> "Ann"|>]', '"Hi Ann!"'),
        ('StringTemplate["`` and ``"]["x", "y"]', '"x and y"'),
        ('StringTemplate["sum: <* #1 + #2 *>"][3, 4]', '"sum: 7"'),
        ('TemplateApply["`a` and `b`", <|"a" -> 1, "b" -> 2|>]', '"1 and 2"'),
        ('TemplateApply[StringTemplate["x=`1`"], {5}]', '"x=5"'),
        ('t = StringTemplate["<`1`>"]; Map[t, {1, 2}]', '{"<1>", "<2>"}'),
        ('StringTemplate["`1`"]', 'StringTemplate["`1`"]'),
    ],
)
def test_templates(lyra, source, expected):
    lyra.check(source, expected)


def test_template_errors(lyra):
    lyra.check("TemplateApply[1, {2}]", "TemplateApply[1, {2}]", ["TemplateApply::tmpl"])


# ---------------------------------------------------------------- StringExpression
def test_string_expression(lyra):
    lyra.check('"a" ~~ "b"', '"ab"')
    lyra.check('"a" ~~ "b" ~~ x', '"ab" ~~ x')
    lyra.check("FullForm[\"a\" ~~ x_]", 'StringExpression["a", Pattern[x, Blank[]]]')
    assert lyra.full('"a" ~~ x') == 'StringExpression["a", x]'


# ---------------------------------------------------------------- large inputs
def test_large_inputs_are_linear(lyra):
    lyra('big = StringRepeat["ab ", 100000];')
    lyra.check("StringLength[big]", "300000")
    lyra.check("Length[StringSplit[big]]", "100000")
    lyra.check('StringLength[StringReplace[big, "a" -> "xy"]]', "400000")
    lyra.check('StringCount[big, "ab"]', "100000")
    lyra.check('Length[StringCases[big, LetterCharacter..]]', "100000")
    lyra.check("Length[Characters[big]]", "300000")
    lyra.check('StringLength[StringJoin[Table["x", {100000}]]]', "100000")


def test_pattern_cache_is_bounded():
    from lyra_core.library import string_patterns as sp

    for i in range(sp._CACHE_LIMIT + 10):
        sp.compile_pattern("p%d" % i)
    assert len(sp._CACHE) <= sp._CACHE_LIMIT


def test_bad_count_messages_name_the_position_then_the_call(lyra):
    # General::innf once had its arguments the other way round here
    lyra.check("Cases[{1, 2}, _, 1, -1]", "Cases[{1, 2}, _, 1, -1]", ["Cases::innf"])
    assert lyra.message_texts == [
        "Cases::innf: Non-negative integer or Infinity expected at position 4 in Cases[{1, 2}, _, 1, -1]."
    ]
