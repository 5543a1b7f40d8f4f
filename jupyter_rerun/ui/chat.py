"""`chat_input` and `chat_message`, with Streamlit 1.67's signatures.

`chat_input` is a button whose click carries a message: a submit is one click, answered by
exactly one run, in which `chat_input` returns the text (or, when it takes files, a
`ChatInputValue` with `.text` and `.files`); every other run gets None. The field empties
in the browser as the message leaves. Where it shows: drawn at the top level of a cell, it
sits at the bottom of the cell's box whatever is drawn after it, and stays in view at the
bottom of the window while the cell scrolls past (`position: sticky`), which in Voila is
the bottom of the page as in Streamlit; drawn in a container, a column, a tab..., it stays
where it was called, as Streamlit's does.

`chat_message(name)` is a block, an avatar beside a column of elements: `with
jr.chat_message("user"): jr.write(...)` or `message.write(...)`; `jr.write_stream` in it
grows one text in place.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator, MutableMapping, Sequence
from html import escape
from numbers import Integral
from typing import Any

from .. import widgets
from ..errors import ElementError, NotSupportedError, WidgetError
from ..rerun.context import require_run
from ..rerun.frames import Frame, FrameView
from ..session import session_state
from ..uploads import UploadedFile, normalized_types
from ..widgets import chat as chat_models
from ..widgets import layout as models
from .entries import Spec, draw
from .files import SAMPLE_RATES, _limit
from .icons import icon_html, is_emoji, material_icon
from .input_args import width_layout
from .layout import Block
from .layout_state import Boxes, boxes, restyle

__all__ = ["chat_input", "chat_message"]

ACCEPT_FILE = (True, False, "multiple", "directory")
SUBMIT_MODES = ("submit", "disable", "stop")
# Streamlit's own avatars: a face for the person, a robot for the assistant, on its colours
PRESET_AVATARS = {"user": ("face", "#ff4b4b"), "assistant": ("smart_toy", "#ffbd45")}
PRESET_NAMES = {"user": "user", "human": "user", "assistant": "assistant", "ai": "assistant"}


class ChatInputValue(MutableMapping):
    """What chat_input returns when it takes files (Streamlit's ChatInputValue): the
    message's `text` ("" with files alone) and `files`, a list of UploadedFile; by
    attribute or by key (`value.text`, `value["files"]`)."""

    def __init__(self, text: str, files: list[UploadedFile]) -> None:
        self.text, self.files = text, files

    def to_dict(self) -> dict[str, Any]:
        return {name: vars(self)[name] for name in ("text", "files") if name in vars(self)}

    def __getitem__(self, name: str) -> Any:
        if name not in self.to_dict():
            raise KeyError(f"Invalid key: {name}")
        return vars(self)[name]

    def __setitem__(self, name: str, value: Any) -> None:
        if name not in ("text", "files"):
            raise KeyError(f"Invalid key: {name}")
        setattr(self, name, value)

    def __delitem__(self, name: str) -> None:
        if name not in self.to_dict():
            raise KeyError(f"Invalid key: {name}")
        delattr(self, name)

    def __iter__(self) -> Iterator[str]:
        return iter(self.to_dict())

    def __len__(self) -> int:
        return len(self.to_dict())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.to_dict().items())
        return f"ChatInputValue({shown})"


def chat_input(placeholder: str = "Your message", *, key: Any = None,
               max_chars: int | None = None, max_upload_size: int | None = None,
               accept_file: bool | str = False, file_type: str | Sequence[str] | None = None,
               accept_audio: bool = False, audio_sample_rate: int | None = 16000,
               disabled: bool = False, submit_mode: str = "submit", on_submit: Any = None,
               args: Any = None, kwargs: Any = None, width: Any = "stretch",
               height: Any = "content") -> str | ChatInputValue | None:
    """A message field: the message submitted for this run (Enter or the send button), once;
    None in every other run. With `accept_file` (True, "multiple" or "directory") the user
    can attach files (`file_type`, `max_upload_size` as file_uploader's) and a submit
    returns a ChatInputValue (`.text`, `.files`). `on_submit` runs before the cell, with
    session_state[key] already holding the message; setting session_state[key] to a string
    before the field is drawn puts that text in the field, unsent, as in Streamlit.

    Where it shows: at the top level of a cell, at the bottom of the cell's box (and of the
    window while the cell is in view: in Voila the page's bottom); in a container, where
    it was called. `submit_mode` "disable" and "stop" are accepted and act as "submit":
    the field stays usable while a run goes on, and a new message stops the run at its next
    checkpoint and starts one with it. `accept_audio=True` is not available (use
    jr.audio_input beside it)."""
    run = require_run("chat_input")
    here = f"jr.chat_input({placeholder!r})"
    traits, takes_files = _input_traits(here, placeholder, max_chars, max_upload_size,
                                        accept_file, file_type, submit_mode, width, height)
    _check_audio(here, accept_audio, audio_sample_rate)
    if on_submit is not None and not callable(on_submit):
        raise WidgetError(f"{here}: on_submit must be a function, got {on_submit!r}")
    if run.frame is run.root:
        traits["classes"].append("jr-chat-bottom")  # the cell's own: pinned to its bottom
    key = None if key is None else _key(here, key)
    drawn: list[Any] = []  # the model, once drawn: what the callback reads

    def submitted(*args: Any, **kwargs: Any) -> None:  # first in the run a submit causes
        if key is not None and drawn:
            _remember(drawn[0], key, _value(drawn[0], takes_files))
        if on_submit is not None:
            on_submit(*args, **kwargs)

    setting = (accept_file, tuple(traits["accept"]), max_chars, traits["limit"])
    spec = Spec("chat_input", "chat_input", placeholder, traits, None, written=setting)
    answered = draw(spec, key=key, callback=submitted if key is not None or on_submit else None,
                    args=args, kwargs=kwargs, help=None, disabled=disabled,
                    label_visibility="collapsed")
    model = run.frame.elements[-1]  # what draw just placed: the model itself
    drawn.append(model)
    value = _value(model, takes_files) if answered else None
    if key is not None:
        current = session_state.get(key)
        if isinstance(current, str) and current and current is not model.state_written:
            model.put_draft(current)  # code put text in the field; it is not sent yet
        run.locked_keys.discard(key)  # drawn, so code may not set it now; the engine does
        _remember(model, key, value)
        run.locked_keys.add(key)
    return value


def _remember(model: Any, key: str, value: Any) -> None:
    """session_state[key] holds what this run's chat_input returns (None but once)."""
    if key not in session_state or session_state[key] is not value:
        session_state[key] = value
    model.state_written = value


def _value(model: Any, takes_files: bool) -> str | ChatInputValue:
    text, records = model.submitted
    if not takes_files:
        return text
    return ChatInputValue(text, [UploadedFile(record) for record in records])


def _input_traits(here: str, placeholder: Any, max_chars: Any, max_upload_size: Any,
                  accept_file: Any, file_type: Any, submit_mode: Any, width: Any,
                  height: Any) -> tuple[dict[str, Any], bool]:
    if not isinstance(placeholder, str):
        raise WidgetError(f"jr.chat_input: placeholder must be a string, got {placeholder!r}")
    if max_chars is not None and not _positive(max_chars):
        raise WidgetError(f"{here}: max_chars must be a positive integer or None, got {max_chars!r}")
    if not any(accept_file is choice for choice in ACCEPT_FILE if isinstance(choice, bool)) and (
            accept_file not in ("multiple", "directory")):
        raise WidgetError(f"{here}: accept_file must be True, False, 'multiple' or 'directory', "
                          f"got {accept_file!r}")
    if submit_mode not in SUBMIT_MODES:
        raise WidgetError(f"{here}: submit_mode must be 'submit', 'disable' or 'stop', "
                          f"got {submit_mode!r}")
    try:
        allowed = normalized_types(file_type)
    except TypeError as error:
        raise WidgetError(f"{here}: {error}, e.g. file_type=['png', 'pdf']") from None
    takes_files = accept_file is not False
    layout = {**width_layout(here, width, content=False), **_height(here, height)}
    traits = {"placeholder": placeholder, "max_chars": max_chars or 0,
              "accept_file": takes_files, "accept": allowed,
              "multiple": accept_file in ("multiple", "directory"),
              "directory": accept_file == "directory",
              "limit": _limit(here, max_upload_size) * 1024 * 1024, "layout": layout,
              "classes": ["jr-chat-input"]}
    return traits, takes_files


def _height(here: str, height: Any) -> dict[str, str]:
    if height == "content":
        return {"height": None, "flex": None}
    if height == "stretch":
        return {"height": None, "flex": "1 1 auto"}
    if _positive(height):
        return {"height": None, "min_height": f"{height}px", "flex": None}
    raise WidgetError(f"{here}: height must be 'content', 'stretch' or a positive number of "
                      f"pixels, got {height!r}")


def _check_audio(here: str, accept_audio: Any, sample_rate: Any) -> None:
    if sample_rate is not None and sample_rate not in SAMPLE_RATES:
        rates = ", ".join(str(rate) for rate in SAMPLE_RATES)
        raise WidgetError(f"{here}: audio_sample_rate must be one of {rates} or None, "
                          f"got {sample_rate!r}")
    if accept_audio:
        raise NotSupportedError(f"{here}: accept_audio=True is not available here; record with "
                                "jr.audio_input(...) beside the chat input")


def _key(here: str, key: Any) -> str:
    if isinstance(key, bool) or not isinstance(key, (str, Integral)):
        raise WidgetError(f"{here}: key must be a string, got {type(key).__name__} {key!r}")
    return str(key)


def _positive(value: Any) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool) and value > 0


# -- chat_message -------------------------------------------------------------------------
def chat_message(name: str, *, avatar: Any = None, width: Any = "stretch") -> Block:
    """A chat message: the author's avatar beside a block of elements. "user"/"human" and
    "assistant"/"ai" get Streamlit's avatars; `avatar` is otherwise an emoji,
    ":material/icon_name:", or an image (anything jr.image takes: bytes, a path, a PIL
    image, an array, a URL); without one, the first letter of `name`."""
    run = require_run("chat_message")
    if not isinstance(name, str):
        raise ElementError(f"jr.chat_message: name must be a string such as 'user' or "
                           f"'assistant', got {name!r}")
    if avatar is None and (name.lower() in PRESET_NAMES or (name and is_emoji(name))):
        avatar = name.lower()
    props = {"avatar": _avatar_html(name, avatar),
             "layout": width_layout("jr.chat_message", width, content=True), "name": name}

    def build() -> Boxes:
        view = FrameView(models.box(["jr-chat-content"]))
        row, picture = chat_models.message_row(view.box, props["layout"])
        picture.value = props["avatar"]
        return Boxes(row, [view], props, parts=[picture])

    item = boxes(run, "chat_message", "", None, props, build)
    restyle(run, item, props, lambda props: _style_message(item, props))
    return Block(run.touch(Frame(item.views[0])))


def _style_message(item: Boxes, props: dict[str, Any]) -> None:
    widgets.update_traits(item.parts[0], {"value": props["avatar"]})
    widgets.update_traits(item.box, {"layout": props["layout"]})


def _avatar_html(name: str, avatar: Any) -> str:
    """The avatar's HTML: drawn in the kernel, offline (icons are SVG data, images data URLs)."""
    label = escape(name, quote=True)
    if isinstance(avatar, str) and avatar in PRESET_NAMES:
        icon, colour = PRESET_AVATARS[PRESET_NAMES[avatar]]
        return (f'<div class="jr-avatar jr-avatar-{PRESET_NAMES[avatar]}" role="img" '
                f'aria-label="{label}" style="background:{colour}">{material_icon(icon)}</div>')
    if avatar is None:
        return f'<div class="jr-avatar jr-avatar-letter" aria-label="{label}">{escape(name[:1])}</div>'
    if isinstance(avatar, str) and (is_emoji(avatar) or avatar.startswith(":material")):
        try:
            drawn = icon_html(avatar, parameter="avatar")
        except ElementError as error:
            raise ElementError(f"jr.chat_message({name!r}): {error}") from None
        return f'<div class="jr-avatar jr-avatar-icon" aria-label="{label}">{drawn}</div>'
    return f'<div class="jr-avatar jr-avatar-image"><img alt="{label}" src="{_image_url(name, avatar)}"></div>'


def _image_url(name: str, avatar: Any) -> str:
    from .images import encode_image

    try:
        encoded = encode_image(avatar, max_width=64)
    except (ElementError, OSError, ValueError, TypeError) as error:
        raise ElementError(f"jr.chat_message({name!r}): Failed to load the provided avatar value "
                           f"as an image ({error}); give an emoji, ':material/name:' or an "
                           "image") from None
    if encoded.data is None:
        return escape(encoded.url, quote=True)
    return f"data:{encoded.mime};base64,{base64.b64encode(encoded.data).decode()}"

