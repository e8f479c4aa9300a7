"""A progress bar for long jobs on a terminal (tqdm), and nothing at all anywhere else."""

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
