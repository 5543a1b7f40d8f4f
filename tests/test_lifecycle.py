"""Loading, unloading and reloading the extension in a real kernel."""

from __future__ import annotations

from conftest import Cell, make_slider

PROBE = """
import sys, ipywidgets
import ipywidgets.widgets.widget as _widget_module  # the live-widget registry: 8.1 and 8.0
_instances = vars(_widget_module).get("_instances")
_instances = _widget_module.Widget._active_widgets if _instances is None else _instances
shell = get_ipython()
def probe():
    return {
        "cell_magics": sorted(n for n in shell.magics_manager.magics["cell"] if "rerun" in n),
        "line_magics": sorted(n for n in shell.magics_manager.magics["line"] if "rerun_" in n),
        "registry": sorted(n for n in shell.magics_manager.registry if "Rerun" in n),
        "hooks": sorted(f"{event}:{cb.__qualname__}" for event, cbs in shell.events.callbacks.items()
                        for cb in cbs if "jupyter_rerun" in getattr(cb, "__module__", "")),
        "stdout": type(sys.stdout).__name__,
        "stderr": type(sys.stderr).__name__,
        "display_pub": type(shell.display_pub).__name__,
        "widgets": len(_instances),
    }
"""


def probe(kernel):
    return kernel.value("probe()")


def test_load_twice_is_harmless(fresh_kernel):
    fresh_kernel.execute(PROBE + "import ipywidgets as w")
    fresh_kernel.execute("%load_ext jupyter_rerun")
    once = probe(fresh_kernel)
    fresh_kernel.execute("%load_ext jupyter_rerun")
    assert probe(fresh_kernel) == once
    assert once["cell_magics"] == ["rerun"] and once["line_magics"] == ["rerun_stop"]
    # IPython's own %rerun (history) line magic is untouched
    assert len(once["hooks"]) == 2  # pre_run_cell, post_run_cell
    model = make_slider(fresh_kernel, "s")
    cell = Cell(fresh_kernel, "print('value', s.value)")
    fresh_kernel.update(model, value=3)
    cell.wait_for("value 3")
    fresh_kernel.sync()
    assert cell.text().count("value") == 1


def test_unload_removes_every_magic_hook_listener_and_widget(fresh_kernel):
    fresh_kernel.execute(PROBE + "import ipywidgets as w")
    model = make_slider(fresh_kernel, "s")
    fresh_kernel.execute("listeners_before = len(s._trait_notifiers.get('value', {}).get('change', []))")
    before = probe(fresh_kernel)

    fresh_kernel.execute("%load_ext jupyter_rerun")
    Cell(fresh_kernel, "print('a', s.value)")
    named = Cell(fresh_kernel, "print('b', s.value)", line="--name b")
    fresh_kernel.execute("%rerun_stop b")  # a stopped cell's widgets must go too
    assert "stopped" in named.text()
    assert fresh_kernel.value("len(s._trait_notifiers.get('value', {}).get('change', []))") > \
        fresh_kernel.value("listeners_before")

    fresh_kernel.execute("%unload_ext jupyter_rerun")
    assert probe(fresh_kernel) == before
    assert fresh_kernel.value("len(s._trait_notifiers.get('value', {}).get('change', []))") == \
        fresh_kernel.value("listeners_before")
    assert "rerun" in fresh_kernel.value("list(shell.magics_manager.magics['line'])")
    gone = fresh_kernel.execute("%%rerun\nprint(1)\n", allow_errors=True)
    assert "UsageError" in gone.error and "not found" in gone.error
    fresh_kernel.update(model, value=9)  # nothing listens any more: no error, no output
    assert fresh_kernel.execute("print(s.value)").stdout == "9\n"


def test_reload_keeps_session_state_and_works(fresh_kernel):
    fresh_kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\nimport ipywidgets as w")
    fresh_kernel.execute("jr.session_state.visits = 41\nkept = jr.session_state")
    fresh_kernel.execute("%reload_ext jupyter_rerun")
    fresh_kernel.execute("import jupyter_rerun as jr\njr.session_state.visits += 1")
    assert fresh_kernel.value("jr.session_state.visits") == 42
    assert fresh_kernel.value("kept is jr.session_state") is True
    model = make_slider(fresh_kernel, "s")
    cell = Cell(fresh_kernel, "print('value', s.value)")
    fresh_kernel.update(model, value=2)
    cell.wait_for("value 2")
    fresh_kernel.execute("%unload_ext jupyter_rerun\n%load_ext jupyter_rerun")
    assert fresh_kernel.value("jr.session_state.visits") == 42


def test_a_kernel_restart_starts_a_new_session(fresh_kernel):
    fresh_kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\njr.session_state.x = 1")
    fresh_kernel.restart()
    fresh_kernel.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr")
    assert fresh_kernel.value("'x' in jr.session_state") is False
