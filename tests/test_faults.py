"""Nothing lost: a build that fails, is interrupted (Ctrl-C, SIGTERM), runs out of disk or meets a
read-only folder leaves the earlier outputs byte-identical and no staging folder behind; two
builds into one folder at once leave one build's complete set of files, never a mix.

Real processes and real file systems where this machine allows (a tmpfs and a read-only bind
mount need root); a fault injected into every write of a build otherwise.
"""

import errno
import fcntl
import hashlib
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.corpus import assemble
from graph.cli import cli
from graph.corpus.pipeline import build
from conftest import DATA, MINIMAL

OUTPUTS = ("graph.html", "graph.jsonld", "graph.trig", "graph.ttl")


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder (staging folders and temporary files included) with its hash."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(make_corpus, tmp_path_factory) -> Path:
    """80 articles: more than graph.collect.PARALLEL_FROM, so a pool of worker processes reads them."""
    return make_corpus(80, 11, tmp_path_factory.mktemp("faults") / "articles")


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, dict[str, str]]:
    """What each build writes when nothing goes wrong."""
    found = {}
    for name, sources in (("minimal", [MINIMAL]), ("bundled", [])):
        out = tmp_path_factory.mktemp(f"reference-{name}")
        build(sources, out)
        found[name] = snapshot(out)
    return found


@pytest.fixture
def earlier(tmp_path: Path, built: Path) -> Path:
    """An output folder holding an earlier build (the bundled article)."""
    out = tmp_path / "out"
    out.mkdir()
    for name in OUTPUTS:
        shutil.copyfile(built / name, out / name)
    return out


def kg(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **popen)


def wait_until(reached: Callable[[], bool], process: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not reached():
        if process.poll() is not None:
            pytest.fail(f"the build ended (exit {process.returncode}) before {what}: {process.stderr.read()}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the build did not reach {what} within {timeout} s")
        time.sleep(0.005)


def staged(out: Path, name: str, min_size: int = 0) -> Callable[[], bool]:
    """True once a staging folder in `out` holds the file `name` (of at least min_size bytes)."""

    def check() -> bool:
        for stage in out.glob(".kg-build-*"):
            try:
                if (stage / name).stat().st_size >= min_size:
                    return True
            except FileNotFoundError:
                pass
        return False

    return check


# -- interrupted ---------------------------------------------------------------------------------

#: the first batch of articles, written by a worker (graph/corpus/collect.py)
WORKERS_WROTE = "parts/000000.nt"
#: (signal, to the whole process group as a terminal's Ctrl-C does, or to kg alone as `kill` does;
#:  the phase: a file that appears in the staging folder then; exit code; first word of the message)
INTERRUPTIONS = {
    "ctrl-c-while-workers-read": (signal.SIGINT, True, WORKERS_WROTE, 1, 130, "Interrupted"),
    "sigterm-while-workers-read": (signal.SIGTERM, False, WORKERS_WROTE, 1, 143, "Terminated"),
    "ctrl-c-while-validating": (signal.SIGINT, True, "union.nt", 0, 130, "Interrupted"),
    "sigterm-while-writing": (signal.SIGTERM, True, "graph.ttl", 0, 143, "Terminated"),
}


@pytest.mark.parametrize("case", sorted(INTERRUPTIONS))
def test_interrupted_build_keeps_the_earlier_outputs(case: str, corpus: Path, earlier: Path):
    sig, group, marker, min_size, code, word = INTERRUPTIONS[case]
    before = snapshot(earlier)
    process = kg("build", str(corpus), "--out", str(earlier), "--quiet", start_new_session=True)
    wait_until(staged(earlier, marker, min_size), process, f"{marker} in the staging folder")
    workers = children(process.pid)
    (os.killpg if group else os.kill)(process.pid, sig)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert stderr == f"{word}; the earlier outputs are unchanged.\n"
    assert stdout == ""
    assert snapshot(earlier) == before
    if marker == WORKERS_WROTE:
        assert workers  # the pool that reads the articles
    deadline = time.monotonic() + 10  # no worker outlives the build
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]


