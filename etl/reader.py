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


def _detect_encoding(path: Path) -> tuple[str, str, int]:
    """(encoding, sha256, lines). UTF-8 (with or without BOM) if it decodes, else cp1252, else latin-1. Lines are
    counted by their line feeds (a last line without one counts too): the same in all three encodings."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252 = codecs.getincrementaldecoder("cp1252")()
    is_utf8 = cp1252_ok = True
    head = last = b""
    line_feeds = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            line_feeds += chunk.count(b"\n")
            last = chunk[-1:]
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
    lines = line_feeds + (last != b"\n")
    if is_utf8 and _decodes(utf8, b"", final=True):
        return ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"), digest.hexdigest(), lines
    return ("cp1252" if cp1252_ok else "latin-1"), digest.hexdigest(), lines


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
        encoding, sha, lines = _detect_encoding(path)
        with path.open(encoding=encoding, newline="") as f:
            head = f.read(SNIFF_BYTES)
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}). Check permissions.") from e
    delimiter = detect_delimiter(head.split("\n", 1)[0])
    first = first_record(head, delimiter)
    if first is None:
        raise InputError(f"{path}: the file has no rows. Nothing to load.")
    return TextFile(path, encoding, delimiter, sha, first, lines)


def first_record(head: str, delimiter: str) -> list[str] | None:
    """The first non-blank record of the file's first bytes (its header, or its first row)."""
    try:
        for fields in csv.reader(io.StringIO(head), delimiter=delimiter):
            if any(f.strip() for f in fields):
                return fields
    except csv.Error:
        return None
    return None


def utf8_copy(text: TextFile, target: Path) -> Path:
    """The file transcoded to UTF-8 for DuckDB, streamed in byte chunks (cp1252 and latin-1 exports)."""
    decoder = codecs.getincrementaldecoder(text.encoding)()
    with text.path.open("rb") as src, target.open("wb") as out:
        while chunk := src.read(CHUNK):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    return target
