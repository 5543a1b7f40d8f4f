"""What a %%rerun cell draws: inputs (sliders, buttons, ...), display elements (headers,
markdown, write), layout (columns, tabs, expanders, containers, placeholders) and control
(rerun, stop)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def elements() -> dict[str, Callable[..., Any]]:
    """Element functions by name; blocks (columns, tabs, ...) and element handles expose
    them as methods. Each family module lists its elements in `__all__`."""
    from . import charts, control, data, display, forms, inputs, layout, media, status, text

    names = {
        inputs: tuple(inputs.__all__),
        display: ("title", "header", "subheader", "markdown", "text", "write"),
        control: ("rerun", "stop", "checkpoint"),
    }
    from . import overlays, sections

    names[layout], names[sections] = tuple(layout.__all__), tuple(sections.__all__)
    names[overlays] = ("popover",)  # jr.dialog is a decorator, not a block's method
    for family in (text, status, data, charts, media, forms):
        names[family] = tuple(family.__all__)
    from . import downloads, files

    names[files], names[downloads] = tuple(files.__all__), tuple(downloads.__all__)
    from . import chat

    names[chat] = tuple(chat.__all__)
    from . import layout_grid, menus, misc

    for family in (misc, menus, layout_grid):  # Streamlit 1.67's other elements
        names[family] = tuple(family.__all__)
    from .. import multipage

    names[multipage] = ("page_link",)  # st.sidebar.page_link(...)
    return {name: getattr(module, name) for module, group in names.items() for name in group}
