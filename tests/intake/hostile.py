"""Hostile and odd files, written byte by byte: the tests refuse them, and
``benchmarks/bench_intake_hostile.py`` times the refusals at the same or larger sizes.

Each writer makes a small valid workbook with openpyxl and then rewrites its sheet XML, so
the file is what a tool (or an attacker) could really produce: a million empty rows, a
million styled empty cells, a value a million rows down, hundreds of huge merged ranges, a
sheet that unpacks to hundreds of megabytes, an XML entity bomb, a password-protected
workbook, and Excel's "Unicode text" (UTF-16) export.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def _base() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Vuorot"
    ws.append(["Nimi", "ma", "ti"])
    ws.append(["Bo Ek", "18-22", None])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _rewrite(path: Path, sheet: Callable[[bytes], Iterator[bytes]], members=None) -> Path:
    """Copy the base workbook to ``path``, the sheet XML replaced by what ``sheet`` yields
    (streamed, so a large sheet never sits in memory)."""
    with (
        zipfile.ZipFile(BytesIO(_base())) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == SHEET:
                with out.open(SHEET, "w", force_zip64=True) as fh:
                    for chunk in sheet(data):
                        fh.write(chunk)
            elif members and info.filename in members:
                out.writestr(info.filename, members[info.filename](data))
            else:
                out.writestr(info, data)
    return path


def _split(data: bytes, marker: bytes) -> tuple[bytes, bytes]:
    at = data.index(marker)
    return data[:at], data[at:]


def many_rows(path: Path, rows: int = 1_200_000) -> Path:
    """A workbook of ~2 MB holding over a million empty rows."""

    def sheet(data: bytes) -> Iterator[bytes]:
        head, tail = _split(data, b"</sheetData>")
        yield head
        for start in range(3, rows + 3, 100_000):
            yield b"".join(
                b'<row r="%d"/>' % i for i in range(start, min(start + 100_000, rows + 3))
            )
        yield tail

    return _rewrite(path, sheet)


def many_cells(path: Path, cells: int = 1_500_000, per_row: int = 100) -> Path:
    """Styled empty cells, ``per_row`` to a row: small on disk, millions to parse."""

    def sheet(data: bytes) -> Iterator[bytes]:
        head, tail = _split(data, b"</sheetData>")
        yield head
        row = b'<c s="0"/>' * per_row
        for r in range(3, cells // per_row + 3):
            yield b'<row r="%d">%s</row>' % (r, row)
        yield tail

    return _rewrite(path, sheet)


def far_value(path: Path, row: int = 1_048_576) -> Path:
    """One value in the last row Excel has."""

    def sheet(data: bytes) -> Iterator[bytes]:
        head, tail = _split(data, b"</sheetData>")
        yield head
        yield b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (row, row)
        yield tail

    return _rewrite(path, sheet)


def huge_merges(path: Path, ranges: int = 300, rows: int = 3000, last: bytes = b"ZZ") -> Path:
    """Hundreds of merged ranges, each thousands of rows by hundreds of columns (or, with
    ``rows=1, last=b"E"``, thousands of small ones)."""

    def sheet(data: bytes) -> Iterator[bytes]:
        merges = b"".join(
            b'<mergeCell ref="D%d:%s%d"/>' % (i * 3 + 1, last, i * 3 + rows) for i in range(ranges)
        )
        block = b'<mergeCells count="%d">%s</mergeCells>' % (ranges, merges)
        head, tail = _split(data, b"</sheetData>")
        end = len(b"</sheetData>")
        yield head + tail[:end] + block + tail[end:]

    return _rewrite(path, sheet)


def unpacks_big(path: Path, megabytes: int = 420) -> Path:
    """A sheet that unpacks to hundreds of megabytes of padding (a zip bomb)."""

    def sheet(data: bytes) -> Iterator[bytes]:
        head, tail = _split(data, b"</sheetData>")
        yield head
        blank = b" " * (1 << 20)
        for _ in range(megabytes):
            yield blank
        yield tail

    return _rewrite(path, sheet)


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>"
)


def xml_bomb(path: Path) -> Path:
    """The sheet's XML carries a 'billion laughs' entity expansion."""

    def sheet(data: bytes) -> Iterator[bytes]:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        yield LAUGHS + body.replace(b"<t>Bo Ek</t>", b"<t>&lol9;</t>")

    return _rewrite(path, sheet)


def password_protected(path: Path) -> Path:
    """What Excel writes for File › Info › Protect Workbook › Encrypt with Password: an OLE2
    compound file with the EncryptionInfo and EncryptedPackage streams."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[i * 128 : i * 128 + len(encoded)] = encoded
    path.write_bytes(bytes(header) + bytes(directory) + b"\x00" * 4096)
    return path


def utf16_text(path: Path, rows: list[list[str]]) -> Path:
    """Excel's "Unicode text": tab-separated UTF-16 with a byte-order mark, CRLF."""
    text = "\r\n".join("\t".join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode("utf-16"))
    return path
