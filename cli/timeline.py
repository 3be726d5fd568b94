"""`claims timeline`: each side's claimed running totals against date, in the terminal and as a PNG.

The series come from `extractors.ledger.build_timeline` (plain data); this module only draws them. One panel
per kind of loss (group or category and outcome), both sides' lines in it, all panels on one date axis, so
they line up. The terminal chart is drawn with plotext; `write_png` draws the same panels with matplotlib, an
optional dependency (`pip install 'conflict-claims[png]'`).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from datetime import date as Date
from itertools import groupby
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractors.ledger import Series, Timeline

from .render import SIDE_STYLES
from .tables import emit, without_trailing_spaces

PNG_HINT = "pip install 'conflict-claims[png]'"

# Whose losses, as the series label says it.
LOSSES_OF = {"armenia": "Armenian losses", "azerbaijan": "Azerbaijani losses"}
SIDE_NAMES = {"armenia": "Armenian side", "azerbaijan": "Azerbaijani side"}
WHAT_NAMES = {
    "military": "military personnel",
    "civilian": "civilians",
    "unspecified": "people",
    "tank": "tanks",
    "armored_vehicle": "armored vehicles",
    "artillery": "artillery pieces",
    "mlrs": "rocket launchers (MLRS)",
    "air_defense": "air defense systems",
    "uav": "drones (UAV)",
    "aircraft": "aircraft",
    "helicopter": "helicopters",
    "vehicle": "vehicles",
    "radar": "radars",
    "other": "other equipment",
}

# plotext: a marker and a 256-colour code per line, told apart by the marker even without colour. The codes
# are those of the sides' colours in `claims compare` (dark_orange3, dodger_blue2).
_TERMINAL_COLOURS = {"armenia": 166, "azerbaijan": 27}
_TERMINAL_MARKERS = {
    ("total", False, "armenia"): "hd",
    ("total", False, "azerbaijan"): "braille",
    ("total", True, "armenia"): "+",
    ("total", True, "azerbaijan"): "x",
    ("daily", False, "armenia"): "◇",
    ("daily", False, "azerbaijan"): "□",
    ("daily", True, "armenia"): "○",
    ("daily", True, "azerbaijan"): "△",
}
# Lines drawn in fine dots get their data points marked on top: a day's figure must not vanish in the line
# (nor, alone, in the frame).
_POINT_MARKERS = {"hd": "●", "braille": "■"}
# How a plotext marker code looks in the legend printed under the chart.
_MARKER_SAMPLES = {"hd": "▚", "braille": "⢕"}
_FELL_MARKER = "▼"

# matplotlib: the same colours; own losses dashed, daily sums dotted.
_PNG_COLOURS = {"armenia": "#d75f00", "azerbaijan": "#005fff"}


@dataclass(frozen=True)
class Panel:
    """One chart: every series about one kind of loss."""

    title: str
    series: tuple[Series, ...]


def panels(timeline: Timeline) -> list[Panel]:
    """The series grouped by kind of loss, in the timeline's order."""
    return [
        Panel(panel_title(*key), tuple(group))
        for key, group in groupby(timeline.series, key=lambda s: (s.type, s.what, s.outcome))
    ]


def panel_title(kind: str, what: str, outcome: str) -> str:
    """ "Military personnel killed", "Tanks destroyed", "People: casualties"."""
    name = WHAT_NAMES.get(what, what.replace("_", " "))
    title = f"{name}: casualties" if outcome == "casualties" else f"{name} {outcome}"
    return title[0].upper() + title[1:]


def series_label(series: Series) -> str:
    """ "Armenian side on Azerbaijani losses, running total"."""
    side = SIDE_NAMES.get(series.claimant_side, series.claimant_side)
    whose = (
        "its own losses"
        if series.party == series.claimant_side
        else LOSSES_OF.get(series.party, series.party)
    )
    kind = "running total" if series.kind == "total" else "daily figures, summed per day"
    return f"{side} on {whose}, {kind}"


def date_range(timeline: Timeline) -> tuple[Date, Date]:
    days = [Date.fromisoformat(point.date) for series in timeline.series for point in series.points]
    return min(days), max(days)


# --- the terminal chart -------------------------------------------------------------------------------------


def write_terminal(timeline: Timeline, out: TextIO, *, width: int | None = None, height: int = 16) -> None:
    """Every panel as a plotext chart, each followed by its legend with the latest figure of each line.

    Colour follows `rich`'s reading of the output (off when piped or when NO_COLOR is set).
    """
    console = Console(file=out, highlight=False)
    colour = console.color_system is not None and not console.no_color
    width = width or console.width
    console.width = width  # the legend wraps where the chart ends
    first, last = date_range(timeline)
    for number, panel in enumerate(panels(timeline)):
        if number:
            out.write("\n")
        # No line ends in spaces: plotext and rich pad every line to the width.
        out.write(
            without_trailing_spaces(_plot(panel, first, last, width, height, colour).rstrip("\n")) + "\n"
        )
        emit(console, [_legend(panel)])
    out.flush()


