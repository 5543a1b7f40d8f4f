"""`jr.query_params`: Streamlit's `st.query_params`, the query string of the page's address.

On a Voila page it starts as the query string of the viewer's request (`?name=value`,
see request.py); a key given more than once reads as its last value (`get_all` gives
them all). Writes change it for the rest of the kernel's session and, on a Voila page,
the address in the browser's bar too (history.replaceState: no reload, no new history
entry). In JupyterLab, nbclient and plain IPython there is no page address: it starts
empty, and writes are kept but change no address.

As in Streamlit, `embed` and `embed_options` are hidden and cannot be set; so is Voila's
login `token`, which stays in the address.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from . import request
from .errors import RerunError
from .page import under_voila

HIDDEN = frozenset({"embed", "embed_options", "token"})  # compared lower-case
MAX_LENGTH = 512 * 1024  # characters; Streamlit ignores longer query strings
MAX_FIELDS = 1000


class QueryParamsError(RerunError, ValueError):
    """A query parameter that cannot be set (a dict value, a reserved key)."""


def _missing_key(key: str) -> str:
    return f'st.query_params has no key "{key}".'


def _missing_attribute(key: str) -> str:
    return f'st.query_params has no attribute "{key}".'


class QueryParams(MutableMapping[str, str]):
    """The page's query parameters: item and attribute access, str values."""

    def __init__(self) -> None:
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_values", None)  # key -> str or list of str; read on first use

    def _params(self) -> dict[str, str | list[str]]:
        with self._lock:
            if self._values is None:
                object.__setattr__(self, "_values", parse_query(request.query_string()))
            return self._values

    # -- reading -------------------------------------------------------------------------------
    def __getitem__(self, key: str) -> str:
        value = self._params().get(key) if not _hidden(key) else None
        if value is None:
            raise KeyError(_missing_key(key))
        return value if isinstance(value, str) else (value[-1] if value else "")

    def __getattr__(self, key: str) -> str:
        if key.startswith("__"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(_missing_attribute(key)) from None

    def __iter__(self) -> Iterator[str]:
        return iter([key for key in self._params() if not _hidden(key)])

    def __len__(self) -> int:
        return sum(1 for key in self._params() if not _hidden(key))

    def get_all(self, key: str) -> list[str]:
        """Every value of `key` (a key given more than once in the address has several)."""
        value = self._params().get(key) if not _hidden(key) else None
        return [] if value is None else [value] if isinstance(value, str) else list(value)

    def to_dict(self) -> dict[str, str]:
        """The parameters as a dict (the last value of a repeated key)."""
        return {key: self[key] for key in self}

    def __str__(self) -> str:
        return str({key: value for key, value in self._params().items() if not _hidden(key)})

    def __repr__(self) -> str:
        return f"<jupyter_rerun query_params: {self}>"

    # -- writing -------------------------------------------------------------------------------
    def __setitem__(self, key: str, value: str | Iterable[str]) -> None:
        self.update({key: value})

    def __setattr__(self, key: str, value: str | Iterable[str]) -> None:
        self.update({key: value})

    def __delitem__(self, key: str) -> None:
        with self._lock:
            if _hidden(key) or key not in self._params():
                raise KeyError(_missing_key(key))
            del self._params()[key]
            self._publish()

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(_missing_attribute(key)) from None

    def update(self, params: Any = (), /, **more: str | Iterable[str]) -> None:  # type: ignore[override]
        """Set several parameters at once (one change of the address)."""
        pairs = list(params.items() if isinstance(params, Mapping) else params) + list(more.items())
        values = {key: _value(key, value) for key, value in pairs}
        with self._lock:
            self._params().update(values)
            self._publish()

    def clear(self) -> None:
        """Remove every parameter."""
        self.from_dict({})

    def from_dict(self, params: Any) -> None:
        """Replace all parameters with these (a mapping, or (key, value) pairs)."""
        pairs = list(params.items() if isinstance(params, Mapping) else params)
        values = {key: _value(key, value) for key, value in pairs}
        with self._lock:
            kept = {key: value for key, value in self._params().items() if _hidden(key)}
            object.__setattr__(self, "_values", {**kept, **values})
            self._publish()

    def _publish(self) -> None:
        """Show the new query string in the Voila page's address (nowhere else)."""
        if not under_voila():
            return
        from .page_config import show_page

        shown = {key: value for key, value in self._params().items() if not _hidden(key)}
        show_page({"query": urlencode(shown, doseq=True)})


def _hidden(key: str) -> bool:
    return key.lower() in HIDDEN


def _value(key: str, value: Any) -> str | list[str]:
    if isinstance(value, Mapping):
        raise QueryParamsError(f"Query param value for `{key}` cannot be set to a dictionary. "
                               "Provide a string or iterable of strings instead.")
    if _hidden(key):
        raise QueryParamsError(f"Query param {key} cannot be set programmatically: embed and "
                               "embed_options are Streamlit's, token is Voila's login")
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes)):
        return [str(item) for item in value]
    return str(value)


def parse_query(query: str) -> dict[str, str | list[str]]:
    """What Streamlit keeps of a query string (nothing of one past its limits)."""
    if not query or len(query) > MAX_LENGTH or query.count("&") + 1 > MAX_FIELDS:
        return {}
    return dict(parse_qs(query, keep_blank_values=True))


query_params = QueryParams()
