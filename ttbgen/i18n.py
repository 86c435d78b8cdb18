"""Message translation: every user-facing string goes through `_()`."""

from __future__ import annotations

import gettext
from pathlib import Path

_LOCALE_DIR = Path(__file__).parent / "locale"
# A Vietnamese catalogue will live in ttbgen/locale/vi/LC_MESSAGES/ttbgen.mo; until then the
# fallback returns the English source text unchanged.
_translation = gettext.translation("ttbgen", localedir=_LOCALE_DIR, fallback=True)


def _(message: str) -> str:
    """Translate a user-facing message."""
    return _translation.gettext(message)
