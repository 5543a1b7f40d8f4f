"""`%%cache`: skip a cell whose code and inputs are unchanged.

Key: the cell's code as parsed (comments and formatting ignored) + the digests of the names
it reads before assigning them, counted as cached code counts them (cell_inputs.py). Value:
the names it assigns at module level (or the `--outputs` ones) and everything it printed and
displayed. A hit restores the names (fresh copies, functions and classes as the cell
defined them; the objects themselves with `--resource`) and replays the output, into the
%%rerun container when the cell runs inside one. A cell that raises caches nothing.
"""

from __future__ import annotations

import ast
import contextvars
import pickle
import sys
import warnings
from dataclasses import dataclass, field
from typing import Any

import xxhash

from ..capture import OutputBuffer, flush_inline_figures, routed_to
from ..rerun.code import CellCode
from ..rerun.context import current_run
from ..stores import leases
from .cell_inputs import code_digest_of, input_digests, reads_and_writes, refuse_session_state
from .hashing import FORMAT
from .memory import MemoryTable
from .values import Stored, UnpicklableResultError, blob_of, freeze, thaw

@dataclass
class CellOptions:
    ttl: float | None = None
    outputs: tuple[str, ...] | None = None
    resource: bool = False
    persist: str | None = None


@dataclass
class CellResult:
    names: dict[str, Any]  # name -> Stored (or the object itself, for --resource)
    shown: list[dict] = field(default_factory=list)  # the outputs, in nbformat form


class CellCache:
    """The %%cache entries of one shell, by key."""

    identity = "%%cache"

    def __init__(self) -> None:
        self.table = MemoryTable()
        self.hits = self.misses = 0
        self.last_miss = ""
        self._previous: dict[str, tuple[bytes, dict[str, bytes]]] = {}  # cell -> (code, inputs)

    def key(self, code_digest: bytes, inputs: dict[str, bytes], options: CellOptions) -> bytes:
        hasher = xxhash.xxh3_128(f"jupyter_rerun:{FORMAT}:cell:py{sys.version_info[:2]}".encode())
        hasher.update(code_digest)
        for name in sorted(inputs):
            hasher.update(name.encode())
            hasher.update(inputs[name])
        hasher.update(repr((options.outputs, options.resource)).encode())
        return hasher.digest()

    def remember(self, cell: str, code_digest: bytes, inputs: dict[str, bytes]) -> None:
        """This run of `cell` is the one its next miss is compared with."""
        self._previous[cell] = (code_digest, inputs)

    def explain(self, cell: str, code_digest: bytes, inputs: dict[str, bytes]) -> str:
        """Why this run of `cell` missed, compared with its last run (which it becomes)."""
        previous = self._previous.get(cell)
        self.remember(cell, code_digest, inputs)
        if previous is None:
            return "first run"
        if previous[0] != code_digest:
            return "the cell's code changed"
        changed = [name for name in inputs if previous[1].get(name) != inputs[name]]
        return ("input " + ", ".join(changed) + " changed") if changed else "new inputs"

    def info(self) -> dict[str, Any]:
        return {"function": "%%cache", "kind": "%%cache", "entries": len(self.table),
                "hits": self.hits, "misses": self.misses, "bytes": self.table.bytes,
                "last_miss": self.last_miss, "store": "memory, or its --store"}

    def clear(self, persistent: bool = False) -> None:
        self.table.clear()
        if persistent:
            from .. import stores

            for store in stores.opened():
                store.clear(self.identity)


def store_result(namespace: dict[str, Any], names: list[str], shown: OutputBuffer,
                 options: CellOptions) -> tuple[CellResult, int]:
    kept: dict[str, Any] = {}
    size = 0
    for name in names:
        if name not in namespace:
            continue
        if options.resource:
            kept[name] = namespace[name]
        else:
            stored = freeze(namespace[name], f"the %%cache cell (name {name!r})")
            kept[name] = stored
            size += stored.size
    return CellResult(kept, list(shown.snapshot())), size


def restore(result: CellResult, namespace: dict[str, Any], options: CellOptions) -> bool:
    """Put the cell's names back, all or none. False, with a warning, when a stored entry
    (verified, so ours) cannot be loaded here, e.g. it needs a class this kernel lacks:
    then the cell runs instead."""
    try:
        values = {name: stored if options.resource else thaw(stored)
                  for name, stored in result.names.items()}
    except Exception as error:  # whatever unpickling a value of another kernel raises
        from ..stores import StoreWarning

        warnings.warn(f"jupyter_rerun: a stored %%cache result could not be loaded here "
                      f"({type(error).__name__}: {error}); running the cell instead",
                      StoreWarning, stacklevel=2)
        return False
    namespace.update(values)
    return True


def replay(result: CellResult) -> None:
    from IPython.display import publish_display_data

    for output in result.shown:
        kind = output["output_type"]
        if kind == "stream":
            (sys.stderr if output["name"] == "stderr" else sys.stdout).write(output["text"])
        elif kind in ("display_data", "execute_result"):
            publish_display_data(output["data"], output.get("metadata") or {})



