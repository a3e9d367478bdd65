"""Core data: atoms, symbols, normal expressions. The hot path of both engines."""

from .assoc import Association, key_of
from .atoms import (
    BigReal,
    Complex,
    Rational,
    make_complex,
    make_rational,
    NUMBER_TYPES,
    EXACT_NUMBER_TYPES,
)
from .normal import E, Expr, same, same_args
from .symbol import Symbol, intern, lookup, system, Workspace
from . import system_symbols as S

__all__ = [
    "Association",
    "BigReal",
    "Complex",
    "E",
    "Expr",
    "EXACT_NUMBER_TYPES",
    "NUMBER_TYPES",
    "Rational",
    "S",
    "Symbol",
    "Workspace",
    "intern",
    "key_of",
    "lookup",
    "make_complex",
    "make_rational",
    "same",
    "same_args",
    "system",
]
