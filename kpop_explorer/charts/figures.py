"""Plotly figures, each drawn from one aggregated table (see `aggregates`).

Builders take a `Translator` so labels, hover text and number formats follow the viewer's
language, and `dark` so the map base layers read in either theme. Colours come from `theme`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from kpop_explorer.charts import axes, theme
from kpop_explorer.datasets.codes import ISO3
from kpop_explorer.formats import columns
from kpop_explorer.formats.precision import attainment_text
from kpop_explorer.i18n import Translator
from kpop_explorer.i18n.text import chart_text as escape
from kpop_explorer.measures import aggregates

EUROPE_LON = (-12.0, 33.0)
EUROPE_LAT = (35.0, 66.0)
# Where plotly.js's "europe" scope ends: its shapes stop there, so places beyond need the world's.
EUROPE_SCOPE_LON = (-30.0, 60.0)
EUROPE_SCOPE_LAT = (30.0, 85.0)
GEO_PADDING = 2.0  # degrees around the outermost places, so their markers are drawn whole
VALUE_ROOM = 56  # px right of a bar chart for the value written past its longest bar ("123.7k")
AXIS_TITLE_WIDTH = 26  # characters a value axis' title line holds: a phone's bars are 150 px wide


def iso3(code: str) -> str:
    return ISO3.get(code, code)


def _base(t: Translator, height: int = 420, **layout) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        template=theme.TEMPLATE_NAME,
        height=height,
        separators=t("format.plotly_separators"),
        **layout,
    )
    return figure


def geo_view(longitudes: list[float], latitudes: list[float]) -> dict:
    """The map's scope and ranges: Europe, widened to hold every place drawn on it."""
    lon = [v for v in longitudes if v == v]
    lat = [v for v in latitudes if v == v]
    lon_range = [
        min([EUROPE_LON[0]] + [v - GEO_PADDING for v in lon]),
        max([EUROPE_LON[1]] + [v + GEO_PADDING for v in lon]),
    ]
    lat_range = [
        min([EUROPE_LAT[0]] + [v - GEO_PADDING for v in lat]),
        max([EUROPE_LAT[1]] + [v + GEO_PADDING for v in lat]),
    ]
    inside = (
        EUROPE_SCOPE_LON[0] <= lon_range[0]
        and lon_range[1] <= EUROPE_SCOPE_LON[1]
        and EUROPE_SCOPE_LAT[0] <= lat_range[0]
        and lat_range[1] <= EUROPE_SCOPE_LAT[1]
    )
    return dict(
        # Europe's 33 KB of shapes where they suffice; the world's 137 KB for places beyond
        scope="europe" if inside else "world",
        lonaxis_range=lon_range,
        lataxis_range=lat_range,
    )  # fmt: skip


def _geo(dark: bool, longitudes: list[float] = (), latitudes: list[float] = ()) -> dict:
    water = "#1B2430" if dark else "#F6F9FC"
    return dict(
        **geo_view(list(longitudes), list(latitudes)),
        resolution=110,  # 33 KB of shapes instead of 198 KB: faster to fetch and draw
        projection_type="mercator",
        showland=True,
        landcolor="#3A3F4B" if dark else "#ECECEC",
        showcountries=True,
        countrycolor="#7A8090" if dark else "#FFFFFF",
        showcoastlines=True,
        coastlinecolor="#7A8090" if dark else "#B8B8B8",
        showocean=True,
        oceancolor=water,
        showlakes=True,  # as water: else the Caspian Sea is a hole in the land at the map's edge
        lakecolor=water,
        showframe=False,
        bgcolor="rgba(0,0,0,0)",
    )


PROJECTOR_HEIGHT = 460  # px: a step's two charts sit under its headline and cards in 1080 px
PROJECTOR_PLOT_MARGINS = 150  # px of a projector chart's height taken by its axis and legend


