"""Fast in-process tests of the engine's parts (in addition to the real-kernel tests)."""

from __future__ import annotations

import asyncio
import sys
import threading
import time

import pytest
from IPython.core.error import UsageError
from IPython.core.interactiveshell import InteractiveShell

from jupyter_rerun.capture import OutputBuffer, RoutedStream, routed_to
from jupyter_rerun.magics import _debounce, _names
from jupyter_rerun.rerun.binding import GATHER, SLOW_RUN, Binding, RerunOptions
from jupyter_rerun.rerun.code import CellCode
from jupyter_rerun.rerun.host import InlineHost
from jupyter_rerun.rerun.scheduler import MAX_SELF_RERUNS, Scheduler
from jupyter_rerun.rerun.triggers import TriggerHub


class FakeBinding:
    def __init__(self, order, debounce=0.0, body=None):
        self.order, self.debounce, self.closed = order, debounce, False
        self.runs: list[float] = []
        self.runaway = 0
        self.body = body

    def run(self):
        self.runs.append(time.monotonic())
        if self.body:
            self.body(self)

    def report_runaway(self, message):
        self.runaway = message


def run_loop_until(loop, condition, timeout=5.0):
    deadline = time.monotonic() + timeout

    async def wait():
        while not condition() and time.monotonic() < deadline:
            await asyncio.sleep(0.005)

    loop.run_until_complete(wait())
    assert condition(), "condition not reached"


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_requests_from_another_thread_coalesce_into_one_run(loop):
    scheduler = Scheduler(InlineHost(loop))
    binding = FakeBinding(order=0)
    threads = [threading.Thread(target=scheduler.request, args=(binding,)) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run_loop_until(loop, lambda: binding.runs)
    loop.run_until_complete(asyncio.sleep(0.05))
    assert len(binding.runs) == 1


def test_due_bindings_run_in_order_of_their_cells(loop):
    scheduler = Scheduler(InlineHost(loop))
    order: list[int] = []
    bindings = [FakeBinding(order=n, body=lambda b: order.append(b.order)) for n in range(4)]
    for binding in reversed(bindings):
        scheduler.request(binding)
    run_loop_until(loop, lambda: len(order) == 4)
    assert order == [0, 1, 2, 3]


def test_a_request_during_a_run_causes_exactly_one_more_run(loop):
    scheduler = Scheduler(InlineHost(loop))
    noticed: list[bool] = []  # asserted after the loop: an assert inside a run is swallowed

    def body(binding):
        if len(binding.runs) == 1:
            sender = threading.Thread(target=lambda: [scheduler.request(binding) for _ in range(5)])
            sender.start()
            sender.join()
            noticed.append(scheduler.has_newer_input(binding))

    binding = FakeBinding(order=0, body=body)
    scheduler.request(binding)
    run_loop_until(loop, lambda: len(binding.runs) == 2)
    loop.run_until_complete(asyncio.sleep(0.05))
    assert noticed == [True]
    assert len(binding.runs) == 2


def test_debounce_is_trailing(loop):
    scheduler = Scheduler(InlineHost(loop))
    binding = FakeBinding(order=0, debounce=0.3)  # 10x the gaps below: a stall cannot split it
    requested: list[float] = []

    async def burst():
        for _ in range(5):
            requested.append(time.monotonic())
            scheduler.request(binding)
            await asyncio.sleep(0.03)

    loop.run_until_complete(burst())
    run_loop_until(loop, lambda: binding.runs)
    loop.run_until_complete(asyncio.sleep(0.35))
    assert len(binding.runs) == 1
    assert binding.runs[0] >= requested[-1] + 0.3  # a lower bound: a slow machine only adds


def test_a_slow_cell_waits_for_quiet_input_and_a_fast_cell_does_not():
    binding = Binding("cell", 0, shell=None, hub=TriggerHub(lambda bindings: None),
                      request=lambda b: None, superseded=lambda b: False)
    assert binding.debounce == 0.0  # fast (or never run): no wait
    binding.last_duration = SLOW_RUN
    assert binding.debounce == pytest.approx(SLOW_RUN / 20)  # 5 % of its run
    binding.last_duration = 10.0
    assert binding.debounce == GATHER  # and never more than GATHER
    binding.options = RerunOptions(debounce=0.25)
    assert binding.debounce == 0.25  # --debounce is the user's choice
    binding.close()


def test_a_superseded_run_starts_over_without_its_debounce(loop):
    class Superseded:
        abandoned = superseded = True

    scheduler = Scheduler(InlineHost(loop))
    outcomes = [Superseded(), None]
    binding = FakeBinding(order=0)

    def run():
        binding.runs.append(time.monotonic())
        binding.debounce = 60.0  # from now on, input would wait a minute
        return outcomes.pop(0)

    binding.run = run
    scheduler.request(binding)
    run_loop_until(loop, lambda: len(binding.runs) == 2)  # the restart: at once


def test_a_binding_that_requests_itself_is_stopped(loop):
    scheduler = Scheduler(InlineHost(loop))
    binding = FakeBinding(order=0, body=lambda b: scheduler.request(b))
    scheduler.request(binding)
    run_loop_until(loop, lambda: binding.runaway)
    assert len(binding.runs) == MAX_SELF_RERUNS + 1
    assert not scheduler.has_newer_input(binding)


def test_closed_bindings_are_not_run(loop):
    scheduler = Scheduler(InlineHost(loop))
    binding = FakeBinding(order=0)
    binding.closed = True
    scheduler.request(binding)
    loop.run_until_complete(asyncio.sleep(0.05))
    assert binding.runs == []


@pytest.fixture(scope="module")
def shell():
    return InteractiveShell.instance()


def test_cell_code_splits_the_last_expression_and_finds_free_names(shell):
    code = CellCode.compile(shell, "import math\nx = s.value\ndef f(y): return y + t.value\nf(x) + math.pi")
    assert code.last_expression is not None
    assert code.free_names == ("s", "t")
    namespace = {"s": type("S", (), {"value": 1})(), "t": type("T", (), {"value": 2})()}
    assert code.execute(namespace) == pytest.approx(3 + 3.14159, rel=1e-4)


def test_a_trailing_semicolon_hides_the_last_value(shell):
    assert CellCode.compile(shell, "1 + 1;").last_expression is None


def test_magics_are_transformed_and_top_level_await_is_refused(shell):
    code = CellCode.compile(shell, "%time x = 1\nx")
    assert "get_ipython" in code.free_names  # the magic became a call
    with pytest.raises(SyntaxError, match="asyncio.run"):
        CellCode.compile(shell, "import asyncio\nawait asyncio.sleep(0)")


def test_routed_streams_only_capture_their_own_context():
    original = sys.stdout
    router = RoutedStream("stdout", original)
    buffer = OutputBuffer()
    other_thread_output: list[str] = []

    class Sink:
        def write(self, text):
            other_thread_output.append(text)
            return len(text)

    background = RoutedStream("stdout", Sink())
    with routed_to(buffer):
        router.write("a")
        router.write("b")
        thread = threading.Thread(target=lambda: background.write("elsewhere"))
        thread.start()
        thread.join()
    assert buffer.outputs == [{"output_type": "stream", "name": "stdout", "text": "ab"}]
    assert other_thread_output == ["elsewhere"]


def test_output_buffer_handles_display_updates_and_clear():
    buffer = OutputBuffer()
    buffer.display({"text/plain": "1"}, {}, "d1", False)
    buffer.stream("stdout", "x")
    buffer.display({"text/plain": "2"}, {}, "d1", True)
    assert buffer.outputs[0]["data"] == {"text/plain": "2"}
    buffer.clear()
    assert buffer.snapshot() == ()


@pytest.mark.parametrize("text, seconds", [("0", 0.0), ("150", 0.15), ("2.5", 0.0025)])
def test_debounce_accepts_milliseconds(text, seconds):
    assert _debounce(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["-1", "abc", "nan", "inf", ""])
def test_debounce_rejects_everything_else(text):
    with pytest.raises(UsageError, match="--debounce takes milliseconds"):
        _debounce(text)


def test_on_names_are_split_and_checked():
    assert _names("a, b.c,") == ("a", "b.c")
    with pytest.raises(UsageError, match="comma-separated names like --on a,b"):
        _names("a-b")
