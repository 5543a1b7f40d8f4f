// A Vega-Lite chart (jupyter_rerun.widgets.vega.VegaChart). Vega, Vega-Lite and vega-embed
// come from the kernel's one VegaLibrary model (its exports' load()); this module is only the glue.
//
// model traits: spec (Vega-Lite, no data), datasets {name: {digest, rows, columns}}, where
// each column is {name, kind, values: DataView, labels?, offsets?} (kinds: ui/vega_data.py);
// theme, width, height, description, land, selection_mode; selection (set here when the
// user selects).
// A change of datasets swaps the data into the same Vega view; anything else re-embeds.

const DEBOUNCE_MS = 150; // selections: one message per gesture, as Streamlit's front end
const SVG_MAX_POINTS = 2000; // above this, canvas (as Streamlit)
const BOTTOM_PADDING = 20; // Streamlit's: keeps the x axis labels from being cropped
const LAND = "jr-land"; // the map layer the land outline goes into
const COLORS = { // Streamlit's built-in colour names (color="red" ...) to its palette
  red: "#ff4b4b", orange: "#ffa421", yellow: "#ffe312", green: "#21c354", blue: "#1c83e1",
  violet: "#803df5", gray: "#a3a8b8", grey: "#a3a8b8", primary: "#ff4b4b",
};
const CATEGORY_LIGHT = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1",
  "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"];
const CATEGORY_DARK = ["#83c9ff", "#0068c9", "#ffabab", "#ff2b2b", "#7defa1", "#29b09d",
  "#ffd16a", "#ff8700", "#6d3fc0", "#d5dae5"];
const SEQUENTIAL = ["#e4f5ff", "#c7ebff", "#a6dcff", "#83c9ff", "#60b4ff", "#3d9df3",
  "#1c83e1", "#0068c9", "#0054a3", "#004280"];
const DIVERGING = ["#7d353b", "#bd4043", "#ff4b4b", "#ff8c8c", "#ffc7c7", "#a6dcff",
  "#60b4ff", "#1c83e1", "#0054a3", "#004280"];

// -- data: column buffers -> row objects ---------------------------------------------
function typed(Kind, view) { // ipywidgets hands buffers as DataViews, maybe unaligned
  const bytes = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  return view.byteOffset % Kind.BYTES_PER_ELEMENT === 0
    ? new Kind(view.buffer, view.byteOffset, view.byteLength / Kind.BYTES_PER_ELEMENT)
    : new Kind(bytes);
}

function columnValues(column, n) {
  const out = new Array(n);
  if (column.kind === "number" || column.kind === "time") {
    const a = typed(Float64Array, column.values);
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(a[i]) ? null : a[i];
  } else if (column.kind === "wall-time") { // no timezone: shown as written (Vega shows local time)
    const a = typed(Float64Array, column.values);
    for (let i = 0; i < n; i++) out[i] = Number.isNaN(a[i]) ? null : a[i] + new Date(a[i]).getTimezoneOffset() * 60000;
  } else if (column.kind === "boolean") {
    const a = typed(Uint8Array, column.values);
    for (let i = 0; i < n; i++) out[i] = a[i] === 2 ? null : a[i] === 1;
  } else { // "text": codes into labels (utf-8, with offsets); -1 is missing
    const codes = typed(Int32Array, column.values);
    const offsets = typed(Int32Array, column.offsets);
    const utf8 = typed(Uint8Array, column.labels);
    const decoder = new TextDecoder();
    const labels = [];
    for (let k = 0; k + 1 < offsets.length; k++) labels.push(decoder.decode(utf8.subarray(offsets[k], offsets[k + 1])));
    for (let i = 0; i < n; i++) out[i] = codes[i] < 0 ? null : labels[codes[i]];
  }
  return out;
}

function rows(dataset) {
  const n = dataset.rows;
  const names = dataset.columns.map((c) => c.name);
  const columns = dataset.columns.map((c) => columnValues(c, n));
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = {};
    for (let j = 0; j < names.length; j++) row[names[j]] = columns[j][i];
    out[i] = row;
  }
  return out;
}

