"""`pagination` and `menu_button`, with Streamlit 1.67's signatures, over the mechanisms
other inputs use.

- `pagination(num_pages)` is previous/next arrows and page buttons (static/pagination.js):
  at most `max_visible_pages` of them (None: all; 0: the arrows alone), the first and the
  last always shown, "…" for the pages left out; it returns the chosen page, 1 the first.
  Unlike Streamlit's, it does not hide pages to fit a narrow column.
- `menu_button(label, options)` is a popover holding one button per option: it returns
  the option clicked in the run the click caused, None otherwise, as Streamlit's does;
  `session_state[key]` holds that return value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from numbers import Integral
from typing import Any

from ..errors import WidgetError
from ..session import session_state
from .buttons import button
from .entries import Spec, draw
from .input_args import Callback, compatible, one_of, options_list, width_layout
from .overlays import popover

__all__ = ["menu_button", "pagination"]


def pagination(num_pages: int, *, default: int = 1, max_visible_pages: int | None = 7,
               width: Any = "content", key: Any = None, on_change: Callback | str = "rerun",
               args: Any = None, kwargs: Any = None, disabled: bool = False,
               bind: Any = None, persist_state: Any = None) -> int:
    """Numbered page buttons; returns the chosen page (1-indexed)."""
    here = f"jr.pagination({num_pages!r})"
    compatible(here, bind=bind, persist_state=persist_state)
    if isinstance(num_pages, bool) or not isinstance(num_pages, Integral) or num_pages < 1:
        raise WidgetError(f"{here}: num_pages must be a whole number of at least 1, got {num_pages!r}")
    if isinstance(default, bool) or not isinstance(default, Integral) or not 1 <= default <= num_pages:
        raise WidgetError(f"{here}: default must be a page from 1 to {num_pages}, got {default!r}")
    if max_visible_pages is not None and (isinstance(max_visible_pages, bool) or not isinstance(
            max_visible_pages, Integral) or max_visible_pages < 0):
        raise WidgetError(f"{here}: max_visible_pages must be None or a whole number of at "
                          f"least 0, got {max_visible_pages!r}")
    count = int(num_pages)
    traits = {"num_pages": count, "max_visible": -1 if max_visible_pages is None else int(max_visible_pages),
              "layout": width_layout(here, width, content=True)}

    def check(page: Any) -> int:
        fits = isinstance(page, Integral) and not isinstance(page, bool) and 1 <= page <= count
        if not fits:
            raise WidgetError(f"{here}: session_state holds {page!r}, not a page from 1 to {count}")
        return int(page)

    return draw(Spec("pagination", "pagination", "", traits, int(default), check=check,
                     to_python=lambda page: min(max(int(page), 1), count)),
                key=key, callback=on_change, args=args, kwargs=kwargs, help=None,
                disabled=disabled, label_visibility="collapsed", bind=bind)


def menu_button(label: str, options: Iterable[Any], *, key: Any = None, help: str | None = None,
                on_click: Callback = None, args: Any = None, kwargs: Any = None,
                type: str = "secondary", icon: str | None = None, disabled: bool = False,
                width: Any = "content", format_func: Callable[[Any], Any] = str,
                wrap: bool | None = None) -> Any:
    """A button that opens a menu of `options`; returns the option clicked in the run the
    click caused, else None."""
    here = f"jr.menu_button({label!r})"
    choices = options_list(here, options)
    if not choices:
        raise WidgetError(f"{here}: options must hold at least one option")
    one_of(here, "type", type, ("primary", "secondary", "tertiary"))
    if on_click is not None and not callable(on_click):
        raise WidgetError(f"{here}: on_click must be a function, got {on_click!r}")
    menu = popover(label, type=type, help=help, icon=icon, disabled=disabled, width=width,
                   wrap=wrap)
    chosen = None

    def clicked(choice: Any) -> None:  # before the run, as Streamlit's: session_state first
        if key is not None:
            session_state[str(key)] = choice
        if on_click is not None:
            on_click(*(args or ()), **(kwargs or {}))

    with menu:
        for choice in choices:
            if button(str(format_func(choice)), type="tertiary", width="stretch", disabled=disabled,
                      on_click=clicked if key is not None or on_click else None, args=(choice,)):
                chosen = choice
    if key is not None:
        session_state[str(key)] = chosen
    return chosen
