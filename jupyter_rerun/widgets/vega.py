"""Vega-Lite charts as anywidgets, offline: one library model per kernel carries Vega.

vl-convert-python bundles Vega, Vega-Lite and vega-embed into one ES module (~0.9 MB).
anywidget sends a model's `_esm` with every instance and evaluates one copy per instance,
so the bundle lives in a single hidden `VegaLibrary` model per kernel, gzipped, as a binary
buffer (0.3 MB instead of 0.9 MB of JSON text); each `VegaChart` carries only our glue
(static/vega_chart.js) and a reference to the library, whose `load()` unpacks and imports
the bundle once per page and hands the glue the libraries (anywidget 0.11's
`host.getWidget(...).exports`).

A chart's data travels as binary buffers (`datasets`: {name: {"columns": [{..., "values":
bytes}]}}; ipywidgets sends bytes found in nested dicts as buffers), its spec without data as
JSON. Changing the data of a drawn chart sends the new columns only; the glue swaps them into
the same Vega view.
"""

from __future__ import annotations

import gzip
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import anywidget
import traitlets

from ..errors import ElementError
from . import SharedLayout, one_per_kernel

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'jupyter-rerun[charts]'"
# The library's exports: the three libraries, and `land()`, the land outline for maps
# (parsed once per page, whichever chart asks first; it may arrive after the first map).
_EXPORTS = """
export default {
  initialize({ model }) {
    let parsed = null;
    const read = () => {
      const view = model.get("land");
      if (!parsed && view && view.byteLength) parsed = JSON.parse(new TextDecoder().decode(view));
      return parsed;
    };
    const land = () => new Promise((resolve) => {
      if (read()) return resolve(parsed);
      const later = () => { if (read()) { model.off("change:land", later); resolve(parsed); } };
      model.on("change:land", later);
    });
    return { vega, vegaLite, vegaEmbed, land };
  },
};
"""
_END = "\n// jupyter_rerun vega bundle: complete\n"  # a cached file cut short lacks this line


def _static(name: str) -> str:
    return resources.files("jupyter_rerun").joinpath("static", name).read_text()


@cache
def bundle() -> str:
    """The ES module with Vega, Vega-Lite and vega-embed, exporting them to the charts.
    Making it costs ~1.5 s of CPU, so it is kept on disk per vl-convert version."""
    try:
        import vl_convert
    except ImportError:
        raise ElementError(f"Vega-Lite charts need vl-convert-python: {INSTALL_HINT}") from None
    path = _cache_path(vl_convert.__version__)
    cached = _read_cached(path) if path else None
    if cached is not None:
        return cached
    text = vl_convert.javascript_bundle(_EXPORTS) + _END
    if path:
        _write_cached(path, text)
    return text


def _cache_path(version: str) -> str | None:
    """Where the bundle is kept: a folder private to this user (others who could write
    it could put their script into every chart we draw), or None to keep it in memory."""
    from ..stores.folders import check_folder, make_private
    from ..errors import StoreError

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "jupyter_rerun", "vega")
    try:
        make_private(folder)
        check_folder(folder)
    except (OSError, StoreError) as error:
        log.warning("jupyter_rerun: the Vega bundle is not kept on disk (%s); each kernel "
                    "makes it again (~1.5 s)", error)
        return None
    return os.path.join(folder, f"vega-bundle-vlc{version}.js")


def _read_cached(path: str) -> str | None:
    from ..errors import StoreError
    from ..stores.folders import check_own_file

    try:
        check_own_file(path)
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, StoreError) as error:
        log.warning("jupyter_rerun: ignoring the cached Vega bundle %s (%s)", path, error)
        return None
    return text if text.endswith(_END) else None


def _write_cached(path: str, text: str) -> None:
    """Write whole or not at all: other kernels may read it at the same moment."""
    try:
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except OSError as error:
        log.warning("jupyter_rerun: could not keep the Vega bundle at %s (%s)", path, error)


def packed_bundle() -> bytes:
    """The bundle, gzipped (~0.3 MB; a few tens of ms, once per kernel)."""
    return _gzipped(bundle())


@cache
def _gzipped(text: str) -> bytes:
    return gzip.compress(text.encode(), compresslevel=6, mtime=0)


class VegaLibrary(SharedLayout, anywidget.AnyWidget):
    """Never displayed: its module (static/vega_library.js) unpacks `source`, the gzipped
    Vega bundle, when the first chart asks. `land` is the world's land outline (TopoJSON)
    for maps, sent once, when a map first needs it."""

    _esm = traitlets.Unicode().tag(sync=True)
    source = traitlets.Bytes(b"").tag(sync=True)
    land = traitlets.Bytes(b"").tag(sync=True)

    def __init__(self) -> None:
        super().__init__(_esm=_static("vega_library.js"), source=packed_bundle())


# the kernel's one library model, made again if it was closed (an unloaded extension)
library: Callable[[], VegaLibrary] = one_per_kernel(VegaLibrary)  # type: ignore[assignment]


def land_outline() -> bytes:
    """Natural Earth's 1:110m land as TopoJSON (world-atlas, shipped with the package), or
    b"" if it is missing; maps then draw their graticule alone."""
    try:
        return resources.files("jupyter_rerun").joinpath("static", "land-110m.json").read_bytes()
    except OSError:
        return b""


def need_land() -> bool:
    """Put the land outline on the library (once per kernel); False if there is none."""
    lib = library()
    if not lib.land:
        lib.land = land_outline()
    return bool(lib.land)


class VegaChart(SharedLayout, anywidget.AnyWidget):
    """One chart: its Vega-Lite spec without data, its data as column buffers, how it is
    sized and themed, and the user's selection (set by the front end)."""

    _esm = traitlets.Unicode().tag(sync=True)
    lib = anywidget.WidgetTrait().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)
    datasets = traitlets.Dict().tag(sync=True)
    theme = traitlets.Unicode("streamlit").tag(sync=True)
    width = traitlets.Union([traitlets.Unicode(), traitlets.Int()], default_value="stretch").tag(sync=True)
    height = traitlets.Union([traitlets.Unicode(), traitlets.Int()], default_value="content").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    land = traitlets.Bool(False).tag(sync=True)  # draw the library's land outline under it
    selection_mode = traitlets.List(traitlets.Unicode()).tag(sync=True)
    selection = traitlets.Dict().tag(sync=True)  # {"selection": {param: ...}}, from the front end


@cache
def _glue() -> str:
    return _static("vega_chart.js")


def chart(traits: Mapping[str, Any]) -> VegaChart:
    """A new chart model with `traits` (see VegaChart)."""
    model = VegaChart(_esm=_glue(), lib=library(), **traits)
    model.add_class("jr-vega")
    return model


def update(model: VegaChart, traits: Mapping[str, Any]) -> None:
    """Send the traits that differ, in one message (the data only if the data changed)."""
    changed = {name: value for name, value in traits.items() if getattr(model, name) != value}
    if model.lib is None or model.lib.comm is None:
        changed["lib"] = library()  # the library was closed and made again
    if changed:
        with model.hold_sync():
            for name, value in changed.items():
                setattr(model, name, value)
