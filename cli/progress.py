"""A progress line on stderr for long batches: documents done (of how many), words per second, time left.

Shown only when stderr is a terminal (never in a pipeline's log or a test's captured output) and not `-q`.
When the number of documents is known up front (files, folders and corpus files: `cli/counting.py`), the
line is rich's bar with done / total and an ETA; for standard input it counts up.

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
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress


def same_terminal() -> bool:
    """Whether stdout and stderr are one terminal: only then may output pass through the live display
    (rich prints it above the progress line instead of tearing it)."""
    try:
        if not (sys.stdout.isatty() and sys.stderr.isatty()):
            return False
        return os.ttyname(sys.stdout.fileno()) == os.ttyname(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False


def columns(total: int | None) -> tuple[ProgressColumn, ...]:
    """The progress line: "⠋ 12/40 documents ━━━━━━━━ 4,210 words/s eta 0:01:05", or for an unknown
    total "⠋ 12 documents 4,210 words/s 0:00:21" (time so far)."""
    rate = TextColumn("{task.fields[rate]} words/s")
    if total is None:
        count = TextColumn("{task.completed} {task.fields[noun]}")
        return (SpinnerColumn(), count, rate, TimeElapsedColumn())
    return (
        SpinnerColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        BarColumn(bar_width=20),
        rate,
        TextColumn("eta"),
        TimeRemainingColumn(),
    )


class Progress:
    """`total`: the number of documents expected (each one is `advance`d: extracted, failed or skipped),
    or None when it cannot be known (standard input)."""

    def __init__(
        self, *, enabled: bool = True, console: Console | None = None, total: int | None = None
    ) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.console = console
        self.total = total
        self.docs = 0
        self.words = 0
        self._started = time.perf_counter()
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Progress:
        if self.enabled:
            self._bar = RichProgress(
                *columns(self.total),
                console=self.console or Console(stderr=True),
                transient=True,
                # rich redirects both streams by default: stdout sent to a file would land on the screen
                redirect_stdout=same_terminal(),
                redirect_stderr=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("extract", total=self.total, rate="-", noun="documents")
        return self

    def advance(self, documents: int = 1, *, words: int = 0) -> None:
        """`documents` more are done, of `words` words (or were skipped: they count toward the total all the
        same)."""
        self.docs += documents
        self.words += words
        if self._bar is not None and self._task is not None:
            elapsed = max(time.perf_counter() - self._started, 1e-9)
            # A count made up front may fall short (a file grew, a corpus row spans lines): never past 100%.
            total = max(self.total, self.docs) if self.total is not None else None
            self._bar.update(
                self._task,
                completed=self.docs,
                total=total,
                rate=f"{self.words / elapsed:,.0f}",
                noun="document" if self.docs == 1 else "documents",
            )

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
