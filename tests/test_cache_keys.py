"""The cache-key rule, in-process: everything a cached function's result can depend on
through code defined in the notebook is in its key. Each edit below used to return the old
result; call counters prove the miss."""

from __future__ import annotations

import copyreg
import decimal
import functools
import io
import re
import sys
import tempfile
import textwrap
import threading
import types

import pytest

import jupyter_rerun as jr
from jupyter_rerun.caching.cell_inputs import reads_and_writes
from jupyter_rerun.caching.hashing import digest
from jupyter_rerun.caching.values import freeze, thaw


def notebook():
    """A fresh namespace like a notebook's (what is defined in it is __main__'s)."""
    return {"__name__": "__main__", "jr": jr, "calls": []}


def define(namespace, *sources):
    """Run cells' sources in `namespace`, the way a notebook user defines things."""
    for source in sources:
        exec(textwrap.dedent(source), namespace)


# -- classes ---------------------------------------------------------------------------------
def test_a_class_attribute_the_function_reads_is_in_the_key():
    ns = notebook()
    define(ns, """
        class Cfg:
            RATE = 2
        @jr.cache_data
        def price(x):
            calls.append(x)
            return x * Cfg.RATE
    """)
    price = ns["price"]
    assert price(5) == 10 and price(5) == 10 and len(ns["calls"]) == 1
    define(ns, "class Cfg:\n    RATE = 3")  # the class cell edited and run again
    assert price(5) == 15
    ns["Cfg"].RATE = 4  # an attribute rebound in place: the class reads differently now
    assert price(5) == 20
    assert price(5) == 20 and len(ns["calls"]) == 3


def test_base_and_nested_notebook_classes_count_by_content():
    ns = notebook()
    define(ns, """
        class Base:
            RATE = 2
        class Cfg(Base):
            class Units:
                SCALE = 10
        @jr.cache_data
        def price(x):
            calls.append(x)
            return x * Cfg.RATE * Cfg.Units.SCALE
    """)
    price = ns["price"]
    assert price(1) == 20
    ns["Base"].RATE = 3
    assert price(1) == 30
    ns["Cfg"].Units.SCALE = 100
    assert price(1) == 300 and len(ns["calls"]) == 3


def test_properties_and_classmethods_of_a_notebook_class_are_followed():
    ns = notebook()
    define(ns, """
        class Cfg:
            @property
            def rate(self):
                return 2
            @classmethod
            def make(cls):
                return cls()
        @jr.cache_data
        def price(x):
            calls.append(x)
            return x * Cfg.make().rate
    """)
    assert ns["price"](5) == 10
    define(ns, """
        class Cfg:
            @property
            def rate(self):
                return 3
            @classmethod
            def make(cls):
                return cls()
    """)
    assert ns["price"](5) == 15


# -- defaults and wrappers -----------------------------------------------------------------------
def test_a_helpers_default_values_are_in_the_key():
    ns = notebook()
    define(ns, """
        def double(v):
            return v * 2
        def helper(x, k=2, *, op=double):
            return op(x * k)
        @jr.cache_data
        def f(x):
            calls.append(x)
            return helper(x)
    """)
    f = ns["f"]
    assert f(1) == 4
    define(ns, "def helper(x, k=3, *, op=double):\n    return op(x * k)")
    assert f(1) == 6
    define(ns, "def double(v):\n    return v * 20")
    define(ns, "def helper(x, k=3, *, op=double):\n    return op(x * k)")
    assert f(1) == 60
    assert f(1) == 60 and len(ns["calls"]) == 3


def test_a_helper_behind_lru_cache_or_a_wrapper_object_is_followed():
    ns = notebook()
    library = types.ModuleType("wrapper_library_for_tests")
    exec(textwrap.dedent("""
        import functools, threading
        class Logged:
            '''A class-based decorator of a library: a lock, and the function behind __wrapped__.'''
            def __init__(self, function):
                functools.update_wrapper(self, function)
                self._lock = threading.Lock()
            def __call__(self, *args):
                with self._lock:
                    return self.__wrapped__(*args)
    """), library.__dict__)
    sys.modules[library.__name__] = library
    ns["Logged"] = library.Logged
    try:
        define(ns, """
            import functools
            @functools.lru_cache
            def square(x):
                return x * x
            @Logged
            def cube(x):
                return x ** 3
            @jr.cache_data
            def f(x):
                calls.append(x)
                return square(x) + cube(x)
        """)
        f = ns["f"]
        assert f(2) == 12
        define(ns, "@functools.lru_cache\ndef square(x):\n    return x * x + 1")
        assert f(2) == 13
        define(ns, "@Logged\ndef cube(x):\n    return x ** 3 + 10")
        assert f(2) == 23 and f(2) == 23 and len(ns["calls"]) == 3
    finally:
        del sys.modules[library.__name__]


