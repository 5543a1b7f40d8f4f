"""jupyter_rerun: Streamlit's execution model in Jupyter.

`%load_ext jupyter_rerun`, then `%%rerun` cells rerun when the widgets they read change.
Inside them, `import jupyter_rerun as jr` gives Streamlit's API: widgets that return their
value (`jr.slider`), `jr.session_state`, display and layout elements.
"""

from __future__ import annotations

from .caching import cache_data, cache_resource
from .errors import (
    CachedWidgetWarning, ElementError, OptionError, RerunError, StoreError, UncacheableResultError,
    UnhashableParamError, WidgetError,
)
from .caching.code import SessionStateReadError
from .caching.hashing import HashFuncError
from .caching.values import UnpicklableResultError
from .extension import load_ipython_extension, unload_ipython_extension
from .rerun.context import DuplicateWidgetError
from .session import SessionState, session_state
from .stores import StoreWarning, open_store
from .ui.control import checkpoint, rerun, stop
from .ui.display import header, markdown, subheader, text, title, write
from .ui.inputs import (
    button, checkbox, color_picker, date_input, datetime_input, feedback, multiselect,
    number_input, pills, radio, segmented_control, select_slider, selectbox, slider, text_area,
    text_input, time_input, toggle,
)
from .ui.layout import columns, container, empty, space
from .ui.overlays import dialog, popover
from .ui.sections import expander, tabs
from .ui.sidebar import sidebar

# Streamlit's output elements, by family (each module lists its names in __all__)
from .ui.text import *  # noqa: E402,F401,F403
from .ui.status import *  # noqa: E402,F401,F403
from .ui.data import *  # noqa: E402,F401,F403
from .ui.charts import *  # noqa: E402,F401,F403
from .ui.media import *  # noqa: E402,F401,F403
from .ui.forms import *  # noqa: E402,F401,F403
from .ui import charts as _charts, data as _data, media as _media, status as _status, text as _text
from .ui import forms as _forms
from .ui import column_config  # noqa: E402,F401  (st.column_config: a module, not an element)
from .ui.files import *  # noqa: E402,F401,F403
from .ui.downloads import *  # noqa: E402,F401,F403
from .ui import downloads as _downloads, files as _files  # noqa: E402
from .ui.chat import *  # noqa: E402,F401,F403
from .ui import chat as _chat  # noqa: E402

# execution: what a Streamlit script calls besides elements (pages, fragments, the request)
from . import components  # noqa: E402  (st.components.v1)
from .errors import NotSupportedError  # noqa: E402
from .fragments import fragment  # noqa: E402
from .multipage import Page, navigation, page_link, switch_page  # noqa: E402
from .page_config import set_page_config  # noqa: E402
from .secrets_file import SecretNotFoundError, secrets  # noqa: E402
from .url_query import QueryParamsError, query_params  # noqa: E402
from .viewer import context  # noqa: E402

# the rest of Streamlit's API: other elements, config options, what only its server has
from .ui.misc import *  # noqa: E402,F401,F403
from .ui.menus import *  # noqa: E402,F401,F403
from .ui.layout_grid import *  # noqa: E402,F401,F403
from .ui import layout_grid as _layout_grid, menus as _menus, misc as _misc  # noqa: E402
from .ui.layout_grid import bottom  # noqa: E402
from .ui.misc import logo  # noqa: E402
from .options import get_option, set_option  # noqa: E402
from .server_only import App, connection, login, logout, user  # noqa: E402

__version__ = "0.1.0"

__all__ = [
    # extension
    "load_ipython_extension",
    "unload_ipython_extension",
    # state
    "session_state",
    "SessionState",
    # input widgets (inside %%rerun; each returns its value)
    "slider",
    "select_slider",
    "number_input",
    "text_input",
    "text_area",
    "checkbox",
    "toggle",
    "selectbox",
    "radio",
    "multiselect",
    "button",
    "date_input",
    "color_picker",
    "time_input",
    "datetime_input",
    "pills",
    "segmented_control",
    "feedback",
    # display
    "title",
    "header",
    "subheader",
    "markdown",
    "text",
    "write",
    # layout
    "columns",
    "tabs",
    "expander",
    "container",
    "empty",
    "space",
    "popover",
    "dialog",
    "sidebar",
    # caching
    "cache_data",
    "cache_resource",
    "open_store",
    # control
    "rerun",
    "stop",
    "checkpoint",
    # errors
    "RerunError",
    "WidgetError",
    "OptionError",
    "DuplicateWidgetError",
    "StoreError",
    "UnhashableParamError",
    "UncacheableResultError",
    "UnpicklableResultError",
    "HashFuncError",
    "SessionStateReadError",
    "StoreWarning",
    "CachedWidgetWarning",
    "ElementError",
    # output elements
    *_text.__all__,
    *_status.__all__,
    *_data.__all__,
    "column_config",
    *_charts.__all__,
    *_media.__all__,
    *_files.__all__,
    *_downloads.__all__,
    *_forms.__all__,
    *_chat.__all__,
    # execution
    "fragment",
    "navigation",
    "Page",
    "switch_page",
    "page_link",
    "set_page_config",
    "query_params",
    "secrets",
    "context",
    "NotSupportedError",
    "SecretNotFoundError",
    "QueryParamsError",
    # the rest of Streamlit's API
    *_misc.__all__,
    *_menus.__all__,
    *_layout_grid.__all__,
    "bottom",
    "logo",
    "get_option",
    "set_option",
    "connection",
    "login",
    "logout",
    "user",
    "App",
]