def enlarge(figure: go.Figure, size: int) -> None:
    """Every text of the figure at `size` px and the figure no taller than a projector allows.

    A bar chart's every category keeps its label (Plotly would drop every other one when they
    crowd): the labels shrink below `size` if the rows leave them less room.
    """
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    height = meta.get("projector_height") or min(  # a step's only chart may be taller
        figure.layout.height or PROJECTOR_HEIGHT, PROJECTOR_HEIGHT
    )
    figure.update_layout(font_size=size, hoverlabel_font_size=size, legend_font_size=size,
                         height=height)  # fmt: skip
    figure.update_xaxes(tickfont_size=size, title_font_size=size)
    figure.update_yaxes(tickfont_size=size, title_font_size=size)
    figure.update_traces(textfont_size=size, selector=lambda trace: "textfont" in trace)
    bars = [t for t in figure.data if t.type == "bar" and t.orientation == "h" and t.y]
    rows = max((len(set(trace.y)) for trace in bars), default=0)
    if rows:
        label = min(size, int((height - PROJECTOR_PLOT_MARGINS) / rows * 0.8))
        figure.update_yaxes(dtick=1, tickfont_size=label)
        figure.update_traces(textfont_size=label, selector=dict(mode="text"))


def _mark_today(
    figure: go.Figure, t: Translator, today: pd.Timestamp, dates: Iterable[pd.Timestamp]
) -> None:
    """The data's "now": its as-of date, named as such (never the wall clock, which runs past
    the data and would put planned events not yet measured to the left of "today").

    The note runs from the line into the wider side of the time axis (which spans `dates`), so
    it stays inside the chart: centred on a date near the axis' end, it ran past the chart.
    """
    figure.add_vline(x=today, line_width=2, line_dash="dot", line_color=theme.TODAY_COLOR)
    spanned = pd.Series([today, *dates], dtype="datetime64[ns]").dropna()
    into_the_past = today - spanned.min() > spanned.max() - today
    figure.add_annotation(
        x=today, y=1, yref="paper", text=t("chart.as_of", date=t.date(today)), showarrow=False,
        yanchor="bottom", xanchor="right" if into_the_past else "left",
        font=dict(color=theme.TODAY_COLOR),
    )  # fmt: skip


def _wrapped(text: str, width: int = 28) -> str:
    """A long label on two or more lines, so narrow screens keep all of it."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width)) or escape(text)


def _hover(lines: list[str]) -> str:
    return "<br>".join(lines) + "<extra></extra>"


# --- Overview ---------------------------------------------------------------------------------


def portfolio_treemap(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Focus area -> initiative, sized by budget, coloured by status."""
    focus = table.groupby("focus_area", sort=False)["budget_eur"].sum()
    focus_ids = ["focus/" + f for f in focus.index]
    ids = focus_ids + ["initiative/" + i for i in table["initiative_id"]]
    labels = [t.label("focus", f) for f in focus.index] + [
        t("chart.others", n=t.number(count)) if status == aggregates.OTHERS else _wrapped(name, 18)
        for name, status, count in zip(
            table["name"],
            table["status"],
            table.get("count", pd.Series(1, index=table.index)),
            strict=True,
        )
    ]
    parents = [""] * len(focus) + ["focus/" + f for f in table["focus_area"]]
    values = focus.tolist() + table["budget_eur"].tolist()
    colors = [theme.FOCUS_COLORS.get(f, "#999") for f in focus.index] + [
        theme.STATUS_COLORS.get(s, theme.OTHERS_COLOR) for s in table["status"]
    ]  # the "others" tile is see-through: it shows its focus area's colour
    status_text = [""] * len(focus) + [
        "" if s == aggregates.OTHERS else t.label("status", s) for s in table["status"]
    ]
    budgets = [t.money(v, compact=True) for v in values]
    figure = _base(t, height=460)
    figure.add_trace(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="total",
            marker=dict(colors=colors, line=dict(width=1, color="rgba(255,255,255,0.6)")),
            customdata=np.column_stack([budgets, status_text]),
            texttemplate="<b>%{label}</b><br>%{customdata[0]}",
            hovertemplate=_hover(
                ["<b>%{label}</b>", t("hover.budget") + ": %{customdata[0]}", "%{customdata[1]}"]
            ),
            tiling=dict(pad=2),
            pathbar=dict(visible=False),
        )
    )
    _status_legend(figure, t, [s for s in table["status"].unique() if s != aggregates.OTHERS])
    # A label too small to read is left out (the tile's hover still names it), never shrunk.
    figure.update_layout(uniformtext=dict(minsize=11, mode="hide"))
    return figure


