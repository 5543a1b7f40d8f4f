"""Forged leases: someone who can write the store (the folder's files, the Redis server) but
has no secret plants lock files and lease keys. At worst that delays a computation by one
lease (1 s here); it never runs code, never returns a value of theirs, never hangs a call.
Each test forges the bytes itself (files in the folder, raw Redis commands)."""

from __future__ import annotations

import fcntl
import os
import pickle
import subprocess
import sys
import threading

import pytest
import redis
from store_helpers import Exploit, counted, store_warnings

import jupyter_rerun as jr
from jupyter_rerun.stores import persistent
from jupyter_rerun.stores.leases import Busy, SignedLeases, digest
from jupyter_rerun.stores.signing import Signer
from jupyter_rerun.testing import RedisServer

LEASE = 1
pytestmark = pytest.mark.timeout(120)


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTER_RERUN_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def cold(spec: str, calls: list):
    """A persisted function, computed once (so its key is known) and then forgotten
    everywhere; and the name its lease goes by."""
    compute = counted(spec, calls)
    compute(1)
    cache = compute.__jupyter_rerun_cache__
    (key,) = list(cache.table._entries)
    compute.clear(persistent=True)
    calls.clear()
    return compute, persistent(spec).name(cache.identity, key)


def lock_file(folder, name: str, generation: int = 0) -> str:
    return os.path.join(folder, "leases", f"{digest(name)}.{generation}.lock")


def test_a_lock_file_that_is_a_link_is_never_followed(tmp_path):
    folder, victim, calls = tmp_path / "store", tmp_path / "victim", []
    compute, name = cold(f"file://{folder}?lease={LEASE}", calls)
    os.symlink(victim, lock_file(folder, name))
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1] and not victim.exists()  # never created through the link
    assert len(warned) == 1 and "lock file" in warned[0] and "rm " in warned[0]


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_file_that_is_not_a_file_is_left_alone(tmp_path, kind):
    folder, calls = tmp_path / "store", []
    compute, name = cold(f"file://{folder}?lease={LEASE}", calls)
    path = lock_file(folder, name)
    os.mkfifo(path) if kind == "fifo" else os.mkdir(path)
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1] and len(warned) == 1
    assert os.path.exists(path)  # not deleted on its say either


def test_a_lock_file_holding_a_pickle_is_never_read(tmp_path):
    folder, marker, calls = tmp_path / "store", tmp_path / "pwned", []
    compute, name = cold(f"file://{folder}?lease={LEASE}", calls)
    with open(lock_file(folder, name), "wb") as file:
        file.write(pickle.dumps(Exploit(str(marker))))
    os.chmod(lock_file(folder, name), 0o600)
    assert compute(1) == {"x": 1}
    assert calls == [1] and not marker.exists()


