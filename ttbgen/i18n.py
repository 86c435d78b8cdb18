"""Message translation: every user-facing string goes through `_()`, in English or Vietnamese.

The language is chosen per call, so a library user, a test and the CLI all see the choice in effect now:
`--lang` (set_language), else `TTBGEN_LANG`, else the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; where none is
set, as on Windows, the display language and then the user's locale), else English. The catalogue is
ttbgen/locale/vi/LC_MESSAGES/ttbgen.mo, compiled from ttbgen.po (docs/translation.md says how to update it).

A string evaluated at import time (a click help text, a module-level table) must not call `_()`: it would be
translated once, in whatever language was in effect then. Mark it with `N_()` and call `_()` where it is shown.
"""

from __future__ import annotations

import contextlib
import os
import sys
from functools import cache, lru_cache
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (`ttbgen --help` imports this module)
if TYPE_CHECKING:
    import gettext

DOMAIN = "ttbgen"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "vi")
DEFAULT = "en"
# The order GNU gettext (and Python's gettext.find) reads them in; the first one set decides.
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LANG_VIETNAMESE = 0x2A  # Windows primary language id (winnt.h LANG_VIETNAMESE)
_chosen: str | None = None  # set by `--lang`; None: read the environment on every call


def _(message: str) -> str:
    """Translate a user-facing message into the language in effect."""
    return _catalogue(language()).gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (for strings built at import time)."""
    return message


def language() -> str:
    """Return the language in effect: `--lang`, else TTBGEN_LANG, else the locale, else English."""
    if _chosen is not None:
        return _chosen
    explicit = os.environ.get("TTBGEN_LANG", "").strip()
    if explicit:
        return normalise(explicit)
    return _locale_language()


def set_language(lang: str | None) -> str | None:
    """Choose the language for every later message (None: from the environment); return the previous choice."""
    global _chosen
    previous, _chosen = _chosen, (normalise(lang) if lang else None)
    return previous


def normalise(tag: str) -> str:
    """Map a language tag or locale name (vi, vi_VN.UTF-8, vi-VN, Vietnamese_Vietnam.1258) to vi or en."""
    return "vi" if tag.strip().lower().startswith("vi") else DEFAULT


def _locale_language() -> str:
    """Return the language the user's locale asks for: a Vietnamese locale gets Vietnamese."""
    for var in _LOCALE_VARS:
        value = os.environ.get(var, "")
        if value:
            return normalise(value.split(":")[0])
    return normalise(_system_locale())


@lru_cache(maxsize=1)
def _system_locale() -> str:
    """Return the system's language or locale name (Windows: its display language, then the user's locale)."""
    import locale  # here: `ttbgen --help` asks the language without reading the locale when LANG says it

    names = [_windows_display_language()] if sys.platform == "win32" else []
    with contextlib.suppress(ValueError):  # a locale name Python cannot parse
        names.append(locale.getlocale()[0] or "")
    return next((name for name in names if name), "")


def _windows_display_language() -> str:
    """Return 'vi' when Windows shows its menus in Vietnamese (LANGID primary language 0x2A), else ''."""
    import ctypes

    try:
        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return ""
    return "vi" if langid & 0x3FF == _LANG_VIETNAMESE else ""


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    """Load a language's compiled catalogue once; English is the source text itself."""
    import gettext  # here: a kept `ttbgen --help` (cli/quickhelp.py) needs the language, not the catalogue

    if lang == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=[lang], fallback=True)
