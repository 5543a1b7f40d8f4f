"""No store can hang a call, and %cache_info walks a big Redis in few round trips."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import redis
from store_helpers import counted, store_warnings

import jupyter_rerun as jr
from jupyter_rerun.stores import persistent


class Trickler:
    """Something on 127.0.0.1 that speaks Redis's protocol, slowly: it answers with a 1 GB
    bulk string, one byte every 0.1 s, forever. Each byte comes well within any per-read
    socket timeout; the reply never ends. With `from_command=b"GET"` it first answers the
    connection's handshake and PING as a server would, and trickles only from the first GET."""

    def __init__(self, from_command: bytes | None = None, interval: float = 0.1) -> None:
        self.from_command, self.interval = from_command, interval
        self.connections = 0
        self.hung_up = threading.Event()  # a client closed its end mid-reply
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self._listener.getsockname()[1]}/0"
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            for command in _commands(connection):
                if self.from_command is None or command[0].upper() == self.from_command:
                    return self._trickle(connection)
                connection.sendall(_ANSWERS.get(command[0].upper(), b"+OK\r\n"))

    def _trickle(self, connection: socket.socket) -> None:
        reply = b"$1000000000\r\n"
        try:
            for index in range(10**9):
                if self._stopped.is_set():
                    return
                connection.sendall(reply[index:index + 1] or b"x")
                time.sleep(self.interval)
        except OSError:
            self.hung_up.set()

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()


_ANSWERS = {b"HELLO": b"%1\r\n$5\r\nproto\r\n:3\r\n", b"PING": b"+PONG\r\n"}  # RESP3


def _commands(connection: socket.socket):
    """The commands a client sends (RESP arrays of bulk strings), as lists of bytes."""
    buffer = b""
    while True:
        while buffer.count(b"\r\n") < 1 or not _complete(buffer):
            data = connection.recv(65536)
            if not data:
                return
            buffer += data
        count, _, buffer = buffer[1:].partition(b"\r\n")
        parts = []
        for _ in range(int(count)):
            length, _, buffer = buffer[1:].partition(b"\r\n")
            parts.append(buffer[:int(length)])
            buffer = buffer[int(length) + 2:]
        yield parts


def _complete(buffer: bytes) -> bool:
    """Whether `buffer` starts with one whole command."""
    try:
        count, _, rest = buffer[1:].partition(b"\r\n")
        for _ in range(int(count)):
            length, found, rest = rest[1:].partition(b"\r\n")
            if not found or len(rest) < int(length) + 2:
                return False
            rest = rest[int(length) + 2:]
        return True
    except ValueError:
        return False


@pytest.fixture(params=["from the first byte", "after the handshake"])
def trickler(request):
    server = Trickler(None if request.param == "from the first byte" else b"GET")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTER_RERUN_SECRET", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def call_in_thread(function, *args):
    """Run `function(*args)` on a thread; (finished within 20 s, what it returned, warnings)."""
    seen: dict = {}

    def run():
        with store_warnings() as warned:
            seen["value"] = [function(arg) for arg in args]
        seen["warned"] = warned

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)
    return not thread.is_alive(), seen


@pytest.mark.parametrize("query", ["", "?timeout=0.2"])
def test_a_server_that_trickles_cannot_hang_a_call(trickler, query):
    calls: list = []
    compute = counted(trickler.url + query, calls)
    started = time.monotonic()
    finished, seen = call_in_thread(compute, 1, 2, 1)
    assert finished, "a cached call waited 20 s on a trickling server"
    elapsed = time.monotonic() - started
    assert seen["value"] == [{"x": 1}, {"x": 2}, {"x": 1}] and calls == [1, 2]
    assert len(seen["warned"]) == 1 and "deadline" in seen["warned"][0]
    assert trickler.hung_up.wait(5)  # the client gave up mid-reply, not the server
    assert trickler.connections == 1  # the later calls did not wait on it again
    assert elapsed < 5  # 0.5 s deadline (or 0.2 s), with slack for a busy machine


def test_the_deadline_is_read_from_the_url(tmp_path):
    url = "redis://127.0.0.1:1/0"  # nothing listens: opening a Redis store connects to nothing
    assert persistent(url).store.store.timeout == 0.5
    assert persistent(url + "?timeout=1.5").store.store.timeout == 1.5
    assert jr.open_store(f"disk://{tmp_path}/store?timeout=2").timeout == 2
    for bad in ("soon", "0", "-1", "1e9"):
        with pytest.raises(jr.StoreError, match="give the store's deadline in seconds"):
            jr.open_store(f"{url}?timeout={bad}")


@pytest.fixture
def crowded_redis(redis_server):
    """Database 7 of the test server: 100,000 keys of other programs, and 2,000 entries of
    ours."""
    url = redis_server.url.rsplit("/", 1)[0] + "/7"
    client = redis.Redis.from_url(url)
    client.flushdb()
    with client.pipeline(transaction=False) as pipe:
        for start in range(0, 100_000, 1000):
            pipe.mset({f"other:{n}": b"v" for n in range(start, start + 1000)})
        for n in range(2000):
            pipe.set(f"jupyter_rerun:f/{n:04x}", b"e" * 10)
        pipe.execute()
    yield url
    client.flushdb()
    client.close()


def count_round_trips(monkeypatch) -> list:
    """Each command (or pipeline) written to a Redis connection, counted."""
    sent: list = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self, command, check_health=True):
        sent.append(command)
        return original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    return sent


@pytest.mark.parametrize("scripts", ["allowed", "refused"])
def test_store_stats_on_a_crowded_redis_take_few_round_trips(crowded_redis, monkeypatch, scripts):
    url = crowded_redis
    if scripts == "refused":  # a Redis user without scripting, as some services give
        admin = redis.Redis.from_url(url)
        admin.acl_setuser("noscripts", enabled=True, passwords=["+pw"], keys=["*"],
                          commands=["+@all", "-@scripting"], reset=True)
        url = url.replace("redis://", "redis://noscripts:pw@")
    store = jr.open_store(url)
    store.stats()  # connected, and any script loaded
    sent = count_round_trips(monkeypatch)
    assert store.stats() == {"entries": 2000, "bytes": 20_000}
    assert len(sent) <= 20, f"{len(sent)} round trips for 102,000 keys"
    sent.clear()
    assert store.clear("f/") == 2000
    assert len(sent) <= 20, f"{len(sent)} round trips to clear 2,000 of 102,000 keys"
    assert redis.Redis.from_url(crowded_redis).dbsize() == 100_000  # others' keys kept
    store.close()
    if scripts == "refused":
        admin.acl_deluser("noscripts")
