"""The IPython magics: parse arguments, check them, delegate to the runtime."""

from __future__ import annotations

from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class
from IPython.core.magic_arguments import argument, magic_arguments, parse_argstring

from .caching import options as cache_options
from .caching.cell import CellOptions
from .errors import OptionError, StoreError
from .rerun.binding import RerunOptions
from .rerun.context import current_run
from .rerun.triggers import NotAWidgetError

RERUN_USAGE = "%%rerun [--on NAMES] [--debounce MS] [--name NAME]"
STOP_USAGE = "%rerun_stop [NAME | --all]"
CACHE_USAGE = "%%cache [--persist] [--store SPEC] [--ttl SECONDS] [--outputs a,b] [--resource]"


def _parse(magic: Any, line: str, usage: str) -> Any:
    try:
        return parse_argstring(magic, line)
    except UsageError as error:
        raise UsageError(f"{error}; usage: {usage}") from None


@magics_class
class RerunMagics(Magics):
    """%%rerun and %rerun_stop."""

    def __init__(self, shell: Any, runtime: Any) -> None:
        super().__init__(shell)
        self.runtime = runtime

    @magic_arguments()
    @argument("--on", default="", metavar="NAMES",
              help="comma-separated widget names to rerun on, besides those the cell reads "
                   "(dotted names like controls.x work)")
    @argument("--debounce", default="0", metavar="MS",
              help="wait until input has been quiet this many milliseconds before rerunning")
    @argument("--name", default=None, metavar="NAME", help="a name for %%rerun_stop NAME")
    @cell_magic
    def rerun(self, line: str, cell: str) -> None:
        """Run the cell now, and again whenever a widget it reads changes.

        Like a Streamlit script: drag a slider the cell reads and the cell runs again with
        the new value. Its output lives in one container that each run updates in place.
        Widgets the cell reads by name are found automatically; --on adds more. Events that
        arrive while the cell runs cause one more run, with the newest values.

        Examples::

            %%rerun
            print(f"{n.value} squared is {n.value ** 2}")   # n = ipywidgets.IntSlider()

            %%rerun --on threshold --debounce 200 --name chart
            draw(data[data.x > threshold.value])
        """
        if current_run() is not None:
            raise UsageError("%%rerun cannot run inside a %%rerun cell (it would draw its "
                             "output into itself); put the inner code in this cell's body, "
                             "or give it a %%rerun cell of its own")
        args = _parse(self.rerun, line, RERUN_USAGE)
        options = RerunOptions(on=_names(args.on), debounce=_debounce(args.debounce),
                               name=args.name)
        try:
            self.runtime.rerun_cell(cell, options)
        except NotAWidgetError as error:
            raise UsageError(str(error)) from None

    @magic_arguments()
    @argument("name", nargs="?", default=None, help="the --name (or key) of the cell to stop")
    @argument("--all", action="store_true", help="stop every %%rerun cell")
    @line_magic
    def rerun_stop(self, line: str) -> None:
        """Stop %%rerun cells from rerunning; their last output stays on screen.

        %rerun_stop chart   stops the cell started with --name chart
        %rerun_stop --all   stops all of them
        """
        args = _parse(self.rerun_stop, line, STOP_USAGE)
        if args.all == (args.name is not None):
            raise UsageError(f"name one cell or pass --all; usage: {STOP_USAGE}; "
                             f"running: {self._running()}")
        if not self.runtime.stop(args.name):
            raise UsageError(f"no %%rerun cell is called {args.name!r}; running: {self._running()}")

    @magic_arguments()
    @argument("--persist", action="store_true",
              help="keep results in the default persistent store, shared across kernels")
    @argument("--store", default=None, metavar="SPEC",
              help="keep results in this store: a folder path or redis://host:port/db")
    @argument("--ttl", default=None, metavar="SECONDS",
              help="forget results after this long: seconds, or '30m', '1h', '2d'")
    @argument("--outputs", default=None, metavar="NAMES",
              help="restore only these names (comma-separated) on a hit")
    @argument("--resource", action="store_true",
              help="keep the objects themselves (not copies): for connections, models")
    @cell_magic
    def cache(self, line: str, cell: str) -> None:
        """Skip this cell when its code and inputs are unchanged since it last ran.

        The key is the cell's code (comments and formatting ignored) and the content of the
        names it reads before assigning them (functions by their code). On a hit, the names
        it assigned are restored (fresh copies) and what it printed and displayed is shown
        again, without running it. A cell that raises caches nothing.

            %%cache --ttl 1h
            data = load_all(source)        # skipped while `source` and this code are unchanged
            summary = data.describe()
            summary
        """
        args = _parse(self.cache, line, CACHE_USAGE)
        try:
            ttl = cache_options.seconds(args.ttl, "--ttl")
            persist = cache_options.persist(args.store) if args.store else (
                "default" if args.persist else None)
        except OptionError as error:
            raise UsageError(f"{error}; usage: {CACHE_USAGE}") from None
        outputs = _names(args.outputs, "--outputs") if args.outputs is not None else None
        if args.resource and persist is not None:
            raise UsageError("--resource keeps the objects themselves in this kernel, so it "
                             f"cannot go with --persist or --store; usage: {CACHE_USAGE}")
        if persist is not None:
            from . import stores

            try:
                stores.persistent(persist)  # only a spec that can never work fails here
            except StoreError as error:
                raise UsageError(f"{error}; usage: {CACHE_USAGE}") from None
        self.runtime.cache_cell(cell, CellOptions(ttl, outputs, args.resource, persist))

    @magic_arguments()
    @argument("function", nargs="?", default=None, help="only this cached function")
    @line_magic
    def cache_info(self, line: str) -> Any:
        """A table of the caches: entries, hits, misses, bytes, and why the last miss missed.

            %cache_info            all caches
            %cache_info load_data  one function
        """
        args = _parse(self.cache_info, line, "%cache_info [FUNC]")
        caches = self.runtime.caches(args.function and [args.function])
        from . import stores

        return CacheTable([cache.info() for cache in caches],
                          [{"store": s.spec, "location": s.location, **s.stats()}
                           for s in stores.opened()])

    @magic_arguments()
    @argument("functions", nargs="*", help="the cached functions to clear (all when none)")
    @argument("--persistent", action="store_true",
              help="also delete their entries in persistent stores (shared with other kernels)")
    @argument("--all", action="store_true",
              help="with --persistent and no names: every persistent entry of every cache")
    @line_magic
    def cache_clear(self, line: str) -> None:
        """Clear caches in this kernel: `%cache_clear` all, `%cache_clear load plot` those.

            %cache_clear --persistent load   also delete load()'s entries in its store
            %cache_clear --persistent --all  delete every persistent entry (all kernels')
        """
        usage = "%cache_clear [FUNC ...] [--persistent [--all]]"
        args = _parse(self.cache_clear, line, usage)
        if args.persistent and not args.functions and not args.all:
            raise UsageError("--persistent deletes entries other kernels share: name the "
                             f"functions, or add --all to delete them all; usage: {usage}")
        if args.all and not args.persistent:
            raise UsageError(f"--all goes with --persistent; usage: {usage}")
        for cache in self.runtime.caches(args.functions or None):
            cache.clear(persistent=args.persistent)
        if args.persistent and args.all:
            from . import stores

            for store in stores.opened():
                store.clear()

    def _running(self) -> str:
        names = [binding.name for binding in self.runtime.bindings.values()]
        return ", ".join(names) if names else "none"


