"""Streamlit's caching semantics, from issue 10: recursion, generators, lambdas, methods,
clearing one entry, replaying what a cached function drew, resource sizes, spinner, bounds.

In-process tests prove hits and misses with call counters; replay runs in a real kernel.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import threading

import pytest
from conftest import Cell, only

import jupyter_rerun as jr
from jupyter_rerun.caching import spinner
from jupyter_rerun.testing import KernelDriver

both_kinds = pytest.mark.parametrize("kind", [jr.cache_data, jr.cache_resource],
                                     ids=["cache_data", "cache_resource"])


# -- recursion ----------------------------------------------------------------------------------
def plain_fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@both_kinds
def test_a_recursive_cached_function_recurses_as_deep_as_a_plain_one(kind):
    calls = []

    @kind
    def fib(n):
        calls.append(n)
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    limit = sys.getrecursionlimit()
    assert fib(400) == plain_fib(400)  # 400 nested misses: today a RecursionError
    assert sorted(calls) == list(range(401))  # each n computed once, the rest were hits
    assert sys.getrecursionlimit() == limit


def test_a_recursive_cached_function_defined_in_a_notebook_works():
    namespace = {"__name__": "__main__", "jr": jr}  # a global of the notebook, not a closure
    exec(compile("@jr.cache_data\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n",
                 "cell", "exec"), namespace)
    assert namespace["fib"](300) == plain_fib(300)  # today: RecursionError already at fib(10)


def test_the_depth_a_cached_function_reaches_is_the_depth_a_plain_one_reaches():
    def plain(n):
        return 0 if n == 0 else 1 + plain(n - 1)

    @jr.cache_data
    def cached(n):
        return 0 if n == 0 else 1 + cached(n - 1)

    deepest = 0
    for n in range(100, sys.getrecursionlimit(), 25):  # the deepest plain recursion from here
        try:
            plain(n)
        except RecursionError:
            break
        deepest = n
    assert cached(deepest - 25) == deepest - 25  # a few frames of keying per level at most


def test_runaway_recursion_through_a_cache_is_a_recursion_error_and_the_limit_comes_back():
    @jr.cache_data
    def forever(n):
        return forever(n + 1)

    limit = sys.getrecursionlimit()
    with pytest.raises(RecursionError):
        forever(0)
    assert sys.getrecursionlimit() == limit
    with pytest.raises(RecursionError):  # nothing was left in flight to wait on
        forever(0)

    def in_another_thread():
        with pytest.raises(RecursionError):
            forever(0)
        return True

    assert run_with_a_deadline(in_another_thread)
    assert sys.getrecursionlimit() == limit


def run_with_a_deadline(function):
    """Run `function` in a thread; a deadlock shows as a thread still alive after 30 s."""
    result = []
    thread = threading.Thread(target=lambda: result.append(function()), daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the call waited on itself (deadlock)"
    return result[0]


@both_kinds
def test_a_call_for_the_key_it_is_computing_computes_instead_of_waiting_on_itself(kind):
    calls = []

    @kind
    def walk(n, _depth=0):  # _depth is not hashed: every level has one key
        calls.append(_depth)
        return walk(n, _depth + 1) if _depth < 3 else n

    assert run_with_a_deadline(lambda: walk(7)) == 7
    assert calls == [0, 1, 2, 3]
    assert walk(7) == 7 and calls == [0, 1, 2, 3]  # and then it is a hit


def test_another_thread_still_waits_for_the_one_computing_a_key():
    started, release, calls = threading.Event(), threading.Event(), []

    @jr.cache_data
    def slow(x):
        calls.append(x)
        started.set()
        release.wait(30)
        return x

    first = threading.Thread(target=slow, args=(1,))
    first.start()
    started.wait(30)
    second = []
    waiter = threading.Thread(target=lambda: second.append(slow(1)))
    waiter.start()
    release.set()
    first.join(30)
    waiter.join(30)
    assert second == [1] and calls == [1]


def test_nested_misses_show_one_spinner(monkeypatch):
    shown = []
    monkeypatch.setattr("jupyter_rerun.caching.flight.Spinner",
                        lambda text: shown.append(text) or spinner.Spinner(text))

    @jr.cache_data(show_spinner="computing")
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)

    fib(30)
    assert shown == ["computing"]


# -- generators -----------------------------------------------------------------------------------
@both_kinds
def test_a_generator_function_is_refused_when_decorated(kind):
    def numbers():
        yield from range(3)

    with pytest.raises(jr.OptionError, match=r"numbers\(\) is a generator function.*list\("):
        kind(numbers)


@both_kinds
def test_a_returned_generator_is_refused_without_suggesting_cache_resource(kind):
    @kind
    def lazy():
        return (n for n in range(3))

    with pytest.raises(TypeError, match=r"lazy\(\) returned a generator") as raised:
        lazy()
    assert "@jr.cache_resource" not in str(raised.value) and "list(" in str(raised.value)
    assert isinstance(raised.value, jr.RerunError)


# -- lambdas ----------------------------------------------------------------------------------------
def test_two_lambdas_have_two_caches_with_their_own_options_and_clear():
    calls = []
    small = jr.cache_data(lambda x: calls.append(("small", x)) or x, max_entries=1)
    large = jr.cache_data(lambda x: calls.append(("large", x)) or -x, max_entries=100)
    assert small.cache_info()["function"] != large.cache_info()["function"]
    small(1), small(2), large(1), large(2)
    assert small.cache_info()["entries"] == 1  # its own max_entries, not the other's
    assert large.cache_info()["entries"] == 2
    small.clear()
    calls.clear()
    assert (small(1), large(1), large(2)) == (1, -1, -2)
    assert calls == [("small", 1)]  # clearing one lambda left the other's entries


def test_the_same_lambda_source_on_two_lines_is_two_caches():
    first = jr.cache_data(lambda x: x)
    second = jr.cache_data(lambda x: x)
    first(1)
    assert second.cache_info()["misses"] == 0 and first.cache_info()["misses"] == 1


def test_running_a_lambdas_cell_again_finds_its_cache_again():
    calls = []
    source = compile("double = jr.cache_data(lambda x: record(x) or 2 * x)", "cell-7f3a", "exec")
    for _ in range(2):  # the same cell run twice: the same code at the same place
        namespace = {"__name__": "__main__", "jr": jr, "record": calls.append}
        exec(source, namespace)
        assert namespace["double"](4) == 8
    assert calls == [4]


# -- methods ----------------------------------------------------------------------------------------
def test_cache_data_over_staticmethod_and_classmethod_caches_the_function_inside():
    calls = []

    class Prices:
        RATE = 2

        @jr.cache_data
        @staticmethod
        def double(x):
            calls.append(("double", x))
            return x * 2

        @jr.cache_data
        @classmethod
        def scaled(cls, x):
            calls.append(("scaled", x))
            return x * cls.RATE

    assert Prices.double(2) == Prices().double(2) == 4
    assert Prices.scaled(3) == Prices().scaled(3) == 6
    assert calls == [("double", 2), ("scaled", 3)]
    assert Prices.double.cache_info()["function"].endswith("Prices.double")
    Prices.double.clear()
    Prices.double(2)
    assert calls[-1] == ("double", 2)


# -- clear(*args) ----------------------------------------------------------------------------------
def test_clear_with_arguments_clears_that_one_entry():
    calls = []

    @jr.cache_data
    def square(x, power=2):
        calls.append(x)
        return x ** power

    square(1), square(2), square(3)
    square.clear(2)  # today: taken as persistent=2, and every entry goes
    square.clear(x=3, power=2)
    calls.clear()
    square(1), square(2), square(3)
    assert calls == [2, 3]


def test_persistent_is_keyword_only_so_a_positional_true_is_an_argument():
    calls = []

    @jr.cache_data
    def f(x):
        calls.append(x)
        return x

    f(1), f(True)
    f.clear(True)  # the entry for x=True, not persistent=True
    f(1), f(True)
    assert calls == [1, True, True]
    f.clear(persistent=True)
    f(1)
    assert calls == [1, True, True, 1]


def test_clear_with_arguments_deletes_that_entry_from_the_store_too(tmp_path):
    calls = []

    @jr.cache_data(persist=str(tmp_path / "store"))
    def load(x):
        calls.append(x)
        return [x]

    load(1), load(2)
    load.clear()  # memory only: both are still in the store
    load(1), load(2)
    assert calls == [1, 2] and load.cache_info()["store_hits"] == 2
    load.clear(1)
    load.clear()
    load(1), load(2)
    assert calls == [1, 2, 1]  # 1 was gone from the store as well; 2 came from it


@both_kinds
def test_clear_of_an_entry_that_is_not_there_changes_nothing(kind):
    calls = []

    @kind
    def f(x):
        calls.append(x)
        return [x]

    f(1)
    f.clear(5)
    f(1)
    assert calls == [1]


# -- cache_info bytes for resources ---------------------------------------------------------------
def test_cache_resource_reports_an_estimate_of_its_bytes():
    @jr.cache_resource
    def buffers(n):
        return {"data": [bytearray(n), bytearray(n)], "name": "two buffers"}

    buffers(500_000)
    estimate = buffers.cache_info()["bytes"]
    assert 1_000_000 <= estimate < 1_100_000  # today: 0


def test_a_resource_that_refers_to_itself_or_to_modules_is_still_estimated():
    class Node:
        def __init__(self):
            self.me = self
            self.module = sys  # a module counts as a reference, not as its contents
            self.payload = bytes(10_000)

    @jr.cache_resource
    def node():
        return Node()

    node()
    assert 10_000 <= node.cache_info()["bytes"] < 20_000


# -- show_spinner="" ------------------------------------------------------------------------------
def test_an_empty_spinner_text_shows_a_spinner_without_text(monkeypatch):
    shown, seen = [], threading.Event()

    class Line:
        def update(self, text):
            shown.append(text)
            seen.set()

        def close(self):
            pass

    pytest.importorskip("ipykernel")  # the spinner draws only where a kernel could show it
    monkeypatch.setattr(spinner, "DELAY", 0.0)
    monkeypatch.setattr(spinner, "_Display", Line)

    @jr.cache_data(show_spinner="")
    def slow():
        assert seen.wait(30), "no spinner was shown"
        return 1

    slow()
    assert re.fullmatch(r"⏳ \d+\.\d s", shown[0])


# -- bounds ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("options, message", [
    ({"ttl": 10**400}, "ttl must be at most"),
    ({"ttl": 10.0**300}, "ttl must be at most"),
    ({"ttl": dt.timedelta.max}, "ttl must be at most"),
    ({"ttl": "9" * 400 + "w"}, "ttl must be"),
    ({"max_size": 10**400}, "max_size must be at most"),
    ({"max_size": "1" * 400 + "GB"}, "max_size must be at most"),
])
def test_huge_durations_and_sizes_are_option_errors(options, message):
    with pytest.raises(jr.OptionError, match=message):
        jr.cache_data(**options)


def test_the_largest_sensible_ttl_still_works():
    assert jr.cache_data(ttl=dt.timedelta(days=365 * 50))(lambda: 1)() == 1


# -- replay, in a real kernel ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def kernel():
    with KernelDriver() as driver:
        driver.execute("%load_ext jupyter_rerun\nimport jupyter_rerun as jr\ncalls = []")
        yield driver


REPORT = '''
@jr.cache_data
def report(x):
    calls.append(x)
    jr.markdown(f"**report {x}**")
    jr.write(f"written {x}")
    jr.text(f"text {x}")
    return x * 2
'''


def columns_of(kernel, container):
    (row,) = kernel.find(container, "HBoxModel")
    return kernel.children(row)


def test_what_a_cached_function_drew_is_drawn_again_on_a_hit_where_it_was_drawn(kernel):
    kernel.execute("calls.clear()\n" + REPORT)
    cell = Cell(kernel, """
        v = jr.slider("v", 0, 10, 0)
        left, right = jr.columns(2)
        with right:
            r = report(1)
        left.text(f"v={v} r={r}")
    """)
    left, right = columns_of(kernel, cell.container)
    drawn = ["report 1", "written 1", "text 1"]
    assert all(text in kernel.text(right) for text in drawn)
    kernel.update(only(kernel, cell.container, "IntSliderModel"), value=5)
    kernel.wait_for_text(left, "v=5 r=2")
    kernel.sync()
    assert kernel.value("calls") == [1]  # the rerun was a hit
    shown = kernel.text(right)
    assert [shown.find(text) for text in drawn] == sorted(shown.find(text) for text in drawn)
    assert all(text in shown for text in drawn)  # today: gone on the hit
    assert not any(text in kernel.text(left) for text in drawn)


def test_a_hit_draws_into_the_container_the_caller_is_in_now(kernel):
    kernel.execute("calls.clear()\n" + REPORT)
    cell = Cell(kernel, """
        v = jr.slider("v", 0, 10, 0)
        left, right = jr.columns(2)
        with (left if v else right):
            report(2)
        jr.text(f"v={v}")
    """)
    left, right = columns_of(kernel, cell.container)
    kernel.update(only(kernel, cell.container, "IntSliderModel"), value=1)
    cell.wait_for("v=1")
    kernel.sync()
    assert kernel.value("calls") == [2]
    assert "report 2" in kernel.text(left) and "report 2" not in kernel.text(right)


def test_columns_a_cached_function_made_show_that_keys_content_on_a_hit(kernel):
    kernel.execute("calls.clear()\n@jr.cache_data\ndef panel(x):\n    calls.append(x)\n"
                   "    a, b = jr.columns(2)\n    a.text(f'panel {x}')\n    return x")
    cell = Cell(kernel, """
        v = jr.slider("v", 0, 10, 0)
        panel(v % 2)
        jr.text(f"v={v}")
    """)
    slider = only(kernel, cell.container, "IntSliderModel")
    kernel.update(slider, value=1)
    cell.wait_for("v=1")
    kernel.update(slider, value=2)  # panel(0) again: a hit, after panel(1) drew
    cell.wait_for("v=2")
    kernel.sync()
    assert kernel.value("calls") == [0, 1]
    assert "panel 0" in cell.text() and "panel 1" not in cell.text()


def test_a_widget_in_a_cached_function_warns_once_and_stays_on_a_hit(kernel):
    kernel.execute("calls.clear()\n@jr.cache_data\ndef pick(x):\n    calls.append(x)\n"
                   "    return jr.slider('inner', 0, 10, 3) + x")
    cell = Cell(kernel, """
        v = jr.slider("v", 0, 10, 0)
        p = pick(v % 2)
        jr.text(f"v={v} p={p}")
    """)
    first = cell.text()
    assert first.count("CachedWidgetWarning") == 1 and "pick()" in first
    outer, inner = kernel.find(cell.container, "IntSliderModel")
    kernel.update(outer, value=1)  # pick(1): a miss that draws the widget again
    cell.wait_for("v=1 p=4")
    kernel.sync()
    assert "CachedWidgetWarning" not in cell.text()
    kernel.update(outer, value=2)  # pick(0): a hit
    cell.wait_for("v=2 p=3")
    kernel.sync()
    assert kernel.value("calls") == [0, 1]
    assert kernel.find(cell.container, "IntSliderModel") == [outer, inner]  # not swept away


def test_cached_widget_warning_is_a_user_warning_named_as_in_streamlit():
    assert issubclass(jr.CachedWidgetWarning, UserWarning)
    assert "CachedWidgetWarning" in jr.__all__
