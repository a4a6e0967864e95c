"""The visual language shared by every chart: colours that mean one thing, one Plotly template.

Focus areas use the Okabe-Ito palette, designed to stay distinguishable with the common
colour-vision deficiencies; statuses are greys that differ in lightness, so they read apart
from every focus area's hue. Plans are dashed or outlined, actuals
solid, and real reference data is drawn in a neutral grey with its own marker.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from kpop_explorer.i18n import Translator

OKABE_ITO = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",
)
FOCUS_COLORS = {
    "digital_expansion": "#0072B2",
    "live_events": "#D55E00",
    "education": "#009E73",
    "cultural_exchange": "#CC79A7",
    "talent_development": "#E69F00",
    "music_innovation": "#56B4E9",
}
# Statuses are shades of slate, from done (dark) to only proposed (light), and a warm grey for
# on hold: no hue of their own, so a status is never mistaken for a focus area's colour.
STATUS_COLORS = {
    "completed": "#27313D",
    "in_progress": "#52647A",
    "planned": "#8D9DB0",
    "proposed": "#C9D2DC",
    "on_hold": "#9C8A78",
}
EVENT_TYPE_COLORS = {
    "festival": "#D55E00",
    "concert": "#0072B2",
    "showcase": "#E69F00",
    "virtual_concert": "#CC79A7",
    "fan_meeting": "#009E73",
}
PROGRAM_TYPE_COLORS = {
    "culture_workshop": "#009E73",
    "language_course": "#0072B2",
    "language_app": "#56B4E9",
    "exchange_programme": "#CC79A7",
    "exhibition": "#E69F00",
    "kculture_hub": "#D55E00",
    "mentorship": "#999933",
}
# Where a figure stands against what was due: one of Streamlit's named colours each (a KPI card's
# delta takes a name) and its hue for charts and tables, so all say "behind" in one colour. The
# hues are darker than Streamlit's own (#1C83E1, #21C354, #FFA421), so that a scorecard pill's
# white label reads 4.5:1 on them and a map's country stands 3:1 against the page in both themes
# (tests/test_accessibility.py).
STANDING_COLOR_NAMES = {"ahead": "blue", "on_track": "green", "behind": "orange"}
_STANDING_HUES = {"blue": "#1A73C8", "green": "#2E7D32", "orange": "#AD5A00"}
STANDING_COLORS = {code: _STANDING_HUES[name] for code, name in STANDING_COLOR_NAMES.items()}
REFERENCE_COLOR = "#6E6E6E"
TODAY_COLOR = "#D55E00"
OTHERS_COLOR = "rgba(0,0,0,0)"  # the small initiatives summed in one tile: their area's colour
REFERENCE_SYMBOL = "diamond"
PLAN_DASH = "dash"
PROJECTION_DASH = "dot"  # a line carried on past the as-of date (`projection`), in its band
PLAN_OUTLINE = "#888888"  # outlined plan bars and the plan's dash or line
ACTUAL_SWATCH = "#5A5A5A"  # the legend's "actual" where each bar has its category's colour
SEQUENTIAL = ("#E8F1FA", "#9CC3E6", "#4A90C8", "#0072B2", "#00457A")  # shades of the blue above
FONT_FAMILY = '"Source Sans", "Noto Sans", "Noto Sans CJK KR", "Noto Sans KR", sans-serif'
TEMPLATE_NAME = "kpop"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        colorway=list(OKABE_ITO),
        font=dict(family=FONT_FAMILY, size=14),
        title=dict(font=dict(size=18)),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=14)),
        margin=dict(l=8, r=8, t=32, b=8),
        # Under the chart: at the top, a legend wrapping on a phone ran under Plotly's toolbar.
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0, title_text=""),
        separators=".,",
    )
)


# Plotly.js's own English words on its modebar, and the message keys that translate them.
MODEBAR_WORDS = {
    "Image download succeeded": "succeeded",
    "Sorry, there was a problem downloading your image!": "failed",
    "Zoom in": "zoom_in",
    "Zoom out": "zoom_out",
    "Reset axes": "reset_axes",
    "Autoscale": "autoscale",
    "Pan": "pan",
    "Zoom": "zoom",
    "Box Select": "box_select",
    "Lasso Select": "lasso_select",
    "Reset view": "reset_view",
    "Toggle Spike Lines": "spikes",
}


def plotly_config(topojson_url: str, t: Translator | None = None) -> dict:
    """Plotly's modebar (its image buttons are ours: see static/plotly/kpop-chart.js), with
    its buttons in the viewer's language (a locale dictionary sent with the chart, as Plotly
    allows), nothing that needs the internet."""
    config = {
        "displaylogo": False,
        "topojsonURL": topojson_url,
        "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio"],
    }
    if t is not None and t.lang != "en":
        words = {english: t(f"modebar.{key}") for english, key in MODEBAR_WORDS.items()}
        config |= {"locale": t.lang, "locales": {t.lang: {"dictionary": words}}}
    return config


def with_alpha(color: str, alpha: float) -> str:
    """`#RRGGBB` as `rgba(r,g,b,alpha)`: a band shaded in its line's colour."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
