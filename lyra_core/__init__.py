"""Lyra: a symbolic language in the Wolfram Language family.

Layers, bottom to top: expr (core data) -> syntax (text to expressions) ->
forms (expressions to text) -> patterns -> engine (tree-walker, VM) ->
library (builtins) -> session (the embedding API).
"""

__version__ = "0.1.0"
