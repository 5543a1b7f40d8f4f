"""Shared caches across real kernels, and the faults a shared store meets."""

from __future__ import annotations

import errno
import glob
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import warnings

import pytest
from store_helpers import can_mount, counted, run_on_mount, store_warnings, tables

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


def test_a_corrupted_entry_is_a_miss_then_overwritten(tmp_path):
    folder = str(tmp_path / "disk")
    calls = []

    def define():
        @jr.cache_data(persist=folder)
        def big(n):
            calls.append(n)
            return b"v" * n
        return big

    define()(500_000)
    for table, columns in tables(folder).items():  # cut every stored value short
        if {"key", "value"} <= columns:
            with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
                db.execute(f"UPDATE {table} SET value = substr(value, 1, 1000)")
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


def test_many_kernels_opening_a_new_store_together_all_use_it(tmp_path):
    """Twelve processes open one new folder at the same moment, twenty times over, as
    viewers do who arrive together. SQLite answers "database is locked" at once, without
    its busy wait, to some of them while another switches the new index to WAL; each
    must wait its turn, not give the store up (before, a run of this test
    nearly always found some that did)."""
    trials, count = 20, 12
    opener = textwrap.dedent(f"""
        import os, sys, time, warnings
        from jupyter_rerun.stores.disk import DiskStore
        for trial in range({trials}):
            while not os.path.exists(os.path.join({str(tmp_path)!r}, f"go-{{trial}}")):
                time.sleep(0.001)
            try:
                DiskStore(os.path.join({str(tmp_path)!r}, f"store-{{trial}}")).set("k", b"v")
                print("ok", flush=True)
            except Exception as error:
                print(type(error).__name__, error, flush=True)
    """)
    processes = [subprocess.Popen([sys.executable, "-c", opener], stdout=subprocess.PIPE,
                                  text=True) for _ in range(count)]
    time.sleep(2)  # every process has imported the store and waits for the start line
    outcomes = []
    for trial in range(trials):
        (tmp_path / f"go-{trial}").touch()
        outcomes += [process.stdout.readline().strip() for process in processes]
    for process in processes:
        assert process.wait(timeout=60) == 0
    assert [o for o in outcomes if o != "ok"] == [] and len(outcomes) == trials * count


def whole_index(folder: str, entries: int) -> str:
    """A folder whose index holds `entries` entries of 20 kB, closed; the index's path."""
    store = jr.open_store(folder)
    for n in range(entries):
        store.set(f"f/{n}", os.urandom(20_000))
    store.close()
    return os.path.join(folder, "cache.db")


@pytest.mark.parametrize("damage", ["garbage", "header cut", "cut in half"])
def test_a_broken_index_is_moved_aside_and_rebuilt(tmp_path, damage):
    folder = str(tmp_path / "disk")
    index = whole_index(folder, 40)
    with open(index, "r+b") as file:
        if damage == "garbage":
            file.write(b"this is not a database" * 200)
        else:
            file.truncate(100 if damage == "header cut" else os.path.getsize(index) // 2)
    calls = []
    with store_warnings() as warned:
        compute = counted(folder, calls)
        assert compute(1) == {"x": 1} and compute(2) == {"x": 2}
        jr.cache_data.clear()
        assert compute(1) == {"x": 1} and compute(2) == {"x": 2}  # from the rebuilt index
    assert calls == [1, 2], warned
    assert len(warned) == 1 and "moved aside" in warned[0], warned
    assert glob.glob(index + ".corrupt-*")  # kept, for whoever wants to look at it


SCRIPT = """
    import json, sys, warnings
    sys.path.insert(0, {tests!r})
    import jupyter_rerun as jr
    from store_helpers import counted
    calls, values = [], []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compute = counted({folder!r}, calls)

        @jr.cache_data(persist={folder!r})
        def big(n):
            calls.append(n)
            return b"v" * n

        values += [compute(1), compute(2), compute(2), len(big(600_000)), len(big(600_000))]
        jr.cache_data.clear()
        values.append(compute(2))
    print(json.dumps({{"values": values, "calls": calls,
                      "warned": [str(w.message) for w in caught
                                 if issubclass(w.category, jr.StoreWarning)]}}))
"""


def run_script(tmp_path, folder: str, confinement: str) -> dict:
    """SCRIPT in a process that sees `folder` read-only ("ro") or as a full disk."""
    import json

    env = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    script = SCRIPT.format(tests=os.path.dirname(__file__), folder=folder)
    if can_mount():
        return json.loads(run_on_mount(script, folder, confinement, env))
    # not root: a folder without write permission, or a file size limit, does the same
    if confinement == "ro":
        for path in [folder, *glob.glob(os.path.join(folder, "*"))]:
            os.chmod(path, 0o500 if os.path.isdir(path) else 0o400)
    else:
        script = ("import resource, signal\nsignal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
                  "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
                  + textwrap.dedent(script))
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120, check=True)
    return json.loads(done.stdout)


