"""Parsing and checking of the caching options: ttl, max_entries, max_size, and friends."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from ..errors import OptionError

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$", re.IGNORECASE)
_DURATION_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12, "kib": 2**10,
               "mib": 2**20, "gib": 2**30, "tib": 2**40, None: 1}


# Bounds past which a number is a mistake, not a setting: refused here, so nothing later
# (float conversion, a store's expiry arithmetic, SQLite's 64-bit integers) overflows.
MAX_TTL = 100 * 365.25 * 86400  # 100 years, in seconds: for no expiry, leave ttl out
MAX_SIZE = 2**63 - 1  # bytes: the largest size a disk store (SQLite) can hold


def seconds(ttl: Any, name: str = "ttl") -> float | None:
    """None, seconds (int/float), a timedelta, or a string like '90s', '30m', '1h', '2d'."""
    if ttl is None:
        return None
    if isinstance(ttl, dt.timedelta):
        value: Any = ttl.total_seconds()
    elif isinstance(ttl, (int, float)) and not isinstance(ttl, bool):
        value = ttl  # compared before any float(): float(10**400) overflows
    elif isinstance(ttl, str) and (match := _DURATION.match(ttl)):
        value = float(match.group(1)) * _DURATION_UNITS[(match.group(2) or "").lower() or None]
    else:
        raise OptionError(f"{name} takes seconds, a timedelta, or a string like '30m' or '1h'; "
                          f"got {ttl!r}")
    if not value > 0:
        raise OptionError(f"{name} must be a positive duration, e.g. {name}='10m'; got {ttl!r}")
    if value > MAX_TTL:
        raise OptionError(f"{name} must be at most 100 years ({MAX_TTL:.0f} s); for entries "
                          f"that never expire, leave {name} out; got {_short(ttl)}")
    return float(value)


def size(max_size: Any, name: str = "max_size") -> int | None:
    """None, bytes (int), or a string like '500MB', '2GiB'."""
    if max_size is None:
        return None
    if isinstance(max_size, int) and not isinstance(max_size, bool):
        value: Any = max_size
    elif isinstance(max_size, str) and (match := _SIZE.match(max_size)):
        value = float(match.group(1)) * _SIZE_UNITS[(match.group(2) or "").lower() or None]
    else:
        raise OptionError(f"{name} takes bytes or a string like '500MB' or '2GiB'; got {max_size!r}")
    if value > MAX_SIZE:  # before int(): int(float('inf')) overflows
        raise OptionError(f"{name} must be at most {MAX_SIZE} bytes (8 EiB); for no bound, "
                          f"leave {name} out; got {_short(max_size)}")
    if value < 1:
        raise OptionError(f"{name} must be at least 1 byte, e.g. {name}='500MB'; got {max_size!r}")
    return int(value)


def _short(value: Any) -> str:
    """A value for an error message, cut short (a 400-digit number is not worth showing)."""
    text = repr(value)
    return text if len(text) <= 80 else f"{text[:20]}…{text[-8:]} ({len(text)} characters)"


def count(max_entries: Any) -> int | None:
    if max_entries is None:
        return None
    if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 1:
        raise OptionError(f"max_entries takes a positive int, e.g. max_entries=100; got {max_entries!r}")
    return max_entries


def function(value: Any, name: str) -> Callable[..., Any] | None:
    if value is not None and not callable(value):
        raise OptionError(f"{name} takes a function, e.g. {name}=lambda value: ...; got {value!r}")
    return value


def hash_funcs(value: Any) -> dict[type | str, Callable[[Any], Any]]:
    """{type or its qualified name ("mymodule.MyClass", "__main__.Model"): function}; a name
    lets a method of a class name its own class, which does not exist yet when decorated."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, (type, str)) and callable(f)
                                              for k, f in value.items()):
        raise OptionError("hash_funcs takes a dict from types to functions (a type may be "
                          "named: '__main__.MyClass'), e.g. "
                          f"hash_funcs={{MyClass: lambda obj: obj.id}}; got {value!r}")
    return dict(value)


def spinner(value: Any) -> str | bool:
    if not isinstance(value, (bool, str)):
        raise OptionError(f"show_spinner takes True, False or a text; got {value!r}")
    return value


PERSIST_SCHEMES = ("redis://", "rediss://", "file://", "disk://", "memory://")


def persist(value: Any) -> str | None:
    """None/False (in memory only), True or 'disk' (the default persistent store), a folder
    path, or a store URL: 'redis://host:port/db', 'rediss://…', 'file:///path'."""
    import os

    if value is None or value is False:
        return None
    if value is True or value == "disk":
        return "default"
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, str) and value.strip():
        if "://" in value and not value.startswith(PERSIST_SCHEMES):
            scheme = value.split("://", 1)[0]
            raise OptionError(f"persist: unknown store {scheme!r}:// in {value!r}; use True or "
                              "'disk', a folder path, 'redis://host:port/db' or 'rediss://…'")
        return value
    raise OptionError(f"persist takes True/'disk', a folder path, or 'redis://host:port/db'; "
                      f"got {value!r}")
