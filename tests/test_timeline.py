"""`claims timeline`: the series behind it (plain data, no spaCy), the terminal chart and the PNG."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from test_ledger import (
    ARM_MOD,
    CORPUS,
    FELL,
    ON_ARM,
    ON_AZ,
    casualty,
    corpus_jsonl,
    doc,
    equipment,
)
from typer.testing import CliRunner

import cli.timeline
import extractors
from cli.app import app
from cli.timeline import panel_title, panels, series_label
from extractors.ledger import Point, Series, Timeline, build_timeline

ARMENIAN_TOTAL = Series(
    "armenia",
    "azerbaijan",
    "casualty",
    "military",
    "killed",
    "total",
    (
        Point("2020-10-01", 200, "200", ("day1-arm.txt",)),
        Point("2020-10-02", 350, "350", ("day2-arm.txt",)),
        Point("2020-10-03", 420, "420", ("day3-arm.txt",)),
        Point("2020-10-04", 510, "510", ("day4-arm.txt",)),
        Point("2020-10-05", 480, "480", ("day5-arm.txt",), FELL),
    ),
)
AZERBAIJANI_TOTAL = Series(
    "azerbaijan",
    "armenia",
    "equipment",
    "tank",
    "destroyed",
    "total",
    (
        Point("2020-10-02", 130, "130", ("az-total-1.txt",)),
        Point("2020-10-04", 150, "150", ("az-total-2.txt",)),
    ),
)


# --- the series ---------------------------------------------------------------------------------------------


def test_series_are_each_sides_running_totals_of_the_others_losses() -> None:
    assert build_timeline(CORPUS) == Timeline(series=(ARMENIAN_TOTAL, AZERBAIJANI_TOTAL), undated=0)


def test_own_losses_and_daily_figures_are_series_of_their_own() -> None:
    assert build_timeline(CORPUS, own=True, daily=True).series == (
        ARMENIAN_TOTAL,
        Series(
            "armenia", "azerbaijan", "casualty", "military", "killed", "daily",
            (Point("2020-10-03", 30, "30", ("day3-arm.txt",)),),
        ),
        # The Azerbaijani side's word on its own dead in the disputed battle.
        Series(
            "azerbaijan", "azerbaijan", "casualty", "military", "killed", "daily",
            (Point("2020-10-03", 2, "2", ("day3-az.txt",)),),
        ),
        AZERBAIJANI_TOTAL,
        # The wire story on three sites counts once.
        Series(
            "azerbaijan", "armenia", "equipment", "tank", "destroyed", "daily",
            (Point("2020-10-02", 5, "5", ("wire-a.txt", "wire-b.txt", "wire-c.txt")),),
        ),
    )  # fmt: skip
    # Own losses only with --own: the Azerbaijani side's 2 is daily, so --daily alone leaves it out.
    assert [
        s.claimant_side for s in build_timeline(CORPUS, daily=True).series if s.party == s.claimant_side
    ] == []


def test_a_day_with_several_totals_takes_the_highest_and_daily_figures_are_summed() -> None:
    docs = [
        doc(
            "a.txt",
            equipment(100, cumulative=True, **ON_AZ),
            equipment(3, start=10, **ON_AZ),
            date="2020-10-02",
        ),
        doc(
            "b.txt",
            equipment(120, cumulative=True, **ON_AZ),
            equipment(4, start=10, **ON_AZ),
            date="2020-10-02",
        ),
    ]
    total, daily = build_timeline(docs, daily=True).series
    assert total.points == (Point("2020-10-02", 120, "120", ("b.txt",)),)
    # Two different daily figures of one day are added up: 3 + 4.
    assert daily.points == (Point("2020-10-02", 7, "7", ("a.txt", "b.txt")),)


def test_third_parties_and_undated_claims_are_left_out_and_counted() -> None:
    docs = [
        *CORPUS,
        doc("undated.txt", casualty(600, cumulative=True, **ON_AZ), casualty(9, start=20, **ON_AZ)),
        doc("russia.txt", equipment(7, cumulative=True, side="other", claimant="Kremlin"), date="2020-10-02"),
        doc("russia-undated.txt", equipment(8, cumulative=True, side="other", claimant="Kremlin")),
    ]
    # The undated running total is counted; the undated daily figure is not a series unless --daily asks.
    assert build_timeline(docs) == Timeline(series=(ARMENIAN_TOTAL, AZERBAIJANI_TOTAL), undated=1)
    assert build_timeline(docs, daily=True).undated == 2


def test_no_dated_running_total_gives_no_series() -> None:
    assert build_timeline([doc("a.txt", equipment(5, cumulative=True))]) == Timeline(series=(), undated=1)
    assert build_timeline([]) == Timeline(series=())


def test_panels_group_series_by_kind_of_loss() -> None:
    charts = panels(build_timeline(CORPUS, own=True, daily=True))
    assert [(p.title, len(p.series)) for p in charts] == [
        ("Military personnel killed", 3),
        ("Tanks destroyed", 2),
    ]
    assert [series_label(s) for s in charts[0].series] == [
        "Armenian side on Azerbaijani losses, running total",
        "Armenian side on Azerbaijani losses, daily figures, summed per day",
        "Azerbaijani side on its own losses, daily figures, summed per day",
    ]
    assert panel_title("casualty", "unspecified", "casualties") == "People: casualties"
    assert panel_title("equipment", "uav", "downed") == "Drones (UAV) downed"


# --- the command --------------------------------------------------------------------------------------------

RUNNER = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None, "COLUMNS": "100"})
HAS_MATPLOTLIB = importlib.util.find_spec("matplotlib") is not None


@pytest.fixture
def saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    def no_pipeline() -> None:
        raise AssertionError("saved extract output must not need spaCy")

    monkeypatch.setattr(extractors, "get_nlp", no_pipeline)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "corpus.jsonl"
    path.write_text(corpus_jsonl(CORPUS), encoding="utf-8")
    return path


def timeline(*args: str, code: int = 0) -> tuple[str, str]:
    result = RUNNER.invoke(app, ["timeline", *args], prog_name="claims")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def test_timeline_plots_in_the_terminal(saved: Path) -> None:
    out, err = timeline(str(saved))
    assert err == ""
    assert "\x1b" not in out  # piped: no colour
    lines = out.splitlines()
    assert lines[0].strip() == "Military personnel killed"
    assert "Tanks destroyed" in out
    # The chart: a frame, the dates on the x axis, the claimed figures on the y axis.
    assert any(line.lstrip().startswith("┌") for line in lines)
    assert re.search(r"2020-10-01\s+2020-10-02\s+2020-10-03\s+2020-10-04\s+2020-10-05", out)
    assert re.search(r"^\s*600┤", out, re.M)
    assert max(len(line) for line in lines) <= 100
    assert [line for line in lines if line != line.rstrip()] == []  # no trailing spaces in file output
    # The legend under each chart, with the latest figure, and the fall.
    stripped = [line.rstrip() for line in lines]
    assert " ▚● Armenian side on Azerbaijani losses, running total: 480 on 2020-10-05 (5 days)" in stripped
    assert "    ▼ fell from 510 (2020-10-04) to 480 (2020-10-05)" in stripped
    assert " ⢕■ Azerbaijani side on Armenian losses, running total: 150 on 2020-10-04 (2 days)" in stripped
    assert "▼" in out.split("\n\n")[0]  # the fall is marked on the chart too


def test_timeline_width_height_own_and_daily(saved: Path) -> None:
    out, _ = timeline(str(saved), "--width", "60", "--height", "10", "--own", "--daily")
    charts = out.split("\n\n")
    assert len(charts) == 2
    killed = charts[0].splitlines()
    # 10 rows of chart (title, frame, ticks and dates included), then the legend, wrapped to the width.
    assert killed[0].strip() == "Military personnel killed"
    assert killed[9].split() == ["2020-10-01", "2020-10-03", "2020-10-05"]
    assert max(len(line) for line in out.splitlines()) <= 60
    assert killed[10].rstrip() == " ▚● Armenian side on Azerbaijani losses, running total: 480"
    assert killed[11].rstrip() == "    on 2020-10-05 (5 days)"  # wrapped under the text, not the marker
    legend = " ".join(" ".join(killed[10:]).split())
    assert legend == (
        "▚● Armenian side on Azerbaijani losses, running total: 480 on 2020-10-05 (5 days) "
        "▼ fell from 510 (2020-10-04) to 480 (2020-10-05) "
        "◇ Armenian side on Azerbaijani losses, daily figures, summed per day: 30 on 2020-10-03 (1 day) "
        "△ Azerbaijani side on its own losses, daily figures, summed per day: 2 on 2020-10-03 (1 day)"
    )


def test_timeline_warns_once_about_undated_claims(saved: Path, tmp_path: Path) -> None:
    undated = [
        doc("undated.txt", casualty(600, cumulative=True, **ON_AZ)),
        doc("undated-2.txt", equipment(140, cumulative=True, **ON_ARM)),
    ]
    (tmp_path / "undated.jsonl").write_text(corpus_jsonl(undated), encoding="utf-8")
    out, err = timeline(str(saved), "undated.jsonl")
    # The documents are named, and the way to date a dateline without a year.
    assert err == (
        "Warning: 2 documents have no date (undated.txt, undated-2.txt): 2 claims cannot be placed on the "
        "timeline; a dateline without a year ('Baku, October 17') gets one with --year YEAR\n"
    )
    assert "Military personnel killed" in out
    _, quiet = timeline(str(saved), "undated.jsonl", "-q")
    assert quiet == ""


def test_timeline_with_nothing_to_plot(saved: Path, tmp_path: Path) -> None:
    (tmp_path / "undated.jsonl").write_text(
        corpus_jsonl([doc("a.txt", equipment(3, cumulative=True, **ON_ARM))]),
        encoding="utf-8",
    )
    out, err = timeline("undated.jsonl")
    assert out == "No dated running totals to plot.\n"
    assert err == (
        "Warning: 1 document has no date (a.txt): 1 claim cannot be placed on the timeline; a dateline "
        "without a year ('Baku, October 17') gets one with --year YEAR\n"
    )


def test_timeline_reads_what_compare_reads_and_reports_bad_input(saved: Path) -> None:
    out, err = timeline(str(saved), "missing.txt", code=1)
    assert err == "Error: missing.txt: no such file or directory\n"
    assert "Military personnel killed" in out


@pytest.mark.skipif(not HAS_MATPLOTLIB, reason="matplotlib (the [png] extra) is not installed")
def test_timeline_png(saved: Path, tmp_path: Path) -> None:
    out, err = timeline(str(saved), "--own", "--daily", "--png", "chart.png")
    assert err == ""
    assert "Military personnel killed" in out
    png = (tmp_path / "chart.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 10_000
    # One date only: the axis still has room on either side.
    (tmp_path / "one.jsonl").write_text(
        corpus_jsonl([doc("a.txt", casualty(10, cumulative=True, **ON_AZ), date="2020-10-02")]),
        encoding="utf-8",
    )
    timeline("one.jsonl", "--png", "one.png")
    assert (tmp_path / "one.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(not HAS_MATPLOTLIB, reason="matplotlib (the [png] extra) is not installed")
def test_timeline_png_that_cannot_be_written(saved: Path) -> None:
    out, err = timeline(str(saved), "--png", "no/such/dir/chart.png", code=1)
    assert err == "Error: no/such/dir/chart.png: could not be written (No such file or directory)\n"
    assert "Military personnel killed" in out


def test_timeline_png_without_matplotlib_is_one_clear_error(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.timeline, "png_available", lambda: False)
    out, err = timeline(str(saved), "--png", "chart.png", code=1)
    assert out == ""
    assert err == (
        "Error: --png needs matplotlib, which is not installed: pip install 'conflict-claims[png]'\n"
    )
    assert not Path("chart.png").exists()


def test_timeline_help() -> None:
    result = RUNNER.invoke(app, ["timeline", "--help"], prog_name="claims")
    assert result.exit_code == 0
    for option in ("--png", "--own", "--daily", "--width", "--height", "--encoding", "--max-bytes"):
        assert option in result.stdout
    assert ARM_MOD not in result.stdout
