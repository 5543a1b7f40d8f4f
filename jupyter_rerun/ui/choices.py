"""Inputs that choose among options: selectbox, radio, select_slider, multiselect, with
Streamlit's signatures.

- `selectbox`: a drop-down; `index=None` adds the placeholder as its first row, which
  stands for "nothing chosen" (None), so a choice can be taken back. With
  `accept_new_options` it is a field with the options as suggestions (ipywidgets'
  Combobox): typed text that is no option is returned as it is.
- `radio`: ipywidgets' radio buttons (`horizontal` lays them in a row); with `captions`,
  our ButtonGroup in its radio style, each caption under its option.
- `multiselect`: chips in an input (TagsInput); with `max_selections` or
  `accept_new_options`, our ChipSelect, which stops taking options at the limit and can
  add a typed one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from numbers import Integral
from typing import Any

from ..errors import WidgetError
from . import url_binding
from .entries import Spec, draw, unchanged
from .input_args import (
    Callback, compatible, defaults_list, index_checked, index_of, labelled, one_of,
    options_list, unique, where, width_layout,
)

FILTER_MODES = ("fuzzy", "contains", "prefix", None)


class _Nothing:
    """The value of a selectbox's placeholder row: nothing chosen (the function returns None)."""

    def __repr__(self) -> str:
        return "None"


NOTHING = _Nothing()