def children(parent: int) -> list[int]:
    """The processes whose parent is `parent` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped is not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_builds_staging_folder_goes_with_the_next_build(runner, corpus: Path, earlier: Path, references):
    """SIGKILL leaves no chance to clean up: the next build on this machine removes what the dead
    build staged, and nothing of a build still running (its process is alive) or of another host."""
    before = snapshot(earlier)
    process = kg("build", str(corpus), "--out", str(earlier), "--quiet", start_new_session=True)
    wait_until(staged(earlier, WORKERS_WROTE, 1), process, "the first batch in the staging folder")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    assert [p.name.split("-")[-2] for p in earlier.glob(".kg-build-*")] == [str(process.pid)]
    assert {k: v for k, v in snapshot(earlier).items() if not k.startswith(".")} == before
    running = earlier / f".kg-build-{socket.gethostname()}-{os.getpid()}-running"
    elsewhere = earlier / f".kg-build-another-host-{process.pid}-abcd1234"
    running.mkdir()
    elsewhere.mkdir()
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier), "--quiet"])
    assert result.exit_code == 0, result.output
    assert sorted(earlier.glob(".kg-build-*")) == sorted([running, elsewhere])
    assert {k: v for k, v in snapshot(earlier).items() if not k.startswith(".")} == references["minimal"]


def test_a_signal_during_the_renames_waits_until_all_are_done(earlier: Path, references):
    """SIGTERM sent while the first file is renamed: held back, so the new set is complete, and the
    message says so."""
    code = ("import os, signal, sys\n"
            "real = os.replace\n"
            "def replace(*args):\n"
            "    os.kill(os.getpid(), signal.SIGTERM)\n"
            "    real(*args)\n"
            "os.replace = replace\n"
            f"sys.argv = ['kg', 'build', {str(MINIMAL)!r}, '--out', {str(earlier)!r}, '--quiet']\n"
            "from graph.cli import main\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 143
    assert result.stderr == "Terminated; the new outputs had all been written.\n"
    assert snapshot(earlier) == references["minimal"]


def test_an_interruption_swallowed_on_its_way_stops_the_build_before_the_renames(runner, earlier: Path,
                                                                                 monkeypatch):
    """Python ignores an exception raised in a __del__ or a fork hook; the interruption is not lost."""
    from graph import runtime as signals

    monkeypatch.setattr(signals, "_received", [KeyboardInterrupt])
    before = snapshot(earlier)
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier), "--quiet"])
    assert result.exit_code == 130
    assert result.stderr == "Interrupted; the earlier outputs are unchanged.\n"
    assert snapshot(earlier) == before


# -- two builds at once --------------------------------------------------------------------------

def test_two_builds_into_one_folder_leave_one_complete_set(tmp_path: Path, references):
    out = tmp_path / "out"
    for round_ in range(3):
        first = kg("build", str(MINIMAL), "--out", str(out), "--quiet")
        time.sleep(0.15 * round_)
        second = kg("build", "--out", str(out), "--quiet")  # the bundled article
        for process in (first, second):
            assert process.wait(timeout=120) == 0, process.stderr.read()
        assert snapshot(out) in (references["minimal"], references["bundled"]), f"round {round_}: a mix"


def test_a_build_waits_for_the_folder_lock_before_replacing_files(tmp_path: Path, earlier: Path, references):
    """The renames happen under an exclusive lock on the folder (flock), one build's set at a time."""
    before = snapshot(earlier)
    lock = os.open(earlier, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        process = kg("build", str(MINIMAL), "--out", str(earlier), "--quiet")
        wait_until(staged(earlier, "graph.html"), process, "every file staged")
        time.sleep(1.0)
        assert process.poll() is None
        assert {k: v for k, v in snapshot(earlier).items() if not k.startswith(".")} == before
    finally:
        os.close(lock)  # releases the lock
    assert process.wait(timeout=60) == 0, process.stderr.read()
    assert snapshot(earlier) == references["minimal"]


# -- a full disk ---------------------------------------------------------------------------------

class FullDisk:
    """Writes into `folder` fail with ENOSPC once `budget` bytes have been written (a partial
    write first, as a real disk does); everything else is untouched."""

    def __init__(self, folder: Path, budget: int):
        self.folder = folder.resolve()
        self.left = budget
        self.real_open = io.open

    def open(self, file, mode="r", *args, **kwargs):
        handle = self.real_open(file, mode, *args, **kwargs)
        writing = any(flag in mode for flag in "wax+")
        inside = isinstance(file, (str, os.PathLike)) and Path(file).resolve().is_relative_to(self.folder)
        return _Limited(handle, self) if writing and inside else handle


class _Limited:
    def __init__(self, handle, disk: FullDisk):
        self._handle = handle
        self._disk = disk

    def write(self, data):
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        if size > self._disk.left:
            self._handle.write(data[: self._disk.left])
            self._disk.left = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk.left -= size
        return self._handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def __getattr__(self, name):
        return getattr(self._handle, name)


def test_disk_full_at_every_write_of_a_build_keeps_the_earlier_outputs(runner, earlier: Path, tmp_path: Path,
                                                                       monkeypatch, references):
    sizes = build([MINIMAL], tmp_path / "measure")  # what the build writes: about this much, staged
    total = sum((tmp_path / "measure" / name).stat().st_size for name in OUTPUTS) * 2
    before = snapshot(earlier)
    failed = 0
    for budget in [0, 1, 100, *range(2_000, total, total // 24)]:
        disk = FullDisk(earlier, budget)
        with monkeypatch.context() as patch:
            patch.setattr(io, "open", disk.open)
            result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier), "--quiet"])
        if result.exit_code == 0:
            break
        failed += 1
        assert result.exit_code == 4, (budget, result.output, result.exception)
        assert result.stderr == (f"Error: {earlier}: cannot write the outputs (No space left on device); the "
                                 "earlier files are unchanged. Free some space or choose another folder with --out\n")
        assert snapshot(earlier) == before, budget
    assert failed > 10 and sizes.triples > 0
    assert snapshot(earlier) == references["minimal"]  # the build that had room wrote everything


