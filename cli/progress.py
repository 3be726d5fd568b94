"""A progress line on stderr for long batches: documents done, words per second.

Shown only when stderr is a terminal (never in a pipeline's log or a test's captured output) and not `-q`.
The total is unknown up front (folders are walked lazily), so it counts up rather than filling a bar.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn


class Progress:
    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
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
                console=Console(stderr=True),
                transient=True,
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
