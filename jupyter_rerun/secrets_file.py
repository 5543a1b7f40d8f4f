"""`jr.secrets`: Streamlit's `st.secrets`, read from `secrets.toml`.

Two files are read, as Streamlit reads them: `~/.streamlit/secrets.toml`, then
`.streamlit/secrets.toml` in the kernel's working folder (a notebook's kernel starts in the
notebook's folder). A top-level key in the second replaces the same key of the first.
Sections are read-only mappings with attribute access (`jr.secrets.db.user`); top-level
strings and numbers are also set as environment variables, as Streamlit does. A file that
changes is read again on the next access.

Errors are Streamlit's: a missing key is a KeyError (an AttributeError for attribute
access) saying `st.secrets has no key "x"`; no file at all is a FileNotFoundError naming
both paths. Unlike Streamlit, the repr shows the keys but never the values (a notebook
saves what it shows); `to_dict()` gives the values.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Mapping
from copy import deepcopy
from pathlib import Path
from typing import Any, NoReturn

from .errors import RerunError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

_HINT = ("Did you forget to add it to secrets.toml (in a .streamlit folder next to the "
         "notebook, or in ~/.streamlit)?")


def _missing_key(key: str) -> str:
    return f'st.secrets has no key "{key}". {_HINT}'


def _missing_attribute(name: str) -> str:
    return f'st.secrets has no attribute "{name}". {_HINT}'


class SecretNotFoundError(RerunError, FileNotFoundError):
    """No secrets file, or one that is not valid TOML (Streamlit's
    StreamlitSecretNotFoundError, also a FileNotFoundError)."""


def _no_item_assignment(*_: Any) -> NoReturn:
    raise TypeError("Secrets does not support item assignment.")


def _no_attribute_assignment(*_: Any) -> NoReturn:
    raise TypeError("Secrets does not support attribute assignment.")


class _Section(Mapping[str, Any]):
    """Read-only item and attribute access to a mapping of secrets (`_mapping()`)."""

    def _mapping(self) -> Mapping[str, Any]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        try:
            return _wrapped(self._mapping()[key])
        except KeyError:
            raise KeyError(_missing_key(key)) from None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return _wrapped(self._mapping()[name])
        except (KeyError, FileNotFoundError):  # an attribute lookup raises AttributeError
            raise AttributeError(_missing_attribute(name)) from None

    def __contains__(self, key: object) -> bool:
        return key in self._mapping()

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())

    __setitem__ = _no_item_assignment
    __setattr__ = _no_attribute_assignment

    def __delitem__(self, key: str) -> NoReturn:
        raise TypeError("Secrets does not support item deletion.")

    def to_dict(self) -> dict[str, Any]:
        """The secrets as nested plain dicts (a copy)."""
        return deepcopy(dict(self._mapping()))


class AttrDict(_Section):
    """A section of the secrets (`jr.secrets.db`)."""

    def __init__(self, value: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(value))

    def _mapping(self) -> Mapping[str, Any]:
        return self._values

    def __repr__(self) -> str:
        return f"<secrets section: {', '.join(self._values) or 'empty'}>"


def _wrapped(value: Any) -> Any:
    return AttrDict(value) if isinstance(value, Mapping) else value


class Secrets(_Section):
    """The secrets of this kernel (`jr.secrets`): thread-safe, read when first used."""

    def __init__(self) -> None:
        object.__setattr__(self, "_lock", threading.RLock())
        object.__setattr__(self, "_loaded", None)  # (what the files looked like, secrets)
        object.__setattr__(self, "_environment", {})  # variables we set -> their value

    @staticmethod
    def paths() -> list[Path]:
        """Where secrets are read from, in order (a later file's keys win)."""
        return [Path("~").expanduser() / ".streamlit" / "secrets.toml",
                Path.cwd() / ".streamlit" / "secrets.toml"]

    def _mapping(self) -> Mapping[str, Any]:
        paths = self.paths()
        signature = tuple((str(path), _stamp(path)) for path in paths)
        with self._lock:
            if self._loaded is not None and self._loaded[0] == signature:
                return self._loaded[1]
            secrets = _read(paths)
            self._export(secrets)
            object.__setattr__(self, "_loaded", (signature, secrets))
            return secrets

    def _export(self, secrets: dict[str, Any]) -> None:
        """Top-level strings and numbers become environment variables (Streamlit's rule);
        those set from an older version of the files, and unchanged since, are removed."""
        for name, value in self._environment.items():
            if os.environ.get(name) == value:
                del os.environ[name]
        exported = {name: str(value) for name, value in secrets.items()
                    if type(value) in (str, int, float)}
        os.environ.update(exported)
        object.__setattr__(self, "_environment", exported)

    def load_if_toml_exists(self) -> bool:
        """True if a secrets file was read; False if there is none or it is not valid."""
        try:
            self._mapping()
        except SecretNotFoundError:
            return False
        return True

    def has_key(self, key: str) -> bool:
        return key in self

    def __repr__(self) -> str:
        try:
            keys = ", ".join(self._mapping()) or "none"
        except SecretNotFoundError:
            keys = "no secrets.toml"
        return f"<jupyter_rerun secrets: {keys}>"


def _read(paths: list[Path]) -> dict[str, Any]:
    """The secrets of the files that exist, later files' top-level keys winning."""
    secrets: dict[str, Any] = {}
    found = False
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        found = True
        try:
            secrets.update(tomllib.loads(text))
        except tomllib.TOMLDecodeError as error:
            raise SecretNotFoundError(f"Error parsing secrets file at {path}: {error}") from None
    if not found:
        raise SecretNotFoundError("No secrets found. Valid paths for a secrets.toml file or "
                                  f"secret directories are: {', '.join(map(str, paths))}")
    return secrets


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


secrets = Secrets()
