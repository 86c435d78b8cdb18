"""What every command shares: a user's mistake is printed as one message with its exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Print a user's mistake as one message and exit 2; internal bugs keep their traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from ttbgen.errors import TtbgenError

        try:
            return func(*args, **kwargs)
        except TtbgenError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]
