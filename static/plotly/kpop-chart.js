// The explorer's chart element (components/plotly_element.py imports this module, so that its
// code is fetched once and cached instead of sent with every chart): one Plotly chart that stays
// mounted across reruns and takes each new figure with Plotly.react, so a filter change
// updates the drawing in place instead of building a new chart. Plotly.js is our own bundle
// (static/plotly/, `./dev bundle`), loaded once per page by a <script> and cached by the browser.
//
// Streamlit calls the default export again whenever the figure, the theme or anything else in
// `data` changes, with the same parentElement; the plot lives on that element.

let plotlyLoading = null;

const loadPlotly = (src) => {
  if (window.Plotly?.react) return Promise.resolve(window.Plotly);
  plotlyLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      plotlyLoading = null; // a later render may try again
      script.remove();
      reject(new Error(`could not load ${src}`));
    };
    document.head.appendChild(script);
  });
  return plotlyLoading;
};

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// Deep merge, `over` winning: how Streamlit lays its theme over a figure's template.
const merge = (base, over) => {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(out[key]) ? merge(out[key], value) : value;
  }
  return out;
};

// Streamlit's own chart theme (st.plotly_chart's theme="streamlit"), from the theme's CSS
// variables, laid over the figure's template layout so that the figure's own layout still wins.
const streamlitTheme = (element) => {
  const style = getComputedStyle(element);
  const css = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const text = css("--st-text-color", "#31333F");
  const background = css("--st-background-color", "#FFFFFF");
  const heading = css("--st-heading-color", text);
  const font = css("--st-font", "sans-serif");
  const grid = css("--st-border-color-light", css("--st-border-color", "rgba(128,128,128,0.25)"));
  const border = css("--st-border-color", grid);
  return {
    font: { color: text, family: font, size: 12 },
    title: { font: { family: css("--st-heading-font", font), size: 16, color: heading }, x: 0 },
    legend: { font: { size: 12, color: text }, title: { font: { size: 12, color: text } } },
    paper_bgcolor: background,
    plot_bgcolor: background,
    xaxis: {
      gridcolor: grid, zerolinecolor: grid, tickcolor: grid, automargin: true,
      tickfont: { color: text, size: 12 }, title: { font: { color: text, size: 14 } },
    },
    yaxis: {
      gridcolor: grid, zerolinecolor: grid, tickcolor: grid, automargin: true,
      tickfont: { color: text, size: 12 }, title: { font: { color: text, size: 14 } },
    },
    hoverlabel: { bgcolor: background, bordercolor: border, font: { color: text, size: 12 } },
    margin: { pad: 8, l: 0, r: 0 },
  };
};

// A selection as st.plotly_chart reports it: {selection: {points, point_indices, box, lasso}},
// each point's keys in snake_case and without Plotly's internal objects.
const snake = (key) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const plain = (value) =>
  value === null || ["string", "number", "boolean"].includes(typeof value) ||
  (Array.isArray(value) && value.every((v) => v === null || typeof v !== "object"));
const POINT_KEYS = ["curveNumber", "pointNumber", "pointIndex", "pointIndices", "x", "y", "z",
  "lat", "lon", "location", "customdata", "label", "value", "id", "parent", "text", "hovertext"];

const pointOf = (point) => {
  const out = {};
  for (const key of POINT_KEYS) if (key in point && plain(point[key])) out[snake(key)] = point[key];
  if (point.data?.legendgroup) out.legendgroup = point.data.legendgroup;
  return out;
};

const selectionOf = (event, modes) => {
  const selection = { points: [], point_indices: [], box: [], lasso: [] };
  const indices = new Set();
  for (const point of event?.points ?? []) {
    selection.points.push(pointOf(point));
    if (typeof point.pointIndex === "number") indices.add(point.pointIndex);
    for (const index of point.pointIndices ?? []) indices.add(index);
  }
  for (const shape of event?.selections ?? []) {
    if (shape.type === "rect" && "x0" in shape) {
      selection.box.push({ xref: shape.xref, yref: shape.yref, x: [shape.x0, shape.x1],
        y: [shape.y0, shape.y1] });
    } else if (shape.type === "path" && shape.path) {
      const corners = shape.path.replace("M", "").replace("Z", "").split("L");
      const xy = corners.map((c) => c.split(",").map(Number));
      selection.lasso.push({ xref: shape.xref, yref: shape.yref, x: xy.map((p) => p[0]),
        y: xy.map((p) => p[1]) });
    }
  }
  selection.point_indices = [...indices];
  if ((selection.box.length && !modes.includes("box")) ||
      (selection.lasso.length && !modes.includes("lasso"))) return null;
  return { selection };
};

