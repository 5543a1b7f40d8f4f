"""jupyter_rerun: Streamlit's execution model in Jupyter.

`%load_ext jupyter_rerun`, then `%%rerun` cells rerun when the widgets they read change.
"""

from __future__ import annotations

from .errors import RerunError, StoreError, UnhashableParamError
from .extension import load_ipython_extension, unload_ipython_extension
from .session import SessionState, session_state

__version__ = "0.1.0"

__all__ = [
    # extension
    "load_ipython_extension",
    "unload_ipython_extension",
    # state
    "session_state",
    "SessionState",
    # errors
    "RerunError",
    "StoreError",
    "UnhashableParamError",
]
