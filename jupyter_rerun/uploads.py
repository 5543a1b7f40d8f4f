"""Uploaded files in the kernel: what `jr.file_uploader` returns (`UploadedFile`, a BytesIO
as Streamlit's), how an upload's chunks become one file, and which files an uploader takes.

A file arrives from the browser in chunks (static/file_drop.js sends one at a time and
waits for the kernel's acknowledgement; one websocket message may not exceed 10 MiB). The
chunks are written into one growing buffer, and the finished buffer's bytes are the file:
the kernel holds one copy of each upload, however big, and every `UploadedFile` a run gets
shares those bytes (a BytesIO made from bytes copies nothing until it is written to).
"""

from __future__ import annotations

import io
import mimetypes
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MEGABYTE = 1024 * 1024
DEFAULT_LIMIT_MB = 200  # Streamlit's server.maxUploadSize
CHUNK_BYTES = MEGABYTE  # what the browser sends per message
SHORTCUTS = ("image", "audio", "video", "text")  # Streamlit's shorthand for "image/*"
# extensions that stand for each other, as in Streamlit (".jpg" takes ".jpeg" too)
ALIASES = ((".jpg", ".jpeg"), (".mpg", ".mpeg"), (".mp4", ".mpeg4"), (".tif", ".tiff"),
           (".htm", ".html"))


class UploadRefused(ValueError):
    """The kernel will not take this file (its type, its size, its name); the message is
    what the uploader shows beside it."""


@dataclass(frozen=True, eq=False)
class FileRecord:
    """One finished upload: its id, the name and type the browser gave, its bytes, and the
    uploader's settings it was taken under (its types, how many files, its limit)."""

    file_id: str
    name: str
    type: str
    data: bytes
    setting: Any = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FileRecord) and other.file_id == self.file_id

    def __hash__(self) -> int:
        return hash(self.file_id)

    def info(self) -> dict[str, Any]:
        """What the front end shows of it."""
        return {"id": self.file_id, "name": self.name, "type": self.type, "size": len(self.data)}


class UploadedFile(io.BytesIO):
    """A file the user uploaded, as Streamlit's: a BytesIO with `name`, `type` (the MIME type
    the browser reported), `size` (bytes) and `file_id`. Each run gets its own object, read
    from the start, sharing the one copy of the bytes; two are equal when they are the same
    upload."""

    def __init__(self, record: FileRecord) -> None:
        super().__init__(record.data)
        self.file_id = record.file_id
        self.name = record.name
        self.type = record.type
        self.size = len(record.data)
        self._setting = record.setting

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UploadedFile):
            return NotImplemented
        return self.file_id == other.file_id

    def __hash__(self) -> int:
        return hash(self.file_id)

    def __repr__(self) -> str:
        return (f"UploadedFile(file_id={self.file_id!r}, name={self.name!r}, "
                f"type={self.type!r}, size={self.size})")

    def record(self) -> FileRecord:
        return FileRecord(self.file_id, self.name, self.type, self.getvalue(), self._setting)


class Assembly:
    """An upload under way: its chunks, in order, into one buffer."""

    def __init__(self, name: str, type: str, size: int) -> None:
        self.file_id = uuid.uuid4().hex
        self.name, self.type, self.size = name, type, size
        self._buffer = io.BytesIO()

    @property
    def received(self) -> int:
        return self._buffer.tell()

    def add(self, offset: Any, chunk: memoryview | bytes) -> None:
        """Append the chunk that starts at `offset` (a browser sends them in order)."""
        if offset != self.received:
            raise UploadRefused(f"chunk at byte {offset!r}, expected byte {self.received}")
        if self.received + len(chunk) > self.size:
            raise UploadRefused(f"more bytes than the {self.size} announced")
        self._buffer.write(chunk)

    @property
    def complete(self) -> bool:
        return self.received == self.size

    def finish(self, setting: Any = None) -> FileRecord:
        """The file; the buffer's own bytes become it (getvalue() of an unshared BytesIO
        hands over its buffer), so no second copy is made."""
        data = self._buffer.getvalue()
        self._buffer = io.BytesIO()
        return FileRecord(self.file_id, self.name, self.type, data, setting)


def normalized_types(types: str | Sequence[str] | None) -> list[str]:
    """Streamlit's reading of `type=`: extensions with or without the dot ('csv', '.CSV'
    -> '.csv', with its alias: 'jpg' takes '.jpeg' too), MIME types ('image/png',
    'image/*') and the shorthands 'image', 'audio', 'video', 'text'; MIME types first."""
    if types is None:
        return []
    entries = [types] if isinstance(types, str) else list(types)
    mimes: list[str] = []
    extensions: list[str] = []
    for entry in entries:
        if not isinstance(entry, str):
            raise TypeError(f"type= takes file extensions or MIME types as strings, got {entry!r}")
        text = entry.strip().lower()
        if not text:
            continue
        if text in SHORTCUTS:
            mimes.append(f"{text}/*")
        elif "/" in text:
            mimes.append(text)
        else:
            extensions.append(text if text.startswith(".") else f".{text}")
    for first, second in ALIASES:
        for one, other in ((first, second), (second, first)):
            if one in extensions and other not in extensions:
                extensions.append(other)
    return list(dict.fromkeys(mimes + extensions))


def check_file(name: str, mime: str, size: int, allowed: Sequence[str], limit_bytes: int) -> None:
    """Refuse a file the uploader does not take, with the message Streamlit shows."""
    if "\0" in name:
        raise UploadRefused("Filename cannot contain null bytes.")
    if size > limit_bytes:
        raise UploadRefused(f"File must be {size_text(limit_bytes)} or smaller.")
    if not allowed or _matches(name, mime, allowed):
        return
    extensions = [entry for entry in allowed if entry.startswith(".")]
    if any("/" in entry for entry in allowed):
        raise UploadRefused(f"{mime or 'This type of'} files are not allowed.")
    raise UploadRefused(f"Invalid file extension: `{os.path.splitext(name)[1]}`. "
                        f"Allowed: {extensions}")


def _matches(name: str, mime: str, allowed: Sequence[str]) -> bool:
    """By extension, or by MIME type (the one the browser reported, else the one the
    name suggests): 'image/*' takes any image."""
    lowered = name.lower()
    if any(lowered.endswith(entry) for entry in allowed if entry.startswith(".")):
        return True
    mime = (mime or mimetypes.guess_type(name)[0] or "").lower()
    for entry in allowed:
        if entry.endswith("/*") and mime.startswith(entry[:-1]):
            return True
        if "/" in entry and mime == entry:
            return True
    return False


def types_text(allowed: Sequence[str]) -> str:
    """The types as Streamlit lists them under its uploader: 'CSV, JPG, image'."""
    shown: list[str] = []
    aliases = {second: first for first, second in ALIASES}
    for entry in allowed:
        if entry.endswith("/*"):
            text = entry[:-2]
        elif "/" in entry:
            text = entry
        else:
            text = aliases.get(entry, entry).lstrip(".").upper()
        if text not in shown:
            shown.append(text)
    return ", ".join(shown)


def size_text(size: int) -> str:
    """Bytes as Streamlit writes them: '200MB', '1.5KB', '12B'."""
    for unit, scale in (("GB", MEGABYTE * 1024), ("MB", MEGABYTE), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.0f}{unit}" if value == int(value) else f"{value:.1f}{unit}"
    return f"{size}B"
