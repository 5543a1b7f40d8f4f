"""`write` and `write_stream`, dispatching as Streamlit's do.

`write(*args)`: strings (and what only shows as text) are joined into one markdown
element; each other argument gets its element: frames to `dataframe`, charts to their
chart element, dicts and lists to `json`, exceptions to `exception`, functions, classes
and modules to `help`, PIL images to `image`, generators to `write_stream`, and so on
(see `_plan`). An element another family has not got yet falls back to Jupyter's display.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import inspect
import io
import re
import sys
import threading
import types
from collections.abc import AsyncIterator, Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any

from ..errors import ElementError
from ..rerun.context import current_run
from .display import _element, markdown
from .element import Handle

_MEMORY_ADDRESS = re.compile(r"^<[A-Za-z_][\w<>. ]*\sat\s0x[0-9a-fA-F]+>$")
_JSON_TYPES = (dict, list, map, enumerate, types.MappingProxyType, collections.UserDict,
               collections.ChainMap, collections.UserList, ItemsView, KeysView, ValuesView)
_HELP_TYPES = (types.BuiltinFunctionType, types.BuiltinMethodType, types.FunctionType,
               types.MethodType, types.ModuleType)


def write(*args: Any, unsafe_allow_html: bool = False) -> Handle | None:
    """Show each argument as Streamlit's st.write does (see the module docstring); returns
    the last element's handle."""
    if len(args) == 1 and isinstance(args[0], str):
        return markdown(args[0], unsafe_allow_html=unsafe_allow_html)
    steps = _plan(args, unsafe_allow_html)
    if len(steps) > 1 and _in_one_place():
        raise ElementError("jr.write: cannot put several elements in the place of one (an "
                           "element's handle, or jr.empty()); write them into a jr.container(), "
                           "or write one value")
    handle = None
    for step in steps:
        handle = step()
    return handle


def _in_one_place() -> bool:
    run = current_run()
    if run is None:
        return False
    replacing = run.take_replacement()  # look, and put it back
    if replacing is not None:
        run.replacing(replacing)
    return replacing is not None or run.frame.live


def _plan(args: tuple[Any, ...], allow_html: bool) -> list[Callable[[], Handle | None]]:
    """One drawing step per element: runs of text become one markdown element."""
    steps: list[Callable[[], Handle | None]] = []
    texts: list[str] = []

    def flush() -> None:
        if texts:
            body = " ".join(texts)
            steps.append(lambda: markdown(body, unsafe_allow_html=allow_html))
            texts.clear()

    for value in args:
        step = _element_step(value, allow_html)
        if step is None:
            texts.append(value if isinstance(value, str) else _as_code(value))
        else:
            flush()
            steps.append(step)
    flush()
    return steps


def _element_step(value: Any, allow_html: bool) -> Callable[[], Handle | None] | None:
    """How `value` is drawn, in Streamlit's order; None: as text."""
    if isinstance(value, str):
        return None
    if isinstance(value, Exception):
        return _call("exception", value)
    from .layout import Block

    if isinstance(value, (Handle, Block)):
        return _call("help", value)
    for test, element in _KINDS:
        if test(value):
            return _call(element, value)
    if isinstance(value, _JSON_TYPES) or _is_record(value):
        return _call("json", value)
    if _module_is(value, "pydeck"):
        return _call("pydeck_chart", value)
    if isinstance(value, io.StringIO):
        return lambda: markdown(value.getvalue())
    if inspect.isgenerator(value) or inspect.isgeneratorfunction(value) or \
            inspect.isasyncgen(value) or inspect.isasyncgenfunction(value):
        return lambda: write_stream(value)
    if isinstance(value, _HELP_TYPES) or dataclasses.is_dataclass(value) or inspect.isclass(value):
        return _call("help", value)
    if allow_html and callable(getattr(value, "_repr_html_", None)):
        return _call("html", value._repr_html_())
    if callable(getattr(value, "to_pandas", None)) or callable(getattr(value, "__dataframe__", None)):
        return _call("dataframe", value)
    if _MEMORY_ADDRESS.match(str(value)):
        return _call("help", value)
    return None


