// jupyter_rerun's data grid, part 1 of 2: decoding the kernel's binary windows, formatting
// numbers and dates as Streamlit's column_config asks, and drawing each column type into a
// cell. widgets/grid.py joins this file and grid.js into the one module of the page's
// GridLibrary model; grid.js is the grid itself.
const BLOCK = 128, CACHE_BLOCKS = 300, MAX_INFLIGHT = 3, MARGIN = 64, MAX_PX = 15e6;
const HEAD = 35, MARKER = 36, DEFAULT_ROW = 35, AUTO_ROWS = 10, CONTENT_MAX = 10000;
const COLORS = { red: "#ff4b4b", blue: "#1c83e1", green: "#21c354", yellow: "#faca2b",
  orange: "#ffa421", violet: "#803df5", gray: "#808495", grey: "#808495", primary: "#ff4b4b" };

/* ---------------------------------------------------------------- decoding windows */
const utf8 = new TextDecoder();
const typed = (C, view) => view.byteOffset % C.BYTES_PER_ELEMENT === 0
  ? new C(view.buffer, view.byteOffset, view.byteLength / C.BYTES_PER_ELEMENT)
  : new C(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));

function decodeWindow(specs, n, buffers) {  // -> {pos, cols: [{mask, values}]}
  let b = 0;
  const pos = typed(Int32Array, buffers[b++]);
  const cols = specs.map((spec) => {
    const mask = typed(Uint8Array, buffers[b++]);
    if (spec.wire === "f8" || spec.wire === "ms") return { mask, values: typed(Float64Array, buffers[b++]) };
    if (spec.wire === "i8") return { mask, values: typed(BigInt64Array, buffers[b++]) };
    if (spec.wire === "bool") return { mask, values: typed(Uint8Array, buffers[b++]) };
    const offsets = typed(Int32Array, buffers[b++]), data = typed(Uint8Array, buffers[b++]);
    const values = new Array(n);
    for (let i = 0; i < n; i++) values[i] = utf8.decode(data.subarray(offsets[i], offsets[i + 1]));
    return { mask, values };
  });
  return { pos, cols };
}

function sliceBlock(win, from, to) {
  return { pos: win.pos.subarray(from, to),
    cols: win.cols.map((c) => ({ mask: c.mask.subarray(from, to), values: c.values.slice(from, to) })) };
}

function nativeAt(spec, col, i) {  // the cell's value as a JS value (null when missing)
  if (col.mask[i]) return null;
  const v = col.values[i];
  if (spec.wire === "i8") return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (spec.wire === "bool") return v === 1;
  if (spec.wire === "json") {
    col.parsed ??= new Array(col.values.length);
    if (col.parsed[i] === undefined) { try { col.parsed[i] = JSON.parse(v); } catch { col.parsed[i] = v; } }
    return col.parsed[i];
  }
  return v;
}