HOLD = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
os.utime(descriptor)  # fresh once, then never again: a holder that froze
print("held", flush=True)
time.sleep(600)
"""


def test_a_lock_held_by_a_stranger_delays_by_one_lease_at_most(tmp_path):
    """A process that is not a kernel holds the lock and never renews it: the call waits
    for that lease to run out, then computes (a stranger that kept renewing would be this
    same user, who can do anything a kernel can)."""
    folder, calls = tmp_path / "store", []
    compute, name = cold(f"file://{folder}?lease={LEASE}", calls)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, lock_file(folder, name)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        assert compute(1) == {"x": 1}
        assert calls == [1]
        assert os.path.exists(lock_file(folder, name, 1)) is False  # released and removed
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def server(tmp_path):
    started = RedisServer(tmp_path)
    yield started
    started.stop()


def raw(server) -> redis.Redis:
    return redis.Redis.from_url(server.url)


LEASE_KEY = "jupyter_rerun-lease:"


def test_a_forged_redis_lease_delays_nothing(tmp_path, server):
    calls = []
    compute, name = cold(f"{server.url}?lease={LEASE}", calls)
    raw(server).set(LEASE_KEY + name, b"JRL1:00:99999999999999:forged", px=3_600_000)
    assert compute(1) == {"x": 1}
    assert calls == [1]
    assert raw(server).get(LEASE_KEY + name) is None  # taken over, then released


def test_a_redis_lease_holding_a_pickle_never_runs(tmp_path, server):
    marker, calls = tmp_path / "pwned", []
    compute, name = cold(f"{server.url}?lease={LEASE}", calls)
    raw(server).set(LEASE_KEY + name, pickle.dumps(Exploit(str(marker))), px=3_600_000)
    assert compute(1) == {"x": 1}
    assert calls == [1] and not marker.exists()


def test_a_redis_lease_key_of_another_type_is_replaced(tmp_path, server):
    calls = []
    compute, name = cold(f"{server.url}?lease={LEASE}", calls)
    raw(server).hset(LEASE_KEY + name, "holder", "me")
    assert compute(1) == {"x": 1}
    assert calls == [1]


def test_a_replayed_redis_lease_delays_by_one_lease_at_most(tmp_path, server):
    """A genuine lease value copied back with a long expiry: it counts only until the
    expiry it was signed with, one lease after it was issued."""
    calls = []
    spec = f"{server.url}?lease={LEASE}"
    compute, name = cold(spec, calls)
    leases = persistent(spec).leases()
    held = leases.claim(name)
    genuine = raw(server).get(LEASE_KEY + name)
    held.release()
    assert leases.expiry(name, genuine) is not None  # it is a signed one
    raw(server).set(LEASE_KEY + name, genuine, px=3_600_000)
    assert compute(1) == {"x": 1}
    assert calls == [1]


def test_a_lease_signed_with_another_secret_is_forged(tmp_path, server):
    spec = f"{server.url}?lease={LEASE}"
    ours = SignedLeases(persistent(spec).store.store, Signer(b"a" * 32).tag, LEASE)
    theirs = SignedLeases(persistent(spec).store.store, Signer(b"b" * 32).tag, LEASE)
    assert not isinstance(theirs.claim("f/00"), Busy)
    value = raw(server).get(LEASE_KEY + "f/00")
    assert theirs.expiry("f/00", value) is not None and ours.expiry("f/00", value) is None
    mine = ours.claim("f/00")  # theirs counts as forged here: taken over at once
    assert not isinstance(mine, Busy)
    mine.release()


def test_a_store_that_fails_while_waiting_means_computing_here(tmp_path, server):
    """Another kernel holds the lease; the server goes away during the wait: the call
    computes here, with one warning."""
    calls = []
    spec = f"{server.url}?lease=30"
    compute, name = cold(spec, calls)
    leases = persistent(spec).leases()
    assert not isinstance(leases.claim(name), Busy)  # "another kernel" (this test) holds it
    threading.Timer(1.0, server.stop).start()
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1]
    assert len(warned) == 1 and "failed" in warned[0]


def test_flock_is_what_the_disk_store_locks_with(tmp_path):
    """A lock taken with flock by anyone blocks the store's lease, and the store's lease
    blocks flock: they are the same lock (not a file's mere existence)."""
    folder, calls = tmp_path / "store", []
    compute, name = cold(f"file://{folder}?lease={LEASE}", calls)
    leases = persistent(f"file://{folder}?lease={LEASE}").leases()
    held = leases.claim(name)
    descriptor = os.open(lock_file(folder, name), os.O_RDWR)
    with pytest.raises(BlockingIOError):
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    held.release()
    os.close(descriptor)


def restricted(server, name: str, refused: str) -> str:
    """The server's URL for a user without `refused` (as some managed services give)."""
    raw(server).acl_setuser(name, enabled=True, passwords=["+pw"], keys=["*"], channels=["*"],
                            commands=["+@all", f"-@{refused}"], reset=True)
    return server.url.replace("redis://", f"redis://{name}:pw@")


def test_a_redis_that_refuses_scripts_means_computing_alone(tmp_path, server):
    calls = []
    spec = restricted(server, "noscripts", "scripting") + f"?lease={LEASE}"
    compute = counted(spec, calls)
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1]
    assert len(warned) == 1 and "refuses scripts" in warned[0]


def test_a_redis_that_refuses_pubsub_is_polled(tmp_path, server):
    """Another kernel's lease (taken here, then released after a moment): the waiter, who
    may not subscribe, notices by looking, and then computes, with no warning."""
    calls = []
    spec = restricted(server, "nopubsub", "pubsub") + f"?lease={LEASE}"
    compute, name = cold(spec, calls)
    held = persistent(spec).leases().claim(name)
    assert not isinstance(held, Busy)
    threading.Timer(0.5, held.release).start()
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1] and warned == []
    assert persistent(spec).store.store._pubsub is False  # it asked once, then polled