const EMPTY = { selection: { points: [], point_indices: [], box: [], lasso: [] } };
const DEFAULT_HEIGHT = 450; // Plotly's, and st.plotly_chart's

// As st.plotly_chart does for a selectable chart: clicks select, the first drag tool chosen.
const selectionLayout = (layout, modes) => {
  if (!modes.length) return layout;
  const points = modes.includes("points");
  const dragmode = layout.dragmode ??
    (points ? "pan" : modes.includes("box") ? "select" : modes.includes("lasso") ? "lasso" : "pan");
  const clickmode = layout.clickmode ??
    (dragmode === "select" || dragmode === "lasso" ? "event" : points ? "event+select" : "none");
  return { ...layout, dragmode, clickmode, hovermode: layout.hovermode ?? "closest" };
};

const modebar = (config, modes) => {
  const remove = [...(config.modeBarButtonsToRemove ?? [])];
  if (!modes.includes("lasso")) remove.push("lasso2d");
  if (!modes.includes("box")) remove.push("select2d");
  remove.push("sendChartToCloud"); // Plotly.js 4's "Share chart": it would upload the figure
  return { displaylogo: false, ...config, modeBarButtonsToRemove: remove, responsive: true };
};

const listen = (plot, state) => {
  const report = (value) => {
    if (!value) return;
    const json = JSON.stringify(value);
    if (json === state.sent) return;
    state.sent = json;
    state.setStateValue("selection", value.selection);
  };
  plot.on("plotly_selected", (event) => report(selectionOf(event, state.modes)));
  plot.on("plotly_click", (event) => {
    const point = event?.points?.[0]; // a treemap tile: its id and parent, as Streamlit sends
    if (point?.id !== undefined && point.parent !== undefined) {
      report({ selection: { points: [pointOf(point)], point_indices: [point.pointNumber],
        box: [], lasso: [] } });
    }
  });
  plot.on("plotly_deselect", () => report(EMPTY));
  plot.on("plotly_doubleclick", () => report(EMPTY));
};

const decoder = new TextDecoder();

export default function ({ data: sent, parentElement, setStateValue }) {
  // One JSON document as bytes: the figure's JSON goes in as it is, not escaped as a string.
  const data = sent instanceof Uint8Array || sent instanceof ArrayBuffer
    ? JSON.parse(decoder.decode(sent)) : sent;
  if (!data.figure) { // components/preload.py: only start loading Plotly.js
    loadPlotly(data.bundle).catch((error) => console.error("kpop chart:", error));
    return undefined;
  }
  let plot = parentElement.querySelector(":scope > .kpop-plot");
  if (!plot) {
    plot = document.createElement("div");
    plot.className = "kpop-plot";
    plot.setAttribute("role", "figure");
    plot.__kpop = { turn: 0 };
    parentElement.appendChild(plot);
  }
  const state = plot.__kpop;
  const turn = ++state.turn;
  state.setStateValue = setStateValue;
  state.modes = data.modes ?? [];
  if (data.alt) plot.setAttribute("aria-label", data.alt);
  else plot.removeAttribute("aria-label");

  loadPlotly(data.bundle).then((Plotly) => {
    if (turn !== state.turn) return; // a newer figure came while the bundle loaded
    const figure = data.figure;
    const layout = figure.layout ?? {};
    const template = isObject(layout.template) ? layout.template : {};
    layout.template = { ...template, layout: merge(template.layout ?? {}, streamlitTheme(parentElement)) };
    const height = layout.height >= 10 ? layout.height : DEFAULT_HEIGHT;
    plot.style.height = `${height}px`;
    const drawn = {
      data: figure.data ?? [],
      layout: selectionLayout({ uirevision: "kept", ...layout, height, width: undefined,
        autosize: true }, state.modes),
      frames: figure.frames ?? undefined,
      config: modebar(data.config ?? {}, state.modes),
    };
    return Plotly.react(plot, drawn).then(() => {
      if (!state.listening) {
        state.listening = true;
        listen(plot, state);
        state.resize = new ResizeObserver(() => Plotly.Plots.resize(plot));
        state.resize.observe(plot);
      }
    });
  }).catch((error) => console.error("kpop chart:", error));

  return () => {
    state.resize?.disconnect();
    window.Plotly?.purge(plot);
  };
}
