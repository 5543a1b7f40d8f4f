"""Single flight across kernels: real kernels sharing a disk store or a real redis-server.
Every test counts computations (each one writes its kernel's pid to a file); none times
anything. The store's lease is 1 s here, so a dead or frozen holder hands over quickly."""

from __future__ import annotations

import os
import signal

import pytest
from conftest import unique
from flight_support import (
    at_once, collect, computations, kernels, pid, slow_function, store_env,
    wait_for_computations,
)

LEASE = 1


@pytest.fixture(params=["disk", "redis"])
def env(request, tmp_path, redis_server):
    if request.param == "redis":
        import redis

        redis.Redis.from_url(redis_server.url).flushdb()
        spec = f"{redis_server.url}?lease={LEASE}"
    else:
        spec = f"disk://{tmp_path / 'store'}?lease={LEASE}"
    return store_env(tmp_path, spec)


def define(drivers, code: str) -> None:
    for kernel in drivers:
        kernel.execute(code)


def spinning(kernel, name: str) -> None:
    """Wait until `kernel` shows that it waits for another kernel computing `name`."""
    needle = f"Another kernel is computing {name}(…)"
    kernel.wait_until(lambda: any(needle in str(m["content"].get("data", "")) for m in kernel.log))


def test_four_kernels_compute_a_cold_key_once(env, tmp_path):
    name = unique("cold")
    with kernels(4, env) as four:
        define(four, slow_function(name, tmp_path, 1.5))
        sent = at_once(four, f"value = {name}(1)\nprint(value['x'], len(value['payload']))",
                       tmp_path / "go")
        done = collect(four, sent)
        assert [execution.stdout for execution in done] == ["1 1000\n"] * 4
        assert len(computations(tmp_path)) == 1, [execution.stderr for execution in done]
        hits = [kernel.value(f"{name}.cache_info()['store_hits']") for kernel in four]
        assert sorted(hits) == [0, 1, 1, 1]  # three read what the fourth computed
        shown = [str([m["content"].get("data") for m in execution.messages]) for execution in done]
        assert sum(f"Another kernel is computing {name}(…)" in text for text in shown) == 3


def test_a_killed_holder_hands_the_key_to_one_waiter(env, tmp_path):
    name = unique("killed")
    with kernels(3, env) as (holder, *waiters):
        define([holder, *waiters], slow_function(name, tmp_path, 600))
        process = pid(holder)
        holder.submit(f"{name}(1)")
        wait_for_computations(tmp_path, 1)
        (tmp_path / "seconds").write_text("1")  # whoever takes over is quick
        sent = [kernel.submit(f"print({name}(1)['x'])") for kernel in waiters]
        for kernel in waiters:
            spinning(kernel, name)
        os.kill(process, signal.SIGKILL)
        assert [execution.stdout for execution in collect(waiters, sent)] == ["1\n", "1\n"]
        assert len(computations(tmp_path)) == 2  # the killed one, then one waiter


def test_a_frozen_holder_hands_the_key_to_one_waiter(env, tmp_path):
    name = unique("frozen")
    with kernels(3, env) as (holder, *waiters):
        define([holder, *waiters], slow_function(name, tmp_path, 4))
        process = pid(holder)
        holding = holder.submit(f"print({name}(1)['x'])")
        wait_for_computations(tmp_path, 1)
        (tmp_path / "seconds").write_text("1")
        sent = [kernel.submit(f"print({name}(1)['x'])") for kernel in waiters]
        for kernel in waiters:
            spinning(kernel, name)
        os.kill(process, signal.SIGSTOP)  # its renewals stop with it
        try:
            assert [execution.stdout for execution in collect(waiters, sent)] == ["1\n", "1\n"]
            assert len(computations(tmp_path)) == 2
        finally:
            os.kill(process, signal.SIGCONT)
        assert holder.collect(holding).stdout == "1\n"  # it finishes, and stores it again
        assert len(computations(tmp_path)) == 2


def test_an_exception_in_the_holder_is_not_cached_and_one_waiter_retries(env, tmp_path):
    name = unique("failing")
    with kernels(3, env) as three:
        define(three, slow_function(name, tmp_path, 1, fail_first=True))
        done = collect(three, at_once(three, f"print({name}(1)['x'])", tmp_path / "go"),
                       allow_errors=True)
        errors = [execution.error for execution in done if execution.error]
        assert errors == ["RuntimeError: the first computation fails"]
        assert sorted(execution.stdout for execution in done) == ["", "1\n", "1\n"]
        assert len(computations(tmp_path)) == 2  # the failure, then one retry for both


def test_an_interrupt_while_waiting_leaves_nothing_behind(env, tmp_path):
    name = unique("interrupted")
    with kernels(2, env) as (holder, waiter):
        define([holder, waiter], slow_function(name, tmp_path, 3))
        holding = holder.submit(f"print({name}(1)['x'])")
        wait_for_computations(tmp_path, 1)
        waiting = waiter.submit(f"print({name}(1)['x'])")
        spinning(waiter, name)
        waiter.interrupt()
        assert waiter.collect(waiting, allow_errors=True).error.startswith("KeyboardInterrupt")
        assert waiter.execute(f"print({name}(1)['x'])").stdout == "1\n"  # waits again, reads
        assert holder.collect(holding).stdout == "1\n"
        assert len(computations(tmp_path)) == 1


