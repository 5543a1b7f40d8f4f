"""What the store tests share: a forged pickle, a forger of cache.db rows, a counted cached
function, and a way to run a script on a read-only or full filesystem."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import jupyter_rerun as jr


class Exploit:
    """Unpickling this creates a file: the marker of 'was unpickled'."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (open, (self.path, "w"))


def tables(folder: str) -> dict[str, set[str]]:
    """Every table of the folder's cache.db and its columns, as an attacker would list them."""
    with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
        listed = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        return {name: {row[1] for row in db.execute(f"PRAGMA table_info({name})")}
                for (name,) in listed}


def forge_rows(folder: str, **columns: Any) -> int:
    """Set these columns in every row of every table of cache.db that has a `key` column
    (this version's table and diskcache's alike), with sqlite3 and no secret; how many rows."""
    changed = 0
    for table, names in tables(folder).items():
        wanted = {column: value for column, value in columns.items() if column in names}
        if "key" not in names or not wanted:
            continue
        with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
            assignments = ", ".join(f"{column} = ?" for column in wanted)
            update = db.execute(f"UPDATE {table} SET {assignments}", list(wanted.values()))
            changed += update.rowcount
    return changed


def insert_rows(folder: str, **columns: Any) -> int:
    """Add one row with these columns to every table of cache.db that has a `key` column."""
    added = 0
    for table, names in tables(folder).items():
        wanted = {column: value for column, value in columns.items() if column in names}
        if "key" not in names:
            continue
        with sqlite3.connect(os.path.join(folder, "cache.db")) as db:
            marks = ", ".join("?" for _ in wanted)
            db.execute(f"INSERT INTO {table} ({', '.join(wanted)}) VALUES ({marks})",
                       list(wanted.values()))
            added += 1
    return added


def counted(persist: str, calls: list) -> Callable[[Any], Any]:
    """A cached function persisted in `persist` that records each computation in `calls`."""
    @jr.cache_data(persist=persist)
    def compute(x):
        calls.append(x)
        return {"x": x}

    return compute


@contextmanager
def store_warnings() -> Iterator[list[str]]:
    """The messages of the StoreWarnings raised inside the block."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield found
    found.extend(str(w.message) for w in caught if issubclass(w.category, jr.StoreWarning))


def can_mount() -> bool:
    """Root with `unshare`: a private mount namespace for a read-only or tiny filesystem."""
    return os.geteuid() == 0 and shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "--mount", "true"], capture_output=True).returncode == 0


def run_on_mount(script: str, folder: str, options: str, env: dict[str, str]) -> str:
    """Run `script` in a new process that sees `folder` mounted with `options` ("ro" bind
    of its contents, or a tmpfs: "tmpfs:size=64k"); the mount is private to that process."""
    if options.startswith("tmpfs:"):
        mount = f"mount -t tmpfs -o {options[6:]},mode=0700 tmpfs {folder}"
    else:
        mount = f"mount --bind {folder} {folder} && mount -o remount,bind,{options} {folder}"
    path = os.path.join(os.path.dirname(folder), "script.py")
    with open(path, "w") as file:
        file.write(textwrap.dedent(script))
    command = f"{mount} && exec {sys.executable} {path}"
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", command],
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout
