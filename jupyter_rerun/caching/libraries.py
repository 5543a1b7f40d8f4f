"""Content digests of library types: numpy, pandas (in frames.py), PIL, pyarrow, polars.

Each writer takes the hashing writer and a value, writes the value's canonical bytes and
says True, or says False when the value is not one of its types. Libraries are imported
only when a value of theirs is being hashed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

def _numpy(w: Any, value: Any) -> bool:
    import numpy as np

    if isinstance(value, np.ndarray):
        _ndarray(w, value)
    elif isinstance(value, np.generic):
        w.tag(b"ng")
        w.text(value.dtype.str)
        if value.dtype.hasobject:
            w.write(value.item())
        else:
            w.raw(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, np.dtype):
        w.tag(b"nd")
        w.text(str(value.descr))
    else:
        return False
    return True


def _ndarray(w: Any, array: Any) -> None:
    import numpy as np

    text, big_endian = _dtype_text(array.dtype)
    if big_endian:
        array = array.astype(array.dtype.newbyteorder("<"))  # equal values: equal bytes
        text, _ = _dtype_text(array.dtype)
    w.tag(b"n")
    w.text(text)
    w.sequence(b"s", array.shape)
    if array.dtype.hasobject:
        for item in array.flat:
            w.write(item)
        return
    w.raw(np.ascontiguousarray(array).reshape(-1).view(np.uint8))


_dtype_texts: dict[Any, tuple[str, bool]] = {}


def _dtype_text(dtype: Any) -> tuple[str, bool]:
    """(how the dtype is written into digests, whether any part is big-endian), per dtype."""
    known = _dtype_texts.get(dtype)
    if known is None:
        descr = dtype.descr
        big = not dtype.hasobject and any(f[1].startswith(">") for f in _fields(descr))
        known = _dtype_texts[dtype] = (str(descr), big)
    return known


def _fields(descr: list) -> list:
    """(name, type string) pairs of a dtype description, nested fields flattened."""
    flat = []
    for field in descr:
        if isinstance(field[1], list):
            flat += _fields(field[1])
        else:
            flat.append((field[0], field[1]))
    return flat


def _pandas(w: Any, value: Any) -> bool:
    from . import frames

    return frames.write(w, value)


def _pil(w: Any, value: Any) -> bool:
    from PIL import Image

    if not isinstance(value, Image.Image):
        return False
    w.tag(b"im")
    w.text(value.mode)
    w.sequence(b"s", value.size)
    w.raw(value.tobytes())
    # a palette image's bytes are indices into its palette: the colours are the palette's
    palette = value.getpalette() if value.mode in ("P", "PA") else None
    if palette is not None:
        w.raw(bytes(palette))
    return True


def _arrow(w: Any, value: Any) -> bool:
    import pyarrow as pa

    if isinstance(value, (pa.Table, pa.RecordBatch)):
        w.tag(b"pt")
        w.text(str(value.schema))
        for column in value.columns:
            _arrow(w, column)
    elif isinstance(value, pa.ChunkedArray):
        w.tag(b"pc")
        _arrow(w, value.combine_chunks() if value.num_chunks != 1 else value.chunk(0))
    elif isinstance(value, pa.Array):
        w.tag(b"pa")
        w.text(str(value.type))
        w.write(value.to_pylist() if value.type.num_fields or pa.types.is_nested(value.type)
                else value.to_numpy(zero_copy_only=False))
    else:
        return False
    return True


def _polars(w: Any, value: Any) -> bool:
    import polars as pl

    if isinstance(value, pl.DataFrame):
        w.tag(b"ld")
        w.sequence(b"T", ((name, str(dtype)) for name, dtype in value.schema.items()))
        for series in value.get_columns():
            _polars(w, series)
    elif isinstance(value, pl.Series):
        w.tag(b"ls")
        w.text(value.name)
        w.text(str(value.dtype))
        w.write(value.to_numpy() if value.dtype.is_numeric() else value.to_list())
    else:
        return False
    return True


WRITERS: dict[str, Callable[[Any, Any], bool]] = {
    "numpy": _numpy,
    "pandas": _pandas,
    "PIL": _pil,
    "pyarrow": _arrow,
    "polars": _polars,
}
