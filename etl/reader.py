"""Inspecting an input file before DuckDB reads it: encoding, delimiter, checksum and the first record.

Python reads the file in byte chunks only (to hash it, to tell UTF-8 from cp1252, and to transcode a
non-UTF-8 file for DuckDB); the rows themselves are read by DuckDB (etl/stage.py).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

# Real exports carry long free-text fields (ACLED notes, UCDP source articles).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

SNIFF_BYTES = 1 << 16
CHUNK = 1 << 20


class InputError(Exception):
    """The file cannot be read as a table at all (exit code 2). The message says what to do."""


@dataclass(frozen=True)
class TextFile:
    path: Path
    encoding: str
    delimiter: str
    sha256: str
    first_row: list[str]
    lines: int  # physical lines (line feeds, and a last line without one)
    # an empty line with content after it (perhaps inside a quoted field): DuckDB's reader skips empty lines, so
    # the lines after it may need numbering (blank_lines)
    empty_lines: bool = False
    trailing_empty_lines: int = 0  # after the last content: nothing follows them to number


def _detect_encoding(path: Path) -> tuple[str, str, int, bool, int]:
    """(encoding, sha256, lines, empty_lines, trailing_empty_lines). UTF-8 (with or without BOM) if it decodes, else
    cp1252, else latin-1. Lines are counted by their line feeds (a last line without one counts too): the same in
    all three encodings."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    is_utf8 = cp1252_ok = True
    head = last = b""
    line_feeds = 0
    offset = last_content = -1  # the last byte read, the last byte that is no line break
    first_empty = None  # where the first empty line starts
    tail_feeds = 0  # line feeds after the last byte that is no line break
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            line_feeds += chunk.count(b"\n")
            seam = last + chunk  # an empty line may straddle two chunks
            empty = [i for i in (seam.find(b"\n\n"), seam.find(b"\n\r\n")) if i >= 0]
            if first_empty is None and empty:
                first_empty = offset + 1 - len(last) + min(empty)
            if stripped := len(chunk.rstrip(b"\r\n")):
                last_content = offset + stripped
                tail_feeds = 0
            tail_feeds += chunk.count(b"\n", stripped)
            offset += len(chunk)
            last = (last + chunk)[-2:]
            if not head:
                head = chunk[:SNIFF_BYTES]
                if b"\x00" in head:
                    raise InputError(
                        f"{path}: this is a binary file, not a delimited text table. "
                        "Export the data as CSV (comma- or tab-separated, UTF-8) and load that."
                    )
            is_utf8 = is_utf8 and _decodes(utf8, chunk)
            cp1252_ok = cp1252_ok and (is_utf8 or _decodes(cp1252, chunk))
    if not head.strip():
        raise InputError(f"{path}: the file is empty. Nothing to load: check that the export finished.")
    lines = line_feeds + (last[-1:] != b"\n")
    empty = first_empty is not None and first_empty < last_content, max(tail_feeds - 1, 0)
    if is_utf8 and _decodes(utf8, b"", final=True):
        return ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"), digest.hexdigest(), lines, *empty
    return ("cp1252" if cp1252_ok else "latin-1"), digest.hexdigest(), lines, *empty


def _decodes(decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    try:
        decoder.decode(chunk, final=final)
    except UnicodeDecodeError:
        return False
    return True


def detect_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def open_text(path: Path) -> TextFile:
    """Inspect a file: raise InputError if it is no readable table."""
    if not path.exists():
        raise InputError(f"{path}: no such file. Check the path.")
    if path.is_dir():
        raise InputError(f"{path}: is a folder. Name the CSV files inside it.")
    try:
        encoding, sha, lines, empty_lines, trailing = _detect_encoding(path)
        with path.open(encoding=encoding, newline="") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}). Check permissions.") from e
    delimiter = detect_delimiter(head.split("\n", 1)[0])
    first = first_record(head, delimiter)
    if first is None:
        raise InputError(f"{path}: the file has no rows. Nothing to load.")
    return TextFile(path, encoding, delimiter, sha, first, lines, empty_lines, trailing)


def first_record(head: str, delimiter: str) -> list[str] | None:
    """The first non-blank record of the file's first bytes (its header, or its first row)."""
    try:
        for fields in csv.reader(io.StringIO(head), delimiter=delimiter):
            if any(f.strip() for f in fields):
                return fields
    except csv.Error:
        return None
    return None


def blank_lines(text: TextFile) -> list[int]:
    """The empty lines DuckDB's reader skipped, numbered as it numbers lines (a record that spans several lines
    counts as one), by Python's csv module: a pass over the whole file (6 CPU s for 1M ACLED rows), only for files
    whose lines do not add up without them (etl/stage.py line_offsets), which is rare. An empty line inside a
    quoted field is part of its record, not one of these."""
    found: list[int] = []
    spanned = 0  # lines the records so far spanned beyond their first
    with text.path.open(encoding=text.encoding, newline="") as f:
        reader = csv.reader(f, delimiter=text.delimiter)
        start = 1
        try:
            for row in reader:
                if not row:
                    found.append(reader.line_num - spanned)
                spanned += reader.line_num - start
                start = reader.line_num + 1
        except csv.Error:  # a quote left open to the end: DuckDB has reported that line already
            pass
    return found


def utf8_copy(text: TextFile, target: Path) -> Path:
    """The file transcoded to UTF-8 for DuckDB, streamed in byte chunks (cp1252 and latin-1 exports)."""
    decoder = codecs.getincrementaldecoder(text.encoding)()
    with text.path.open("rb") as src, target.open("wb") as out:
        while chunk := src.read(CHUNK):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    return target
