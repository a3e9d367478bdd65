"""The Numbers part of the standard library, through a full session on every
engine: N, Precision, rounding, integer functions, primes, elementary
functions, constants, predicates, random numbers.

Expected texts are WL's InputForm results and message names (from WL's
documentation and well-known outputs).
"""

import pytest

CASES = [
    # --- arithmetic through the parser and printer
    ("1 + 2*x + x", "1 + 3*x"),
    ("1/3 + 1/6", "1/2"),
    ("(1 + I)^2", "2*I"),
    ("1/I", "-I"),
    ("(2. + I)*3", "6. + 3.*I"),
    ("Sqrt[8]", "2*Sqrt[2]"),
    ("Sqrt[-4]", "2*I"),
    ("8^(1/3)", "2"),
    ("-(a + b)", "-a - b"),
    ("x^2 + y + 2 x + 1", "1 + 2*x + x^2 + y"),
    ("a b^2 c", "a*b^2*c"),
    ("Sqrt[2]/2", "1/Sqrt[2]"),
    ("x + 0.", "0. + x"),
    ("0. x", "0.*x"),
    ("0 x", "0"),
    ("0 * 2.5", "0."),
    ("2.^0.5", "1.4142135623730951"),
    ("E^(I Pi)", "-1"),
    ("Pi + 1.", "4.141592653589793"),
    ("2^(3/2)", "2*Sqrt[2]"),
    # --- N and Precision
    ("N[1/3]", "0.3333333333333333"),
    ("N[Pi]", "3.141592653589793"),
    ("N[x + 1/2]", "0.5 + x"),
    ("N[{1/4, Sqrt[2]}]", "{0.25, 1.4142135623730951}"),
    ("N[E]", "2.718281828459045"),
    ("N[Degree]", "0.017453292519943295"),
    ("N[GoldenRatio]", "1.618033988749895"),
    ("N[EulerGamma]", "0.5772156649015329"),
    ("Precision[N[Pi, 30]]", "30."),
    ("Precision[1.5]", "MachinePrecision"),
    ("Precision[1/3]", "Infinity"),
    ("Chop[1. + 10.^-12 I]", "1."),
    ("Chop[{10.^-11, 1}]", "{0, 1}"),
    # --- rounding
    ("Round[2.5]", "2"),
    ("Round[-2.5]", "-2"),
    ("Round[7/2]", "4"),
    ("Round[Pi]", "3"),
    ("Round[7, 5]", "5"),
    ("Floor[-2.5]", "-3"),
    ("Floor[7/2]", "3"),
    ("Ceiling[2.1]", "3"),
    ("Floor[Sqrt[10]]", "3"),
    ("Round[x]", "Round[x]"),
    ("IntegerPart[-2.7]", "-2"),
    ("FractionalPart[7/3]", "1/3"),
    ("FractionalPart[-2.5]", "-0.5"),
    # --- Mod, Quotient, GCD, LCM
    ("Mod[7, 3]", "1"),
    ("Mod[-1, 3]", "2"),
    ("Mod[5.5, 2]", "1.5"),
    ("Mod[7, -3]", "-2"),
    ("Mod[7, 3, 1]", "1"),
    ("Mod[x, 3]", "Mod[x, 3]"),
    ("Quotient[17, 5]", "3"),
    ("Quotient[-7, 2]", "-4"),
    ("QuotientRemainder[17, 5]", "{3, 2}"),
    ("GCD[12, 18]", "6"),
    ("GCD[12, 18, 8]", "2"),
    ("GCD[1/2, 1/3]", "1/6"),
    ("LCM[4, 6]", "12"),
    ("GCD[]", "0"),
    ("LCM[]", "1"),
    # --- factorials and combinatorics
    ("5!", "120"),
    ("0!", "1"),
    ("20!", "2432902008176640000"),
    ("(-1)!", "ComplexInfinity"),
    ("(1/2)!", "Sqrt[Pi]/2"),
    ("3.5!", "11.631728396567448"),
    ("7!!", "105"),
    ("8!!", "384"),
    ("(-1)!!", "1"),
    ("Gamma[5]", "24"),
    ("Gamma[1/2]", "Sqrt[Pi]"),
    ("Binomial[5, 2]", "10"),
    ("Binomial[10, 0]", "1"),
    ("Binomial[5, 7]", "0"),
    ("Binomial[-3, 2]", "6"),
    ("Binomial[n, 1]", "n"),
    ("Binomial[n, 2]", "Binomial[n, 2]"),
    ("Multinomial[2, 3]", "10"),
    ("Multinomial[1, 2, 3]", "60"),
    ("Fibonacci[10]", "55"),
    ("Fibonacci[0]", "0"),
    ("Fibonacci[-6]", "-8"),
    ("Fibonacci[100]", "354224848179261915075"),
    # --- primes
    ("PrimeQ[97]", "True"),
    ("PrimeQ[1]", "False"),
    ("PrimeQ[-3]", "True"),
    ("PrimeQ[2^89 - 1]", "True"),
    ("PrimeQ[2^89 + 1]", "False"),
    ("PrimeQ[x]", "False"),
    ("Prime[1]", "2"),
    ("Prime[100]", "541"),
    ("Prime[{1, 2, 3}]", "{2, 3, 5}"),
    ("PrimePi[100]", "25"),
    ("PrimePi[10.5]", "4"),
    ("NextPrime[10]", "11"),
    ("NextPrime[10, -1]", "7"),
    ("NextPrime[13]", "17"),
    ("FactorInteger[360]", "{{2, 3}, {3, 2}, {5, 1}}"),
    ("FactorInteger[-12]", "{{-1, 1}, {2, 2}, {3, 1}}"),
    ("FactorInteger[3/4]", "{{2, -2}, {3, 1}}"),
    ("FactorInteger[1]", "{{1, 1}}"),
    ("FactorInteger[2^64 + 1]", "{{274177, 1}, {67280421310721, 1}}"),
    ("Divisors[12]", "{1, 2, 3, 4, 6, 12}"),
    ("Divisors[1]", "{1}"),
    ("EulerPhi[10]", "4"),
    ("EulerPhi[1]", "1"),
    ("PowerMod[2, 10, 1000]", "24"),
    ("PowerMod[3, -1, 7]", "5"),
    # --- digits
    ("IntegerDigits[1234]", "{1, 2, 3, 4}"),
    ("IntegerDigits[-56]", "{5, 6}"),
    ("IntegerDigits[5, 2]", "{1, 0, 1}"),
    ("IntegerDigits[5, 2, 4]", "{0, 1, 0, 1}"),
    ("IntegerDigits[0]", "{0}"),
    ("FromDigits[{1, 2, 3}]", "123"),
    ("FromDigits[{1, 0, 1}, 2]", "5"),
    ('FromDigits["ff", 16]', "255"),
    ('FromDigits["1234"]', "1234"),
    ("FromDigits[{a, b}]", "10*a + b"),
    ("IntegerLength[12345]", "5"),
    ("IntegerLength[-99]", "2"),
    ("IntegerLength[0]", "0"),
    ("IntegerLength[255, 16]", "2"),
    ("IntegerLength[10^100]", "101"),
    ("BaseForm[255, 16]", "BaseForm[255, 16]"),
    # --- elementary functions, exact values
    ("Sin[Pi/6]", "1/2"),
    ("Cos[Pi]", "-1"),
    ("Sin[Pi/4]", "1/Sqrt[2]"),
    ("Cos[Pi/6]", "Sqrt[3]/2"),
    ("Tan[Pi/4]", "1"),
    ("Tan[Pi/3]", "Sqrt[3]"),
    ("Tan[Pi/2]", "ComplexInfinity"),
    ("Cot[Pi/4]", "1"),
    ("Sec[Pi/3]", "2"),
    ("Csc[Pi/6]", "2"),
    ("Sin[0]", "0"),
    ("Cos[0]", "1"),
    ("Sin[Pi]", "0"),
    ("Sin[2 Pi/3]", "Sqrt[3]/2"),
    ("Cos[2 Pi/3]", "-1/2"),
    ("Sin[7 Pi/6]", "-1/2"),
    ("Sin[30 Degree]", "1/2"),
    ("Sin[-x]", "-Sin[x]"),
    ("Cos[-x]", "Cos[x]"),
    ("Tan[-x]", "-Tan[x]"),
    ("Sin[x + Pi]", "-Sin[x]"),
    ("Sin[x + 2 Pi]", "Sin[x]"),
    ("Sin[x + Pi/2]", "Cos[x]"),
    ("Cos[x + Pi/2]", "-Sin[x]"),
    ("Sin[1]", "Sin[1]"),
    ("Sin[Pi/7]", "Sin[Pi/7]"),
    ("Sin[6 Pi/7]", "Sin[Pi/7]"),
    ("Sin[ArcSin[x]]", "x"),
    ("ArcSin[1]", "Pi/2"),
    ("ArcSin[1/2]", "Pi/6"),
    ("ArcSin[-1]", "-Pi/2"),
    ("ArcCos[0]", "Pi/2"),
    ("ArcCos[-1]", "Pi"),
    ("ArcCos[1/2]", "Pi/3"),
    ("ArcTan[1]", "Pi/4"),
    ("ArcTan[Infinity]", "Pi/2"),
    ("ArcTan[-x]", "-ArcTan[x]"),
    ("ArcTan[1, 1]", "Pi/4"),
    ("ArcTan[-1, 0]", "Pi"),
    ("ArcTan[0, -1]", "-Pi/2"),
    ("ArcCot[0]", "Pi/2"),
    ("Sinh[0]", "0"),
    ("Cosh[0]", "1"),
    ("Tanh[-x]", "-Tanh[x]"),
    ("ArcSinh[0]", "0"),
    ("ArcCosh[1]", "0"),
    ("ArcTanh[0]", "0"),
    ("Exp[0]", "1"),
    ("Exp[x]", "E^x"),
    ("Exp[Log[x]]", "x"),
    ("Log[E]", "1"),
    ("Log[1]", "0"),
    ("Log[0]", "-Infinity"),
    ("Log[E^3]", "3"),
    ("Log[-1]", "I*Pi"),
    ("Log[1/2]", "-Log[2]"),
    ("Log[2, 8]", "3"),
    ("Log[2, 1/8]", "-3"),
    ("Log[4, 2]", "1/2"),
    ("Log[2, 3]", "Log[3]/Log[2]"),
    ("Log2[1024]", "10"),
    ("Log10[1000]", "3"),
    # --- elementary functions, numbers
    ("Sin[1.]", "0.8414709848078965"),
    ("Cos[0.5]", "0.8775825618903728"),
    ("Exp[1.]", "2.718281828459045"),
    ("Log[2.]", "0.6931471805599453"),
    ("Log[10, 100.]", "2."),
    ("ArcTan[1.]", "0.7853981633974483"),
    ("Sqrt[2.]", "1.4142135623730951"),
    ("Tanh[0.5]", "0.46211715726000974"),
    ("Log[-1.]", "0. + 3.141592653589793*I"),
    # --- complex parts
    ("Re[3 + 4 I]", "3"),
    ("Im[3 + 4 I]", "4"),
    ("Conjugate[3 + 4 I]", "3 - 4*I"),
    ("Abs[3 + 4 I]", "5"),
    ("Arg[-1]", "Pi"),
    ("Arg[1 + I]", "Pi/4"),
    ("Arg[2]", "0"),
    ("Re[x]", "Re[x]"),
    # --- Clip, Rescale
    ("Clip[5, {0, 3}]", "3"),
    ("Clip[-5, {0, 3}]", "0"),
    ("Clip[2, {0, 3}]", "2"),
    ("Clip[0.5]", "0.5"),
    ("Clip[{-2, 0.5, 2}]", "{-1, 0.5, 1}"),
    ("Clip[7, {0, 3}, {-1, 10}]", "10"),
    ("Rescale[5, {0, 10}]", "1/2"),
    ("Rescale[{1, 2, 3}]", "{0, 1/2, 1}"),
    ("Rescale[15, {10, 20}, {0, 100}]", "50"),
    # --- predicates
    ("IntegerQ[3]", "True"),
    ("IntegerQ[3.]", "False"),
    ("EvenQ[4]", "True"),
    ("EvenQ[3]", "False"),
    ("OddQ[-3]", "True"),
    ("OddQ[x]", "False"),
    ("NumberQ[1/2]", "True"),
    ("NumberQ[Pi]", "False"),
    ("NumericQ[Pi]", "True"),
    ("NumericQ[Sqrt[2] + Pi]", "True"),
    ("NumericQ[x]", "False"),
    ("NumericQ[Sin[1]]", "True"),
    ("ExactNumberQ[1/3]", "True"),
    ("ExactNumberQ[0.5]", "False"),
    ("InexactNumberQ[0.5]", "True"),
    ("MachineNumberQ[1.5]", "True"),
    ("MachineNumberQ[N[Pi, 30]]", "False"),
    ("PossibleZeroQ[0]", "True"),
    ("PossibleZeroQ[E^(I Pi) + 1]", "True"),
    ("PossibleZeroQ[Sqrt[2] - 1]", "False"),
    # --- constants
    ("Attributes[Pi]", "{Constant, Protected, ReadProtected}"),
    ("I", "I"),
]


