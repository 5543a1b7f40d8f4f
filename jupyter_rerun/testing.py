"""Drive a real IPython kernel the way a browser does: a test double that ships with the package.

`KernelDriver` starts a kernel with jupyter_client, executes cells, and plays the front end's
side of the ipywidgets protocol (2.1): it sends `comm_msg` updates and clicks on the shell
channel, and keeps every widget model's state from what the kernel publishes on iopub.
With `subshell=True` it also does what JupyterLab 4.6 does by default: it creates a kernel
subshell and stamps its id on every comm message, so widget callbacks run on a subshell
thread, concurrently with cells.

    with KernelDriver() as kernel:
        kernel.execute("%load_ext jupyter_rerun")
        ...
"""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jupyter_client.manager import KernelManager

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class KernelError(AssertionError):
    """A cell raised in the kernel; the message holds the kernel's traceback."""


@dataclass
class Execution:
    """What one execute_request produced."""

    msg_id: str
    messages: list[dict]
    reply: dict

    @property
    def views(self) -> list[str]:
        """Model ids of the widgets the cell displayed, in order."""
        return [m["content"]["data"][WIDGET_VIEW]["model_id"] for m in self.messages
                if m["msg_type"] in ("display_data", "execute_result")
                and WIDGET_VIEW in m["content"]["data"]]

    @property
    def stdout(self) -> str:
        return self._stream("stdout")

    @property
    def stderr(self) -> str:
        """Warnings included: a store that was given up says why here."""
        return self._stream("stderr")

    def _stream(self, name: str) -> str:
        return "".join(m["content"]["text"] for m in self.messages
                       if m["msg_type"] == "stream" and m["content"]["name"] == name)

    @property
    def error(self) -> str | None:
        content = self.reply["content"]
        return None if content["status"] == "ok" else f"{content.get('ename')}: {content.get('evalue')}"


