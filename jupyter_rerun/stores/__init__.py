"""Where persistent caches keep their entries: memory, a folder (one SQLite file), Redis.

    jr.open_store("memory")
    jr.open_store("disk")                       # the default folder, under ~/.cache
    jr.open_store("/srv/shared/cache")          # a folder: every kernel on the machine
    jr.open_store("redis://cache.internal:6379/0")   # every kernel that reaches the server

`persist=True` and `%%cache --persist` use the default persistent store:
`%config JupyterRerun.store = "…"`, else the `JUPYTER_RERUN_STORE` environment variable,
else the default folder. Every operation of a disk or Redis store has a whole-operation
deadline, 0.5 s unless the URL says otherwise: `disk:///srv/cache?timeout=2`,
`redis://host:6379/0?timeout=2`. Kernels sharing a disk or Redis store compute a missing
key once (leases.py); a holder that dies or freezes loses its lease after 10 s unless the
URL says `?lease=30`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

from ..errors import StoreError
from .base import Store
from .deadline import DEFAULT_TIMEOUT
from .guarded import Guarded, StoreWarning
from .leases import LEASE
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
    """A store from a spec (see the module docstring); None: the default persistent store.
    StoreError if the spec names no store, or the store cannot be used (why, and the fix)."""
    text = default_spec() if spec is None or spec in ("default", True) else os.fspath(spec)
    _, opener = parse(text)
    return opener()


def parse(text: str) -> tuple[str, Callable[[], Store]]:
    """(where the store is, a function that opens it). StoreError now for a spec that can
    never work; whatever the place itself does wrong is left to the opening."""
    if text == "memory" or text == "memory://":
        return "memory", MemoryStore
    if text.startswith(("redis://", "rediss://")):
        store = _redis(text)
        return store.location, lambda: store
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
    """The signed, fault-tolerant store for a spec, shared by every cache that names it.
    Raises StoreError only for a spec that can never work (an unknown scheme, a URL that is
    not one); a store that is missing, refused, broken or down costs one warning, and calls
    compute without it until it works."""
    resolved = default_spec() if spec in (None, "default") else spec
    with _lock:
        found = _opened.get(resolved)
        if found is None:
            location, opener = parse(resolved)
            found = _opened[resolved] = Persistent(Guarded.opening(opener, resolved, location))
        return found


def opened() -> list[Persistent]:
    with _lock:
        return list(_opened.values())


def _disk(folder: str, query: dict[str, list[str]]) -> tuple[str, Callable[[], Store]]:
    from ..caching.options import size
    from .disk import DEFAULT_SIZE_LIMIT, DiskStore

    limit = size(query["size_limit"][0], "size_limit") if "size_limit" in query else DEFAULT_SIZE_LIMIT
    timeout = _seconds(query, "timeout", folder, DEFAULT_TIMEOUT)
    lease = _seconds(query, "lease", folder, LEASE)
    location = str(Path(folder))
    return location, lambda: DiskStore(location, size_limit=limit, timeout=timeout, lease=lease)


def _redis(url: str) -> Any:
    try:
        from .redis_store import RedisStore
    except ImportError:
        raise StoreError("a redis:// store needs the redis package: pip install "
                         "'jupyter-rerun[redis]'") from None
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    timeout = _seconds(query, "timeout", url, DEFAULT_TIMEOUT)
    lease = _seconds(query, "lease", url, LEASE)
    rest = urlencode({k: v for k, v in query.items() if k not in ("timeout", "lease")}, doseq=True)
    try:
        return RedisStore(urlunsplit(parts._replace(query=rest)), timeout=timeout, lease=lease)
    except ValueError as error:
        raise StoreError(f"{url!r} is not a Redis URL ({error}); write "
                         "redis://[:password@]host:port/db") from None


_MEANING = {"timeout": "the store's deadline", "lease": "how long a lease lasts unrenewed"}


def _seconds(query: dict[str, list[str]], option: str, spec: str, default: float) -> float:
    """`?timeout=SECONDS` (the whole-operation deadline, 0.5 s by default) or `?lease=SECONDS`
    (leases.py, 10 s by default)."""
    if option not in query:
        return default
    text = query[option][0]
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= 3600:
        raise StoreError(f"{option}={text!r} in {spec!r}: give {_MEANING[option]} in seconds, "
                         f"more than 0 and at most 3600, e.g. ?{option}=2")
    return seconds