def test_constant_full_forms(lyra):
    assert lyra.full("I") == "Complex[0, 1]"
    assert lyra.full("Infinity") == "DirectedInfinity[1]"
    assert lyra.full("-Infinity") == "DirectedInfinity[-1]"
    assert lyra.full("ComplexInfinity") == "DirectedInfinity[]"
    assert lyra.full("Sqrt[2]") == "Power[2, Rational[1, 2]]"
    assert lyra.full("1/Sqrt[2]") == "Power[2, Rational[-1, 2]]"


@pytest.mark.parametrize("source,expected", CASES)
def test_numbers(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_n_arbitrary_precision(lyra):
    assert lyra("N[Pi, 30]").startswith("3.14159265358979323846264338327")
    assert lyra("N[Pi, 30]").endswith("`30.")
    assert lyra("N[Sqrt[2], 50]").startswith("1.41421356237309504880168872420969807856967187537694")
    assert lyra("Precision[N[Sqrt[2], 50]]") == "50."
    assert lyra("N[1/7, 20]").startswith("0.14285714285714285714")
    assert lyra("Precision[N[Pi, 30] + 1]") != "MachinePrecision"
    # a machine real next to an arbitrary-precision one gives a machine real
    assert lyra("N[Pi, 30] + 1.5") == "4.641592653589793"
    assert lyra("N[Sin[1], 25]").startswith("0.841470984807896506652502")


def test_machine_range_overflow_and_underflow(lyra):
    # Beyond the double range WL switches to arbitrary precision at
    # MachinePrecision instead of giving inf or 0.
    assert lyra("Exp[1000.]").startswith("1.970071114017046")
    assert lyra("Exp[1000.]").endswith("*^434")
    assert lyra("10.^-400").startswith("1.`15.95")
    assert lyra("10.^-400").endswith("*^-400")
    assert lyra("Exp[-1000.]").startswith("5.07595889754945")
    assert lyra("2.^10000").startswith("1.99506311688075")
    assert lyra("Precision[2.^10000]") == "MachinePrecision"
    assert lyra("N[1/10^400]").endswith("*^-400")
    assert lyra("N[E^x]") == "2.718281828459045^x"


def test_n_wrong_precision(lyra):
    assert lyra("N[1/3, -1]") == "N[1/3, -1]"
    assert lyra.messages == ["N::precbd"]


WRONG_CALLS = [
    # (source, unevaluated result, messages)
    ("Mod[1]", "Mod[1]", ["Mod::argtu"]),
    ("Mod[5, 0]", "Indeterminate", ["Mod::indet"]),
    ("Quotient[1, 0]", "ComplexInfinity", ["Quotient::infy"]),
    ("QuotientRemainder[5, 0]", "QuotientRemainder[5, 0]", ["QuotientRemainder::divz"]),
    ("Round[1, 2, 3]", "Round[1, 2, 3]", ["Round::argt"]),
    ("Sin[1, 2]", "Sin[1, 2]", ["Sin::argx"]),
    ("Log[]", "Log[]", ["Log::argt"]),
    ("ArcTan[0, 0]", "Indeterminate", ["ArcTan::indet"]),
    ("Prime[0]", "Prime[0]", ["Prime::intpp"]),
    ("PrimeQ[]", "PrimeQ[]", ["PrimeQ::argx"]),
    ("Binomial[5]", "Binomial[5]", ["Binomial::argr"]),
    ("PowerMod[2, -1, 4]", "PowerMod[2, -1, 4]", ["PowerMod::ninv"]),
    ("IntegerDigits[10, 1]", "IntegerDigits[10, 1]", ["IntegerDigits::ibase"]),
    ("Factorial[1, 2]", "Factorial[1, 2]", ["Factorial::argx"]),
    ("GCD[2.5, 1]", "GCD[1, 2.5]", []),
    ("RandomInteger[{1.5, 2}]", "RandomInteger[{1.5, 2}]", ["RandomInteger::unifr"]),
    ("Power[0, -1]", "ComplexInfinity", ["Power::infy"]),
    ("0^0", "Indeterminate", ["Power::indet"]),
    ("EvenQ[]", "EvenQ[]", ["EvenQ::argx"]),
    ("Fibonacci[1, 2, 3]", "Fibonacci[1, 2, 3]", ["Fibonacci::argx"]),
]


@pytest.mark.parametrize("source,expected,expected_messages", WRONG_CALLS)
def test_wrong_calls(lyra, source, expected, expected_messages):
    assert lyra(source) == expected
    assert lyra.messages == expected_messages


def test_message_texts(lyra):
    lyra("1/0")
    assert lyra.message_texts == ["Power::infy: Infinite expression 1/0 encountered."]
    lyra("Infinity - Infinity")
    assert lyra.message_texts == [
        "Infinity::indet: Indeterminate expression -Infinity + Infinity encountered."
    ]
    lyra("0^0")
    assert lyra.message_texts == ["Power::indet: Indeterminate expression 0^0 encountered."]


def test_seed_random_is_reproducible(lyra):
    first = lyra("SeedRandom[42]; {RandomInteger[100], RandomReal[], RandomChoice[{a, b, c}]}")
    second = lyra("SeedRandom[42]; {RandomInteger[100], RandomReal[], RandomChoice[{a, b, c}]}")
    assert first == second
    assert lyra("SeedRandom[7]; RandomInteger[{1, 6}, 20]") == lyra("SeedRandom[7]; RandomInteger[{1, 6}, 20]")


def test_random_shapes_and_ranges(lyra):
    values = lyra.value("RandomInteger[{1, 6}, 200]")
    assert len(values.args) == 200
    assert all(type(v) is int and 1 <= v <= 6 for v in values.args)
    assert set(values.args) == {1, 2, 3, 4, 5, 6}
    reals = lyra.value("RandomReal[{-1, 1}, 100]")
    assert all(type(v) is float and -1 <= v < 1 for v in reals.args)
    shape = lyra.value("RandomInteger[9, {2, 3}]")
    assert len(shape.args) == 2 and all(len(row.args) == 3 for row in shape.args)
    sample = lyra.value("RandomSample[Range[10]]")
    assert sorted(sample.args) == list(range(1, 11))
    assert len(lyra.value("RandomSample[Range[10], 3]").args) == 3
    # weights -> choices: a zero weight is never picked
    picks = lyra.value("RandomChoice[{0, 1} -> {a, b}, 20]")
    assert [p.name for p in picks.args] == ["b"] * 20


def test_huge_results_are_refused_quickly(lyra):
    import time

    start = time.perf_counter()
    assert lyra("2^(10^9)") == "2^1000000000"
    assert lyra.messages == ["General::ovfl"]
    assert lyra("Factorial[10^8]") == "100000000!"
    assert lyra.messages == ["General::ovfl"]
    assert time.perf_counter() - start < 2.0


def test_sessions_have_separate_generators():
    from lyra_core import Session

    a, b = Session(), Session()
    a.evaluate("SeedRandom[1]")
    b.evaluate("SeedRandom[1]")
    b.evaluate("RandomReal[]")  # b advances; a must not
    x = a.format(a.evaluate("RandomReal[]"))
    c = Session()
    c.evaluate("SeedRandom[1]")
    assert c.format(c.evaluate("RandomReal[]")) == x
