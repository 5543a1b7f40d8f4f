"""`jr.context`: Streamlit's `st.context`, as much of it as a notebook's kernel can honestly
know about whoever looks at the page.

On a Voila page the kernel sees the viewer's request (request.py): `url` (the address
without its query string), `headers` and `cookies` (only those Voila passes on: its
`http_header_envs` setting lists them, none by default), `locale` (the first language of
an Accept-Language header, when passed on) and `is_embedded` (`?embed=true`). A browser's
time zone, its colour scheme and the viewer's IP address never reach the kernel: `timezone`,
`timezone_offset`, `ip_address` and `theme.type` are None. In JupyterLab and elsewhere
there is no viewer's request: every property is None or empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import request
from .url_query import parse_query


def _header_case(name: str) -> str:
    return "-".join(word.capitalize() for word in name.split("-"))


class Headers(Mapping[str, str]):
    """Request headers: names in any case; a repeated one reads as its first value, as in
    Streamlit (`get_all` gives them all)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in pairs:
            self._values.setdefault(_header_case(name), []).append(value)

    def get_all(self, key: str) -> list[str]:
        return list(self._values.get(_header_case(key), []))

    def __getitem__(self, key: str) -> str:
        try:
            return self._values[_header_case(key)][0]
        except (KeyError, IndexError):
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_dict(self) -> dict[str, str]:
        return {key: self[key] for key in self}


class Cookies(Mapping[str, str]):
    """The request's cookies, read-only."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def to_dict(self) -> dict[str, str]:
        return dict(self._values)


class Theme(dict):
    """`context.theme`: `type` is "light", "dark", or None (here: always None)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


_KEYS = frozenset({"headers", "cookies", "theme", "timezone", "timezone_offset", "locale",
                   "url", "ip_address", "is_embedded"})


class Context:
    """What is known of the viewer (see the module docstring); read-only."""

    __iter__ = None  # as Streamlit's: not iterable, even though it has __getitem__

    @property
    def headers(self) -> Headers:
        return Headers(request.headers())

    @property
    def cookies(self) -> Cookies:
        return Cookies(request.cookies())

    @property
    def theme(self) -> Theme:
        return Theme(type=None)  # the browser's colour scheme is not sent to the kernel

    @property
    def timezone(self) -> str | None:
        return None

    @property
    def timezone_offset(self) -> int | None:
        return None

    @property
    def locale(self) -> str | None:
        languages = self.headers.get("Accept-Language", "")
        first = languages.split(",")[0].split(";")[0].strip()
        return first or None

    @property
    def url(self) -> str | None:
        return request.url()

    @property
    def ip_address(self) -> str | None:
        return None  # Voila does not pass the viewer's address to the kernel

    @property
    def is_embedded(self) -> bool | None:
        if not request.environment():
            return None
        values = parse_query(request.query_string()).get("embed", [])
        return any(str(value).lower() == "true" for value in values)

    def __getitem__(self, key: str) -> Any:
        if key not in _KEYS:
            raise KeyError(f'st.context has no key "{key}". Valid keys are: {", ".join(sorted(_KEYS))}.')
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in _KEYS

    def __repr__(self) -> str:
        return f"<jupyter_rerun context: url={self.url!r}>"


context = Context()
