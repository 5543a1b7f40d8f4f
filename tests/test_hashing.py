"""Content digests: exact, type-tagged, order-independent where equality is, deterministic
across processes and hash seeds, pinned so cache keys never drift silently."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import fractions
import json
import os
import pathlib
import re
import subprocess
import sys
import textwrap
import threading
import types
import uuid
from collections import OrderedDict

import numpy as np
import pandas as pd
import pytest

from jupyter_rerun.caching.hashing import FORMAT, Unhashable, digest


class Colour(enum.Enum):
    RED = 1


@dataclasses.dataclass
class Point:
    x: int
    y: float


SAMPLES = {
    "none": None, "true": True, "one": 1, "one_float": 1.0, "one_str": "1", "one_bytes": b"1",
    "big_int": 2**200, "neg": -7, "nan": float("nan"), "complex": 1 + 2j,
    "tuple": (1, "a"), "list": [1, "a"], "dict": {"a": 1, "b": [2]}, "set": {3, 1, 2},
    "frozenset": frozenset({"x", "y"}), "bytearray": bytearray(b"ab"),
    "date": dt.date(2024, 1, 2), "datetime": dt.datetime(2024, 1, 2, 3, 4, 5),
    "timedelta": dt.timedelta(days=1, seconds=3), "decimal": decimal.Decimal("1.50"),
    "fraction": fractions.Fraction(1, 3), "uuid": uuid.UUID(int=7),
    "path": pathlib.PurePosixPath("/tmp/x"), "enum": Colour.RED, "dataclass": Point(1, 2.5),
    "range": range(3, 9, 2), "ordered": OrderedDict(a=1, b=2),
    "array": np.arange(6, dtype=np.int32).reshape(2, 3), "scalar": np.float32(1.5),
    "frame": pd.DataFrame({"a": [1.0, 2.0], "s": ["x", "y"]}, index=[10, 20]),
    "series": pd.Series([1, 2, 3], name="n"),
    "category": pd.Series(pd.Categorical(["a", "b", "a"])),
    "decimal_short": decimal.Decimal("1.5"),  # equal to 1.50, yet another value: exact
    "pattern": re.compile("a+", re.IGNORECASE), "proxy": types.MappingProxyType({"a": 1}),
    "keys": {"a": 1}.keys(), "items": {"a": 1}.items(), "values": {"a": 1}.values(),
}

# Pinned in pinned_digests.json with the hashing.FORMAT they were made with: an encoding
# changed on purpose bumps FORMAT (old entries then miss instead of matching wrongly) and
# regenerates the file; a digest that changed under the same FORMAT is keys drifting.
# FORMAT 2 changed one pin: "decimal" (Decimal("1.50") had been normalised to 1.5).
PINNED_FILE = pathlib.Path(__file__).with_name("pinned_digests.json")


def test_digests_are_pinned():
    pinned = json.loads(PINNED_FILE.read_text())
    now = {name: digest(SAMPLES[name]).hex() for name in pinned["digests"]}
    assert pinned["format"] == FORMAT, "FORMAT was bumped: regenerate pinned_digests.json"
    assert now == pinned["digests"], "digests changed under the same FORMAT: bump hashing.FORMAT"


def test_every_sample_has_its_own_digest():
    digests = {name: digest(value) for name, value in SAMPLES.items()}
    assert len(set(digests.values())) == len(digests)


@pytest.mark.parametrize("a, b", [
    (True, 1), (1, 1.0), (1, "1"), ("1", b"1"), (b"1", bytearray(b"1")), ([1], (1,)),
    ({1}, frozenset({1})), (0.0, -0.0), (None, 0), ({"a": 1}, [("a", 1)]),
    (np.arange(3, dtype=np.int64), np.arange(3, dtype=np.int32)),
    (np.arange(6).reshape(2, 3), np.arange(6).reshape(3, 2)),
    (pd.Series([1, 2]), pd.Series([1, 2], index=[1, 2])),
    (pd.DataFrame({"a": [1]}), pd.DataFrame({"b": [1]})),
    (pd.Series(["1", "2"]), pd.Series([1, 2], dtype=object)),
    (pd.Series([1, True], dtype=object), pd.Series([1, 1], dtype=object)),
])
def test_different_types_or_content_give_different_digests(a, b):
    assert digest(a) != digest(b)


def test_order_does_not_matter_where_equality_ignores_it():
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    assert digest({3, 1, 2}) == digest({2, 3, 1})
    assert digest(OrderedDict(a=1, b=2)) != digest(OrderedDict(b=2, a=1))


def test_large_arrays_are_hashed_exactly_not_sampled():
    big = np.zeros(2_000_000)
    edited = big.copy()
    edited[1_234_567] = 1e-300
    assert digest(big) != digest(edited)
    frame = pd.DataFrame({"a": np.zeros(100_000), "b": ["x"] * 100_000})
    changed = frame.copy()
    changed.loc[77_777, "b"] = "y"
    assert digest(frame) != digest(changed)


def test_non_contiguous_and_object_arrays():
    base = np.arange(20).reshape(4, 5)
    assert digest(base[:, ::2]) == digest(np.ascontiguousarray(base[:, ::2]))
    assert digest(np.array([[1], {"a": 2}], dtype=object)) != digest(np.array([[1], {"a": 3}], dtype=object))


def test_object_columns_holding_lists_and_dicts():
    a = pd.DataFrame({"c": [[1, 2], {"k": 1}]})
    b = pd.DataFrame({"c": [[1, 2], {"k": 2}]})
    assert digest(a) != digest(b) and digest(a) == digest(a.copy())


def test_cycles_and_unhashables():
    loop: list = [1]
    loop.append(loop)
    assert digest(loop) == digest(loop)
    with pytest.raises(Unhashable):
        digest(threading.Lock())
    with pytest.raises(Unhashable):
        digest([1, (x for x in [])])


def test_plain_objects_are_hashed_by_content():
    class Config:
        def __init__(self, level):
            self.level = level
            self.tags = {"b", "a"}

    assert digest(Config(1)) == digest(Config(1)) and digest(Config(1)) != digest(Config(2))


def test_hash_funcs_choose_how_a_type_is_hashed():
    class Conn:
        def __init__(self, url):
            self.url = url
            self.lock = threading.Lock()

    by_url = {Conn: lambda conn: conn.url}
    assert digest(Conn("a"), by_url) == digest(Conn("a"), by_url)
    assert digest(Conn("a"), by_url) != digest(Conn("b"), by_url)


SCRIPT = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {tests!r})
    from test_hashing import SAMPLES
    from jupyter_rerun.caching.hashing import digest
    print(json.dumps({{name: digest(value).hex() for name, value in SAMPLES.items()}}))
""")


