"""Leases for the disk store: a lock file per key, locked with `flock`.

    <store folder>/leases/<blake2b of the key>.<generation>.lock

The operating system releases a process's locks when it dies, however it dies (SIGKILL, a
kernel restart, a crash), so a lease can never outlive its kernel, and nothing is ever
left to spin on. The holder touches its file every third of a lease (a heartbeat): a file
that is locked but untouched for a whole lease belongs to a holder that stopped answering
(frozen), and waiters move on to the next generation's file, which one of them locks. The
file that is locked decides; nothing is read from it, ever.

A lock file is opened without following links, must be a plain file of ours that only we
can write, and lives in the store's private folder (folders.py). One that is not is left
alone: that key is computed without a lease, with one warning.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
import warnings

from . import folders
from .guarded import StoreWarning
from .leases import Busy, digest

GENERATIONS = 4  # frozen holders in a row after which a kernel computes on its own
POLL_FIRST, POLL_MOST = 0.002, 0.05  # seconds between looks at a busy lock (backoff)
_OPEN = os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class LeaseRefused(OSError):
    """A lock file that is not a plain private file of ours."""


class FileLeases:
    def __init__(self, folder: str, seconds: float) -> None:
        self.folder = os.path.join(folder, "leases")
        self.seconds = seconds
        self.round_trips = 0  # lock attempts and heartbeats: what a waiter costs the disk
        self._ready = False
        self._warned = False

    def claim(self, name: str) -> _FileHeld | Busy | None:
        """Lock the key's first live generation, or say who holds it; None: compute alone."""
        self._prepare()
        stem = digest(name)
        for generation in range(GENERATIONS):
            path = os.path.join(self.folder, f"{stem}.{generation}.lock")
            try:
                held = self._lock(path)
            except LeaseRefused as error:
                self._refused(error)
                return None
            if held is not None:
                return held
            if self._fresh(path):
                return Busy(name, path, float("inf"))
        return None

    def wait(self, busy: Busy) -> None:
        """Return once the lock is free (its holder finished or died) or its holder froze."""
        try:
            descriptor = os.open(busy.handle, _OPEN)
        except FileNotFoundError:
            return  # released: its holder removed it
        try:
            pause = POLL_FIRST
            while True:
                time.sleep(pause)
                pause = min(pause * 1.5, POLL_MOST)
                self.round_trips += 1
                if _try_lock(descriptor):
                    return
                if not self._fresh(busy.handle):
                    return
        finally:
            os.close(descriptor)  # also drops the lock if we just took it

    def _lock(self, path: str) -> _FileHeld | None:
        while True:
            self.round_trips += 1
            descriptor = _open(path)
            try:
                if not _try_lock(descriptor):
                    os.close(descriptor)
                    return None
                if _same_file(descriptor, path):
                    os.utime(descriptor)  # the first heartbeat
                    return _FileHeld(path, descriptor, self.seconds)
            except BaseException:
                os.close(descriptor)
                raise
            os.close(descriptor)  # its holder removed it meanwhile: lock the one there now

    def _fresh(self, path: str) -> bool:
        """Touched within the last lease (a clock set back a little is allowed for)."""
        try:
            touched = os.stat(path, follow_symlinks=False).st_mtime
        except FileNotFoundError:
            return False
        return time.time() - self.seconds <= touched <= time.time() + 1

    def _prepare(self) -> None:
        if not self._ready:
            folders.make_private(self.folder)
            folders.check_folder(self.folder)
            self._ready = True

    def _refused(self, error: LeaseRefused) -> None:
        if not self._warned:
            self._warned = True
            warnings.warn(f"jupyter_rerun: {error}; that key is computed without waiting for "
                          "other kernels. (Warned once per store.)", StoreWarning, stacklevel=6)


class _FileHeld:
    def __init__(self, path: str, descriptor: int, seconds: float) -> None:
        self._path, self._descriptor, self.seconds = path, descriptor, seconds

    def renew(self) -> bool:
        os.utime(self._descriptor)  # the heartbeat waiters look at
        return True

    def release(self) -> None:
        try:
            if _same_file(self._descriptor, self._path):
                os.unlink(self._path)  # before unlocking: a waiter then sees it gone
        finally:
            os.close(self._descriptor)  # closing drops the lock


def _open(path: str) -> int:
    try:
        descriptor = os.open(path, _OPEN | os.O_CREAT, 0o600)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EACCES):
            raise LeaseRefused(f"the lock file {path} cannot be used ({error.strerror}): "
                               f"remove it (rm -r {path})") from None
        raise
    info = os.fstat(descriptor)
    problem = None
    if not stat.S_ISREG(info.st_mode):
        problem = "is not a plain file"
    elif info.st_uid != os.geteuid():
        problem = f"is owned by uid {info.st_uid}, not by you"
    elif info.st_mode & 0o022:
        problem = f"can be written by others (mode {stat.S_IMODE(info.st_mode):o})"
    if problem is not None:
        os.close(descriptor)
        raise LeaseRefused(f"the lock file {path} {problem}: remove it (rm {path})")
    return descriptor


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _same_file(descriptor: int, path: str) -> bool:
    try:
        return os.stat(path, follow_symlinks=False).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False
