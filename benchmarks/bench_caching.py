"""jupyter_rerun's caches against functools.lru_cache, Streamlit and joblib, in one process.

1. hit overhead of f(1, 'a');
2. hashing a 100 MB float64 array and a 1e6 x 4 DataFrame, against raw xxh3-128 over the
   same bytes (the floor), Streamlit's hasher and joblib.hash;
3. a cache_data hit returning a 32 MB DataFrame, against df.copy() and st.cache_data;
4. stale results: a cached function of a large array (1e6 floats) and a DataFrame (100,000
   rows) is called, one element of the input is edited, and the function is called again;
   a stale result is the old answer coming back. 100 trials per peer.

    python benchmarks/bench_caching.py          (needs: pip install streamlit joblib)
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import tempfile
import timeit
import warnings

import numpy as np
import pandas as pd
import xxhash

os.environ.setdefault("STREAMLIT_GLOBAL_SHOW_WARNING_ON_DIRECT_EXECUTION", "false")
warnings.filterwarnings("ignore")
logging.disable(logging.WARNING)

import joblib  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit.runtime.caching.cache_type import CacheType  # noqa: E402
from streamlit.runtime.caching.hashing import update_hash  # noqa: E402

import jupyter_rerun as jr  # noqa: E402
from jupyter_rerun.caching.hashing import digest  # noqa: E402


def best(function, number, repeat=5):
    """Seconds per call, the best of `repeat` rounds (the least disturbed by the machine)."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def hit_overhead():
    def body(a, b):
        return a

    memory = joblib.Memory(tempfile.mkdtemp(prefix="jr-bench-joblib-"), verbose=0)
    peers = {
        "functools.lru_cache": functools.lru_cache(body),
        "jr.cache_data": jr.cache_data(body),
        "jr.cache_resource": jr.cache_resource(body),
        "st.cache_data": st.cache_data(body),
        "st.cache_resource": st.cache_resource(body),
        "joblib.Memory": memory.cache(body),
    }
    rows = {}
    for name, cached in peers.items():
        cached(1, "a")
        number = 200 if name == "joblib.Memory" else 20_000
        rows[name] = best(lambda: cached(1, "a"), number) * 1e6
    return rows


def streamlit_hash(value):
    hasher = hashlib.new("md5")
    update_hash(value, hasher, CacheType.DATA)
    return hasher.digest()


def hashing():
    array = np.random.default_rng(0).random(100 * 2**20 // 8)  # 100 MB of float64
    frame = pd.DataFrame(np.random.default_rng(1).random((1_000_000, 4)), columns=list("abcd"))
    columns = [frame[name].to_numpy() for name in frame.columns]

    def raw_frame():
        hasher = xxhash.xxh3_128()
        for column in columns:
            hasher.update(column)
        return hasher.digest()

    rows = {}
    for label, value, raw in (("100 MB float64 array", array, lambda: xxhash.xxh3_128_digest(array)),
                              ("1e6 x 4 DataFrame", frame, raw_frame)):
        rows[label] = {
            "raw xxh3-128 of the bytes": best(raw, 3),
            "jupyter_rerun": best(lambda: digest(value), 3),
            "Streamlit (samples)": best(lambda: streamlit_hash(value), 3),
            "joblib.hash": best(lambda: joblib.hash(value), 1, repeat=3),
        }
    return rows


def dataframe_hit():
    frame = pd.DataFrame(np.random.default_rng(2).random((1_000_000, 4)), columns=list("abcd"))

    @jr.cache_data
    def jr_load():
        return frame

    @st.cache_data
    def st_load():
        return frame

    jr_load(), st_load()
    return {
        "df.copy()": best(frame.copy, 20) * 1e3,
        "jr.cache_data hit": best(jr_load, 20) * 1e3,
        "st.cache_data hit": best(st_load, 5) * 1e3,
    }


def stale_probe(trials=100):
    rng = np.random.default_rng(3)
    memory = joblib.Memory(tempfile.mkdtemp(prefix="jr-bench-joblib-"), verbose=0)

    def total(value):
        return float(np.asarray(value).sum())

    peers = {
        "jr.cache_data": jr.cache_data(total),
        "st.cache_data": st.cache_data(total),
        "joblib.Memory": memory.cache(total),
    }
    results = {}
    for label, make in (("1e6-element array", lambda: rng.random(1_000_000)),
                        ("100,000-row DataFrame", lambda: pd.DataFrame({"x": rng.random(100_000)}))):
        for name, cached in peers.items():
            stale = 0
            for _ in range(trials):
                value = make()
                before = cached(value)
                edited = value.copy()
                flat = edited.to_numpy() if hasattr(edited, "to_numpy") else edited
                position = int(rng.integers(0, flat.size))
                if hasattr(edited, "iloc"):
                    edited.iloc[position, 0] += 1000.0
                else:
                    edited[position] += 1000.0
                if cached(edited) == before:
                    stale += 1
            results[(label, name)] = stale
    return results


def main():
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
          f"streamlit {st.__version__}, joblib {joblib.__version__}")
    print()
    hits = hit_overhead()
    streamlit = hits["st.cache_data"]
    print("| cache hit of f(1, 'a') | µs per call | ratio to st.cache_data |")
    print("|---|---|---|")
    for name, micros in hits.items():
        print(f"| {name} | {micros:.2f} | {micros / streamlit:.3f} |")
    print()
    print("| hashing | raw xxh3-128 | jupyter_rerun | ratio to raw | Streamlit | joblib.hash |")
    print("|---|---|---|---|---|---|")
    for label, row in hashing().items():
        raw = row["raw xxh3-128 of the bytes"]
        print(f"| {label} | {raw * 1e3:.1f} ms | {row['jupyter_rerun'] * 1e3:.1f} ms | "
              f"{row['jupyter_rerun'] / raw:.2f} | {row['Streamlit (samples)'] * 1e3:.1f} ms "
              f"(sampled) | {row['joblib.hash'] * 1e3:.0f} ms |")
    print()
    frame = dataframe_hit()
    copy = frame["df.copy()"]
    print("| 32 MB DataFrame | ms | ratio to df.copy() |")
    print("|---|---|---|")
    for name, millis in frame.items():
        print(f"| {name} | {millis:.3f} | {millis / copy:.3f} |")
    print()
    print("| stale results after a one-element edit (100 trials) | jr.cache_data | st.cache_data | joblib.Memory |")
    print("|---|---|---|---|")
    stale = stale_probe()
    for label in ("1e6-element array", "100,000-row DataFrame"):
        cells = " | ".join(f"{stale[(label, name)]}/100" for name in
                           ("jr.cache_data", "st.cache_data", "joblib.Memory"))
        print(f"| {label} | {cells} |")


if __name__ == "__main__":
    main()
