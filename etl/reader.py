"""Reading delimited text files: encoding, delimiter, and rows with their physical line numbers."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Real exports carry long free-text fields (ACLED notes, UCDP source articles).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

SNIFF_BYTES = 1 << 16


class InputError(Exception):
    """The file cannot be read as a table at all (exit code 2). The message says what to do."""


@dataclass(frozen=True)
class TextFile:
    path: Path
    encoding: str
    delimiter: str
    sha256: str


def _detect_encoding(path: Path) -> tuple[str, str]:
    """(encoding, sha256). UTF-8 (with or without BOM) if it decodes, else cp1252, else latin-1."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    cp1252_ok = True
    is_utf8 = True
    head = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            if not head:
                head = chunk[:SNIFF_BYTES]
                if b"\x00" in head:
                    raise InputError(
                        f"{path}: this is a binary file, not a delimited text table. "
                        "Export the data as CSV (comma- or tab-separated, UTF-8) and load that."
                    )
            if is_utf8:
                try:
                    utf8.decode(chunk)
                except UnicodeDecodeError:
                    is_utf8 = False
            if not is_utf8 and cp1252_ok:
                try:
                    chunk.decode("cp1252")
                except UnicodeDecodeError:
                    cp1252_ok = False
    if not head.strip():
        raise InputError(f"{path}: the file is empty. Nothing to load: check that the export finished.")
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if is_utf8:
        return ("utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"), digest.hexdigest()
    return ("cp1252" if cp1252_ok else "latin-1"), digest.hexdigest()


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
        encoding, sha = _detect_encoding(path)
        with path.open(encoding=encoding, newline="") as f:
            first_line = f.readline()
    except OSError as e:
        raise InputError(f"{path}: cannot be read ({e.strerror}). Check permissions.") from e
    return TextFile(path, encoding, detect_delimiter(first_line), sha)


def iter_rows(text: TextFile) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number where the record starts, fields); blank lines are skipped."""
    with text.path.open(encoding=text.encoding, newline="") as f:
        reader = csv.reader(f, delimiter=text.delimiter)
        previous_end = 0
        try:
            for fields in reader:
                start, previous_end = previous_end + 1, reader.line_num
                if not fields or all(not x.strip() for x in fields):
                    continue
                yield start, fields
        except csv.Error as e:
            raise InputError(
                f"{text.path}, line {reader.line_num}: the CSV structure is broken ({e}). "
                "Check for an unclosed quote near that line."
            ) from e


def raw_line(fields: list[str], delimiter: str = ",") -> str:
    """A record as text again, for the rejects table."""
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(fields)
    return out.getvalue()
