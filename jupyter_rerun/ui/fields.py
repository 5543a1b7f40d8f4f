"""Text fields and switches with Streamlit's signatures: `text_input`, `text_area`,
`checkbox`, `toggle`, `color_picker`.

Text commits on Enter or when the field loses focus, as Streamlit's does; `live=True`
sends each edit instead (the rerun engine coalesces a burst of keys into one run). Text
past `max_chars` is cut, and the field then shows what the run got.
"""

from __future__ import annotations

import re
from numbers import Integral
from typing import Any

from ..errors import WidgetError
from . import url_binding
from .entries import Spec, draw
from .input_args import Callback, compatible, icon_html, one_of, where, width_layout

# type -> (model kind, placeholder when none is given), as Streamlit's text_input types
_TEXT_TYPES = {"default": ("text_input", None), "password": ("password_input", None),
               "email": ("text_input", "you@example.com"), "url": ("text_input", "https://example.com"),
               "phone": ("text_input", "+1 234 567 8900"), "search": ("text_input", "Search")}
_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*")
_HEX = re.compile(r"#([0-9a-fA-F]{3}){1,2}")


def text_input(label: str, value: Any = "", max_chars: int | None = None, key: Any = None,
               type: str = "default", help: str | None = None, autocomplete: str | None = None,
               on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
               placeholder: str | None = None, disabled: bool = False, required: bool = False,
               label_visibility: str = "visible", icon: str | None = None, validate: Any = None,
               live: Any = False, width: Any = "stretch", bind: Any = None,
               persist_state: Any = None) -> str | None:
    """A one-line text field; returns its text (None while empty, with `value=None`)."""
    here = where("text_input", label)
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "type", type, tuple(_TEXT_TYPES))
    if bind == "query-params" and type == "password":
        raise WidgetError(f"{here}: a password cannot be bound to the URL; drop bind='query-params'")
    icon_html(here, icon)  # checked as Streamlit does; ipywidgets' field shows no icon
    _check_validate(here, validate)
    kind, typed_placeholder = _TEXT_TYPES[type]
    if autocomplete is not None and not isinstance(autocomplete, str):
        raise WidgetError(f"{here}: autocomplete must be a string like 'email', got {autocomplete!r}")
    shown = placeholder if placeholder is not None else typed_placeholder
    traits = {"continuous_update": _live(here, live)}
    return _text("text_input", kind, label, value, max_chars, shown, traits, width, key,
                 on_change, args, kwargs, help, disabled, label_visibility, bind)


