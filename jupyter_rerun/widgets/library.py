"""Big JavaScript libraries (plotly.js, BokehJS), shipped to the page once per kernel.

anywidget sends a model's `_esm` with every instance, and the browser evaluates every copy:
ten plotly charts would cost ten copies of plotly.js (4.8 MB each). Instead one hidden
`ScriptLibrary` model per library carries the library's classic scripts, gzipped, as a
binary buffer; each chart's own small module asks it for the library through anywidget's
host API (`host.getWidget(model.get("lib"))`), and the first chart to ask has it unpacked
and evaluated, once for the page.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

import anywidget
import traitlets

from . import SharedLayout, close, on_unload


def static_text(name: str) -> str:
    """The text of `jupyter_rerun/static/<name>` (an element's JavaScript)."""
    return resources.files("jupyter_rerun").joinpath("static", name).read_text()


class ScriptLibrary(SharedLayout, anywidget.AnyWidget):
    """Never displayed: its module's exports are `{load}`, where `load()` unpacks and runs
    the scripts (once) and resolves to the global they define (`Plotly`, `Bokeh`)."""

    _esm = static_text("script_library.js")
    name = traitlets.Unicode("").tag(sync=True)
    source = traitlets.Bytes(b"").tag(sync=True)  # gzip of the scripts, one after another
    global_name = traitlets.Unicode("").tag(sync=True)


_libraries: dict[str, ScriptLibrary] = {}


def script_library(name: str, scripts: Callable[[], Sequence[Path]], global_name: str) -> ScriptLibrary:
    """The kernel's one library model called `name`, made on first use (and again if it
    was closed, e.g. by unloading the extension). `scripts()` lists the files, in order."""
    library = _libraries.get(name)
    if library is None or library.comm is None:
        # the scripts are minified already; level 1 gets most of gzip's gain (4.8 MB of
        # plotly.js -> 1.7 MB) in a tenth of the time of level 9
        text = b"\n;\n".join(Path(path).read_bytes() for path in scripts())
        library = ScriptLibrary(name=name, source=gzip.compress(text, compresslevel=1, mtime=0),
                                global_name=global_name)
        _libraries[name] = library
    return library


def _close_libraries() -> None:
    for library in _libraries.values():
        close(library)
    _libraries.clear()


on_unload(_close_libraries)
