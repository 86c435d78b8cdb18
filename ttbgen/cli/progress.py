"""A progress bar for long batches: on a terminal only, never in CI logs or piped output (issue 15)."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = 1.5  # seconds before the bar appears: a short batch prints nothing extra
REDRAW = 0.1  # seconds between redraws
WIDTH = 30


def wanted(stream: TextIO | None = None) -> bool:
    """Tell whether to draw a bar: the stream is a terminal, not CI, not a dumb terminal, not turned off."""
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("TTBGEN_NO_PROGRESS") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Draw `label [#####     ] done/total` on stderr after DELAY seconds; erase it when the batch ends."""

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.label, self.stream = label, stream or sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        """Report progress; draws at most every REDRAW seconds, and only once the batch has run DELAY."""
        now = time.monotonic()
        if not self.enabled or now - self.started < DELAY or (now - self.drawn_at < REDRAW and done < total):
            return
        filled = WIDTH * done // max(total, 1)
        self.stream.write(f"\r{self.label} [{'#' * filled}{' ' * (WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
        self.drawn_at, self.shown = now, True

    def close(self) -> None:
        """Erase the bar, so the lines printed after it start clean."""
        if self.shown:
            self.stream.write("\r" + " " * (len(self.label) + WIDTH + 30) + "\r")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
