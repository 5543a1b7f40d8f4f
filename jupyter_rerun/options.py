"""`jr.get_option` / `jr.set_option`: Streamlit's config options, by Streamlit's names.

The names and defaults are Streamlit's (static/streamlit_options.json, written by
tools/streamlit_options.py). An option that means something in a kernel takes effect:
`server.maxUploadSize` is `%config JupyterRerun.max_upload_size`. Every other known option
is accepted and kept for this kernel, and `get_option` reports it; nothing else reads it.
Unlike Streamlit, which lets a script set only five options, any known option can be set
here (there is no config.toml or command line to set the others from).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from . import runtime
from traitlets import TraitError

from .errors import OptionError, RerunError

__all__ = ["get_option", "set_option"]

_OPTIONS_FILE = Path(__file__).parent / "static" / "streamlit_options.json"
_set_here: dict[str, Any] = {}  # options this kernel set that nothing here reads


class OptionNotDefinedError(RerunError, RuntimeError):
    """An option name that Streamlit does not define (Streamlit raises RuntimeError)."""


@cache
def defaults() -> dict[str, Any]:
    """Streamlit's option names and their defaults."""
    return json.loads(_OPTIONS_FILE.read_text())


def get_option(key: str) -> Any:
    """The value of Streamlit config option `key` ("section.optionName") in this kernel."""
    if key not in defaults():
        raise OptionNotDefinedError(f'Config key "{key}" not defined.')
    if key == "server.maxUploadSize":
        active = runtime.current()
        if active is not None:
            return active.config.max_upload_size
    return _set_here.get(key, defaults()[key])


def set_option(key: str, value: Any) -> None:
    """Set Streamlit config option `key` for this kernel (see the module docstring)."""
    if not isinstance(key, str) or key not in defaults():
        raise OptionNotDefinedError(f"Unrecognized config option: {key}; the names are "
                                    "Streamlit's (`streamlit config show` lists them)")
    if key == "server.maxUploadSize":
        active = runtime.current()
        if active is None:
            raise RerunError("server.maxUploadSize is the extension's setting: run "
                             "%load_ext jupyter_rerun first")
        try:
            active.config.max_upload_size = value
        except TraitError as error:  # it names the value and the rule
            raise OptionError(f"server.maxUploadSize: {error}") from None
        return
    _set_here[key] = value
