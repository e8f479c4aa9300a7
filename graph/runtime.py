"""How a long command runs: a progress bar on a terminal, and Ctrl-C and SIGTERM.

A progress bar (tqdm) is drawn on stderr for long jobs on a terminal, and nothing at all anywhere else.

Ctrl-C and SIGTERM: handled by the main process alone, and never lost before the outputs change.

`kg` turns SIGTERM (kill, a scheduler's time limit) into Terminated, a KeyboardInterrupt, so that
both stop a command the same way: staging files removed, earlier outputs untouched (graph/cli.py
prints the message and exits 130 or 143).

Ctrl-C reaches every process of the terminal's group; a worker that raised KeyboardInterrupt
printed a traceback, and a worker killed while it held a lock of the pool's queues left the main
process waiting for that lock forever. So workers leave the group, ignore SIGINT, die quietly on
SIGTERM, and the main process terminates them. The signals are held back while
workers are forked, because an exception raised in one of the interpreter's fork hooks is
"ignored", and the interruption with it; and an interruption that was swallowed anyway is raised
again before the outputs are replaced (check()).
"""

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from graph.errors import Terminated

HELD = {signal.SIGINT, signal.SIGTERM}
_received: list[type[KeyboardInterrupt]] = []


def _interrupt(signum: int, frame: object) -> None:
    stop = Terminated if signum == signal.SIGTERM else KeyboardInterrupt
    _received.append(stop)
    raise stop()


def install() -> None:
    """In the main process of the command line: both signals raise (and are remembered)."""
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)


def check() -> None:
    """Raise an interruption that arrived but was swallowed on its way (see above)."""
    if _received:
        raise _received[0]()


@contextmanager
def holding() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then are handled at its end."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def quiet_signals() -> None:
    """The first thing a worker process does: leave the terminal's process group, so that Ctrl-C
    or a SIGTERM sent to the group does not kill it while it holds a lock of the pool's queues
    (the main process would then wait for that lock forever), and leave both signals to the main
    process, which ends its workers itself (SIGTERM, the default action: end at once)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.setpgid(0, 0)
    except OSError:
        pass  # not allowed here: the signals above still apply
    _die_with_parent()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def _die_with_parent() -> None:
    """Out of the group, a worker would outlive a main process killed outright (SIGKILL) and go
    on writing into its staging folder; on Linux the kernel ends it then (PR_SET_PDEATHSIG)."""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return  # not Linux: the main process ends its workers itself when it can
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


Progress = Callable[[int, int], None]


@contextmanager
def progress_bar(desc: str, unit: str, enabled: bool = True) -> Iterator[Progress | None]:
    """Yield a callback(done, total) drawing a bar on stderr, or None when quiet or not a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit=unit, desc=desc, leave=False, file=sys.stderr)
        bar.update(done - bar.n)

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