def test_a_kernel_restarted_while_holding_hands_over(env, tmp_path):
    name = unique("restarted")
    with kernels(2, env) as (holder, waiter):
        definition = slow_function(name, tmp_path, 600)
        define([holder, waiter], definition)
        holder.submit(f"{name}(1)")
        wait_for_computations(tmp_path, 1)
        (tmp_path / "seconds").write_text("1")
        waiting = waiter.submit(f"print({name}(1)['x'])")
        spinning(waiter, name)
        holder.restart()
        assert waiter.collect(waiting).stdout == "1\n"
        assert len(computations(tmp_path)) == 2
        holder.execute("import jupyter_rerun as jr, os, time\n" + definition)
        assert holder.execute(f"print({name}(1)['x'])").stdout == "1\n"  # read, not computed
        assert len(computations(tmp_path)) == 2


CROSSED = """
def arrive(mark):
    open({marks!r} + '/' + mark, 'w').close()
    while not all(os.path.exists({marks!r} + '/' + m) for m in ('first-A', 'second-B')):
        time.sleep(0.005)
@jr.cache_data(persist=True)
def first(x, _role):
    arrive('first-' + _role)
    return second(x, _role) + 1 if _role == 'A' else x
@jr.cache_data(persist=True)
def second(x, _role):
    arrive('second-' + _role)
    return first(x, _role) + 1 if _role == 'B' else x
"""


def test_crossed_nested_calls_between_kernels_cannot_deadlock(env, tmp_path):
    """A holds first(1) and calls second(1) while B holds second(1) and calls first(1):
    each waiting for the other would never end. A miss inside a computation computes."""
    (tmp_path / "marks").mkdir()
    with kernels(2, env) as (a, b):
        define([a, b], CROSSED.format(marks=str(tmp_path / "marks")))
        sent = [a.submit("print(first(1, 'A'))"), b.submit("print(second(1, 'B'))")]
        done = collect([a, b], sent)
        # each computed its inner call itself (2), or read the other's from the store (3):
        # the inner keys are the outer keys of the other kernel (_role is not in the key)
        assert all(execution.stdout in ("2\n", "3\n") for execution in done)


RECURSIVE = """
@jr.cache_data(persist=True)
def factorial(n):
    with open({calls!r}, 'a') as log:
        log.write(f'{{os.getpid()}}\\n')
    time.sleep(0.1)
    return 1 if n == 0 else n * factorial(n - 1)
"""


def test_a_recursive_cached_function_in_two_kernels_at_once(env, tmp_path):
    with kernels(2, env) as two:
        define(two, RECURSIVE.format(calls=str(tmp_path / "calls")))
        done = collect(two, at_once(two, "print(factorial(6))", tmp_path / "go"))
        assert [execution.stdout for execution in done] == ["720\n", "720\n"]
        assert len(computations(tmp_path)) == 7  # 0! … 6!, each once


CELL = """
with open({calls!r}, 'a') as log:
    log.write(f'{{os.getpid()}}\\n')
time.sleep(1.5)
table = list(range(5))
print('made', len(table))
"""


def test_three_kernels_run_a_cache_cell_once(env, tmp_path):
    body = CELL.format(calls=str(tmp_path / "calls"))
    with kernels(3, env) as three:  # the cell waits for the start line, so it is run as %%cache
        run = f"get_ipython().run_cell_magic('cache', '--persist --outputs table', {body!r})"
        done = collect(three, at_once(three, run, tmp_path / "go"))
        assert [execution.stdout for execution in done] == ["made 5\n"] * 3
        assert len(computations(tmp_path)) == 1, [execution.stderr for execution in done]
        assert [kernel.value("table") for kernel in three] == [[0, 1, 2, 3, 4]] * 3


def test_crossed_nested_calls_between_threads_cannot_deadlock():
    """The same crossing between two threads of one kernel: neither waits for the other
    while inside a computation, so both finish."""
    import threading

    import jupyter_rerun as jr

    arrived = {name: threading.Event() for name in ("first-A", "second-B")}

    def arrive(mark):
        if mark in arrived:
            arrived[mark].set()
        assert all(event.wait(10) for event in arrived.values())

    @jr.cache_data
    def first(x, _role):
        arrive("first-" + _role)
        return second(x, _role) + 1 if _role == "A" else x

    @jr.cache_data
    def second(x, _role):
        arrive("second-" + _role)
        return first(x, _role) + 1 if _role == "B" else x

    results = {}
    threads = [threading.Thread(target=lambda: results.update(a=first(1, "A"))),
               threading.Thread(target=lambda: results.update(b=second(1, "B")))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(results) == ["a", "b"] and set(results.values()) <= {2, 3}
