"""Read one pull folder into canonical frames: the entry point of :mod:`fasthold.lectio`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fasthold.config import Config
from fasthold.errors import InputError
from fasthold.lectio.absence import read_absence
from fasthold.lectio.conversations import read_conversations, read_referred_ids
from fasthold.lectio.files import Pull, find_pull
from fasthold.lectio.register import read_register
from fasthold.lectio.table import RawTable


@dataclass
class PullData:
    """The canonical frames of one pull and the tables they came from (for messages)."""

    pull: Pull
    register: pd.DataFrame
    absence: pd.DataFrame
    conversations: pd.DataFrame | None
    tables: dict[str, RawTable]


def read_pull(raw_dir: Path, period: str, config: Config) -> PullData:
    """Read and clean every file of ``raw_dir/period``; every unreadable cell is reported."""
    pull = find_pull(raw_dir, period)
    overrides = config.header_overrides
    tables: dict[str, RawTable] = {}
    referred_ids = None
    if "henviste" in pull.files:
        referred_ids, tables["henviste"] = read_referred_ids(pull.files["henviste"], overrides)
    register, tables["elever"] = read_register(pull.files["elever"], overrides,
                                               config.programmes, referred_ids)
    _raise_problems(tables)  # matching absence rows needs a readable register
    absence, tables["fravaer"] = read_absence(pull.files["fravaer"], overrides, register)
    conversations = None
    if "samtaler" in pull.files:
        conversations, tables["samtaler"] = read_conversations(pull.files["samtaler"], overrides)
    _raise_problems(tables)
    return PullData(pull, register, absence, conversations, tables)


def _raise_problems(tables: dict[str, RawTable]) -> None:
    problems = [p for table in tables.values() for p in table.problems]
    if problems:
        raise InputError(problems)
