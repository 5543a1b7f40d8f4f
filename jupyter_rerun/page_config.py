"""`jr.set_page_config`: the browser tab's title and icon, and the page's layout.

On a Voila page (a page of its own, for viewers) it sets the tab's title, its icon (an
emoji, a `:shortcode:`, an image URL or file) and the width of the content: Streamlit's
"centered" (46rem, in the middle) or "wide" (the whole window). As in Streamlit, calls
add up: each changes only what it is given. In JupyterLab (and anywhere else) the page is
JupyterLab's, not the notebook's: the arguments are checked, and nothing changes.
`initial_sidebar_state` and `menu_items` are checked and accepted; a notebook page has no
app menu.
"""

from __future__ import annotations

import base64
import mimetypes
import random
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .errors import ElementError
from .page import under_voila
from .rerun.context import current_run

LAYOUTS = ("centered", "wide")
SIDEBAR_STATES = ("auto", "expanded", "collapsed", "locked")
MENU_ITEMS = ("get help", "report a bug", "about")
_URL_SCHEMES = ("http://", "https://", "mailto:")
_RANDOM_ICONS = "🎈🚀🌟🔥🌈🎯📊📈🧪🧭🌻🐙🦊🍀"


def set_page_config(page_title: str | None = None, page_icon: Any = None,
                    layout: str | None = None, initial_sidebar_state: str | int | None = None,
                    menu_items: dict[str, str | None] | None = None) -> None:
    """Set the Voila page's title, icon and layout (elsewhere: checked, then nothing)."""
    _check(layout, initial_sidebar_state, menu_items)
    if not under_voila():
        return
    traits: dict[str, str] = {}
    if page_title is not None:
        traits["title"] = str(page_title)
    if page_icon is not None:
        traits["icon"] = _icon_href(page_icon)
    if layout is not None:
        traits["page_layout"] = layout
    show_page({name: value for name, value in traits.items() if value})


def show_page(traits: dict[str, Any]) -> None:
    """Apply `traits` to the kernel's page model, and put the model where it is seen: in
    the current %%rerun run (it draws nothing), else displayed once more."""
    from . import widgets
    from .widgets.page_config import page_model

    model = page_model()
    widgets.update_traits(model, traits)
    run = current_run()
    if run is None:
        from IPython.display import display

        display(model)
    elif model not in run.frame.elements:
        run.frame.add(model)


def _check(layout: Any, sidebar: Any, menu_items: Any) -> None:
    """Streamlit's checks, and its words."""
    if layout is not None and layout not in LAYOUTS:
        raise ElementError(f"Invalid `layout` value. Supported values: 'centered', 'wide'; "
                           f"got {layout!r}")
    if sidebar is not None and sidebar not in SIDEBAR_STATES and not (
            isinstance(sidebar, int) and not isinstance(sidebar, bool) and sidebar > 0):
        raise ElementError("Invalid `initial_sidebar_state` value. Supported values: 'auto', "
                           f"'expanded', 'collapsed', 'locked', or a positive width in pixels; "
                           f"got {sidebar!r}")
    for key, value in (menu_items or {}).items():
        name = str(key).lower().strip()
        if name not in MENU_ITEMS:
            raise ElementError(f"Invalid `menu_items` value. Supported values: 'Get help', "
                               f"'Report a bug', 'About'. `{key}` is not a supported menu item key.")
        if value is not None and name != "about" and not str(value).startswith(_URL_SCHEMES):
            raise ElementError(f"menu_items[{key!r}]: {value!r} is not a valid URL; it must "
                               "start with http://, https:// or mailto:")


def _icon_href(icon: Any) -> str:
    """A favicon URL for `icon` (an emoji drawn as SVG text); "" if it cannot be one."""
    if isinstance(icon, Path) or (isinstance(icon, str) and Path(icon).suffix and Path(icon).is_file()):
        path = Path(icon)
        mime = mimetypes.guess_type(path.name)[0] or "image/png"
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"
    if not isinstance(icon, str):
        return ""  # an image object: not shown as a favicon here
    if icon.startswith(("http://", "https://", "data:")):
        return icon
    if icon == "random":
        icon = random.choice(_RANDOM_ICONS)
    elif icon.startswith(":") and icon.endswith(":") and not icon.startswith(":material/"):
        from .ui.icons import emoji_for

        icon = emoji_for(icon.strip(":")) or ""
    if not icon or icon.startswith(":material/"):
        return ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
           f'<text y=".9em" font-size="90">{escape(icon)}</text></svg>')
    return "data:image/svg+xml," + quote(svg)
