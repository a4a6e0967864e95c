"""What one upload costs: time and peak memory to check legitimate 20 MB files and hostile ones.

    .venv/bin/python bench/uploads.py            # every case, a table on stdout
    .venv/bin/python bench/uploads.py --quick    # the hostile cases only (no 20 MB workbook)

Each case runs in a fresh Python process, so its peak resident memory (above the process's
memory once the app's modules are imported) is that upload's alone. A case goes through the
whole check the Data page runs (`intake.check_upload`: read, normalise, validate). Wall time
depends on how busy the machine is; processor time (what the upload limit counts) much less.
Not run in CI.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_BYTES = 20_000_000  # the upload limit


def _metrics_csv() -> bytes:
    """The shipped digital metrics, repeated to just under 20 MB; each copy's initiative ids
    are its own ("I07-001"), so that every row is valid."""
    raw = (ROOT / "data" / "digital_metrics.csv").read_bytes()
    header, body = raw.split(b"\n", 1)
    copies = (TARGET_BYTES - len(header)) // len(body)
    return header + b"\n" + b"".join(body.replace(b",INI-", b",I%02d-" % k) for k in range(copies))


def _workbook(csv_bytes: bytes) -> bytes:
    """The same table as an Excel workbook, numbers stored as numbers."""
    import csv

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("digital_metrics")
    for number, row in enumerate(csv.reader(io.StringIO(csv_bytes.decode()))):
        sheet.append(row if number == 0 else row[:5] + [float(v) if v else None for v in row[5:]])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _archive(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _hostile_workbook(sheet_xml: bytes, shared: bytes | None = None) -> bytes:
    parts = {
        "[Content_Types].xml": b"<Types/>",
        "xl/workbook.xml": (
            f'<workbook {_NS} {_REL_NS}><sheets><sheet name="digital_metrics" sheetId="1" '
            f'r:id="rId1"/></sheets></workbook>'
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    return _archive(parts)


def _sheet(rows: bytes, count: int) -> bytes:
    return f"<worksheet {_NS}><sheetData>".encode() + rows * count + b"</sheetData></worksheet>"


def cases(quick: bool) -> dict[str, tuple[str, bytes]]:
    """Case name -> (file name, bytes)."""
    found: dict[str, tuple[str, bytes]] = {}
    legit = _metrics_csv()
    found["legit 20 MB CSV (metrics x52)"] = ("metrics.csv", legit)
    if not quick:
        found["legit workbook of the same data"] = ("metrics.xlsx", _workbook(legit))
    found["bomb: 150 MB of sheet XML"] = (
        "bomb.xlsx",
        _hostile_workbook(_sheet(b"<row><c><v>1</v></c></row>", 5_800_000)),
    )
    found["bomb: 130 MB of sheet XML (under 140 MB)"] = (
        "packed.xlsx",
        _hostile_workbook(_sheet(b"<row><c><v>1</v></c></row>", 5_000_000)),
    )
    found["bomb: 2.6 million one-cell rows"] = (
        "cells.xlsx",
        _hostile_workbook(
            _sheet(
                b"".join(
                    b'<row><c r="A%d"><v>%d</v></c></row>' % (i, i % 97)
                    for i in range(1, 2_600_000)
                ),
                1,
            )
        ),
    )
    found["bomb: a cell in column XFD on every row"] = (
        "wide.xlsx",
        _hostile_workbook(_sheet(b'<row><c r="XFD1"><v>1</v></c></row>', 200_000)),
    )
    found["bomb: 3 million shared strings"] = (
        "strings.xlsx",
        _hostile_workbook(
            _sheet(b'<row><c t="s"><v>0</v></c></row>', 1),
            f"<sst {_NS}>".encode() + b"<si><t>x</t></si>" * 3_100_000 + b"</sst>",
        ),
    )
    two_rows = b"\n".join(legit.split(b"\n")[:3])
    found["CSV: 2 rows, then an unclosed quote (19 MB)"] = (
        "quote.csv",
        two_rows + b'\n2025-01-01,FR,"' + b"x" * 19_000_000 + b"\n",
    )
    found["CSV: 10 million one-byte cells"] = ("tiny.csv", b"1," * 9_999_999 + b"1\n")
    return found


def _memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (the peak) of this process; unlike ru_maxrss, the peak starts
    afresh in a new program rather than carrying the parent's."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_one(path: Path) -> dict[str, object]:
    from kpop_explorer.datasets.intake import check_upload
    from kpop_explorer.datasets.schemas import SCHEMAS
    from kpop_explorer.datasets.validation import DataError

    data = path.read_bytes()
    baseline = _memory_mb("VmRSS")
    start, cpu = time.perf_counter(), time.thread_time()
    try:
        check = check_upload(path.name, data, SCHEMAS["digital_metrics"])
        outcome = f"read: {check.rows_valid:,} valid, {check.rows_rejected:,} rejected"
    except DataError as refused:
        outcome = f"refused: {refused.key.split('.', 1)[1]}"
    seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _memory_mb("VmHWM") - baseline,
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 20 MB workbook")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a child process's case
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    print(f"{'case':<42} {'file MB':>8} {'seconds':>8} {'CPU s':>6} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for name, (file_name, data) in cases(args.quick).items():
            path = Path(folder) / file_name
            path.write_bytes(data)
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(child.stdout)
            print(f"{name:<42} {len(data) / 1e6:>8.2f} {result['seconds']:>8.1f} "
                  f"{result['cpu']:>6.1f} "
                  f"{result['peak_mb']:>8.0f}  {result['outcome']}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
