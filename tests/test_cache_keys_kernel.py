"""The cache-key rule in a real kernel, edited the way a notebook user edits: new cells.
Every edit below used to return the old result."""

from __future__ import annotations

import pytest
from conftest import SETUP, make_slider, unique

from jupyter_rerun.testing import KernelDriver


@pytest.fixture(scope="module")
def kernel():
    with KernelDriver() as driver:
        driver.execute(SETUP + "calls = []")
        yield driver


def test_edits_reached_through_classes_defaults_wrappers_and_instances(kernel):
    kernel.execute("import functools\n"
                   "class Cfg:\n    RATE = 2\n"
                   "def scale(x, k=10):\n    return x * k\n"
                   "@functools.lru_cache\ndef offset(x):\n    return x + 1\n"
                   "class Model:\n    def predict(self, x):\n        return x\n"
                   "model = Model()")
    kernel.execute("@jr.cache_data\ndef f(x):\n    calls.append(x)\n"
                   "    return model.predict(offset(scale(x * Cfg.RATE)))")
    assert kernel.value("(f(1), f(1), len(calls))") == (21, 21, 1)
    kernel.execute("class Cfg:\n    RATE = 3")
    assert kernel.value("f(1)") == 31
    kernel.execute("def scale(x, k=100):\n    return x * k")
    assert kernel.value("f(1)") == 301
    kernel.execute("@functools.lru_cache\ndef offset(x):\n    return x + 2")
    assert kernel.value("f(1)") == 302
    kernel.execute("class Model:\n    def predict(self, x):\n        return -x\n"
                   "model = Model()")
    assert kernel.value("f(1)") == -302
    assert kernel.value("(f(1), len(calls))") == (-302, 5)


def test_a_default_expression_in_a_cache_cell_reads_a_global(kernel):
    cell = "%%cache\ndef g(a=K):\n    return a\nresult = g()"
    kernel.execute("K = 2")
    kernel.execute(cell, cell_id="defaults")
    assert kernel.value("result") == 2
    kernel.execute("K = 3")
    kernel.execute(cell, cell_id="defaults")
    assert kernel.value("result") == 3


def test_a_cache_hit_restores_the_function_the_cell_defined(kernel):
    cell = "%%cache\nBASE = 1\ndef h():\n    return ('cell', BASE)\nclass Kind:\n    NAME = 'cell'"
    kernel.execute(cell, cell_id="restore")
    kernel.execute("def h():\n    return ('other', BASE)\nclass Kind:\n    NAME = 'other'\n"
                   "BASE = 5")
    run = kernel.execute(cell, cell_id="restore")
    assert kernel.value("get_ipython().run_line_magic('cache_info', '%%cache').rows[0]['hits']") >= 1
    assert run.error is None
    # the cell's own h and Kind come back; h reads the notebook's globals (the cell set BASE=1)
    assert kernel.value("(h(), Kind.NAME)") == (("cell", 1), "cell")
    kernel.execute("BASE = 7")
    assert kernel.value("h()") == ("cell", 7)


@pytest.mark.parametrize("body", ["total = jr.session_state.get('n', 0) * 2",
                                  "state = jr.session_state\ntotal = state.get('n', 0)"])
def test_a_cache_cell_that_reads_session_state_is_refused(kernel, body):
    kernel.execute("jr.session_state['n'] = 1")
    run = kernel.execute(f"%%cache\n{body}", allow_errors=True)
    assert run.error is not None and run.error.startswith("UsageError")
    assert "session_state" in run.error and "earlier cell" in run.error


def test_a_cached_function_reading_session_state_is_refused_in_a_kernel(kernel):
    kernel.execute("@jr.cache_data\ndef from_state():\n    return jr.session_state.get('n')")
    run = kernel.execute("from_state()", allow_errors=True)
    assert "session_state" in run.error and "as an argument" in run.error


def test_a_cache_cell_keys_on_a_widgets_value_not_its_type(kernel):
    s = unique("s")
    model = make_slider(kernel, s, value=1)
    cell = f"%%cache\ndoubled = {s}.value * 2"
    kernel.execute(cell, cell_id="widget-value")
    kernel.handled(kernel.update(model, value=4))  # the user drags the slider
    kernel.execute(cell, cell_id="widget-value")
    assert kernel.value("doubled") == 8


def test_a_persisted_cell_restores_its_function_in_another_kernel(tmp_path):
    env = {"JUPYTER_RERUN_STORE": str(tmp_path / "store"),
           "JUPYTER_RERUN_SECRET": "a secret long enough for the store"}
    cell = "%%cache --persist\ndef scaled(x, k=3):\n    return x * k * FACTOR"
    with KernelDriver(env=env) as first, KernelDriver(env=env) as second:
        for notebook in (first, second):
            notebook.execute("%load_ext jupyter_rerun\nFACTOR = 1")
        first.execute(cell)
        second.execute(cell)  # a hit from the store: the function comes from the first kernel
        assert second.value("get_ipython().run_line_magic('cache_info', '%%cache')"
                            ".rows[0]['hits']") == 1
        second.execute("FACTOR = 10")
        assert second.value("scaled(2)") == 60  # its code and default; this notebook's FACTOR


def test_a_persisted_cell_this_kernel_cannot_load_runs_instead(tmp_path):
    """A verified %%cache entry whose value needs a module only the other kernel has: the
    cell runs (one warning) instead of raising on the hit."""
    env = {"JUPYTER_RERUN_STORE": str(tmp_path / "store"),
           "JUPYTER_RERUN_SECRET": "a secret long enough for the store"}
    (tmp_path / "only_here").mkdir()
    (tmp_path / "only_here" / "shapes_only_here.py").write_text("class Box:\n    size = 3\n")
    cell = "%%cache --persist\nimport shapes_only_here\nbox = shapes_only_here.Box()\nprint('ran')"
    with KernelDriver(env=env) as first, KernelDriver(env=env) as second:
        first.execute(f"%load_ext jupyter_rerun\nimport sys; sys.path.insert(0, {str(tmp_path / 'only_here')!r})")
        second.execute("%load_ext jupyter_rerun")
        first.execute(cell)
        # the second kernel has no such module: the hit cannot load, so the cell runs (and
        # fails as it would without a cache, on the import)
        result = second.execute(cell, allow_errors=True)
        assert "ModuleNotFoundError" in (result.error or "")
        assert "could not be loaded here" in result.stderr, result.stderr