def _plot(panel: Panel, first: Date, last: Date, width: int, height: int, colour: bool) -> str:
    import plotext

    plotext.terminal.limit(False, False)  # the size asked for, also when output is piped
    figure = plotext.figure
    figure.clear()
    figure.theme("simple")  # no painted background: readable on dark and light terminals
    figure.plot_size(width, height)
    figure.title(panel.title)
    figure.legend(active=False)  # printed under the chart instead, where it hides no line
    for series in panel.series:
        x = [Date.fromisoformat(point.date).toordinal() for point in series.points]
        y = [point.count for point in series.points]
        pixel = plotext.pixel(_TERMINAL_COLOURS.get(series.claimant_side, 8))
        marker = _marker(series)
        signal = figure.signal(x, y, marker=plotext.marker(marker, pixel))
        signal.lines()
        figure.draw(signal)
        if marker in _POINT_MARKERS:
            figure.draw(figure.signal(x, y, marker=plotext.marker(_POINT_MARKERS[marker], pixel)))
    fell = [(p.date, p.count) for s in panel.series for p in s.points if p.decrease]
    if fell:
        marks = figure.signal(
            [Date.fromisoformat(day).toordinal() for day, _ in fell],
            [count for _, count in fell],
            marker=plotext.marker(_FELL_MARKER, plotext.pixel("red")),
        )
        figure.draw(marks)
    # Half a day of room on either side, so that no point sits on the frame.
    low, high = first.toordinal() - 0.5, last.toordinal() + 0.5
    ticks = _ticks(first.toordinal(), last.toordinal(), max(2, (width - 8) // 16))
    figure.ruler("x").lim(low, high)
    figure.ruler("x").ticks(ticks, [Date.fromordinal(day).isoformat() for day in ticks])
    top = max(point.count for series in panel.series for point in series.points)
    counts = _count_ticks(top, max(2, height // 3))
    figure.ruler("y").lim(0, counts[-1])
    figure.ruler("y").ticks(counts, [f"{count:,}" for count in counts])
    return figure.build().string(colorless=not colour)


def _count_ticks(top: int, most: int) -> list[int]:
    """Round ticks from 0 to `top` or just past it, at most `most` steps of 1, 2 or 5 times a power of ten."""
    step = next(m * 10**k for k in range(20) for m in (1, 2, 5) if m * 10**k * most >= top)
    last = -(-max(top, 1) // step) * step
    return list(range(0, last + 1, step))


def _ticks(first: int, last: int, most: int) -> list[int]:
    """Whole days from `first` on, evenly spaced, at most `most` of them, none after `last`."""
    step = max(1, -(-(last - first) // max(1, most - 1)))
    return list(range(first, last + 1, step))


def _marker(series: Series) -> str:
    own = series.party == series.claimant_side
    return _TERMINAL_MARKERS.get((series.kind, own, series.claimant_side), "•")


def _legend(panel: Panel) -> Table:
    """A line per series: its marker, what it is, its latest figure; under it, each time it fell."""
    grid = Table.grid(padding=(0, 1), pad_edge=True)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for series in panel.series:
        marker = _marker(series)
        last = series.points[-1]
        days = len(series.points)
        sample = _MARKER_SAMPLES.get(marker, marker) + _POINT_MARKERS.get(marker, "")
        grid.add_row(
            Text(sample, style=SIDE_STYLES.get(series.claimant_side, "")),
            Text.assemble(
                f"{series_label(series)}: ",
                (f"{last.figure} on {last.date}", "bold"),
                (f" ({days} day{'s' if days != 1 else ''})", "dim"),
            ),
        )
        for point in series.points:
            if point.decrease:
                d = point.decrease
                fell = f" fell from {d.previous_count:,} ({d.previous_date}) to {d.count:,} ({d.date})"
                grid.add_row("", Text.assemble((_FELL_MARKER, "red"), fell))
    return grid


# --- the PNG ------------------------------------------------------------------------------------------------


def png_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def write_png(timeline: Timeline, path: str | Path) -> None:
    """The same panels as the terminal chart, one under another, as a PNG (needs matplotlib).

    Raises ImportError when matplotlib is missing, OSError when the file cannot be written.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, DateFormatter, DayLocator
    from matplotlib.figure import Figure

    charts = panels(timeline)
    first, last = date_range(timeline)
    figure = Figure(figsize=(10, 3.2 * len(charts)), layout="constrained")
    axes = figure.subplots(len(charts), 1, sharex=True, squeeze=False)[:, 0]
    for ax, panel in zip(axes, charts, strict=True):
        for series in panel.series:
            own = series.party == series.claimant_side
            days = [Date.fromisoformat(point.date) for point in series.points]
            ax.plot(
                days,
                [point.count for point in series.points],
                color=_PNG_COLOURS.get(series.claimant_side, "grey"),
                linestyle=":" if series.kind == "daily" else "--" if own else "-",
                marker="s" if series.kind == "daily" else "o",
                markersize=4,
                label=series_label(series),
            )
            fell = [point for point in series.points if point.decrease]
            if fell:
                ax.plot(
                    [Date.fromisoformat(point.date) for point in fell],
                    [point.count for point in fell],
                    linestyle="none",
                    marker="v",
                    markersize=9,
                    color="red",
                    label="running total fell",
                )
        ax.set_title(panel.title, loc="left")
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(loc="best", fontsize="small")
    span = (last - first).days
    if span <= 62:
        # Whole days only: document dates have no time of day.
        axes[-1].xaxis.set_major_locator(DayLocator(interval=max(1, -(-span // 10))))
        axes[-1].xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        figure.autofmt_xdate()
    else:
        locator = AutoDateLocator()
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if first == last:
        axes[-1].set_xlim(Date.fromordinal(first.toordinal() - 1), Date.fromordinal(last.toordinal() + 1))
    figure.suptitle("Claimed losses over time (document dates)")
    figure.savefig(path, format="png", dpi=100)