def _status_legend(figure: go.Figure, t: Translator, statuses: list[str]) -> None:
    """A legend of the statuses shown: a treemap has none of its own, so each status gets an
    empty trace whose only mark is its legend swatch (the axes it would draw are hidden)."""
    for status in (s for s in theme.STATUS_COLORS if s in statuses):
        figure.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=t.label("status", status),
                marker=dict(symbol="square", size=12, color=theme.STATUS_COLORS[status]),
                hoverinfo="skip",
            )
        )  # fmt: skip
    figure.update_layout(showlegend=True)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)


TIMELINE_FONT_SIZE = 13
TIMELINE_LINE_HEIGHT = 16  # px per line of a wrapped initiative name at that font size
TIMELINE_NAME_WIDTH = 40  # characters a name's line holds: one fits a phone's 330 px chart
TIMELINE_BAR = 14  # px: each bar's thickness
TIMELINE_NAME_GAP = 3  # px between a name and the top of its bar
TIMELINE_ROW_GAP = 12  # px between a bar and the next name
TIMELINE_TOP = 58  # px above the rows: the modebar (about 28 px), then the as-of note under it
TIMELINE_BOTTOM = 44  # px under the rows for the date ticks, and per focus area, its legend line
TIMELINE_LEGEND_LINE = 24  # (a phone stacks them one a line)


def initiative_timeline(table: pd.DataFrame, t: Translator, today: pd.Timestamp) -> go.Figure:
    """A Gantt chart of initiatives, grouped by focus area, with today marked.

    Each name sits above its bar, across the chart's whole width, so a phone keeps the dates'
    width for the bars (names beside them left a 60 px strip) and every name whole. The y axis
    counts pixels: each row is as tall as its name's lines, its bar and the gaps around them.
    """
    rows = table.sort_values(["focus_area", "start_date"])
    names = {name: _wrapped(name, TIMELINE_NAME_WIDTH) for name in rows["name"]}
    heights = [  # px, top to bottom
        TIMELINE_LINE_HEIGHT * (names[n].count("<br>") + 1)
        + TIMELINE_NAME_GAP + TIMELINE_BAR + TIMELINE_ROW_GAP
        for n in rows["name"]
    ]  # fmt: skip
    total = sum(heights)
    tops = np.cumsum([0, *heights[:-1]])  # each row's top, in px below the first's
    bar_from_bottom = TIMELINE_BAR / 2 + TIMELINE_ROW_GAP  # a bar's middle above its row's end
    position = {  # the middle of each row's bar, in px above the rows' bottom
        index: total - top - height + bar_from_bottom
        for index, top, height in zip(rows.index, tops, heights, strict=True)
    }
    areas = rows["focus_area"].nunique()
    figure = _base(
        t,
        height=total + TIMELINE_TOP + TIMELINE_BOTTOM + TIMELINE_LEGEND_LINE * areas,
        margin=dict(t=TIMELINE_TOP),
    )
    for focus, group in rows.groupby("focus_area", sort=False):
        figure.add_trace(
            go.Bar(
                name=t.label("focus", focus),
                legendgroup=focus,
                showlegend=False,  # the swatch below: plain, not the first bar's hatching
                y=[position[i] for i in group.index],
                x=(group["end_date"] - group["start_date"]).dt.days * 86_400_000,
                base=group["start_date"],
                orientation="h",
                width=TIMELINE_BAR,
                marker=dict(
                    color=theme.FOCUS_COLORS.get(focus, "#999"),
                    pattern=dict(
                        shape=[
                            "/" if s in ("planned", "proposed", "on_hold") else ""
                            for s in group["status"]
                        ],
                        fillmode="overlay",
                        fgcolor="rgba(255,255,255,0.55)",
                    ),
                ),
                customdata=np.column_stack(
                    [
                        [names[n] for n in group["name"]],
                        [t.date(d) for d in group["start_date"]],
                        [t.date(d) for d in group["end_date"]],
                        [t.label("status", s) for s in group["status"]],
                    ]
                ),
                hovertemplate=_hover(
                    [
                        "<b>%{customdata[0]}</b>",
                        "%{customdata[1]} – %{customdata[2]}",
                        "%{customdata[3]}",
                    ]
                ),
            )
        )
        _legend_swatch(
            figure, t.label("focus", focus), theme.FOCUS_COLORS.get(focus, "#999"), group=focus
        )
    _mark_today(figure, t, today, [*rows["start_date"], *rows["end_date"]])
    for index, name in zip(rows.index, rows["name"], strict=True):
        figure.add_annotation(
            x=0, xref="paper", xanchor="left", y=position[index], yanchor="bottom",
            yshift=TIMELINE_BAR / 2 + TIMELINE_NAME_GAP, text=names[name], showarrow=False,
            align="left", font_size=TIMELINE_FONT_SIZE,
        )  # fmt: skip
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(**axes.date_axis([*rows["start_date"], *rows["end_date"]], t))
    figure.update_yaxes(
        visible=False, fixedrange=True, range=[0, total + TIMELINE_NAME_GAP]
    )  # the rows' pixels hold their names: a zoom on them would make the names overlap
    return figure


