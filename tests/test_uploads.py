"""Uploads: every shipped dataset survives the ways people save it, and bad files are refused."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from components.upload import _refusal
from kpop_explorer import uploads
from kpop_explorer.datasets.dictionary import data_dictionary
from kpop_explorer.datasets.loading import REPO_DATA_DIR, read_text_table
from kpop_explorer.datasets.schemas import SCHEMAS, Schema
from kpop_explorer.datasets.validation import DataError, SchemaError, validate
from kpop_explorer.formats.tables import CODE_COLUMNS
from kpop_explorer.i18n import LANGUAGES, Translator, catalog
from kpop_explorer.i18n.messages import Message
from kpop_explorer.i18n.text import plain
from kpop_explorer.uploads import (
    UploadError,
    excel_sheets,
    files,
    normalise,
    read_table,
    template_csv,
    template_xlsx,
    workbooks,
)

NAMES = list(SCHEMAS)
FR, KO, EN = Translator("fr"), Translator("ko"), Translator("en")


def original(name: str) -> pd.DataFrame:
    return read_text_table(REPO_DATA_DIR / SCHEMAS[name].file)


KNOWN = {"initiatives.initiative_id": set(original("initiatives")["initiative_id"])}


def checked(frame: pd.DataFrame, schema: Schema):
    """The validated rows and the notes as their English text."""
    normalised, notes = normalise(frame, schema)
    return validate(normalised, schema, KNOWN), [str(n) for n in notes]


def assert_same_rows(result, expected: pd.DataFrame, schema: Schema) -> None:
    assert result.problems.empty, result.problems.head(10).to_string()
    want = validate(expected, schema, KNOWN).frame
    names = list(schema.column_names)
    pd.testing.assert_frame_equal(result.frame[names], want[names])


def rewrite(frame: pd.DataFrame, schema: Schema, cell) -> pd.DataFrame:
    """`frame` with `cell(column, value, row_position)` applied to every schema cell."""
    out = frame.copy()
    for column in schema.columns:
        out[column.name] = [
            cell(column, value, i) if value else value for i, value in enumerate(frame[column.name])
        ]
    return out


def to_csv(frame: pd.DataFrame, separator: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False))
    return buffer.getvalue()


# --- (a) French Excel: ';', decimal commas, Windows-1252, DD/MM/YYYY, country names in French


def french_number(text: str, position: int) -> str:
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    space = "\u00a0" if position % 2 else " "  # Excel writes a no-break space; people a space
    grouped = f"{int(whole):,}".replace(",", space)
    return sign + grouped + ("," + fraction if fraction else "")


def french_cell(column, value: str, position: int) -> str:
    if column.kind == "date":
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if column.kind in ("int", "float"):
        text = french_number(value, position)
        return text + " €" if column.name == "budget_eur" else text
    if column.kind == "country":
        return FR.country(value)
    if column.kind == "country_list":
        return "; ".join(FR.country(code) for code in value.split(";"))
    return value


def cp1252_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """What survives a save as Windows-1252: other characters become '?', as Excel writes."""
    return frame.map(lambda v: v.encode("cp1252", "replace").decode("cp1252"))


@pytest.mark.parametrize("name", NAMES)
def test_french_excel_csv_reads_back_the_same_rows(name):
    schema = SCHEMAS[name]
    expected = cp1252_safe(original(name))
    french = rewrite(expected, schema, french_cell)
    data = to_csv(french, ";").encode("cp1252")

    table = read_table(f"{name}.csv", data)
    assert list(table.columns) == list(schema.column_names)
    assert len(table) == len(expected)
    result, notes = checked(table, schema)

    assert_same_rows(result, expected, schema)
    assert "Read the file as Windows-1252 text." in notes
    assert "Read the columns as separated by semicolons." in notes
    dates = [c.name for c in schema.columns if c.kind == "date"]
    if dates:
        assert any(n.startswith("Read ") and "written DD/MM/YYYY" in n for n in notes), notes
    if "budget_eur" in schema.column_names:
        assert "Read decimal commas in 'budget_eur'." not in notes  # whole euros
        assert "Removed the € sign or EUR in 'budget_eur'." in notes
    if "latitude" in schema.column_names:
        assert "Read decimal commas in 'latitude'." in notes
    if schema.column_names.count("country") and schema.column("country").kind == "country":
        assert any(n.startswith("Matched") and "'country'" in n for n in notes), notes


# --- (b) UTF-8 with a BOM, tab-separated .txt, Korean country names, Korean-style dates


def korean_cell(column, value: str, position: int) -> str:
    if column.kind == "date":
        year, month, day = value.split("-")
        return f"{year}. {month}. {day}."
    if column.kind == "int" and position % 3 == 0:
        return f"{int(value):,}".replace(",", "\u202f")  # narrow no-break space, as fr-FR
    if column.kind == "country":
        return KO.country(value)
    if column.kind == "country_list":
        return ", ".join(KO.country(code) for code in value.split(";"))
    return value


@pytest.mark.parametrize("name", NAMES)
def test_utf8_bom_korean_names_read_back_the_same_rows(name):
    schema = SCHEMAS[name]
    expected = original(name)
    data = to_csv(rewrite(expected, schema, korean_cell), "\t").encode("utf-8-sig")

    table = read_table(f"{name}.txt", data)
    assert list(table.columns) == list(schema.column_names)  # BOM gone from the first header
    result, notes = checked(table, schema)

    assert_same_rows(result, expected, schema)
    assert "Read the columns as separated by tabs." in notes
    assert not any("Windows-1252" in n for n in notes)
    if any(c.kind == "country_list" for c in schema.columns):
        assert any("country name(s) to codes in 'countries'" in n for n in notes), notes


# --- (c) an .xlsx workbook, data on the second sheet, with an extra column


def excel_value(column, value: str):
    if not value:
        return None
    if column.kind == "int":
        return int(value)
    if column.kind == "float":
        return float(value)
    if column.kind == "date":
        return datetime.fromisoformat(value)
    return value


def workbook_bytes(frame: pd.DataFrame, schema: Schema) -> bytes:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Read me"
    cover.append(["Exported for the K-pop Europe Explorer"])
    sheet = book.create_sheet("Data")
    sheet.append([*schema.column_names, "internal_note"])
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = [excel_value(c, v) for c, v in zip(schema.columns, row, strict=True)]
        sheet.append([*cells, f"checked {i}"])
    for row in sheet.iter_rows(min_row=2):  # one pass: sheet[n] per row is quadratic
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even "=..." (never a formula)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", NAMES)
def test_workbook_second_sheet_reads_back_the_same_rows_and_keeps_extra_column(name):
    schema = SCHEMAS[name]
    expected = original(name)
    data = workbook_bytes(expected, schema)

    assert excel_sheets(data) == ["Read me", "Data"]
    table = read_table(f"{name}.xlsx", data, sheet="Data")
    assert list(table.columns) == [*schema.column_names, "internal_note"]
    result, notes = checked(table, schema)

    assert_same_rows(result, expected, schema)
    assert result.frame["internal_note"].tolist() == [f"checked {i}" for i in range(len(expected))]
    assert "Read the sheet 'Data'." in notes


# --- (d) labels instead of codes, display labels as headers


def english_label(column, value: str, position: int) -> str:
    if column.kind == "code" and column.name in CODE_COLUMNS:
        label = EN.label(CODE_COLUMNS[column.name], value)
        return label.lower() if position % 4 == 1 else label
    return value


def display_headers(schema: Schema) -> dict[str, str]:
    labels = {n: catalog("en").get(f"column.{n}") for n in schema.column_names}
    counts = pd.Series([v for v in labels.values() if v]).value_counts()
    return {n: v for n, v in labels.items() if v and counts[v] == 1}


@pytest.mark.parametrize("name", NAMES)
def test_english_labels_and_headers_read_back_the_same_rows(name):
    schema = SCHEMAS[name]
    expected = original(name)
    labelled = rewrite(expected, schema, english_label).rename(columns=display_headers(schema))
    data = to_csv(labelled, ",").encode("utf-8")

    result, notes = checked(read_table(f"{name}.csv", data), schema)

    assert_same_rows(result, expected, schema)
    if "status" in schema.column_names and schema.column("status").kind == "code":
        assert any("as codes" in n and "'status'" in n for n in notes), notes
        assert notes[0] == "Read the file as UTF-8 text."
        assert notes[1].startswith("Read the column header(s) ")
        assert "'Status' as status" in notes[1]


def test_labels_in_every_language_and_spelling_become_codes():
    schema = SCHEMAS["initiatives"]
    table = original("initiatives").head(8).copy()
    table["status"] = [
        "In progress",
        "in progress",
        "in-progress",
        "IN_PROGRESS",
        "En cours",
        "진행 중",
        "on hold",
        "Terminé",
    ]
    table["focus_area"] = ["Digital Expansion", "éducation", "교육", "Live events"] * 2
    normalised, notes = normalise(table, schema)
    assert normalised["status"].tolist() == ["in_progress"] * 6 + ["on_hold", "completed"]
    assert (
        normalised["focus_area"].tolist()
        == [
            "digital_expansion",
            "education",
            "education",
            "live_events",
        ]
        * 2
    )
    assert "Read 8 label(s) or differently written code(s) in 'status' as codes." in notes


# --- normalise, cell by cell

DATES = [
    ("2025-03-01", "2025-03-01"),
    ("2025-3-1", "2025-03-01"),
    ("2025-03-01 00:00:00", "2025-03-01"),
    ("2025-03-01T00:00", "2025-03-01"),
    ("2025/03/01", "2025-03-01"),
    ("2025. 3. 1.", "2025-03-01"),
    ("15.03.2025", "2025-03-15"),
    ("15-03-2025", "2025-03-15"),
    ("31/12/2025", "2025-12-31"),
    ("1/3/2025", "2025-03-01"),
    ("31/02/2025", "31/02/2025"),  # impossible: left for the validator
    ("2025-02-30", "2025-02-30"),
    ("01/03/25", "01/03/25"),  # two-digit year: ambiguous century
    ("2025-03-01 14:30:00", "2025-03-01 14:30:00"),  # a real time is not thrown away
    ("March 2025", "March 2025"),
    ("", ""),
]


def one_column(schema_name: str, column: str, values: list[str]) -> pd.DataFrame:
    table = original(schema_name).head(len(values)).copy()
    table[column] = values
    return table


def test_dates_in_common_forms_become_iso():
    values = [v for v, _ in DATES]
    table = one_column("live_events", "start_date", values)
    table["end_date"] = "2030-01-01"
    normalised, notes = normalise(table, SCHEMAS["live_events"])
    assert normalised["start_date"].tolist() == [want for _, want in DATES]
    assert "Read 2 date(s) written DD/MM/YYYY in 'start_date'." in notes
    assert "Read 1 date(s) written DD.MM.YYYY in 'start_date'." in notes


def test_us_dates_are_read_month_first_only_when_the_file_shows_it():
    us = one_column("live_events", "start_date", ["12/31/2025", "03/04/2025"])
    normalised, notes = normalise(us, SCHEMAS["live_events"])
    assert normalised["start_date"].tolist() == ["2025-12-31", "2025-03-04"]
    assert any("MM/DD/YYYY (US order)" in str(n) for n in notes)

    european = one_column("live_events", "start_date", ["31/12/2025", "03/04/2025"])
    assert normalise(european, SCHEMAS["live_events"])[0]["start_date"].tolist() == [
        "2025-12-31",
        "2025-04-03",
    ]

    mixed = one_column("live_events", "start_date", ["31/12/2025", "12/31/2025", "03/04/2025"])
    normalised, notes = normalise(mixed, SCHEMAS["live_events"])
    assert normalised["start_date"].tolist() == ["2025-12-31", "2025-12-31", "03/04/2025"]
    assert any(str(n).startswith("Left 1 date(s) in 'start_date' as written") for n in notes)


def test_monthly_dates_on_the_first_tell_the_order():
    schema = SCHEMAS["digital_metrics"]
    us = one_column("digital_metrics", "month", ["02/01/2025", "03/01/2025", "11/01/2025"])
    assert normalise(us, schema)[0]["month"].tolist() == ["2025-02-01", "2025-03-01", "2025-11-01"]
    fr = one_column("digital_metrics", "month", ["01/02/2025", "01/03/2025", "01/11/2025"])
    assert normalise(fr, schema)[0]["month"].tolist() == ["2025-02-01", "2025-03-01", "2025-11-01"]


NUMBERS = [
    ("1 234,5", "1234.5"),
    ("1\u202f234,5", "1234.5"),
    ("1\u00a0234,5", "1234.5"),
    ("1.234,5", "1234.5"),
    ("1,234.5", "1234.5"),
    ("3,5", "3.5"),
    ("1 234 567", "1234567"),
    ("1,234,567", "1234567"),
    ("1.234.567,89", "1234567.89"),
    ("12 500 €", "12500"),
    ("€1,250.50", "1250.50"),
    ("EUR 300", "300"),
    ("-0,5", "-0.5"),
    ("\u22127", "-7"),
    (",5", "0.5"),
    ("2500.75", "2500.75"),
    ("1e6", "1e6"),
    ("12 5", "12 5"),  # not a thousands grouping: left for the validator
    ("1,234,5", "1,234,5"),
    ("lots", "lots"),
    ("", ""),
]


def test_numbers_in_common_forms_become_plain():
    values = [v for v, _ in NUMBERS]
    table = one_column("initiatives", "budget_eur", values + [""] * 0)
    normalised, notes = normalise(table.head(len(values)), SCHEMAS["initiatives"])
    assert normalised["budget_eur"].tolist() == [want for _, want in NUMBERS]
    assert "Read decimal commas in 'budget_eur'." in notes
    assert "Removed thousands separators in 'budget_eur'." in notes
    assert "Removed the € sign or EUR in 'budget_eur'." in notes


def test_a_lone_three_digit_group_follows_the_file():
    schema = SCHEMAS["live_events"]
    table = original("live_events").head(4).copy()
    for name in ("longitude", "ticket_price_eur"):
        table[name] = table[name].str.replace(".", ",")
    # Decimal commas in the file: "45,764" is a decimal, "1.380" a thousands group.
    table["latitude"] = ["48,8566", "45,764", "50,1", "41,39"]
    table["capacity"] = ["1.380", "2 000", "900", "12.000"]
    normalised, _ = normalise(table, schema)
    assert normalised["latitude"].tolist() == ["48.8566", "45.764", "50.1", "41.39"]
    assert normalised["capacity"].tolist() == ["1380", "2000", "900", "12000"]
    # Decimal points: "1,380" is a thousands group; canonical decimals are never reread.
    table = original("live_events").head(4).copy()
    table["latitude"] = ["48.8566", "45.764", "50.1", "41.39"]
    table["capacity"] = ["1,380", "2,000", "900", "12,000"]
    normalised, _ = normalise(table, schema)
    assert normalised["latitude"].tolist() == ["48.8566", "45.764", "50.1", "41.39"]
    assert normalised["capacity"].tolist() == ["1380", "2000", "900", "12000"]


def test_a_lone_three_digit_group_without_evidence_is_left_in_a_decimal_column():
    table = one_column("initiatives", "budget_eur", ["1,234", "5000"])
    table["kpi_target"] = "10"
    table["kpi_actual"] = ""
    assert normalise(table, SCHEMAS["initiatives"])[0]["budget_eur"].tolist() == ["1,234", "5000"]


def test_countries_by_name_code_and_case():
    table = one_column(
        "live_events",
        "country",
        ["fr", "Allemagne", "영국", "DEU", "the Netherlands", "Türkiye", "Tchéquie", "Japan", "XX"],
    )
    normalised, notes = normalise(table, SCHEMAS["live_events"])
    assert normalised["country"].tolist() == [
        "FR",
        "DE",
        "GB",
        "DE",
        "NL",
        "TR",
        "CZ",
        "Japan",
        "XX",
    ]
    assert "Matched 6 country name(s) to codes in 'country'." in notes
    assert "Upper-cased 1 country code(s) in 'country'." in notes


def test_country_lists_accept_names_and_both_separators():
    table = one_column(
        "initiatives",
        "countries",
        ["FR;DE", "France, Allemagne", "fr; de; gb", "Espagne;Italie;", "France;Atlantis"],
    )
    normalised, _ = normalise(table, SCHEMAS["initiatives"])
    assert normalised["countries"].tolist() == [
        "FR;DE",
        "FR;DE",
        "FR;DE;GB",
        "ES;IT",
        "France;Atlantis",
    ]


def test_headers_match_loosely_and_by_label_in_three_languages():
    schema = SCHEMAS["initiatives"]
    table = original("initiatives").head(3)
    renamed = {
        "initiative_id": " Initiative ID ",
        "budget_eur": "Budget (EUR)",
        "start_date": "Début",
        "end_date": "종료",
        "kpi_actual": "KPI reached",
        "lead_country": "LEAD_COUNTRY",
    }
    table = table.rename(columns=renamed).assign(Remarks="x")
    normalised, notes = normalise(table, schema)
    assert list(normalised.columns) == [*schema.column_names, "Remarks"]
    assert str(notes[0]).startswith("Read the column header(s) ")
    assert "'Début' as start_date" in str(notes[0])


def test_normalise_keeps_every_row_in_order_and_extra_columns_untouched():
    table = original("live_events").head(6).copy()
    table["note"] = ["=1+2", " keep  ", "", "<b>x</b>", "3,5", "01/02/2025"]
    table.loc[2, "capacity"] = "not known"
    table.index = [10, 11, 13, 14, 20, 21]
    normalised, _ = normalise(table, SCHEMAS["live_events"])
    assert normalised.index.tolist() == [10, 11, 13, 14, 20, 21]
    assert normalised["note"].tolist() == table["note"].tolist()
    assert normalised["capacity"].tolist()[2] == "not known"


def test_repeated_columns_are_numbered_so_the_first_one_is_validated():
    table = original("initiatives").head(2).copy()
    table.insert(3, "Status", ["On hold", "Planned"])  # matched by label, but status exists
    table.columns = [*table.columns[:3], "status", *table.columns[4:]]
    normalised, notes = normalise(table, SCHEMAS["initiatives"])
    assert list(normalised.columns).count("status") == 1
    assert "status (2)" in normalised.columns
    assert normalised["status"].tolist() == ["on_hold", "planned"]
    assert any(str(n).startswith("Renamed repeated column(s) to status (2)") for n in notes)


# --- reading files


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separators_and_quoted_fields(separator):
    rows = [
        ["name", "note", "value"],
        ["a", f'has a {separator} and a "quote"', "1,5"],
        ["b", "two\nlines", "2"],
        ["c", "", "3"],
    ]
    data = to_csv(pd.DataFrame(rows[1:], columns=rows[0]), separator).encode("utf-8")
    table = read_table("t.csv", data)
    assert list(table.columns) == ["name", "note", "value"]
    assert table.values.tolist() == [r for r in rows[1:]]


def test_windows_1252_accents_and_utf8_without_bom():
    text = "name;city\nÉlysée Montmartre;Zürich\n"
    assert read_table("a.csv", text.encode("cp1252"))["name"].tolist() == ["Élysée Montmartre"]
    assert read_table("a.csv", text.encode("utf-8"))["city"].tolist() == ["Zürich"]
    utf16 = read_table("a.txt", "name\tcity\nA\tB\n".encode("utf-16"))
    assert utf16.values.tolist() == [["A", "B"]]


def test_headers_are_stripped_blank_rows_dropped_and_rows_numbered_as_in_the_file():
    data = "\ufeff  name , status\t\r\nA,planned\r\n,\r\n\r\nB,\r\n ,  \r\nC,on_hold\r\n"
    table = read_table("a.csv", data.encode("utf-8"))
    assert list(table.columns) == ["name", "status"]
    assert table.values.tolist() == [["A", "planned"], ["B", ""], ["C", "on_hold"]]
    assert table.index.tolist() == [2, 5, 7]
    assert "Left out 3 blank row(s)." in table.attrs["notes"]


def test_title_rows_above_the_header_are_skipped():
    data = b"Live events 2025;;\n;;\nname;city;country\nA;Paris;FR\n"
    table = read_table("a.csv", data)
    assert list(table.columns) == ["name", "city", "country"]
    assert table.index.tolist() == [4]


def test_header_only_file_gives_an_empty_table_that_the_validator_refuses():
    table = read_table("a.csv", b"name,city\r\n")
    assert list(table.columns) == ["name", "city"] and table.empty
    with pytest.raises(SchemaError, match="no data rows"):
        validate(normalise(table, SCHEMAS["live_events"])[0], SCHEMAS["live_events"])


def test_excel_cells_become_text():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "First"
    sheet.append(["when", "stamp", "count", "share", "big", "flag", "text", "empty"])
    sheet.append(
        [date(2025, 3, 1), datetime(2025, 3, 1, 14, 30), 1200.0, 0.25, 1e16, True, "=x", None]
    )
    sheet["G2"].data_type = "s"
    book.create_sheet("Second").append(["a"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("book.xlsx", buffer.getvalue())  # the first sheet by default
    assert table.iloc[0].tolist() == [
        "2025-03-01",
        "2025-03-01 14:30:00",
        "1200",
        "0.25",
        "10000000000000000",
        "TRUE",
        "=x",
        "",
    ]
    assert "Read the sheet 'First'." in table.attrs["notes"]
    with pytest.raises(UploadError, match=r"no sheet named 'Third'\. Pick one of: First, Second"):
        read_table("book.xlsx", buffer.getvalue(), sheet="Third")


def test_a_table_away_from_a1_behind_a_hidden_sheet_is_found():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["C4"], sheet["D4"], sheet["C6"] = (
        "name",
        "city",
        "A",
        "Paris",
        "B",
    )
    hidden = book.create_sheet("Lists", 0)
    hidden.sheet_state = "hidden"
    hidden["A1"] = "not this one"
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table("book.xlsx", buffer.getvalue())
    assert list(table.columns) == ["name", "city"]
    assert table.values.tolist() == [["A", "Paris"], ["B", ""]]
    assert table.index.tolist() == [4, 6]
    assert table.attrs["notes"] == ["Read the sheet 'Sheet'.", "Left out 1 blank row(s)."]


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
REFUSALS = [
    ("empty.csv", b"", "The file is empty. Export the sheet again with its header row."),
    ("bom.csv", b"\xef\xbb\xbf\r\n \r\n", "The file is empty. Export"),
    ("blank.csv", b";;;\r\n;;\r\n", "The file is empty. Export"),
    ("image.csv", PNG, "This file is a PNG image, not a table. Upload a CSV file"),
    ("noise.csv", bytes(range(256)) * 4, "This file holds binary data, not text. Upload a CSV"),
    ("report.pdf", b"%PDF-1.7\n", "'.pdf' files cannot be read. Upload a CSV file (.csv or .txt)"),
    ("data", b"a,b\n1,2\n", "Files without an extension cannot be read. Upload"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Old Excel files (.xls) cannot be read"),
    ("fake.xlsx", b"a,b\n1,2\n", "not an Excel workbook although its name ends in .xlsx"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "remove any password"),
    ("archive.xlsx", zip_bytes({"a.txt": b"x"}), "not an Excel workbook (it may be another"),
    ("book.csv", zip_bytes({"xl/workbook.xml": b""}), "Upload the workbook under its .xlsx name"),
    ("page.csv", b"<!DOCTYPE html><html><table>", "This file is a web page (HTML), not a table"),
    ("bad.csv", b"name\n\x81\x8d\x8f\x90\x9d\n", "not text in a known encoding"),
    ("broken.xlsx", b"PK\x03\x04broken", "The workbook is damaged and cannot be opened"),
]


@pytest.mark.parametrize(("file_name", "data", "message"), REFUSALS)
def test_whole_file_refusals_say_what_is_wrong_and_what_to_do(file_name, data, message):
    with pytest.raises(UploadError) as refused:
        read_table(file_name, data)
    assert message in str(refused.value)


def small_limit(monkeypatch) -> None:
    """An upload limit of 0.1 MB (100,000 bytes), said the same way as the real one."""
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", 100_000)
    monkeypatch.setattr(files, "MAX_UPLOAD_MB", 0.1)


def test_files_above_the_size_limit_are_refused(monkeypatch):
    small_limit(monkeypatch)
    with pytest.raises(UploadError, match=r"The file is 0\.1 MB, above the limit of 0\.1 MB "):
        read_table("big.csv", b"a,b\n" + b"1,2\n" * 25_000)  # 100,004 bytes
    just_under = b"a,b\n" + b"1,2\n" * 24_998 + b"1,\n"  # 99,999 bytes
    assert len(read_table("small.csv", just_under)) == 24_999


def test_the_limit_is_20_000_000_bytes_as_the_widget_and_the_config_say():
    """Streamlit's widget counts 1 MB as 1,000,000 bytes on Linux and macOS (1,048,576 on
    Windows, so the strict reading is the one enforced); the config and the widget say 20."""
    assert files.MAX_UPLOAD_BYTES == 20_000_000
    config = (Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text()
    assert re.search(r"^maxUploadSize = 20\b", config, re.MULTILINE)
    assert "max_upload_size=MAX_UPLOAD_MB" in (Path(__file__).parents[1] / "components" /
                                                "upload.py").read_text()  # fmt: skip
    line = b"1234567,1234567\n"
    data = b"a,b\n" + line * ((20_000_000 - 4) // len(line))
    data += b"1" * (20_000_001 - len(data) - 1) + b"\n"
    assert len(data) == 20_000_001
    with pytest.raises(UploadError, match=r"The file is 20\.0 MB, above the limit of 20 MB"):
        read_table("big.csv", data)


def test_a_workbook_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(workbooks, "MAX_UNPACKED_BYTES", 1000)
    data = template_xlsx(SCHEMAS["initiatives"], EN)
    with pytest.raises(UploadError, match="once unpacked, above the limit"):
        read_table("t.xlsx", data)


# --- refusals and notes in the viewer's language

UPLOAD_KEY = re.compile(r'"(upload_(?:error|note)\.[a-z0-9_]+)"')


def upload_keys_in_code() -> set[str]:
    package = Path(uploads.__file__).parent
    return {key for path in package.glob("*.py") for key in UPLOAD_KEY.findall(path.read_text())}


def test_every_refusal_and_note_key_is_in_every_catalogue():
    used = upload_keys_in_code()
    assert len(used) > 40  # the scan does find the keys
    for lang in LANGUAGES:
        assert sorted(used - set(catalog(lang))) == [], f"missing in {lang}"
    unused = {k for k in catalog("en") if k.startswith(("upload_error.", "upload_note."))} - used
    assert sorted(unused) == []


def test_a_refusal_is_a_data_error_with_a_key_and_values():
    with pytest.raises(DataError) as refused:
        read_table("report.pdf", b"%PDF-1.7\n")
    assert isinstance(refused.value, UploadError) and isinstance(refused.value, ValueError)
    assert (refused.value.key, refused.value.params) == (
        "upload_error.wrong_extension",
        {"extension": ".pdf"},
    )
    assert str(refused.value) == (
        "'.pdf' files cannot be read. "
        "Upload a CSV file (.csv or .txt) or an Excel workbook (.xlsx)."
    )


def test_refusals_read_in_french_and_korean_with_file_values_escaped():
    with pytest.raises(UploadError) as refused:
        read_table("image.csv", PNG)
    assert _refusal(refused.value, FR) == (
        "Ce fichier est une image PNG, et non un tableau. "
        "Importez un fichier CSV (.csv ou .txt) ou un classeur Excel (.xlsx)."
    )
    book = openpyxl.Workbook()
    book.active.title = "First"
    book.create_sheet("Second")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(UploadError) as refused:
        read_table("book.xlsx", buffer.getvalue(), sheet="*Third*")
    assert (
        str(refused.value)
        == "The workbook has no sheet named '*Third*'. Pick one of: First, Second."
    )
    assert _refusal(refused.value, KO) == (
        "통합 문서에 '\\*Third\\*' 시트가 없습니다. 다음 중에서 선택하세요: First, Second."
    )


def test_a_schema_refusal_keeps_its_translated_dataset_title():
    table = read_table("a.csv", b"name,city\r\n")
    with pytest.raises(SchemaError) as refused:
        validate(normalise(table, SCHEMAS["live_events"])[0], SCHEMAS["live_events"])
    title = FR("schema.live_events.title")
    assert _refusal(refused.value, FR) == FR("error.no_rows", title=title)


def test_sizes_follow_the_viewer_s_number_format(monkeypatch):
    small_limit(monkeypatch)
    with pytest.raises(UploadError) as refused:
        read_table("big.csv", b"a,b\n" + b"1,2\n" * 60_000)  # 240,004 bytes: 0.2 MB
    assert str(refused.value).startswith("The file is 0.2 MB, above the limit of 0.1 MB (1 MB")
    assert _refusal(refused.value, FR).startswith("Le fichier fait 0,2 Mo, au-delà de la limite")


def test_a_note_equals_its_english_text_and_reads_in_each_language():
    note = Message("upload_note.blank_rows", {"n": 3})
    assert note == "Left out 3 blank row(s)."
    assert note in {"Left out 3 blank row(s)."} and "Left out 3 blank row(s)." in {note}
    assert note == Message("upload_note.blank_rows", {"n": 3})
    assert note != Message("upload_note.blank_rows", {"n": 4})
    assert note != "Left out 4 blank row(s)."
    assert (note.text(FR), note.text(KO)) == (
        "Lignes vides ignorées : 3.",
        "빈 행 3개를 제외했습니다.",
    )


def test_notes_on_reading_a_french_file_in_three_languages():
    data = (
        "Titre\r\nevent_id;*Début*;note\r\nEVT-1;15/03/2025;x\r\n;;\r\nEVT-2;16.03.2025;y\r\n"
    ).encode("cp1252")
    notes = normalise(read_table("a.csv", data), SCHEMAS["live_events"])[1]
    assert all(isinstance(n, Message) for n in notes)
    assert notes == [
        "Read the file as Windows-1252 text.",
        "Read the columns as separated by semicolons.",
        "Skipped 1 title row(s) above the header.",
        "Left out 1 blank row(s).",
        "Read the column header(s) '*Début*' as start_date.",
        "Read 1 date(s) written DD/MM/YYYY in 'start_date'.",
        "Read 1 date(s) written DD.MM.YYYY in 'start_date'.",
    ]
    assert [n.text(FR) for n in notes] == [
        "Fichier lu comme texte Windows-1252.",
        "Colonnes lues comme séparées par des points-virgules.",
        "Lignes de titre ignorées au-dessus de l'en-tête : 1.",
        "Lignes vides ignorées : 1.",
        "En-têtes de colonne lus : « *Début* » comme start_date.",
        "Dates lues au format JJ/MM/AAAA dans « start_date » : 1.",
        "Dates lues au format JJ.MM.AAAA dans « start_date » : 1.",
    ]
    assert notes[4].text(KO) == "열 머리글 '*Début*'을(를) start_date(으)로 읽었습니다."
    # Shown through Markdown, only what comes from the file is escaped, never the message.
    assert notes[4].text(FR, escape=plain) == (
        "En-têtes de colonne lus : « \\*Début\\* » comme start\\_date."
    )


def test_named_columns_are_listed_with_the_language_s_separator():
    notes = read_table("a.csv", b"a,,x,x\n1,2,3,4\n").attrs["notes"][1:]  # after the encoding
    assert notes == ["Named a column without a header (column_B); a second 'x' column (x (2))."]
    assert notes[0].text(FR) == (
        "Colonnes nommées : une colonne sans en-tête (column_B) ; "
        "une deuxième colonne « x » (x (2))."
    )
    assert notes[0].text(KO) == (
        "다음과 같이 열 이름을 붙였습니다: 머리글이 없는 열(column_B), 두 번째 'x' 열(x (2))."
    )


# --- templates


@pytest.mark.parametrize("name", NAMES)
def test_templates_read_back_with_exactly_the_schema_columns(name):
    schema = SCHEMAS[name]
    csv_bytes = template_csv(schema)
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    assert list(read_table(f"{name}.csv", csv_bytes).columns) == list(schema.column_names)
    xlsx = template_xlsx(schema, EN)
    assert excel_sheets(xlsx) == [name, "Columns"]
    table = read_table(f"{name}.xlsx", xlsx)
    assert list(table.columns) == list(schema.column_names) and table.empty


def test_template_workbook_explains_each_column_in_the_viewer_s_language():
    schema = SCHEMAS["live_events"]
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(schema, EN)))
    sheet = book["live_events"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    guide = pd.read_excel(io.BytesIO(template_xlsx(schema, EN)), sheet_name="Columns", dtype=str)
    guide = guide.fillna("").set_index("Column")
    assert guide.index.tolist() == list(schema.column_names)
    assert guide.loc["status", "Type"] == "Code"
    assert guide.loc["status", "Required"] == "Yes"
    assert guide.loc["status", "Allowed values"] == (
        "completed, in_progress, planned, proposed, on_hold"
    )
    assert guide.loc["latitude", ["Minimum", "Maximum", "Example"]].tolist() == [
        "-90", "90", "48.8566",
    ]  # fmt: skip
    assert guide.loc["capacity", "Required"] == "No"
    assert guide.loc["event_id", "Rules"] == "unique"
    assert guide.loc["initiative_id", "Rules"] == "must exist in initiatives.initiative_id"
    assert guide.loc["end_date", "Rules"] == "from 1900-01-01 to 2099-12-31; on or after start_date"
    assert guide.loc["attendance", "Meaning"] == schema.column("attendance").description

    french = pd.read_excel(io.BytesIO(template_xlsx(schema, FR)), sheet_name="Colonnes", dtype=str)
    french = french.fillna("").set_index("Colonne")
    assert french.loc["status", "Obligatoire"] == "Oui"
    assert french.loc["end_date", "Règles"] == (
        "du 1900-01-01 au 2099-12-31 ; égal ou postérieur à start_date"
    )
    assert french.loc["attendance", "Signification"] == FR("schema.live_events.attendance")
    korean = openpyxl.load_workbook(io.BytesIO(template_xlsx(schema, KO)))
    assert korean.sheetnames == ["live_events", "열 설명"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_template_s_guide_is_the_data_page_s_dictionary(lang):
    """Two places describe the columns; both come from one builder and say the same."""
    t = Translator(lang)
    schema = SCHEMAS["digital_metrics"]
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx(schema, t)))
    guide = workbook[t("template.guide_sheet")]
    rows = [[cell if cell is not None else "" for cell in row] for row in guide.values]
    shown = data_dictionary(schema, t)
    assert rows[0] == list(shown.columns)
    assert rows[1:] == shown.astype(str).values.tolist()
    month = shown.set_index(t("data.dict.column")).loc["month", t("data.dict.rules")]
    assert t("data.rule.first_of_month") in month


@pytest.mark.parametrize("name", NAMES)
def test_template_examples_pass_the_schema(name):
    schema = SCHEMAS[name]
    guide = pd.read_excel(io.BytesIO(template_xlsx(schema, EN)), sheet_name="Columns", dtype=str)
    example = pd.DataFrame([guide["Example"].fillna("").tolist()], columns=schema.column_names)
    result = validate(example, schema)
    assert result.ok, result.problems.to_string()


# --- a validator limit uploads run into (validation.py, not this module)


def test_an_extra_column_named_row_does_not_crash_validation():
    table = original("live_events").head(3).assign(row="mine")
    table.loc[0, "capacity"] = "lots"
    result = validate(normalise(table, SCHEMAS["live_events"])[0], SCHEMAS["live_events"])
    assert len(result.rejected) == 1


def test_a_whole_set_in_one_workbook_is_checked_sheet_by_sheet():
    import io as _io

    from kpop_explorer.datasets.intake import check_workbook

    buffer = _io.BytesIO()
    events = original("live_events").head(6)
    events.loc[0, "initiative_id"] = "INI-NEW"  # only the workbook's initiatives know it
    initiatives = original("initiatives").head(30).copy()
    initiatives.loc[0, "initiative_id"] = "INI-NEW"
    with pd.ExcelWriter(buffer) as writer:
        events.to_excel(writer, sheet_name="Live events", index=False)
        initiatives.to_excel(writer, sheet_name="initiatives.csv", index=False)
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Notes", index=False)
    checks = check_workbook("set.xlsx", buffer.getvalue(), SCHEMAS)
    assert list(checks) == ["initiatives", "live_events"]  # initiatives checked first
    assert checks["live_events"].rows_valid == 6  # INI-NEW is known from the workbook
    assert checks["initiatives"].rows_valid == len(initiatives)


def test_a_whole_set_must_be_a_workbook_with_named_sheets():
    import io as _io

    from kpop_explorer.datasets.intake import check_workbook

    with pytest.raises(UploadError, match="must be an Excel workbook"):
        check_workbook("set.csv", b"a,b\n1,2\n", SCHEMAS)
    buffer = _io.BytesIO()
    with pd.ExcelWriter(buffer) as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Sheet1", index=False)
    with pytest.raises(UploadError, match="No sheet of this workbook is named after a dataset"):
        check_workbook("set.xlsx", buffer.getvalue(), SCHEMAS)