def test_a_read_only_folder_never_breaks_a_call(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = str(tmp_path / "disk")
    counted(folder, [])(1)  # an entry already there, written before the folder went read-only
    result = run_script(tmp_path, folder, "ro")
    assert result["values"] == [{"x": 1}, {"x": 2}, {"x": 2}, 600_000, 600_000, {"x": 2}]
    assert result["calls"].count(2) <= 2 and result["calls"].count(600_000) == 1
    assert len(result["warned"]) == 1, result["warned"]


def test_a_full_disk_never_breaks_a_call(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir(mode=0o700)
    result = run_script(tmp_path, str(folder), "tmpfs:size=256k")
    assert result["values"] == [{"x": 1}, {"x": 2}, {"x": 2}, 600_000, 600_000, {"x": 2}]
    assert result["calls"][:3] == [1, 2, 600_000]  # each computed once while memory held it
    assert len(result["warned"]) == 1, result["warned"]


def test_a_folder_that_cannot_be_made_never_breaks_a_call(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    calls = []
    with store_warnings() as warned:
        compute = counted(str(blocker / "store"), calls)
        assert compute(1) == {"x": 1} and compute(1) == {"x": 1}
    assert calls == [1] and len(warned) == 1 and str(blocker) in warned[0]


def test_cache_cells_run_when_their_store_is_broken(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "JUPYTER_RERUN_STORE": str(blocker / "d")}
    with KernelDriver(env=env) as kernel:
        kernel.execute("%load_ext jupyter_rerun")
        cells = [f"%%cache --store {blocker}/other\nx = 41 + 1\nprint('ran x')",
                 "%%cache --persist\ny = 2\nprint('ran y')"]
        runs = [kernel.execute(cell) for cell in cells + cells]
        assert [run.stdout for run in runs] == ["ran x\n", "ran y\n"] * 2  # the last two replayed
        assert kernel.value("(x, y)") == (42, 2)
    stderr = "".join(run.stderr for run in runs)
    assert stderr.count("StoreWarning") == 2, stderr  # one per store


def test_a_locked_index_cannot_hang_a_call(tmp_path):
    folder, calls, seen = str(tmp_path / "disk"), [], {}
    compute = counted(folder, calls)
    compute(1)  # the index exists
    blocker = sqlite3.connect(os.path.join(folder, "cache.db"), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")  # another process holds the write lock and never lets go

    def call():
        with store_warnings() as warned:
            seen["value"] = compute(2)
        seen["warned"] = warned

    thread = threading.Thread(target=call, daemon=True)
    try:
        thread.start()
        thread.join(20)
        assert not thread.is_alive(), "the call waited on the lock for 20 s"
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        thread.join(20)
    assert seen["value"] == {"x": 2} and calls == [1, 2] and len(seen["warned"]) == 1