def country_choropleth(
    table: pd.DataFrame,
    value: str,
    t: Translator,
    *,
    dark: bool,
    hover_columns: tuple[str, ...] = (),
    value_label: str,
    number_digits: int = 0,
) -> go.Figure:
    """Countries shaded by `value`, drawn on the base map the app serves itself."""
    figure = _base(t, height=440, margin=dict(l=0, r=0, t=8, b=0))
    names = [t.country(c) for c in table["country"]]
    extra = [
        [f"{t('column.' + c)}: {t.number(v, number_digits)}" for v in table[c]]
        for c in hover_columns
    ]
    top = max(float(table[value].max()), 1.0) if len(table) else 1.0
    ticks, tick_labels = axes.value_ticks(0, top, axes.number_format([top], t), most=5)
    figure.add_trace(
        go.Choropleth(
            locations=[iso3(c) for c in table["country"]],
            locationmode="ISO-3",
            z=table[value],
            zmin=0,  # counts start at nothing, so one country alone still reads as "a lot"
            zmax=top,
            text=names,
            customdata=np.column_stack(
                [table["country"], [t.number(v, number_digits) for v in table[value]], *extra]
            ),
            colorscale=[[i / (len(theme.SEQUENTIAL) - 1), c]
                        for i, c in enumerate(theme.SEQUENTIAL)],
            marker_line_color="#FFFFFF" if not dark else "#1B2430",
            marker_line_width=0.6,
            colorbar=dict(
                title=dict(text=value_label, side="top"), orientation="h", thickness=10,
                len=0.6, x=0.5, xanchor="center", y=-0.02, yanchor="top",
                tickmode="array", tickvals=ticks, ticktext=tick_labels,
            ),
            hovertemplate=_hover(
                ["<b>%{text}</b>", value_label + ": %{customdata[1]}"]
                + [f"%{{customdata[{i + 2}]}}" for i in range(len(extra))]
            ),
        )
    )  # fmt: skip
    figure.update_geos(**_geo(dark))
    return figure


def standing_choropleth(
    table: pd.DataFrame, t: Translator, *, dark: bool, value_label: str
) -> go.Figure:
    """Countries coloured by where they stand against what was due (ahead / on track / behind),
    one colour each as everywhere in the app, their attainment in the hover."""
    # Room below the map for its key (with no bottom margin the key was drawn off the figure).
    figure = _base(t, height=440, margin=dict(l=0, r=0, t=8, b=40), showlegend=True)
    for code in theme.STANDING_COLORS:
        rows = table[table["standing"] == code]
        if rows.empty:
            continue
        name = t.label("standing", code)
        figure.add_trace(
            go.Choropleth(
                locations=[iso3(c) for c in rows["country"]], locationmode="ISO-3",
                z=[1] * len(rows), zmin=0, zmax=1, showscale=False, name=name, showlegend=False,
                legendgroup=code,
                colorscale=[[0, theme.STANDING_COLORS[code]], [1, theme.STANDING_COLORS[code]]],
                text=[t.country(c) for c in rows["country"]],
                customdata=np.column_stack([rows["country"],
                                            [attainment_text(v, t) for v in rows["attainment"]]]),
                marker_line_color="#FFFFFF" if not dark else "#1B2430", marker_line_width=0.6,
                hovertemplate=_hover(["<b>%{text}</b>", f"{name}",
                                      value_label + ": %{customdata[1]}"]),
            )
        )  # fmt: skip
        # The key: Plotly draws no legend entry for a choropleth, so a point-less marker of the
        # same colour stands for it (the colour is never the only cue: the key names it).
        figure.add_trace(
            go.Scattergeo(lon=[None], lat=[None], mode="markers", name=name, legendgroup=code,
                          marker=dict(symbol="square", size=14, color=theme.STANDING_COLORS[code]),
                          hoverinfo="skip", showlegend=True)
        )  # fmt: skip
    figure.update_geos(**_geo(dark))
    figure.update_layout(legend=dict(orientation="h", yref="container", y=0, yanchor="bottom",
                                     x=0.5, xanchor="center"))  # fmt: skip
    return figure