// -- spec: sizing, theme, selections, as Streamlit's front end prepares it -------------
function cssVar(el, name, fallback) {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function isDark() {
  return document.body.dataset.jpThemeLight === "false";
}

function themeConfig(el, streamlit) {
  const text = cssVar(el, "--jp-ui-font-color1", isDark() ? "#fafafa" : "#31333f");
  const muted = cssVar(el, "--jp-ui-font-color2", "#808495");
  const grid = cssVar(el, "--jp-border-color2", isDark() ? "#31333f" : "#e6eaf1");
  const font = cssVar(el, "--jp-ui-font-family", "sans-serif");
  const labels = { labelFont: font, titleFont: font, labelColor: muted, titleColor: muted };
  const base = {
    background: "transparent", font, mark: { tooltip: true },
    axis: { ...labels, gridColor: grid }, legend: { ...labels },
    title: { color: text, subtitleColor: muted, font }, header: { ...labels },
    view: { continuousHeight: 350, continuousWidth: 400, stroke: streamlit ? "transparent" : grid },
  };
  if (!streamlit) return base;
  return {
    ...base, fieldTitle: "verbal",
    title: { ...base.title, align: "left", anchor: "start", fontSize: 16, fontWeight: 600, offset: 26 },
    axis: { ...base.axis, labelFontSize: 12, titleFontSize: 14, titleFontWeight: "normal", ticks: false,
      domain: false, labelFlush: true, labelFlushOffset: 1, labelBound: false, labelLimit: 100,
      titlePadding: 16, labelPadding: 16, labelSeparation: 4, labelOverlap: true },
    legend: { ...base.legend, labelFontSize: 14, titleFontSize: 14, titleFontWeight: "normal",
      titlePadding: 5, labelPadding: 16, columnPadding: 8, rowPadding: 4, padding: 7, symbolStrokeWidth: 4 },
    range: { category: isDark() ? CATEGORY_DARK : CATEGORY_LIGHT, diverging: DIVERGING,
      ramp: SEQUENTIAL, heatmap: SEQUENTIAL },
    view: { ...base.view, strokeWidth: 0 }, concat: { columns: 1 }, facet: { columns: 1 },
    mark: { tooltip: true, color: isDark() ? "#83c9ff" : "#0068c9" },
    bar: { binSpacing: 4, discreteBandSize: { band: 0.85 } },
    axisDiscrete: { grid: false }, axisXPoint: { grid: false }, axisTemporal: { grid: false },
    axisXBand: { grid: false },
  };
}

function merged(base, over) { // the user's config wins; arrays are replaced, not merged
  if (!over || typeof over !== "object" || Array.isArray(over)) return over ?? base;
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) && base?.[k] ? merged(base[k], v) : v;
  }
  return out;
}

function namedColors(value, key) { // "red" in a colour slot -> Streamlit's red
  if (typeof value === "string") {
    return ["value", "color", "fill", "stroke"].includes(key) && COLORS[value] ? COLORS[value] : value;
  }
  if (Array.isArray(value)) return value.map((v) => namedColors(v, key === "range" ? "color" : key));
  if (value && typeof value === "object") {
    for (const k of Object.keys(value)) if (k !== "datasets") value[k] = namedColors(value[k], k);
  }
  return value;
}

function withSelections(spec) { // point selections resolve to fields, not row ids
  for (const param of spec.params ?? []) {
    if (typeof param.select === "string") param.select = { type: param.select };
    if (param.select?.type === "point" && param.select.encodings == null && spec.encoding) {
      param.select.encodings = Object.keys(spec.encoding);
    }
  }
}

function fitted(model, width) { // the chart's width in a column `width` wide; 0: its own
  const wanted = model.get("width");
  return wanted === "stretch" ? width : typeof wanted === "number" ? Math.min(wanted, width) : 0;
}

function prepared(model, el, width, land) {
  const spec = namedColors(structuredClone(model.get("spec")));
  for (const side of ["width", "height"]) {
    if (typeof spec[side] === "number" && spec[side] <= 0) delete spec[side];
  }
  const theme = themeConfig(el, model.get("theme") === "streamlit");
  spec.config = merged(theme, spec.config ?? {});
  if (typeof spec.title === "string") spec.title = { text: spec.title };
  if (spec.title) spec.title.limit ??= Math.max(width - 40, 0);
  const fit = fitted(model, width);
  if (fit > 0) {
    spec.width = fit;
    for (const child of spec.vconcat ?? []) {
      if (child && typeof child === "object" && !("hconcat" in child || "vconcat" in child || "concat" in child)) child.width = fit;
    }
  }
  if (typeof model.get("height") === "number") spec.height = model.get("height");
  spec.padding = typeof spec.padding === "object" ? spec.padding : spec.padding == null ? {} : spec.padding;
  if (typeof spec.padding === "object") spec.padding.bottom ??= BOTTOM_PADDING;
  if (model.get("selection_mode").length) withSelections(spec);
  if (model.get("description")) spec.description = model.get("description");
  spec.layer = spec.layer?.filter((layer) => layer.data?.name !== LAND || land);
  if (!spec.layer) delete spec.layer;
  for (const layer of spec.layer ?? []) {
    if (layer.data?.name === LAND) layer.data = { values: land, format: { type: "topojson", feature: "land" } };
  }
  return spec;
}

function debounce(wait, fn) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), wait); };
}

// -- the view: embed once, then swap data in place -----------------------------------
class Chart {
  constructor(model, el, libs) {
    Object.assign(this, { model, el, libs, result: null, width: 0, shown: {}, embedFor: null });
    this.embedNeeded = true;
    this.dataNeeded = false;
    this.fitNeeded = false;
    this.running = null;
  }

  request(what) { // "embed", "data" or "fit"
    this[`${what}Needed`] = true;
    this.running ??= this.drain().finally(() => { this.running = null; });
  }