def _as_code(value: Any) -> str:
    """A value with no element of its own: its str() as code (a block if it spans lines),
    fenced by more backticks than it holds."""
    text = str(value)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    if "\n" in text:
        fence = "`" * max(3, longest + 1)
        return f"{fence}\n{text}\n{fence}"
    return f"{'`' * (longest + 1)}{text}{'`' * (longest + 1)}"


def _call(name: str, value: Any) -> Callable[[], Handle | None]:
    def draw() -> Handle | None:
        from . import elements

        function = elements().get(name)
        if function is None:  # that family has no such element (yet): Jupyter's display
            return _displayed(value)
        return function(value)

    return draw


def _displayed(value: Any) -> Handle:
    def fill(display_data: Any) -> None:
        from IPython.display import display

        display(value)

    return _element(fill)


def write_stream(stream: Any, *, cursor: str | None = None) -> list[Any] | str:
    """Write a generator (or iterable, async generator, generator function) chunk by
    chunk: text chunks grow one markdown element (with `cursor` after it while it
    streams), other chunks are written with `write`, callables are called. Returns the
    whole text, or a list of everything written when not all of it was text.

    Inside a %%rerun cell the text shows as it grows once the run has taken a moment (live
    drawing, at most ~30 times a second); outside one it shows when the stream ends."""
    if isinstance(stream, str) or _is_dataframe_like(stream):
        raise ElementError(f"jr.write_stream: a {type(stream).__name__} is not a stream; "
                           "pass a generator or an iterable of chunks, or use jr.write for it")
    if inspect.isgeneratorfunction(stream) or inspect.isasyncgenfunction(stream):
        stream = stream()
    chunks = _synchronous(stream) if inspect.isasyncgen(stream) else stream
    try:
        chunks = iter(chunks)
    except TypeError:
        raise ElementError(f"jr.write_stream: a {type(stream).__name__} cannot be iterated; "
                           "pass a generator, a generator function or an iterable") from None
    return _Stream(cursor or "").run(chunks)


class _Stream:
    """The state of one write_stream: the text growing in its element, what was written."""

    def __init__(self, cursor: str) -> None:
        self.cursor, self.text, self.written = cursor, "", []
        self.handle: Handle | None = None
        self.live = current_run() is not None

    def run(self, chunks: Iterator[Any]) -> list[Any] | str:
        for chunk in chunks:
            chunk = _chunk_text(chunk)
            if isinstance(chunk, str):
                if chunk:
                    self.text += chunk
                    if self.live:
                        self._draw(self.text + self.cursor)
            else:
                self.flush()
                if callable(chunk):
                    chunk()
                else:
                    write(chunk)
                    self.written.append(chunk)
        self.flush()
        if len(self.written) == 1 and isinstance(self.written[0], str):
            return self.written[0]
        return self.written if self.written else ""

    def _draw(self, text: str) -> None:
        if self.handle is None:
            self.handle = markdown(text)
        else:
            self.handle.redraw(markdown, text)

    def flush(self) -> None:
        if self.text:
            self._draw(self.text)
            self.written.append(self.text)
        self.text, self.handle = "", None


def _chunk_text(chunk: Any) -> Any:
    """The text of an OpenAI or LangChain stream chunk; any other chunk as it is."""
    if _module_is(chunk, "openai"):
        if hasattr(chunk, "choices"):  # chat completions
            delta = chunk.choices[0].delta if chunk.choices else None
            return (getattr(delta, "content", None) or "") if delta is not None else ""
        if str(getattr(chunk, "type", "")).endswith((".output_text.delta", ".refusal.delta")):
            return getattr(chunk, "delta", "") or ""  # the responses API
        return ""
    if _in_mro(chunk, "langchain_core", "AIMessageChunk"):
        return chunk.content or ""
    return chunk