def _legend_swatch(figure: go.Figure, name: str, color: str, group: str | None = None) -> None:
    """A legend entry of its own for bars that each have their own colour or hatching: Plotly
    would give the entry the first bar's look, whichever bar that happens to be. In `group`,
    a click on the entry still hides and shows the bars."""
    figure.add_trace(
        go.Bar(x=[None], y=[None], orientation="h", name=name, marker_color=color,
               legendgroup=group, hoverinfo="skip")
    )  # fmt: skip


def _value_labels(
    figure: go.Figure,
    labels: list[str],
    values: pd.Series,
    texts: list[str],
    *,
    beyond: pd.Series | None = None,
    customdata: np.ndarray | None = None,
) -> None:
    """Each bar's value written past the end of its bar and of its plan's outline, so a label
    never sits on an outline or on the next bar's label, with room for the longest one on the
    chart's right (a phone's narrow axis left none: "94,6 %" was cut)."""
    values = values.astype(float)
    ends = values if beyond is None else np.fmax(values, beyond.astype(float).fillna(0))
    if beyond is not None:
        ends = ends.where(values >= 0, np.fmin(values, beyond.astype(float).fillna(0)))
    figure.add_trace(
        go.Scatter(
            y=labels, x=ends.fillna(0), mode="text", text=texts, showlegend=False,
            textposition=["middle left" if v < 0 else "middle right" for v in values.fillna(0)],
            cliponaxis=False, hoverinfo="skip", customdata=customdata,
        )
    )  # fmt: skip
    figure.update_layout(margin_r=VALUE_ROOM)


def progress_bars(
    table: pd.DataFrame,
    category: str,
    vocabulary: str,
    t: Translator,
    *,
    colors: dict[str, str],
    axis_title: str,
) -> go.Figure:
    """Share of the plan reached per category, with the plan drawn as an outlined 100 % bar."""
    labels = [t.label(vocabulary, c) for c in table[category]]
    figure = _base(t, height=max(260, 48 * len(table) + 80))
    figure.add_trace(
        go.Bar(
            y=labels, x=[1.0] * len(table), orientation="h", name=t("chart.plan"),
            marker=dict(color="rgba(0,0,0,0)", line=dict(color=theme.PLAN_OUTLINE, width=1.5)),
            hoverinfo="skip",
        )
    )  # fmt: skip
    texts = [attainment_text(v, t) for v in table["progress"]]  # judged against what was due
    figure.add_trace(
        go.Bar(
            y=labels,
            x=table["progress"],
            orientation="h",
            name=t("chart.actual"),
            showlegend=False,
            marker=dict(color=[colors.get(c, "#999") for c in table[category]]),
            text=texts,
            textposition="none",
            hovertemplate=_hover(["<b>%{y}</b>", "%{text}"]),
        )
    )
    _legend_swatch(figure, t("chart.actual"), theme.ACTUAL_SWATCH)
    _value_labels(figure, labels, table["progress"], texts,
                  beyond=pd.Series(1.0, index=table.index))  # fmt: skip
    figure.update_layout(barmode="overlay", showlegend=True)
    top = max(1.0, float(table["progress"].max()) if len(table) else 1.0) * 1.2
    figure.update_xaxes(title=_wrapped(axis_title, AXIS_TITLE_WIDTH), range=[0, top],
                        **axes.axis_ticks(0, top, t.percent))  # fmt: skip
    figure.update_yaxes(automargin=True)
    return figure


# --- Time series and rankings -----------------------------------------------------------------


