"""`jr.session_state`: per-kernel state, like Streamlit's `st.session_state`.

One kernel is one session (one notebook, one Voila viewer). The object lives in this
submodule, which `%reload_ext jupyter_rerun` does not re-import, so it survives reloading
the extension; a kernel restart starts a new process and so a new session.
"""

from __future__ import annotations

import html
import itertools
import reprlib
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

_MISSING = object()


class SessionState(MutableMapping[str, Any]):
    """A dict with attribute access whose missing-key errors list the keys that exist.

    Listeners (used by the rerun engine) hear every read and every change of value:
    `on_read(key)` and `on_change(key)`; a write of an equal value is not a change.
    `before_write(key)` may refuse a write by raising.
    """

    __slots__ = ("_data", "_readers", "_watchers", "_guards")

    def __init__(self) -> None:
        object.__setattr__(self, "_data", {})
        object.__setattr__(self, "_readers", [])
        object.__setattr__(self, "_watchers", [])
        object.__setattr__(self, "_guards", [])

    # -- mapping --------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        try:
            value = self._data[key]
        except KeyError:
            raise KeyError(self._missing(key, f"session_state[{key!r}] = ...")) from None
        self._notify(self._readers, key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        if not isinstance(key, str):
            raise TypeError(f"session_state keys are strings, not {type(key).__name__}: {key!r}")
        self._notify(self._guards, key)
        previous = self._data.get(key, _MISSING)
        self._data[key] = value
        if previous is _MISSING or not same_value(previous, value):
            self._notify(self._watchers, key)

    def __delitem__(self, key: str) -> None:
        self._notify(self._guards, key)
        try:
            del self._data[key]
        except KeyError:
            raise KeyError(self._missing(key, f"session_state[{key!r}] = ...")) from None
        self._notify(self._watchers, key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._notify(self._readers, key)
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._data))

    def __len__(self) -> int:
        return len(self._data)

    def get(self, key: str, default: Any = None) -> Any:
        self._notify(self._readers, key)
        return self._data.get(key, default)

    def clear(self) -> None:
        for key in list(self._data):
            del self[key]

    def to_dict(self) -> dict[str, Any]:
        """A shallow copy as a plain dict."""
        return dict(self._data)

    # -- attributes -----------------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            raise AttributeError(self._missing(name, f"session_state.{name} = ...")) from None

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(type(self), name):
            # `state.values = x` would store a key that `state.values` never reads back
            # (it finds the method); Streamlit lets that happen silently, we refuse it
            raise AttributeError(
                f"session_state.{name} is a method of session_state, so a key named {name!r} "
                f"cannot be set or read as an attribute; write session_state[{name!r}] = ... "
                f"and read session_state[{name!r}]")
        self[name] = value

    def __delattr__(self, name: str) -> None:
        try:
            del self[name]
        except KeyError:
            raise AttributeError(self._missing(name, "")) from None

    # -- display ----------------------------------------------------------------------------
    # Both reprs are short whatever the state holds: a notebook shows (and the front end
    # receives) every representation of a cell's value, so a 5 MB value must not become a
    # 20 MB message. Each key and value is cut to 80 characters, and SHOWN_KEYS keys at most.
    def __repr__(self) -> str:
        items = [f"{_short_repr(key)}: {_short_repr(value)}" for key, value in self._shown()]
        if self._hidden():
            items.append(f"… {self._hidden()} more")
        return "SessionState({" + ", ".join(items) + "})"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>{html.escape(_short_text(key))}</code></td>"
            f"<td>{html.escape(type(value).__name__)}</td>"
            f"<td><code>{html.escape(_short_repr(value))}</code></td></tr>"
            for key, value in self._shown()
        )
        if self._hidden():
            rows += f"<tr><td colspan=\"3\"><i>… {self._hidden()} more keys</i></td></tr>"
        return ("<table><thead><tr><th>key</th><th>type</th><th>value</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>" if rows else "<i>session_state is empty</i>")

    def _shown(self) -> list[tuple[str, Any]]:
        return list(itertools.islice(self._data.items(), SHOWN_KEYS))

    def _hidden(self) -> int:
        return max(0, len(self._data) - SHOWN_KEYS)

    # -- engine hooks ---------------------------------------------------------------------
    def add_listener(self, *, on_read: Callable[[str], None] | None = None,
                     on_change: Callable[[str], None] | None = None,
                     before_write: Callable[[str], None] | None = None) -> Callable[[], None]:
        """Hear reads, changes and writes to come; return the function that stops it."""
        pairs = [(self._readers, on_read), (self._watchers, on_change), (self._guards, before_write)]
        for listeners, listener in pairs:
            if listener is not None:
                listeners.append(listener)

        def remove() -> None:
            for listeners, listener in pairs:
                if listener in listeners:
                    listeners.remove(listener)

        return remove

    @staticmethod
    def _notify(listeners: list[Callable[[str], None]], key: str) -> None:
        for listener in list(listeners):
            listener(key)

    def _missing(self, key: str, fix: str) -> str:
        keys = ", ".join(repr(k) for k in self._data) or "none yet"
        hint = f"; set it first: {fix}" if fix else ""
        return f"session_state has no key {key!r} (keys: {keys}){hint}"


def same_value(a: Any, b: Any) -> bool:
    """Equal values, without trusting objects whose == is elementwise (numpy, pandas)."""
    if a is b:
        return True
    try:
        return bool(type(a) is type(b) and a == b)
    except (ValueError, TypeError):  # ambiguous truth value (arrays): count it as a change
        return False


SHOWN_KEYS = 100
_LIMIT = 80  # characters of one key or value

# reprlib shortens containers before they are turned into text (a list of a million items
# is not rendered whole), and shows a value whose __repr__ raises as <... instance at ...>.
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = _LIMIT


def _short_repr(value: Any) -> str:
    return _short_text(_REPR.repr(value))


def _short_text(text: str) -> str:
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


session_state = SessionState()
