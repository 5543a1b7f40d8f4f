"""The Voila request a kernel serves: its query string, headers and address.

Voila hands a kernel its viewer's request through the environment: `QUERY_STRING`,
`SCRIPT_NAME`, `SERVER_NAME`, `SERVER_PORT`, and `HTTP_*` for the headers its
`http_header_envs` setting lists (none by default). A kernel Voila started for the request
has them from the start. A preheated kernel (`--preheat_kernel`) was started before anyone
asked for the page: it gets them only once a viewer's request arrives, and its
`VOILA_REQUEST_URL` belongs to the request that started it, not to this viewer's (see
/work/spikes/REPORT.md §4). There the first read waits for the request with Voila's own
helper, `voila.utils.wait_for_request()`, as Voila advises: the cells above it are
prerendered, the rest run once the viewer is there.

Outside Voila (JupyterLab, nbclient) there is no request: everything is empty.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urlsplit, urlunsplit

from .page import under_voila

log = logging.getLogger("jupyter_rerun")

_ARRIVED = "SERVER_SOFTWARE"  # set with the rest of a request's variables, never before
_warned = False


def environment() -> Mapping[str, str]:
    """The request's variables (os.environ under Voila, once they are there), else {}."""
    if not under_voila():
        return {}
    if os.environ.get("VOILA_PREHEAT") == "True" and _ARRIVED not in os.environ:
        _wait_for_request()
        if _ARRIVED not in os.environ:
            return {}  # nothing this viewer sent is known: better nothing than another's
    return os.environ


def _wait_for_request() -> None:
    global _warned
    try:
        from voila.utils import wait_for_request
    except ImportError:
        if not _warned:
            _warned = True
            log.warning("jupyter_rerun: this preheated Voila kernel cannot read its viewer's "
                        "request (query_params and context stay empty): install voila in the "
                        "kernel's environment")
        return
    wait_for_request()


def query_string() -> str:
    return environment().get("QUERY_STRING", "")


def headers() -> list[tuple[str, str]]:
    """The request headers Voila passed on (`HTTP_USER_AGENT` -> `User-Agent`)."""
    return [(name[5:].replace("_", "-").title(), value)
            for name, value in environment().items() if name.startswith("HTTP_")]


def cookies() -> dict[str, str]:
    """The cookies of the request's Cookie header, if Voila passed it on."""
    header = environment().get("HTTP_COOKIE", "")
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        log.warning("jupyter_rerun: the request's Cookie header could not be read; "
                    "context.cookies is empty")
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def url() -> str | None:
    """The page's address without its query string, or None outside Voila."""
    variables = environment()
    if not variables:
        return None
    if variables.get("VOILA_PREHEAT") != "True" and variables.get("VOILA_REQUEST_URL"):
        scheme, netloc, path, _, _ = urlsplit(variables["VOILA_REQUEST_URL"])
        return urlunsplit((scheme, netloc, path, "", ""))
    host, port, path = (variables.get(name, "") for name in ("SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME"))
    if not host:
        return None
    scheme = "https" if variables.get("VOILA_WS_PROTOCOL") == "wss" else "http"
    return f"{scheme}://{host}{':' + port if port else ''}{path}"
