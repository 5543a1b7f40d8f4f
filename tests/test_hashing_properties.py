"""Property tests for content digests (hypothesis, 300 examples per property;
`JR_PROPERTY_EXAMPLES=N` for more).

Equal values give equal digests however they were built (dict and set order, copies,
non-contiguous arrays); different types or content give different digests; digests are the
same in another process under another hash seed.
"""

from __future__ import annotations

import copy
import math
import os
import pickle
import struct
import subprocess
import sys
import textwrap

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.extra import pandas as hpd

from jupyter_rerun.caching.hashing import digest

# 300 examples each in the suite; JR_PROPERTY_EXAMPLES=5000 (say) searches harder
MANY = settings(max_examples=int(os.environ.get("JR_PROPERTY_EXAMPLES", "300")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

scalars = (st.none() | st.booleans() | st.integers() | st.integers(-3, 3)
           | st.floats(allow_nan=True) | st.text(max_size=8) | st.binary(max_size=8)
           | st.complex_numbers(allow_nan=False))
hashable = st.recursive(scalars, lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=4),
                        max_leaves=8)
values = st.recursive(
    hashable,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner) | st.tuples(inner, inner)
                   | st.dictionaries(hashable, inner, max_size=4) | st.sets(hashable, max_size=4)),
    max_leaves=20)


def canonical(value):
    """A reference meaning of 'the same value' for the digest: type-tagged, order-free for
    dicts and sets, NaN equal to NaN, -0.0 different from 0.0."""
    kind = type(value).__name__
    if isinstance(value, float):
        return (kind, "nan" if math.isnan(value) else struct.pack("<d", value))
    if isinstance(value, complex):
        return (kind, canonical(value.real), canonical(value.imag))
    if isinstance(value, (list, tuple)):
        return (kind, tuple(canonical(item) for item in value))
    if isinstance(value, (set, frozenset)):
        return (kind, frozenset(canonical(item) for item in value))
    if isinstance(value, dict):
        return (kind, frozenset((canonical(k), canonical(v)) for k, v in value.items()))
    return (kind, value)


@MANY
@given(values)
def test_a_copy_has_the_same_digest(value):
    assert digest(copy.deepcopy(value)) == digest(value)


@MANY
@given(st.dictionaries(hashable, values, min_size=2, max_size=6), st.randoms())
def test_dict_order_does_not_matter(mapping, rng):
    items = list(mapping.items())
    rng.shuffle(items)
    assert digest(dict(items)) == digest(mapping)


@MANY
@given(st.sets(hashable, min_size=2, max_size=8), st.randoms())
def test_set_order_does_not_matter(members, rng):
    items = list(members)
    rng.shuffle(items)
    rebuilt = set()
    for item in items:
        rebuilt.add(item)
    assert digest(rebuilt) == digest(members) and digest(frozenset(items)) == digest(frozenset(members))


@MANY
@given(values, values)
def test_digests_are_equal_exactly_when_values_are(a, b):
    assert (digest(a) == digest(b)) == (canonical(a) == canonical(b))


arrays = hnp.arrays(dtype=hnp.scalar_dtypes(), shape=hnp.array_shapes(max_dims=3, max_side=6))


@MANY
@given(arrays)
def test_arrays_by_content_however_laid_out(array):
    assert digest(array.copy()) == digest(array)
    assert digest(pickle.loads(pickle.dumps(array))) == digest(array)  # pickle makes it native
    assert digest(array.astype(array.dtype.newbyteorder(">"))) == digest(array)
    assert digest(np.asfortranarray(array)) == digest(array)
    if array.ndim >= 1 and array.shape[0] >= 2:
        assert digest(array[::2]) == digest(np.ascontiguousarray(array[::2]))


@MANY
@given(hnp.arrays(dtype=st.sampled_from([np.int64, np.float64, np.int8, np.uint16]),
                  shape=st.integers(1, 200)), st.data())
def test_a_one_element_edit_changes_an_arrays_digest(array, data):
    position = data.draw(st.integers(0, array.size - 1))
    edited = array.copy()
    edited.view(np.uint8)[position * array.itemsize] ^= 1  # one bit of one element
    assert digest(edited) != digest(array)


frames = hpd.data_frames(
    columns=hpd.columns(["a", "b", "c"], elements=st.floats(allow_nan=False, width=32))
    + hpd.columns(["s"], dtype=object, elements=st.text(max_size=4))
    + hpd.columns(["i"], dtype=np.int64, elements=st.integers(-10**6, 10**6)),
    index=hpd.range_indexes(min_size=1, max_size=30))


@MANY
@given(frames, st.data())
def test_dataframes_by_content(frame, data):
    assert digest(frame.copy()) == digest(frame)
    row = data.draw(st.integers(0, len(frame) - 1))
    edited = frame.copy()
    edited.loc[row, "i"] = int(edited.loc[row, "i"]) + 1
    assert digest(edited) != digest(frame)
    renamed = frame.rename(columns={"a": "z"})
    assert digest(renamed) != digest(frame)


SAMPLE_SCRIPT = textwrap.dedent("""
    import pickle, sys
    from jupyter_rerun.caching.hashing import digest
    samples = pickle.load(open(sys.argv[1], "rb"))
    print(pickle.dumps([digest(value).hex() for value in samples]).hex())
""")


def collect(strategy, count):
    """`count` generated examples (through @given, as hypothesis wants)."""
    found = []

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def gather(value):
        found.append(value)

    gather()
    return found


def test_digests_of_many_generated_values_are_the_same_in_other_processes(tmp_path):
    samples = collect(values, 300) + collect(frames, 20) + collect(arrays, 100)
    path = tmp_path / "samples.pickle"
    path.write_bytes(pickle.dumps(samples))
    expected = [digest(value).hex() for value in samples]
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        output = subprocess.run([sys.executable, "-c", SAMPLE_SCRIPT, str(path)], env=env,
                                capture_output=True, text=True, check=True).stdout
        assert pickle.loads(bytes.fromhex(output.strip())) == expected