/* ---------------------------------------------------------------- formatting */
const nf = (options) => new Intl.NumberFormat("en-US", options);
const NAMED = {
  plain: (v) => String(v),
  localized: (v) => nf({ maximumFractionDigits: 20 }).format(v),
  dollar: (v, d) => nf({ style: "currency", currency: "USD", ...digits(d, 2) }).format(v),
  euro: (v, d) => nf({ style: "currency", currency: "EUR", ...digits(d, 2) }).format(v),
  yen: (v, d) => nf({ style: "currency", currency: "JPY", ...digits(d, 0) }).format(v),
  percent: (v, d) => nf({ style: "percent", ...digits(d, 2), useGrouping: false }).format(v),
  compact: (v) => nf({ notation: "compact", maximumFractionDigits: 1 }).format(v),
  scientific: (v) => nf({ notation: "scientific", maximumFractionDigits: 3 }).format(v),
  engineering: (v) => nf({ notation: "engineering", maximumFractionDigits: 3 }).format(v),
  accounting: (v, d) => { const s = nf(digits(d, 2)).format(Math.abs(v)); return v < 0 ? `(${s})` : s; },
  bytes: (v) => bytes(v),
  duration: (v) => duration(v),
};
function digits(step, fallback) {
  const d = step == null ? fallback : decimals(step);
  return { minimumFractionDigits: d, maximumFractionDigits: d };
}
const decimals = (step) => { const s = String(step); return s.includes(".") ? s.split(".")[1].length : 0; };
function bytes(v) {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${i ? v.toFixed(1).replace(/\.0$/, "") : v}${units[i]}`;
}
function duration(seconds) {
  if (seconds === 0) return "0s";
  const parts = [], sign = seconds < 0 ? "-" : "";
  let s = Math.abs(seconds);
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]]) {
    if (s >= size) { parts.push(Math.floor(s / size) + unit); s %= size; }
  }
  if (s) parts.push(`${+s.toFixed(3)}s`);
  return sign + parts.join(" ");
}

function printf(format, v) {  // the first %-specifier of `format` applied to v; "%%" is "%"
  let used = false;
  return format.replace(/%%|%([-+ 0,]*)(\d+)?(?:\.(\d+))?([diufFeEgGsxXo])/g, (m, flags, width, prec, conv) => {
    if (m === "%%") return "%";
    if (used) return m;
    used = true;
    let s;
    const p = prec === undefined ? undefined : +prec;
    if ("diu".includes(conv)) s = String(Math.trunc(v));
    else if ("fF".includes(conv)) s = v.toFixed(p ?? 6);
    else if ("eE".includes(conv)) s = v.toExponential(p ?? 6);
    else if ("gG".includes(conv)) s = String(+v.toPrecision(p || 6));
    else if ("xXo".includes(conv)) s = Math.trunc(v).toString(conv === "o" ? 8 : 16);
    else s = String(v);
    if ("EGX".includes(conv)) s = s.toUpperCase();
    if (flags.includes(",")) s = s.replace(/^(-?)(\d+)/, (_x, sign, int) => sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ","));
    if (flags.includes("+") && v >= 0) s = "+" + s;
    if (width && s.length < +width) s = flags.includes("-") ? s.padEnd(+width) : s.padStart(+width, flags.includes("0") ? "0" : " ");
    return s;
  });
}

function formatNumber(v, format, step, kind) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v !== "number") return String(v);
  if (kind === "timedelta" && (!format || format === "duration")) return duration(v);
  if (format && NAMED[format]) return NAMED[format](v, step);
  if (format) return printf(format, v);
  if (step != null) return v.toFixed(decimals(step));
  if (Number.isInteger(v)) return String(v);
  return String(+v.toFixed(4));
}

const pad = (n, w = 2) => String(n).padStart(w, "0");
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ordinal = (n) => n + (["th", "st", "nd", "rd"][(n % 100 > 10 && n % 100 < 14) ? 0 : n % 10] || "th");
function moment(ms, pattern) {  // a momentJS pattern, on the wall-clock time `ms` (as UTC)
  const d = new Date(ms), h = d.getUTCHours();
  const tokens = { YYYY: () => d.getUTCFullYear(), YY: () => pad(d.getUTCFullYear() % 100),
    MMMM: () => MONTHS[d.getUTCMonth()], MMM: () => MONTHS[d.getUTCMonth()].slice(0, 3),
    MM: () => pad(d.getUTCMonth() + 1), M: () => d.getUTCMonth() + 1, Do: () => ordinal(d.getUTCDate()),
    DD: () => pad(d.getUTCDate()), D: () => d.getUTCDate(), dddd: () => DAYS[d.getUTCDay()],
    ddd: () => DAYS[d.getUTCDay()].slice(0, 3), HH: () => pad(h), H: () => h,
    hh: () => pad(h % 12 || 12), h: () => h % 12 || 12, mm: () => pad(d.getUTCMinutes()),
    m: () => d.getUTCMinutes(), ss: () => pad(d.getUTCSeconds()), s: () => d.getUTCSeconds(),
    SSS: () => pad(d.getUTCMilliseconds(), 3), A: () => (h < 12 ? "AM" : "PM"), a: () => (h < 12 ? "am" : "pm") };
  return pattern.replace(/\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a/g,
    (token, literal) => (literal !== undefined ? literal : String(tokens[token]())));
}
const DEFAULT_DATE = { datetime: "YYYY-MM-DD HH:mm:ss", date: "YYYY-MM-DD", time: "HH:mm:ss" };
function formatDate(ms, format, type) {
  if (!format) return moment(ms, DEFAULT_DATE[type] || DEFAULT_DATE.datetime);
  const d = new Date(ms);
  if (format === "iso8601") return type === "time" ? d.toISOString().slice(11, 23) : type === "date" ? d.toISOString().slice(0, 10) : d.toISOString();
  if (format === "localized") {
    const options = { timeZone: "UTC", ...(type === "date" ? { dateStyle: "medium" } : type === "time" ? { timeStyle: "medium" } : { dateStyle: "medium", timeStyle: "medium" }) };
    return new Intl.DateTimeFormat("en-US", options).format(d);
  }
  if (format === "distance") return distance(ms);
  if (format === "calendar") return calendar(ms);
  return moment(ms, format);
}
function distance(ms) {
  const now = Date.now() - new Date().getTimezoneOffset() * 60000, diff = (ms - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });
  for (const [unit, size] of [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]]) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return Math.abs(diff) < 45 ? (diff < 0 ? "a few seconds ago" : "in a few seconds") : rtf.format(Math.round(diff), "second");
}
function calendar(ms) {
  const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60000) / 86400000);
  const day = Math.floor(ms / 86400000), time = moment(ms, "h:mm A");
  const near = { 0: "Today", [-1]: "Yesterday", 1: "Tomorrow" }[day - today];
  if (near) return `${near} at ${time}`;
  if (Math.abs(day - today) < 7) return `${day < today ? "Last " : ""}${moment(ms, "dddd")} at ${time}`;
  return moment(ms, "MM/DD/YYYY");
}

/* ---------------------------------------------------------------- drawing cells */
const node = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const safeUrl = (url) => typeof url === "string" && /^(https?:|mailto:|data:image\/|\/|\.|#)/i.test(url.trim());
function chartColor(color, rising) {
  if (color === "auto") return rising ? COLORS.green : COLORS.red;
  if (color === "auto-inverse") return rising ? COLORS.red : COLORS.green;
  return COLORS[color] || color || COLORS.primary;
}
function sparkline(values, type, config, width, height) {
  const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width); svg.setAttribute("height", height);
  svg.setAttribute("class", "jr-g-spark");
  const ys = (Array.isArray(values) ? values : []).map(Number).filter((v) => Number.isFinite(v));
  if (!ys.length) return svg;
  const lo = config.y_min ?? Math.min(...ys), hi = config.y_max ?? Math.max(...ys), span = hi - lo || 1;
  const color = chartColor(config.color, ys[ys.length - 1] >= ys[0]);
  const x = (i) => (ys.length === 1 ? width / 2 : (i / (ys.length - 1)) * (width - 2) + 1);
  const y = (v) => height - 2 - ((Math.min(hi, Math.max(lo, v)) - lo) / span) * (height - 4);
  const add = (tag, attrs) => { const n = svg.appendChild(document.createElementNS(ns, tag)); for (const k in attrs) n.setAttribute(k, attrs[k]); };
  if (type === "bar_chart") {
    const w = Math.max(1, (width - 2) / ys.length - 1);
    ys.forEach((v, i) => add("rect", { x: 1 + i * (w + 1), y: y(v), width: w, height: Math.max(1, height - 2 - y(v)), fill: color }));
    return svg;
  }
  const points = ys.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  if (type === "area_chart") add("polygon", { points: `${x(0)},${height - 1} ${points} ${x(ys.length - 1)},${height - 1}`, fill: color, "fill-opacity": 0.25 });
  add("polyline", { points, fill: "none", stroke: color, "stroke-width": 1.5 });
  return svg;
}
function linkText(url, display) {
  if (!display) return url;
  if (display.includes("(")) {
    try { const m = new RegExp(display).exec(url); if (m) return m[1] ?? m[0]; } catch { /* not a regex */ }
  }
  return display;
}
function optionLabel(spec, value) {
  const option = (spec.options || []).find((o) => o.value === value);
  return option && option.label != null ? option.label : String(value);
}
function chips(cell, spec, values) {
  const list = Array.isArray(values) ? values : [values];
  for (const v of list) {
    const option = (spec.options || []).find((o) => o.value === v);
    const chip = cell.appendChild(node("span", "jr-g-chip", option?.label ?? String(v)));
    const color = option?.color && option.color !== "auto" ? COLORS[option.color] || option.color : null;
    if (color) Object.assign(chip.style, { background: `color-mix(in srgb, ${color} 16%, transparent)`, color });
  }
}
function markdown(cell, text) {  // **bold**, *italics*, `code`, [links](url); the rest as text
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0, m;
  while ((m = re.exec(text))) {
    cell.append(text.slice(last, m.index));
    if (m[1]) cell.append(node("b", "", m[1]));
    else if (m[2]) cell.append(node("i", "", m[2]));
    else if (m[3]) cell.append(node("code", "", m[3]));
    else if (safeUrl(m[5])) { const a = cell.appendChild(node("a", "", m[4])); a.href = m[5]; a.target = "_blank"; a.rel = "noopener"; }
    else cell.append(m[4]);
    last = re.lastIndex;
  }
  cell.append(text.slice(last));
}
function drawValue(cell, spec, v, width, rowHeight) {  // fills `cell` with a non-null value
  const c = spec.config || {};
  switch (spec.type) {
    case "number": cell.textContent = formatNumber(v, c.format, c.step, spec.kind); return;
    case "checkbox": cell.appendChild(node("span", v ? "jr-g-check jr-g-check-on" : "jr-g-check")); return;
    case "selectbox": cell.textContent = optionLabel(spec, v); return;
    case "multiselect": case "list": chips(cell, spec, v); return;
    case "date": case "time": case "datetime":
      cell.textContent = typeof v === "number" ? formatDate(v, c.format, spec.type) : String(v); return;
    case "link": {
      const a = cell.appendChild(node("a", "jr-g-link", linkText(String(v), c.display_text)));
      if (safeUrl(String(v))) { a.href = String(v); a.target = "_blank"; a.rel = "noopener"; }
      return;
    }
    case "image": {
      if (!safeUrl(String(v))) { cell.textContent = String(v); return; }
      const img = cell.appendChild(node("img", "jr-g-image")); img.src = String(v); img.style.maxHeight = rowHeight - 6 + "px";
      return;
    }
    case "line_chart": case "bar_chart": case "area_chart":
      cell.appendChild(sparkline(v, spec.type, c, width - 16, rowHeight - 10)); return;
    case "progress": {
      const lo = c.min_value ?? 0, hi = c.max_value ?? 100, f = Math.max(0, Math.min(1, (Number(v) - lo) / (hi - lo || 1)));
      const bar = cell.appendChild(node("span", "jr-g-progress")), fill = bar.appendChild(node("span", "jr-g-progress-fill"));
      fill.style.width = f * 100 + "%";
      fill.style.background = chartColor(c.color === "auto" || c.color === "auto-inverse" ? c.color : c.color, f >= 0.5);
      cell.appendChild(node("span", "jr-g-progress-label", formatNumber(Number(v), c.format, c.step ?? (Number.isInteger(Number(v)) ? null : 0.01), "")));
      return;
    }
    case "json": cell.textContent = typeof v === "string" ? v : JSON.stringify(v); return;
    case "markdown": markdown(cell, String(v)); return;
    case "audio": case "video": {
      const a = cell.appendChild(node("a", "jr-g-link", "▶ " + String(v).split("/").pop()));
      if (safeUrl(String(v))) { a.href = String(v); a.target = "_blank"; a.rel = "noopener"; }
      return;
    }
    case "button": cell.appendChild(node("button", "jr-g-button", String(v))); return;
    default:
      cell.textContent = typeof v === "number" ? formatNumber(v, c.format, c.step, spec.kind)
        : typeof v === "object" ? JSON.stringify(v) : String(v);
  }
}

/* ---------------------------------------------------------------- edited values */
function fromIso(type, s) {  // an edited date/time (ISO text) as wall-clock ms
  if (typeof s !== "string") return s;
  if (type === "time") { const [h, m, sec] = s.split(":").map(Number); return ((h * 60 + m) * 60 + (sec || 0)) * 1000; }
  const t = Date.parse(type === "date" ? s.slice(0, 10) + "T00:00:00Z" : s.replace(" ", "T") + (/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? "" : "Z"));
  return Number.isNaN(t) ? s : t;
}
function toIso(type, ms) {
  if (typeof ms !== "number") return ms ?? "";
  const iso = new Date(ms).toISOString();
  return type === "date" ? iso.slice(0, 10) : type === "time" ? iso.slice(11, 19) : iso.slice(0, 19);
}
const isTemporal = (spec) => spec.type === "date" || spec.type === "time" || spec.type === "datetime";
const displayValue = (spec, v) => (v != null && isTemporal(spec) ? fromIso(spec.type, v) : v);
