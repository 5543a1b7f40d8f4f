"""cache_data and cache_resource, in-process: call counters prove hits and misses."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pandas as pd
import pytest

import jupyter_rerun as jr
from jupyter_rerun.caching.memory import BUDGET


def notebook():
    """A fresh namespace like a notebook's (functions defined in it are __main__'s)."""
    return {"__name__": "__main__", "jr": jr, "calls": []}


def define(namespace, source):
    """Run a cell's source in `namespace`, the way a notebook user defines things."""
    exec(textwrap.dedent(source), namespace)


@pytest.fixture(autouse=True)
def fresh_caches():
    jr.cache_data.clear()
    jr.cache_resource.clear()
    yield
    BUDGET.limit = None


def test_a_hit_returns_without_calling_and_arguments_are_bound():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def area(width, height=2, *, unit="m"):
            calls.append((width, height, unit))
            return f"{width * height} {unit}2"
    """)
    area = ns["area"]
    assert area(3) == area(width=3) == area(3, 2) == area(3, height=2, unit="m") == "6 m2"
    assert len(ns["calls"]) == 1
    area(3, unit="cm")
    assert len(ns["calls"]) == 2
    assert area.cache_info()["hits"] == 3 and area.cache_info()["misses"] == 2


def test_underscore_parameters_are_not_hashed():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def rows(query, _connection):
            calls.append(query)
            return [query]
    """)
    lock = threading.Lock()  # unhashable, but skipped
    assert ns["rows"]("q", lock) == ns["rows"]("q", object()) == ["q"]
    assert ns["calls"] == ["q"]


def test_true_one_and_one_point_oh_are_different_entries():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def same(x):
            calls.append(x)
            return repr(x)
    """)
    assert [ns["same"](v) for v in (1, True, 1.0, "1", b"1", 1)] == ["1", "True", "1.0", "'1'", "b'1'", "1"]
    assert len(ns["calls"]) == 5


def test_comments_and_formatting_do_not_invalidate_but_code_edits_do():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def total(xs):
            calls.append(1)
            return sum(xs)
    """)
    ns["total"]([1, 2])
    define(ns, """
        @jr.cache_data
        def total(xs):   # a comment
            calls.append(1)

            return sum( xs )   # formatting
    """)
    assert ns["total"]([1, 2]) == 3 and len(ns["calls"]) == 1
    define(ns, """
        @jr.cache_data
        def total(xs):
            calls.append(1)
            return sum(xs) + 1
    """)
    assert ns["total"]([1, 2]) == 4 and len(ns["calls"]) == 2
    assert ns["total"].cache_info()["last_miss"] == "the code of total() changed"


def test_editing_a_helper_or_rebinding_a_global_invalidates():
    ns = notebook()
    define(ns, """
        RATE = 2
        def helper(x):
            return x * RATE
        @jr.cache_data
        def price(x):
            calls.append(x)
            return helper(x) + 1
    """)
    price = ns["price"]
    assert price(5) == 11
    define(ns, "RATE = 3")
    assert price(5) == 16
    assert price.cache_info()["last_miss"] == "helper() changed"
    define(ns, """
        def helper(x):
            return x * RATE * 10
    """)
    assert price(5) == 151 and len(ns["calls"]) == 3
    assert price.cache_info()["last_miss"] == "helper() changed"
    assert price(5) == 151 and len(ns["calls"]) == 3


def test_globals_the_function_reads_directly():
    ns = notebook()
    define(ns, """
        K = 10
        @jr.cache_data
        def scaled(x):
            calls.append(x)
            return x * K
    """)
    assert ns["scaled"](2) == 20
    define(ns, "K = 11")
    assert ns["scaled"](2) == 22
    assert ns["scaled"].cache_info()["last_miss"] == "global K changed"


def test_a_global_changed_in_place_does_not_invalidate_a_function_that_appends_to_it():
    ns = notebook()
    define(ns, """
        seen = []
        @jr.cache_data
        def remember(x):
            seen.append(x)
            return len(seen)
    """)
    assert ns["remember"](1) == 1
    assert ns["remember"](1) == 1  # the append did not invalidate the entry
    assert ns["seen"] == [1]
    define(ns, "seen = ['other']")  # rebinding (to different content) does
    assert ns["remember"](1) == 2 and ns["seen"] == ["other", 1]
    assert ns["remember"].cache_info()["last_miss"] == "global seen changed"