def _synchronous(stream: AsyncIterator[Any]) -> Iterator[Any]:
    """An async generator's items, each awaited on an event loop of its own thread (the
    kernel's loop is busy running this cell)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="jr-write-stream", daemon=True)
    thread.start()
    try:
        while True:
            try:
                yield asyncio.run_coroutine_threadsafe(stream.__anext__(), loop).result()
            except StopAsyncIteration:
                return
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()


# -- what a value is, without importing the libraries it might come from ----------------
def _module_is(value: Any, *packages: str) -> bool:
    return type(value).__module__.split(".")[0] in packages


def _instance(value: Any, module: str, *names: str) -> bool:
    """isinstance(value, module.<name>) for a library already imported (else False)."""
    loaded = sys.modules.get(module)
    if loaded is None:
        return False
    classes = tuple(cls for name in names
                    if isinstance(cls := _attribute(loaded, name), type))
    return bool(classes) and isinstance(value, classes)


def _attribute(module: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        module = getattr(module, part, None)
    return module


def _in_mro(value: Any, module_prefix: str, *names: str) -> bool:
    return any(cls.__module__.startswith(module_prefix) and cls.__name__ in names
               for cls in type(value).__mro__)


def _is_dataframe_like(value: Any) -> bool:
    if isinstance(value, Mapping) and value and _instance(next(iter(value.values())),
                                                          "pandas", "Series"):
        return True  # a dict of Series: columns
    return (_instance(value, "pandas", "DataFrame", "Series", "Index",
                      "api.extensions.ExtensionArray", "io.formats.style.Styler")
            or _instance(value, "numpy", "ndarray")
            or _instance(value, "pyarrow", "Table", "Array", "ChunkedArray", "RecordBatch")
            or _instance(value, "polars", "DataFrame", "Series", "LazyFrame"))


def _is_record(value: Any) -> bool:
    """Namedtuples, pydantic models and mappings with `to_dict` (session_state): json."""
    return (isinstance(value, tuple) and hasattr(value, "_asdict")) or (
        callable(getattr(value, "model_dump", None)) and not inspect.isclass(value)) or (
        isinstance(value, Mapping) and callable(getattr(value, "to_dict", None)))


_PLOTLY_FIGURE_KEYS = frozenset({"config", "data", "frames", "layout"})


def _is_plotly(value: Any) -> bool:
    """What Streamlit draws as a Plotly chart: a Figure, a list of plotly.graph_objs objects
    (traces), or a dict with only a figure's keys holding one or a list of them."""
    def plotly_objects(item: Any) -> bool:
        return isinstance(item, list) and bool(item) and all(map(_plotly_object, item))

    if _in_mro(value, "plotly.graph_objs", "Figure", "FigureWidget") or plotly_objects(value):
        return True
    return (isinstance(value, dict) and bool(value) and value.keys() <= _PLOTLY_FIGURE_KEYS
            and any(_plotly_object(v) or plotly_objects(v) for v in value.values()))


def _plotly_object(value: Any) -> bool:
    return type(value).__module__.startswith("plotly.graph_objs")


_KINDS: list[tuple[Callable[[Any], bool], str]] = [
    (_is_dataframe_like, "dataframe"),
    (lambda v: _in_mro(v, "altair", "Chart", "LayerChart", "HConcatChart", "VConcatChart",
                       "ConcatChart", "FacetChart", "RepeatChart"), "altair_chart"),
    (lambda v: _in_mro(v, "matplotlib.figure", "Figure"), "pyplot"),
    (_is_plotly, "plotly_chart"),
    (lambda v: _in_mro(v, "graphviz", "Graph", "Digraph", "Source"), "graphviz_chart"),
    (lambda v: _in_mro(v, "sympy", "Basic"), "latex"),
    (lambda v: _in_mro(v, "PIL.Image", "Image"), "image"),
    (lambda v: _in_mro(v, "bokeh", "LayoutDOM"), "bokeh_chart"),
]
