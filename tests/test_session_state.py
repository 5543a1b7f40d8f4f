"""jr.session_state as a mapping (in-process)."""

from __future__ import annotations

from collections.abc import MutableMapping

import numpy as np
import pytest

from jupyter_rerun.session import SessionState


@pytest.fixture
def state():
    return SessionState()


def test_it_is_a_mutable_mapping_with_attribute_access(state):
    assert isinstance(state, MutableMapping)
    state.a = 1
    state["b"] = 2
    assert state["a"] == 1 and state.b == 2 and "a" in state and len(state) == 2
    assert state.get("missing", 7) == 7 and state.setdefault("c", 3) == 3
    assert state.to_dict() == {"a": 1, "b": 2, "c": 3}
    del state.a
    del state["b"]
    assert list(state) == ["c"]
    state.clear()
    assert state.to_dict() == {}


def test_missing_keys_and_attributes_list_the_keys_that_exist(state):
    state.alpha = 1
    state.beta = 2
    with pytest.raises(KeyError, match="no key 'gamma' \\(keys: 'alpha', 'beta'\\); set it first"):
        state["gamma"]
    with pytest.raises(AttributeError, match="no key 'gamma' \\(keys: 'alpha', 'beta'\\)"):
        state.gamma
    with pytest.raises(AttributeError, match="keys: 'alpha', 'beta'"):
        del state.gamma
    with pytest.raises(TypeError, match="keys are strings"):
        state[1] = "x"


def test_the_html_repr_is_a_table(state):
    assert "empty" in state._repr_html_()
    state.name = "<b>"
    html = state._repr_html_()
    assert "<table>" in html and "&lt;b&gt;" in html and "name" in html


def test_listeners_hear_reads_and_real_changes_only(state):
    reads, changes = [], []
    remove = state.add_listener(on_read=reads.append, on_change=changes.append)
    state.x = 1
    state.x = 1  # equal: not a change
    state.x = 2
    _ = state.x
    _ = "x" in state
    state.arr = np.arange(3)
    state.arr = np.arange(3)  # arrays compare elementwise: counted as a change, no error
    del state.x
    assert changes == ["x", "x", "arr", "arr", "x"]
    assert reads == ["x", "x"]
    remove()
    state.y = 1
    assert changes[-1] == "x"


def test_a_guard_can_refuse_a_write_and_nothing_changes(state):
    state.locked = "before"

    def refuse(key):
        if key == "locked":
            raise RuntimeError("no")

    state.add_listener(before_write=refuse)
    with pytest.raises(RuntimeError):
        state.locked = "after"
    with pytest.raises(RuntimeError):
        del state.locked
    assert state.locked == "before"


@pytest.mark.parametrize("name", ["values", "keys", "items", "get", "pop", "update", "clear",
                                  "setdefault", "to_dict"])
def test_an_attribute_a_method_shadows_is_refused_and_the_item_works(state, name):
    """`state.values = x` could never be read back as `state.values` (that is the method):
    it is refused with the fix, and nothing is stored."""
    with pytest.raises(AttributeError, match=rf"write session_state\['{name}'\] = \.\.\."):
        setattr(state, name, [1, 2])
    assert name not in state
    state[name] = [1, 2]
    assert state[name] == [1, 2]
    assert callable(getattr(state, name))  # the method is still the method


def test_the_text_repr_is_short_like_the_html_one(state):
    class Unprintable:
        def __repr__(self):
            raise ValueError("no repr")

    state.big = bytes(5_000_000)  # its repr alone: 20 MB
    state["k" * 500] = "a long key"
    state.odd = Unprintable()
    for number in range(150):
        state[f"n{number}"] = number
    for shown in (repr(state), str(state), state._repr_html_()):
        assert len(shown) < 20_000
        assert "'big'" in shown or "big" in shown
        assert "Unprintable" in shown and "more" in shown  # and says how many keys it left out
    assert "… 53 more" in repr(state)
