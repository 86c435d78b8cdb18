"""Command-line interface (placeholder replaced below in this session)."""
