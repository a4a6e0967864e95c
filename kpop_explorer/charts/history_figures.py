"""Figures of what has really happened (the history page), drawn in the reference style.

Real, sourced data keeps the neutral greys and the diamond of `theme`; each mark's hover says
its confidence and the caveats of its note, so a doubt is never hidden behind a clean line.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kpop_explorer.charts import theme
from kpop_explorer.charts.figures import (
    AXIS_TITLE_WIDTH,
    VALUE_ROOM,
    _base,
    _geo,
    _hover,
    _marker_sizes,
    _wrapped,
)
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import chart_text as escape

EARLIER_COLOR = "#B8B8B8"  # events of the years before the one on screen
NETWORK_COLORS = {
    "korean_cultural_centre": theme.REFERENCE_COLOR,
    "king_sejong_institute": "#A0A0A0",
}
NETWORK_SYMBOLS = {
    "korean_cultural_centre": theme.REFERENCE_SYMBOL,
    "king_sejong_institute": "circle",
}
NOTE_WIDTH = 60  # characters a hover line holds before it wraps


def _note(note: object) -> str:
    """A row's caveats as hover lines: all of it, wrapped, escaped."""
    if not isinstance(note, str) or not note.strip():
        return ""
    return "<br>".join(escape(line) for line in textwrap.wrap(note, NOTE_WIDTH))


def _confidence(t: Translator, value: object) -> str:
    stated = value if isinstance(value, str) and value else t("history.confidence_not_stated")
    return f"{t('column.confidence')}: {escape(stated)}"


# --- Events ------------------------------------------------------------------------------------