def _names(text: str, flag: str = "--on") -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    for name in names:
        if not all(part.isidentifier() for part in name.split(".")):
            raise UsageError(f"{flag} takes comma-separated names like {flag} a,b; "
                             f"{name!r} is not a name")
    return names


class CacheTable:
    """What %cache_info shows: an HTML table in a notebook, text elsewhere."""

    COLUMNS = ("function", "kind", "entries", "hits", "misses", "bytes", "last_miss", "store")

    def __init__(self, rows: list[dict[str, Any]], stores: list[dict[str, Any]] = ()) -> None:
        self.rows = rows
        self.stores = list(stores)

    def __repr__(self) -> str:
        if not self.rows:
            return "no caches yet"
        widths = [max(len(c), *(len(str(r[c])) for r in self.rows)) for c in self.COLUMNS]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.COLUMNS, widths))]
        lines += ["  ".join(str(r[c]).ljust(w) for c, w in zip(self.COLUMNS, widths))
                  for r in self.rows]
        lines += [f"store {s['store']} at {s['location']}: {s['entries']} entries, "
                  f"{s['bytes']} bytes" for s in self.stores]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f"<th>{c.replace('_', ' ')}</th>" for c in self.COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(r[c]))}</td>" for c in self.COLUMNS)
                       + "</tr>" for r in self.rows)
        stores = "".join(f"<p>store <code>{escape(str(s['store']))}</code> at "
                         f"<code>{escape(str(s['location']))}</code>: {s['entries']} entries, "
                         f"{s['bytes']} bytes</p>" for s in self.stores)
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" \
            if self.rows else "<i>no caches yet</i>"
        return table + stores


# Longer is a slip (seconds typed as milliseconds), not a wish: input would wait that long
# before its rerun, with nothing on screen saying why.
MAX_DEBOUNCE_MS = 3_600_000  # an hour


def _debounce(text: str) -> float:
    try:
        milliseconds = float(text)
    except ValueError:
        milliseconds = float("nan")
    if not 0 <= milliseconds <= MAX_DEBOUNCE_MS:  # also false for nan
        raise UsageError(f"--debounce takes milliseconds from 0 to {MAX_DEBOUNCE_MS} (an hour), "
                         f"e.g. --debounce 150; got {text!r}")
    return milliseconds / 1000


def register(shell: Any, runtime: Any) -> RerunMagics:
    magics = RerunMagics(shell, runtime)
    shell.register_magics(magics)
    return magics


def unregister(shell: Any, magics: RerunMagics) -> None:
    """Remove our magics from every table the magics manager keeps."""
    manager = shell.magics_manager
    for kind, table in magics.magics.items():
        for name in table:
            bound = manager.magics[kind].get(name)
            if getattr(bound, "__self__", None) is magics:
                del manager.magics[kind][name]
    if manager.registry.get(type(magics).__name__) is magics:
        del manager.registry[type(magics).__name__]
