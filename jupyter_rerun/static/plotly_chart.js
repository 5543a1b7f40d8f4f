// jr.plotly_chart (jupyter_rerun/widgets/plotly.py): a Plotly figure drawn by plotly.js.
// plotly.js is the kernel's one ScriptLibrary model (`lib`), loaded once for the page.
// Numeric arrays arrive as Plotly's typed-array form with raw bytes: {dtype, bdata: DataView,
// shape}. A new figure is drawn into the same plot with Plotly.react. With selections on,
// the user's selection goes back as Streamlit's selection state, tagged with the revision
// (digest) of the figure it was made on.

const TYPED = {
  f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array,
  i2: Int16Array, u2: Uint16Array, i1: Int8Array, u1: Uint8Array,
};

function reshape(flat, dims) {
  if (dims.length < 2) return flat;
  const [count, ...rest] = dims;
  const size = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, (_, i) => reshape(flat.subarray(i * size, (i + 1) * size), rest));
}

function typedArray({ dtype, bdata, shape }) {
  // copied out of the message's buffer: a typed array must start at a multiple of its size
  const bytes = bdata.buffer.slice(bdata.byteOffset, bdata.byteOffset + bdata.byteLength);
  const dims = shape === undefined ? [] : String(shape).split(",").map(Number);
  return reshape(new TYPED[dtype](bytes), dims);
}

function revive(value) { // a fresh copy (plotly.js writes into what it is given)
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== "object" || value instanceof DataView) return value;
  if (value.bdata instanceof DataView && typeof value.dtype === "string") return typedArray(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
}

// -- Streamlit's selection state ------------------------------------------------------------
const snake = (key) => key.replace(/\./g, "_").replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function plain(value) { // JSON-ready, with snake_case keys, as Streamlit sends it
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), plain(v)]));
}

const DROPPED = new Set(["data", "fullData", "xaxis", "yaxis", "bbox"]);

function selectedPoint(point) {
  const kept = Object.fromEntries(Object.entries(point).filter(([k]) => !DROPPED.has(k) && !k.startsWith("_")));
  if (point.data && point.data.legendgroup) kept.legendgroup = point.data.legendgroup;
  return plain(kept);
}

function selectionState(event, modes) {
  const state = { points: [], point_indices: [], box: [], lasso: [] };
  const indices = new Set();
  for (const point of (event && event.points) || []) {
    state.points.push(selectedPoint(point));
    if (point.pointIndex !== undefined && point.pointIndex !== null) indices.add(point.pointIndex);
    for (const index of point.pointIndices || []) indices.add(index); // a histogram bar's points
  }
  state.point_indices = [...indices];
  for (const shape of (event && event.selections) || []) {
    const area = { xref: shape.xref, yref: shape.yref };
    if (shape.type === "rect") state.box.push({ ...area, x: [shape.x0, shape.x1], y: [shape.y0, shape.y1] });
    if (shape.type === "path" && shape.path) {
      const corners = shape.path.replace("M", "").replace("Z", "").split("L").map((p) => p.split(",").map(Number));
      state.lasso.push({ ...area, x: corners.map((c) => c[0]), y: corners.map((c) => c[1]) });
    }
  }
  if ((state.box.length && !modes.includes("box")) || (state.lasso.length && !modes.includes("lasso"))) {
    return null; // a selection of a kind this chart does not take
  }
  return state;
}

function clickState(event) { // treemap and sunburst charts select by click
  const point = event && event.points && event.points[0];
  if (!point || point.id === undefined || point.parent === undefined) return null;
  const fields = ["label", "id", "parent", "value", "currentPath", "percentRoot", "percentEntry",
    "percentParent", "pointNumber", "curveNumber"];
  return {
    points: [plain(Object.fromEntries(fields.map((f) => [f, point[f]])))],
    point_indices: point.pointNumber === undefined ? [] : [point.pointNumber], box: [], lasso: [],
  };
}

