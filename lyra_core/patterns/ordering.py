"""WL's ordering of definitions: specific rules before general ones.

Every rule gets a specificity key, computed once; smaller keys are more
specific and keys compare as plain tuples. The heuristic follows WL's
documented behaviour:

  * a left side with no pattern construct at all (f[1], g[a, "s"]) is a
    literal rule: those come first (WL keeps them in a hash table);
  * then argument by argument, left to right: a literal argument is more
    specific than a structured pattern (g[x_, 1], f[{x_, y_}]), which is more
    specific than a blank with a head (x_Integer), than `_` , than an
    optional argument, than `__`, than `___`; a PatternTest or Condition on an
    argument makes it a little more specific than the same argument without;
  * a shorter argument list is more specific than a longer one it is a
    prefix of; structured patterns compare their parts the same way;
  * a Condition on the whole rule (`lhs /; c` or `lhs := rhs /; c`) breaks
    ties with the same rule unconditioned: f[x_] /; c goes before f[x_].

Rules whose keys are equal keep the order they were defined in (f[x_ + y_]
and f[x_ y_] stay as given). A new rule whose left side is identical to an
existing one (SameQ, ignoring HoldPattern, with the same right-side
condition) replaces it in place.
"""

from __future__ import annotations

from ..expr import system_symbols as S
from ..expr.normal import Expr
from .structure import Longest, PatternSequence, Shortest, is_literal, literal_key, strip_hold

_LITERAL = (0,)

# Ranks of the leaf pattern kinds, most specific first.
_HEADED_BLANK = 2
_EXCEPT = 3
_BLANK = 4
_OPTIONAL = 5
_SEQUENCE_HEADED = 6
_SEQUENCE = 7
_NULL_SEQUENCE_HEADED = 8
_NULL_SEQUENCE = 9
_OPTIONS = 10

_PLAIN = 1  # second slot of a leaf key: 0 when a test/condition refines it
_REFINED = 0


def pattern_key(p) -> tuple:
    """The specificity key of one pattern (smaller: more specific)."""
    if type(p) is not Expr or is_literal(p):
        return _LITERAL
    h = p.head
    args = p.args
    n = len(args)
    if h is S.Blank:
        return (_HEADED_BLANK if n else _BLANK, _PLAIN)
    if h is S.BlankSequence:
        return (_SEQUENCE_HEADED if n else _SEQUENCE, _PLAIN)
    if h is S.BlankNullSequence:
        return (_NULL_SEQUENCE_HEADED if n else _NULL_SEQUENCE, _PLAIN)
    if h is S.Pattern and n == 2:
        return pattern_key(args[1])
    if (h is S.PatternTest or h is S.Condition) and n == 2:
        return _refined(pattern_key(args[0]))
    if h is S.HoldPattern or h is Longest or h is Shortest:
        return pattern_key(args[0]) if n else _LITERAL
    if h is S.Verbatim:
        return _LITERAL
    if h is S.Optional and n:
        return max(pattern_key(args[0]), (_OPTIONAL, _PLAIN))
    if h is S.Alternatives:
        return max((pattern_key(a) for a in args), default=_LITERAL)
    if h is S.Except:
        return (_EXCEPT, _PLAIN) if n == 1 else _refined(pattern_key(args[-1]))
    if h is S.Repeated and n:
        return (_SEQUENCE_HEADED, _PLAIN)
    if h is S.RepeatedNull and n:
        return (_NULL_SEQUENCE_HEADED, _PLAIN)
    if h is S.OptionsPattern:
        return (_OPTIONS, _PLAIN)
    if h is PatternSequence:
        return (_SEQUENCE, _PLAIN)
    # A structured pattern h[...]: compared part by part.
    return (1, pattern_key(h), tuple(pattern_key(a) for a in args), _PLAIN)


def _refined(key: tuple) -> tuple:
    if key == _LITERAL:
        return key
    return key[:-1] + (_REFINED,)


def rule_key(lhs, rhs_condition) -> tuple:
    """The specificity key of a definition lhs (:)= rhs."""
    conditioned = rhs_condition is not None
    core = lhs
    while type(core) is Expr and len(core.args) in (1, 2):
        if core.head is S.HoldPattern and len(core.args) == 1:
            core = core.args[0]
        elif core.head is S.Condition and len(core.args) == 2:
            conditioned = True
            core = core.args[0]
        else:
            break
    literal = not conditioned and is_literal(core)
    return (0 if literal else 1, pattern_key(core), 0 if conditioned else 1)


def insert_definition(rules: list, rule) -> int:
    """Put `rule` into the definition list `rules` in WL's order; its index.

    An existing rule with an identical left side (and the same right-side
    condition) is replaced in place.
    """
    from .dispatch import index_for_update  # the index keeps itself in step

    index = index_for_update(rules)
    same_at = index.find_identical(rule) if index is not None else _find_identical(rules, rule)
    if same_at is not None:
        rules[same_at] = rule
        if index is not None:
            index.replaced(same_at, rule)
        return same_at
    key = rule.key
    start = 0
    if index is not None:
        # Literal rules form the front of the list: a new one ends that block
        # (literal keys are all equal); a pattern rule goes somewhere after it.
        start = index.literal_count
        if key[0] == 0 and (start == len(rules) or rules[start].key > key):
            rules.insert(start, rule)
            index.inserted(start, rule)
            return start
    position = len(rules)
    for i in range(start, len(rules)):
        if rules[i].key > key:
            position = i
            break
    rules.insert(position, rule)
    if index is not None:
        index.inserted(position, rule)
    return position


def remove_definition(rules: list, lhs) -> bool:
    """Unset: remove the definition whose left side is identical to `lhs`
    (ignoring HoldPattern), preferring one without a right-side condition."""
    core = literal_key(strip_hold(lhs))
    found = None
    for i, r in enumerate(rules):
        if r.identity[0] == core:
            if r.test is None:
                found = i
                break
            if found is None:
                found = i
    if found is None:
        return False
    del rules[found]
    return True


def _find_identical(rules: list, rule):
    ident = rule.identity
    for i, r in enumerate(rules):
        if r.identity == ident:
            return i
    return None


__all__ = ["insert_definition", "pattern_key", "remove_definition", "rule_key"]
