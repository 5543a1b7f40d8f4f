"""One contract for every store: memory, disk (a temporary folder), a real redis-server."""

from __future__ import annotations

import os
import pickle
import stat
import threading
import time
import warnings

import pytest

import jupyter_rerun as jr
from jupyter_rerun.stores import persistent
from jupyter_rerun.stores.guarded import Guarded, StoreWarning
from jupyter_rerun.stores.persistent import Persistent
from jupyter_rerun.stores.signing import Signer


@pytest.fixture(params=["memory", "disk", "redis"])
def store(request, tmp_path, redis_server):
    spec = {"memory": "memory", "disk": str(tmp_path / "store"), "redis": redis_server.url}
    opened = jr.open_store(spec[request.param])
    opened.clear()
    yield opened
    opened.clear()
    opened.close()


def test_bytes_in_bytes_out(store):
    assert store.get("missing") is None
    payload = os.urandom(300_000) + b"\x00end"
    store.set("k", payload)
    assert store.get("k") == payload
    store.set("k", b"replaced")
    assert store.get("k") == b"replaced"
    store.delete("k")
    store.delete("never there")
    assert store.get("k") is None


def test_ttl_is_honoured(store):
    store.set("short", b"x", ttl=0.3)
    store.set("long", b"y", ttl=60)
    store.set("forever", b"z")
    assert store.get("short") == b"x"
    time.sleep(0.6)
    assert store.get("short") is None
    assert store.get("long") == b"y" and store.get("forever") == b"z"


def test_clear_by_prefix_and_stats(store):
    for name in ("a/1", "a/2", "b/1"):
        store.set(name, b"12345")
    assert store.stats()["entries"] == 3 and store.stats()["bytes"] >= 15
    assert store.clear("a/") == 2
    assert store.get("a/1") is None and store.get("b/1") == b"12345"
    store.clear()
    assert store.stats()["entries"] == 0


def test_keys_with_glob_characters_are_literal(store):
    store.set("x*/1", b"1")
    store.set("xy/1", b"2")
    assert store.clear("x*/") == 1
    assert store.get("xy/1") == b"2"


def test_concurrent_writers_leave_a_whole_entry(store):
    values = [bytes([i]) * 200_000 for i in range(8)]
    threads = [threading.Thread(target=store.set, args=("same", value)) for value in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get("same") in values


def test_unknown_specs_name_the_fix(tmp_path):
    with pytest.raises(jr.StoreError, match="unknown store 's3'"):
        jr.open_store("s3://bucket/x")
    with pytest.raises(jr.StoreError, match="names no folder"):
        jr.open_store("disk://")
    with pytest.raises(jr.StoreError, match="not a Redis URL"):
        jr.open_store("redis://host:notaport/0")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(jr.StoreError, match="cannot use"):
        jr.open_store(str(blocker / "inside"))


def test_disk_folders_are_private(tmp_path):
    jr.open_store(str(tmp_path / "private"))
    assert stat.S_IMODE(os.stat(tmp_path / "private").st_mode) == 0o700


def test_entries_are_signed_and_bound_to_their_key():
    signer = Signer(b"secret" * 4)
    sealed = signer.seal("k1", b"payload")
    assert signer.open("k1", sealed) == b"payload"
    assert signer.open("k2", sealed) is None  # moved to another key
    assert signer.open("k1", sealed[:-1]) is None  # truncated
    assert signer.open("k1", sealed[:-1] + b"X") is None  # changed
    assert Signer(b"other" * 4).open("k1", sealed) is None  # another secret
    big = os.urandom(3 * 1024 * 1024)
    assert signer.open("big", signer.seal("big", big)) == big


def test_the_secret_file_is_private(tmp_path, monkeypatch):
    from jupyter_rerun.stores import signing

    monkeypatch.delenv("JUPYTER_RERUN_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    first = signing.load_secret()
    assert signing.load_secret() == first and len(first) == 64
    assert stat.S_IMODE(os.stat(signing.secret_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(signing.secret_path().parent).st_mode) == 0o700
    monkeypatch.setenv("JUPYTER_RERUN_SECRET", "fleet-secret-of-16+")
    assert signing.load_secret() == b"fleet-secret-of-16+"


class Exploit:
    """Unpickling this would create a file: the test for 'never unpickled'."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_a_tampered_entry_is_never_unpickled(tmp_path):
    marker = tmp_path / "pwned"
    store = Persistent(Guarded(jr.open_store(str(tmp_path / "s")), "test"), Signer(b"right" * 4))
    name = store.name("f", b"\x01" * 16)
    forged = Signer(b"wrong" * 4).seal(name, pickle.dumps(Exploit(str(marker))))
    store.store.set(name, forged)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert store.load("f", b"\x01" * 16) is None
        assert store.load("f", b"\x01" * 16) is None
    assert not marker.exists()
    assert len([w for w in caught if issubclass(w.category, StoreWarning)]) == 1  # once
    store.store.set(name, b"garbage")  # corrupt bytes: also a miss
    assert store.load("f", b"\x01" * 16) is None and not marker.exists()


def test_a_failing_store_is_skipped_warned_once_and_retried(monkeypatch):
    from jupyter_rerun.stores import guarded

    class Flaky:
        location = "flaky"
        broken = True

        def get(self, key):
            if self.broken:
                raise ConnectionError("down")
            return b"ok"

    monkeypatch.setattr(guarded, "RETRY_AFTER", 0.2)
    flaky = Flaky()
    store = Guarded(flaky, "flaky")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert store.get("k") is None and store.get("k") is None
        assert len(caught) == 1 and "failed" in str(caught[0].message)
        flaky.broken = False
        assert store.get("k") is None  # not retried yet
        time.sleep(0.3)
        assert store.get("k") == b"ok"
        assert "works again" in str(caught[-1].message)


def test_persist_shares_results_between_caches_of_one_process(tmp_path):
    calls = []
    folder = str(tmp_path / "shared")

    def make():
        @jr.cache_data(persist=folder)
        def compute(x):
            calls.append(x)
            return {"x": x}
        return compute

    assert make()(1) == {"x": 1}
    jr.cache_data.clear()  # memory gone: the folder still has it
    assert make()(1) == {"x": 1} and calls == [1]
    assert persistent(folder).stats()["entries"] == 1
