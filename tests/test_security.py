"""The claims of SECURITY.md that other test files do not already show."""

from __future__ import annotations

import pickle
import sqlite3

import pytest

import jupyter_rerun as jr
from jupyter_rerun.stores.signing import MAGIC, Signer
from jupyter_rerun.testing import KernelDriver

DEFINE = """
%load_ext jupyter_rerun
import jupyter_rerun as jr, os, warnings
warnings.simplefilter("always")
@jr.cache_data(persist=True)
def secret_value(x):
    return {"x": x, "by": os.getpid()}
"""


def test_kernels_with_different_secrets_share_nothing(tmp_path):
    store = str(tmp_path / "store")
    common = {"JUPYTER_RERUN_STORE": store, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    with KernelDriver(env={**common, "JUPYTER_RERUN_SECRET": "team-a-secret-0123456789"}) as a, \
            KernelDriver(env={**common, "JUPYTER_RERUN_SECRET": "team-b-secret-0123456789"}) as b:
        a.execute(DEFINE)
        b.execute(DEFINE)
        made_by_a = a.value("secret_value(1)")
        warned = b.execute("made_by_b = secret_value(1)").messages
        made_by_b = b.value("made_by_b")
        assert made_by_a["by"] != made_by_b["by"]  # b computed it: a's entry was not trusted
        stderr = "".join(m["content"]["text"] for m in warned if m["msg_type"] == "stream")
        assert "failed verification" in stderr


def test_entries_are_signed_not_encrypted(tmp_path):
    """Whoever can read the store can read the values: keep secrets out of shared stores."""
    @jr.cache_data(persist=str(tmp_path / "store"))
    def visible():
        return "anyone who can read the store sees this"

    visible()
    with sqlite3.connect(tmp_path / "store" / "cache.db") as db:  # as any reader of the file
        ((entry,),) = db.execute("SELECT value FROM jr_entries").fetchall()
    assert entry.startswith(MAGIC)
    assert pickle.loads(entry[len(MAGIC) + 32:]) == "anyone who can read the store sees this"


def test_entries_of_another_format_are_ignored():
    signer = Signer(b"s" * 16)
    sealed = signer.seal("k", b"payload")
    assert signer.open("k", b"JRS1" + sealed[4:]) is None


def test_resources_never_reach_a_store():
    with pytest.raises(ValueError, match="unknown option 'persist'"):
        jr.cache_resource(persist=True)
