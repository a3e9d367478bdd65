"""Pipelines and dot-calls: where `x |> stage` and `x.stage` put the data.

LANGUAGE.md section 2: `x |> f` is f[x]; `x |> g[a, b]` is g[x, a, b] (the data
goes first) -- except when the stage is the operator (curried) form of a
builtin, which is applied to the data: `x |> Map[f]` is Map[f][x]. Any stage
not written as a call (a pure function, a parenthesised expression,
f[a][b], ...) is applied too. The decision is made at parse time.
"""

from __future__ import annotations

from ..expr import Expr, Symbol, system

# Builtins that WL gives an operator (curried) form, with the number of
# arguments of that form. A pipeline stage or dot-call written as one of these
# with exactly that many arguments is applied to the data
# (`x |> Map[f]` is Map[f][x]); any other call gets the data inserted first
# (`x |> Take[3]` is Take[x, 3]).
OPERATOR_FORM_ARITY = {
    # mapping and applying
    "Map": 1,
    "MapIndexed": 1,
    "MapThread": 1,
    "MapAt": 2,
    "SubsetMap": 2,
    "Apply": 1,
    "Scan": 1,
    "Fold": 1,
    "FoldList": 1,
    # selecting and testing elements
    "Select": 1,
    "SelectFirst": 1,
    "Cases": 1,
    "DeleteCases": 1,
    "Count": 1,
    "Position": 1,
    "FirstCase": 1,
    "FirstPosition": 1,
    "MemberQ": 1,
    "FreeQ": 1,
    "MatchQ": 1,
    "AllTrue": 1,
    "AnyTrue": 1,
    "NoneTrue": 1,
    "ContainsAny": 1,
    "ContainsAll": 1,
    "ContainsNone": 1,
    "ContainsExactly": 1,
    "ContainsOnly": 1,
    # ordering and grouping
    "SortBy": 1,
    "ReverseSortBy": 1,
    "GroupBy": 1,
    "GatherBy": 1,
    "CountsBy": 1,
    "DeleteDuplicatesBy": 1,
    "MaximalBy": 1,
    "MinimalBy": 1,
    "TakeLargest": 1,
    "TakeSmallest": 1,
    "TakeLargestBy": 2,
    "TakeSmallestBy": 2,
    # structural edits
    "Append": 1,
    "Prepend": 1,
    "Insert": 2,
    "Delete": 1,
    "Extract": 1,
    "ReplaceAll": 1,
    "Replace": 1,
    "ReplacePart": 1,
    "ReplaceAt": 2,
    # strings
    "StringReplace": 1,
    "StringCases": 1,
    "StringContainsQ": 1,
    "StringStartsQ": 1,
    "StringEndsQ": 1,
    "StringMatchQ": 1,
    "StringFreeQ": 1,
    "StringDelete": 1,
    # associations
    "Lookup": 1,
    "Key": 1,
    "KeySelect": 1,
    "KeyTake": 1,
    "KeyDrop": 1,
    "KeyMap": 1,
    "KeyValueMap": 1,
    "KeySortBy": 1,
    "KeyMemberQ": 1,
    "KeyFreeQ": 1,
    "KeyExistsQ": 1,
    "AssociationMap": 1,
    "Merge": 1,
    # predicates that are operators themselves
    "Between": 1,
    "EqualTo": 1,
    "UnequalTo": 1,
    "GreaterThan": 1,
    "LessThan": 1,
    "GreaterEqualThan": 1,
    "LessEqualThan": 1,
    "SameAs": 1,
}
# Heads whose calls are functions already, whatever their argument count.
ALWAYS_APPLIED = ("Function", "Composition", "RightComposition", "Query")

_OPERATOR_FORMS = {system(name): arity for name, arity in OPERATOR_FORM_ARITY.items()}
_ALWAYS_APPLIED = frozenset(system(name) for name in ALWAYS_APPLIED)


def apply_stage(data, stage, written_as_call: bool):
    """The pipeline `data |> stage` (and the dot-call `data.stage`)."""
    if type(stage) is Symbol:
        return Expr(stage, (data,))
    if written_as_call and type(stage) is Expr:
        head = stage.head
        if type(head) is Symbol and head not in _ALWAYS_APPLIED:
            if _OPERATOR_FORMS.get(head) != len(stage.args):
                return Expr(head, (data,) + stage.args)
    return Expr(stage, (data,))

