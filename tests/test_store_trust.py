"""A store folder, and the secret, are used only if no one else can write them (the checks
ssh makes for ~/.ssh); the secret is whole or it is not used."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from store_helpers import counted, store_warnings

import jupyter_rerun as jr
from jupyter_rerun.stores import signing
from jupyter_rerun.stores.signing import Signer

NOBODY = 65534


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTER_RERUN_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def refused(folder: str) -> str:
    """Call a function persisted in `folder` twice with memory emptied between: the store
    must not be used (both calls compute); return the one warning."""
    calls: list = []
    with store_warnings() as warned:
        compute = counted(folder, calls)
        assert compute(1) == {"x": 1}
        jr.cache_data.clear()
        assert compute(1) == {"x": 1}
    assert calls == [1, 1], "the store was used"
    assert len(warned) == 1, warned
    return warned[0]


def used(folder: str) -> None:
    calls: list = []
    with store_warnings() as warned:
        compute = counted(folder, calls)
        compute(1)
        jr.cache_data.clear()
        compute(1)
    assert calls == [1] and warned == []


def make(path, mode: int, owner: int | None = None):
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, mode)
    if owner is not None:
        os.chown(path, owner, -1)
    return path


@pytest.mark.parametrize("mode, why", [(0o777, "writable by group and others"),
                                       (0o770, "writable by group"),
                                       (0o702, "writable by others")])
def test_a_folder_others_can_write_is_refused(tmp_path, mode, why):
    folder = make(tmp_path / "store", mode)
    message = refused(str(folder))
    assert why in message and f"chmod 700 {folder}" in message
    assert not (folder / "cache.db").exists()


def test_a_folder_owned_by_another_user_is_refused(tmp_path):
    folder = make(tmp_path / "store", 0o700, owner=NOBODY)
    message = refused(str(folder))
    assert "owned by" in message and str(folder) in message


def test_a_folder_under_a_folder_others_can_write_is_refused(tmp_path):
    above = make(tmp_path / "shared", 0o777)
    message = refused(str(above / "deep" / "store"))
    assert str(above) in message and f"chmod go-w {above}" in message


def test_a_link_to_a_folder_others_can_write_is_refused(tmp_path):
    target = make(tmp_path / "open", 0o777)
    link = tmp_path / "store"
    link.symlink_to(target)
    message = refused(str(link))
    assert str(target) in message


def test_a_sticky_folder_above_is_accepted(tmp_path):
    """Like /tmp: others can write it, but cannot rename or remove what is ours in it."""
    above = make(tmp_path / "tmp-like", 0o1777)
    used(str(above / "store"))


def secret_file(tmp_path, content: bytes = b"k" * 64, mode: int = 0o600):
    path = tmp_path / "config" / "jupyter_rerun" / "secret"
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_bytes(content)
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o666])
def test_a_secret_others_can_read_or_write_is_refused(tmp_path, mode):
    path = secret_file(tmp_path, mode=mode)
    message = refused(str(tmp_path / "store"))
    assert str(path) in message and f"chmod 600 {path}" in message


def test_a_secret_owned_by_another_user_is_refused(tmp_path):
    path = secret_file(tmp_path)
    os.chown(path, NOBODY, -1)
    assert "owned by" in refused(str(tmp_path / "store"))


def test_a_secret_in_a_folder_others_can_write_is_refused(tmp_path):
    path = secret_file(tmp_path)
    os.chmod(path.parent, 0o777)
    assert f"chmod 700 {path.parent}" in refused(str(tmp_path / "store"))


@pytest.mark.parametrize("content", [b"", b"\n", b"short-key", b"x" * 15])
def test_a_short_or_empty_key_file_is_refused(tmp_path, content):
    path = secret_file(tmp_path, content)
    with pytest.raises(jr.StoreError, match="at least 16 bytes"):
        signing.load_secret()
    message = refused(str(tmp_path / "store"))
    assert str(path) in message and "at least 16 bytes" in message


def test_a_short_environment_secret_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_RERUN_SECRET", "team-a")
    with pytest.raises(jr.StoreError, match="JUPYTER_RERUN_SECRET .*at least 16 bytes"):
        signing.load_secret()
    assert "JUPYTER_RERUN_SECRET" in refused(str(tmp_path / "store"))


@pytest.mark.parametrize("secret", [b"", b"x" * 15])
def test_nothing_signs_or_verifies_with_a_short_key(secret):
    with pytest.raises(jr.StoreError, match="at least 16 bytes"):
        Signer(secret)


def test_a_failed_first_write_leaves_no_short_key(tmp_path):
    """`ulimit -f`: the first write of the key file stops after 10 bytes."""
    script = textwrap.dedent("""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10, 10))
        from jupyter_rerun.stores import signing
        try:
            signing.load_secret()
        except Exception as error:
            print(type(error).__name__)
        else:
            print("made")
    """)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("JUPYTER_RERUN_SECRET", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "StoreError", done.stdout + done.stderr
    folder = tmp_path / "config" / "jupyter_rerun"
    assert sorted(os.listdir(folder)) == []  # neither a short key nor a temporary file
    first = signing.load_secret()  # the next kernel, with room to write, makes a whole one
    assert len(first) == 64 and signing.load_secret() == first
