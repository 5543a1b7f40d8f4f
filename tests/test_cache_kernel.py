"""Caching in a real kernel, edited the way a notebook user edits: new cells."""

from __future__ import annotations

import time

import pytest
from conftest import Cell, started_marker, wait_for_start

from jupyter_rerun.testing import KernelDriver


@pytest.fixture(scope="module")
def kernel():
    with KernelDriver() as driver:
        driver.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\nimport time\ncalls = []")
        yield driver


def info(kernel, function):
    return kernel.value(f"{function}.cache_info()")


def test_redefining_functions_in_new_cells(kernel):
    kernel.execute("K = 3\ndef helper(x):\n    return x + K")
    kernel.execute("@jr.cache_data\ndef f(x):\n    calls.append(x)\n    return helper(x) * 2")
    kernel.execute("a = f(1); b = f(x=1)")
    assert kernel.value("(a, b, len(calls))") == (8, 8, 1)
    kernel.execute("@jr.cache_data\ndef f(x):  # only a comment changed\n    calls.append(x)\n"
                   "    return helper(x) * 2\n")
    kernel.execute("f(1)")
    assert kernel.value("len(calls)") == 1
    kernel.execute("def helper(x):\n    return x + K + 100")
    assert kernel.value("f(1)") == 208
    assert info(kernel, "f")["last_miss"] == "helper() changed"
    kernel.execute("K = 4")
    assert kernel.value("f(1)") == 210
    assert info(kernel, "f")["last_miss"] == "helper() changed"
    kernel.execute("@jr.cache_data\ndef f(x):\n    calls.append(x)\n    return helper(x) * 3")
    assert kernel.value("f(1)") == 315
    assert info(kernel, "f")["last_miss"] == "the code of f() changed"


def test_cache_cell_skips_an_unchanged_cell_and_replays_its_output(kernel):
    kernel.execute("source = [1, 2, 3]")
    cell = ("%%cache\nstarted = time.time()\ntotal = sum(source)\nprint('total is', total)\n"
            "{'total': total}")
    first = kernel.execute(cell, cell_id="c1")
    stamp = kernel.value("started")
    again = kernel.execute(cell.replace("started", "started  # comment"), cell_id="c1")
    assert kernel.value("started") == stamp  # skipped: restored, not recomputed

    def shown(execution):
        return [(m["msg_type"], m["content"].get("text") or m["content"]["data"].get("text/plain"))
                for m in execution.messages if m["msg_type"] in ("stream", "display_data")]

    assert shown(again) == shown(first) == [("stream", "total is 6\n"), ("display_data", "{'total': 6}")]
    kernel.execute("total = -1")
    kernel.execute(cell, cell_id="c1")
    assert kernel.value("total") == 6  # a hit restores the names
    kernel.execute("source = [1, 2, 4]")
    kernel.execute(cell, cell_id="c1")
    assert kernel.value("total") == 7 and kernel.value("started") != stamp
    assert kernel.value("get_ipython().run_line_magic('cache_info', '%%cache')"
                                ".rows[0]['last_miss']") == "input source changed"


def test_cache_cell_restores_copies_and_keeps_resources(kernel):
    kernel.execute("%%cache\nrows = [1, 2]", cell_id="c2")
    kernel.execute("rows.append(3)")
    kernel.execute("%%cache\nrows = [1, 2]", cell_id="c2")
    assert kernel.value("rows") == [1, 2]
    kernel.execute("%%cache --resource --outputs handle\nimport threading\nhandle = threading.Lock()\n"
                   "other = 1", cell_id="c3")
    kernel.execute("first = handle\ndel other")
    kernel.execute("%%cache --resource --outputs handle\nimport threading\nhandle = threading.Lock()\n"
                   "other = 1", cell_id="c3")
    assert kernel.value("handle is first and 'other' not in globals()") is True


def test_a_cell_that_raises_caches_nothing(kernel):
    kernel.execute("attempts = 0")
    cell = "%%cache\nattempts += 1\nif attempts == 1:\n    raise ValueError('once')\nresult = attempts"
    failed = kernel.execute(cell, cell_id="c4", allow_errors=True)
    assert failed.error == "ValueError: once"
    kernel.execute(cell, cell_id="c4")
    assert kernel.value("result") == 2


def test_an_unpicklable_name_is_not_cached_with_a_hint(kernel):
    run = kernel.execute("%%cache\nimport threading\nlock = threading.Lock()", cell_id="c5")
    warning = "".join(m["content"]["text"] for m in run.messages if m["msg_type"] == "stream")
    assert "not cached" in warning and "--resource" in warning


@pytest.mark.parametrize("line, message", [
    ("--ttl soon", "--ttl takes seconds"),
    ("--store s3://bucket", "unknown store 's3'"),
    ("--outputs missing_name", "the cell does not assign missing_name"),
    ("--bogus", "unrecognized arguments: --bogus"),
])
def test_cache_cell_misuse_is_a_one_line_usage_error(kernel, line, message):
    bad = kernel.execute(f"%%cache {line}\nx = 1", allow_errors=True)
    assert bad.error.startswith("UsageError") and message in bad.error
    stderr = "".join(m["content"]["text"] for m in bad.messages if m["msg_type"] == "stream")
    assert stderr.count("\n") == 1