def events_per_year(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Events held each year, stacked by type."""
    figure = _base(t, height=380, hovermode="x unified")
    for kind, rows in table.groupby("event_type", sort=True):
        name = escape(t.label("event_type", kind))  # a type the app has no word for is data
        figure.add_trace(
            go.Bar(
                x=rows["year"],
                y=rows["events"],
                name=name,
                marker_color=theme.EVENT_TYPE_COLORS.get(kind, theme.REFERENCE_COLOR),
                hovertemplate="%{fullData.name}: %{y}<extra></extra>",
            )
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(dtick=1, title=None)
    figure.update_yaxes(title=t("history.events.axis"), rangemode="tozero")
    return figure


def attendance_per_year(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Reported audience per year, in the reference grey; the hover names the year's largest
    event and how many of the year's events report a figure at all."""
    figure = _base(t, height=380)
    hover = [
        _hover(
            [
                f"<b>{year}</b>",
                t("hover.attendance", value=t.number(total)),
                t("history.attendance.counted", n=t.number(counted), total=t.number(events)),
            ]
            + (
                [t("history.attendance.largest", name=_wrapped(name, 48), value=t.number(biggest))]
                if isinstance(name, str)
                else []
            )
        )
        for year, total, counted, events, name, biggest in zip(
            table["year"],
            table["attendance"],
            table["with_figure"],
            table["events"],
            table["largest_event"],
            table["largest_attendance"],
            strict=True,
        )
    ]
    figure.add_trace(
        go.Bar(
            x=table["year"],
            y=table["attendance"],
            name=t("chart.reference"),
            marker=dict(color=theme.REFERENCE_COLOR),
            text=[t.compact(v) if pd.notna(v) else "" for v in table["attendance"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}",
        )
    )
    figure.update_xaxes(dtick=1, title=None)
    figure.update_yaxes(title=t("history.attendance.axis"), rangemode="tozero")
    return figure


def largest_events(table: pd.DataFrame, t: Translator) -> go.Figure:
    """The largest reported audiences, named, largest on top."""
    rows = table.iloc[::-1]
    labels = [
        _wrapped(f"{name} ({date.year})", 34)
        for name, date in zip(rows["event_name"], rows["date_start"], strict=True)
    ]
    heads = [
        [f"<b>{escape(name)}</b>", escape(t.place(city, country)), escape(wording)]
        for name, city, country, wording in zip(
            rows["event_name"], rows["city"], rows["country"],
            rows["venue_capacity_or_attendance"].fillna(""), strict=True,
        )
    ]  # fmt: skip
    return _reference_bars(
        t, labels, rows["attendance_reported"], _caveated(t, rows, heads),
        [t.compact(v) for v in rows["attendance_reported"]],
        axis_title=t("history.attendance.axis"), row_height=44,
    )  # fmt: skip


def _caveated(t: Translator, rows: pd.DataFrame, heads: list[list[str]]) -> list[str]:
    """Hover texts: each row's own lines, then the confidence and caveats its note states."""
    return [
        _hover([*head, _confidence(t, conf), _note(note)])
        for head, conf, note in zip(heads, rows["confidence"], rows["note"], strict=True)
    ]


def _reference_bars(
    t: Translator,
    labels: list[str],
    values: pd.Series,
    hover: list[str],
    text: list[str],
    *,
    axis_title: str,
    row_height: int,
    marker: dict | None = None,
    room: float = 1.2,
) -> go.Figure:
    """Horizontal bars of real rows in the reference grey, value labels outside, full hover."""
    figure = _base(t, height=max(300, row_height * len(labels) + 90))
    figure.add_trace(
        go.Bar(
            y=labels, x=values, orientation="h", name=t("chart.reference"),
            marker=marker or dict(color=theme.REFERENCE_COLOR), text=text,
            textposition="outside", cliponaxis=False, hovertext=hover,
            hovertemplate="%{hovertext}",
        )
    )  # fmt: skip
    top = float(values.max()) if len(values) else 1.0
    # at most four ticks: a phone leaves the bars 100 px, where more stood on each other
    figure.update_xaxes(title=axis_title, range=[0, top * room], nticks=4)
    figure.update_yaxes(automargin=True)
    figure.update_layout(margin_r=VALUE_ROOM)  # the longest bar's value, whole on a phone
    return figure


def _event_hover(rows: pd.DataFrame, t: Translator) -> list[str]:
    return [
        "<br>".join(
            line
            for line in (
                f"<b>{escape(name)}</b>",
                f"{escape(venue or '')}, {escape(t.place(city, country))}",
                t.date(start),
                escape(wording or ""),
                _confidence(t, conf),
                _note(note),
            )
            if line
        )
        for name, venue, city, country, start, wording, conf, note in zip(
            rows["event_name"],
            rows["venue"].fillna(""),
            rows["city"],
            rows["country"],
            rows["date_start"],
            rows["venue_capacity_or_attendance"].fillna(""),
            rows["confidence"],
            rows["note"],
            strict=True,
        )
    ]


FRAME_MS = 900  # a year on screen while the map plays


MAP_PROJECTOR_HEIGHT = 650  # px: the history step's one map, under its headline, in 1080 px


def events_map_by_year(
    rows: pd.DataFrame, t: Translator, *, dark: bool, opening: int | None = None
) -> go.Figure:
    """The real events on the map, one animation frame per year: that year's events in the
    reference grey, sized by reported audience, the years before them lighter beneath.

    It opens on the last year (everything so far), or on `opening`; Play runs the years from
    the first. On a projector it may stand taller than two charts side by side
    (`figures.enlarge` reads its `meta`), as it is a step's only chart.
    """
    rows = rows.assign(
        hover=_event_hover(rows, t),
        size=_marker_sizes(rows["attendance_reported"].astype(float), largest=30, smallest=7),
    )
    years = list(range(int(rows["year"].min()), int(rows["year"].max()) + 1)) if len(rows) else []

    def traces(year: int) -> list[go.Scattergeo]:
        earlier, current = rows[rows["year"] < year], rows[rows["year"] == year]
        return [
            go.Scattergeo(
                lon=earlier["longitude"],
                lat=earlier["latitude"],
                mode="markers",
                name=t("history.map.earlier"),
                marker=dict(
                    size=earlier["size"],
                    color=EARLIER_COLOR,
                    opacity=0.55,
                    line=dict(width=0.6, color="#FFFFFF"),
                ),
                hovertext=earlier["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            go.Scattergeo(
                lon=current["longitude"],
                lat=current["latitude"],
                mode="markers",
                name=t("history.map.this_year"),
                marker=dict(
                    size=current["size"],
                    color=theme.REFERENCE_COLOR,
                    symbol=theme.REFERENCE_SYMBOL,
                    opacity=0.9,
                    line=dict(width=1.2, color="#FFFFFF"),
                ),
                hovertext=current["hover"],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
        ]

    figure = _base(t, height=560, margin=dict(l=0, r=0, t=8, b=0),
                   meta={"projector_height": MAP_PROJECTOR_HEIGHT})  # fmt: skip
    if not years:
        figure.update_geos(**_geo(dark))
        return figure
    shown = opening if opening in years else years[-1]
    for trace in traces(shown):
        figure.add_trace(trace)
    figure.frames = [go.Frame(data=traces(year), name=str(year)) for year in years]
    play = dict(
        frame=dict(duration=FRAME_MS, redraw=True),
        transition=dict(duration=0),
        fromcurrent=False,
        mode="immediate",
    )
    pause = dict(frame=dict(duration=0, redraw=False), mode="immediate")
    figure.update_layout(
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                showactive=False,
                x=0,
                y=0,
                xanchor="left",
                yanchor="top",
                pad=dict(t=8, r=8),
                buttons=[
                    dict(label="▶ " + t("history.map.play"), method="animate", args=[None, play]),
                    dict(
                        label="❚❚ " + t("history.map.pause"), method="animate", args=[[None], pause]
                    ),
                ],
            )
        ],
        sliders=[
            dict(
                active=years.index(shown),
                x=0.2,
                len=0.76,  # the last year's label whole, not cut at the figure's edge ("202")
                y=0,
                yanchor="top",
                pad=dict(t=8),
                # the year on the slider's right: on a phone its left is under the buttons
                currentvalue=dict(prefix=t("history.map.year") + " ", xanchor="right"),
                steps=[
                    dict(
                        label=str(year),
                        method="animate",
                        args=[
                            [str(year)],
                            dict(frame=dict(duration=0, redraw=True), mode="immediate"),
                        ],
                    )
                    for year in years
                ],
            )
        ],
        legend=dict(orientation="h", y=1.0, yanchor="bottom"),
    )
    figure.update_geos(**_geo(dark))
    return figure


# --- Fan communities ---------------------------------------------------------------------------


BREAK_MARK_HEIGHT = 18  # px: a break's "⌇" above its chart


def _mark_breaks(figure: go.Figure, breaks: pd.DataFrame, t: Translator, **cell) -> None:
    for before, year, reasons in zip(
        breaks["year_before"], breaks["year"], breaks["reasons"], strict=True
    ):
        figure.add_vline(
            x=(before + year) / 2,
            line_width=1.5,
            line_dash="dot",
            line_color=theme.TODAY_COLOR,
            **cell,
        )
        figure.add_annotation(
            x=(before + year) / 2,
            y=1,
            yref="y domain" if not cell else f"y{_axis(cell)} domain",
            xref="x" if not cell else f"x{_axis(cell)}",
            text="⌇",
            showarrow=False,
            yanchor="bottom",
            font=dict(color=theme.TODAY_COLOR),
            hovertext=", ".join(t(f"history.break.{r}") for r in reasons.split(",")),
        )


def _axis(cell: dict) -> str:
    """Plotly's axis suffix for a subplot cell of a one-column grid ('' for the first)."""
    return "" if cell.get("row", 1) == 1 else str(cell["row"])


def _series_trace(rows: pd.DataFrame, t: Translator, name: str) -> go.Scatter:
    heads = [
        [f"<b>{name} · {year}</b>",
         t.number(value) + (f" ({t('history.fans.lower_bound')})" if low else "")]
        for year, value, low in zip(rows["year"], rows["value"], rows["lower_bound"], strict=True)
    ]  # fmt: skip
    hover = _caveated(t, rows, heads)
    return go.Scatter(
        x=rows["year"],
        y=rows["value"],
        name=name,
        mode="lines+markers",
        line=dict(color=theme.REFERENCE_COLOR, width=2),
        marker=dict(
            size=10,
            color=theme.REFERENCE_COLOR,
            symbol=[
                "triangle-up" if low else theme.REFERENCE_SYMBOL for low in rows["lower_bound"]
            ],
        ),
        hovertext=hover,
        hovertemplate="%{hovertext}",
        showlegend=False,
    )


def fan_members(series: pd.DataFrame, breaks: pd.DataFrame, t: Translator) -> go.Figure:
    """Members of Hallyu fan communities, Europe above and the world below (their scales differ
    twentyfold), each edition a point, each break between editions a dotted line."""
    regions = ("Europe", "World")
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=[t(f"history.region.{r.lower()}") for r in regions],
    )
    # Each region's name on the left (Plotly's toolbar sits on the right) and above the break
    # marks ("⌇"), which share its line otherwise.
    figure.update_annotations(x=0, xanchor="left", yshift=BREAK_MARK_HEIGHT)
    figure.update_layout(
        template=theme.TEMPLATE_NAME, height=580, separators=t("format.plotly_separators"),
        margin_t=32 + BREAK_MARK_HEIGHT,
    )  # fmt: skip
    members = series[series["measure"] == "members"]
    for row, region in enumerate(regions, start=1):
        rows = members[members["region"] == region]
        figure.add_trace(_series_trace(rows, t, t(f"history.region.{region.lower()}")), row, 1)
        cut = breaks[(breaks["measure"] == "members") & (breaks["region"] == region)]
        _mark_breaks(figure, cut, t, row=row, col=1)
        figure.update_yaxes(
            title=t("history.fans.members_axis"),
            rangemode="tozero",
            exponentformat="SI",
            row=row,
            col=1,
        )
    figure.update_xaxes(dtick=1)
    return figure


def fan_clubs(series: pd.DataFrame, breaks: pd.DataFrame, t: Translator) -> go.Figure:
    """Hallyu fan clubs counted in Europe, each edition a point, breaks dotted."""
    rows = series[(series["measure"] == "clubs") & (series["region"] == "Europe")]
    figure = _base(t, height=340)
    figure.add_trace(_series_trace(rows, t, t("history.region.europe")))
    _mark_breaks(figure, breaks[(breaks["measure"] == "clubs") & (breaks["region"] == "Europe")], t)
    figure.update_xaxes(dtick=1)
    figure.update_yaxes(title=t("history.fans.clubs_axis"), rangemode="tozero")
    return figure


# --- Cultural centres and King Sejong Institutes -----------------------------------------------


def cumulative_openings(table: pd.DataFrame, reported: pd.DataFrame, t: Translator) -> go.Figure:
    """The network growing: places open by each year, per kind, as steps; totals that sources
    report for the whole network (which the list above may not fully hold) as open diamonds."""
    figure = _base(t, height=380, hovermode="x unified")
    for category, rows in table.groupby("category", sort=False):
        name = t(f"reference.{category}")
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["cumulative"],
                name=name,
                mode="lines",
                line=dict(
                    color=NETWORK_COLORS[category],
                    width=2.5,
                    shape="hv",
                    dash="solid" if category == "korean_cultural_centre" else "dash",
                ),
                hovertemplate=f"{escape(name)}: %{{y}}<extra></extra>",
            )
        )
    if not reported.empty:
        figure.add_trace(
            go.Scatter(
                x=reported["reference_year"],
                y=reported["number"],
                mode="markers",
                name=t("history.network.reported"),
                marker=dict(
                    symbol="diamond-open", size=13, color=theme.REFERENCE_COLOR, line=dict(width=2)
                ),
                hovertemplate=t("history.network.reported") + ": %{y}<extra></extra>",
            )
        )
    figure.update_xaxes(title=None)
    figure.update_yaxes(title=t("history.network.axis"), rangemode="tozero")
    return figure


