"""The model of `jr.chat_input`: `ChatInput` (static/file_upload.js + chat.js), a message
field with a send button and, when it takes files, an attach button.

A submit is a click with a payload: the browser sends {event: "submit", text}, the model
keeps what was submitted (the text and the files attached by then) and tells its click
listeners, so the engine answers it as it answers a button's click, in one run. Files are
attached before the submit with FileDrop's upload conversation (widgets/files.py): they
wait in `value` (kernel only; `files` is what the field shows) and go with the next submit.
"""

from __future__ import annotations

import threading
from typing import Any

import ipywidgets
import traitlets

from . import layout_model, style_model
from .files import FileDrop
from .inputs import Clickable, _module


class ChatInput(Clickable, FileDrop):
    """A chat message field; its submits are clicks (widgets.listen)."""

    _esm = _module("file_upload.js", "chat.js")
    placeholder = traitlets.Unicode("Your message").tag(sync=True)
    max_chars = traitlets.Int(0).tag(sync=True)  # 0: no limit
    accept_file = traitlets.Bool(False).tag(sync=True)
    # text code put in the field (session_state[key] = "..."), numbered so the same text
    # set twice is a change twice
    draft = traitlets.List([0, ""]).tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._submit_lock = threading.Lock()
        self.submitted: tuple[str, tuple] = ("", ())  # the last submit: text, FileRecords
        self.state_written: Any = None  # what the engine last put in session_state[key]
        self.on_msg(self._handle_submit)

    def _handle_submit(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict) or content.get("event") != "submit" or self.disabled:
            return
        text = content.get("text")
        if not isinstance(text, str):
            return
        if self.max_chars:
            text = text[:self.max_chars]
        with self._submit_lock, self._lock:
            attached, self.value = self.value, ()  # the files go with this message
            if not text and not attached:
                return
            self.submitted = (text, attached)
        if self.draft[1]:
            self.draft = [self.draft[0], ""]  # sent: a view drawn again shows no old draft
        self.clicked()

    def put_draft(self, text: str) -> None:
        self.draft = [self.draft[0] + 1, text]


def message_row(content: ipywidgets.Widget, layout: dict[str, Any]) -> tuple[ipywidgets.HBox, ipywidgets.HTML]:
    """A chat message's row: its avatar (HTML made in the kernel) beside its content."""
    avatar = ipywidgets.HTML("", layout=layout_model(flex="0 0 auto"), style=style_model(ipywidgets.HTML))
    avatar.add_class("jr-chat-avatar")
    row = ipywidgets.HBox([avatar, content], layout=layout_model(**layout))
    row.add_class("jr-chat-message")
    return row, avatar


CHAT_INPUTS: dict[str, type] = {"chat_input": ChatInput}
