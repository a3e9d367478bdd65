"""Files: Import/Export round trips, Get/Put, reading and writing, the file
system functions. Every test works in its own temporary directory (the
working directory is restored afterwards) and touches nothing outside it."""

import json
import os

import pytest

from lyra_core import Session


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in a fresh temporary directory; monkeypatch restores the old one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---------------------------------------------------------------- Import / Export
def test_csv_round_trip(lyra, here):
    data = '{{1, "a", 2.5}, {-3, "b,c", 0}, {10^20, "say \\"hi\\"", -0.25}}'
    assert lyra(f'Export["t.csv", {data}]') == '"t.csv"'
    assert (here / "t.csv").read_text() == '1,a,2.5\n-3,"b,c",0\n100000000000000000000,"say ""hi""",-0.25\n'
    assert lyra('Import["t.csv"]') == lyra(data)
    assert lyra('Import["t.csv", "CSV"] === ' + data) == "True"
    assert lyra.messages == []


def test_csv_written_by_hand_parses_numbers(lyra, here):
    (here / "h.csv").write_text("x,y\n1,2.5\n-4,1e3\n")
    assert lyra('Import["h.csv"]') == '{{"x", "y"}, {1, 2.5}, {-4, 1000.}}'
    (here / "h.tsv").write_text("1\tz\n")
    assert lyra('Import["h.tsv"]') == '{{1, "z"}}'


def test_json_round_trip(lyra, here):
    value = '<|"name" -> "Lyra", "n" -> 3, "x" -> 2.5, "ok" -> True, "none" -> Null, "list" -> {1, {2, 3}}, "obj" -> <|"k" -> False|>|>'
    assert lyra(f'Export["t.json", {value}]') == '"t.json"'
    parsed = json.loads((here / "t.json").read_text())
    assert parsed == {"name": "Lyra", "n": 3, "x": 2.5, "ok": True, "none": None, "list": [1, [2, 3]], "obj": {"k": False}}
    assert lyra(f'Import["t.json"] === {value}') == "True"
    assert lyra.messages == []


def test_json_written_by_another_program(lyra, here):
    (here / "o.json").write_text(json.dumps([{"a": 1}, {"b": [True, None, 1.5]}]))
    assert lyra('Import["o.json"]') == '{<|"a" -> 1|>, <|"b" -> {True, Null, 1.5}|>}'
    assert lyra('ExportString[{"a" -> 1}, "JSON", "Compact" -> True]') == '"{\\"a\\":1}"'


def test_text_lines_and_package(lyra, here):
    assert lyra('Export["t.txt", "hello\\nworld"]') == '"t.txt"'
    assert (here / "t.txt").read_text() == "hello\nworld"
    assert lyra('Import["t.txt"]') == '"hello\\nworld"'
    assert lyra('Import["t.txt", "Lines"]') == '{"hello", "world"}'
    assert lyra('Export["l.txt", {"a", "b"}, "Lines"]') == '"l.txt"'
    assert (here / "l.txt").read_text() == "a\nb\n"
    assert lyra('Export["p.m", x^2 + 1]') == '"p.m"'
    assert (here / "p.m").read_text() == "1 + x^2\n"
    assert lyra('Import["p.m"]') == "1 + x^2"
    assert lyra('Import["t.txt", "Table"]') == '{{"hello"}, {"world"}}'


def test_import_export_messages(lyra, here):
    assert lyra('Import["missing.csv"]') == "$Failed"
    assert lyra.messages == ["Import::nffil"]
    assert lyra.message_texts == ["Import::nffil: File missing.csv not found during Import."]
    assert lyra('Import["t.csv", "NoSuchFormat"]') == "$Failed"
    assert lyra.messages == ["Import::fmtnosup"]
    assert lyra('Export["bad.json", f[x]]') == "$Failed"
    assert lyra.messages == ["Export::jsonexpr"]
    assert not (here / "bad.json").exists()
    assert lyra("Import[x]") == "Import[x]"
    assert lyra.messages == ["Import::fstr"]
    assert lyra('ImportString["{bad", "JSON"]') == "$Failed"
    assert lyra.messages == ["ImportString::fmterr"]
    assert lyra('Export["nodir/x.txt", "x"]') == "$Failed"
    assert lyra.messages == ["Export::nodir"]


