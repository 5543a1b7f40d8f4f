"""Route what a run prints and displays into that run's own outputs, whatever thread runs it.

`sys.stdout`, `sys.stderr` and the shell's display publisher are swapped, once, for routers
that look up a context variable: while a run is active in the current context, writes and
displays land in its `OutputBuffer`; otherwise they pass straight through to the originals.
A global swap per run (what `capture_output` does) would steal the output of a user's cell
running concurrently on another thread (JupyterLab's subshell mode); a context variable
cannot.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol

Output = dict[str, Any]  # one output in nbformat's JSON form


class OutputTarget(Protocol):
    """Where a run's prints and displays go."""

    def stream(self, name: str, text: str) -> None: ...

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None: ...

    def clear(self) -> None: ...


class OutputBuffer:
    """The outputs one block of a run produced, in the order it produced them."""

    def __init__(self) -> None:
        self.outputs: list[Output] = []
        self._display_ids: dict[int, str] = {}  # index in outputs -> display_id

    def stream(self, name: str, text: str) -> None:
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text  # merge, as the front end would
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None:
        output = {"output_type": "display_data", "data": data, "metadata": metadata}
        if update:
            for index, known in self._display_ids.items():
                if known == display_id:
                    self.outputs[index] = output
            return
        if display_id is not None:
            self._display_ids[len(self.outputs)] = display_id
        self.outputs.append(output)

    def clear(self) -> None:
        self.outputs.clear()
        self._display_ids.clear()

    def error(self, ename: str, evalue: str, traceback: list[str]) -> None:
        self.outputs.append(
            {"output_type": "error", "ename": ename, "evalue": evalue, "traceback": traceback}
        )

    def snapshot(self) -> tuple[Output, ...]:
        """An immutable copy, safe to compare with later runs and to send."""
        return tuple(dict(output) for output in self.outputs)


_target: ContextVar[OutputTarget | None] = ContextVar("jupyter_rerun_output", default=None)


@contextmanager
def routed_to(target: OutputTarget) -> Iterator[OutputTarget]:
    """Send this context's prints and displays to `target` until the block ends."""
    token = _target.set(target)
    try:
        yield target
    finally:
        _target.reset(token)



def flush_inline_figures() -> None:
    """Show the figures pyplot drew in the routed outputs now; the inline backend would
    otherwise show them after the cell (a first run, %%cache) or never (reruns, which are
    not cells)."""
    backend = sys.modules.get("matplotlib_inline.backend_inline")
    if backend is not None:
        backend.flush_figures()


class RoutedStream:
    """Stands in for sys.stdout / sys.stderr; everything but writes goes to the original."""

    def __init__(self, name: str, original: Any) -> None:
        self._name = name
        self._original = original

    def write(self, text: str) -> int:
        target = _target.get()
        if target is None:
            return self._original.write(text)
        target.stream(self._name, text)
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        target = _target.get()
        if target is None:
            self._original.flush()
        elif hasattr(target, "flush"):
            target.flush()  # e.g. a tee, so printed text keeps its place before a display

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._original, attribute)


def _display_arguments(
    data: dict,
    metadata: dict | None = None,
    source: Any = None,
    *,
    transient: dict | None = None,
    update: bool = False,
    **_ignored: Any,
) -> tuple[dict, dict, str | None, bool]:
    return data, metadata or {}, (transient or {}).get("display_id"), update


class RoutedDisplayPublisher:
    """Stands in for the shell's display publisher (used by display() and clear_output())."""

    def __init__(self, original: Any) -> None:
        self._original = original

    def publish(self, *args: Any, **kwargs: Any) -> Any:
        target = _target.get()
        if target is None:
            return self._original.publish(*args, **kwargs)
        target.display(*_display_arguments(*args, **kwargs))
        return None

    def clear_output(self, wait: bool = False) -> Any:
        target = _target.get()
        if target is None:
            return self._original.clear_output(wait)
        # The run's outputs are sent in one step when it ends, so waiting is implied.
        target.clear()
        return None

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self._original, attribute)


class Routing:
    """Installs the routers on a shell and takes them out again."""

    def __init__(self, shell: Any) -> None:
        self._shell = shell
        self._installed: list[tuple[Any, str, Any, Any]] = []  # (owner, attribute, original, router)

    def install(self) -> None:
        if self._installed:
            return
        self._swap(sys, "stdout", RoutedStream("stdout", sys.stdout))
        self._swap(sys, "stderr", RoutedStream("stderr", sys.stderr))
        self._swap(self._shell, "display_pub", RoutedDisplayPublisher(self._shell.display_pub))

    def _swap(self, owner: Any, attribute: str, router: Any) -> None:
        original = getattr(owner, attribute)
        setattr(owner, attribute, router)
        self._installed.append((owner, attribute, original, router))

    def passthrough(self) -> OutputTarget:
        """A target that writes where output would go without any routing."""
        return _Passthrough(self._installed)

    def uninstall(self) -> None:
        """Put the originals back, unless someone replaced our router since; then it stays,
        passing everything through (no run is active once the extension is unloaded)."""
        for owner, attribute, original, router in reversed(self._installed):
            if getattr(owner, attribute) is router:
                setattr(owner, attribute, original)
        self._installed.clear()


class _Passthrough:
    """Writes to the original streams and display publisher."""

    def __init__(self, installed: list[tuple[Any, str, Any, Any]]) -> None:
        originals = {attribute: original for _, attribute, original, _ in installed}
        self._streams = {"stdout": originals.get("stdout"), "stderr": originals.get("stderr")}
        self._publisher = originals.get("display_pub")

    def stream(self, name: str, text: str) -> None:
        self._streams[name].write(text)

    def flush(self) -> None:
        for stream in self._streams.values():
            stream.flush()

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None:
        transient = {"display_id": display_id} if display_id else None
        self._publisher.publish(data, metadata, transient=transient, update=update)

    def clear(self) -> None:
        self._publisher.clear_output(True)