  async drain() {
    await Promise.resolve(); // let the other changes of the same message arrive first
    while ((this.embedNeeded || this.dataNeeded || this.fitNeeded) && this.width > 0) {
      const started = performance.now();
      try {
        if (this.embedNeeded) await this.embed();
        else if (this.dataNeeded) await this.swapData();
        else await this.fit();
      } catch (error) {
        this.fail(error);
      }
      this.el.dataset.drawMs = String(Math.round(performance.now() - started)); // for benchmarks
    }
  }

  async embed() {
    this.embedNeeded = this.dataNeeded = this.fitNeeded = false;
    const land = this.model.get("land") ? await this.libs.land() : null;
    const spec = prepared(this.model, this.el, this.width, land);
    const datasets = this.model.get("datasets");
    spec.datasets = Object.fromEntries(Object.entries(datasets).map(([name, d]) => [name, rows(d)]));
    const points = Object.values(datasets).reduce((sum, d) => sum + d.rows * d.columns.length, 0);
    const embedOptions = spec.usermeta?.embedOptions ?? {};
    const kept = this.selectionState();
    this.result?.finalize();
    this.el.querySelector(".jr-vega-error")?.remove();
    this.result = await this.libs.vegaEmbed(this.el, spec, {
      mode: "vega-lite", actions: false, renderer: points > SVG_MAX_POINTS ? "canvas" : "svg",
      tooltip: { theme: isDark() ? "dark" : "light" }, ...embedOptions,
    });
    this.shown = Object.fromEntries(Object.entries(datasets).map(([name, d]) => [name, d.digest]));
    this.listen(kept);
    this.el.dataset.embeds = String(Number(this.el.dataset.embeds ?? 0) + 1);
  }

  async swapData() {
    this.dataNeeded = false;
    const view = this.result.view;
    for (const [name, dataset] of Object.entries(this.model.get("datasets"))) {
      if (this.shown[name] === dataset.digest) continue;
      view.data(name, rows(dataset));
      this.shown[name] = dataset.digest;
    }
    await view.resize().runAsync(); // new data may need room for longer axis labels
    this.el.dataset.updates = String(Number(this.el.dataset.updates ?? 0) + 1);
  }

  async fit() { // a new column width: the same view, resized (charts side by side: drawn again)
    this.fitNeeded = false;
    const spec = this.model.get("spec");
    if (!this.result) return this.embed();
    if (["vconcat", "hconcat", "concat", "facet", "repeat"].some((k) => k in spec)) return this.embed();
    await this.result.view.width(fitted(this.model, this.width)).resize().runAsync();
  }

  selectionState() { // kept across a re-embed, as Streamlit restores its view state
    const names = this.model.get("selection_mode").map((p) => `${p}_store`);
    if (!this.result || !names.length) return null;
    try {
      return this.result.view.getState({ signals: () => false, data: (n) => names.includes(n), recurse: false });
    } catch { return null; }
  }

  listen(kept) {
    const view = this.result.view;
    for (const param of this.model.get("selection_mode")) {
      view.addSignalListener(param, debounce(DEBOUNCE_MS, (name, value) => this.selected(name, value)));
    }
    if (kept) { try { view.setState(kept); } catch { /* a changed spec may not have them */ } }
  }

  selected(name, value) {
    const points = value && value.vlPoint && value.vlPoint.or;
    const current = this.model.get("selection")?.selection ?? {};
    const next = { selection: { ...current, [name]: (points ?? value) || {} } };
    if (JSON.stringify(next) === JSON.stringify(this.model.get("selection"))) return;
    this.model.set("selection", next);
    this.model.save_changes();
  }

  resized(width) {
    if (Math.abs(width - this.width) < 1) return;
    const first = this.width === 0;
    this.width = width;
    if (first) this.request("embed");
    else if (fitted(this.model, width) > 0) this.request("fit");
  }

  fail(error) {
    console.error("jupyter_rerun chart:", error);
    const box = this.el.querySelector(".jr-vega-error") ?? this.el.appendChild(document.createElement("div"));
    box.className = "jr-vega-error";
    box.textContent = `This chart could not be drawn: ${error?.message ?? error}`;
  }
}

async function render({ model, el, host }) {
  el.classList.add("jr-vega-chart");
  el.style.width = "100%";
  const libs = await (await host.getWidget(model.get("lib"))).exports.load();
  const chart = new Chart(model, el, libs);
  const again = () => chart.request("embed");
  const data = () => chart.request("data");
  for (const name of ["spec", "theme", "width", "height", "description", "land", "selection_mode"]) {
    model.on(`change:${name}`, again);
  }
  model.on("change:datasets", data);
  const resize = debounce(50, () => chart.resized(el.getBoundingClientRect().width));
  const observer = new ResizeObserver(resize);
  observer.observe(el);
  return () => {
    observer.disconnect();
    chart.result?.finalize();
  };
}

export default { render };