// -- the figure as this chart draws it -------------------------------------------------------
function streamlitLayout(layout) {
  // Streamlit's charts are compact: small margins that grow to fit the axes' labels
  // (Plotly's own leave 80-100 px on each side). What the figure sets itself stays.
  const title = layout.title && (typeof layout.title === "string" || layout.title.text);
  layout.margin = { t: title ? 48 : 16, r: 8, b: 8, l: 8, pad: 0, ...(layout.margin || {}) };
  const axes = Object.keys(layout).filter((key) => /^[xy]axis\d*$/.test(key));
  for (const key of new Set(["xaxis", "yaxis", ...axes])) {
    layout[key] = { automargin: true, ...(layout[key] || {}) };
  }
}

function figureOf(model) {
  const figure = revive(model.get("figure"));
  const layout = (figure.layout ??= {});
  const config = { displaylogo: false, responsive: true, ...model.get("config") };
  const width = model.get("width");
  layout.height = model.get("height");
  if (width === "stretch") { delete layout.width; layout.autosize = true; } else layout.width = width;
  if (model.get("theme") === "streamlit") streamlitLayout(layout);
  const modes = model.get("selection_modes");
  if (modes.length) {
    layout.clickmode ??= modes.includes("points") ? "event+select" : "event";
    layout.hovermode ??= "closest";
    layout.dragmode ??= modes.includes("box") ? "select" : modes.includes("lasso") ? "lasso" : "zoom";
    const removed = [!modes.includes("box") && "select2d", !modes.includes("lasso") && "lasso2d"];
    config.modeBarButtonsToRemove = [...(config.modeBarButtonsToRemove || []), ...removed.filter(Boolean)];
  }
  return { data: figure.data || [], layout, frames: figure.frames || [], config };
}

function size(model, box) {
  const width = model.get("width");
  box.style.width = width === "stretch" ? "100%" : `${width}px`;
  box.style.maxWidth = "100%";
  box.style.height = `${model.get("height")}px`;
}

async function render({ model, el, host }) {
  el.classList.add("jr-plotly");
  const plot = document.createElement("div");
  plot.className = "jr-plotly-plot";
  el.replaceChildren(plot);
  size(model, plot); // the chart's space is kept while plotly.js loads
  const label = () => (model.get("alt") ? plot.setAttribute("aria-label", model.get("alt")) : plot.removeAttribute("aria-label"));
  label();
  const library = await host.getWidget(model.get("lib"));
  const Plotly = await library.exports.load();
  const tagged = (selection) => JSON.stringify([selection.revision, selection.state]);
  const send = (state) => { // only a change of the selection: each one reruns the cell
    const selection = { revision: model.get("revision"), state };
    const held = model.get("selection");
    if (state === null || tagged(selection) === tagged(held)) return;
    const nothing = (s) => !s || !(s.points.length || s.box.length || s.lasso.length);
    if (nothing(state) && (held.revision !== selection.revision || nothing(held.state))) return;
    model.set("selection", selection);
    model.save_changes();
  };
  const draw = async () => {
    size(model, plot);
    await Plotly.react(plot, figureOf(model));
    plot.dataset.revision = model.get("revision"); // painted: what tests wait for
  };
  await draw();
  const modes = () => model.get("selection_modes");
  plot.on("plotly_selected", (event) => modes().length && event && send(selectionState(event, modes())));
  plot.on("plotly_deselect", () => modes().length && send(selectionState(null, modes())));
  plot.on("plotly_click", (event) => modes().includes("points") && send(clickState(event)));
  model.on("change:figure change:width change:height change:config change:selection_modes", draw);
  model.on("change:alt", label);
  // a chart drawn while hidden (a closed tab or expander) gets its size when it shows
  const resized = new ResizeObserver(() => plot.isConnected && plot.offsetWidth && Plotly.Plots.resize(plot));
  resized.observe(plot);
  return () => {
    resized.disconnect();
    model.off("change:figure change:width change:height change:config change:selection_modes", draw);
    model.off("change:alt", label);
    Plotly.purge(plot);
  };
}

export default { render };
