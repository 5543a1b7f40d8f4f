"""What only a Streamlit server has: logins (`login`, `logout`, `user`), connections
(`connection`) and the ASGI app (`App`).

A Voila or JupyterLab kernel is not told who is looking at the page: `jr.user` is
Streamlit's "not logged in" user (`is_logged_in` False, nothing else), and `login` says
it is not supported. `connection` and `App` say what to use instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .errors import NotSupportedError, RerunError

__all__ = ["App", "connection", "login", "logout", "user"]


class UserInfoError(RerunError, ValueError):
    """`jr.user` cannot be changed (Streamlit's message)."""


def login(provider: str | None = None) -> None:
    """Streamlit's OIDC login needs Streamlit's server; not supported in a kernel."""
    raise NotSupportedError(
        "jr.login is not supported: a Jupyter kernel never sees the viewer's login; put "
        "the notebook behind JupyterHub's (or your proxy's) authentication instead")


def logout() -> None:
    """No one is logged in here, so there is nothing to end (as Streamlit's logout when
    no one is logged in): it does nothing."""


class UserInfo(Mapping[str, Any]):
    """`jr.user`: what the kernel knows of the viewer, which is nothing: `is_logged_in` is
    False. Read as Streamlit's `st.user` (`user.is_logged_in`, `user["is_logged_in"]`,
    `to_dict()`); Streamlit's errors for a missing key and for writes."""

    _INFO = {"is_logged_in": False}

    def __getitem__(self, key: str) -> Any:
        if key == "tokens":
            return {}
        try:
            return self._INFO[key]
        except KeyError:
            raise KeyError(f'st.user has no key "{key}".') from None

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        if key == "tokens":
            return {}
        try:
            return self._INFO[key]
        except KeyError:
            raise AttributeError(f'st.user has no attribute "{key}".') from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise UserInfoError("st.user cannot be modified")

    def __setitem__(self, name: str, value: Any) -> None:
        raise UserInfoError("st.user cannot be modified")

    def __iter__(self) -> Iterator[str]:
        return iter(self._INFO)

    def __len__(self) -> int:
        return len(self._INFO)

    def to_dict(self) -> dict[str, Any]:
        return dict(self._INFO)

    def __repr__(self) -> str:
        return f"UserInfo({self._INFO!r})"


user = UserInfo()


def connection(name: str, type: Any = None, max_entries: int | None = None,
               ttl: Any = None, **kwargs: Any) -> Any:
    """Streamlit's connections come from its `[connections]` secrets and connection
    classes; not supported here."""
    raise NotSupportedError(
        f"jr.connection({name!r}) is not supported: open the connection yourself in a "
        "function decorated with @jr.cache_resource (e.g. sqlalchemy.create_engine(...)) "
        "and query it in @jr.cache_data functions")


class App:
    """Streamlit's ASGI app (`st.App`) serves scripts with Streamlit's server; not
    supported here."""

    def __init__(self, script_path: Any, *, secrets: Any = None, lifespan: Any = None,
                 routes: Any = None, middleware: Any = None, on_script_error: Any = None,
                 exception_handlers: Any = None, debug: bool = False) -> None:
        raise NotSupportedError(
            "jr.App is not supported: it is Streamlit's own web server; serve the notebook "
            "as a dashboard with voila instead")
