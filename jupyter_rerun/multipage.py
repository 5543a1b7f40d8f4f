"""Multi-page apps (`st.navigation`, `st.Page`, `st.switch_page`, `st.page_link` to a page):
not supported yet, each a one-line error saying so. A notebook is one page; a Streamlit
app's pages can each run in a cell of their own (`%streamlit pages/one.py`).

`page_link` to an external URL (http://, https://, mailto:) is just a link, and works.
"""

from __future__ import annotations

from typing import Any

from .errors import NotSupportedError

__all__ = ["navigation", "Page", "switch_page", "page_link"]

_INSTEAD = "run each page in a cell of its own, e.g. %streamlit pages/one.py"
_EXTERNAL = ("http://", "https://", "mailto:")


def _unsupported(call: str) -> NotSupportedError:
    return NotSupportedError(f"multi-page apps are not supported yet; {call} needs Streamlit's "
                             f"page router: {_INSTEAD}")


def navigation(pages: Any, *, position: str = "sidebar", expanded: bool | int = False) -> Any:
    """Streamlit's page menu: not supported yet (raises NotSupportedError)."""
    raise _unsupported("st.navigation")


class Page:
    """Streamlit's page of a multi-page app: not supported yet (raises NotSupportedError)."""

    def __init__(self, page: Any, *, title: str | None = None, icon: str | None = None,
                 url_path: str | None = None, default: bool = False,
                 visibility: str = "visible", help: str | None = None) -> None:
        raise _unsupported(f"st.Page({page!r})")


def switch_page(page: Any, *, query_params: Any = None) -> Any:
    """Streamlit's page switch: not supported yet (raises NotSupportedError)."""
    raise _unsupported(f"st.switch_page({page!r})")


def page_link(page: Any, *, label: str | None = None, icon: str | None = None,
              icon_position: str = "left", help: str | None = None, disabled: bool = False,
              use_container_width: bool | None = None, width: Any = "content",
              query_params: Any = None) -> Any:
    """A link to an external page (a URL), drawn as a markdown link; a link to another
    page of a multi-page app is not supported yet (raises NotSupportedError)."""
    if not (isinstance(page, str) and page.startswith(_EXTERNAL)):
        raise _unsupported(f"st.page_link({page!r})")
    import jupyter_rerun

    text = (label or page).replace("]", "\\]")
    parts = [f"[{text}]({page})"] if not icon else (
        [icon, f"[{text}]({page})"] if icon_position == "left" else [f"[{text}]({page})", icon])
    return jupyter_rerun.markdown(" ".join(parts), help=help)
