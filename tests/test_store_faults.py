"""Shared caches across real kernels, and the faults a shared store meets."""

from __future__ import annotations

import errno
import glob
import os
import sqlite3
import subprocess
import sys
import textwrap
import time
import warnings

import pytest

import jupyter_rerun as jr
from jupyter_rerun.stores import guarded
from jupyter_rerun.testing import KernelDriver, RedisServer

DEFINE = """
import jupyter_rerun as jr, os, time
@jr.cache_data(persist=True)
def expensive(x):
    open(os.path.join(MARKS, f"computed-{x}-{os.getpid()}"), "w").close()
    return {"x": x, "by": os.getpid()}
"""


@pytest.fixture
def shared_env(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    return {"XDG_CONFIG_HOME": str(tmp_path / "config"), "MARKS": str(marks)}, marks


@pytest.mark.parametrize("backend", ["disk", "redis"])
def test_two_kernels_compute_once(backend, shared_env, tmp_path, redis_server):
    env, marks = shared_env
    env["JUPYTER_RERUN_STORE"] = str(tmp_path / "store") if backend == "disk" else redis_server.url
    with KernelDriver(env=env) as first, KernelDriver(env=env) as second:
        for kernel in (first, second):
            kernel.execute(f"%load_ext jupyter_rerun\nMARKS = {str(marks)!r}\n" + DEFINE)
            kernel.execute("jr.cache_data.clear()\n%cache_clear --persistent expensive")
        made = first.value("expensive(7)")
        seen = second.value("expensive(7)")
        assert made == seen and made["by"] != second.value("os.getpid()")
        assert len(os.listdir(marks)) == 1  # computed once, by the first kernel
        assert second.value("expensive.cache_info()['store_hits']") == 1
        info = second.execute("%cache_info expensive")
        (text,) = [m["content"]["data"]["text/plain"] for m in info.messages
                   if m["msg_type"] == "execute_result"]
        location = str(tmp_path / "store") if backend == "disk" else f"127.0.0.1:{redis_server.port}"
        assert location in text and "entries" in text


def test_cache_cell_persists_across_kernels(shared_env, tmp_path):
    env, marks = shared_env
    env["JUPYTER_RERUN_STORE"] = str(tmp_path / "store")
    cell = "%%cache --persist\nimport os\nwho = os.getpid()\nprint('computed by', who)"
    with KernelDriver(env=env) as first, KernelDriver(env=env) as second:
        for kernel in (first, second):
            kernel.execute("%load_ext jupyter_rerun")
        shown = first.execute(cell).stdout
        replayed = second.execute(cell).stdout
        assert shown == replayed and second.value("who") == first.value("who")


def test_redis_killed_mid_session_never_breaks_a_call(tmp_path, monkeypatch):
    monkeypatch.setattr(guarded, "RETRY_AFTER", 0.5)
    server = RedisServer(tmp_path)
    calls = []

    @jr.cache_data(persist=server.url)
    def double(x):
        calls.append(x)
        return 2 * x

    try:
        assert double(1) == 2
        server.stop()
        jr.cache_data.clear()  # force the store to be asked
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            started = time.monotonic()
            assert [double(x) for x in (1, 2, 3)] == [2, 4, 6]  # computed, returned
            elapsed = time.monotonic() - started
        failures = [w for w in caught if issubclass(w.category, jr.StoreWarning)]
        assert len(failures) == 1 and "failed" in str(failures[0].message)
        assert elapsed < 10  # bounded timeouts (a hang would be caught by pytest-timeout)
        server.start()
        time.sleep(0.6)
        jr.cache_data.clear()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert double(4) == 8
        assert any("works again" in str(w.message) for w in caught)
        jr.cache_data.clear()
        calls.clear()
        assert double(4) == 8 and calls == []  # written after the outage, read back
    finally:
        server.stop()


@pytest.mark.parametrize("operation, error", [
    ("get", sqlite3.OperationalError("database is locked")),
    ("set", OSError(errno.ENOSPC, "No space left on device")),
    ("set", sqlite3.OperationalError("attempt to write a readonly database")),
])
def test_a_failing_disk_never_breaks_a_call(tmp_path, monkeypatch, operation, error):
    folder = str(tmp_path / "disk")
    calls = []

    @jr.cache_data(persist=folder)
    def square(x):
        calls.append(x)
        return x * x

    store = square.__jupyter_rerun_cache__.persistent.store.store

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(store, operation, fail)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert [square(3), square(3), square(4)] == [9, 9, 16]
    assert calls == [3, 4]  # the memory tier still works
    assert len([w for w in caught if issubclass(w.category, jr.StoreWarning)]) == 1


def test_a_corrupted_file_is_a_miss_then_overwritten(tmp_path):
    folder = str(tmp_path / "disk")
    calls = []

    def define():
        @jr.cache_data(persist=folder)
        def big(n):
            calls.append(n)
            return b"v" * n
        return big

    define()(500_000)  # large enough for diskcache to keep it in a file of its own
    (value_file,) = glob.glob(os.path.join(folder, "**", "*.val"), recursive=True)
    with open(value_file, "r+b") as file:
        file.truncate(1000)
    jr.cache_data.clear()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert define()(500_000) == b"v" * 500_000
    assert calls == [500_000, 500_000]
    assert any("failed verification" in str(w.message) for w in caught)
    jr.cache_data.clear()
    assert define()(500_000) == b"v" * 500_000 and len(calls) == 2  # overwritten, good again


def test_two_processes_writing_one_key_leave_a_consistent_entry(tmp_path):
    folder = str(tmp_path / "disk")
    writer = textwrap.dedent(f"""
        import sys
        from jupyter_rerun.stores import persistent
        store = persistent({folder!r})
        payload = bytes([int(sys.argv[1])]) * 400_000
        for _ in range(30):
            store.save("race", b"k" * 16, payload, None)
    """)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    processes = [subprocess.Popen([sys.executable, "-c", writer, str(n)], env=env)
                 for n in (1, 2)]
    for process in processes:
        assert process.wait(timeout=120) == 0
    reader = textwrap.dedent(f"""
        from jupyter_rerun.stores import persistent
        payload = persistent({folder!r}).load("race", b"k" * 16)
        print(len(set(payload)), len(payload))
    """)
    output = subprocess.run([sys.executable, "-c", reader], env=env, capture_output=True,
                            text=True, check=True).stdout.split()
    assert output == ["1", "400000"]  # verified, and wholly one writer's value