def plan_actual_lines(
    table: pd.DataFrame,
    t: Translator,
    *,
    by: str | None,
    vocabulary: str | None,
    y_title: str,
    projected: pd.DataFrame | None = None,
) -> go.Figure:
    """Per `by` value (or the total): actual as a solid line, its plan dashed in the same colour,
    and where `projected` (`projection.monthly_lines`) has it, the line carried on to the end of
    the plan, dotted, in a shaded band."""
    figure = _base(t, height=430, hovermode="x unified")
    groups = [(None, table)] if by is None else list(table.groupby(by, sort=False))
    for (key, group), color in zip(groups, theme.OKABE_ITO, strict=False):
        if key is None:
            name = t("chart.total")
        elif by == "country":
            name = t.country(key)
        else:
            name = t.label(vocabulary or by, key)
        measured = group[group["actual"].notna()]
        figure.add_trace(
            go.Scatter(
                x=measured["month"], y=measured["actual"], name=name, mode="lines",
                legendgroup=name, line=dict(color=color, width=2.5),
                hovertemplate=f"{name}: %{{y:,.0f}}<extra></extra>",
            )
        )  # fmt: skip
        plan_name = t("chart.plan_of", name=name)
        figure.add_trace(
            go.Scatter(
                x=group["month"], y=group["target"], name=plan_name, mode="lines",
                legendgroup=name, showlegend=key is None,
                line=dict(color=color, width=1.6, dash=theme.PLAN_DASH),
                hovertemplate=f"{plan_name}: %{{y:,.0f}}<extra></extra>",
            )
        )  # fmt: skip
        if projected is not None and len(projected):
            ahead = projected if key is None else projected[projected[by] == key]
            _projection_trace(figure, t, ahead, measured, name, color, first=key is None)
    top = float(pd.concat([table["actual"], table["target"]]).max()) if len(table) else 0.0
    if projected is not None and len(projected):
        top = max(top, float(projected["projected_high"].max()))
    top = top * 1.05 if top == top and top > 0 else 1.0
    figure.update_yaxes(
        title=y_title, range=[0, top], **axes.axis_ticks(0, top, axes.number_format([top], t))
    )
    figure.update_xaxes(title=None, **axes.date_axis(table["month"] if len(table) else [], t))
    return figure


def _projection_trace(
    figure: go.Figure,
    t: Translator,
    ahead: pd.DataFrame,
    measured: pd.DataFrame,
    name: str,
    color: str,
    first: bool,
) -> None:
    """A line's projection: dotted from its last measured month on, in its 90% band."""
    if ahead.empty:
        return
    start = measured.tail(1)[["month", "actual"]].set_axis(["month", "projected"], axis=1)
    line = pd.concat([start, ahead[["month", "projected"]]], ignore_index=True)
    label = t("chart.projected_of", name=name)
    band = t("chart.projection_band")
    figure.add_trace(
        go.Scatter(
            x=list(ahead["month"]) + list(ahead["month"])[::-1],
            y=list(ahead["projected_high"]) + list(ahead["projected_low"])[::-1],
            fill="toself", fillcolor=theme.with_alpha(color, 0.15), line=dict(width=0),
            mode="lines", name=band, legendgroup=name, showlegend=False, hoverinfo="skip",
        )
    )  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=line["month"], y=line["projected"], name=label, mode="lines", legendgroup=name,
            showlegend=first, line=dict(color=color, width=2, dash=theme.PROJECTION_DASH),
            hovertemplate=f"{label}: %{{y:,.0f}}<extra></extra>",
        )
    )  # fmt: skip


