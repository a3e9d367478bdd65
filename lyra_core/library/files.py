"""Files and directories: Get (<<), Put (>>), PutAppend (>>>), ReadList,
ReadString, WriteString, FileExistsQ, DirectoryQ, FileByteCount, CopyFile,
DeleteFile, RenameFile, CreateDirectory, DeleteDirectory, FileNames,
FileNameJoin, FileNameSplit, FileNameTake, FileExtension, FileBaseName,
DirectoryName, ExpandFileName, Directory, SetDirectory, ResetDirectory; and
the original Lyra names FileExists, DirectoryExists, FileSize, PathJoin,
AbsolutePath.

Everything that touches the file system is registered with system_access:
True (writes, deletes, directory changes) is refused in a sandboxed session;
"read" runs there only for paths under the allowed directory; the pure path
functions (FileNameJoin, FileExtension, ...) only manipulate strings.
Every write is atomic: the data goes to a temporary file in the target's
directory, which then replaces the target (os.replace), so a reader never
sees a half-written file. A missing file is a message (WL's nffil / noopen)
and $Failed, never a Python error.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import tempfile
import weakref

from ..atomic import replace_file, write_atomically
from ..engine import messages
from ..engine.signals import SandboxDenied
from ..expr.normal import Expr
from ..expr.symbol import Symbol, system
from ..expr import system_symbols as S
from .list_support import call, is_infinity, settled_list, truth
from .registry import builtin

List = S.List
FAILED = S.DollarFailed
NULL = S.Null

messages.define("General", "fstr", "File specification `1` is not a string of one or more characters.")
messages.define("General", "filex", "Cannot overwrite existing file `1`.")
messages.define("General", "fdir", "`1` is a directory, not a file.")
messages.define("General", "nodir", "Directory `1` not found.")
messages.define("General", "dirne", "Directory `1` is not empty.")
messages.define("General", "eexist", "`1` already exists.")
messages.define("General", "ioerr", "Input/output error on `1`: `2`.")
messages.define("SetDirectory", "cdir", "Cannot set current directory to `1`.")
messages.define("ResetDirectory", "cdir", "Cannot set current directory to `1`.")
messages.define("ResetDirectory", "dtop", "Directory stack is empty.")
messages.define("Get", "sntx", "Syntax error in `1` at line `2`: `3`.")
messages.define("ReadList", "readt", "Invalid input type `1`; the types are Expression, String, Number, Word, Record and Character.")
messages.define("ReadList", "readn", "Invalid real number found when reading from `1`.")

# ================================================================ paths and writing
def file_name(ev, name, value):
    """The path a file argument names, or None after name::fstr. In a
    sandboxed session a path outside the allowed directory raises
    SandboxDenied (the evaluator reports it as name::sandbox)."""
    if type(value) is str and value:
        return check_readable(ev, os.path.expanduser(value))
    if type(value) is Expr and value.head is system("File") and len(value.args) == 1 and type(value.args[0]) is str:
        return check_readable(ev, os.path.expanduser(value.args[0]))
    ev.message(name, "fstr", value)
    return None


def check_readable(ev, path: str) -> str:
    """path, after making sure a sandboxed session may read it."""
    if ev.sandbox and not ev.session.may_read(path):
        raise SandboxDenied(path)
    return path


def read_text(ev, name, path, whole):
    """The contents of a text file, or None after name::nffil / name::noopen."""
    try:
        with open(path, "r", encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        ev.message(name, "nffil", path, whole.head if type(whole) is Expr else name)
    except IsADirectoryError:
        ev.message(name, "fdir", path)
    except UnicodeDecodeError:
        try:
            with open(path, "r", encoding="latin-1", newline="") as f:
                return f.read()
        except OSError:
            ev.message(name, "noopen", path)
    except OSError:
        ev.message(name, "noopen", path)
    return None


def io_failure(ev, name, path, error) -> Symbol:
    """The message for an OSError while writing, and $Failed."""
    if isinstance(error, FileNotFoundError):
        ev.message(name, "nodir", os.path.dirname(os.path.abspath(path)))
    elif isinstance(error, IsADirectoryError):
        ev.message(name, "fdir", path)
    else:
        ev.message(name, "noopen", path)
    return FAILED


def _strings(ev, name, value):
    """A list of file names from a string or a list of strings, or None."""
    if type(value) is str:
        return [value]
    if type(value) is Expr and value.head is List and all(type(v) is str and v for v in value.args):
        return list(value.args)
    ev.message(name, "fstr", value)
    return None


# ================================================================ Get, Put, PutAppend
def _input_form(value) -> str:
    from ..forms import input_form

    return input_form(value)


@builtin(
    "Get",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    evaluates_result=True,
    usage="Get[\"file\"] or << file reads the Lyra (or WL .m) source in file, evaluates every statement in turn and "
    "gives the value of the last one ($Failed with Get::noopen when the file cannot be read).\n"
    "Example: Put[x^2, \"sq.m\"]; Get[\"sq.m\"] gives x^2",
)
def get(ev, name):
    path = file_name(ev, "Get", name)
    if path is None:
        return FAILED
    try:
        with open(path, "r", encoding="utf-8") as f:
            source = f.read()
    except (OSError, UnicodeDecodeError):
        ev.message("Get", "noopen", name)
        return FAILED
    return run_source(ev, "Get", name, source)


def run_source(ev, caller, name, source):
    """Parse source and evaluate each statement; the last value (Null for
    none), or $Failed after caller::sntx."""
    if source.startswith("#!"):
        source = "\n" + source.split("\n", 1)[1] if "\n" in source else ""
    statements = _statements(ev, caller, name, source)
    if statements is None:
        return FAILED
    result = NULL
    for statement in statements:
        result = ev.evaluate(statement.expr)
    return result


def _statements(ev, caller, name, source):
    """The parsed statements of a file's text, or None after caller::sntx."""
    from ..syntax import LyraSyntaxError, parse_statements

    try:
        return parse_statements(source)
    except LyraSyntaxError as error:
        ev.message(caller, "sntx", name, getattr(error, "line", "?"), getattr(error, "reason", str(error)))
        return None


