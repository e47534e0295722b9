"""What may be shown to whom: small-count suppression for leadership pages."""

from __future__ import annotations


def shown_count(count: int, minimum: int) -> str:
    """A count as leadership may see it: below ``minimum`` (but above 0) it reads ``<minimum``."""
    from fasthold.report.format import number

    return f"<{minimum}" if 0 < count < minimum else number(count)