def ranking_bars(
    table: pd.DataFrame,
    category: str,
    value: str,
    t: Translator,
    *,
    axis_title: str,
    percent: bool = False,
    vocabulary: str | None = None,
    color: str = theme.OKABE_ITO[0],
    plan: str | None = None,
    number_digits: int = 0,
    axis_range: tuple[float, float] | None = None,
) -> go.Figure:
    """A sorted horizontal bar per category; `plan` adds an outlined bar for the target.

    Each bar carries its category code in customdata, so a click can filter by it.
    """
    labels = [
        escape(word)
        for word in columns.category_words(
            table[category], category, t, vocabulary, table.get("country")
        )
    ]
    values = pd.concat([table[value]] + ([table[plan]] if plan else [])).astype(float)
    fmt = axes.number_format(values, t, percent=percent, digits=number_digits)

    figure = _base(t, height=max(260, 30 * len(table) + 100))
    codes = np.column_stack([table[category]])
    if plan is not None:
        figure.add_trace(
            go.Bar(
                y=labels, x=table[plan], orientation="h", name=t("chart.plan"),
                marker=dict(color="rgba(0,0,0,0)",
                            line=dict(color=theme.PLAN_OUTLINE, width=1.5)),
                customdata=np.column_stack([table[category], [fmt(v) for v in table[plan]]]),
                hovertemplate=_hover(["<b>%{y}</b>", t("chart.plan") + ": %{customdata[1]}"]),
            )
        )  # fmt: skip
    colors = [color if v >= 0 else theme.OKABE_ITO[1] for v in table[value].fillna(0)]
    texts = [fmt(v) for v in table[value]]
    figure.add_trace(
        go.Bar(
            y=labels,
            x=table[value],
            orientation="h",
            name=t("chart.actual"),
            showlegend=plan is not None and len(set(colors)) == 1,
            marker=dict(color=colors),
            text=texts,
            textposition="none",
            customdata=codes,
            hovertemplate=_hover(["<b>%{y}</b>", "%{text}"]),
        )
    )
    if plan is not None and len(set(colors)) > 1:
        _legend_swatch(figure, t("chart.actual"), theme.ACTUAL_SWATCH)
    _value_labels(figure, labels, table[value], texts,
                  beyond=table[plan] if plan else None, customdata=codes)  # fmt: skip
    figure.update_layout(barmode="overlay", showlegend=plan is not None)
    if axis_range is None:  # room for the value labels outside the bars
        axis_range = (min(0.0, values.min() * 1.3), max(0.0, values.max()) * 1.25 or 1.0)
    figure.update_xaxes(
        title=axis_title, range=axis_range, automargin=True,
        **axes.axis_ticks(*axis_range, fmt),
    )  # fmt: skip
    figure.update_yaxes(automargin=True)
    return figure


PLAN_MARKERS_UP_TO = 16  # periods; beyond this the plan's dashes merge into a band: a line then


def grouped_bars_over_time(
    table: pd.DataFrame,
    x: str,
    actual: str,
    target: str,
    t: Translator,
    *,
    stack_by: str | None,
    vocabulary: str | None,
    colors: dict[str, str],
    y_title: str,
) -> go.Figure:
    """Stacked actual bars per period; the plan's total is a dash over each bar, or a dashed
    line when the periods are too many for dashes to stay apart."""
    figure = _base(t, height=400)
    groups = table.groupby(stack_by, sort=False) if stack_by else [("total", table)]
    for key, group in groups:
        name = t.label(vocabulary, key) if stack_by else t("chart.actual")
        figure.add_trace(
            go.Bar(
                x=group[x], y=group[actual], name=name,
                marker_color=colors.get(key, theme.OKABE_ITO[0]),
                hovertemplate=f"{name}: %{{y:,.0f}}<extra></extra>",
            )
        )  # fmt: skip
    plan = table.groupby(x, as_index=False)[target].sum()
    if len(plan) <= PLAN_MARKERS_UP_TO:
        style = dict(
            mode="markers",
            marker=dict(
                symbol="line-ew-open", size=22, color=theme.PLAN_OUTLINE, line=dict(width=3)
            ),
        )
    else:
        style = dict(
            mode="lines",
            line=dict(color=theme.PLAN_OUTLINE, width=2, dash=theme.PLAN_DASH, shape="hvh"),
        )
    figure.add_trace(
        go.Scatter(
            x=plan[x], y=plan[target], name=t("chart.plan_total"), **style,
            hovertemplate=t("chart.plan_total") + ": %{y:,.0f}<extra></extra>",
        )
    )  # fmt: skip
    stacked = table.groupby(x)[actual].sum()
    top = max(float(stacked.max()) if len(stacked) else 0.0,
              float(plan[target].max()) if len(plan) else 0.0)  # fmt: skip
    top = top * 1.05 if top == top and top > 0 else 1.0
    figure.update_layout(barmode="stack", hovermode="x unified")
    figure.update_yaxes(
        title=y_title, range=[0, top], **axes.axis_ticks(0, top, axes.number_format([top], t))
    )
    figure.update_xaxes(**axes.date_axis(table[x] if len(table) else [], t))
    return figure


# --- Places -----------------------------------------------------------------------------------


def _marker_sizes(values: pd.Series, largest: float = 38.0, smallest: float = 6.0) -> np.ndarray:
    """Marker diameters with area proportional to the value."""
    values = values.fillna(0).astype(float).clip(lower=0)
    top = values.max() or 1.0
    return np.maximum(np.sqrt(values / top) * largest, smallest)


