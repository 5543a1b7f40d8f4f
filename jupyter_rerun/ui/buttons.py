"""`button`, with Streamlit's signature: `type` (primary, secondary, tertiary; styled in
inputs.css), `icon` (one emoji, or ':material/name:'), `icon_position`, `width` and
`use_container_width`, `help` as its tooltip.

A button is ipywidgets' Button, or, with a Material Symbol (which its plain-text label
cannot show), our IconButton, which sends the same click message.
"""

from __future__ import annotations

from typing import Any

from ..errors import WidgetError
from .entries import Spec, draw
from .input_args import Callback, icon_html, one_of, where, width_layout


def button(label: str, key: Any = None, help: str | None = None, on_click: Callback = None,
           args: Any = None, kwargs: Any = None, *, type: str = "secondary",
           icon: str | None = None, icon_position: str = "left", disabled: bool = False,
           use_container_width: bool | None = None, width: Any = "content",
           shortcut: str | None = None, wrap: bool | None = None) -> bool:
    """A button; returns True only in the run its click caused."""
    return draw(button_spec("button", label, type=type, icon=icon, icon_position=icon_position,
                            use_container_width=use_container_width, width=width,
                            shortcut=shortcut),
                key=key, callback=on_click, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility="visible")


def button_look(here: str, type: str, icon_position: Any, shortcut: Any, width: Any,
                use_container_width: bool | None) -> dict[str, Any]:
    """The style and width traits of any of Streamlit's buttons (button, form_submit_button,
    download_button, link_button), their arguments checked as Streamlit checks them."""
    one_of(here, "type", type, ("primary", "secondary", "tertiary"))
    one_of(here, "icon_position", icon_position, (None, "left", "right"))
    if shortcut is not None and not isinstance(shortcut, str):
        raise WidgetError(f"{here}: shortcut must be a string like 'Ctrl+Enter', got {shortcut!r}")
    if use_container_width is not None:
        width = "stretch" if use_container_width else "content"
    return {"classes": [f"jr-button-{type}"], "layout": width_layout(here, width, content=True)}


def button_spec(function: str, label: str, *, type: str, icon: str | None, icon_position: str,
                use_container_width: bool | None, width: Any, shortcut: str | None) -> Spec:
    """What `button` draws, checked as Streamlit checks it; `function` names the caller
    (jr.form_submit_button draws the same button)."""
    here = where(function, label)
    traits: dict[str, Any] = button_look(here, type, icon_position, shortcut, width,
                                         use_container_width)
    markup = icon_html(here, icon)
    if "jr-emoji" in markup or not markup:  # text: the emoji goes into the label itself
        emoji = icon.strip() if markup else ""
        text = str(label)
        from .markdown import label_text

        traits.update(button_style="", icon="", description=label_text(
            f"{text} {emoji}" if icon_position == "right" else f"{emoji} {text}").strip())
        kind = "button"
    else:
        from .markdown import to_html

        traits.update(icon=markup, icon_position=icon_position or "left",
                      description=to_html(str(label), inline=True), description_allow_html=True)
        kind = "icon_button"
    return Spec(function, kind, label, traits, None)
