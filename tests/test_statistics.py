"""Statistics: exact on exact data, machine on machine data, column-wise on
matrices; random variates are reproducible after SeedRandom."""

import math

import pytest

from lyra_core.expr import Expr, S


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Mean[{1, 2}]", "3/2"),
        ("Mean[{1, 2, 3, 4}]", "5/2"),
        ("Mean[{1/2, 1/3}]", "5/12"),
        ("Mean[{a, b}]", "(a + b)/2"),
        ("Mean[{{1, 2}, {3, 4}}]", "{2, 3}"),
        ("Mean[<|x -> 1, y -> 2|>]", "3/2"),
        ("Mean[{1 + I, 2}]", "3/2 + I/2"),
        ("Mean[{1., 2, 3}]", "2."),
        ("Median[{1, 5, 2, 8}]", "7/2"),
        ("Median[{1, 5, 2}]", "2"),
        ("Median[{1.5, 2, 3, 4}]", "2.5"),
        ("Median[{{1, 2}, {3, 4}, {5, 6}}]", "{3, 4}"),
        ("Median[{Pi, 1, 2}]", "2"),
        ("Median[{a, b, c}]", "Median[{a, b, c}]"),
        ("Variance[{1, 2, 3, 4}]", "5/3"),
        ("Variance[{{1, 2}, {3, 5}}]", "{2, 9/2}"),
        ("Variance[{1 + I, 2, 3}]", "4/3"),
        ("Variance[{a, b}]", "((a - b)*(Conjugate[a] - Conjugate[b]))/2"),
        ("Variance[{Sqrt[2], 1}]", "(-1 + Sqrt[2])^2/2"),
        ("StandardDeviation[{1, 2, 3, 4}]", "Sqrt[5/3]"),
        ("StandardDeviation[{{1, 2}, {3, 5}}]", "{Sqrt[2], 3/Sqrt[2]}"),
        ("Covariance[{1, 2, 3}, {1, 2, 4}]", "3/2"),
        ("Covariance[{{1, 2}, {2, 3}, {3, 5}}]", "{{1, 3/2}, {3/2, 7/3}}"),
        ("Covariance[{a, b}, {c, d}]", "((a - b)*(Conjugate[c] - Conjugate[d]))/2"),
        ("Correlation[{1, 2, 3}, {2, 4, 6}]", "1"),
        ("Correlation[{1, 2, 3}, {1, 2, 4}]", "(3*Sqrt[3/7])/2"),
        ("Quantile[{1, 2, 3, 4, 5}, 1/2]", "3"),
        ("Quantile[{1, 2, 3, 4}, 1/2]", "2"),
        ("Quantile[{4, 1, 3, 2}, {1/4, 1/2, 3/4, 1}]", "{1, 2, 3, 4}"),
        ("Quantile[{1, 2, 3, 4}, 0]", "1"),
        ("Quantile[{1, 2, 3, 4}, 1/2, {{1/2, 0}, {0, 1}}]", "5/2"),
        ("Quantile[{{1, 10}, {2, 20}, {3, 30}}, 1/2]", "{2, 20}"),
        ("Commonest[{b, a, c, a, b}]", "{b, a}"),
        ("Commonest[{1, 2, 2, 3, 3, 3}, 2]", "{3, 2}"),
        ("Commonest[{}]", "{}"),
        ("BinCounts[{1, 3, 2, 1, 4, 5, 6, 2}]", "{2, 2, 1, 1, 1, 1}"),
        ("BinCounts[{1, 3, 2, 1, 4, 5, 6, 2}, 2]", "{2, 3, 2, 1}"),
        ("BinCounts[{1, 3, 2, 1, 4, 5, 6, 2}, {0, 10, 5}]", "{6, 2}"),
        ("BinCounts[{1, 3, 2, 1, 4, 5, 6, 2}, {{0, 2, 5, 10}}]", "{2, 4, 2}"),
        ("BinCounts[{0.5, 1.2, 3.7}, 1]", "{1, 1, 0, 1}"),
        ("HistogramList[{1, 2, 2, 3, 3, 3, 4, 4, 5}]", "{{1, 2, 3, 4, 5, 6}, {1, 2, 3, 2, 1}}"),
        ("HistogramList[{1, 2, 2, 3, 3, 3}, {1}]", "{{1, 2, 3, 4}, {1, 2, 3}}"),
        ("HistogramList[{1, 2, 2, 3, 3, 3}, {0, 6, 2}]", "{{0, 2, 4, 6}, {1, 5, 0}}"),
        ("HistogramList[{0.1, 0.25, 0.3, 0.7}]", "{{0., 0.2, 0.4, 0.6, 0.8}, {1, 2, 0, 1}}"),
        ("Mean[NormalDistribution[m, s]]", "m"),
        ("Variance[NormalDistribution[m, s]]", "s^2"),
        ("StandardDeviation[NormalDistribution[m, s]]", "s"),
        ("Mean[UniformDistribution[{a, b}]]", "(a + b)/2"),
        ("Variance[UniformDistribution[{0, 1}]]", "1/12"),
        ("Variance[DiscreteUniformDistribution[{1, 6}]]", "35/12"),
        ("Mean[ExponentialDistribution[2]]", "1/2"),
        ("Mean[BernoulliDistribution[p]]", "p"),
    ],
)
def test_statistics(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_machine_statistics(lyra):
    assert lyra.value("Variance[{1.0, 2, 3, 4}]") == pytest.approx(5 / 3)
    assert lyra.value("StandardDeviation[{1., 2, 3, 4}]") == pytest.approx(math.sqrt(5 / 3))
    assert lyra.value("Correlation[{1., 2, 3}, {1, 2, 4}]") == pytest.approx(0.9819805060619656)
    assert lyra.value("Covariance[{1., 2, 3}, {1, 2, 4}]") == pytest.approx(1.5)
    assert lyra("Quantile[{1., 2., 3., 4.}, 0.3]") == "2."


def test_mean_of_a_large_list_is_linear_and_exact(lyra):
    assert lyra("Mean[Range[10^6]]") == "1000001/2"
    assert lyra("Total[BinCounts[Range[10^5], 1000]]") == "100000"


@pytest.mark.parametrize(
    "source, message",
    [
        ("Mean[{}]", "Mean::rectn"),
        ("Mean[5]", "Mean::rectn"),
        ("Mean[{{1, 2}, {3}}]", "Mean::rectn"),
        ("Variance[{1}]", "Variance::shlen"),
        ("Covariance[{1, 2}, {1, 2, 3}]", "Covariance::vctmat"),
        ("Quantile[{1, 2, 3, 4}, 2]", "Quantile::qntspec"),
        ("Commonest[x]", "Commonest::list"),
        ("BinCounts[{a, 1}]", "BinCounts::ldata"),
        ("RandomVariate[foo]", "RandomVariate::noimp"),
        ("RandomVariate[NormalDistribution[0, -1]]", "NormalDistribution::posprm"),
    ],
)
def test_bad_arguments(lyra, source, message):
    assert lyra(source) == source
    assert lyra.messages == [message]


def test_message_texts(lyra):
    lyra("Mean[{}]")
    assert lyra.message_texts == ["Mean::rectn: Rectangular array expected at position 1 in Mean[{}]."]
    lyra("Variance[{1}]")
    assert lyra.message_texts == ["Variance::shlen: The argument {1} should have at least 2 elements."]


def test_random_variate_is_reproducible(lyra):
    first = lyra("SeedRandom[5]; RandomVariate[NormalDistribution[0, 1], 4]")
    second = lyra("SeedRandom[5]; RandomVariate[NormalDistribution[0, 1], 4]")
    assert first == second


def test_random_variate_shapes_and_ranges(lyra):
    lyra("SeedRandom[1]")
    sample = lyra.value("RandomVariate[UniformDistribution[{2, 3}], 1000]")
    assert len(sample.args) == 1000 and all(2.0 <= x < 3.0 for x in sample.args)
    grid = lyra.value("RandomVariate[NormalDistribution[], {2, 3}]")
    assert [len(r.args) for r in grid.args] == [3, 3]
    normal = lyra.value("RandomVariate[NormalDistribution[10, 2], 4000]")
    values = normal.args
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    assert abs(mean - 10) < 0.2 and abs(sd - 2) < 0.2
    dice = lyra.value("RandomVariate[DiscreteUniformDistribution[{1, 6}], 600]")
    assert set(dice.args) <= {1, 2, 3, 4, 5, 6} and all(type(d) is int for d in dice.args)
    coins = lyra.value("RandomVariate[BernoulliDistribution[1/2], 100]")
    assert set(coins.args) <= {0, 1}
    waits = lyra.value("RandomVariate[ExponentialDistribution[2], 2000]")
    assert abs(sum(waits.args) / 2000 - 0.5) < 0.1
    point = lyra.value("RandomVariate[UniformDistribution[{{0, 1}, {5, 6}}]]")
    assert type(point) is Expr and point.head is S.List and 5 <= point.args[1] < 6