def network_map(places: pd.DataFrame, t: Translator, *, dark: bool) -> go.Figure:
    """Centres and institutes on the map; those of unknown year are drawn too, said so. Its key
    (diamond: cultural centre, circle: King Sejong Institute) sits on the figure, below the map."""
    figure = _base(t, height=500, margin=dict(l=0, r=0, t=8, b=40))
    placed = places[places["latitude"].notna()]
    for category, rows in placed.groupby("category", sort=False):
        heads = [
            [f"<b>{escape(name)}</b>", escape(t.place(city, country)),
             t("hover.opened", year=int(year)) if pd.notna(year)
             else t("history.network.year_unknown")]
            for name, city, country, year in zip(
                rows["name"], rows["city"], rows["country"], rows["opening_year"], strict=True
            )
        ]  # fmt: skip
        hover = _caveated(t, rows, heads)
        figure.add_trace(
            go.Scattergeo(
                lon=rows["longitude"],
                lat=rows["latitude"],
                mode="markers",
                name=t(f"reference.{category}"),
                marker=dict(
                    size=12,
                    symbol=NETWORK_SYMBOLS[category],
                    color=NETWORK_COLORS[category],
                    line=dict(width=1.2, color="#FFFFFF"),
                ),
                hovertext=hover,
                hovertemplate="%{hovertext}",
            )
        )
    # Europe widened to every place drawn (Las Palmas to Astrakhan), each marker whole
    figure.update_geos(**_geo(dark, placed["longitude"], placed["latitude"]))
    figure.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom"))
    return figure


