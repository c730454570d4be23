"""Untrusted files are parsed in a child process with a memory and a time limit.

A parser that meets a file it cannot afford may raise, or (calamine, in Rust) abort the
whole process. So every upload is parsed in a child: it gets an address-space limit
(``RLIMIT_AS``, ``GOVERNANCE_PARSE_MEMORY_MB``, default 2048) and a time limit
(``GOVERNANCE_PARSE_SECONDS``, default 60); whatever happens to it, the caller gets the
table, the file's own problem, or the problem ``unsafe-file``.

The children are forked from a helper process (a "zygote") started once per process with
``subprocess``: a fresh interpreter that imports only the reading rooms, with numpy's and
Arrow's helper threads switched off, so it has a single thread and forking it is safe,
unlike forking a threaded Streamlit server (the command line instead forks the zygote from
itself while it still has one thread: ``start_here``). A fork costs a few milliseconds;
the zygote exits when its parent closes the control socket (or dies). For each parse the
parent sends the zygote one end of a fresh socket pair; the child reads the request from it
and answers on it: a JSON header, and for a table the descriptor of an in-memory file
holding its cells as an Arrow IPC stream, which the parent maps without copying.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import traceback
from typing import TYPE_CHECKING

from governance.errors import ReadError
from governance.ingest.problems import Problem

if TYPE_CHECKING:
    from governance.ingest.headers import RawTable

DEFAULT_MEMORY_MB, DEFAULT_SECONDS = 2048, 60
GRACE_SECONDS = 10  # past the child's own alarm, the parent kills it
_TEST_ENV = ("GOVERNANCE_TEST_PAUSE_AT", "GOVERNANCE_TEST_PAUSE_FILE")
# Arrow's default pool (mimalloc) reserves address space in 1 GiB arenas: under the
# address-space limit a 600 MB parse could be refused at random; the system pool does not
_ZYGOTE_ENV = {"OPENBLAS_NUM_THREADS": "1", "ARROW_DEFAULT_MEMORY_POOL": "system",
               "JE_ARROW_MALLOC_CONF": "background_thread:false", "RUST_BACKTRACE": "0"}
_ROW = "__row__"


def limits() -> tuple[int, int]:
    """(memory in MB, seconds) of one parse, as the environment sets them now."""
    return (int(os.environ.get("GOVERNANCE_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB)),
            int(float(os.environ.get("GOVERNANCE_PARSE_SECONDS", DEFAULT_SECONDS))))


def start() -> None:
    """Start the helper process now, so that it loads while the caller does other work
    (cheap when it runs already). Its imports (pandas, Arrow, calamine) are the child's."""
    _ZYGOTE.ensure()


def start_here() -> None:
    """For a command-line process that is still single-threaded: import the readers here
    and fork the helper from this process, so that the two share one set of imports
    instead of loading them twice. Anything else (a threaded process) starts it apart."""
    os.environ.update({k: v for k, v in _ZYGOTE_ENV.items() if k != "RUST_BACKTRACE"})
    from governance.ingest import readers  # noqa: F401

    if len(os.listdir("/proc/self/task")) == 1 and _ZYGOTE.process is None:
        _ZYGOTE.fork_here()
    else:
        _ZYGOTE.ensure()


def read_table(data: bytes, filename: str, sheet: str | None, limit: int,
               header_row: int | None = None) -> RawTable:
    """``readers.parse_table`` run in a child; raises ``ReadError``. A read of the same
    bytes started ahead (``read_ahead``) is waited for instead of started again."""
    request = _table_request(filename, sheet, limit, header_row)
    ahead = _AHEAD.take(request, data)
    header, payload = ahead.result() if ahead is not None else _call(request, data)
    return _table(header, payload)


def read_ahead(data: bytes, filename: str, sheet: str | None, limit: int) -> None:
    """Start ``read_table(data, filename, sheet, limit)`` now, in a thread: the child
    parses while the caller loads the rest of what it needs (the command line: the store,
    the checks). Reads started ahead run one after the other; the bytes are kept until
    ``read_table`` asks for them."""
    _AHEAD.start(_table_request(filename, sheet, limit), data)


def _table_request(filename: str, sheet: str | None, limit: int,
                   header_row: int | None = None) -> dict:
    return {"task": "table", "filename": filename, "sheet": sheet, "limit": limit,
            "header_row": header_row}


def top_rows(data: bytes, sheet: str | None, limit: int) -> list[list[str]]:
    """``readers.parse_top_rows`` run in a child; raises ``ReadError``."""
    header, _ = _call({"task": "top", "sheet": sheet, "limit": limit}, data)
    return header["rows"]


def sheet_names(data: bytes, limit: int) -> list[str]:
    """``readers.parse_sheet_names`` run in a child; raises ``ReadError``."""
    header, _ = _call({"task": "sheets", "limit": limit}, data)
    return header["names"]


# --- the parent side -----------------------------------------------------------------------