def text_area(label: str, value: Any = "", height: Any = None, max_chars: int | None = None,
              key: Any = None, help: str | None = None, on_change: Callback | str = "rerun",
              args: Any = None, kwargs: Any = None, *, placeholder: str | None = None,
              disabled: bool = False, required: bool = False, label_visibility: str = "visible",
              width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> str | None:
    """A multi-line text field; returns its text (None while empty, with `value=None`)."""
    here = where("text_area", label)
    compatible(here, bind=bind, persist_state=persist_state)
    traits = {"rows": _rows(here, height, value), "continuous_update": False}
    return _text("text_area", "text_area", label, value, max_chars, placeholder, traits, width,
                 key, on_change, args, kwargs, help, disabled, label_visibility, bind)


def _text(function: str, kind: str, label: str, value: Any, max_chars: Any, placeholder: Any,
          traits: dict[str, Any], width: Any, key: Any, on_change: Any, args: Any, kwargs: Any,
          help: Any, disabled: bool, label_visibility: str, bind: Any) -> str | None:
    here = where(function, label)
    if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, Integral)
                                  or max_chars < 1):
        raise WidgetError(f"{here}: max_chars must be a positive int, got {max_chars!r}")
    empty_is_none = value is None

    def check(text: Any) -> str | None:
        if text is None:
            return None
        if not isinstance(text, str):
            raise WidgetError(f"{here}: the value must be a string, got {text!r}")
        return text[:max_chars] if max_chars else text

    def to_python(text: str) -> str | None:
        return None if empty_is_none and text == "" else check(text)

    traits.update(placeholder="" if placeholder is None else str(placeholder),
                  layout=width_layout(here, width, content=False))
    default = None if value is None else check(str(value))
    return draw(Spec(function, kind, label, traits, default, check=check,
                     to_widget=lambda text: "" if text is None else text, to_python=to_python,
                     writeback=max_chars is not None, url=url_binding.form_of("")),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def checkbox(label: str, value: bool = False, key: Any = None, help: str | None = None,
             on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
             disabled: bool = False, label_visibility: str = "visible", width: Any = "content",
             wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> bool:
    """A checkbox; returns True when ticked."""
    return _switch("checkbox", "checkbox", label, value, {"indent": False}, key, on_change,
                   args, kwargs, help, disabled, label_visibility, width, bind, persist_state)


def toggle(label: str, value: bool = False, key: Any = None, help: str | None = None,
           on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
           disabled: bool = False, label_visibility: str = "visible", width: Any = "content",
           wrap: bool | None = None, bind: Any = None, persist_state: Any = None) -> bool:
    """An on/off toggle; returns True when on."""
    return _switch("toggle", "toggle", label, value, {}, key, on_change, args, kwargs, help,
                   disabled, label_visibility, width, bind, persist_state)


def _switch(function: str, kind: str, label: str, value: Any, traits: dict, key: Any,
            on_change: Any, args: Any, kwargs: Any, help: Any, disabled: bool,
            label_visibility: str, width: Any, bind: Any, persist_state: Any) -> bool:
    here = where(function, label)
    compatible(here, bind=bind, persist_state=persist_state)

    def check(flag: Any) -> bool:
        try:
            return bool(flag)  # as Streamlit: any value, by its truth
        except (TypeError, ValueError):  # an array's truth is ambiguous
            raise WidgetError(f"{here}: the value must be True or False, got {flag!r}") from None

    traits = {**traits, "layout": width_layout(here, width, content=True)}
    return draw(Spec(function, kind, label, traits, check(value), check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def color_picker(label: str, value: str | None = None, key: Any = None, help: str | None = None,
                 on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
                 disabled: bool = False, label_visibility: str = "visible",
                 width: Any = "content", bind: Any = None, persist_state: Any = None) -> str:
    """A colour picker; returns a hex colour like '#1f77b4'."""
    here = where("color_picker", label)
    compatible(here, bind=bind, persist_state=persist_state)

    def check(colour: Any) -> str:
        if isinstance(colour, str) and not colour.startswith("#") and _HEX.fullmatch("#" + colour):
            colour = "#" + colour  # as Streamlit reads a colour the browser sent
        if not isinstance(colour, str) or not _HEX.fullmatch(colour):
            raise WidgetError(f"{here}: the value must be a hex colour like '#ff8800' or '#f80', "
                              f"got {colour!r}")
        return colour

    traits = {"concise": False, "layout": width_layout(here, width, content=True)}
    return draw(Spec("color_picker", "color_picker", label, traits,
                     check("#000000" if value is None else value), check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def _live(here: str, live: Any) -> bool:
    """Streamlit's `live`: False, True, or a pause like '300ms' / '0.5s' (up to a minute)."""
    if live is True or live is False:
        return bool(live)
    match = _DURATION.fullmatch(live) if isinstance(live, str) else None
    if match is None:
        raise WidgetError(f"{here}: live must be True, False or a pause like '300ms' or '0.5s', "
                          f"got {live!r}")
    seconds = float(match[1]) * {"ms": 0.001, "s": 1, "m": 60}[match[2]]
    if seconds > 60:
        raise WidgetError(f"{here}: live pauses at most '1m', got {live!r}")
    return True


def _check_validate(here: str, validate: Any) -> None:
    rule = validate[0] if isinstance(validate, tuple) and len(validate) == 2 and all(
        isinstance(item, str) for item in validate) else validate
    if rule is not None and not isinstance(rule, str):
        raise WidgetError(f"{here}: validate must be a regex string or a (regex, message) pair, "
                          f"got {validate!r}")
    if rule:
        try:
            re.compile(rule)
        except re.error as error:
            raise WidgetError(f"{here}: validate {rule!r} is not a regex: {error}") from None


def _rows(here: str, height: Any, value: Any) -> int:
    """Lines of a text area for Streamlit's `height` (pixels of the whole element)."""
    if height is None:
        return 3
    if height in ("content", "stretch"):
        return max(2, str(value or "").count("\n") + 1)
    if isinstance(height, bool) or not isinstance(height, Integral) or height < 1:
        raise WidgetError(f"{here}: height must be None, 'content', 'stretch' or a positive "
                          f"number of pixels, got {height!r}")
    return max(2, (int(height) - 40) // 20)