def _put(ev, name, args, append):
    if not args:
        return None
    path = file_name(ev, name, args[-1])
    if path is None:
        return None
    text = "".join(_input_form(value) + "\n" for value in args[:-1])
    try:
        write_atomically(path, text, append=append)
    except OSError as error:
        return io_failure(ev, name, path, error)
    return NULL


@builtin(
    "Put",
    nargs=(1, None),
    attributes=("Protected",),
    system_access=True,
    usage="Put[e1, e2, ..., \"file\"] or e >> file writes the InputForm of each expression, one per line, to file "
    "(replacing it; the write is atomic). Get reads them back.\n"
    "Example: Put[{1, 2}, \"data.m\"]; Get[\"data.m\"] gives {1, 2}",
)
def put(ev, *args):
    return _put(ev, "Put", args, append=False)


@builtin(
    "PutAppend",
    nargs=(1, None),
    attributes=("Protected",),
    system_access=True,
    usage="PutAppend[e1, ..., \"file\"] or e >>> file appends the InputForm of each expression to file, one per "
    "line.\nExample: 1 >> \"f.m\"; 2 >>> \"f.m\"; ReadList[\"f.m\"] gives {1, 2}",
)
def put_append(ev, *args):
    return _put(ev, "PutAppend", args, append=True)


# ================================================================ ReadString, ReadList, WriteString
@builtin(
    "ReadString",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="ReadString[\"file\"] gives the whole contents of file as a string ($Failed with ReadString::noopen "
    "when it cannot be read).\nExample: WriteString[\"t.txt\", \"hi\"]; ReadString[\"t.txt\"] gives \"hi\"",
)
def read_string(ev, name):
    path = file_name(ev, "ReadString", name)
    if path is None:
        return None
    try:
        with open(path, "r", encoding="utf-8", newline="") as f:
            return f.read()
    except (OSError, UnicodeDecodeError):
        ev.message("ReadString", "noopen", name)
        return FAILED


_READ_TYPES = ("Expression", "String", "Number", "Word", "Record", "Character")


