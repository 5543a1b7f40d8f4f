"""Persistent caches: what sharing costs, in two real kernels.

1. A 1 MB result computed in kernel A, hit from kernel B through the disk store and through
   a Redis store: the time of B's call (store read, signature check, unpickle), against the
   raw store read plus unpickle of the same bytes (what an unsigned, unchecked cache would
   do). Median of 50; B's memory tier is emptied before each call, and before each raw
   read too: freeing the 1 MB entry changes what the next 1 MB read costs (the allocator
   hands the memory back and faults it in again, ~1 ms here), so both start from there.
2. A warm hit (the memory tier in front of a persistent store) against a hit of a cache
   with no persistent store at all.

    python benchmarks/bench_stores.py          (needs redis-server on the PATH)
"""

from __future__ import annotations

import sys
import tempfile

from jupyter_rerun.testing import KernelDriver, RedisServer

DEFINE = """
import numpy as np, pickle, statistics, time, timeit
import jupyter_rerun as jr
from jupyter_rerun.stores.signing import HEADER
@jr.cache_data(persist={spec!r})
def megabyte(seed):
    return np.random.default_rng(seed).random(131072)   # 1 MB of float64
@jr.cache_data
def megabyte_in_memory(seed):
    return np.random.default_rng(seed).random(131072)
"""

MEASURE = """
cache = megabyte.__jupyter_rerun_cache__
store = cache.persistent
raw_store = store.store.store
def shared_hit():
    jr.cache_data.clear()
    start = time.perf_counter(); megabyte(1); return time.perf_counter() - start
megabyte(1)
key = next(iter(cache.table._entries))
name = store.name(cache.identity, key)
def raw_read():
    jr.cache_data.clear()  # the state shared_hit() starts from: a 1 MB entry just freed
    start = time.perf_counter()
    entry = raw_store.get(name)
    pickle.loads(memoryview(entry)[HEADER:])
    return time.perf_counter() - start
hits, raws = [], []
for _ in range(50):  # interleaved, so both see the same machine
    hits.append(shared_hit())
    raws.append(raw_read())
assert cache.store_hits >= 50, cache.store_hits
megabyte(1); megabyte_in_memory(1)
warm = min(timeit.repeat(lambda: megabyte(1), number=200, repeat=5)) / 200
alone = min(timeit.repeat(lambda: megabyte_in_memory(1), number=200, repeat=5)) / 200
result = (statistics.median(hits), statistics.median(raws), warm, alone)
"""


def measure(spec, env):
    with KernelDriver(env=env) as first:
        first.execute(DEFINE.format(spec=spec))
        first.execute("megabyte(1)")  # computed and stored by kernel A
        with KernelDriver(env=env) as second:
            second.execute(DEFINE.format(spec=spec))
            second.execute(MEASURE)
            return second.value("result")


def main():
    folder = tempfile.mkdtemp(prefix="jr-bench-stores-")
    env = {"XDG_CONFIG_HOME": f"{folder}/config"}
    server = RedisServer(folder)
    try:
        rows = {"disk": measure(f"{folder}/disk", env), "redis": measure(server.url, env)}
    finally:
        server.stop()
    print(f"python {sys.version.split()[0]}; a 1 MB numpy array; medians of 50 (ms)")
    print()
    print("| store | hit from a second kernel | raw read + unpickle | ratio |")
    print("|---|---|---|---|")
    for name, (hit, raw, _, _) in rows.items():
        print(f"| {name} | {hit * 1e3:.3f} | {raw * 1e3:.3f} | {hit / raw:.2f} |")
    print()
    print("| warm hit (µs) | memory tier in front of the store | cache without a store | ratio |")
    print("|---|---|---|---|")
    for name, (_, _, warm, alone) in rows.items():
        print(f"| {name} | {warm * 1e6:.1f} | {alone * 1e6:.1f} | {warm / alone:.2f} |")


if __name__ == "__main__":
    main()