def test_a_cached_function_calling_another_counts_the_inner_code():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def inner(x):
            return x + 1
        @jr.cache_data
        def outer(x):
            calls.append(x)
            return inner(x) * 10
    """)
    assert ns["outer"](1) == 20
    define(ns, "@jr.cache_data\ndef inner(x):\n    return x + 2")
    assert ns["outer"](1) == 30 and len(ns["calls"]) == 2


# -- instances ---------------------------------------------------------------------------------
MODEL = """
    class Model:
        def __init__(self, k):
            self.k = k
        def predict(self, x):
            return x * self.k
"""


def test_a_global_instance_counts_its_class_code():
    ns = notebook()
    define(ns, MODEL, """
    model = Model(2)
    @jr.cache_data
    def f(x):
        calls.append(x)
        return model.predict(x)
    """)
    assert ns["f"](5) == 10
    define(ns, MODEL.replace("x * self.k", "x * self.k + 1"), "model = Model(2)")
    assert ns["f"](5) == 11 and ns["f"](5) == 11 and len(ns["calls"]) == 2


def test_an_instance_argument_counts_its_class_code():
    ns = notebook()
    define(ns, MODEL, """
    @jr.cache_data
    def f(m, x):
        calls.append(x)
        return m.predict(x)
    """)
    assert ns["f"](ns["Model"](2), 5) == 10
    assert ns["f"](ns["Model"](2), 5) == 10 and len(ns["calls"]) == 1
    define(ns, MODEL.replace("x * self.k", "x * self.k + 1"))
    assert ns["f"](ns["Model"](2), 5) == 11


def test_a_class_that_holds_its_own_instance_is_hashed_without_recursing():
    ns = notebook()
    define(ns, """
        class Node:
            def __init__(self):
                self.me = self
            def value(self):
                return Node.DEFAULT is not None
        Node.DEFAULT = Node()
        import enum
        class Colour(enum.Enum):
            RED = 1
            def shade(self):
                return Colour.RED.value
    """)
    first = digest(ns["Node"].DEFAULT), digest(ns["Colour"].RED), digest(ns["Node"])
    assert first == (digest(ns["Node"].DEFAULT), digest(ns["Colour"].RED), digest(ns["Node"]))
    assert len(set(first)) == 3


def test_a_bound_method_counts_its_instance():
    ns = notebook()
    define(ns, MODEL, """
    predict = Model(2).predict
    @jr.cache_data
    def f(x):
        calls.append(x)
        return predict(x)
    """)
    assert ns["f"](5) == 10
    define(ns, "predict = Model(3).predict")
    assert ns["f"](5) == 15


# -- session_state ------------------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "return jr.session_state.get('rate', 0) * x",
    "return jr.session_state['rate'] * x",
    "return state['rate'] * x",
    "return helper() * x",
])
def test_a_cached_function_that_reads_session_state_is_refused(body):
    ns = notebook()
    define(ns, f"""
        state = jr.session_state
        def helper():
            return jr.session_state.rate
        @jr.cache_data
        def f(x):
            calls.append(x)
            {body}
    """)
    jr.session_state["rate"] = 1
    try:
        with pytest.raises(jr.RerunError, match="session_state") as raised:
            ns["f"](2)
        assert "argument" in str(raised.value) and "f()" in str(raised.value)
        assert ns["calls"] == []
        with pytest.raises(jr.RerunError):  # and again: a refusal is not remembered as a key
            ns["f"](2)
    finally:
        del jr.session_state["rate"]


# -- arguments ----------------------------------------------------------------------------------
def test_underscore_keywords_through_kwargs_are_not_hashed():
    ns = notebook()
    define(ns, """
        @jr.cache_data
        def f(x, **options):
            calls.append(x)
            return x + options.get("y", 0)
    """)
    assert ns["f"](1, y=2, _conn=threading.Lock()) == 3
    assert ns["f"](1, y=2, _conn=object()) == 3 and len(ns["calls"]) == 1
    assert ns["f"](1, y=3, _conn=object()) == 4 and len(ns["calls"]) == 2


def test_decimals_are_hashed_exactly():
    assert digest(decimal.Decimal("1.0")) != digest(decimal.Decimal("1.00"))
    assert digest(decimal.Decimal("0")) != digest(decimal.Decimal("-0"))
    assert digest(decimal.Decimal("1.0")) == digest(decimal.Decimal("1.0"))


# -- hash_funcs ---------------------------------------------------------------------------------
def test_hash_funcs_keys_may_name_a_type():
    ns = notebook()
    define(ns, """
        class Conn:
            def __init__(self, url):
                self.url, self.lock = url, __import__("threading").Lock()
        @jr.cache_data(hash_funcs={"__main__.Conn": lambda conn: conn.url})
        def rows(conn):
            calls.append(conn.url)
            return conn.url
    """)
    Conn = ns["Conn"]
    assert ns["rows"](Conn("a")) == ns["rows"](Conn("a")) == "a"
    assert ns["rows"](Conn("b")) == "b" and ns["calls"] == ["a", "b"]


def test_a_hash_func_that_returns_its_argument_does_not_recurse():
    @jr.cache_data(hash_funcs={list: lambda value: value})
    def total(xs):
        return sum(xs)

    assert total([1, 2]) == 3 and total([1, 3]) == 4


def test_a_hash_func_that_raises_gives_one_error_naming_everything():
    def by_url(conn):
        return conn.url

    @jr.cache_data(hash_funcs={threading.Lock().__class__: by_url})
    def query(sql, conn):
        return sql

    with pytest.raises(jr.RerunError) as raised:
        query("select 1", threading.Lock())
    message = str(raised.value)
    assert "by_url" in message and "lock" in message and "'conn'" in message and "query" in message
    assert isinstance(raised.value.__cause__, AttributeError)
    assert raised.value.__cause__.__cause__ is None and "\n" not in message


def test_hash_funcs_rejects_what_is_neither_a_type_nor_a_name():
    with pytest.raises(ValueError, match="hash_funcs takes a dict"):
        jr.cache_data(hash_funcs={3: str})


# -- what Streamlit hashes ------------------------------------------------------------------------
def test_regex_patterns_by_pattern_and_flags():
    assert digest(re.compile("a+")) == digest(re.compile("a+"))
    assert digest(re.compile("a+")) != digest(re.compile("a*"))
    assert digest(re.compile("a+")) != digest(re.compile("a+", re.IGNORECASE))
    assert digest(re.compile(b"a+")) != digest(re.compile("a+"))


def test_the_pickle_fallback_honours_copyreg():
    class Point3:
        __slots__ = ("x",)

        def __init__(self, x):
            self.x = x

        def __reduce_ex__(self, protocol):
            raise TypeError("not this way")

    copyreg.pickle(Point3, lambda p: (Point3, (p.x,)))
    try:
        assert digest(Point3(1)) == digest(Point3(1)) != digest(Point3(2))
    finally:
        del copyreg.dispatch_table[Point3]


def test_mapping_views_and_proxies_by_content():
    a, b = {"x": 1, "y": 2}, {"y": 2, "x": 1}
    assert digest(types.MappingProxyType(a)) == digest(types.MappingProxyType(b))
    assert digest(types.MappingProxyType(a)) != digest(types.MappingProxyType({"x": 9}))
    assert digest(types.MappingProxyType(a)) != digest(a)
    assert digest(a.keys()) == digest(b.keys()) != digest({"x": 1}.keys())
    assert digest(a.items()) == digest(b.items()) != digest({"x": 1, "y": 3}.items())
    assert digest(a.values()) != digest({"x": 1, "y": 3}.values())
    assert len({digest(a.keys()), digest(a.items()), digest(a.values())}) == 3


def test_descriptors_by_what_they_wrap():
    def one(self):
        return 1

    def two(self):
        return 2

    assert digest(property(one)) == digest(property(one)) != digest(property(two))
    assert digest(classmethod(one)) != digest(classmethod(two))
    assert digest(staticmethod(one)) != digest(staticmethod(two))
    assert digest(staticmethod(one)) != digest(classmethod(one)) != digest(property(one))
    assert digest(functools.cached_property(one)) != digest(functools.cached_property(two))
    assert digest(type.__dict__["__name__"]) != digest(type.__dict__["__doc__"])  # getset
    assert digest(types.SimpleNamespace.__dict__["__init__"]) is not None  # a slot wrapper


def test_open_files_by_path_position_and_mtime(tmp_path):
    import os

    path = tmp_path / "data.txt"
    path.write_text("hello world")
    with open(path) as a, open(path) as b:
        assert digest(a) == digest(b)
        b.read(5)
        assert digest(a) != digest(b)  # another position
        before = digest(a)
        os.utime(path, (1, 1))
        assert digest(a) != before  # another mtime
    with tempfile.NamedTemporaryFile() as one, tempfile.NamedTemporaryFile() as two:
        assert digest(one) != digest(two)
        assert digest(one) == digest(one)
    assert digest(io.BytesIO(b"ab")) != digest(io.BytesIO(b"ac"))  # in memory: by content


# -- widgets ------------------------------------------------------------------------------------
def test_a_widget_counts_by_its_value():
    import ipywidgets

    slider = ipywidgets.IntSlider(value=1)
    first = digest(slider)
    slider.value = 2
    assert digest(slider) != first
    assert digest(ipywidgets.IntSlider(value=2)) == digest(slider)
    assert digest(ipywidgets.IntText(value=2)) != digest(slider)  # the kind counts too


def test_a_cached_function_reading_a_widget_global_sees_its_value():
    import ipywidgets

    ns = notebook()
    ns["slider"] = ipywidgets.IntSlider(value=1)
    define(ns, """
        @jr.cache_data
        def f(x):
            calls.append(x)
            return x * slider.value
    """)
    assert ns["f"](2) == 2
    ns["slider"].value = 5
    assert ns["f"](2) == 10 and ns["f"](2) == 10 and len(ns["calls"]) == 2


# -- %%cache: what a cell reads and what a hit restores -----------------------------------------------
@pytest.mark.parametrize("source", [
    "def g(a=K):\n    return a",
    "def g(*, a=K):\n    return a",
    "g = lambda a=K: a",
    "def g(a: K):\n    return a",
    "class G(K):\n    pass",
])
def test_a_default_or_annotation_is_read_in_the_defining_scope(source):
    import ast

    reads, _ = reads_and_writes(ast.parse(source))
    assert "K" in reads


def test_a_frozen_notebook_function_thaws_as_it_was_defined_reading_live_globals():
    ns = notebook()
    define(ns, """
        K = 1
        def f():
            return ("old", K)
        class Box:
            def kind(self):
                return "old"
    """)
    stored = freeze({"f": ns["f"], "Box": ns["Box"]}, "a cell")
    define(ns, """
        K = 2
        def f():
            return ("new", K)
        class Box:
            def kind(self):
                return "new"
    """)
    thawed = thaw(stored)
    assert thawed["f"]() == ("old", 2)  # its own code; the notebook's globals as they are now
    assert thawed["Box"]().kind() == "old"


def test_a_palette_image_counts_its_palette():
    from PIL import Image

    one = Image.new("P", (2, 2))
    one.putpalette([0, 0, 0] * 256)
    two = Image.new("P", (2, 2))
    two.putpalette([255, 0, 0] * 256)
    assert digest(one) != digest(two)


def test_objects_that_reach_themselves_through_methods_or_wrappers_are_hashed():
    library = types.ModuleType("loops_library_for_tests")
    exec(textwrap.dedent("""
        class Holder:
            def __init__(self):
                self.callback = self.run
            def run(self):
                return 1
        class Loop:
            def __call__(self):
                return 1
    """), library.__dict__)
    sys.modules[library.__name__] = library
    try:
        holder, loop = library.Holder(), library.Loop()
        loop.__wrapped__ = loop
        ns = notebook()
        define(ns, """
            class Own:
                def __init__(self):
                    self.callback = self.run
                def run(self):
                    return 2
        """)
        ns.update(holder=holder, loop=loop, own=ns["Own"]())
        define(ns, """
            @jr.cache_data
            def f():
                calls.append(1)
                return holder.callback() + loop() + own.callback()
        """)
        assert ns["f"]() == ns["f"]() == 4 and len(ns["calls"]) == 1
        assert digest(holder) == digest(holder) and digest(ns["own"]) == digest(ns["own"])
    finally:
        del sys.modules[library.__name__]


def test_code_inside_a_global_container_is_followed_like_code_read_directly():
    ns = notebook()
    define(ns, """
        K = 2
        def double(x):
            return x * K
        class Model:
            def predict(self, x):
                return x + K
        OPS = {"double": double, "model": Model()}
        @jr.cache_data
        def f(x):
            calls.append(x)
            return OPS["double"](x) + OPS["model"].predict(x)
    """)
    assert ns["f"](1) == 5 and ns["f"](1) == 5 and len(ns["calls"]) == 1
    define(ns, "K = 3")  # read by the code inside OPS, not by f
    assert ns["f"](1) == 7 and ns["f"](1) == 7 and len(ns["calls"]) == 2