@builtin(
    "ReadList",
    nargs=(1, 3),
    attributes=("Protected",),
    system_access="read",
    usage="ReadList[\"file\"] reads every expression in file (evaluating each) and gives the list of them; "
    "ReadList[\"file\", type] reads objects of the type String (lines), Record (lines), Word, Number or Character; "
    "ReadList[\"file\", type, n] reads at most n.\n"
    "Example: ReadList[\"nums.txt\", Number] gives {1, 2.5, 3}",
)
def read_list(ev, name, *rest):
    path = file_name(ev, "ReadList", name)
    if path is None:
        return None
    kind = rest[0] if rest else system("Expression")
    if type(kind) is not Symbol or kind.name not in _READ_TYPES:
        ev.message("ReadList", "readt", kind)
        return None
    limit = None
    if len(rest) == 2:
        limit = rest[1]
        if type(limit) is not int or limit < 0:
            ev.message("ReadList", "intnm", call("ReadList", name, *rest), 3)
            return None
    text = read_text(ev, "ReadList", path, call("ReadList", name, *rest))
    if text is None:
        return FAILED
    items = _read_items(ev, name, text, kind.name)
    if items is None:
        return FAILED
    if limit is not None:
        items = items[:limit]
    return Expr(List, tuple(items))


def text_lines(text: str) -> list:
    """The lines of text, without their line ends (\n or \r\n); a final line
    end does not start another line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _read_items(ev, name, text, kind):
    if kind in ("String", "Record"):
        return text_lines(text)
    if kind == "Word":
        return text.split()
    if kind == "Character":
        return list(text)
    if kind == "Number":
        from .import_export import parse_number

        out = []
        for word in text.replace(",", " ").split():
            value = parse_number(word)
            if value is None:
                ev.message("ReadList", "readn", name)
                return None
            out.append(value)
        return out
    statements = _statements(ev, "Get", name, text)
    if statements is None:
        return None
    return [ev.evaluate(st.expr) for st in statements]


@builtin(
    "WriteString",
    nargs=(1, None),
    attributes=("Protected",),
    system_access=True,
    usage="WriteString[\"file\", s1, s2, ...] appends the strings (other expressions as with ToString) to file, "
    "creating it when needed; WriteString[\"stdout\", ...] prints them without a newline.\n"
    "Example: WriteString[\"log.txt\", \"a\", \"b\"]; ReadString[\"log.txt\"] gives \"ab\"",
)
def write_string(ev, target, *values):
    from ..forms import output_form

    text = "".join(v if type(v) is str else output_form(v) for v in values)
    if target == "stdout" or (type(target) is Symbol and target.name == "$Output"):
        ev.session.write(text)
        return NULL
    path = file_name(ev, "WriteString", target)
    if path is None:
        return None
    try:
        write_atomically(path, text, append=True)
    except OSError as error:
        return io_failure(ev, "WriteString", path, error)
    return NULL


# ================================================================ queries
@builtin(
    "FileExistsQ",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="FileExistsQ[\"name\"] gives True if a file or directory of that name exists, else False.\n"
    "Example: FileExistsQ[\"/\"] gives True",
)
def file_exists_q(ev, name):
    if type(name) is not str:
        return S.False_
    return truth(os.path.exists(check_readable(ev, os.path.expanduser(name))))


@builtin(
    "FileExists",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="FileExists[\"name\"] is Lyra's name for FileExistsQ: True if the file or directory exists.\n"
    "Example: FileExists[\"/\"] gives True",
)
def file_exists(ev, name):
    return file_exists_q(ev, name)


@builtin(
    "DirectoryQ",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="DirectoryQ[\"name\"] gives True if name is an existing directory, else False.\n"
    "Example: DirectoryQ[\"/\"] gives True",
)
def directory_q(ev, name):
    if type(name) is not str:
        return S.False_
    return truth(os.path.isdir(check_readable(ev, os.path.expanduser(name))))


@builtin(
    "DirectoryExists",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="DirectoryExists[\"name\"] is Lyra's name for DirectoryQ.\nExample: DirectoryExists[\"/\"] gives True",
)
def directory_exists(ev, name):
    return directory_q(ev, name)


def _byte_count(ev, caller, name):
    path = file_name(ev, caller, name)
    if path is None:
        return None
    if not os.path.exists(path):
        ev.message(caller, "nffil", name, system(caller))
        return FAILED
    if os.path.isdir(path):
        ev.message(caller, "fdir", name)
        return FAILED
    return os.path.getsize(path)


@builtin(
    "FileByteCount",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="FileByteCount[\"file\"] gives the number of bytes in file.\n"
    "Example: WriteString[\"t.txt\", \"abc\"]; FileByteCount[\"t.txt\"] gives 3",
)
def file_byte_count(ev, name):
    return _byte_count(ev, "FileByteCount", name)


@builtin(
    "FileSize",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="FileSize[\"file\"] gives the size of file in bytes (Lyra's name for FileByteCount).\n"
    "Example: FileSize[\"t.txt\"]",
)
def file_size(ev, name):
    return _byte_count(ev, "FileSize", name)


# ================================================================ changes
@builtin(
    "CopyFile",
    nargs=2,
    attributes=("Protected",),
    system_access=True,
    usage="CopyFile[\"src\", \"dest\"] copies the file src to dest and gives the full name of dest; an existing "
    "dest is not overwritten (CopyFile::filex).\nExample: CopyFile[\"a.txt\", \"b.txt\"]",
)
def copy_file(ev, source, target):
    src = file_name(ev, "CopyFile", source)
    dst = file_name(ev, "CopyFile", target)
    if src is None or dst is None:
        return None
    if not os.path.isfile(src):
        if os.path.isdir(src):
            ev.message("CopyFile", "fdir", source)
        else:
            ev.message("CopyFile", "nffil", source, system("CopyFile"))
        return FAILED
    if os.path.exists(dst):
        ev.message("CopyFile", "filex", target)
        return FAILED
    try:
        replace_file(dst, lambda temporary: shutil.copyfile(src, temporary))
        shutil.copymode(src, os.path.realpath(dst))
    except OSError as error:
        return io_failure(ev, "CopyFile", dst, error)
    return os.path.abspath(dst)


@builtin(
    "DeleteFile",
    nargs=1,
    attributes=("Protected",),
    system_access=True,
    usage="DeleteFile[\"file\"] deletes the file; DeleteFile[{f1, f2, ...}] deletes several. A missing file gives "
    "DeleteFile::nffil and $Failed.\nExample: DeleteFile[\"old.txt\"]",
)
def delete_file(ev, names):
    paths = _strings(ev, "DeleteFile", names)
    if paths is None:
        return None
    for p in paths:
        path = os.path.expanduser(p)
        if os.path.isdir(path):
            ev.message("DeleteFile", "fdir", p)
            return FAILED
        try:
            os.remove(path)
        except FileNotFoundError:
            ev.message("DeleteFile", "nffil", p, system("DeleteFile"))
            return FAILED
        except OSError:
            ev.message("DeleteFile", "noopen", p)
            return FAILED
    return NULL


@builtin(
    "RenameFile",
    nargs=2,
    attributes=("Protected",),
    system_access=True,
    usage="RenameFile[\"old\", \"new\"] renames (moves) the file or directory old to new and gives the full new "
    "name; an existing new is not overwritten (RenameFile::filex).\nExample: RenameFile[\"a.txt\", \"b.txt\"]",
)
def rename_file(ev, old, new):
    src = file_name(ev, "RenameFile", old)
    dst = file_name(ev, "RenameFile", new)
    if src is None or dst is None:
        return None
    if not os.path.exists(src):
        ev.message("RenameFile", "nffil", old, system("RenameFile"))
        return FAILED
    if os.path.exists(dst):
        ev.message("RenameFile", "filex", new)
        return FAILED
    try:
        os.rename(src, dst)
    except OSError as error:
        return io_failure(ev, "RenameFile", dst, error)
    return os.path.abspath(dst)


@builtin(
    "CreateDirectory",
    nargs=(0, 1),
    attributes=("Protected",),
    system_access=True,
    usage="CreateDirectory[\"dir\"] creates the directory (and any missing parents) and gives its full name; "
    "CreateDirectory[] creates a new temporary directory.\nExample: CreateDirectory[\"out/data\"]",
)
def create_directory(ev, *name):
    if not name:
        return tempfile.mkdtemp(prefix="lyra-")
    path = file_name(ev, "CreateDirectory", name[0])
    if path is None:
        return None
    if os.path.exists(path):
        ev.message("CreateDirectory", "eexist", name[0])
        return FAILED
    try:
        os.makedirs(path)
    except OSError:
        ev.message("CreateDirectory", "noopen", name[0])
        return FAILED
    return os.path.abspath(path)


DeleteContents = system("DeleteContents")


@builtin(
    "DeleteDirectory",
    nargs=(1, 2),
    attributes=("Protected",),
    system_access=True,
    usage="DeleteDirectory[\"dir\"] deletes the empty directory dir; DeleteDirectory[\"dir\", DeleteContents -> True] "
    "deletes it with everything in it.\nExample: DeleteDirectory[\"out\", DeleteContents -> True]",
)
def delete_directory(ev, name, *options):
    path = file_name(ev, "DeleteDirectory", name)
    if path is None:
        return None
    recursive = False
    for option in options:
        if (
            type(option) is Expr
            and option.head in (S.Rule, S.RuleDelayed)
            and option.args[0] is DeleteContents
        ):
            recursive = option.args[1] is S.True_
        else:
            ev.message("DeleteDirectory", "optx", option, call("DeleteDirectory", name, *options))
            return None
    if not os.path.isdir(path):
        ev.message("DeleteDirectory", "nodir", name)
        return FAILED
    try:
        if recursive:
            shutil.rmtree(path)
        else:
            os.rmdir(path)
    except OSError:
        ev.message("DeleteDirectory", "dirne", name)
        return FAILED
    return NULL


# ================================================================ FileNames
@builtin(
    "FileNames",
    nargs=(0, 3),
    attributes=("Protected",),
    system_access="read",
    usage="FileNames[] lists the files in the current directory; FileNames[\"pattern\"] those whose names match the "
    "pattern (* any characters, ? one); FileNames[pattern, dir] or FileNames[pattern, {dirs}] looks in other "
    "directories, FileNames[pattern, dirs, n] n levels deep (Infinity: all). Names are sorted.\n"
    "Example: FileNames[\"*.csv\"]",
)
def file_names(ev, *args):
    patterns = ["*"]
    if args:
        spec = args[0]
        if type(spec) is str:
            patterns = [spec]
        elif type(spec) is Expr and spec.head is List and all(type(p) is str for p in spec.args):
            patterns = list(spec.args)
        elif spec is S.All:
            patterns = ["*"]
        else:
            ev.message("FileNames", "fstr", spec)
            return None
    directories = [None]
    if len(args) >= 2:
        dirs = _strings(ev, "FileNames", args[1])
        if dirs is None:
            return None
        directories = dirs
    depth = 1
    if len(args) == 3:
        d = args[2]
        if is_infinity(d):
            depth = None
        elif type(d) is int and d >= 1:
            depth = d
        else:
            ev.message("FileNames", "intpm", call("FileNames", *args), 3)
            return None
    found = []
    for directory in directories:
        root = check_readable(ev, os.path.expanduser(directory) if directory is not None else ".")
        if not os.path.isdir(root):
            continue
        found.extend(_walk(ev, root, directory, patterns, depth))
    return settled_list(tuple(sorted(set(found))))


def _walk(ev, root, shown_root, patterns, depth):
    """Names under root matching a pattern, prefixed like WL (dir/name)."""
    out = []
    stack = [(root, shown_root, 1)]
    while stack:
        ev.check_interrupt()
        path, shown, level = stack.pop()
        try:
            entries = sorted(os.listdir(path))
        except OSError:
            continue
        for entry in entries:
            full = os.path.join(path, entry)
            display = entry if shown is None else os.path.join(shown, entry)
            if any(fnmatch.fnmatchcase(entry, p) for p in patterns):
                out.append(display)
            if (depth is None or level < depth) and os.path.isdir(full):
                # In a sandbox a link out of the allowed directory is not followed.
                if ev.sandbox and not ev.session.may_read(full):
                    continue
                stack.append((full, display, level + 1))
    return out


# ================================================================ path names (pure)
def _path_parts(ev, name, value):
    if type(value) is str:
        return value
    ev.message(name, "fstr", value)
    return None


@builtin(
    "FileNameJoin",
    nargs=1,
    attributes=("Protected",),
    usage="FileNameJoin[{\"dir\", \"sub\", \"name\"}] joins the parts into a file name with the system's separator.\n"
    "Example: FileNameJoin[{\"a\", \"b\", \"c.txt\"}] gives \"a/b/c.txt\"",
)
def file_name_join(ev, parts):
    if type(parts) is Expr and parts.head is List and all(type(p) is str for p in parts.args):
        return os.path.join(*parts.args) if parts.args else ""
    ev.message("FileNameJoin", "fstr", parts)
    return None


@builtin(
    "PathJoin",
    nargs=(1, None),
    attributes=("Protected",),
    usage="PathJoin[\"a\", \"b\", ...] or PathJoin[{\"a\", \"b\", ...}] joins path parts (Lyra's name for "
    "FileNameJoin).\nExample: PathJoin[\"a\", \"b.txt\"] gives \"a/b.txt\"",
)
def path_join(ev, *parts):
    if len(parts) == 1 and type(parts[0]) is Expr and parts[0].head is List:
        return file_name_join(ev, parts[0])
    if all(type(p) is str for p in parts):
        return os.path.join(*parts)
    ev.message("PathJoin", "fstr", Expr(List, parts))
    return None


@builtin(
    "FileNameSplit",
    nargs=1,
    attributes=("Protected",),
    usage="FileNameSplit[\"path\"] gives the list of the parts of a file name (an absolute path starts with \"\").\n"
    "Example: FileNameSplit[\"a/b/c.txt\"] gives {\"a\", \"b\", \"c.txt\"}",
)
def file_name_split(ev, name):
    path = _path_parts(ev, "FileNameSplit", name)
    if path is None:
        return None
    parts = [p for p in path.split(os.sep) if p]
    if path.startswith(os.sep):
        parts.insert(0, "")
    return settled_list(tuple(parts))


@builtin(
    "FileNameTake",
    nargs=(1, 2),
    attributes=("Protected",),
    usage="FileNameTake[\"path\"] gives the last part (the file name) of path; FileNameTake[path, n] the first n "
    "parts, FileNameTake[path, -n] the last n, FileNameTake[path, {m, n}] parts m through n.\n"
    "Example: FileNameTake[\"a/b/c.txt\"] gives \"c.txt\"; FileNameTake[\"a/b/c.txt\", 2] gives \"a/b\"",
)
def file_name_take(ev, name, *spec):
    path = _path_parts(ev, "FileNameTake", name)
    if path is None:
        return None
    absolute = path.startswith(os.sep)
    parts = [p for p in path.split(os.sep) if p]
    n = spec[0] if spec else -1
    if type(n) is int:
        chosen = parts[:n] if n >= 0 else parts[n:]
        keep_root = absolute and n > 0
    elif type(n) is Expr and n.head is List and len(n.args) == 2 and all(type(k) is int for k in n.args):
        m, k = n.args
        size = len(parts)
        start = m - 1 if m > 0 else size + m
        stop = k if k > 0 else size + k + 1
        chosen = parts[max(start, 0):max(stop, 0)]
        keep_root = absolute and start == 0
    else:
        ev.message("FileNameTake", "intnm", call("FileNameTake", name, *spec), 2)
        return None
    joined = os.sep.join(chosen)
    return os.sep + joined if keep_root else joined


@builtin(
    "FileExtension",
    nargs=1,
    attributes=("Protected",),
    usage="FileExtension[\"file\"] gives the extension of the file name (after the last dot), or \"\".\n"
    "Example: FileExtension[\"data.csv\"] gives \"csv\"",
)
def file_extension(ev, name):
    path = _path_parts(ev, "FileExtension", name)
    if path is None:
        return None
    base = os.path.basename(path)
    dot = base.rfind(".")
    return base[dot + 1:] if dot > 0 else ""


@builtin(
    "FileBaseName",
    nargs=1,
    attributes=("Protected",),
    usage="FileBaseName[\"file\"] gives the file name without its directory and extension.\n"
    "Example: FileBaseName[\"dir/data.tar.gz\"] gives \"data.tar\"",
)
def file_base_name(ev, name):
    path = _path_parts(ev, "FileBaseName", name)
    if path is None:
        return None
    base = os.path.basename(path)
    dot = base.rfind(".")
    return base[:dot] if dot > 0 else base


@builtin(
    "DirectoryName",
    nargs=1,
    attributes=("Protected",),
    usage="DirectoryName[\"path\"] gives the directory part of path, with its trailing separator, or \"\".\n"
    "Example: DirectoryName[\"a/b/c.txt\"] gives \"a/b/\"",
)
def directory_name(ev, name):
    path = _path_parts(ev, "DirectoryName", name)
    if path is None:
        return None
    head = os.path.dirname(path.rstrip(os.sep)) if path.rstrip(os.sep) else path
    if not head:
        return ""
    return head if head.endswith(os.sep) else head + os.sep


@builtin(
    "ExpandFileName",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="ExpandFileName[\"name\"] gives the full absolute name of a file, relative to the current directory "
    "(~ is the home directory).\nExample: ExpandFileName[\"data.csv\"]",
)
def expand_file_name(ev, name):
    return _absolute_name(ev, "ExpandFileName", name)


def _absolute_name(ev, caller, name):
    path = file_name(ev, caller, name)
    return None if path is None else os.path.abspath(path)


@builtin(
    "AbsolutePath",
    nargs=1,
    attributes=("Protected",),
    system_access="read",
    usage="AbsolutePath[\"name\"] is Lyra's name for ExpandFileName: the full absolute name of a file.\n"
    "Example: AbsolutePath[\".\"]",
)
def absolute_path(ev, name):
    return _absolute_name(ev, "AbsolutePath", name)


# ================================================================ current directory
# The directories SetDirectory left, per session (ResetDirectory goes back).
_directory_stacks: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _stack_of(ev) -> list:
    session = ev.session
    stack = _directory_stacks.get(session)
    if stack is None:
        stack = []
        _directory_stacks[session] = stack
    return stack


@builtin(
    "Directory",
    nargs=0,
    attributes=("Protected",),
    system_access="read",
    usage="Directory[] gives the current working directory.\nExample: Directory[]",
)
def directory(ev):
    return os.getcwd()


@builtin(
    "SetDirectory",
    nargs=(0, 1),
    attributes=("Protected",),
    system_access=True,
    usage="SetDirectory[\"dir\"] makes dir the current working directory and gives its full name; "
    "SetDirectory[] goes to the home directory; ResetDirectory[] goes back.\nExample: SetDirectory[\"/tmp\"]",
)
def set_directory(ev, *name):
    target = os.path.expanduser("~")
    if name:
        target = file_name(ev, "SetDirectory", name[0])
        if target is None:
            return None
    previous = os.getcwd()
    try:
        os.chdir(target)
    except OSError:
        ev.message("SetDirectory", "cdir", name[0] if name else target)
        return FAILED
    _stack_of(ev).append(previous)
    return os.getcwd()


@builtin(
    "ResetDirectory",
    nargs=0,
    attributes=("Protected",),
    system_access=True,
    usage="ResetDirectory[] goes back to the directory that was current before the last SetDirectory and gives "
    "its name.\nExample: SetDirectory[\"/tmp\"]; ResetDirectory[]",
)
def reset_directory(ev):
    stack = _stack_of(ev)
    if not stack:
        ev.message("ResetDirectory", "dtop")
        return os.getcwd()
    previous = stack.pop()
    try:
        os.chdir(previous)
    except OSError:
        ev.message("ResetDirectory", "cdir", previous)
        return FAILED
    return os.getcwd()
