"""Signed entries: a persisted entry is unpickled only if its HMAC-SHA256 checks out.

    entry = b"JRS2" + mac (32 bytes) + payload
    mac   = HMAC-SHA256(secret, b"JRS2" + key + length + BLAKE3(payload))

The key is inside the MAC, so a valid entry cannot be moved to another key. The payload goes
into the MAC through BLAKE3, a cryptographic hash (collision resistant like SHA-256) that
is about 4 times faster per core and uses every core on large entries (8 MB and up): verifying a 1 MB
entry takes ~0.2 ms instead of ~0.6 ms with SHA-256, which matters because a verified read
happens on every cross-kernel hit. The secret is `JUPYTER_RERUN_SECRET` (set the same value
on every machine sharing a store), else a per-user key file created with mode 0600 in a
0700 folder. A secret shorter than 16 bytes, or a key file or folder others could read or
replace (folders.py), is refused: nothing is signed or verified with it.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import os
import secrets
from pathlib import Path

import blake3

from ..errors import StoreError
from . import folders

MAGIC = b"JRS2"
HEADER = len(MAGIC) + 32  # bytes before the payload: the magic and the mac
MIN_SECRET = 16  # bytes; shorter keys (or an empty one, left by a failed write) are refused
_THREADED = 8 * 2**20  # from this size on, BLAKE3 on all cores pays for waking its threads


def secret_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "jupyter_rerun" / "secret"


def load_secret() -> bytes:
    """JUPYTER_RERUN_SECRET, else the per-user key file (made on first use). StoreError if
    the secret is shorter than MIN_SECRET, or its file or folder is not private."""
    configured = os.environ.get("JUPYTER_RERUN_SECRET")
    if configured:
        return _whole(configured.encode(), "JUPYTER_RERUN_SECRET", "set a longer one")
    path = secret_path()
    try:
        folders.make_private(str(path.parent))
    except OSError as error:
        raise StoreError(f"cannot make the folder of the secret {path}: {error}; set "
                         "XDG_CONFIG_HOME to a folder you can write, or JUPYTER_RERUN_SECRET"
                         ) from None
    folders.check_folder(str(path.parent))
    folders.check_secret(str(path))
    if not path.exists():
        _create(path)
        folders.check_secret(str(path))
    return _whole(path.read_bytes().strip(), f"the secret file {path}",
                  "delete it (a new one is made) or write a longer secret into it")


def _whole(secret: bytes, where: str, fix: str) -> bytes:
    if len(secret) < MIN_SECRET:
        raise StoreError(f"{where} holds {len(secret)} bytes, and a secret must be at least "
                         f"{MIN_SECRET} bytes: {fix} (e.g. python -c 'import secrets; "
                         "print(secrets.token_hex(32))')")
    return secret


def _create(path: Path) -> None:
    """Write a new key beside `path`, fsync it, and link it into place: a reader sees no
    key or a whole one, never a short one (a full disk, `ulimit -f`), and a key another kernel
    linked first is kept (a rename would replace it)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(secrets.token_hex(32).encode())
                file.flush()
                os.fsync(file.fileno())
            _link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
        _sync_folder(path.parent)
    except OSError as error:
        raise StoreError(f"cannot write the secret {path}: {error}; free some space, or set "
                         "JUPYTER_RERUN_SECRET") from None


def _link(temporary: Path, path: Path) -> None:
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another kernel made it first: use theirs
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        if not path.exists():  # a file system without hard links
            os.rename(temporary, path)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Signer:
    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = load_secret() if secret is None else _whole(secret, "the secret given",
                                                                    "give a longer one")

    def seal(self, key: str, payload: bytes) -> bytes:
        return MAGIC + self._mac(key, payload) + payload

    def open(self, key: str, entry: bytes) -> memoryview | None:
        """The payload (a view into `entry`, no copy), or None if the entry is not one this
        secret signed for this key (tampered, truncated, corrupted, another secret or format)."""
        if len(entry) < HEADER or not entry.startswith(MAGIC):
            return None
        payload = memoryview(entry)[HEADER:]
        if not hmac.compare_digest(entry[len(MAGIC):HEADER], self._mac(key, payload)):
            return None
        return payload

    def tag(self, message: bytes) -> bytes:
        """HMAC-SHA256 of `message` (a lease value's), apart from entries: their MAC's input
        starts with MAGIC, this one's with b"JRT1", so neither can stand for the other."""
        return hmac.new(self._secret, b"JRT1" + message, hashlib.sha256).digest()

    def _mac(self, key: str, payload: bytes | memoryview) -> bytes:
        threads = blake3.blake3.AUTO if len(payload) >= _THREADED else 1
        message = (MAGIC + key.encode() + len(payload).to_bytes(8, "little")
                   + blake3.blake3(payload, max_threads=threads).digest())
        return hmac.new(self._secret, message, hashlib.sha256).digest()
