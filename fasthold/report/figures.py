"""Seaborn figures embedded as PNG with real alt text, in a colour-blind-safe palette."""

from __future__ import annotations

import base64
import io
from html import escape

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402
from IPython.display import HTML  # noqa: E402

PALETTE = "colorblind"


def setup() -> None:
    """The house style for every figure."""
    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "axes.formatter.use_locale": False,
                         "axes.titleweight": "bold"})


def figure_html(fig: plt.Figure, alt: str, caption: str | None = None) -> HTML:
    """Close ``fig`` and return it as an ``<img>`` with ``alt`` text inside a ``<figure>``."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", dpi=110)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return HTML(f'<figure><img style="max-width:100%;height:auto" alt="{escape(alt)}" '
                f'src="data:image/png;base64,{data}">{cap}</figure>')


def danish_axis(axis: matplotlib.axis.Axis, decimals: int = 0, suffix: str = "") -> None:
    """Tick labels with decimal comma and thousands dot, e.g. ``12,5 %``."""
    from fasthold.report.format import number

    axis.set_major_formatter(matplotlib.ticker.FuncFormatter(
        lambda value, _: f"{number(value, decimals)}{suffix}"))
