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

# Streamlit's elements, by family (each module lists its names in __all__)
from .ui.text import caption, code, latex, divider, echo, help, html, badge, json, write_stream
from .ui.status import (
    success, info, warning, error, exception, progress, spinner, status, toast, balloons, snow,
)
from .ui.data import dataframe, data_editor, table, metric
from .ui.charts import (
    line_chart, area_chart, bar_chart, scatter_chart, map, altair_chart, vega_lite_chart,
    plotly_chart, pyplot, bokeh_chart, graphviz_chart, pydeck_chart,
)
from .ui.media import image, audio, video
from .ui.files import file_uploader, camera_input, audio_input
from .ui.downloads import download_button, link_button
from .ui.forms import form, form_submit_button
from .ui.chat import chat_input, chat_message
from .ui import column_config  # st.column_config: a module, not an element

# execution: what a Streamlit script calls besides elements (pages, fragments, the request)
from . import components  # noqa: F401  (st.components.v1, a module)
from .errors import NotSupportedError
from .fragments import fragment
from .multipage import Page, navigation, page_link, switch_page
from .page_config import set_page_config
from .secrets_file import SecretNotFoundError, secrets
from .url_query import QueryParamsError, query_params
from .viewer import context

# the rest of Streamlit's API: other elements, config options, what only its server has
from .ui.misc import echarts_chart, iframe, mermaid_chart, pdf, skeleton, logo
from .ui.menus import menu_button, pagination
from .ui.layout_grid import grid, bottom
from .options import get_option, set_option
from .server_only import App, connection, login, logout, user

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
    # text
    "caption",
    "code",
    "latex",
    "divider",
    "echo",
    "help",
    "html",
    "badge",
    "json",
    "write_stream",
    # status
    "success",
    "info",
    "warning",
    "error",
    "exception",
    "progress",
    "spinner",
    "status",
    "toast",
    "balloons",
    "snow",
    # data
    "dataframe",
    "data_editor",
    "table",
    "metric",
    "column_config",
    # charts
    "line_chart",
    "area_chart",
    "bar_chart",
    "scatter_chart",
    "map",
    "altair_chart",
    "vega_lite_chart",
    "plotly_chart",
    "pyplot",
    "bokeh_chart",
    "graphviz_chart",
    "pydeck_chart",
    # media
    "image",
    "audio",
    "video",
    # files
    "file_uploader",
    "camera_input",
    "audio_input",
    # downloads
    "download_button",
    "link_button",
    # forms
    "form",
    "form_submit_button",
    # chat
    "chat_input",
    "chat_message",
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
    # misc
    "logo",
    "echarts_chart",
    "iframe",
    "mermaid_chart",
    "pdf",
    "skeleton",
    # menus
    "menu_button",
    "pagination",
    # layout grid
    "bottom",
    "grid",
    "get_option",
    "set_option",
    "connection",
    "login",
    "logout",
    "user",
    "App",
]
