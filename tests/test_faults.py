"""Faults: interrupts during reruns and cached calls, restarts, failing callbacks, a store
failing at every operation. After each, nothing is poisoned and the next call works."""

from __future__ import annotations

import threading
import warnings

import pytest
from conftest import Cell, wait_for_file

import jupyter_rerun as jr
from jupyter_rerun.stores.guarded import Guarded
from jupyter_rerun.stores.persistent import Persistent
from jupyter_rerun.testing import KernelDriver


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    env = {"JUPYTER_RERUN_STORE": str(folder / "store"), "XDG_CONFIG_HOME": str(folder / "config")}
    with KernelDriver(env=env) as driver:
        driver.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr, time\ncalls = []")
        yield driver


def test_an_interrupt_during_a_cached_call_poisons_nothing(kernel, tmp_path):
    sleeping = tmp_path / "sleeping"
    kernel.execute(f"@jr.cache_data\ndef slow(x):\n    calls.append(x)\n    if len(calls) == 1:\n"
                   f"        open({str(sleeping)!r}, 'w').close()\n        time.sleep(30)\n"
                   "    return x * 2")
    busy = kernel.submit("slow(21)")
    wait_for_file(sleeping)
    kernel.interrupt()
    assert kernel.collect(busy, allow_errors=True).error.startswith("KeyboardInterrupt")
    assert kernel.value("slow.cache_info()['entries']") == 0  # nothing cached
    # the single-flight slot was released: this call computes instead of waiting forever
    assert kernel.value("slow(21)") == 42
    assert kernel.value("(slow(21), len(calls))") == (42, 2)


def test_an_interrupt_during_a_cached_call_inside_a_rerun(kernel, tmp_path):
    sleeping = tmp_path / "sleeping"
    kernel.execute(f"@jr.cache_data\ndef in_run(n):\n    if n == 5:\n"
                   f"        open({str(sleeping)!r}, 'w').close()\n        time.sleep(30)\n    return n")
    cell = Cell(kernel, "n = jr.slider('n', 0, 10, 1)\njr.write(f'result {in_run(n)}')")
    (slider,) = kernel.find(cell.container, "IntSliderModel")
    kernel.update(slider, value=5)
    wait_for_file(sleeping)
    kernel.interrupt()
    cell.wait_for("KeyboardInterrupt")
    kernel.update(slider, value=6)
    cell.wait_for("result 6")
    assert kernel.value("in_run.cache_info()['entries']") == 2  # 1 and 6, never 5


def test_an_exception_in_a_widget_callback_shows_and_the_next_change_works(kernel):
    kernel.execute("def explode():\n    if jr.session_state.cbv == 3:\n"
                   "        raise RuntimeError('callback went wrong')")
    cell = Cell(kernel, "v = jr.slider('v', 0, 10, 0, key='cbv', on_change=explode)\n"
                        "jr.write(f'value {v}')")
    (slider,) = kernel.find(cell.container, "IntSliderModel")
    kernel.update(slider, value=3)
    cell.wait_for("callback went wrong")
    cell.wait_for("value 3")  # the body still ran, after the callback's error
    kernel.update(slider, value=4)
    # the error goes with the next run (its new value can show a moment before the layout)
    kernel.wait_until(lambda: "value 4" in cell.text() and "callback went wrong" not in cell.text())


def test_a_kernel_restart_starts_a_new_session_and_keeps_persistent_caches(kernel):
    define = ("%load_ext jupyter_rerun\nimport jupyter_rerun as jr, os\n"
              "@jr.cache_data(persist=True)\ndef persisted(x):\n    return (x, os.getpid())")
    kernel.execute(define + "\njr.session_state.before_restart = True")
    first = kernel.value("persisted(1)")
    kernel.restart()
    kernel.execute(define)
    assert kernel.value("'before_restart' in jr.session_state") is False
    assert kernel.value("persisted(1)") == first  # computed by the old process
    kernel.execute("import time\ncalls = []")


OPERATIONS = ["get", "set", "delete", "clear", "stats"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_store_failing_at_any_operation_never_reaches_the_caller(tmp_path, monkeypatch, operation):
    calls = []

    @jr.cache_data(persist=str(tmp_path / "store"))
    def value(x):
        calls.append(x)
        return [x]

    persistent: Persistent = value.__jupyter_rerun_cache__.persistent
    store = persistent.store.store

    def broken(*args, **kwargs):
        raise OSError(f"injected failure in {operation}")

    monkeypatch.setattr(store, operation, broken)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert value(1) == [1] and value(1) == [1]
        value.clear(persistent=True)
        assert value(1) == [1]
        assert isinstance(persistent.stats(), dict)
        persistent.store.delete("anything")
    # nothing raised; the memory tier kept working (the second call was a hit), and the
    # call after clear() computed again
    assert calls == [1, 1]
    failures = [w for w in caught if issubclass(w.category, jr.StoreWarning)]
    assert len(failures) == 1  # one warning for the outage


def test_a_guarded_store_survives_failures_from_many_threads():
    class Flaky:
        location = "flaky"

        def get(self, key):
            raise TimeoutError("no answer")

    store = Guarded(Flaky(), "flaky")
    errors = []

    def hammer():
        try:
            for _ in range(200):
                assert store.get("k") is None
        except BaseException as error:  # collected for the assertion below
            errors.append(error)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        threads = [threading.Thread(target=hammer) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == [] and store.failures >= 1