def test_digests_are_the_same_in_other_processes_and_hash_seeds():
    script = SCRIPT.format(tests=str(pathlib.Path(__file__).parent))
    runs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        output = subprocess.run([sys.executable, "-c", script], env=env, check=True,
                                capture_output=True, text=True).stdout
        runs.append(json.loads(output))
    assert runs[0] == runs[1] == {name: digest(value).hex() for name, value in SAMPLES.items()}


def test_arrow_polars_and_images_are_hashed_by_content():
    import polars as pl
    import pyarrow as pa
    from PIL import Image

    table = pa.table({"a": [1, 2], "s": ["x", "y"]})
    assert digest(table) == digest(pa.table({"a": [1, 2], "s": ["x", "y"]}))
    assert digest(table) != digest(pa.table({"a": [1, 3], "s": ["x", "y"]}))
    frame = pl.DataFrame({"a": [1.0, 2.0], "s": ["x", "y"]})
    assert digest(frame) == digest(frame.clone())
    assert digest(frame) != digest(pl.DataFrame({"a": [1.0, 2.0], "s": ["x", "z"]}))
    image = Image.new("RGB", (4, 4), (255, 0, 0))
    other = image.copy()
    other.putpixel((3, 3), (255, 0, 1))
    assert digest(image) == digest(image.copy()) and digest(image) != digest(other)


def test_memoryviews_and_functions():
    assert digest(memoryview(b"ab")) != digest(b"ab")

    def one():
        return 1

    def also_one():  # same code, other name
        return 1

    def two():
        return 2

    assert digest(one) != digest(two)
    assert digest(one) != digest(also_one)  # a function's name is part of what it is
    assert digest(one) == digest(one)


@pytest.mark.parametrize("storage", ["python", "pyarrow"])
def test_string_columns_of_either_storage(storage):
    a = pd.DataFrame({"s": pd.array(["x", None, "z"] * 200, dtype=pd.StringDtype(storage))})
    b = a.copy()
    b.loc[599, "s"] = "y"
    assert digest(a) == digest(a.copy()) and digest(a) != digest(b)
    assert digest(a) != digest(a.astype(object))


@pytest.mark.parametrize("column", [
    lambda pd: pd.date_range("2020", periods=10_000, freq="min"),
    lambda pd: pd.to_timedelta(range(10_000), unit="s"),
])
def test_datetime_columns_are_hashed_as_bytes_not_element_by_element(column, monkeypatch):
    """A datetime or timedelta column is one run of bytes (a 1e6-row column took 9 s one
    Timestamp at a time); its digest still changes with any one element."""
    import pandas as pd

    from jupyter_rerun.caching import hashing

    writes = []
    real_write = hashing._Writer.write
    monkeypatch.setattr(hashing._Writer, "write", lambda self, value: (writes.append(1), real_write(self, value))[1])
    frame = pd.DataFrame({"t": column(pd)})
    before = digest(frame)
    assert len(writes) < 50
    frame.iloc[5000, 0] = frame.iloc[4999, 0]
    assert digest(frame) != before
