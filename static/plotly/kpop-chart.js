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
      tickfont: { color: text, size: 12 },
      // clear of the tick labels: without a standoff, Plotly lets a title touch them
      title: { font: { color: text, size: 14 }, standoff: 12 },
    },
    yaxis: {
      gridcolor: grid, zerolinecolor: grid, tickcolor: grid, automargin: true,
      tickfont: { color: text, size: 12 },
      title: { font: { color: text, size: 14 }, standoff: 12 },
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

const modebar = (config, modes, buttons) => {
  const remove = [...(config.modeBarButtonsToRemove ?? [])];
  if (!modes.includes("lasso")) remove.push("lasso2d");
  if (!modes.includes("box")) remove.push("select2d");
  remove.push("sendChartToCloud"); // Plotly.js 4's "Share chart": it would upload the figure
  const added = {};
  if (buttons) { // our PNG and SVG buttons stand in for Plotly's camera
    remove.push("toImage");
    added.modeBarButtonsToAdd = buttons;
  }
  return { displaylogo: false, ...config, ...added, modeBarButtonsToRemove: remove,
    responsive: true };
};

// ---- Chart images that stand alone (OWID's downloads are the model) ----
// The image holds the chart's title and subtitle above it, and its source line and the
// illustrative-data mark below it, all in the page's language and the page's colours (a chart
// drawn for the dark theme is saved dark). It is composed, not drawn into the figure: Plotly
// exports the chart as it is (at the export size) into an SVG, which goes between our text, so
// nothing can overlap whatever the chart's margins and legend. PNG: that SVG rasterised at
// 1.5x, 1920x1080 (taller only for a chart taller than the slot). No request leaves the page.

const EXPORT = { width: 1280, height: 720, scale: 1.5, pad: 32, plotMargin: 8 };
const TEXT = {
  title: { size: 26, weight: 700, line: 1.25 },
  subtitle: { size: 17, weight: 400, line: 1.3 },
  source: { size: 14, weight: 400, line: 1.35 },
  mark: { size: 13, weight: 700 },
};

const xml = (text) => String(text).replace(/[&<>"']/g, (c) =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]);

let measuring = null;
// A text's width, the larger of the page's font and the generic one: the saved image is drawn
// without the page's web fonts, so it may fall back to a wider face.
const widthOf = (text, style, family) => {
  measuring ??= document.createElement("canvas").getContext("2d");
  let widest = 0;
  for (const face of [family, "sans-serif"]) {
    measuring.font = `${style.weight} ${style.size}px ${face}`;
    widest = Math.max(widest, measuring.measureText(text).width);
  }
  return widest;
};

// Lines of at most `width` (the first `first` wide), broken between words, or inside a word
// too long for a line.
const wrap = (text, style, family, width, first = width) => {
  const lines = [];
  let line = "";
  const room = () => (lines.length ? width : first);
  for (const word of String(text ?? "").split(/\s+/).filter(Boolean)) {
    const tried = line ? `${line} ${word}` : word;
    if (widthOf(tried, style, family) <= room()) { line = tried; continue; }
    if (line) lines.push(line);
    line = "";
    for (const char of word) {
      if (line && widthOf(line + char, style, family) > room()) { lines.push(line); line = ""; }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
};

// The page's font families without its web fonts: the image is drawn without them, so Plotly
// must lay the export out (automargin, label widths) with the faces the image will really use.
const unquote = (family) => family.trim().replace(/^["']|["']$/g, "");
const withoutWebFonts = (family) => {
  const web = new Set([...document.fonts].map((face) => unquote(face.family).toLowerCase()));
  const kept = String(family).split(",").filter((f) => !web.has(unquote(f).toLowerCase()));
  return kept.map((f) => f.trim()).join(", ") || "sans-serif";
};
const refont = (value) => {
  if (Array.isArray(value)) value.forEach(refont);
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "family" && typeof inner === "string") value[key] = withoutWebFonts(inner);
      else refont(inner);
    }
  }
  return value;
};

// The chart as drawn (its theme, zoom and selection), in the faces of the image.
const exportFigure = (plot) => {
  let copy;
  try {
    copy = structuredClone({ data: plot.data, layout: plot.layout });
  } catch (error) { // something the copy cannot hold: the chart as it is, in the page's faces
    console.warn("kpop chart: exporting the chart unchanged", error);
    return plot;
  }
  refont(copy);
  const margin = copy.layout.margin ?? {};
  if (!copy.layout.title?.text) copy.layout.margin = { ...margin, t: Math.min(margin.t ?? 32, 12) };
  return { ...copy, config: plot._context };
};

const rgb = (color) => { // any CSS colour as [r, g, b]
  measuring ??= document.createElement("canvas").getContext("2d");
  measuring.fillStyle = "#000";
  measuring.fillStyle = color;
  const value = measuring.fillStyle;
  if (value.startsWith("#")) return [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
  return value.match(/[\d.]+/g).slice(0, 3).map(Number);
};
const isDark = (color) => {
  const [r, g, b] = rgb(color);
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
};
const MARK_COLORS = { // Streamlit's orange and violet badges
  illustrative: { light: ["#FFA421", "#A34D00"], dark: ["#FFA421", "#FFBD45"] },
  uploaded: { light: ["#803DF5", "#6A2BD8"], dark: ["#9A5CFF", "#C6A4FF"] },
};

const textLines = (lines, style, x, top, color, family, extra = "") => lines.map((line, i) => {
  const y = top + style.size * style.line * i + style.size * (style.line - 1) / 2 + style.size * 0.8;
  return `<text x="${x}" y="${y.toFixed(1)}" font-family="${xml(family)}" font-size="${style.size}"` +
    ` font-weight="${style.weight}" fill="${color}"${extra}>${xml(line)}</text>`;
}).join("");

// The standalone SVG document and its size in CSS pixels.
const composeImage = async (Plotly, plot, meta) => {
  const full = plot._fullLayout;
  const background = full.paper_bgcolor || "#FFFFFF";
  const color = full.font?.color || "#31333F";
  const family = withoutWebFonts(full.font?.family || "sans-serif");
  const { width, pad } = EXPORT;
  const textWidth = width - 2 * pad;
  const title = wrap(meta.title, TEXT.title, family, textWidth);
  const subtitle = wrap(meta.subtitle, TEXT.subtitle, family, textWidth);
  const header = pad + title.length * TEXT.title.size * TEXT.title.line +
    (subtitle.length ? 4 + subtitle.length * TEXT.subtitle.size * TEXT.subtitle.line : 0) + 12;

  const mark = meta.mark ? {
    text: meta.mark,
    width: widthOf(meta.mark, TEXT.mark, family) + 16,
    colors: MARK_COLORS[meta.uploaded ? "uploaded" : "illustrative"][isDark(background) ? "dark" : "light"],
  } : null;
  const indent = mark ? mark.width + 10 : 0;
  const source = wrap(meta.source, TEXT.source, family, textWidth, textWidth - indent);
  const notes = (meta.notes ?? []).flatMap((note) => wrap(note, TEXT.source, family, textWidth));
  const footerLines = source.length + notes.length;
  const footer = 14 + Math.max(1, footerLines) * TEXT.source.size * TEXT.source.line + pad * 0.75;

  const shownHeight = full.height >= 10 ? full.height : DEFAULT_HEIGHT; // as drawn on screen
  const chartHeight = Math.max(EXPORT.height - header - footer, shownHeight);
  const height = Math.ceil(header + chartHeight + footer);
  const chartWidth = width - 2 * (pad - EXPORT.plotMargin); // its own margin lines up with the text
  const chart = await Plotly.toImage(exportFigure(plot), { format: "svg", width: chartWidth,
    height: Math.round(chartHeight), scale: 1, imageDataOnly: true });

  const muted = `fill-opacity="0.78"`;
  const footTop = header + chartHeight + 14;
  let footText = "";
  if (mark) {
    const [fill, ink] = mark.colors;
    const boxHeight = TEXT.mark.size + 9;
    const boxTop = footTop + (TEXT.source.size * TEXT.source.line - boxHeight) / 2;
    footText += `<rect x="${pad}" y="${boxTop.toFixed(1)}" width="${mark.width.toFixed(1)}" ` +
      `height="${boxHeight}" rx="4" fill="${fill}" fill-opacity="0.18"/>` +
      `<text x="${pad + 8}" y="${(boxTop + boxHeight / 2 + TEXT.mark.size * 0.35).toFixed(1)}" ` +
      `font-family="${xml(family)}" font-size="${TEXT.mark.size}" font-weight="700" ` +
      `fill="${ink}">${xml(mark.text)}</text>`;
  }
  footText += textLines(source.slice(0, 1), TEXT.source, pad + indent, footTop, color, family, ` ${muted}`);
  footText += textLines(source.slice(1).concat(notes), TEXT.source, pad,
    footTop + TEXT.source.size * TEXT.source.line, color, family, ` ${muted}`);

  const titleTop = pad;
  const subtitleTop = titleTop + title.length * TEXT.title.size * TEXT.title.line + 4;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
    `width="${width * EXPORT.scale}" height="${height * EXPORT.scale}" viewBox="0 0 ${width} ${height}">` +
    `<title>${xml(meta.title)}</title>` +
    `<rect width="${width}" height="${height}" fill="${background}"/>` +
    textLines(title, TEXT.title, pad, titleTop, color, family) +
    textLines(subtitle, TEXT.subtitle, pad, subtitleTop, color, family, ` ${muted}`) +
    chart.replace(/^<svg\b/, `<svg x="${pad - EXPORT.plotMargin}" y="${header.toFixed(1)}" overflow="visible"`) +
    footText + "</svg>";
  return { svg, width, height };
};

const rasterise = async ({ svg, width, height }) => {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * EXPORT.scale);
    canvas.height = Math.round(height * EXPORT.scale);
    canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no PNG"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
};

const save = (blob, name) => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 30_000);
};

const exportImage = async (plot, format) => {
  const state = plot.__kpop;
  const meta = state.export;
  if (!meta || state.exporting) return;
  state.exporting = true;
  try {
    const image = await composeImage(window.Plotly, plot, meta);
    const blob = format === "svg"
      ? new Blob([image.svg], { type: "image/svg+xml;charset=utf-8" })
      : await rasterise(image);
    save(blob, `${meta.filename || "chart"}.${format}`);
  } catch (error) {
    console.error("kpop chart: image export failed", error);
  } finally {
    state.exporting = false;
  }
};

// A 24x24 "download" glyph for the SVG button (the PNG button keeps Plotly's camera).
const DOWNLOAD_ICON = { width: 24, height: 24,
  path: "M11 3h2v9.2l3.6-3.6L18 10l-6 6-6-6 1.4-1.4 3.6 3.6V3zM4 18h16v2H4z" };

// Made once per chart: Plotly.react compares the config's buttons by identity, and new ones
// would make it draw the chart again from scratch. Their titles follow the language.
const exportButtons = (Plotly, state, labels) => {
  const key = JSON.stringify(labels);
  if (state.buttons && state.buttonsKey === key) return state.buttons;
  state.buttonsKey = key;
  state.buttons = [
    { name: "kpopPng", title: labels.png, icon: Plotly.Icons.camera,
      click: (gd) => exportImage(gd, "png") },
    { name: "kpopSvg", title: labels.svg, icon: DOWNLOAD_ICON,
      click: (gd) => exportImage(gd, "svg") },
  ];
  return state.buttons;
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
  state.export = data.export ?? null;
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
      config: modebar(data.config ?? {}, state.modes,
        data.export ? exportButtons(Plotly, state, data.export.labels) : null),
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
