"""Read Lectio's exports: file sniffing, header mapping, Danish parsing → canonical frames."""

from fasthold.lectio.files import Pull, find_pull, parse_period, pull_periods
from fasthold.lectio.pull import PullData, read_pull

__all__ = ["Pull", "PullData", "find_pull", "parse_period", "pull_periods", "read_pull"]
