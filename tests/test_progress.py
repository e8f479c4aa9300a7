"""The progress bar: drawn on a terminal, silent elsewhere and with --quiet."""

import io
import sys

from graph.runtime import progress_bar


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar("build", "article") as progress:
        assert progress is None
    assert sys.stderr.getvalue() == ""


def test_no_bar_when_quiet(monkeypatch):
    monkeypatch.setattr(sys, "stderr", FakeTerminal())
    with progress_bar("build", "article", enabled=False) as progress:
        assert progress is None
    assert sys.stderr.getvalue() == ""


def test_bar_on_a_terminal(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("build", "article") as progress:
        for done in range(1, 11):
            progress(done, 10)
    drawn = terminal.getvalue()
    assert drawn.startswith("\rbuild:") and "/10 [" in drawn and "article/s" in drawn
