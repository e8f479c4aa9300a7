"""contained(): a local query in a forked worker process, which the main process stops on
--timeout, Ctrl-C or SIGTERM, and whose crash it survives."""

import faulthandler
import os
import pickle
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable
from typing import TypeVar

from graph.errors import KgError, QueryError
from graph.runtime import holding, quiet_signals

T = TypeVar("T")


class Stopped(QueryError):
    """A worker gave no answer (past --timeout, or its engine crashed); the caller names the query."""



def contained(call: Callable[[], T], timeout: float) -> T:
    """call() in a forked worker process, its answer (or KgError) pickled back.

    The main process only waits, so Ctrl-C and SIGTERM stop the command at once (an engine deep in
    its own code never looks at them); it ends the worker on a timeout, an interruption or an
    error, and survives the worker's crash. The worker leaves the terminal's process group and
    ignores Ctrl-C (graph/runtime.py), and the kernel ends it past its CPU time even if the main
    process was killed outright. Raises Stopped on a timeout or a crash.
    """
    wait = timeout if 0 < timeout < 1e9 else 1e9  # inf (and nan): no limit to speak of
    read_end, write_end = os.pipe()
    pid = 0
    try:
        with holding():
            pid = os.fork()
            if pid == 0:
                _worker(call, wait, read_end, write_end)
        os.close(write_end)
        write_end = -1
        data = _read_all(read_end, time.monotonic() + wait, timeout)
        _, status = os.waitpid(pid, 0)
        pid = 0
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if not data:
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise _timed_out(timeout)
        how = signal.Signals(os.WTERMSIG(status)).name if os.WIFSIGNALED(status) else f"exit {os.WEXITSTATUS(status)}"
        raise Stopped(f"the SPARQL engine crashed on this query ({how}); simplify the query (less nesting)")
    kind, value = pickle.loads(data)
    if kind == "answer":
        return value
    if kind == "error":
        raise value
    raise RuntimeError(f"the query worker failed:\n{value}")


def _timed_out(timeout: float) -> Stopped:
    return Stopped(f"no answer within --timeout {timeout:g} s, so the query was stopped; narrow it "
                   "(more specific patterns, LIMIT) or allow it more time with --timeout SECONDS")


def _read_all(fd: int, deadline: float, timeout: float) -> bytes:
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _timed_out(timeout)
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _worker(call: Callable[[], object], timeout: float, read_end: int, write_end: int) -> None:
    """The forked side of contained(): never returns."""
    try:
        faulthandler.disable()  # a crash here is the main process's one line, not a dump of this one
        quiet_signals()
        os.close(read_end)
        cpu = int(timeout) + 2  # SIGXCPU, then SIGKILL: the worker ends even if nobody waits for it
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        except (ValueError, OSError):
            pass  # a lower limit is already set (ulimit -t): that one applies
        try:
            payload: tuple[str, object] = ("answer", call())
        except KgError as err:
            payload = ("error", err)
        except BaseException:
            payload = ("bug", traceback.format_exc())
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            data = pickle.dumps(("bug", traceback.format_exc()))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
    finally:
        os._exit(0)