@contextmanager
def tmpfs(folder: Path, size_kb: int) -> Iterator[Callable[[int], None]]:
    """A real small file system (root only); yields a function that resizes it."""
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
                                           capture_output=True, check=False).returncode != 0:
        pytest.skip("mounting a tmpfs needs root (the injected faults above test the same code paths)")

    def resize(kb: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={kb}k", str(folder)], check=True, capture_output=True)

    try:
        yield resize
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_real_full_disk_keeps_the_earlier_outputs(runner, built: Path, tmp_path: Path, monkeypatch, references):
    """A tmpfs too small for a second build; the system's sort writes there too (forced here)."""
    monkeypatch.setattr(assemble, "IN_MEMORY_SORT_LINES", 0)
    earlier_kb = sum((built / name).stat().st_size for name in OUTPUTS) // 1024 + 8
    outcomes = []
    with tmpfs(tmp_path / "disk", earlier_kb + 64) as resize:
        out = tmp_path / "disk"
        for name in OUTPUTS:
            shutil.copyfile(built / name, out / name)
        before = snapshot(out)
        for extra_kb in range(8, 1200, 48):
            resize(earlier_kb + extra_kb)
            result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(out), "--quiet"])
            outcomes.append(result.exit_code)
            if result.exit_code == 0:
                break
            assert result.exit_code == 4, (extra_kb, result.output, result.exception)
            assert result.stderr.startswith(f"Error: {out}: cannot write ")
            assert "No space left on device" in result.stderr
            assert snapshot(out) == before, extra_kb
        assert snapshot(out) == references["minimal"]
    assert outcomes[-1] == 0 and outcomes.count(4) >= 5


# -- a read-only folder --------------------------------------------------------------------------

