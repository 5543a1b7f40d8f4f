"""Someone who can write a store folder's files, but has no secret, forges them with sqlite3.

Every column of every row of `cache.db` is theirs to choose: the way a value is decoded,
the key, a file name, the value itself. The rows are forged in every table that has a `key`
column, so the same attack is tried on this version's table and on diskcache's layout (the
store of earlier versions). Nothing they write may be unpickled, followed as a path, or
deleted; each forged entry is a miss, the call computes, and the user sees one warning.
"""

from __future__ import annotations

import os
import pickle
import sqlite3

import pytest
from store_helpers import Exploit, counted, forge_rows, insert_rows, store_warnings, tables

import jupyter_rerun as jr
from jupyter_rerun.stores import guarded
from jupyter_rerun.stores.signing import Signer

# how diskcache's `mode` column says to decode a value (diskcache.core): the attacker's pick
MODE_RAW, MODE_BINARY, MODE_PICKLE = 1, 2, 4


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTER_RERUN_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def stored_once(folder: str, calls: list):
    """A persisted function whose entry for 1 is in the folder, and memory emptied."""
    compute = counted(folder, calls)
    assert compute(1) == {"x": 1} and calls == [1]
    jr.cache_data.clear()
    return compute


def entry_names(folder: str) -> set[str]:
    with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
        return {key for table, columns in tables(folder).items() if "key" in columns
                for (key,) in db.execute(f"SELECT key FROM {table}") if isinstance(key, str)
                and "/" in key}


def test_a_row_set_to_pickle_mode_never_runs(tmp_path):
    folder, marker, calls = str(tmp_path / "store"), tmp_path / "pwned", []
    compute = stored_once(folder, calls)
    assert forge_rows(folder, mode=MODE_PICKLE, filename=None,
                      value=pickle.dumps(Exploit(str(marker)))) >= 1
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert not marker.exists()
    assert calls == [1, 1] and len(warned) == 1


def test_a_value_stored_as_a_file_is_never_opened(tmp_path):
    folder, marker, calls = str(tmp_path / "store"), tmp_path / "pwned", []
    compute = stored_once(folder, calls)
    with open(os.path.join(folder, "planted.val"), "wb") as file:
        pickle.dump(Exploit(str(marker)), file)
    forge_rows(folder, mode=MODE_PICKLE, filename="planted.val", value=None)
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert not marker.exists() and os.path.exists(os.path.join(folder, "planted.val"))
    assert calls == [1, 1] and len(warned) == 1


def test_a_file_name_outside_the_folder_is_neither_read_nor_deleted(tmp_path, monkeypatch):
    monkeypatch.setattr(guarded, "RETRY_AFTER", 0.0)  # a failed write must not hide the clear
    folder, calls = str(tmp_path / "store"), []
    compute = stored_once(folder, calls)
    outside = tmp_path / "someone-elses-file"
    outside.write_bytes(b"precious")
    forge_rows(folder, mode=MODE_BINARY, filename=str(outside), value=None)
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1, 1] and len(warned) == 1
    forge_rows(folder, mode=MODE_BINARY, filename=str(outside), value=None)
    with store_warnings():
        compute.clear(persistent=True)  # deleting the forged row must not delete the file
    assert outside.read_bytes() == b"precious"


def test_a_signed_entry_outside_the_folder_is_not_read_as_this_entry(tmp_path):
    """The attacker copied an entry this secret signed (e.g. from another store) and points
    the row at it: followed as a path, it would be a valid hit with their value."""
    folder, calls = str(tmp_path / "store"), []
    compute = stored_once(folder, calls)
    (name,) = entry_names(folder)
    outside = tmp_path / "copied-entry"
    outside.write_bytes(Signer().seal(name, pickle.dumps({"x": "planted"})))
    forge_rows(folder, mode=MODE_BINARY, filename=str(outside), value=None)
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}
    assert calls == [1, 1] and len(warned) == 1