def test_cache_info_and_cache_clear(kernel):
    kernel.execute("@jr.cache_data\ndef g(x):\n    return x\ng(1); g(1); g(2)")
    table = kernel.execute("%cache_info g")
    (text,) = [m["content"]["data"]["text/plain"] for m in table.messages
               if m["msg_type"] == "execute_result"]
    assert "__main__.g" in text and "argument x changed" in text
    kernel.execute("%cache_clear g")
    assert info(kernel, "g")["entries"] == 0
    bad = kernel.execute("%cache_clear nothing_like_this", allow_errors=True)
    assert "no cached function is called 'nothing_like_this'" in bad.error


def test_a_slow_miss_shows_a_spinner_that_goes_away(kernel):
    kernel.execute("@jr.cache_data\ndef slow_load():\n    time.sleep(1.0)\n    return 1")
    run = kernel.execute("slow_load()")
    texts = [m["content"]["data"].get("text/html", "") for m in run.messages
             if m["msg_type"] in ("display_data", "update_display_data")]
    assert any("Running slow_load(…)" in text for text in texts)
    assert texts[-1] == ""  # blanked at the end
    quiet = kernel.execute("@jr.cache_data(show_spinner=False)\ndef quiet():\n    time.sleep(0.8)\n"
                           "    return 1\nquiet()")
    assert not [m for m in quiet.messages if m["msg_type"] == "display_data"]


def test_inside_a_rerun_cell_a_slow_miss_shows_in_the_status_line(kernel):
    kernel.execute("@jr.cache_data\ndef slow_square(x):\n    time.sleep(1.0)\n    return x * x")
    cell = Cell(kernel, "n = jr.slider('n', 1, 10, 2)\njr.write(f'square {slow_square(n)}')")
    (slider,) = kernel.find(cell.container, "IntSliderModel")
    start = len(kernel.log)
    kernel.update(slider, value=3)
    cell.wait_for("square 9")
    kernel.sync()
    notes = [str(m["content"]["data"].get("state", {}).get("value", ""))
             for m in kernel.messages_since(start, "comm_msg")]
    assert any("Running slow_square(…)" in note for note in notes)
    assert "Running" not in cell.text()


def test_a_cached_call_inside_a_rerun_cell_is_a_checkpoint(kernel, tmp_path):
    kernel.execute("starts, ends = [], []\n"
                   "@jr.cache_data\ndef step(i, n):\n    time.sleep(0.03)\n    return i")
    cell = Cell(kernel, f"n = jr.slider('m', 0, 100, 0)\nstarts.append(n)\n{started_marker(tmp_path)}\n"
                        "for i in range(30):\n    step(i, n)\nends.append(n)\njr.write(f'done {n}')")
    (slider,) = kernel.find(cell.container, "IntSliderModel")
    kernel.update(slider, value=1)
    wait_for_start(tmp_path, 1)
    kernel.update(slider, value=2)
    cell.wait_for("done 2")
    kernel.sync()
    assert kernel.value("starts") == [0, 1, 2]
    assert kernel.value("ends") == [0, 2]  # the run for 1 stopped at a cached call


def test_cache_cell_ttl_expires(kernel):
    cell = "%%cache --ttl 0.5\nstamp = time.monotonic()"
    kernel.execute(cell, cell_id="ttl")
    first = kernel.value("stamp")
    kernel.execute(cell, cell_id="ttl")
    assert kernel.value("stamp") == first  # a hit, within the ttl
    time.sleep(0.7)
    kernel.execute(cell, cell_id="ttl")
    assert kernel.value("stamp") != first
    assert kernel.value("get_ipython().run_line_magic('cache_info', '%%cache')"
                                ".rows[0]['last_miss']") == "expired"


def test_config_sets_the_memory_budget_and_the_default_store(kernel, tmp_path):
    kernel.execute("%config JupyterRerun.max_cache_size = '30KB'\n"
                   "@jr.cache_data\ndef blob(x):\n    return b'x' * 10_000 + bytes([x])\n"
                   "for x in range(8):\n    blob(x)")
    assert kernel.value("blob.cache_info()['entries']") <= 3
    assert kernel.value("__import__('jupyter_rerun.caching.memory').caching.memory"
                                ".BUDGET.total()") <= 30_000
    kernel.execute("%config JupyterRerun.max_cache_size = None")
    folder = str(tmp_path / "configured")
    kernel.execute(f"%config JupyterRerun.store = {folder!r}\n"
                   "@jr.cache_data(persist=True)\ndef kept(x):\n    return x\nkept(1)")
    assert kernel.value("kept.cache_info()['store']") == folder
    assert kernel.value(f"jr.open_store({folder!r}).stats()['entries']") == 1