@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """The folder made read-only: chmod for a user; for root (whom chmod does not stop) a
    read-only bind mount, else the immutable attribute."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "chmod 555"
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False).returncode == 0:
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True, capture_output=True)
            yield "read-only bind mount"
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode == 0:
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        return
    pytest.skip("cannot make a folder read-only for root here (no bind mount, no chattr)")


def test_build_into_a_read_only_folder(runner, earlier: Path):
    before = snapshot(earlier)
    with read_only(earlier):
        result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier)])
        assert result.exit_code == 4
        assert result.stderr == (f"Error: {earlier}: cannot write into the output folder (Read-only file system); "
                                 "the earlier files are unchanged. Choose another folder with --out\n")
    assert snapshot(earlier) == before


def test_render_into_a_read_only_folder(runner, earlier: Path):
    before = snapshot(earlier)
    with read_only(earlier):
        result = runner.invoke(cli, ["render", str(earlier / "graph.ttl"), "--out", str(earlier / "graph.html")])
        assert result.exit_code == 4
        assert result.stderr.startswith(f"Error: {earlier}: cannot write the outputs (Read-only file system); "
                                        "the earlier files are unchanged.")
    assert snapshot(earlier) == before


def test_failed_build_leaves_no_staging_folder(runner, earlier: Path):
    before = snapshot(earlier)
    result = runner.invoke(cli, ["build", str(DATA / "bad" / "evidence-not-found"), "--out", str(earlier)])
    assert result.exit_code == 2
    assert snapshot(earlier) == before


@pytest.mark.parametrize("name", ["graph.html", "graph.trig", "graph.ttl"])
def test_a_failed_build_never_mixes_two_builds(runner, earlier: Path, name: str):
    """Issue 15, item 3: an output name taken by a folder stops the build before the first rename."""
    (earlier / name).unlink()
    (earlier / name).mkdir()
    before = snapshot(earlier)
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier)])
    assert result.exit_code == 4
    assert result.stderr == (f"Error: {earlier / name}: is a folder or a special file, not an output file; nothing "
                             "was written and the earlier files are unchanged. Move it away or choose another "
                             "folder with --out\n")
    assert snapshot(earlier) == before


def test_a_rename_failing_midway_puts_the_earlier_files_back(runner, earlier: Path, monkeypatch):
    before = snapshot(earlier)
    replace = os.replace

    def failing(source, target):
        if Path(target).name == "graph.trig" and ".kg-build-" in str(source):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        replace(source, target)

    monkeypatch.setattr("graph.files.os.replace", failing)
    result = runner.invoke(cli, ["build", str(MINIMAL), "--out", str(earlier)])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {earlier}: cannot write the outputs (Input/output error); the earlier "
                                    "files are unchanged.")
    assert snapshot(earlier) == before


@pytest.mark.parametrize("how", ["same-path", "relative", "symlink", "hard-link"])
def test_render_refuses_to_write_over_its_input(runner, built: Path, tmp_path: Path, monkeypatch, how: str):
    """Issue 15, item 4: `kg render graph.ttl --out graph.ttl` once replaced the Turtle with HTML."""
    ttl = tmp_path / "graph.ttl"
    shutil.copyfile(built / "graph.ttl", ttl)
    monkeypatch.chdir(tmp_path)
    out = {"same-path": ttl, "relative": Path("graph.ttl"), "symlink": tmp_path / "link.ttl",
           "hard-link": tmp_path / "hard.ttl"}[how]
    if how == "symlink":
        out.symlink_to(ttl)
    elif how == "hard-link":
        os.link(ttl, out)
    before = snapshot(tmp_path)
    result = runner.invoke(cli, ["render", str(ttl), "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --out {out}: is the input file {ttl}; the page would replace the Turtle. "
                             "Choose another name for the page (e.g. --out graph.html)\n")
    assert snapshot(tmp_path) == before


def test_a_staging_folder_whose_process_id_was_reused_goes_too(tmp_path: Path):
    """A killed build's id may name a younger process by the next build: a process that started
    after the folder was last written cannot be its owner."""
    from graph.corpus.pipeline import remove_abandoned_stages

    younger = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        host = socket.gethostname()
        reused = tmp_path / f".kg-build-{host}-{younger.pid}-abcd1234"
        alive = tmp_path / f".kg-build-{host}-{os.getpid()}-efgh5678"
        reused.mkdir()
        alive.mkdir()
        past = time.time() - 3600
        os.utime(reused, (past, past))
        remove_abandoned_stages(tmp_path)
        assert sorted(tmp_path.iterdir()) == [alive]
    finally:
        younger.kill()
        younger.wait()