def run_cached(shell: Any, cache: CellCache, cell: str, source: str, options: CellOptions,
               passthrough: Any) -> None:
    """Execute a %%cache cell: replay it on a hit, run it (showing its output as it goes) and
    remember it on a miss. `cell` names the cell (its id, else its code) for explanations."""
    tree = ast.parse(shell.transform_cell(source))
    reads, writes = reads_and_writes(tree)
    keep = list(options.outputs) if options.outputs is not None else writes
    missing = [name for name in keep if name not in writes]
    if missing:
        from IPython.core.error import UsageError

        raise UsageError(f"--outputs {','.join(missing)}: the cell does not assign "
                         f"{', '.join(missing)}; it assigns: {', '.join(writes) or 'nothing'}")
    code = code_digest_of(tree)
    refuse_session_state(tree, shell.user_ns)
    inputs = input_digests(reads, shell.user_ns)
    key = cache.key(code, inputs, options)
    entry, why = cache.table.get(key)
    store = _store(options)
    found = entry.value if entry is not None else _load(store, cache, key)
    lease = None
    if found is None and store is not None:  # single flight across kernels (stores/leases.py)
        claim = leases.claim(store, cache.identity, key, "Another kernel is running this cell")
        found, lease = _result(claim.payload), claim.lease
    try:
        if found is not None and restore(found, shell.user_ns, options):
            cache.hits += 1
            cache.remember(cell, code, inputs)
            if entry is None:
                cache.table.put(key, found, sum(s.size for s in found.names.values()),
                                ttl=options.ttl)
            replay(found)
            return
        _run_and_keep(shell, cache, key, source, options, keep, store, passthrough,
                      why or cache.explain(cell, code, inputs))
    finally:
        if lease is not None:
            lease.release()  # after the result was stored, and also when the cell raised


def _run_and_keep(shell: Any, cache: CellCache, key: bytes, source: str, options: CellOptions,
                  keep: list[str], store: Any, passthrough: Any, why: str) -> None:
    """A miss: run the cell, showing its output as it goes, and remember what it made."""
    cache.misses += 1
    cache.last_miss = why
    compiled = CellCode.compile(shell, source)
    shown = OutputBuffer()
    # inside a %%rerun run the cell's output belongs in the run's container, like the rest
    enclosing = _Enclosing() if current_run() is not None else passthrough
    with routed_to(_Tee(shown, enclosing)):
        value = compiled.execute(shell.user_ns)  # an exception propagates: nothing is cached
        if value is not None:
            from IPython.display import display

            display(value)
        flush_inline_figures()
    try:
        result, size = store_result(shell.user_ns, keep, shown, options)
    except UnpicklableResultError as error:
        print(f"%%cache: not cached: {error}. Add --resource to keep the objects themselves, "
              "or --outputs to keep only some names", file=sys.stderr)
        return
    cache.table.put(key, result, size, ttl=options.ttl)
    if store is not None:
        payload = pickle.dumps({"names": {n: blob_of(v, n) for n, v in result.names.items()},
                                "shown": result.shown}, protocol=5)
        store.save(cache.identity, key, payload, options.ttl)


def _store(options: CellOptions) -> Any:
    if options.persist is None:
        return None
    from .. import stores

    return stores.persistent(options.persist)


def _load(store: Any, cache: CellCache, key: bytes) -> CellResult | None:
    return _result(store.load(cache.identity, key) if store is not None else None)


def _result(payload: Any) -> CellResult | None:
    """A verified %%cache payload from a store (its values stay pickled until restored)."""
    if payload is None:
        return None
    saved = pickle.loads(payload)
    return CellResult({n: Stored(blob, None, len(blob)) for n, blob in saved["names"].items()},
                      saved["shown"])


class _Tee:
    """Records what a cell shows, and shows it as usual at the same time."""

    def __init__(self, buffer: OutputBuffer, passthrough: Any) -> None:
        self._buffer, self._passthrough = buffer, passthrough

    def stream(self, name: str, text: str) -> None:
        self._buffer.stream(name, text)
        self._passthrough.stream(name, text)

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None:
        self._buffer.display(data, metadata, display_id, update)
        self._passthrough.flush()  # what was printed first shows first
        self._passthrough.display(data, metadata, display_id, update)

    def flush(self) -> None:
        self._passthrough.flush()

    def clear(self) -> None:
        self._buffer.clear()
        self._passthrough.clear()


class _Enclosing:
    """Where output goes outside this %%cache cell: the routing as it was when the cell
    started (inside a %%rerun run: that run's outputs)."""

    def __init__(self) -> None:
        self._context = contextvars.copy_context()

    def stream(self, name: str, text: str) -> None:
        self._context.run((sys.stderr if name == "stderr" else sys.stdout).write, text)

    def display(self, data: dict, metadata: dict, display_id: str | None, update: bool) -> None:
        from IPython.display import publish_display_data

        transient = {"display_id": display_id} if display_id is not None else None
        self._context.run(publish_display_data, data, metadata, transient=transient,
                          update=update)

    def flush(self) -> None:
        self._context.run(sys.stdout.flush)

    def clear(self) -> None:
        from IPython.display import clear_output

        self._context.run(clear_output, wait=True)
