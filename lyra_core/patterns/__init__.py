"""Pattern matching: the matcher, rules and definitions, and their fast paths.

    match(pattern, expr, ev, bindings=None) -> dict | None    first match
    match_all(pattern, expr, ev)            -> iterator        every match, WL's order
    matches(pattern, expr, ev)              -> bool            MatchQ
    substitute(expr, bindings)              -> expr            put a match into a template
    Rule(lhs, rhs, delayed)                 rule.apply(expr, ev) -> rhs | None
    insert_definition(rules, rule)          WL's definition ordering
    apply_definitions(rules, expr, ev, owner)  what the evaluator calls
    apply_rules_once(rules, expr, ev)       one replacement step
    RuleTable(rules)                        rules indexed for repeated use

`ev` is the evaluator: `ev.evaluate(e)`, `ev.naive`, `ev.message(...)`.
Modules: structure (what a pattern is made of), matcher (the general
matcher), substitute, specialize (compiled matchers for common shapes),
rules, options (OptionValue), ordering, dispatch (the index).
"""

from .dispatch import RuleTable, apply_definitions, apply_rules_once
from .matcher import match, match_all, matches
from .ordering import insert_definition, remove_definition
from .rules import Rule, rules_from
from .structure import OPTIONS_KEY, is_literal
from .substitute import substitute

__all__ = [
    "OPTIONS_KEY",
    "Rule",
    "RuleTable",
    "apply_definitions",
    "apply_rules_once",
    "insert_definition",
    "is_literal",
    "match",
    "match_all",
    "matches",
    "remove_definition",
    "rules_from",
    "substitute",
]
