"""Operator precedences for printing (LANGUAGE.md section 2; larger binds tighter).

The numbers follow WL's Precedence[] values where WL has one, so relative
order matches the parser's table. A node is parenthesised when its own
precedence is below the minimum its position demands.
"""

ATOM = 1000  # symbols, non-negative numbers, strings, x_, #1, %, {..}, <|..|>
MESSAGE_NAME = 750
CALL = 700  # f[x], e[[i]], Sqrt[x]
PATTERN_TEST = 680
INCREMENT = 660  # x++ x-- ++x --x
COMPOSITION = 625
RIGHT_COMPOSITION = 624
MAP = 620  # /@ //@ @@ @@@
FACTORIAL = 610
STRING_JOIN = 600
POWER = 590
DOT = 490
UNARY_MINUS = 480  # -x, and negative numbers
DIVIDE = 470  # a/b, and Rational atoms
TIMES = 400
PLUS = 310
SPAN = 305
COMPARISON = 290  # == != < <= > >= and Inequality
SAME = 285  # === =!=
NOT = 230
AND = 215
OR = 214
REPEATED = 170
ALTERNATIVES = 160
PATTERN = 150  # x:p
OPTIONAL = 140  # x_:d, x:p:d
STRING_EXPRESSION = 135
CONDITION = 130
RULE = 120
REPLACE = 110
ASSIGN_OP = 100  # += -= *= /=
FUNCTION = 90  # body &
SET = 40  # = := ^= ^:= =.
COMPOUND = 10