def test_import_export_strings(lyra):
    assert lyra('ImportString["1,2\\n3,x", "CSV"]') == '{{1, 2}, {3, "x"}}'
    assert lyra('ExportString[{{1, 2}, {3, 4}}, "CSV"]') == '"1,2\\n3,4\\n"'
    assert lyra('ExportString[{1, 2}, "TSV"]') == '"1\\n2\\n"'
    assert lyra('ImportString["{\\"a\\": [1, null]}", "JSON"]') == '<|"a" -> {1, Null}|>'


def test_export_replaces_atomically_and_keeps_permissions(lyra, here):
    target = here / "keep.txt"
    target.write_text("old")
    os.chmod(target, 0o640)
    assert lyra('Export["keep.txt", "new"]') == '"keep.txt"'
    assert target.read_text() == "new"
    assert oct(os.stat(target).st_mode & 0o777) == oct(0o640)
    # No temporary files are left behind.
    assert sorted(p.name for p in here.iterdir()) == ["keep.txt"]


# ---------------------------------------------------------------- Get, Put, ReadList, ReadString, WriteString
def test_put_and_get(lyra, here):
    assert lyra('Put[{1, 2}, f[x], "d.m"]') == "Null"
    assert (here / "d.m").read_text() == "{1, 2}\nf[x]\n"
    assert lyra('Get["d.m"]') == "f[x]"
    assert lyra('PutAppend[3, "d.m"]') == "Null"
    assert lyra('ReadList["d.m"]') == "{{1, 2}, f[x], 3}"
    assert lyra('{5, 6} >> "q.m"; << "q.m"') == "{5, 6}"
    assert lyra('7 >>> "q.m"; ReadList["q.m"]') == "{{5, 6}, 7}"


def test_get_evaluates_definitions(lyra, here):
    (here / "defs.lyra").write_text("squareOfFile[x_] := x^2;\nsquareOfFile[7]\n")
    assert lyra('Get["defs.lyra"]') == "49"
    assert lyra("squareOfFile[3]") == "9"


def test_get_messages(lyra, here):
    assert lyra('Get["nope.m"]') == "$Failed"
    assert lyra.messages == ["Get::noopen"]
    (here / "bad.m").write_text("f[\n")
    assert lyra('Get["bad.m"]') == "$Failed"
    assert lyra.messages == ["Get::sntx"]


def test_read_and_write_strings(lyra, here):
    assert lyra('WriteString["w.txt", "a", "b"]') == "Null"
    assert lyra('WriteString["w.txt", "c", 1/2]') == "Null"
    assert lyra('ReadString["w.txt"]') == '"abc1/2"'
    assert lyra('WriteString["n.txt", "1 2.5 3\\n4\\n"]; ReadList["n.txt", Number]') == "{1, 2.5, 3, 4}"
    assert lyra('ReadList["n.txt", Word]') == '{"1", "2.5", "3", "4"}'
    assert lyra('ReadList["n.txt", String]') == '{"1 2.5 3", "4"}'
    assert lyra('ReadList["n.txt", Number, 2]') == "{1, 2.5}"
    assert lyra('ReadString["nope.txt"]') == "$Failed"
    assert lyra.messages == ["ReadString::noopen"]


# ---------------------------------------------------------------- file system
def test_file_queries(lyra, here):
    (here / "a.txt").write_text("abc")
    (here / "sub").mkdir()
    assert lyra('FileExistsQ["a.txt"]') == "True"
    assert lyra('FileExistsQ["zz"]') == "False"
    assert lyra('FileExists["a.txt"]') == "True"
    assert lyra('DirectoryQ["sub"]') == "True"
    assert lyra('DirectoryQ["a.txt"]') == "False"
    assert lyra('DirectoryExists["sub"]') == "True"
    assert lyra('FileByteCount["a.txt"]') == "3"
    assert lyra('FileSize["a.txt"]') == "3"
    assert lyra('FileByteCount["zz"]') == "$Failed"
    assert lyra.messages == ["FileByteCount::nffil"]


def test_copy_rename_delete(lyra, here):
    (here / "a.txt").write_text("abc")
    assert lyra('CopyFile["a.txt", "b.txt"]') == f'"{here / "b.txt"}"'
    assert (here / "b.txt").read_text() == "abc"
    assert lyra('CopyFile["a.txt", "b.txt"]') == "$Failed"
    assert lyra.messages == ["CopyFile::filex"]
    assert lyra('CopyFile["zz", "c.txt"]') == "$Failed"
    assert lyra.messages == ["CopyFile::nffil"]
    assert lyra('RenameFile["b.txt", "c.txt"]') == f'"{here / "c.txt"}"'
    assert not (here / "b.txt").exists() and (here / "c.txt").exists()
    assert lyra('RenameFile["a.txt", "c.txt"]') == "$Failed"
    assert lyra.messages == ["RenameFile::filex"]
    assert lyra('DeleteFile["c.txt"]') == "Null"
    assert not (here / "c.txt").exists()
    assert lyra('DeleteFile["c.txt"]') == "$Failed"
    assert lyra.messages == ["DeleteFile::nffil"]