def test_a_forged_key_is_never_unpickled(tmp_path):
    folder, marker, calls = str(tmp_path / "store"), tmp_path / "pwned", []
    compute = stored_once(folder, calls)
    insert_rows(folder, key=pickle.dumps(Exploit(str(marker))), raw=0, store_time=0.0,
                access_time=0.0, access_count=0, size=1, mode=MODE_RAW, value=b"x", stored=0.0)
    persistent = compute.__jupyter_rerun_cache__.persistent
    with store_warnings() as warned:
        compute.clear(persistent=True)  # walks the keys to find this function's
        assert isinstance(persistent.stats()["entries"], int)
        assert compute(1) == {"x": 1}
    assert not marker.exists()
    assert calls == [1, 1] and warned == []  # the forged row was never read as an entry


def test_an_index_that_is_a_link_elsewhere_is_not_followed(tmp_path):
    folder, calls = tmp_path / "store", []
    folder.mkdir(mode=0o700)
    elsewhere = tmp_path / "elsewhere.db"
    elsewhere.write_bytes(b"")  # an empty file is an empty SQLite database
    (folder / "cache.db").symlink_to(elsewhere)
    with store_warnings() as warned:
        compute = counted(str(folder), calls)
        assert compute(1) == {"x": 1}
    assert elsewhere.read_bytes() == b""  # nothing was written through the link
    assert calls == [1] and len(warned) == 1 and "link" in warned[0]


def test_the_tables_of_an_earlier_version_are_never_read(tmp_path):
    """A folder diskcache used (earlier versions): its tables stay in cache.db, forged."""
    folder, marker, calls = str(tmp_path / "store"), tmp_path / "pwned", []
    compute = stored_once(folder, calls)
    (name,) = entry_names(folder)
    with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
        db.execute("CREATE TABLE Cache (rowid INTEGER PRIMARY KEY, key BLOB, raw INTEGER, "
                   "store_time REAL, expire_time REAL, access_time REAL, access_count INTEGER, "
                   "tag BLOB, size INTEGER, mode INTEGER, filename TEXT, value BLOB)")
        db.execute("INSERT INTO Cache (key, raw, mode, value) VALUES (?, 1, ?, ?)",
                   (name, MODE_PICKLE, pickle.dumps(Exploit(str(marker)))))
        db.execute("INSERT INTO Cache (key, raw, mode, value) VALUES (?, 0, ?, ?)",
                   (pickle.dumps(Exploit(str(marker))), MODE_RAW, b"x"))
        db.execute("CREATE TABLE Settings (key TEXT NOT NULL UNIQUE, value)")
        db.execute("INSERT INTO Settings VALUES ('sqlite_query_only', 1), ('_directory', '/')")
    jr.stores.persistent(folder).store.close()  # the next open reads the file again
    with store_warnings() as warned:
        assert compute(1) == {"x": 1}  # our own entry: a hit
        compute.clear(persistent=True)
        assert compute(1) == {"x": 1}
    assert not marker.exists()
    assert calls == [1, 1] and warned == []


def test_entries_forged_with_raw_redis_commands_never_run(tmp_path, redis_server):
    import redis

    url = redis_server.url.rsplit("/", 1)[0] + "/6"
    raw = redis.Redis.from_url(url)
    raw.flushdb()
    marker, calls = tmp_path / "pwned", []
    compute = stored_once(url, calls)
    (key,) = raw.keys("jupyter_rerun:*")
    forged = {"a pickle": pickle.dumps(Exploit(str(marker))),
              "another secret": Signer(b"not the kernel's secret").seal(
                  key.decode().removeprefix("jupyter_rerun:"), pickle.dumps(Exploit(str(marker)))),
              "a hash, not a string": None}
    with store_warnings() as warned:
        for how, value in forged.items():
            raw.delete(key)
            raw.hset(key, "f", b"x") if value is None else raw.set(key, value)
            jr.cache_data.clear()
            assert compute(1) == {"x": 1}, how
    assert not marker.exists()
    assert calls == [1, 1, 1, 1] and len(warned) == 1, warned  # each a miss; warned once
    raw.flushdb()
