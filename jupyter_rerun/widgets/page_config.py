"""The page's own settings, kept by one hidden model per kernel: the title, icon and layout
`jr.set_page_config` gives a Voila page, and the query string `jr.query_params` writes into
its address. Its front end (static/page_config.js) draws nothing; each of its views applies
the settings to the page it is on."""

from __future__ import annotations

import anywidget
import ipywidgets
import traitlets

from . import layout_model, one_per_kernel
from .library import static_text


class PageModel(anywidget.AnyWidget):
    """title, icon (a URL for the favicon), page_layout ("centered" | "wide"): "" leaves
    the page's own; query: the address's query string, None to leave the address alone.
    (`layout` is every widget's CSS box.)"""

    _esm = static_text("page_config.js")
    title = traitlets.Unicode("").tag(sync=True)
    icon = traitlets.Unicode("").tag(sync=True)
    page_layout = traitlets.Unicode("").tag(sync=True)
    query = traitlets.Unicode(None, allow_none=True).tag(sync=True)


# the kernel's page model, made on first use (and again after the extension unloads)
page_model = one_per_kernel(lambda: PageModel(layout=layout_model(display="none")))