class _Zygote:
    """The helper process the children are forked from, started on first use."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen | None = None
        self.control: socket.socket | None = None

    def _start(self) -> None:
        mine, theirs = socket.socketpair()
        code = (f"import sys; sys.path[:0] = {[p for p in sys.path if p]!r}; "
                "from governance.ingest.sandbox import zygote; "
                f"zygote({theirs.fileno()})")
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], pass_fds=[theirs.fileno()],
            env={**os.environ, **_ZYGOTE_ENV}, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.close()
        self.control = mine

    def fork_here(self) -> None:
        """Make this process's fork the helper: it shares the modules already imported
        (the caller checked that this process has a single thread)."""
        mine, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the helper: quiet, and never back into the caller's code
            mine.close()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            os.environ.update(_ZYGOTE_ENV)
            try:
                zygote(theirs.fileno())
            finally:
                os._exit(0)
        theirs.close()
        self.process, self.control = _Forked(pid), mine

    def ensure(self) -> None:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()

    def connect(self) -> socket.socket:
        """A socket to a new child, forked for one request."""
        mine, theirs = socket.socketpair()
        try:
            with self.lock:
                for attempt in (1, 2):
                    if self.process is None or self.process.poll() is not None:
                        self._start()
                    try:
                        socket.send_fds(self.control, [b"C"], [theirs.fileno()])
                        break
                    except OSError:  # the zygote died (killed from outside): once more
                        self.process = None
                        if attempt == 2:
                            raise
        finally:
            theirs.close()
        return mine


class _Forked:
    """The helper as a forked child of this process (what ``Popen`` offers of it)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.returncode = pid, None

    def poll(self) -> int | None:
        if self.returncode is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        _kill(self.pid)

    def wait(self) -> int:
        while self.poll() is None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
        return self.returncode


_ZYGOTE = _Zygote()


class _Pending:
    """A read started ahead: its request, its bytes, and its answer once there."""

    def __init__(self, request: dict, data: bytes, after: _Pending | None) -> None:
        self.request, self.data, self.after = request, data, after
        self.answer: tuple[dict, mmap.mmap | None] | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        if self.after is not None:  # one child at a time, as without reading ahead
            self.after.thread.join()
            self.after = None  # nor does this one keep the one before (and its table)
        try:
            self.answer = _call(self.request, self.data)
        except BaseException as exc:  # raised again where the table is asked for
            self.error = exc

    def result(self) -> tuple[dict, mmap.mmap | None]:
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.answer


class _ReadsAhead:
    """The reads started ahead, each taken once by the ``read_table`` that asks for it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: list[_Pending] = []

    def start(self, request: dict, data: bytes) -> None:
        with self.lock:
            pending = _Pending(request, data, self.pending[-1] if self.pending else None)
            self.pending.append(pending)
        pending.thread.start()

    def take(self, request: dict, data: bytes) -> _Pending | None:
        with self.lock:
            for pending in self.pending:
                # the same object when the caller kept it; equal bytes compared in C else
                if pending.request == request and (pending.data is data
                                                   or pending.data == data):
                    self.pending.remove(pending)
                    return pending
        return None


_AHEAD = _ReadsAhead()


def _call(request: dict, data: bytes) -> tuple[dict, mmap.mmap | None]:
    memory_mb, seconds = limits()
    request = {**request, "memory_mb": memory_mb, "seconds": seconds,
               "env": {k: os.environ[k] for k in _TEST_ENV if k in os.environ}}
    unsafe = ReadError(Problem.of("unsafe-file", memory=f"{memory_mb:,} MB",
                                  seconds=f"{seconds} s"))
    with _ZYGOTE.connect() as sock:
        sock.settimeout(seconds + GRACE_SECONDS)
        pid = None
        try:
            pid = _receive_json(sock)["pid"]
            _send(sock, json.dumps(request).encode(), data)
            marker, fds, _, _ = socket.recv_fds(sock, 1, 1)
            payload = _mapped(fds[0]) if fds else None
            if not marker:
                raise ValueError("the child process ended before answering")
            header = _receive_json(sock)
        except TimeoutError:  # the child's own alarm did not end it: end it here
            if pid is not None:
                _kill(pid)
            raise unsafe from None
        except (OSError, ValueError, struct.error, KeyError):  # it died, or cut short
            raise unsafe from None
    status = header["status"]
    if status == "problem":
        raise ReadError(Problem(header["code"], header["row"], header["column"],
                                header["value"], tuple(map(tuple, header["params"]))))
    if status == "unsafe":
        raise unsafe
    if status == "error":
        raise RuntimeError(f"reading the file failed in the child process:\n{header['trace']}")
    return header, payload


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):  # it ended meanwhile
        os.kill(pid, signal.SIGKILL)


def _mapped(fd: int) -> mmap.mmap:
    """The child's answer, in memory it wrote and this process maps (no copy)."""
    try:
        return mmap.mmap(fd, 0, prot=mmap.PROT_READ)
    finally:
        os.close(fd)


