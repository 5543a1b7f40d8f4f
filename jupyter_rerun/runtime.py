"""The one piece of global state: what the extension holds for the shell it is loaded in.

`install` builds it when the extension loads, `uninstall` takes every piece down again.
Tests may build a `Runtime` with their own host. Session state is deliberately not here
(see `session.py`): it outlives unloading and reloading the extension.
"""

from __future__ import annotations

import itertools
from typing import Any

from . import widgets
from .caching.cell import CellCache, CellOptions, run_cached
from .caching.decorators import CACHES
from .capture import Routing
from .config import JupyterRerun
from .errors import RerunError
from .rerun.context import current_run
from .rerun.binding import Binding, Outcome, RerunOptions
from .rerun.code import CellCode, source_digest
from .rerun.host import InlineHost, KernelHost
from .rerun.scheduler import STATE, Host, Scheduler
from .session import session_state
from .rerun.triggers import TriggerHub, find_triggers


class Runtime:
    """The scheduler, the bound cells, and the output routing of one shell."""

    def __init__(self, shell: Any, host: Host | None = None) -> None:
        self.shell = shell
        self.host = host if host is not None else _host_for(shell)
        self.scheduler = Scheduler(self.host)
        self.hub = TriggerHub(lambda bindings: self.scheduler.request(*bindings))
        self.routing = Routing(shell)
        self.bindings: dict[str, Binding] = {}  # key -> live binding
        self._stopped: list[Binding] = []  # detached, still on screen; closed at unload
        self._order = itertools.count()
        self.cell_id: str | None = None  # of the cell being executed, from pre_run_cell
        self.cell_cache = CellCache()
        self.config = JupyterRerun(parent=shell)

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        self.routing.install()
        self.shell.configurables.append(self.config)
        self._stop_listening = session_state.add_listener(
            on_read=self._on_state_read, on_change=self._on_state_change,
            before_write=self._check_state_write)
        self.shell.events.register("pre_run_cell", self.on_pre_run_cell)
        self.shell.events.register("post_run_cell", self.on_post_run_cell)

    def close(self) -> None:
        self._stop_listening()
        if self.config in self.shell.configurables:
            self.shell.configurables.remove(self.config)
        self.shell.events.unregister("pre_run_cell", self.on_pre_run_cell)
        self.shell.events.unregister("post_run_cell", self.on_post_run_cell)
        for binding in [*self.bindings.values(), *self._stopped]:
            self.scheduler.forget(binding)
            binding.close()
        self.bindings.clear()
        self._stopped.clear()
        widgets.close_shared()
        self.routing.uninstall()

    def on_pre_run_cell(self, info: Any) -> None:
        self.cell_id = getattr(info, "cell_id", None)
        self.scheduler.in_cell = True

    def on_post_run_cell(self, result: Any) -> None:
        """A cell may have rebound a name a %%rerun cell reads to a new widget: follow it."""
        self.scheduler.in_cell = False
        for binding in self.bindings.values():
            binding.refresh_triggers()

    # -- %%rerun ------------------------------------------------------------------------
    def rerun_cell(self, source: str, options: RerunOptions) -> Binding:
        """Bind the cell (replacing its earlier binding), show its container, run it once.

        Raises SyntaxError or triggers.NotAWidgetError before anything changes."""
        code = CellCode.compile(self.shell, source)
        return self.bind(self.cell_id or f"source:{code.digest}", code, options)

    def bind(self, key: str, code: CellCode, options: RerunOptions) -> Binding:
        """Bind `code` under `key` (a cell, or a script %streamlit runs), show its
        container, run it once."""
        triggers = find_triggers(code.free_names, options.on, self.shell.user_ns)
        binding = self.bindings.get(key)
        if binding is None:
            binding = Binding(key, next(self._order), self.shell, self.hub,
                              request=self.scheduler.request, superseded=self._superseded,
                              scheduler=self.scheduler)
            self.bindings[key] = binding
        binding.update(code, options, triggers)

        from IPython.display import display

        display(binding.view.box)
        # the first run, inside the current cell (which already excludes other runs)
        if self.scheduler.execute(binding) is Outcome.INTERRUPTED:
            raise KeyboardInterrupt  # stop "Run All" like any interrupted cell
        return binding

    def _superseded(self, binding: Binding) -> bool:
        """Checkpoint test: has newer input arrived for `binding`'s run in progress?"""
        if self.scheduler.in_cell:
            return False  # the first run, inside its cell: finish it
        if self.scheduler.has_newer_input(binding):
            return True  # e.g. noted on a subshell thread while the run went on
        # On the main thread, input waits in the kernel's inbox until the run ends. A
        # waiting widget message is probably input for it; restart at most a few times in
        # a row for one (it may belong to another cell's widget).
        if binding.restarts_for_waiting < 3 and self.host.input_waiting():
            binding.restarts_for_waiting += 1
            return True
        return False

    # -- session_state --------------------------------------------------------------------
    def _on_state_read(self, key: str) -> None:
        run = current_run()
        if run is not None:
            run.reads.add(key)

    def _check_state_write(self, key: str) -> None:
        run = current_run()
        if run is not None and key in run.locked_keys:
            raise RerunError(
                f"session_state[{key!r}] belongs to a widget already drawn in this run; set it "
                f"before the widget is drawn, or in the widget's on_change callback")
        if run is not None:
            run.written.add(key)  # a button drawn after this refuses the key (entries.draw)

    def _on_state_change(self, key: str) -> None:
        """Rerun the cells whose last run read `key`, except the one that changed it."""
        run = current_run()
        writer = run.binding if run is not None else None
        readers = [b for b in self.bindings.values() if b is not writer and key in b.state_keys]
        if readers:
            depth = self.scheduler.active_depth + 1 if run is not None else 1
            self.scheduler.request(*readers, cause=STATE, depth=depth)

    # -- caching ------------------------------------------------------------------------------
    def cache_cell(self, source: str, options: CellOptions) -> None:
        cell = self.cell_id or f"code:{source_digest(source)}"
        run_cached(self.shell, self.cell_cache, cell, source, options, self.routing.passthrough())

    def caches(self, names: list[str] | None = None) -> list[Any]:
        """Every cache (cache_data, cache_resource, %%cache), or those named; UsageError
        for a name that is not a cached function."""
        every = [*CACHES.values(), self.cell_cache]
        if names is None:
            return every
        chosen = []
        for name in names:
            found = [c for c in every if name in (c.identity, c.identity.rsplit(".", 1)[-1])] \
                if name != "%%cache" else [self.cell_cache]
            if not found:
                from IPython.core.error import UsageError

                known = ", ".join(sorted(c.identity.rsplit(".", 1)[-1] for c in CACHES.values()))
                raise UsageError(f"no cached function is called {name!r}; cached: {known or 'none yet'}")
            chosen += found
        return chosen

    # -- %rerun_stop ----------------------------------------------------------------------
    def stop(self, name: str | None) -> list[str]:
        """Detach the bindings called `name` (all of them when None); return their names."""
        chosen = [b for b in self.bindings.values() if name is None or name in (b.name, b.key)]
        for binding in chosen:
            del self.bindings[binding.key]
            self.scheduler.forget(binding)
            binding.detach()
            self._stopped.append(binding)
        return [binding.name for binding in chosen]


def _host_for(shell: Any) -> Host:
    kernel = getattr(shell, "kernel", None)
    if kernel is not None and getattr(kernel, "io_loop", None) is not None:
        return KernelHost(kernel)
    return InlineHost()


_current: Runtime | None = None


def current() -> Runtime | None:
    """The runtime of the loaded extension, or None when it is not loaded."""
    return _current


def install(shell: Any, host: Host | None = None) -> Runtime:
    """Build and start the runtime for `shell`; loading twice returns the same one."""
    global _current
    if _current is not None and _current.shell is shell:
        return _current
    if _current is not None:
        uninstall()
    _current = Runtime(shell, host)
    _current.start()
    return _current


def uninstall() -> None:
    global _current
    if _current is not None:
        runtime, _current = _current, None
        runtime.close()
