"""Hostile and damaged uploads: every one is refused with a message or read row by row, within
the limits, and no exception a file can cause ever escapes (generated with hypothesis)."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.upload import _refusal
from kpop_explorer.datasets.dictionary import column_example
from kpop_explorer.datasets.intake import check_upload
from kpop_explorer.datasets.schemas import SCHEMAS
from kpop_explorer.datasets.validation import MAX_CELL_CHARS, DataError
from kpop_explorer.i18n import LANGUAGES, Translator
from kpop_explorer.uploads import UploadError, excel_sheets, read_table, template_csv
from kpop_explorer.uploads import files as limits

FR, EN = Translator("fr"), Translator("en")
INITIATIVES = SCHEMAS["initiatives"]


def example_rows(n: int) -> list[list[str]]:
    """`n` valid initiatives made of the dictionary's examples, with distinct ids."""
    row = [column_example(column) for column in INITIATIVES.columns]
    position = INITIATIVES.column_names.index("initiative_id")
    return [[*row[:position], f"INI-{i:03d}", *row[position + 1 :]] for i in range(1, n + 1)]


def csv_bytes(rows: list[list[str]]) -> bytes:
    lines = [",".join(INITIATIVES.column_names)]
    lines += [",".join(f'"{cell}"' if "," in cell else cell for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def workbook_bytes(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "initiatives"
    book.active.append(list(INITIATIVES.column_names))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def archive(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in parts.items():
            zipped.writestr(name, content)
    return buffer.getvalue()


MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def one_sheet_workbook(sheet_rows: bytes) -> bytes:
    """A minimal workbook whose one sheet holds `sheet_rows` (the XML of its rows)."""
    return archive({
        "xl/workbook.xml": b"<workbook " + MAIN + b' xmlns:r="http://schemas.openxmlformats.org'
        b'/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
        b"</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/'
        b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        b'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": b"<worksheet " + MAIN + b"><sheetData>" + sheet_rows
        + b"</sheetData></worksheet>",
    })  # fmt: skip


def refusal_key(file_name: str, data: bytes) -> str:
    with pytest.raises(UploadError) as refused:
        read_table(file_name, data)
    return refused.value.key


# --- the readers' own cases


def test_the_minimal_workbook_reads():
    data = one_sheet_workbook(
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="C1" t="b"><v>1</v></c>'
        b'</row><row r="3"><c r="B3"><v>2.5</v></c><c r="C3"><v>7</v></c></row>'
    )
    table = read_table("m.xlsx", data)
    assert list(table.columns) == ["a", "column_B", "TRUE"]  # B has no header but a value
    assert table.index.tolist() == [3]
    assert table.loc[3].tolist() == ["", "2.5", "7"]


def test_a_workbook_too_large_once_unpacked_is_refused_before_it_is_read():
    rows = b"<row><c><v>1</v></c></row>" * (limits.MAX_UNPACKED_BYTES // 26 + 1)
    assert refusal_key("bomb.xlsx", one_sheet_workbook(rows)) == "upload_error.unpacked_too_big"


def test_a_part_packed_far_tighter_than_real_sheets_is_refused():
    rows = b"<row><c><v>1</v></c></row>" * 100_000  # 2.6 MB that packs to about 10 KB
    data = one_sheet_workbook(rows)
    assert len(data) < 2_600_000 / limits.MAX_PACKING_RATIO
    assert refusal_key("packed.xlsx", data) == "upload_error.packed_too_tightly"


def test_a_cell_in_the_last_column_on_every_row_stops_at_the_cell_limit():
    rows = b'<row><c r="XFD1"><v>1</v></c></row>' * (limits.MAX_CELLS // 16_384 + 1)
    assert refusal_key("wide.xlsx", one_sheet_workbook(rows)) == "upload_error.too_many_cells"


def test_too_many_cells_are_refused_in_csv_and_workbooks(monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    fits = [["1", "2", "3", "4"]] * 19  # 20 rows of 4 cells, each row counting one more: 100
    assert len(read_table("a.csv", "\n".join(",".join(r) for r in [*fits, fits[0]]).encode()))
    over = "\n".join(",".join(r) for r in [*fits, fits[0], fits[0]]).encode()
    assert refusal_key("a.csv", over) == "upload_error.too_many_cells"
    rows = b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 34  # 34 rows x 3
    assert refusal_key("a.xlsx", one_sheet_workbook(rows)) == "upload_error.too_many_cells"


def test_reading_stops_when_its_time_is_up(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SECONDS", -1.0)
    assert refusal_key("a.csv", b"a,b\n1,2\n") == "upload_error.too_slow"
    assert refusal_key("a.xlsx", workbook_bytes(example_rows(1))) == "upload_error.too_slow"


def test_a_zip_that_names_an_unsupported_compression_is_refused():
    data = bytearray(workbook_bytes(example_rows(1)))
    # Compression method 9 (Deflate64) in every local and central header: NotImplementedError.
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (found := data.find(signature, start)) != -1:
            data[found + offset : found + offset + 2] = struct.pack("<H", 9)
            start = found + 4
    assert refusal_key("d64.xlsx", bytes(data)) == "upload_error.unreadable_workbook"


def test_a_zip_whose_file_names_are_not_utf8_is_refused():
    data = bytearray(workbook_bytes(example_rows(1)))
    found = data.find(b"PK\x01\x02")
    flags = struct.unpack("<H", data[found + 8 : found + 10])[0] | 0x800  # "names are UTF-8"
    data[found + 8 : found + 10] = struct.pack("<H", flags)
    name_length = struct.unpack("<H", data[found + 28 : found + 30])[0]
    data[found + 46 : found + 46 + name_length] = b"\xff" * name_length
    with pytest.raises(UploadError):
        excel_sheets(bytes(data))
    with pytest.raises(UploadError):
        read_table("names.xlsx", bytes(data))


def test_a_cell_longer_than_excel_allows_rejects_its_row_only():
    rows = example_rows(3)
    position = INITIATIVES.column_names.index("objective")
    rows[1][position] = "x" * 140_000  # over the csv module's old limit of 131,072 too
    check = check_upload("long.csv", csv_bytes(rows), INITIATIVES)
    assert check.rows_valid == 2 and check.rows_rejected == 1
    problem = check.validated.problems.iloc[0]
    assert (problem["row"], problem["column"]) == (3, "objective")
    assert problem["reason"].key == "reason.too_long"
    assert str(problem["reason"]).startswith(f"a cell longer than {MAX_CELL_CHARS:,} characters")
    assert problem["value"] == "x" * 80 + "…"
    assert check.validated.frame["initiative_id"].tolist() == ["INI-001", "INI-003"]


def test_a_cell_at_excel_s_limit_is_kept():
    rows = example_rows(1)
    rows[0][INITIATIVES.column_names.index("objective")] = "y" * MAX_CELL_CHARS
    assert check_upload("edge.csv", csv_bytes(rows), INITIATIVES).rows_valid == 1


# --- no exception escapes: mutated, truncated and bit-flipped files

SEEDS = {
    "csv": csv_bytes(example_rows(3)),
    "french csv": (
        ";".join(INITIATIVES.column_names)
        + "\r\nINI-1;Fête;;;;;;;;;;;01/02/2025;31/02/2025;1 234,5 €\r\n"
    ).encode("cp1252"),
    "template": template_csv(INITIATIVES),
    "xlsx": workbook_bytes(example_rows(3)),
}


def mutated(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    """`data` with each (kind, position, value) edit applied: flip a bit, overwrite a byte,
    insert a byte, delete a byte or cut the file there."""
    out = bytearray(data)
    for kind, position, value in edits:
        if not out:
            break
        i = position % len(out)
        if kind == 0:
            out[i] ^= 1 << (value % 8)
        elif kind == 1:
            out[i] = value
        elif kind == 2:
            out.insert(i, value)
        elif kind == 3:
            del out[i]
        else:
            del out[i:]
    return bytes(out)


EDITS = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 2**31), st.integers(0, 255)), max_size=6
)


def assert_refused_or_read(file_name: str, data: bytes) -> None:
    try:
        check_upload(file_name, data, INITIATIVES)
    except DataError as refused:  # an UploadError (the file) or a SchemaError (its columns)
        for lang in LANGUAGES:
            assert _refusal(refused, Translator(lang))  # says something in every language
    if file_name.endswith(".xlsx"):
        with contextlib.suppress(UploadError):
            excel_sheets(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(sorted(SEEDS)), edits=EDITS, as_workbook=st.booleans())
def test_no_mutated_file_makes_the_check_raise(seed, edits, as_workbook):
    name = "upload.xlsx" if as_workbook or seed == "xlsx" else "upload.csv"
    assert_refused_or_read(name, mutated(SEEDS[seed], edits))


def xlsx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(SEEDS["xlsx"])) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


PARTS = xlsx_parts()


# A damaged part that still reads is validated (pandas, about 0.1 s): 100 examples still damage
# each of the workbook's parts about ten times; the mutated files above mostly fail fast.
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(part=st.sampled_from(sorted(PARTS)), edits=EDITS, drop=st.booleans())
def test_no_damaged_part_inside_a_workbook_makes_the_check_raise(part, edits, drop):
    """Damage behind the ZIP layer reaches the XML reader: broken or missing parts, bad
    references, text where numbers belong."""
    parts = dict(PARTS)
    if drop:
        del parts[part]
    else:
        parts[part] = mutated(parts[part], edits)
    assert_refused_or_read("upload.xlsx", archive(parts))


@settings(max_examples=50, deadline=None)  # each is read and validated: about 0.1 s
@given(text=st.text(max_size=300), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_no_text_file_makes_the_check_raise(text, encoding):
    data = (",".join(INITIATIVES.column_names) + "\n" + text).encode(encoding, "replace")
    assert_refused_or_read("upload.csv", data)


@pytest.mark.parametrize(
    "sheet_xml",
    [
        b'<row><c t="s"><v>99</v></c></row>',  # a shared string that does not exist
        b'<row r="x"><c r="1A"><v>nan</v></c></row>',  # a bad row number and reference
        b'<row><c t="n"><v>1e999</v></c><c s="9"><v>-1</v></c></row>',
        b"<row><c><v>12345678901234567890123</v></c></row>",
        b'<row><c t="e"><v>#N/A</v></c><c t="str"><v>=1+1</v></c></row>',
    ],
)
def test_odd_cells_are_read_as_text_or_refused(sheet_xml):
    assert_refused_or_read("odd.xlsx", one_sheet_workbook(sheet_xml))
