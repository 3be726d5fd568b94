"""A progress line on stderr for long batches: documents done, words per second.

Shown only when stderr is a terminal (never in a pipeline's log or a test's captured output) and not `-q`.
The total is unknown up front (folders are walked lazily), so it counts up rather than filling a bar.

The line lives on the same stderr console as the command's messages, so an `Error:` line is printed above
it, never through it. It never captures standard output when that is a file or a pipe: the records must
reach `> out.jsonl` or `| jq` whatever stderr is.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn


def same_terminal() -> bool:
    """Whether stdout and stderr are one terminal: only then may output pass through the live display
    (rich prints it above the progress line instead of tearing it)."""
    try:
        if not (sys.stdout.isatty() and sys.stderr.isatty()):
            return False
        return os.ttyname(sys.stdout.fileno()) == os.ttyname(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False


class Progress:
    def __init__(self, *, enabled: bool = True, console: Console | None = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.console = console
        self.docs = 0
        self.words = 0
        self._done_words = 0
        self._started = time.perf_counter()
        self._bar: RichProgress | None = None
        self._task = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._bar = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.fields[docs]} documents"),
                TextColumn("{task.fields[rate]} words/s"),
                TimeElapsedColumn(),
                console=self.console or Console(stderr=True),
                transient=True,
                # rich redirects both streams by default: stdout sent to a file would land on the screen
                redirect_stdout=same_terminal(),
                redirect_stderr=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("extract", total=None, docs=0, rate="-")
        return self

    def add_words(self, words: int) -> None:
        self.words += words

    def advance(self) -> None:
        self.docs += 1
        if self._bar is not None and self._task is not None:
            elapsed = max(time.perf_counter() - self._started, 1e-9)
            self._bar.update(self._task, docs=self.docs, rate=f"{self.words / elapsed:,.0f}")

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
