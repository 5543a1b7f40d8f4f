"""`streamlit.components`: in a %%rerun cell, `import streamlit.components.v1 as components`
imports `jupyter_rerun.components.v1` (see streamlit_code.py)."""

from __future__ import annotations

from . import v1

__all__ = ["v1"]