def test_directories_and_file_names(lyra, here):
    assert lyra('CreateDirectory["sub/deep"]') == f'"{here / "sub" / "deep"}"'
    assert lyra('CreateDirectory["sub/deep"]') == "$Failed"
    assert lyra.messages == ["CreateDirectory::eexist"]
    (here / "x.txt").write_text("")
    (here / "y.csv").write_text("")
    (here / "sub" / "deep" / "z.txt").write_text("")
    assert lyra("FileNames[]") == '{"sub", "x.txt", "y.csv"}'
    assert lyra('FileNames["*.txt"]') == '{"x.txt"}'
    assert lyra('FileNames["*.txt", "sub", Infinity]') == '{"sub/deep/z.txt"}'
    assert lyra('FileNames["*", {"sub"}]') == '{"sub/deep"}'
    assert lyra('DeleteDirectory["sub"]') == "$Failed"
    assert lyra.messages == ["DeleteDirectory::dirne"]
    assert lyra('DeleteDirectory["sub", DeleteContents -> True]') == "Null"
    assert not (here / "sub").exists()


def test_path_names(lyra):
    assert lyra('FileNameJoin[{"a", "b", "c.txt"}]') == '"a/b/c.txt"'
    assert lyra('PathJoin["a", "b"]') == '"a/b"'
    assert lyra('PathJoin[{"a", "b"}]') == '"a/b"'
    assert lyra('FileNameTake["a/b/c.txt"]') == '"c.txt"'
    assert lyra('FileNameTake["a/b/c.txt", 2]') == '"a/b"'
    assert lyra('FileNameTake["a/b/c.txt", -2]') == '"b/c.txt"'
    assert lyra('FileNameSplit["a/b/c.txt"]') == '{"a", "b", "c.txt"}'
    assert lyra('FileExtension["data.tar.gz"]') == '"gz"'
    assert lyra('FileExtension["README"]') == '""'
    assert lyra('FileBaseName["dir/data.tar.gz"]') == '"data.tar"'
    assert lyra('DirectoryName["a/b/c.txt"]') == '"a/b/"'
    assert lyra("FileExtension[x]") == "FileExtension[x]"
    assert lyra.messages == ["FileExtension::fstr"]


def test_current_directory(lyra, here):
    (here / "inner").mkdir()
    assert lyra("Directory[]") == f'"{here}"'
    assert lyra('ExpandFileName["x.txt"]') == f'"{here / "x.txt"}"'
    assert lyra('AbsolutePath["."]') == f'"{here}"'
    assert lyra('SetDirectory["inner"]') == f'"{here / "inner"}"'
    assert os.getcwd() == str(here / "inner")
    assert lyra("ResetDirectory[]") == f'"{here}"'
    assert os.getcwd() == str(here)
    assert lyra('SetDirectory["no/such/dir"]') == "$Failed"
    assert lyra.messages == ["SetDirectory::cdir"]


def test_sandbox_refuses_files(here):
    session = Session(sandbox=True)
    assert session.format(session.evaluate('Export["x.txt", "data"]')) == "$Failed"
    assert session.messages == ["Export::sandbox"]
    assert session.format(session.evaluate('Get["x.txt"]')) == "$Failed"
    # Reads inside the allowed directory (here, the current one) are allowed;
    # reads outside it are refused.
    assert session.format(session.evaluate('FileExistsQ["x.txt"]')) == "False"
    assert session.format(session.evaluate('FileExistsQ["/etc/passwd"]')) == "$Failed"
    assert session.messages == ["FileExistsQ::sandbox"]
    assert not (here / "x.txt").exists()
    # Pure path manipulation is allowed.
    assert session.format(session.evaluate('FileNameJoin[{"a", "b"}]')) == '"a/b"'


def test_export_through_a_symbolic_link_replaces_the_target(lyra, here):
    (here / "real.txt").write_text("old")
    os.symlink(here / "real.txt", here / "link.txt")
    assert lyra('Export["link.txt", "new"]') == '"link.txt"'
    assert os.path.islink(here / "link.txt")
    assert (here / "real.txt").read_text() == "new"