def selectbox(label: str, options: Iterable[Any], index: int | None = 0,
              format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None,
              on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
              placeholder: str | None = None, disabled: bool = False, required: bool = False,
              label_visibility: str = "visible", icon: str | None = None,
              accept_new_options: bool = False, filter_mode: str | None = "fuzzy",
              width: Any = "stretch", bind: Any = None, persist_state: Any = None) -> Any:
    """A drop-down; returns the chosen option (None when `index=None` and nothing chosen,
    or a typed new option with `accept_new_options`)."""
    here = where("selectbox", label)
    _check_select(here, bind, persist_state, filter_mode, accept_new_options)
    from .input_args import icon_html

    icon_html(here, icon)  # checked as Streamlit does; the drop-down shows no icon
    choices = options_list(here, options)
    index = index_checked(here, index, len(choices))
    default = choices[index] if index is not None and choices else None
    shown = _placeholder(placeholder, choices, accept_new_options, "an option")
    pairs = labelled(choices, format_func)
    traits: dict[str, Any] = {"layout": width_layout(here, width, content=False)}
    if accept_new_options:
        by_label = dict(pairs)
        traits.update(options=[text for text, _ in pairs], placeholder=shown, ensure_option=False,
                      continuous_update=False)
        spec = Spec("selectbox", "combobox", label, traits, default,
                    to_widget=lambda chosen: "" if chosen is None else _label_of(chosen, pairs),
                    to_python=lambda text: None if text == "" else by_label.get(text, text))
    else:
        empty = index is None or not choices
        traits["options"] = [(shown, NOTHING), *pairs] if empty else pairs

        def check(chosen: Any) -> Any:
            if chosen is not None:
                index_of(here, choices, chosen)
            return chosen

        spec = Spec("selectbox", "selectbox", label, traits, default, check=check,
                    to_widget=lambda chosen: NOTHING if chosen is None else chosen,
                    to_python=lambda chosen: None if chosen is NOTHING else chosen)
    spec.url = url_binding.options_form(choices, format_func, new_ones=accept_new_options)
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def radio(label: str, options: Iterable[Any], index: int | None = 0,
          format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None,
          on_change: Callback | str = "rerun", args: Any = None, kwargs: Any = None, *,
          disabled: bool = False, horizontal: bool = False, captions: Any = None,
          label_visibility: str = "visible", width: Any = "content", bind: Any = None,
          persist_state: Any = None) -> Any:
    """Radio buttons; returns the chosen option (None when `index=None` and none chosen)."""
    here = where("radio", label)
    compatible(here, bind=bind, persist_state=persist_state)
    layout = width_layout(here, width, content=True)
    choices = options_list(here, options)
    index = index_checked(here, index, len(choices))
    default = choices[index] if index is not None and choices else None

    def check(chosen: Any) -> Any:
        if chosen is not None:
            index_of(here, choices, chosen)
        return chosen

    if captions is None:
        traits = {"options": labelled(choices, format_func), "layout": layout,
                  "orientation": "horizontal" if horizontal else "vertical",
                  "classes": ["jr-radio-horizontal"] if horizontal else []}
        spec = Spec("radio", "radio", label, traits, default, check=check)
    else:
        from .markdown import to_html

        notes = list(captions) if not isinstance(captions, str) else [captions]
        for note in notes:
            if note is not None and not isinstance(note, str):
                raise WidgetError(f"{here}: each caption must be a string or None, got {note!r}")
        traits = {"look": "radio", "horizontal": bool(horizontal), "layout": layout,
                  "options": [to_html(str(format_func(choice)), inline=True) for choice in choices],
                  "captions": [to_html(note, inline=True) if note else "" for note in notes]}
        spec = Spec("radio", "button_group", label, traits, default, check=check,
                    to_widget=lambda chosen: [] if chosen is None else [index_of(here, choices, chosen)],
                    to_python=lambda picked: choices[picked[0]] if picked else None)
    spec.url = url_binding.options_form(choices, format_func)
    return draw(spec, key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def select_slider(label: str, options: Iterable[Any] = (), value: Any = None,
                  format_func: Callable[[Any], Any] = str, key: Any = None,
                  help: str | None = None, on_change: Callback | str = "rerun",
                  args: Any = None, kwargs: Any = None, *, disabled: bool = False,
                  label_visibility: str = "visible", width: Any = "stretch", bind: Any = None,
                  persist_state: Any = None) -> Any:
    """A slider over `options` (any values: words, dates, ...); a pair `value` makes it a
    range (returns a tuple, low end first)."""
    here = where("select_slider", label)
    compatible(here, bind=bind, persist_state=persist_state)
    choices = options_list(here, options)
    if not choices:
        raise WidgetError(f"{here}: options is empty; pass at least one option")
    is_range = isinstance(value, (list, tuple))
    if is_range and len(value) != 2:
        raise WidgetError(f"{here}: a range value is a pair (low, high), got {value!r}")

    def check(chosen: Any) -> Any:
        if not is_range:
            index_of(here, choices, chosen)
            return chosen
        ends = sorted(chosen, key=lambda item: index_of(here, choices, item))
        return tuple(ends)

    default = check(value if value is not None else choices[0])
    traits = {"options": labelled(choices, format_func), "continuous_update": False,
              "layout": width_layout(here, width, content=False)}
    return draw(Spec("select_slider", "select_range_slider" if is_range else "select_slider",
                     label, traits, default, check=check, to_python=tuple if is_range else unchanged,
                     url=url_binding.options_form(choices, format_func, many=is_range)),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


def multiselect(label: str, options: Iterable[Any], default: Any = None,
                format_func: Callable[[Any], Any] = str, key: Any = None,
                help: str | None = None, on_change: Callback | str = "rerun",
                args: Any = None, kwargs: Any = None, *, max_selections: int | None = None,
                placeholder: str | None = None, disabled: bool = False,
                label_visibility: str = "visible", accept_new_options: bool = False,
                filter_mode: str | None = "fuzzy", select_all: bool | int = 1000,
                width: Any = "stretch", wrap: bool | None = None, bind: Any = None,
                persist_state: Any = None) -> list[Any]:
    """Chips in an input, picked from a drop-down; returns the chosen options in the order
    they were picked (and typed new ones, with `accept_new_options`)."""
    here = where("multiselect", label)
    _check_select(here, bind, persist_state, filter_mode, accept_new_options)
    if max_selections is not None and (isinstance(max_selections, bool) or not isinstance(
            max_selections, Integral) or max_selections < 1):
        raise WidgetError(f"{here}: max_selections must be a positive int, got {max_selections!r}"
                          " (to turn the multiselect off, use disabled=True)")
    if not isinstance(select_all, bool) and (not isinstance(select_all, Integral) or select_all < 0):
        raise WidgetError(f"{here}: select_all must be True, False or a count >= 0, got {select_all!r}")
    choices = options_list(here, options)
    labels = unique([text for text, _ in labelled(choices, format_func)])
    by_label = dict(zip(labels, choices))
    check = _picks_checker(here, choices, accept_new_options, max_selections)
    initial = check(defaults_list(here, choices, default))

    def to_widget(chosen: Any) -> list[str]:
        return [_label_of(item, list(zip(labels, choices))) for item in chosen]

    def to_python(texts: Any) -> list[Any]:
        picked = [by_label[text] if text in by_label else text for text in texts
                  if text in by_label or accept_new_options]
        return picked[:max_selections] if max_selections else picked

    shown = _placeholder(placeholder, choices, accept_new_options, "options")
    traits: dict[str, Any] = {"placeholder": shown, "layout": width_layout(here, width, content=False)}
    if max_selections is None and not accept_new_options:
        kind = "multiselect"
        traits.update(allowed_tags=labels, allow_duplicates=False)
    else:
        kind = "chip_select"
        traits.update(options=labels, max_selections=max_selections or 0,
                      accept_new=bool(accept_new_options), filter_mode=filter_mode or "none")
    return draw(Spec("multiselect", kind, label, traits, initial, check=check, to_widget=to_widget,
                     to_python=to_python, writeback=max_selections is not None,
                     url=url_binding.options_form(choices, format_func, many=True,
                                                  new_ones=accept_new_options)),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility, bind=bind)


# -- helpers ----------------------------------------------------------------------------------
def _picks_checker(here: str, choices: list[Any], accept_new: bool,
                   max_selections: int | None) -> Callable[[Any], list[Any]]:
    """A multiselect's value: options (or typed strings, with accept_new), at most
    max_selections of them (Streamlit's error when the default or session_state has more)."""
    def check(chosen: Any) -> list[Any]:
        picked = [] if chosen is None else (list(chosen) if isinstance(chosen, (list, tuple, set))
                                            else [chosen])
        for item in picked:
            if not (accept_new and isinstance(item, str)):
                index_of(here, choices, item)
        if max_selections is not None and len(picked) > max_selections:
            raise WidgetError(f"{here}: {len(picked)} options are chosen (by default or in "
                              f"session_state), more than max_selections={max_selections}; "
                              f"choose at most {max_selections}")
        return picked

    return check


def _check_select(here: str, bind: Any, persist_state: Any, filter_mode: Any, accept_new: Any) -> None:
    compatible(here, bind=bind, persist_state=persist_state)
    one_of(here, "filter_mode", filter_mode, FILTER_MODES)
    if filter_mode is None and accept_new:
        raise WidgetError(f"{here}: filter_mode=None cannot go with accept_new_options=True; "
                          "use 'fuzzy', 'contains' or 'prefix'")


def _placeholder(given: str | None, choices: list[Any], accept_new: bool, what: str) -> str:
    """Streamlit's placeholder when none is given, by what the widget can do."""
    if given is not None:
        return str(given)
    if accept_new:
        return f"Choose or add {what}"
    return f"Choose {what}" if choices else "No options to select"


def _label_of(item: Any, pairs: list[tuple[str, Any]]) -> str:
    for text, choice in pairs:
        try:
            if choice == item:
                return text
        except (ValueError, TypeError):
            continue
    return str(item)
