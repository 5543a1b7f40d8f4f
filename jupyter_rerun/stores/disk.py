"""A store in a folder: one SQLite file, safe for many processes.

Every kernel on a machine that opens the same folder shares its entries: every Voila viewer
of a dashboard, every notebook of a user. The folder must be private (folders.py). Its index
`cache.db` holds one table of ours, and values are blobs in it, never files of their own.

Whoever can write that file chooses every byte of it, so nothing read from it is trusted: a
row gives back bytes and nothing else (a value that is not a blob comes back as b"", which
fails verification). No column is ever a file name, a pickle, a setting or a piece of SQL,
and no file is read, followed or deleted on a row's say. (diskcache, used before, decodes a
row as its `mode` column says, pickle included, follows its `filename` column to read and
delete files, and runs its `Settings` rows as PRAGMA statements and object attributes.) Tables
an earlier version left in the file are never read.

A whole operation has a deadline (`timeout`, 0.5 s): a lock another process holds is waited
for that long (also where SQLite answers "locked" at once), and a statement still running
then is interrupted. An index that SQLite finds
corrupt is moved aside (`cache.db.corrupt-<time>`) and an empty one started, with a warning.
Size is bounded by `size_limit` (least recently stored first; default 4 GB,
`jr.open_store("disk:///path?size_limit=10GB")`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import StoreError
from . import folders
from .deadline import DEFAULT_TIMEOUT, StoreTimeout
from .guarded import StoreWarning
from .leases import LEASE

DEFAULT_SIZE_LIMIT = 4 * 10**9
INDEX = "cache.db"
_COMPANIONS = ("-wal", "-shm", "-journal")  # SQLite's own files beside the index
_SETUP = (
    "PRAGMA trusted_schema = OFF",  # a planted view or trigger cannot call functions
    "PRAGMA journal_mode = WAL",  # readers never wait for a writer
    "PRAGMA synchronous = NORMAL",
    "CREATE TABLE IF NOT EXISTS jr_entries (key TEXT PRIMARY KEY, value BLOB, "
    "stored REAL NOT NULL, expires REAL)",
    "CREATE INDEX IF NOT EXISTS jr_entries_by_age ON jr_entries (stored)",
)
_GET = "SELECT value FROM jr_entries WHERE key = ? AND (expires IS NULL OR expires > ?)"
_SET = "INSERT OR REPLACE INTO jr_entries (key, value, stored, expires) VALUES (?, ?, ?, ?)"
_LIVE = "WHERE expires IS NULL OR expires > ?"
_CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
_BUSY_FIRST, _BUSY_MOST = 0.002, 0.05  # seconds between tries of a busy index (backoff)

T = TypeVar("T")


class DiskStore:
    def __init__(self, directory: str, size_limit: int = DEFAULT_SIZE_LIMIT,
                 timeout: float = DEFAULT_TIMEOUT, lease: float = LEASE) -> None:
        self.location = directory
        self.size_limit, self.timeout, self.lease = size_limit, timeout, lease
        self.round_trips = 0  # operations on the index, for benchmarks
        self._index = os.path.join(directory, INDEX)
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._inode = 0  # of the index this connection opened, to move aside only that one
        self._until = 0.0
        try:
            folders.make_private(directory)
        except OSError as error:
            raise StoreError(f"cannot use {directory!r} as a cache folder: {error}; pick a "
                             "folder you can write to") from None
        folders.check_folder(directory)
        self._run(lambda db: None)  # open it now: a store that cannot be used says so at once

    def get(self, key: str) -> bytes | None:
        row = self._run(lambda db: db.execute(_GET, (key, time.time())).fetchone())
        if row is None:
            return None
        return row[0] if isinstance(row[0], bytes) else b""  # not a value we wrote

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        now = time.time()

        def write(db: sqlite3.Connection) -> None:
            db.execute(_SET, (key, value, now, now + ttl if ttl is not None else None))
            if _used(db) > self.size_limit:
                self._evict(db, now)

        self._run(write)

    def delete(self, key: str) -> None:
        self._run(lambda db: db.execute("DELETE FROM jr_entries WHERE key = ?", (key,)))

    def clear(self, prefix: str = "") -> int:
        return self._run(lambda db: db.execute(
            "DELETE FROM jr_entries WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)).rowcount)

    def stats(self) -> dict[str, Any]:
        entries, size = self._run(lambda db: db.execute(
            f"SELECT count(*), total(length(value)) FROM jr_entries {_LIVE}", (time.time(),)
        ).fetchone())
        return {"entries": entries, "bytes": int(size)}

    def leases(self, signer: Any) -> Any:
        """Single flight across kernels (leases.py): a lock file per key, in this folder."""
        from .disk_leases import FileLeases

        return FileLeases(self.location, self.lease)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None and self._pid == os.getpid():
                self._connection.close()
            self._connection = None

    def _evict(self, db: sqlite3.Connection, now: float) -> None:
        """Expired entries, then the least recently stored, until 90% of the limit is left."""
        db.execute("DELETE FROM jr_entries WHERE expires <= ?", (now,))
        (size,) = db.execute("SELECT total(length(value)) FROM jr_entries").fetchone()
        while size > 0.9 * self.size_limit:
            oldest = db.execute("SELECT rowid, length(value) FROM jr_entries ORDER BY stored "
                                "LIMIT 16").fetchall()
            if not oldest:
                return
            db.executemany("DELETE FROM jr_entries WHERE rowid = ?", [(r,) for r, _ in oldest])
            size -= sum(length or 0 for _, length in oldest)

    def _run(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """`work(connection)` within the deadline; a corrupt index is set aside, once."""
        if not self._lock.acquire(timeout=self.timeout):
            raise StoreTimeout(f"{self._index} stayed busy past the {self.timeout:g} s deadline")
        try:
            self.round_trips += 1
            self._until = time.monotonic() + self.timeout
            try:
                return self._within(work)
            except sqlite3.DatabaseError as error:
                if not _corrupt(error):
                    raise
                self._set_aside(error)
                self._until = time.monotonic() + self.timeout
                return self._within(work)
        finally:
            self._lock.release()

    def _within(self, work: Callable[[sqlite3.Connection], T]) -> T:
        pause = _BUSY_FIRST
        while True:
            try:
                return work(self._connect())
            except sqlite3.OperationalError as error:
                if time.monotonic() >= self._until:
                    raise StoreTimeout(f"{self._index} did not answer within the "
                                       f"{self.timeout:g} s deadline ({error})") from None
                if not _busy(error):
                    raise
                # SQLite answers "locked" at once, without waiting, where waiting could
                # deadlock: kernels that open a new index together and switch it to WAL.
                # Every step is a transaction of its own, so trying again is safe.
                time.sleep(min(pause, max(0.0, self._until - time.monotonic())))
                pause = min(pause * 2, _BUSY_MOST)

    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        for path in (self._index, *(self._index + suffix for suffix in _COMPANIONS)):
            folders.check_own_file(path)  # never opened through a link
        connection = sqlite3.connect(self._index, timeout=self.timeout, isolation_level=None,
                                     check_same_thread=False)
        try:
            connection.set_progress_handler(self._overdue, 1000)
            for statement in _SETUP:
                connection.execute(statement)
        except BaseException:
            connection.close()
            raise
        self._connection, self._pid = connection, os.getpid()
        self._inode = os.stat(self._index).st_ino
        return connection

    def _overdue(self) -> bool:
        return time.monotonic() > self._until  # True interrupts the running statement

    def _set_aside(self, error: sqlite3.DatabaseError) -> None:
        """Move the corrupt index (and SQLite's files beside it) out of the way."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection, opened = None, self._inode
        self._inode = 0
        aside = f"{self._index}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        try:
            if opened and os.stat(self._index).st_ino != opened:
                return  # another kernel already replaced it: use theirs
            os.replace(self._index, aside)
        except FileNotFoundError:
            return
        for suffix in _COMPANIONS:
            if os.path.lexists(self._index + suffix):
                os.replace(self._index + suffix, aside + suffix)
        warnings.warn(f"jupyter_rerun: the cache index {self._index} was corrupt ({error}); "
                      f"moved aside to {aside}, and an empty one started", StoreWarning,
                      stacklevel=6)


def _used(db: sqlite3.Connection) -> int:
    """Bytes of the index in use (pages less free pages): three lookups, no scan."""
    (pages,) = db.execute("PRAGMA page_count").fetchone()
    (free,) = db.execute("PRAGMA freelist_count").fetchone()
    (size,) = db.execute("PRAGMA page_size").fetchone()
    return (pages - free) * size


def _busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _BUSY
    return any(text in str(error) for text in ("locked", "busy"))


def _corrupt(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in _CORRUPT
    return any(text in str(error) for text in ("malformed", "not a database"))