def places_map(
    layers: list[tuple[str, pd.DataFrame]],
    t: Translator,
    *,
    dark: bool,
    reference: pd.DataFrame | None = None,
    reference_name: str = "",
    size_column: str = "size",
) -> go.Figure:
    """Points on the Europe base map: one trace per (name, rows), plus a reference layer.

    Each point's customdata starts with its id, so a selection can be traced back to rows.
    """
    figure = _base(t, height=520, margin=dict(l=0, r=0, t=8, b=0))
    for name, rows in layers:
        figure.add_trace(
            go.Scattergeo(
                lon=rows["longitude"], lat=rows["latitude"], name=name, mode="markers",
                marker=dict(size=_marker_sizes(rows[size_column]), sizemode="diameter",
                            color=rows["color"].iloc[0] if len(rows) else "#999",
                            opacity=0.78, line=dict(width=0.8, color="#FFFFFF")),
                customdata=rows[["id", "hover"]].to_numpy(),
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    if reference is not None and not reference.empty:
        figure.add_trace(
            go.Scattergeo(
                lon=reference["longitude"], lat=reference["latitude"], name=reference_name,
                mode="markers",
                marker=dict(size=11, symbol=theme.REFERENCE_SYMBOL, color=theme.REFERENCE_COLOR,
                            line=dict(width=1.2, color="#FFFFFF")),
                customdata=reference[["id", "hover"]].to_numpy(),
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    drawn = [frame for _, frame in layers] + ([reference] if reference is not None else [])
    longitudes = [v for frame in drawn for v in frame["longitude"]]
    latitudes = [v for frame in drawn for v in frame["latitude"]]
    figure.update_geos(**_geo(dark, longitudes, latitudes))
    return figure


def events_calendar(rows: pd.DataFrame, t: Translator, today: pd.Timestamp) -> go.Figure:
    """Events on a time axis, one row per event type, sized by audience, today marked."""
    figure = _base(t, height=380)
    for code, group in rows.groupby("event_type", sort=False):
        figure.add_trace(
            go.Scatter(
                x=group["start_date"], y=[t.label("event_type", code)] * len(group),
                mode="markers", name=t.label("event_type", code),
                marker=dict(size=_marker_sizes(group["size"], largest=30), color=group["color"],
                            opacity=0.8, line=dict(width=0.8, color="#FFFFFF")),
                customdata=group[["id", "hover"]].to_numpy(),
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    _mark_today(figure, t, today, rows["start_date"] if len(rows) else [])
    figure.update_layout(showlegend=False)
    figure.update_xaxes(**axes.date_axis([*rows["start_date"], today] if len(rows) else [], t))
    figure.update_yaxes(automargin=True, title=None)
    return figure


def audience_bars(table: pd.DataFrame, t: Translator) -> go.Figure:
    """Per country: attendance against the plan (outlined), and online viewers beside it."""
    labels = [t.country(c) for c in table["country"]]
    figure = _base(t, height=max(300, 44 * len(table) + 100))
    series = (
        ("expected_attendance", t("column.expected_attendance"), None),
        ("attendance", t("column.attendance"), theme.EVENT_TYPE_COLORS["festival"]),
        ("online_viewers", t("column.online_viewers"), theme.EVENT_TYPE_COLORS["virtual_concert"]),
    )
    for column, name, color in series:
        marker = (
            dict(color="rgba(0,0,0,0)", line=dict(color=theme.PLAN_OUTLINE, width=1.5))
            if color is None
            else dict(color=color)
        )
        figure.add_trace(
            go.Bar(
                y=labels, x=table[column], orientation="h", name=name, marker=marker,
                offsetgroup="online" if column == "online_viewers" else "venue",
                customdata=table["country"],
                hovertemplate=f"<b>%{{y}}</b><br>{name}: %{{x:,.0f}}<extra></extra>",
            )
        )  # fmt: skip
    figure.update_layout(barmode="group", bargap=0.2)
    figure.update_traces(selector=dict(name=t("column.expected_attendance")), width=0.4)
    columns = [column for column, _, _ in series]
    top = float(table[columns].max().max()) if len(table) else 0.0
    top = top * 1.05 if top == top and top > 0 else 1.0
    figure.update_xaxes(
        title=t("live.audience.axis"), range=[0, top],
        **axes.axis_ticks(0, top, axes.number_format([top], t)),
    )  # fmt: skip
    figure.update_yaxes(automargin=True)
    return figure
