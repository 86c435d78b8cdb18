"""The pipeline: one or many specs → checked documents, safely written (runs every stage before it)."""

from __future__ import annotations

from ttbgen.build.pipeline import BatchError, Builder, Built, build_all

__all__ = ["BatchError", "Builder", "Built", "build_all"]