@dataclass
class KernelDriver:
    """One real kernel plus the front end's bookkeeping of widget models."""

    subshell: bool = False
    timeout: float = 30.0
    cwd: str | None = None
    env: dict[str, str] | None = None
    models: dict[str, dict] = field(default_factory=dict)  # model_id -> latest state
    log: list[dict] = field(default_factory=list)  # every iopub message read, in order

    def __post_init__(self) -> None:
        self._manager: KernelManager | None = None
        self._client: Any = None
        self._subshell_id: str | None = None
        self._awaited: set[str] = set()  # execute requests whose messages collect() will want
        self._comms_sent: list[str] = []  # comm messages sync() waits for
        self._by_parent: dict[str, list[dict]] = {}
        self._tmp = tempfile.TemporaryDirectory(prefix="jr-kernel-")

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> KernelDriver:
        ipc = os.path.join(self._tmp.name, "kernel-ipc")
        self._manager = KernelManager(kernel_name="python3", transport="ipc", ip=ipc)
        env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", **(self.env or {})}
        self._manager.start_kernel(env=env, cwd=self.cwd or os.getcwd())
        self._client = self._manager.client()
        self._client.start_channels()
        self._client.wait_for_ready(timeout=self.timeout)
        if self.subshell:
            self._subshell_id = self._create_subshell()
        return self

    def stop(self) -> None:
        if self._client is not None:
            self._client.stop_channels()
        if self._manager is not None:
            self._manager.shutdown_kernel(now=True)
        self._tmp.cleanup()

    def restart(self) -> None:
        """Restart the kernel process (a new session), as the front end's restart does."""
        assert self._manager is not None
        self._manager.restart_kernel(now=True)
        self._client.wait_for_ready(timeout=self.timeout)
        self.models.clear()
        if self.subshell:
            self._subshell_id = self._create_subshell()

    def __enter__(self) -> KernelDriver:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def kernel_features(self) -> list[str]:
        """What the kernel says it supports (`supported_features` of its kernel_info reply,
        e.g. "kernel subshells": ipykernel 7 has them, 6.29 does not)."""
        reply = self._client.kernel_info(reply=True, timeout=self.timeout)
        return list(reply["content"].get("supported_features", []))

    def _create_subshell(self) -> str:
        request = self._client.session.msg("create_subshell_request", {})
        self._client.control_channel.send(request)
        while True:
            reply = self._client.get_control_msg(timeout=self.timeout)
            if reply["parent_header"].get("msg_id") == request["header"]["msg_id"]:
                return reply["content"]["subshell_id"]

    # -- cells --------------------------------------------------------------------------
    def execute(self, code: str, *, allow_errors: bool = False, cell_id: str | None = None) -> Execution:
        """Run a cell like a notebook front end (with a cell id when given); wait for idle.
        A cell expected to fail (`allow_errors`) is sent as JupyterLab sends a cell tagged
        raises-exception: its error does not abort what comes next (ipykernel 6 otherwise
        aborts a request that arrives before it has finished aborting its queue)."""
        return self.collect(self.submit(code, cell_id=cell_id, stop_on_error=not allow_errors),
                            allow_errors=allow_errors)

    def submit(self, code: str, *, cell_id: str | None = None, stop_on_error: bool = True) -> str:
        """Send a cell without waiting for it; `collect(msg_id)` waits."""
        content = {"code": code, "silent": False, "store_history": True,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": stop_on_error}
        message = self._client.session.msg("execute_request", content)
        if cell_id is not None:
            message["metadata"]["cellId"] = cell_id  # where JupyterLab puts it
        self._awaited.add(message["header"]["msg_id"])
        self._client.shell_channel.send(message)
        return message["header"]["msg_id"]

    def collect(self, msg_id: str, *, allow_errors: bool = False) -> Execution:
        """Wait for a submitted cell to finish; raise KernelError if it failed."""
        messages = self._read_until_idle(msg_id)
        self._awaited.discard(msg_id)
        execution = Execution(msg_id, messages, self._shell_reply(msg_id))
        if execution.error and not allow_errors:
            traceback = [m["content"]["traceback"] for m in messages if m["msg_type"] == "error"]
            raise KernelError(f"{execution.error}\n" + "\n".join(sum(traceback, [])))
        return execution

    def interrupt(self) -> None:
        """What the front end's interrupt button does."""
        assert self._manager is not None
        self._manager.interrupt_kernel()

    def sync(self) -> None:
        """Return once no rerun is queued or running in the kernel: reruns and cells take the
        same lock, so each probe cell lets queued reruns go first; reruns that queue more
        reruns (jr.rerun, cells reacting to each other) take a few probes. First, every comm
        message sent must have been handled: on a subshell it may still wait in that
        subshell's queue, where a probe on the main shell would not see it."""
        self.wait_until(lambda: not any(map(self._in_flight, self._comms_sent)))
        self._comms_sent.clear()
        probe = ("import jupyter_rerun.runtime as _jr_runtime\n"
                 "print(bool(_jr_runtime.current() and _jr_runtime.current().scheduler.busy()))")
        for _ in range(100):
            if self.execute(probe, cell_id="jupyter-rerun-sync").stdout.strip() != "True":
                return
        raise TimeoutError("reruns kept coming for 100 probes")

    def _shell_reply(self, msg_id: str) -> dict:
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._client.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def _read_until_idle(self, parent_id: str) -> list[dict]:
        """Messages whose parent is `parent_id`, up to its idle (including any read already)."""
        deadline = time.monotonic() + self.timeout
        while not any(m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
                      for m in self._by_parent.get(parent_id, ())):
            self._next_iopub(deadline)
        return self._by_parent.pop(parent_id)

    def value(self, expression: str) -> Any:
        """Evaluate `expression` in the kernel and return its value (repr, literal_eval)."""
        import ast

        return ast.literal_eval(self.execute(f"print(repr({expression}))").stdout.strip())

    # -- the front end's side of the widget protocol ------------------------------------
    def update(self, model_id: str, **state: Any) -> str:
        """Send what the browser sends when the user changes a widget (e.g. drags a slider)."""
        return self._comm_msg(model_id, {"method": "update", "state": state, "buffer_paths": []})

    def click(self, model_id: str) -> str:
        """Send what the browser sends when a Button is clicked."""
        return self._comm_msg(model_id, {"method": "custom", "content": {"event": "click"}})

    def custom(self, model_id: str, content: dict, buffers: list[bytes] | None = None) -> str:
        """Send what an anywidget front end's `model.send(content, undefined, buffers)`
        sends (a custom message, with binary buffers if given)."""
        return self._comm_msg(model_id, {"method": "custom", "content": content}, buffers)

    def _comm_msg(self, model_id: str, data: dict, buffers: list[bytes] | None = None) -> str:
        message = self._client.session.msg("comm_msg", {"comm_id": model_id, "data": data})
        if buffers:
            message["buffers"] = list(buffers)
        if self._subshell_id is not None:
            message["header"]["subshell_id"] = self._subshell_id
        self._awaited.add(message["header"]["msg_id"])
        self._comms_sent.append(message["header"]["msg_id"])
        self._client.shell_channel.send(message)
        return message["header"]["msg_id"]

    def _in_flight(self, msg_id: str) -> bool:
        """Sent and not yet reported idle (handled() and collect() forget what they read)."""
        return msg_id in self._awaited and not any(
            m["msg_type"] == "status" and m["content"]["execution_state"] == "idle"
            for m in self._by_parent.get(msg_id, ()))

    def handled(self, msg_id: str) -> list[dict]:
        """Wait until the kernel reports idle for a message we sent (the ipywidgets front end
        waits for exactly this before it sends a widget's next change)."""
        messages = self._read_until_idle(msg_id)
        self._awaited.discard(msg_id)
        return messages

    def pump(self, quiet: float = 0.05) -> list[dict]:
        """Read iopub until it has been quiet for `quiet` seconds; return what came."""
        start = len(self.log)
        while True:
            try:
                self._next_iopub(time.monotonic() + quiet)
            except TimeoutError:
                return self.log[start:]

    def wait_until(self, predicate: Callable[[], Any], timeout: float | None = None) -> Any:
        """Read iopub until `predicate()` is truthy; return its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while not (result := predicate()):
            try:
                self._next_iopub(min(deadline, time.monotonic() + 0.05))
            except TimeoutError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(f"condition not met within {timeout or self.timeout}s") from None
        return result

    def wait_for_text(self, model_id: str, needle: str, timeout: float | None = None) -> str:
        """Wait until the widget tree under `model_id` shows `needle`; return all its text."""
        def shown() -> str:
            text = self.text(model_id)
            return text if needle in text else ""

        return self.wait_until(shown, timeout)

    def wait_for_output(self, needle: str, timeout: float | None = None, since: int | None = None) -> float:
        """Wait for an iopub message carrying `needle` in printed text or in an Output
        widget's outputs (looking back to log index `since`, if given); return the
        `time.perf_counter()` at which it arrived (for latency)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        index = len(self.log) if since is None else since
        while True:
            while index < len(self.log):
                message = self.log[index]
                index += 1
                if _carries(message, needle):
                    return message["received"]
            self._next_iopub(deadline)

    def _next_iopub(self, deadline: float) -> dict:
        try:
            message = self._client.get_iopub_msg(timeout=max(0.001, deadline - time.monotonic()))
        except queue.Empty:
            raise TimeoutError("no iopub message") from None
        message["received"] = time.perf_counter()
        self.log.append(message)
        parent = message["parent_header"].get("msg_id")
        if parent in self._awaited:
            self._by_parent.setdefault(parent, []).append(message)
        self._track(message)
        return message

    def _track(self, message: dict) -> None:
        content = message["content"]
        if message["msg_type"] == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(content["data"]["state"])
        elif message["msg_type"] == "comm_msg" and content["comm_id"] in self.models:
            data = content["data"]
            if data.get("method") in ("update", "echo_update"):
                self.models[content["comm_id"]].update(data.get("state", {}))
        elif message["msg_type"] == "comm_close":
            self.models.pop(content["comm_id"], None)

    # -- reading what the front end would show ------------------------------------------
    def children(self, model_id: str) -> list[str]:
        return [ref.removeprefix("IPY_MODEL_") for ref in self.models[model_id].get("children", [])]

    def find(self, model_id: str, model_name: str) -> list[str]:
        """Ids of all models named `model_name` (e.g. 'IntSliderModel') under `model_id`."""
        found = [model_id] if self.models[model_id].get("_model_name") == model_name else []
        for child in self.children(model_id):
            found += self.find(child, model_name)
        return found

    def text(self, model_id: str) -> str:
        """Everything the widget tree under `model_id` shows, as plain text (what is hidden
        by `display: none`, like the page's stylesheet, shows nothing)."""
        state = self.models.get(model_id, {})
        layout = self.models.get(str(state.get("layout", "")).removeprefix("IPY_MODEL_"), {})
        if layout.get("display") == "none":
            return ""
        parts = [_output_text(output) for output in state.get("outputs", [])]
        if "value" in state and state.get("_model_name") in ("HTMLModel", "LabelModel", "HTMLMathModel"):
            parts.append(str(state["value"]))
        parts += [self.text(child) for child in self.children(model_id) if child in self.models]
        return "".join(parts)

    def messages_since(self, index: int, *types: str) -> list[dict]:
        return [m for m in self.log[index:] if not types or m["msg_type"] in types]


def _carries(message: dict, needle: str) -> bool:
    content = message["content"]
    if message["msg_type"] == "stream":
        return needle in content["text"]
    if message["msg_type"] == "comm_msg":
        outputs = content["data"].get("state", {}).get("outputs", [])
        return any(needle in _output_text(output) for output in outputs)
    return False


def _output_text(output: dict) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return output["text"]
    if kind == "error":
        return f"{output['ename']}: {output['evalue']}\n" + "\n".join(output.get("traceback", []))
    data = output.get("data", {})
    for mime in ("text/plain", "text/markdown", "text/html"):
        if mime in data:
            text = data[mime]
            return ("".join(text) if isinstance(text, list) else text) + "\n"
    return ""


class RedisServer:
    """A real redis-server on 127.0.0.1, on a free port, for tests and benchmarks; `stop()`
    ends it."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: `./dev test` installs it "
                               "(or: apt-get install redis-server)")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                      "--appendonly", "no", "--dir", str(folder), "--protected-mode", "yes"]
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        """Start it (again) and wait until it answers."""
        import redis

        self.process = subprocess.Popen(self._argv, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
