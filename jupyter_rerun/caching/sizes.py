"""An estimate of the bytes a cache_resource object holds, for `cache_info()`.

`cache_data` knows its sizes exactly (the pickled bytes it keeps). A resource is kept as it
is, and is often what cannot be pickled (a connection, a model holding a lock), so its size
is estimated instead: `sys.getsizeof` of the object and of everything it reaches through
containers, instance attributes and slots, each object once. numpy arrays and pandas
objects report their data through `__sizeof__`. Modules, classes and functions are
references to shared code, not part of the resource, and are not followed. The walk stops
after `MAX_OBJECTS` objects (a huge graph is reported as at least that much), so asking
never costs more than a few milliseconds.
"""

from __future__ import annotations

import sys
import types
from typing import Any

MAX_OBJECTS = 100_000
_SHARED = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType,
           types.MethodType, types.CodeType, types.FrameType)
_ATOMS = (int, float, complex, bool, str, bytes, bytearray, memoryview, type(None), range)


def estimate(values: list[Any]) -> int:
    """The bytes `values` hold together, each object counted once."""
    seen: set[int] = set()
    pending = list(values)
    total = 0
    while pending and len(seen) < MAX_OBJECTS:
        value = pending.pop()
        if id(value) in seen or isinstance(value, _SHARED):
            continue
        seen.add(id(value))
        try:
            total += sys.getsizeof(value)
        except TypeError:  # a __sizeof__ that is broken: the object counts as nothing
            continue
        if not isinstance(value, _ATOMS):
            pending.extend(_parts(value))
    return total


def _parts(value: Any) -> list[Any]:
    """What `value` holds: items of containers, attributes of instances."""
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    if type(value).__module__.split(".")[0] in ("numpy", "pandas"):
        return []  # their __sizeof__ already counts their data
    parts = []
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        parts.append(attributes)
    for kind in type(value).__mro__:
        slots = kind.__dict__.get("__slots__", ())
        for slot in (slots,) if isinstance(slots, str) else slots:
            if slot not in ("__dict__", "__weakref__"):
                parts.append(getattr(value, slot, None))
    return parts
