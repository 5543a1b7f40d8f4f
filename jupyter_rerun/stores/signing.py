"""Signed entries: a persisted entry is unpickled only if its HMAC-SHA256 checks out.

    entry = b"JRS1" + mac (32 bytes) + payload
    mac   = HMAC-SHA256(secret, b"JRS1" + key + length + SHA-256 tree of the payload)

The key is inside the MAC, so a valid entry cannot be moved to another key. The payload's
SHA-256 is taken over 256 KiB chunks, hashed on all cores for large entries (hashlib lets go
of the GIL), then hashed together: a fixed tree shape, so the result does not depend on the
machine. The secret is `JUPYTER_RERUN_SECRET` (set the same value on every machine sharing
a store), else a per-user key file created with mode 0600 in a 0700 folder.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import hmac
import os
import secrets
import threading
from pathlib import Path

MAGIC = b"JRS1"
_CHUNK = 256 * 1024
_HEADER = len(MAGIC) + 32
_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def secret_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "jupyter_rerun" / "secret"


def load_secret() -> bytes:
    """JUPYTER_RERUN_SECRET, else the per-user key file (made on first use)."""
    configured = os.environ.get("JUPYTER_RERUN_SECRET")
    if configured:
        return configured.encode()
    path = secret_path()
    try:
        return path.read_bytes().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    token = secrets.token_hex(32).encode()
    try:  # O_EXCL: if another kernel made it first, use theirs
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(descriptor, "wb") as file:
        file.write(token)
    return token


class Signer:
    def __init__(self, secret: bytes | None = None) -> None:
        self._secret = secret if secret is not None else load_secret()

    def seal(self, key: str, payload: bytes) -> bytes:
        return MAGIC + self._mac(key, payload) + payload

    def open(self, key: str, entry: bytes) -> bytes | None:
        """The payload, or None if the entry is not one this secret signed for this key
        (tampered, truncated, corrupted, another secret or format)."""
        if len(entry) < _HEADER or not entry.startswith(MAGIC):
            return None
        payload = memoryview(entry)[_HEADER:]
        if not hmac.compare_digest(entry[len(MAGIC):_HEADER], self._mac(key, payload)):
            return None
        return payload.tobytes()

    def _mac(self, key: str, payload: bytes | memoryview) -> bytes:
        message = MAGIC + key.encode() + len(payload).to_bytes(8, "little") + _tree(payload)
        return hmac.new(self._secret, message, hashlib.sha256).digest()


def _tree(payload: bytes | memoryview) -> bytes:
    view = memoryview(payload)
    if len(view) <= 2 * _CHUNK:
        return b"\x00" + hashlib.sha256(view).digest()
    chunks = [view[i:i + _CHUNK] for i in range(0, len(view), _CHUNK)]
    digests = _threads().map(lambda chunk: hashlib.sha256(chunk).digest(), chunks)
    return b"\x01" + hashlib.sha256(b"".join(digests)).digest()


def _threads() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=max(1, os.cpu_count() or 1), thread_name_prefix="jupyter-rerun-sign")
        return _pool
