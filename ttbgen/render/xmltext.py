"""XML text escaping without xml.sax.saxutils, which imports urllib, http.client, email and ssl (14 ms, issue 15)."""

from __future__ import annotations


def escape(text: str) -> str:
    """Escape &, < and > in XML character data, as xml.sax.saxutils.escape does."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
