"""Inline widgets that choose among options: selectbox, radio, multiselect (Streamlit's
signatures), and the helpers every options widget shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Optional

from ..errors import WidgetError
from .entries import Spec, draw

Callback = Optional[Callable[..., Any]]


def selectbox(label: str, options: Iterable[Any], index: int | None = 0,
              format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None,
              on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
              placeholder: str = "Choose an option", disabled: bool = False,
              label_visibility: str = "visible") -> Any:
    """A drop-down; returns the chosen option (None when `index=None` and nothing chosen)."""
    return _choice("selectbox", label, options, index, format_func, key, on_change, args,
                   kwargs, help, disabled, label_visibility)


def radio(label: str, options: Iterable[Any], index: int | None = 0,
          format_func: Callable[[Any], Any] = str, key: Any = None, help: str | None = None,
          on_change: Callback = None, args: Any = None, kwargs: Any = None, *,
          disabled: bool = False, horizontal: bool = False, captions: Any = None,
          label_visibility: str = "visible") -> Any:
    """Radio buttons; returns the chosen option. (`horizontal` and `captions` are accepted
    for Streamlit compatibility and not drawn: ipywidgets' radio buttons stack vertically.)"""
    return _choice("radio", label, options, index, format_func, key, on_change, args, kwargs,
                   help, disabled, label_visibility)


def _choice(function: str, label: str, options: Iterable[Any], index: Any,
            format_func: Callable[[Any], Any], key: Any, on_change: Callback, args: Any,
            kwargs: Any, help: Any, disabled: bool, label_visibility: str) -> Any:
    where = f"jr.{function}({label!r})"
    choices = _options(where, options)
    if index is not None and (isinstance(index, bool) or not isinstance(index, int)
                              or not 0 <= index < len(choices)):
        raise WidgetError(f"{where}: index must be None or an int from 0 to {len(choices) - 1} "
                          f"(there are {len(choices)} options), got {index!r}")
    default = None if index is None else choices[index]

    def check(chosen: Any) -> Any:
        if chosen is not None:
            _index_of(where, choices, chosen)
        return chosen

    return draw(Spec(function, "selectbox" if function == "selectbox" else "radio", label,
                     {"options": _labelled(choices, format_func)}, default, check=check),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)


def multiselect(label: str, options: Iterable[Any], default: Any = None,
                format_func: Callable[[Any], Any] = str, key: Any = None,
                help: str | None = None, on_change: Callback = None, args: Any = None,
                kwargs: Any = None, *, max_selections: int | None = None,
                placeholder: str = "Choose an option", disabled: bool = False,
                label_visibility: str = "visible") -> list[Any]:
    """Chips in an input, picked from a drop-down; returns the chosen options, in the
    order they were picked (as Streamlit does)."""
    where = f"jr.multiselect({label!r})"
    choices = _options(where, options)
    if max_selections is not None and (not isinstance(max_selections, int) or max_selections < 1):
        raise WidgetError(f"{where}: max_selections must be a positive int, got {max_selections!r}")

    def check(chosen: Any) -> list[Any]:
        chosen = [] if chosen is None else (list(chosen) if isinstance(chosen, (list, tuple, set))
                                            else [chosen])
        for item in chosen:
            _index_of(where, choices, item)
        if max_selections is not None and len(chosen) > max_selections:
            raise WidgetError(f"{where}: {len(chosen)} options chosen, more than "
                              f"max_selections={max_selections}")
        return chosen

    initial = check(default)
    # chips in an input (ipywidgets' TagsInput), which knows only the options' labels
    labels = _unique([label for label, _ in _labelled(choices, format_func)])
    by_label = dict(zip(labels, choices))

    def to_python(chosen: Any) -> list[Any]:
        picked = [by_label[text] for text in chosen if text in by_label]
        return picked[:max_selections] if max_selections else picked

    return draw(Spec("multiselect", "multiselect", label,
                     {"allowed_tags": labels, "allow_duplicates": False,
                      "placeholder": placeholder}, initial, check=check,
                     to_widget=lambda chosen: [labels[_index_of(where, choices, item)]
                                               for item in chosen],
                     to_python=to_python),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=help,
                disabled=disabled, label_visibility=label_visibility)



# -- helpers ----------------------------------------------------------------------------------
def _options(where: str, options: Any) -> list[Any]:
    if hasattr(options, "columns") and hasattr(options, "iloc"):  # a DataFrame: first column
        options = options.iloc[:, 0]
    if isinstance(options, (str, bytes)) or not isinstance(options, Iterable):
        raise WidgetError(f"{where}: options must be a list (or another iterable) of choices, "
                          f"got {options!r}")
    choices = list(options)
    if not choices:
        raise WidgetError(f"{where}: options is empty; pass at least one option")
    return choices


def _labelled(choices: Sequence[Any], format_func: Callable[[Any], Any]) -> list[tuple[str, Any]]:
    return [(str(format_func(choice)), choice) for choice in choices]


def _unique(labels: list[str]) -> list[str]:
    """Labels made distinct where two options format alike ('a', 'a (2)')."""
    seen: dict[str, int] = {}
    unique = []
    for text in labels:
        seen[text] = seen.get(text, 0) + 1
        unique.append(text if seen[text] == 1 else f"{text} ({seen[text]})")
    return unique


def _index_of(where: str, choices: Sequence[Any], item: Any) -> int:
    for index, choice in enumerate(choices):
        try:
            if choice == item:
                return index
        except (ValueError, TypeError):
            continue
    raise WidgetError(f"{where}: {item!r} is not one of the options {choices!r}")
