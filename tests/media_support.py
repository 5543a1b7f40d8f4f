"""What reached the front end, read from a KernelDriver's log with the binary buffers put
back where ipywidgets took them from (as the front end's widget manager does)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from conftest import Cell

from jupyter_rerun.testing import KernelDriver


@dataclass
class Sent:
    """One comm message's state, as the front end sees it, and what it cost."""

    state: dict
    json_bytes: int  # the JSON text of the message's data
    buffer_bytes: int  # the binary buffers after it


def _with_buffers(message: dict) -> Sent:
    data = message["content"]["data"]
    state = json.loads(json.dumps(data.get("state", {})))
    buffers = [bytes(buffer) for buffer in message.get("buffers", [])]
    for path, buffer in zip(data.get("buffer_paths", []), buffers):
        target = state
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = buffer
    return Sent(state, len(json.dumps(message["content"])), sum(map(len, buffers)))


def opened(kernel: KernelDriver, model: str) -> Sent:
    """The comm_open that made `model`."""
    (message,) = [m for m in kernel.log if m["msg_type"] == "comm_open"
                  and m["content"]["comm_id"] == model]
    return _with_buffers(message)


def updates(kernel: KernelDriver, since: int, model: str) -> list[Sent]:
    """The state updates the kernel sent `model` since log index `since`, but those that
    only dim it and undim it (a run slower than 0.15 s draws live: see ui/element.py)."""
    sent = [_with_buffers(m) for m in kernel.messages_since(since, "comm_msg")
            if m["content"]["comm_id"] == model and m["content"]["data"].get("method") == "update"]
    return [update for update in sent if set(update.state) != {"_dom_classes"}]


def sent_since(kernel: KernelDriver, since: int, but: tuple[str, ...] = ()) -> list[dict]:
    """Every widget message the kernel sent since `since` (not echoes, not dimming, not to
    the models in `but`)."""
    return [m for m in kernel.messages_since(since, "comm_msg", "comm_open", "comm_close")
            if m["content"].get("comm_id") not in but
            and m["content"].get("data", {}).get("method") != "echo_update"
            and set(m["content"].get("data", {}).get("state", {"": 0})) != {"_dom_classes"}]


def models_with_class(kernel: KernelDriver, container: str, css_class: str) -> list[str]:
    """The models under `container` (anywidgets and HTML) that have `css_class`."""
    found = []
    for name in ("AnyModel", "HTMLModel"):
        found += [m for m in kernel.find(container, name)
                  if css_class in kernel.models[m].get("_dom_classes", ())]
    return found


def full_state(kernel: KernelDriver, model: str, since: int = 0) -> dict:
    """`model`'s state as the front end holds it now: its comm_open, then its updates."""
    state = dict(opened(kernel, model).state)
    for update in updates(kernel, since, model):
        state.update(update.state)
    return state


def errors(kernel: KernelDriver, container: str) -> list[dict]:
    """The error outputs shown under `container` (ename, evalue, traceback)."""
    return [output for model in kernel.find(container, "OutputModel")
            for output in kernel.models[model].get("outputs", ()) if output["output_type"] == "error"]


def shows_one_line_error(kernel: KernelDriver, call: str, message: str) -> None:
    """`call` in a cell between two texts: the first is drawn, then `call`'s ElementError
    shows as one line (its message and the cell's line), and the run stops there."""
    cell = Cell(kernel, f"jr.text('drawn before')\n{call}\njr.text('never drawn')")
    text = cell.text()
    assert "drawn before" in text and "never drawn" not in text
    (error,) = errors(kernel, cell.container)
    assert error["ename"] == "ElementError" and message in error["evalue"], error
    assert "\n" not in error["evalue"] and len(error["traceback"]) == 2  # message, cell line