def test_closures_and_classes_are_followed():
    ns = notebook()
    define(ns, """
        class Scaler:
            def apply(self, x):
                return x * 2
        def make(offset):
            @jr.cache_data
            def shifted(x):
                calls.append(x)
                return Scaler().apply(x) + offset
            return shifted
    """)
    assert ns["make"](1)(3) == 7
    assert ns["make"](2)(3) == 8  # a different closure value: a different entry
    assert ns["make"](1)(3) == 7 and len(ns["calls"]) == 2
    define(ns, """
        class Scaler:
            def apply(self, x):
                return x * 3
    """)
    assert ns["make"](1)(3) == 10


def test_cache_data_returns_a_fresh_copy_per_hit():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def data():
            return {"rows": [1, 2, 3]}
    """)
    first = ns["data"]()
    first["rows"].append(99)
    assert ns["data"]() == {"rows": [1, 2, 3]}
    assert ns["data"]() is not ns["data"]()


def test_a_dataframe_hit_shares_memory_copy_on_write_and_stays_isolated():
    ns = notebook()
    define(ns, """
        import numpy as np, pandas as pd
        @jr.cache_data
        def frame(n):
            return pd.DataFrame({"a": np.arange(n, dtype=float), "b": np.ones(n)})
    """)
    one, two = ns["frame"](1000), ns["frame"](1000)
    if int(pd.__version__.split(".")[0]) >= 3:
        assert np.shares_memory(one["a"].to_numpy(), two["a"].to_numpy())  # no copy was made
    one.iloc[0, 0] = -1.0
    one["a"] += 100
    assert ns["frame"](1000).iloc[0, 0] == 0.0  # the cache did not change
    assert two.iloc[0, 0] == 0.0


def test_cache_resource_shares_one_object_with_validate_and_on_release():
    released = []
    valid = {"ok": True}

    @jr.cache_resource(max_entries=1, validate=lambda conn: valid["ok"], on_release=released.append)
    def connect(url):
        return {"url": url, "made": time.monotonic()}

    a = connect("db1")
    assert connect("db1") is a
    valid["ok"] = False
    b = connect("db1")  # validate said no: made again
    assert b is not a and released == [a]
    valid["ok"] = True
    connect("db2")  # max_entries=1 evicts db1
    assert released == [a, b]
    connect.clear()
    assert len(released) == 3


def test_concurrent_calls_for_one_key_compute_once():
    started = []

    @jr.cache_data
    def slow(x):
        started.append(x)
        time.sleep(0.3)
        return x * 2

    results = []
    threads = [threading.Thread(target=lambda: results.append(slow(21))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and started == [21]


def test_an_exception_is_not_cached_and_propagates_unchanged():
    attempts = []
    error = KeyError("first time")

    @jr.cache_data
    def flaky(x):
        attempts.append(x)
        if len(attempts) == 1:
            raise error
        return x

    with pytest.raises(KeyError) as raised:
        flaky(1)
    assert raised.value is error
    assert flaky(1) == 1 and flaky(1) == 1 and attempts == [1, 1]


def test_ttl_max_entries_and_max_size_bound_the_cache():
    calls = []

    @jr.cache_data(ttl=0.2)
    def expiring(x):
        calls.append(x)
        return x

    expiring(1)
    time.sleep(0.3)
    expiring(1)
    assert calls == [1, 1] and expiring.cache_info()["last_miss"] == "expired"

    @jr.cache_data(max_entries=2)
    def few(x):
        calls.append(x)
        return x

    for x in (1, 2, 3, 1):
        few(x)
    assert few.cache_info()["entries"] == 2 and few.cache_info()["last_miss"] == "evicted"

    @jr.cache_data(max_size="2KB")
    def sized(x):
        return b"x" * 900 + bytes([x])

    for x in range(5):
        sized(x)
    assert sized.cache_info()["bytes"] <= 2000


def test_the_process_wide_budget_evicts_least_recently_used_first():
    @jr.cache_data
    def blob(x):
        return b"x" * 10_000 + bytes([x])

    BUDGET.limit = 35_000
    for x in range(6):
        blob(x)
    assert BUDGET.total() <= 35_000
    assert blob.cache_info()["entries"] == 3


def test_clear_one_function_or_all():
    @jr.cache_data
    def a(x):
        return x

    @jr.cache_data
    def b(x):
        return x

    a(1), b(1)
    a.clear()
    assert a.cache_info()["entries"] == 0 and b.cache_info()["entries"] == 1
    jr.cache_data.clear()
    assert b.cache_info()["entries"] == 0


def test_cache_info_explains_misses():
    @jr.cache_data
    def f(x, y=1):
        return x + y

    f(1)
    assert f.cache_info()["last_miss"] == "first call"
    f(2)
    assert f.cache_info()["last_miss"] == "argument x changed"
    f(2, 5)
    assert f.cache_info()["last_miss"] == "argument y changed"


def test_an_unhashable_argument_names_the_parameter_its_type_and_both_fixes():
    @jr.cache_data
    def query(sql, conn):
        return sql

    with pytest.raises(jr.UnhashableParamError) as raised:
        query("select 1", threading.Lock())
    message = str(raised.value)
    assert isinstance(raised.value, TypeError)
    assert "'conn'" in message and "lock" in message and "_conn" in message and "hash_funcs" in message

    @jr.cache_data(hash_funcs={type(threading.Lock()): lambda lock: "one lock"})
    def query2(sql, conn):
        return sql

    assert query2("select 1", threading.Lock()) == "select 1"


def test_an_unpicklable_result_suggests_cache_resource():
    @jr.cache_data
    def handle():
        return threading.Lock()

    with pytest.raises(TypeError, match="use @jr.cache_resource"):
        handle()


@pytest.mark.parametrize("make, message", [
    (lambda: jr.cache_data(ttl="soon"), "ttl takes seconds"),
    (lambda: jr.cache_data(ttl=-1), "positive duration"),
    (lambda: jr.cache_data(max_entries=0), "max_entries takes a positive int"),
    (lambda: jr.cache_data(max_size="lots"), "max_size takes bytes"),
    (lambda: jr.cache_data(persist="s3://bucket"), "unknown store 's3'"),
    (lambda: jr.cache_data(persist=3), "persist takes True"),
    (lambda: jr.cache_resource(validate=3), "validate takes a function"),
    (lambda: jr.cache_resource(on_release="x"), "on_release takes a function"),
    (lambda: jr.cache_data(hash_funcs=[1]), "hash_funcs takes a dict"),
    (lambda: jr.cache_data(show_spinner=3), "show_spinner takes"),
    (lambda: jr.cache_data(validate=len), "unknown option 'validate'"),
    (lambda: jr.cache_data(42), "decorates a function; got 42"),
])
def test_bad_options_name_the_fix(make, message):
    with pytest.raises(ValueError, match=message.replace("(", "\\(")):
        make()


def test_it_works_in_a_plain_script():
    script = textwrap.dedent("""
        import jupyter_rerun as jr
        calls = []
        @jr.cache_data
        def f(x):
            calls.append(x)
            return x * 2
        from IPython import get_ipython
        print(f(2), f(2), len(calls), get_ipython())
    """)
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True).stdout
    assert output.strip() == "4 4 1 None"  # cached, with no IPython shell at all


def test_hashing_a_large_argument_is_exact():
    @jr.cache_data
    def total(array):
        return float(array.sum())

    big = np.zeros(1_000_000)
    assert total(big) == 0.0
    big[999_999] = 1.0  # a one-element edit, in place: a new key
    assert total(big) == 1.0


def test_persist_takes_every_store_url_open_store_takes(tmp_path):
    """persist= accepts the store URLs jr.open_store accepts (disk:// was refused)."""
    calls = []

    @jr.cache_data(persist=f"disk://{tmp_path}/store")
    def doubled(x):
        calls.append(x)
        return 2 * x

    assert doubled(4) == 8
    doubled.clear()  # memory only: the next call is a hit from the disk store
    assert doubled(4) == 8 and calls == [4]
