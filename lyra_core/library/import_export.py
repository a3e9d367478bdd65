"""Import, Export, ImportString, ExportString.

Formats (chosen by name, or by the file extension):

    "Text"     .txt        the whole text as one string
    "Lines"                a list of the lines
    "CSV"      .csv        a list of rows; fields that are numbers become
    "TSV"      .tsv        Integer or Real, other fields strings
    "Table"    .dat        rows of whitespace-separated fields, numbers parsed
    "JSON"     .json       objects <-> Associations, arrays <-> lists,
                           true/false/null <-> True/False/Null
    "Package"  .m .wl .lyra  Lyra source: Import evaluates it (as Get does),
                           Export writes the InputForm of the expression

Export writes atomically (lyra_core.atomic.write_atomically) and gives the file name.
A missing file gives Import::nffil and $Failed; data that does not fit the
format gives a message and $Failed.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re

from ..engine import messages
from ..expr.assoc import Association
from ..expr.atoms import BigReal, Rational
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from ..atomic import write_atomically
from .files import file_name, io_failure, read_text, run_source, text_lines
from .list_support import call, is_rule as _is_rule
from .registry import builtin

List = S.List
FAILED = S.DollarFailed

messages.define("Import", "fmtnosup", "`1` is not a supported Import format.")
messages.define("Export", "fmtnosup", "`1` is not a supported Export format.")
messages.define("ImportString", "fmtnosup", "`1` is not a supported Import format.")
messages.define("ExportString", "fmtnosup", "`1` is not a supported Export format.")
messages.define("General", "fmterr", "Cannot import data as `1` format.")
messages.define("General", "jsonexpr", "`1` cannot be exported as JSON.")
messages.define("General", "nodata", "`1` cannot be exported in the `2` format.")

_EXTENSIONS = {
    "txt": "Text",
    "text": "Text",
    "csv": "CSV",
    "tsv": "TSV",
    "tab": "TSV",
    "dat": "Table",
    "json": "JSON",
    "m": "Package",
    "wl": "Package",
    "lyra": "Package",
}
_FORMATS = {
    "text": "Text",
    "string": "Text",
    "lines": "Lines",
    "csv": "CSV",
    "tsv": "TSV",
    "table": "Table",
    "json": "JSON",
    "rawjson": "JSON",
    "package": "Package",
    "lyra": "Package",
    "wl": "Package",
    "m": "Package",
}


def _format_of(ev, caller, spec, path):
    """The format name for an explicit spec or the file's extension; None
    after caller::fmtnosup."""
    if spec is None:
        extension = os.path.splitext(path)[1][1:].lower() if path else ""
        return _EXTENSIONS.get(extension, "Text")
    if type(spec) is str and spec.lower() in _FORMATS:
        return _FORMATS[spec.lower()]
    ev.message(caller, "fmtnosup", spec)
    return None


# ================================================================ parsing text
_INTEGER = re.compile(r"[+-]?\d+\Z")
_REAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_WL_REAL = re.compile(r"([+-]?(?:\d+\.?\d*|\.\d+))\*\^([+-]?\d+)\Z")


def parse_number(text: str):
    """An Integer or machine Real for a number written in text, else None."""
    word = text.strip()
    if _INTEGER.match(word):
        return int(word)
    if _REAL.match(word):
        return float(word)
    m = _WL_REAL.match(word)
    if m:
        return float(m.group(1) + "e" + m.group(2))
    return None


def _field(text: str):
    value = parse_number(text)
    return text if value is None else value


def _delimited(text: str, delimiter: str) -> Expr:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [Expr(List, tuple(_field(f) for f in row)) for row in reader]
    while rows and not rows[-1].args:
        rows.pop()
    return Expr(List, tuple(rows))


def _table(text: str) -> Expr:
    rows = []
    for line in text_lines(text):
        words = line.split()
        if words:
            rows.append(Expr(List, tuple(_field(w) for w in words)))
    return Expr(List, tuple(rows))


class _BadData(Exception):
    pass


def _reject_constant(name):
    raise _BadData(name)


def _from_json_text(text: str):
    value = json.loads(text, parse_constant=_reject_constant)
    return _from_json(value)


def _from_json(v):
    if v is True:
        return S.True_
    if v is False:
        return S.False_
    if v is None:
        return S.Null
    if type(v) is list:
        return Expr(List, tuple(_from_json(x) for x in v))
    if type(v) is dict:
        return Association.from_pairs((k, _from_json(x), False) for k, x in v.items())
    return v  # int, float, str


def parse_data(ev, caller, fmt, text, name):
    """The Lyra value of text in the given format; None after a message."""
    try:
        if fmt == "Text":
            return text[:-1] if text.endswith("\n") else text
        if fmt == "Lines":
            return Expr(List, tuple(text_lines(text)))
        if fmt == "CSV":
            return _delimited(text, ",")
        if fmt == "TSV":
            return _delimited(text, "\t")
        if fmt == "Table":
            return _table(text)
        if fmt == "JSON":
            return _from_json_text(text)
        if fmt == "Package":
            return run_source(ev, caller, name, text)
    except (ValueError, _BadData, csv.Error, RecursionError):
        ev.message(caller, "fmterr", fmt)
        return None
    ev.message(caller, "fmtnosup", fmt)
    return None


# ================================================================ writing text
def _text_of(value) -> str:
    from ..forms import output_form

    return value if type(value) is str else output_form(value)


def _cell(value) -> str:
    """One CSV/TSV field: numbers as plain decimals, other values as text."""
    t = type(value)
    if t is int:
        return str(value)
    if t is float:
        return _real_text(value)
    if t is Rational:
        return _real_text(value.num / value.den)
    if t is BigReal:
        return _real_text(float(value))
    return _text_of(value)


def _real_text(x: float) -> str:
    text = repr(x)
    return text[:-1] if text.endswith(".0") else text


def _rows_of(value):
    if type(value) is Expr and value.head is List:
        rows = []
        for row in value.args:
            if type(row) is Expr and row.head is List:
                rows.append([_cell(v) for v in row.args])
            else:
                rows.append([_cell(row)])
        return rows
    return [[_cell(value)]]


def _delimited_text(value, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(_rows_of(value))
    return out.getvalue()


class _NotJSON(Exception):
    def __init__(self, value):
        self.value = value


def _to_json(v):
    t = type(v)
    if t is int or t is str:
        return v
    if t is float:
        if math.isnan(v) or math.isinf(v):
            raise _NotJSON(v)
        return v
    if t is Rational:
        return v.num / v.den
    if t is BigReal:
        return float(v)
    if t is Symbol:
        if v is S.True_:
            return True
        if v is S.False_:
            return False
        if v is S.Null:
            return None
        raise _NotJSON(v)
    if t is Association:
        return {_json_key(k): _to_json(x) for k, x, _ in v.entries()}
    if t is Expr and v.head is List:
        if v.args and all(_is_rule(r) for r in v.args):
            return {_json_key(r.args[0]): _to_json(r.args[1]) for r in v.args}
        return [_to_json(x) for x in v.args]
    raise _NotJSON(v)


def _json_key(k) -> str:
    if type(k) is str:
        return k
    raise _NotJSON(k)


def format_data(ev, caller, fmt, value, options=()):
    """The text of value in the given format; None after a message."""
    if fmt == "Text":
        return _text_of(value)
    if fmt == "Lines":
        items = value.args if type(value) is Expr and value.head is List else (value,)
        return "".join(_text_of(v) + "\n" for v in items)
    if fmt == "CSV":
        return _delimited_text(value, ",")
    if fmt == "TSV":
        return _delimited_text(value, "\t")
    if fmt == "Table":
        return "".join("\t".join(row) + "\n" for row in _rows_of(value))
    if fmt == "JSON":
        compact = _option(options, "Compact") is S.True_
        try:
            data = _to_json(value)
        except _NotJSON as bad:
            ev.message(caller, "jsonexpr", bad.value)
            return None
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(data, ensure_ascii=False, indent="\t", separators=(",", ":"))
    if fmt == "Package":
        from ..forms import input_form

        return input_form(value) + "\n"
    ev.message(caller, "fmtnosup", fmt)
    return None


def _option(options, name):
    for r in options:
        if _is_rule(r) and (r.args[0] == name or (type(r.args[0]) is Symbol and r.args[0].name == name)):
            return r.args[1]
    return None


def _split_format(args):
    """(format spec or None, option rules) from the arguments after the data."""
    spec = None
    options = []
    for a in args:
        if _is_rule(a):
            options.append(a)
        elif spec is None:
            spec = a
        else:
            return False, ()
    return spec, tuple(options)


# ================================================================ builtins
@builtin(
    "Import",
    nargs=(1, None),
    attributes=("Protected",),
    system_access="read",
    evaluates_result=True,
    usage="Import[\"file\"] reads data from file in the format its extension names (.txt, .csv, .tsv, .dat, .json, "
    ".m/.wl/.lyra); Import[\"file\", \"format\"] uses the format given: \"Text\", \"Lines\", \"CSV\", \"TSV\", "
    "\"Table\", \"JSON\" (objects become associations) or \"Package\" (evaluated, as Get). A missing file gives "
    "Import::nffil and $Failed.\nExample: Export[\"t.csv\", {{1, \"a\"}, {2.5, \"b\"}}]; Import[\"t.csv\"] gives "
    "{{1, \"a\"}, {2.5, \"b\"}}",
)
def import_(ev, name, *rest):
    path = file_name(ev, "Import", name)
    if path is None:
        return None
    spec, _ = _split_format(rest)
    if spec is False:
        return None
    fmt = _format_of(ev, "Import", spec, path)
    if fmt is None:
        return FAILED
    if not os.path.exists(path):
        ev.message("Import", "nffil", name, system("Import"))
        return FAILED
    text = read_text(ev, "Import", path, call("Import", name, *rest))
    if text is None:
        return FAILED
    value = parse_data(ev, "Import", fmt, text, name)
    return FAILED if value is None else value


@builtin(
    "Export",
    nargs=(2, None),
    attributes=("Protected",),
    system_access=True,
    usage="Export[\"file\", expr] writes expr to file in the format of its extension (see Import) and gives the file "
    "name; Export[\"file\", expr, \"format\"] uses the format given. The write is atomic. JSON export takes "
    "\"Compact\" -> True for output without whitespace.\n"
    "Example: Export[\"data.json\", <|\"a\" -> {1, 2}|>]",
)
def export(ev, name, value, *rest):
    path = file_name(ev, "Export", name)
    if path is None:
        return None
    spec, options = _split_format(rest)
    if spec is False:
        return None
    fmt = _format_of(ev, "Export", spec, path)
    if fmt is None:
        return FAILED
    text = format_data(ev, "Export", fmt, value, options)
    if text is None:
        return FAILED
    try:
        write_atomically(path, text)
    except OSError as error:
        return io_failure(ev, "Export", path, error)
    return name


@builtin(
    "ImportString",
    nargs=(1, None),
    attributes=("Protected",),
    evaluates_result=True,
    usage="ImportString[\"data\", \"format\"] reads data from a string in one of Import's formats (\"Text\" when no "
    "format is given).\nExample: ImportString[\"1,2\\n3,4\", \"CSV\"] gives {{1, 2}, {3, 4}}",
)
def import_string(ev, text, *rest):
    if type(text) is not str:
        ev.message("ImportString", "string", 1, call("ImportString", text, *rest))
        return None
    spec, _ = _split_format(rest)
    if spec is False:
        return None
    fmt = _format_of(ev, "ImportString", spec if spec is not None else "Text", None)
    if fmt is None:
        return FAILED
    value = parse_data(ev, "ImportString", fmt, text, "string")
    return FAILED if value is None else value


@builtin(
    "ExportString",
    nargs=(2, None),
    attributes=("Protected",),
    usage="ExportString[expr, \"format\"] gives the text of expr in one of Export's formats.\n"
    "Example: ExportString[{{1, 2}, {3, 4}}, \"CSV\"] gives \"1,2\\n3,4\\n\"",
)
def export_string(ev, value, *rest):
    spec, options = _split_format(rest)
    if spec is False or spec is None:
        return None
    fmt = _format_of(ev, "ExportString", spec, None)
    if fmt is None:
        return FAILED
    text = format_data(ev, "ExportString", fmt, value, options)
    return FAILED if text is None else text
