"""Button groups with Streamlit's signatures: `pills`, `segmented_control` and `feedback`
(thumbs, faces or stars), drawn by our ButtonGroup model (widgets/inputs.py).

Single selection returns the chosen option or None (choosing it again takes it back,
unless `required=True`); multi selection returns the list of chosen options, in the order
they were chosen. `feedback` returns the index of the choice, 0 the least satisfied
(for thumbs: 0 is down, 1 is up), or None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from numbers import Integral
from typing import Any

from ..errors import WidgetError
from . import url_binding
from .entries import Spec, draw
from .input_args import (
    Callback, compatible, defaults_list, index_of, one_of, options_list, width_layout,
)

_FACES = ("sentiment_very_dissatisfied", "sentiment_dissatisfied", "sentiment_neutral",
          "sentiment_satisfied", "sentiment_very_satisfied")


def pills(label: str, options: Iterable[Any], *, selection_mode: str = "single",
          default: Any = None, required: bool = False,
          format_func: Callable[[Any], Any] | None = None, key: Any = None,
          help: str | None = None, on_change: Callback | str = "rerun", args: Any = None,
          kwargs: Any = None, disabled: bool = False, label_visibility: str = "visible",
          width: Any = "content", wrap: bool | None = None, bind: Any = None,
          persist_state: Any = None) -> Any:
    """Rounded buttons, one per option; returns the chosen option (or list, in "multi" mode)."""
    return _group("pills", "pills", label, options, selection_mode, default, required,
                  format_func, key, help, on_change, args, kwargs, disabled, label_visibility,
                  width, bind, persist_state)


def segmented_control(label: str, options: Iterable[Any], *, selection_mode: str = "single",
                      default: Any = None, required: bool = False,
                      format_func: Callable[[Any], Any] | None = None, key: Any = None,
                      help: str | None = None, on_change: Callback | str = "rerun",
                      args: Any = None, kwargs: Any = None, disabled: bool = False,
                      label_visibility: str = "visible", width: Any = "content",
                      wrap: bool | None = None, bind: Any = None,
                      persist_state: Any = None) -> Any:
    """Joined buttons, one per option; returns the chosen option (or list, in "multi" mode)."""
    return _group("segmented_control", "segmented", label, options, selection_mode, default,
                  required, format_func, key, help, on_change, args, kwargs, disabled,
                  label_visibility, width, bind, persist_state)


def feedback(options: str = "thumbs", *, key: Any = None, default: int | None = None,
             disabled: bool = False, on_change: Callback | str = "rerun", args: Any = None,
             kwargs: Any = None, width: Any = "content", bind: Any = None,
             persist_state: Any = None) -> int | None:
    """Thumbs (2), faces (5) or stars (5); returns the chosen index, 0 the lowest, or None."""
    from .icons import material_icon

    here = f"jr.feedback({options!r})"
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "options", options, ("thumbs", "faces", "stars"))
    count = 2 if options == "thumbs" else 5
    if default is not None and (isinstance(default, bool) or not isinstance(default, Integral)
                                or not 0 <= default < count):
        raise WidgetError(f"{here}: default must be None or an int from 0 to {count - 1}, got {default!r}")
    names = {"thumbs": ("thumb_down", "thumb_up"), "faces": _FACES}.get(options)
    traits = {"look": options, "options": [material_icon(name) for name in names] if names else [""] * count,
              "order": [1, 0] if options == "thumbs" else [],
              "layout": width_layout(here, width, content=True)}

    def check(chosen: Any) -> int | None:
        fits = isinstance(chosen, Integral) and not isinstance(chosen, bool) and 0 <= chosen < count
        return int(chosen) if fits else default  # as Streamlit: anything else is the default

    return draw(Spec("feedback", "button_group", "", traits, default, check=check,
                     to_widget=lambda chosen: [] if chosen is None else [int(chosen)],
                     to_python=lambda picked: picked[0] if picked else None,
                     url=url_binding.form_of(0)),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=None,
                disabled=disabled, label_visibility="collapsed", bind=bind)


def _group(function: str, style: str, label: str, options: Iterable[Any], selection_mode: str,
           default: Any, required: bool, format_func: Callable[[Any], Any] | None, key: Any,
           help: str | None, on_change: Any, args: Any, kwargs: Any, disabled: bool,
           label_visibility: str, width: Any, bind: Any, persist_state: Any) -> Any:
    here = f"jr.{function}({label!r})"
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "selection_mode", selection_mode, ("single", "multi"))
    multi = selection_mode == "multi"
    if required and multi:
        raise WidgetError(f"{here}: required=True works with selection_mode='single' only; "
                          "drop one of them")
    choices = options_list(here, options)
    picked = defaults_list(here, choices, default)
    if not multi and len(picked) > 1:
        raise WidgetError(f"{here}: default must be one option when selection_mode='single', "
                          f"got {default!r}; use selection_mode='multi' for several")
    traits = {"look": style, "multi": multi, "required": bool(required),
              "options": [_option_html(str((format_func or str)(choice))) for choice in choices],
              "layout": width_layout(here, width, content=True)}

    def check(chosen: Any) -> Any:
        if not multi:
            if chosen is not None:
                index_of(here, choices, chosen)
            return chosen
        items = [] if chosen is None else list(chosen) if isinstance(chosen, (list, tuple)) else [chosen]
        for item in items:
            index_of(here, choices, item)
        return items

    def to_widget(chosen: Any) -> list[int]:
        items = chosen if multi else ([] if chosen is None else [chosen])
        return [index_of(here, choices, item) for item in items]

    def to_python(indices: Any) -> Any:
        items = [choices[index] for index in indices if 0 <= index < len(choices)]
        return items if multi else (items[0] if items else None)

    default_value = picked if multi else (picked[0] if picked else None)
    return draw(Spec(function, "button_group", label, traits, check(default_value), check=check,
                     to_widget=to_widget, to_python=to_python,
                     url=url_binding.options_form(choices, format_func or str, many=multi)),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def _option_html(text: str) -> str:
    """An option's label as Streamlit draws it: markdown, where a leading emoji or
    ':material/name:' is an icon."""
    from .markdown import to_html

    return to_html(text, inline=True)
