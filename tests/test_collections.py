"""Lyra's own collections: sets (lists without repeats), dictionaries
(associations), queues and stacks -- immutable values."""

import pytest


@pytest.mark.parametrize(
    "source, expected",
    [
        ("SetCreate[{b, a, b, c}]", "{b, a, c}"),
        ("SetCreate[{1, 1., 1}]", "{1, 1.}"),
        ("SetCreate[]", "{}"),
        ("SetUnion[{1, 2}, {2, 3}, {4, 1}]", "{1, 2, 3, 4}"),
        ("SetIntersection[{1, 2, 3}, {3, 2, 5}]", "{2, 3}"),
        ("SetIntersection[{1, 2, 3}, {3, 2}, {2}]", "{2}"),
        ("SetDifference[{1, 2, 3}, {2}]", "{1, 3}"),
        ("SetContains[{1, 2, 3}, 2]", "True"),
        ("SetContains[{1, 2, 3}, 2.]", "False"),
        ("SetContains[{f[x], g[y]}, g[y]]", "True"),
        ("SetAdd[{1, 2}, 3]", "{1, 2, 3}"),
        ("SetAdd[{1, 2}, 2]", "{1, 2}"),
        ("SetRemove[{1, 2, 3}, 2]", "{1, 3}"),
        ("SetSize[{1, 2, 3}]", "3"),
    ],
)
def test_sets(lyra, source, expected):
    assert lyra(source) == expected
    assert lyra.messages == []


def test_set_messages(lyra):
    assert lyra("SetContains[x, 2]") == "SetContains[x, 2]"
    assert lyra.messages == ["SetContains::setlist"]
    assert lyra("SetUnion[{1}, x]") == "SetUnion[{1}, x]"
    assert lyra.messages == ["SetUnion::setlist"]


def test_sets_are_linear_on_large_input(lyra):
    assert lyra("Length[SetCreate[Mod[Range[10^6], 1000]]]") == "1000"
    assert lyra("Length[SetIntersection[Range[10^5], Range[50000, 200000]]]") == "50001"


def test_dictionaries(lyra):
    assert lyra('dict1 = DictCreate[{"a" -> 1, "b" -> 2}]') == '<|"a" -> 1, "b" -> 2|>'
    assert lyra('DictCreate[{{"a", 1}, {"b", 2}}]') == '<|"a" -> 1, "b" -> 2|>'
    assert lyra('DictCreate["x" -> 1]') == '<|"x" -> 1|>'
    assert lyra("DictCreate[]") == "<||>"
    assert lyra('DictGet[dict1, "a"]') == "1"
    assert lyra('DictGet[dict1, "z"]') == 'Missing["KeyAbsent", "z"]'
    assert lyra('DictGet[dict1, "z", 0]') == "0"
    assert lyra('DictSet[dict1, "c", 3]') == '<|"a" -> 1, "b" -> 2, "c" -> 3|>'
    assert lyra('DictSet[dict1, "a", 9]') == '<|"a" -> 9, "b" -> 2|>'
    # Immutable: d itself is unchanged.
    assert lyra("dict1") == '<|"a" -> 1, "b" -> 2|>'
    assert lyra("DictKeys[dict1]") == '{"a", "b"}'
    assert lyra("DictValues[dict1]") == "{1, 2}"
    assert lyra("DictSize[dict1]") == "2"
    assert lyra('DictContains[dict1, "a"]') == "True"
    assert lyra('DictContains[dict1, "q"]') == "False"
    assert lyra('DictDelete[dict1, "a"]') == '<|"b" -> 2|>'
    assert lyra('DictMerge[dict1, <|"a" -> 5, "q" -> 6|>]') == '<|"a" -> 5, "b" -> 2, "q" -> 6|>'
    # A dictionary is an Association: the Association functions work on it.
    assert lyra('dict1["b"]') == "2"
    assert lyra.messages == []


def test_dictionary_messages(lyra):
    assert lyra('DictGet[{1}, "a"]') == 'DictGet[{1}, "a"]'
    assert lyra.messages == ["DictGet::dict"]
    assert lyra("DictCreate[{1, 2}]") == "DictCreate[{1, 2}]"
    assert lyra.messages == ["DictCreate::dictpairs"]


def test_queues(lyra):
    assert lyra("queue1 = QueueCreate[]") == "Queue[{}]"
    assert lyra("queue1 = QueueEnqueue[queue1, 1]; queue1 = QueueEnqueue[queue1, 2, 3]") == "Queue[{1, 2, 3}]"
    assert lyra("{item1, queue1} = QueueDequeue[queue1]; {item1, queue1}") == "{1, Queue[{2, 3}]}"
    assert lyra("QueuePeek[queue1]") == "2"
    assert lyra("QueueSize[queue1]") == "2"
    assert lyra("QueueEmptyQ[queue1]") == "False"
    assert lyra("QueueCreate[{a, b}]") == "Queue[{a, b}]"
    assert lyra.messages == []


def test_stacks(lyra):
    assert lyra("stack1 = StackPush[StackCreate[], 1, 2]") == "Stack[{1, 2}]"
    assert lyra("{top1, stack1} = StackPop[stack1]; {top1, stack1}") == "{2, Stack[{1}]}"
    assert lyra("StackPeek[StackPush[stack1, 7]]") == "7"
    assert lyra("StackSize[stack1]") == "1"
    assert lyra("StackEmptyQ[StackCreate[]]") == "True"
    assert lyra.messages == []


def test_empty_dequeue_and_pop_are_messages(lyra):
    assert lyra("QueueDequeue[QueueCreate[]]") == "QueueDequeue[Queue[{}]]"
    assert lyra.messages == ["QueueDequeue::qempty"]
    assert lyra("StackPop[StackCreate[]]") == "StackPop[Stack[{}]]"
    assert lyra.messages == ["StackPop::sempty"]
    assert lyra("QueuePeek[Queue[{}]]") == "QueuePeek[Queue[{}]]"
    assert lyra.messages == ["QueuePeek::qempty"]
    assert lyra("StackPush[notastack, 1]") == "StackPush[notastack, 1]"
    assert lyra.messages == ["StackPush::stack"]
    assert lyra("QueueEnqueue[{1}, 2]") == "QueueEnqueue[{1}, 2]"
    assert lyra.messages == ["QueueEnqueue::queue"]


def test_queue_drains_in_order(lyra):
    program = """
    queue2 = QueueCreate[Range[5]]; drained = {};
    While[!QueueEmptyQ[queue2], {item2, queue2} = QueueDequeue[queue2]; AppendTo[drained, item2]];
    drained
    """
    assert lyra(program) == "{1, 2, 3, 4, 5}"


def test_set_messages_show_the_call_made(lyra):
    # the message once showed SetAdd[5, {}], a call nobody made
    lyra.check("SetAdd[5, x]", "SetAdd[5, x]", ["SetAdd::setlist"])
    assert lyra.message_texts == ["SetAdd::setlist: A set (a list) is expected at position 1 in SetAdd[5, x]."]