def _table(header: dict, payload: mmap.mmap) -> RawTable:
    import pyarrow as pa

    from governance.ingest.headers import RawTable

    table = pa.ipc.open_stream(pa.py_buffer(payload)).read_all()
    frame = table.to_pandas()
    rows = frame.pop(_ROW).rename(None)
    frame.columns = range(frame.shape[1])
    if header["object"]:
        frame = frame.astype(object)
    from governance.ingest.problems import Problem

    notes = [Problem.of(n["code"], **n["params"]) for n in header.get("warnings", [])]
    return RawTable(header["headers"], frame, rows, header["file_format"],
                    header["encoding"], header["sheet"], header["header_row"], notes,
                    header["top"])


# --- framing: 8-byte length, then the bytes --------------------------------------------

def _send(sock: socket.socket, *parts: bytes | memoryview) -> None:
    for part in parts:
        size = memoryview(part).nbytes
        sock.sendall(struct.pack("<Q", size))
        if size:  # an empty part: its length was the last byte the peer waited for, and
            sock.sendall(part)  # the peer may have answered and closed (EPIPE) already


def _receive(sock: socket.socket) -> bytes:
    (size,) = struct.unpack("<Q", _exactly(sock, 8))
    return _exactly(sock, size)


def _receive_json(sock: socket.socket) -> dict:
    return json.loads(bytes(_receive(sock)))


def _exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            raise ValueError("the child process ended before answering")
        got += n
    return buffer


# --- the zygote and its children -------------------------------------------------------

def zygote(control_fd: int) -> None:
    """Serve fork requests until the parent closes the control socket."""
    from governance.ingest import readers  # noqa: F401  (imported once, shared by forks)

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C is its
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    control = socket.socket(fileno=control_fd)
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(control, 16, 1)
        except OSError:
            os._exit(0)
        if not fds:
            os._exit(0)  # the parent is gone
        if os.fork() == 0:
            try:  # whatever happens, the child never returns into this loop
                control.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _child(socket.socket(fileno=fds[0]))
            finally:
                os._exit(0)
        os.close(fds[0])


def _child(sock: socket.socket) -> None:
    from governance.ingest import readers

    _send(sock, json.dumps({"pid": os.getpid()}).encode())
    request = _receive_json(sock)
    limit = request["memory_mb"] * 1024 * 1024
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import pyarrow as pa

    # what counts is ARROW_DEFAULT_MEMORY_POOL (_ZYGOTE_ENV), read when Arrow makes its first
    # pool: pandas' conversions keep allocating from that one whatever is set later. This
    # covers what is allocated through the default pool from here on
    pa.set_memory_pool(pa.system_memory_pool())
    signal.alarm(request["seconds"])  # SIGALRM's default action ends the process
    os.environ.update(request["env"])
    try:
        data = bytes(_receive(sock))
        if request["task"] == "sheets":
            header, payload = {"status": "names",
                               "names": readers.parse_sheet_names(data, request["limit"])}, None
        elif request["task"] == "top":
            header, payload = {"status": "top", "rows": readers.parse_top_rows(
                data, request["sheet"], request["limit"])}, None
        else:
            raw = readers.parse_table(data, request["filename"], request["sheet"],
                                      request["limit"], request["header_row"])
            del data
            header, payload = _encode_table(raw)
    except ReadError as exc:
        p = exc.problem
        header, payload = {"status": "problem", "code": p.code, "row": p.row,
                           "column": p.column, "value": p.value,
                           "params": [list(kv) for kv in p.params]}, None
    except MemoryError:
        header, payload = {"status": "unsafe"}, None
    except BaseException:  # a bug: the parent raises it as an internal error
        header, payload = {"status": "error", "trace": traceback.format_exc()}, None
    fds = [payload] if payload is not None else []
    socket.send_fds(sock, [b"A"], fds)  # the answer's marker, with the table's memory
    _send(sock, json.dumps(header, default=str).encode())


def _encode_table(raw: RawTable) -> tuple[dict, int]:
    """The table's header as JSON, and its cells as an Arrow IPC stream written to an
    anonymous in-memory file (a memfd: page cache, outside the address-space limit) whose
    descriptor goes to the parent."""
    import pyarrow as pa

    frame = raw.frame
    columns = {str(i): frame[c] for i, c in enumerate(frame.columns)}
    columns[_ROW] = raw.rows
    table = pa.table({name: pa.array(col, from_pandas=True) for name, col in columns.items()})
    fd = os.memfd_create("table")
    with pa.OSFile(f"/proc/self/fd/{fd}", "wb") as sink, \
            pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    header = {"status": "table", "headers": raw.headers, "file_format": raw.file_format,
              "encoding": raw.encoding, "sheet": raw.sheet, "header_row": raw.header_row,
              "top": raw.top,
              "warnings": [{"code": p.code, "params": dict(p.params)} for p in raw.warnings],
              "object": any(frame[c].dtype == object for c in frame.columns)}
    return header, fd
