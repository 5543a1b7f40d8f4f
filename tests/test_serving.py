"""README, "Serving a dashboard to many viewers": the configuration it gives, tried.

Kernels configured only by the environment the README sets (a Redis URL and a shared
secret, no key file) share one computation; a Redis bounded as it says (maxmemory,
allkeys-lru) evicts old entries and every call goes on; one that refuses writes when full
(noeviction) costs one warning, never a failed call."""

from __future__ import annotations

import pytest
import redis
from conftest import unique
from flight_support import at_once, collect, computations, kernels, slow_function
from store_helpers import store_warnings

import jupyter_rerun as jr
from jupyter_rerun.testing import RedisServer

SECRET = "4f1c0e5a9b7d3e2f6a8c1b0d9e7f5a3c"  # what `python -c 'import secrets; print(secrets.token_hex(16))'` prints


@pytest.fixture
def server(tmp_path):
    started = RedisServer(tmp_path)
    yield started
    started.stop()


def test_kernels_configured_as_the_readme_says_share_one_computation(tmp_path, server):
    env = {"JUPYTER_RERUN_STORE": server.url, "JUPYTER_RERUN_SECRET": SECRET,
           "XDG_CONFIG_HOME": str(tmp_path / "no-key-file-here")}
    name = unique("served")
    with kernels(3, env) as three:
        for kernel in three:
            kernel.execute(slow_function(name, tmp_path, 1))
        done = collect(three, at_once(three, f"print({name}(1)['x'])", tmp_path / "go"))
        assert [execution.stdout for execution in done] == ["1\n"] * 3
    assert len(computations(tmp_path)) == 1
    assert not (tmp_path / "no-key-file-here").exists()  # the secret came from the environment


def test_an_lru_redis_at_its_memory_bound_evicts_and_calls_go_on(tmp_path, server, monkeypatch):
    monkeypatch.setenv("JUPYTER_RERUN_SECRET", SECRET)
    raw = redis.Redis.from_url(server.url)
    raw.config_set("maxmemory", "4mb")
    raw.config_set("maxmemory-policy", "allkeys-lru")
    calls = []

    @jr.cache_data(persist=server.url)
    def block(i):
        calls.append(i)
        return bytes([i]) * 200_000

    with store_warnings() as warned:
        for i in range(60):  # 12 MB of entries into 4 MB
            assert len(block(i)) == 200_000
        jr.cache_data.clear()
        assert block(59) == bytes([59]) * 200_000  # recent: read from Redis
        assert block(0) == bytes(200_000)  # evicted long ago: computed again
    assert calls.count(59) == 1 and calls.count(0) == 2
    assert warned == []
    assert raw.info("memory")["used_memory"] <= 5 * 2**20


def test_a_full_redis_that_refuses_writes_costs_one_warning(tmp_path, server, monkeypatch):
    monkeypatch.setenv("JUPYTER_RERUN_SECRET", SECRET)
    raw = redis.Redis.from_url(server.url)
    raw.config_set("maxmemory", "2mb")
    raw.config_set("maxmemory-policy", "noeviction")
    calls = []

    @jr.cache_data(persist=server.url)
    def block(i):
        calls.append(i)
        return bytes(400_000)

    with store_warnings() as warned:
        assert all(len(block(i)) == 400_000 for i in range(10))
    assert calls == list(range(10))
    assert len(warned) == 1 and "OutOfMemoryError" in warned[0]
