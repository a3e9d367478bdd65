"""Expressions to text: InputForm, FullForm, OutputForm, TreeForm, Short.

    from lyra_core.forms import input_form, full_form, tree_form, output_form, short, format_real

input_form(e)        WL InputForm, Lyra's default output; parse(input_form(e)) == e
full_form(e)         WL FullForm: Plus[1, Times[2, x]]
output_form(e)       one-line OutputForm (ToString): strings unquoted, `2 x`
tree_form(e, max_depth=None)   indented tree; FormatTooDeep beyond 1000 levels
short(e, max_chars=2000, form=input_form)   WL Short: `{1, 2, <<996>>, 999, 1000}`
format_real(x)       InputForm text of a machine real: `1.`, `1.5*^20`

The printers are iterative: expressions of any depth print (no recursion).
"""

from .numbers import format_real
from .printers import full_form, input_form, output_form
from .short import short
from .tree import FormatTooDeep, tree_form

__all__ = [
    "FormatTooDeep",
    "format_real",
    "full_form",
    "input_form",
    "output_form",
    "short",
    "tree_form",
]