# --- Learners and exports ----------------------------------------------------------------------


LABEL_LINE = 17  # px per line of a wrapped bar label: rows as tall as their labels never overlap


def learner_counts(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Each sourced count of learners or applicants, grouped by what it counts."""
    rows = table.iloc[::-1]
    metrics = list(dict.fromkeys(table["metric"]))
    shades = dict(zip(metrics, np.linspace(0.35, 0.75, max(len(metrics), 1)), strict=False))
    words = {m: escape(t.label("learner_metric", m)) for m in metrics}  # recorded as free text
    labels = [  # what it counts under its name: the value alone fits past the bar on a phone
        _wrapped(f"{name} · {int(year)}", 40) + "<br>" + words[metric]
        for name, year, metric in zip(rows["name"], rows["reference_year"], rows["metric"],
                                      strict=True)
    ]  # fmt: skip
    heads = [
        [f"<b>{escape(name)}</b>", f"{words[metric]}: {escape(value)}"]
        for name, metric, value in zip(rows["name"], rows["metric"], rows["value"], strict=True)
    ]
    marker = dict(
        color=[f"rgba(90,90,90,{shades[m]:.2f})" for m in rows["metric"]],
        line=dict(color=theme.REFERENCE_COLOR, width=1),
    )
    text = [escape(v) for v in rows["value"]]
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return _reference_bars(
        t, labels, rows["number"], _caveated(t, rows, heads), text, marker=marker,
        axis_title=t("history.learners.axis"), row_height=LABEL_LINE * lines + 8, room=1.7,
    )  # fmt: skip


def export_ranks(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Rank among Korea's album-export destinations: a dot per country on a 1-10 scale, 1 on
    the left (bars would make the smaller market look larger)."""
    names = [t.country(c) for c in table["country"]]
    heads = [
        [f"<b>{escape(name)}</b>", t("history.exports.rank", rank=int(rank), period=escape(period))]
        for name, rank, period in zip(names, table["rank"], table["year"], strict=True)
    ]
    hover = _caveated(t, table, heads)
    figure = _base(t, height=max(240, 48 * len(table) + 90))
    figure.add_trace(
        go.Scatter(
            y=names,
            x=table["rank"],
            mode="markers+text",
            name=t("chart.reference"),
            marker=dict(symbol=theme.REFERENCE_SYMBOL, size=16, color=theme.REFERENCE_COLOR),
            text=[f"#{int(r)}" for r in table["rank"]],
            textposition="middle right",
            cliponaxis=False,  # "#10" beside the last rank is drawn whole, past the axis' end
            hovertext=hover,
            hovertemplate="%{hovertext}",
        )
    )
    figure.update_xaxes(title=t("history.exports.axis"), range=[0.5, 11.5], dtick=1)
    figure.update_layout(margin=dict(r=32))
    figure.update_yaxes(automargin=True, autorange="reversed")
    return figure


# --- Reality checks on the plan pages ----------------------------------------------------------


def benchmark_bars(
    table: pd.DataFrame,
    t: Translator,
    *,
    axis_title: str,
    log: bool = False,
    chronological: bool = False,
) -> go.Figure:
    """Plan figures as outlined bars, measured ones (illustrative) solid, real ones in the
    reference grey; one bar a row, each group sorted by value (or, `chronological`, by its
    label, a year: the latest at the top), the plan on top."""
    order = "label" if chronological else "value"
    rows = pd.concat(
        [table[table["kind"] == kind].sort_values(order) for kind in ("real", "actual", "plan")]
    )
    labels = [
        _wrapped(t(f"reality.{kind}_label", label=label) if kind != "real" else label, 36)
        for label, kind in zip(rows["label"], rows["kind"], strict=True)
    ]
    hover = [
        _hover(
            [f"<b>{label}</b>", t.number(value)]
            + ([_confidence(t, conf), _note(note)] if kind == "real" else [t("chart.illustrative")])
        )
        for label, value, kind, conf, note in zip(
            labels, rows["value"], rows["kind"], rows["confidence"], rows["note"], strict=True
        )
    ]
    fill = {"plan": "rgba(0,0,0,0)", "actual": theme.OKABE_ITO[0], "real": theme.REFERENCE_COLOR}
    edge = {"plan": "#888", "actual": theme.OKABE_ITO[0], "real": theme.REFERENCE_COLOR}
    figure = _base(t, height=max(260, 40 * len(rows) + 90))
    figure.add_trace(
        go.Bar(
            y=labels,
            x=rows["value"],
            orientation="h",
            showlegend=False,
            marker=dict(
                color=[fill[kind] for kind in rows["kind"]],
                line=dict(color=[edge[kind] for kind in rows["kind"]], width=1.5),
            ),
            text=[t.compact(v) for v in rows["value"]],
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}",
        )
    )
    top = float(rows["value"].max()) if len(rows) else 1.0
    room = (
        dict(
            range=[np.log10(max(float(rows["value"].min()), 1.0)) - 0.3, np.log10(top) + 0.5],
            dtick=1,
        )
        if log
        else dict(range=[0, top * 1.25])
    )
    figure.update_xaxes(
        title=_wrapped(axis_title, AXIS_TITLE_WIDTH), type="log" if log else "linear",
        automargin=True, **room,
    )  # fmt: skip
    figure.update_layout(margin_r=VALUE_ROOM)  # the longest bar's value, whole on a phone
    figure.update_yaxes(automargin=True, type="category")  # "2022" is a label, not a number
    return figure


