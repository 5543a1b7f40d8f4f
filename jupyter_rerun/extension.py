"""Load and unload: build the runtime, register magics and hooks; unload undoes all of it."""

from __future__ import annotations

from typing import Any

from . import kernel_seam, magics, runtime, script

_registered: dict[int, list[Any]] = {}  # id(shell) -> our magics instances


def load_ipython_extension(shell: Any) -> None:
    """`%load_ext jupyter_rerun`. Loading twice is harmless."""
    active = runtime.install(shell)
    if id(shell) not in _registered:
        _registered[id(shell)] = [magics.register(shell, active), script.register(shell, active)]
        kernel_seam.self_check(getattr(active.host, "seam", None))


def unload_ipython_extension(shell: Any) -> None:
    """`%unload_ext jupyter_rerun`: remove every magic, hook, listener and widget we made.
    Session state stays (it belongs to the kernel session, not to the extension)."""
    for registered in _registered.pop(id(shell), []):
        magics.unregister(shell, registered)
    runtime.uninstall()
    kernel_seam.restore_comm_routing()
