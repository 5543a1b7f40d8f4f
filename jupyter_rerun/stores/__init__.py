"""Where persistent caches keep their entries: memory, a folder (diskcache), Redis.

    jr.open_store("memory")
    jr.open_store("disk")                       # the default folder, under ~/.cache
    jr.open_store("/srv/shared/cache")          # a folder: every kernel on the machine
    jr.open_store("redis://cache.internal:6379/0")   # every kernel that reaches the server

`persist=True` and `%%cache --persist` use the default persistent store:
`%config JupyterRerun.store = "…"`, else the `JUPYTER_RERUN_STORE` environment variable,
else the default folder.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ..errors import StoreError
from .base import Store
from .guarded import Guarded, StoreWarning
from .memory import MemoryStore
from .persistent import Persistent

__all__ = ["Store", "StoreWarning", "open_store", "persistent", "default_spec", "opened"]

_opened: dict[str, Persistent] = {}
_lock = threading.Lock()


def default_folder() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "jupyter_rerun", "store")


def default_spec() -> str:
    """The store `persist=True` means: %config JupyterRerun.store, JUPYTER_RERUN_STORE, or
    the default folder."""
    from .. import runtime

    active = runtime.current()
    configured = active.config.store if active is not None else None
    return configured or os.environ.get("JUPYTER_RERUN_STORE") or default_folder()


def open_store(spec: str | os.PathLike[str] | None = None) -> Store:
    """A store from a spec (see the module docstring); None: the default persistent store."""
    text = default_spec() if spec is None or spec in ("default", True) else os.fspath(spec)
    if text == "memory" or text == "memory://":
        return MemoryStore()
    if text.startswith(("redis://", "rediss://")):
        return _redis(text)
    if text == "disk":
        return _disk(default_folder(), {})
    if text.startswith(("disk://", "file://")):
        parts = urlsplit(text)
        if not parts.path:
            raise StoreError(f"{text!r} names no folder; write disk:///absolute/path")
        return _disk(parts.path, parse_qs(parts.query))
    if "://" in text:
        raise StoreError(f"unknown store {text.split('://')[0]!r}:// in {text!r}; use 'memory', "
                         "'disk', a folder path, 'redis://host:port/db' or 'rediss://…'")
    return _disk(os.path.expanduser(text), {})


def persistent(spec: str | None) -> Persistent:
    """The signed, fault-tolerant store for a spec, shared by every cache that names it."""
    resolved = default_spec() if spec in (None, "default") else spec
    with _lock:
        found = _opened.get(resolved)
        if found is None:
            found = _opened[resolved] = Persistent(Guarded(open_store(resolved), resolved))
        return found


def opened() -> list[Persistent]:
    with _lock:
        return list(_opened.values())


def _disk(folder: str, query: dict[str, list[str]]) -> Any:
    from ..caching.options import size
    from .disk import DEFAULT_SIZE_LIMIT, DiskStore

    limit = size(query["size_limit"][0], "size_limit") if "size_limit" in query else DEFAULT_SIZE_LIMIT
    try:
        return DiskStore(str(Path(folder)), size_limit=limit)
    except OSError as error:
        raise StoreError(f"cannot use {folder!r} as a cache folder: {error}; pick a folder you "
                         "can write to") from None


def _redis(url: str) -> Any:
    try:
        from .redis_store import RedisStore
    except ImportError:
        raise StoreError("a redis:// store needs the redis package: pip install "
                         "'jupyter-rerun[redis]'") from None
    try:
        return RedisStore(url)
    except ValueError as error:
        raise StoreError(f"{url!r} is not a Redis URL ({error}); write "
                         "redis://[:password@]host:port/db") from None