def city_benchmark(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Per city, events planned (open circle, the plan's outline) beside real events held
    (reference diamond), so a plan that skips the proven cities shows at once."""
    rows = table.iloc[::-1]
    labels = [
        escape(t.place(city, country))
        for city, country in zip(rows["city"], rows["country"], strict=True)
    ]
    real_hover = [
        _hover(
            [
                f"<b>{label}</b>",
                t("reality.cities.real_events", n=t.number(n)),
                t("hover.attendance", value=t.number(total)),
            ]
        )
        for label, n, total in zip(
            labels, rows["real_events"], rows["real_attendance"], strict=True
        )
    ]
    figure = _base(t, height=max(280, 26 * len(rows) + 110))
    figure.add_trace(
        go.Scatter(
            y=labels,
            x=rows["planned_events"],
            mode="markers",
            name=t("reality.cities.plan"),
            marker=dict(symbol="circle-open", size=12, color="#888", line=dict(width=2)),
            hovertemplate="<b>%{y}</b><br>" + t("reality.cities.plan") + ": %{x}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            y=labels,
            x=rows["real_events"],
            mode="markers",
            name=t("reality.cities.real"),
            marker=dict(symbol=theme.REFERENCE_SYMBOL, size=12, color=theme.REFERENCE_COLOR),
            hovertext=real_hover,
            hovertemplate="%{hovertext}",
        )
    )
    most = float(max(rows["planned_events"].max(), rows["real_events"].max(), 1))
    figure.update_xaxes(title=t("history.events.axis"), range=[-0.6, most * 1.08])
    figure.update_yaxes(automargin=True)
    figure.update_layout(legend=dict(orientation="h", y=1.02, yanchor="bottom"))
    return figure
