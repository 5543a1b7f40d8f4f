// jupyter_rerun's data grid, part 2 of 2: the grid (jr.dataframe, jr.data_editor). Joined
// after grid_cells.js into the GridLibrary's module (widgets/grid.py).
//
// The kernel keeps the data; `frame` carries the columns and the first rows. We cache
// blocks of BLOCK rows, ask for the blocks the scroll position needs (model.send; replies
// come as binary buffers stamped with a version: an older version's are dropped), and draw
// only the visible rows, in a pool of row elements. A header click sorts in the kernel.
// Selections and edits go back as the `selection` and `edits` traits, in Streamlit's
// shapes; rows are named by their position in the original data, so they survive sorting.

const clone = (value) => JSON.parse(JSON.stringify(value ?? {}));
const RIGHT = new Set(["number", "progress"]);
const TEXT = { wire: "text" };
const STYLED_TEXT = new Set(["text", "number", "date", "time", "datetime", "selectbox"]);
const FIXED_WIDTH = { checkbox: 80, line_chart: 130, bar_chart: 130, area_chart: 130, image: 90,
  progress: 150, date: 110, time: 100, datetime: 170 };

function normalizedEdits(value) {
  const e = clone(value);
  return { edited_rows: e.edited_rows || {}, added_rows: e.added_rows || [], deleted_rows: e.deleted_rows || [] };
}

class Grid {
  constructor(model, root) {
    this.model = model;
    this.root = root;
    this.requests = 0;
    this.undo = [];
    this.listen(model, "change:frame", () => this.build());
    this.listen(model, "change:options", () => this.build());
    this.listen(model, "change:selection", () => { this.drawHeader(); this.paint(); });
    this.listen(model, "change:edits", () => { this.edits = normalizedEdits(model.get("edits")); this.resize(); this.paint(); });
    this.listen(model, "msg:custom", (msg, buffers) => this.receive(msg, buffers));
    const onKey = (e) => this.onKey(e);
    root.addEventListener("keydown", onKey);
    this.undo.push(() => root.removeEventListener("keydown", onKey));
    this.build();
  }

  listen(target, name, handler) {
    target.on(name, handler);
    this.undo.push(() => target.off(name, handler));
  }

  dispose() { this.undo.forEach((off) => off()); }

  /* ------------------------------------------------------------ building */
  build() {
    const frame = this.model.get("frame"), options = this.model.get("options");
    this.options = options;
    this.specs = frame.columns;
    this.extras = Array.from({ length: frame.extras || 0 }, () => TEXT);  // a Styler's text and CSS
    this.version = frame.version;
    this.nrows = frame.nrows;
    this.sort = frame.sort;
    this.edits = normalizedEdits(this.model.get("edits"));
    this.cache = new Map();
    this.inflight = new Map();
    this.marked = new Set();  // editor: rows checked for deletion ("p<pos>" or "a<i>")
    this.active = null;  // editor: {r, j}, the cell the keyboard works on
    this.rowH = options.row_height || DEFAULT_ROW;
    const first = frame.first, win = decodeWindow(this.specs.concat(this.extras), first.n, first.buffers);
    this.widths = this.measure(win, first.n);
    this.layout();
    this.ingest(first.start, first.n, win);
    this.drawHeader();
    this.paint();
  }

  get editor() { return this.options.editor || null; }
  get modes() { return this.options.selection || {}; }
  get canAdd() { return !!this.editor && ["dynamic", "add"].includes(this.editor.num_rows); }
  get canDelete() { return !!this.editor && ["dynamic", "delete"].includes(this.editor.num_rows); }
  get hasMarkers() { return !!this.modes.rows || this.canDelete; }
  total() { return this.nrows + this.edits.added_rows.length; }

  measure(win, n) {
    return this.specs.map((spec, j) => {
      if (spec.width) return spec.width;
      let chars = Math.max(spec.label.length + (spec.help ? 6 : 3), spec.chars || 0);
      for (let i = 0; i < Math.min(n, 100); i++) {
        const v = nativeAt(spec, win.cols[j], i);
        if (v != null && !FIXED_WIDTH[spec.type]) chars = Math.max(chars, this.textOf(spec, v).length);
      }
      const px = Math.ceil(chars * 8) + 20;
      return Math.max(FIXED_WIDTH[spec.type] || 60, Math.min(px, 400));
    });
  }

  textOf(spec, v) {
    const c = spec.config || {};
    if (spec.type === "number") return formatNumber(v, c.format, c.step, spec.kind);
    if (isTemporal(spec) && typeof v === "number") return formatDate(v, c.format, spec.type);
    if (spec.type === "selectbox") return String((spec.options || []).find((o) => o.value === v)?.label ?? v);
    if (Array.isArray(v)) return v.join("  ") + "  ".repeat(v.length);
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  }

  layout() {
    const root = this.root, o = this.options;
    root.textContent = "";
    this.pool = null;  // its rows went with the old DOM: resize() makes new ones
    root.className = "jr-grid" + (this.editor ? " jr-grid-editor" : "");
    root.tabIndex = 0;
    root.dataset.lmSuppressShortcuts = "true";  // JupyterLab: our keys are not notebook commands
    if (o.alt) root.setAttribute("aria-label", o.alt);
    this.columnsX = [];
    let x = this.hasMarkers ? MARKER : 0, pinned = x;
    this.specs.forEach((spec, j) => {
      this.columnsX.push(x);
      x += this.widths[j];
      if (spec.pinned) pinned = x;
    });
    this.innerW = x;
    this.pinnedW = pinned;
    root.style.width = typeof o.width === "number" ? `${o.width}px` : o.width === "content" ? `${x + 2}px` : "100%";
    root.style.maxWidth = "100%";
    this.toolbar = root.appendChild(node("div", "jr-grid-toolbar"));
    this.scroller = root.appendChild(node("div", "jr-grid-scroll"));
    this.head = this.scroller.appendChild(node("div", "jr-grid-head"));
    this.body = this.scroller.appendChild(node("div", "jr-grid-body"));
    this.rowsEl = this.body.appendChild(node("div", "jr-grid-rows"));
    this.spacer = this.scroller.appendChild(node("div", "jr-grid-spacer"));
    Object.assign(this.scroller.style, { overflow: "auto", position: "relative" });
    Object.assign(this.head.style, { position: "sticky", top: "0", zIndex: 3, height: `${HEAD}px`, width: `${x}px`, display: "flex" });
    // overflow "clip", not "hidden": the body must not be a scroll container, or the pinned
    // cells inside it would stick to it instead of to the scroller
    Object.assign(this.body.style, { position: "sticky", left: "0", top: `${HEAD}px`, overflow: "clip", width: `${x}px` });
    this.spacer.style.width = `${x}px`;
    if (this.canAdd) {
      const add = root.appendChild(node("button", "jr-grid-add", "+ Add row"));
      add.onclick = () => this.addRow();
    }
    this.buildHeader();
    this.resize();
    this.scroller.addEventListener("scroll", () => { this.closeEditor(true); this.paint(); }, { passive: true });
    this.body.addEventListener("click", (e) => this.onClick(e));
    this.body.addEventListener("dblclick", (e) => this.onDoubleClick(e));
  }

  place(cell, j) {  // a cell of a flex row: its width, and for pinned columns the sticky offset
    const w = j < 0 ? MARKER : this.widths[j];
    Object.assign(cell.style, { flex: "0 0 auto", width: `${w}px`, height: "100%", boxSizing: "border-box" });
    if (j < 0 || this.specs[j].pinned) {
      Object.assign(cell.style, { position: "sticky", left: `${j < 0 ? 0 : this.columnsX[j]}px`, zIndex: 1 });
      cell.classList.add("jr-g-pinned");
    }
  }

  buildHeader() {
    this.headCells = [];
    const row = this.head;
    if (this.hasMarkers) {
      const cell = row.appendChild(node("div", "jr-grid-cell jr-g-marker"));
      this.place(cell, -1);
      if (this.modes.rows === "multi") {
        cell.appendChild(node("span", "jr-g-check"));
        cell.onclick = () => this.selectAllRows();
      }
    }
    this.specs.forEach((spec, j) => {
      const cell = row.appendChild(node("div", "jr-grid-cell jr-g-head-cell"));
      this.place(cell, j);
      if (RIGHT.has(spec.type) || spec.alignment === "right") cell.classList.add("jr-g-right");
      if (spec.help) cell.title = spec.help;
      cell.onclick = (e) => this.onHeaderClick(j, e);
      this.headCells.push(cell);
    });
  }

  drawHeader() {
    const selected = new Set(this.selection().columns || []);
    this.specs.forEach((spec, j) => {
      const cell = this.headCells[j];
      cell.textContent = "";
      cell.appendChild(node("span", "jr-g-head-label", spec.label));
      if (spec.help) cell.appendChild(node("span", "jr-g-help", "?"));
      if (this.sort && this.sort.column === spec.source) cell.appendChild(node("span", "jr-g-sort", this.sort.ascending ? "↑" : "↓"));
      cell.classList.toggle("jr-g-selected", selected.has(spec.id));
      cell.classList.remove("jr-g-sorting");
    });
  }

  resize() {
    if (!this.scroller) return;
    const o = this.options, rows = this.total(), h = this.rowH;
    let height;
    if (typeof o.height === "number") height = o.height;
    else if (o.height === "content") height = Math.min(HEAD + rows * h + 2, CONTENT_MAX);
    else height = HEAD + Math.min(rows, AUTO_ROWS) * h + 2;
    height = Math.max(height, HEAD + h + 2);
    this.viewH = height - HEAD - 2;
    this.scaled = rows * h > MAX_PX;
    this.virtH = this.scaled ? MAX_PX : rows * h;
    this.scroller.style.height = `${height - 2}px`;
    this.body.style.height = `${this.viewH}px`;
    this.spacer.style.height = `${Math.max(0, this.virtH - this.viewH)}px`;
    const visible = Math.ceil(this.viewH / h) + 1;
    if (!this.pool || this.pool.length !== visible) this.buildPool(visible);
    this.drawToolbar();
  }

  buildPool(count) {
    this.rowsEl.textContent = "";
    this.pool = Array.from({ length: count }, (_, i) => {
      const row = this.rowsEl.appendChild(node("div", "jr-grid-row"));
      Object.assign(row.style, { display: "flex", height: `${this.rowH}px`, width: `${this.innerW}px` });
      row.dataset.i = i;
      const marker = this.hasMarkers ? row.appendChild(node("div", "jr-grid-cell jr-g-marker")) : null;
      if (marker) { this.place(marker, -1); marker.dataset.j = "m"; }
      const cells = this.specs.map((spec, j) => {
        const cell = row.appendChild(node("div", "jr-grid-cell"));
        this.place(cell, j);
        cell.dataset.j = j;
        if (spec.index) cell.classList.add("jr-g-index");
        const align = spec.alignment || (RIGHT.has(spec.type) ? "right" : null);
        if (align) cell.classList.add(`jr-g-${align}`);
        return cell;
      });
      return { row, marker, cells, r: -1 };
    });
  }

  /* ------------------------------------------------------------ scrolling and data */
  firstRow() {
    const top = this.scroller.scrollTop, rows = this.total(), h = this.rowH;
    if (!this.scaled) return [Math.floor(top / h), top % h];
    const span = Math.max(1, this.virtH - this.viewH);
    return [Math.round((top / span) * Math.max(0, rows - Math.floor(this.viewH / h))), 0];
  }

  scrollToRow(r) {
    const [first] = this.firstRow(), visible = Math.floor(this.viewH / this.rowH);
    if (r >= first && r < first + visible) return;
    const target = r < first ? r : r - visible + 1;
    this.scroller.scrollTop = this.scaled
      ? (target / Math.max(1, this.total() - visible)) * (this.virtH - this.viewH) : target * this.rowH;
  }

  ingest(start, n, win) {
    for (let s = 0; s < n; s += BLOCK) {
      const block = (start + s) / BLOCK;
      this.cache.delete(block);
      this.cache.set(block, sliceBlock(win, s, Math.min(n, s + BLOCK)));
    }
    while (this.cache.size > CACHE_BLOCKS) this.cache.delete(this.cache.keys().next().value);
  }

  receive(msg, buffers) {
    if (!msg || msg.type !== "rows") return;
    for (const [block, request] of this.inflight) if (request === msg.request) this.inflight.delete(block);
    if (msg.version < this.version) { this.pump(); return; }
    if (msg.version > this.version) {
      Object.assign(this, { version: msg.version, nrows: msg.nrows, sort: msg.sort });
      this.cache.clear();
      this.inflight.clear();
      this.resize();
      this.drawHeader();
    }
    this.ingest(msg.start, msg.n, decodeWindow(this.specs.concat(this.extras), msg.n, buffers));
    this.paint();
  }

  pump() {  // the newest scroll position wins: only blocks it needs, a few at a time
    for (const block of this.needed || []) {
      if (this.inflight.size >= MAX_INFLIGHT) return;
      if (this.cache.has(block) || this.inflight.has(block)) continue;
      const request = ++this.requests;
      this.inflight.set(block, request);
      this.model.send({ type: "rows", start: block * BLOCK, end: (block + 1) * BLOCK, request });
    }
  }

  refetch() {
    this.cache.clear();
    this.inflight.clear();
    this.paint();
  }

  rowData(r) {  // {pos, added, values[], texts[], styles[]} for display row r, or null while it loads
    if (r >= this.nrows) {
      const k = r - this.nrows, added = this.edits.added_rows[k] || {};
      return { pos: null, added: k, values: this.specs.map((spec) => added[spec.id] ?? null), texts: [], styles: [] };
    }
    const block = this.cache.get(Math.floor(r / BLOCK));
    if (!block) return null;
    const i = r % BLOCK, pos = block.pos[i], edited = this.edits.edited_rows[pos] || {}, S = this.specs.length;
    const extra = (spec, part) => (spec[part] == null ? null : nativeAt(TEXT, block.cols[S + spec[part]], i));
    return { pos, added: null,
      values: this.specs.map((spec, j) => (spec.id in edited ? edited[spec.id] : nativeAt(spec, block.cols[j], i))),
      texts: this.specs.map((spec) => (spec.id in edited ? null : extra(spec, "display"))),
      styles: this.specs.map((spec) => extra(spec, "style")) };
  }

  /* ------------------------------------------------------------ painting */
  selection() { return (this.model.get("selection") || {}).selection || {}; }

  paint() {
    if (!this.pool) return;
    const [first, offset] = this.firstRow(), rows = this.total();
    const sel = this.selection(), placeholder = this.options.placeholder ?? "None";
    const selRows = new Set(sel.rows || []), selCols = new Set(sel.columns || []);
    const selCells = new Set((sel.cells || []).map(([p, c]) => `${p}\u0000${c}`));
    this.rowsEl.style.transform = `translateY(${-offset}px)`;
    let complete = true;
    this.pool.forEach((slot, i) => {
      const r = first + i;
      slot.r = r;
      slot.row.style.visibility = r < rows ? "" : "hidden";
      if (r >= rows) return;
      const data = this.rowData(r);
      if (!data) complete = false;
      const marked = data && (data.pos !== null ? selRows.has(data.pos) || this.marked.has(`p${data.pos}`) : this.marked.has(`a${data.added}`));
      slot.row.classList.toggle("jr-g-pending", !data);
      slot.row.classList.toggle("jr-g-row-selected", !!marked);
      slot.row.classList.toggle("jr-g-added", !!data && data.added !== null);
      if (slot.marker) this.paintMarker(slot.marker, !!marked);
      slot.cells.forEach((cell, j) => this.paintCell(cell, this.specs[j], data, r, j, placeholder,
        selCols.has(this.specs[j].id) || (data && selCells.has(`${data.pos}\u0000${this.specs[j].id}`))));
    });
    this.needed = this.neededBlocks(first);
    this.pump();
    this.root.dataset.first = first;
    this.root.dataset.rows = rows;  // for tests: a grid with rows must show some
    if (complete) this.root.dataset.painted = `${this.version}:${first}`;
  }

  neededBlocks(first) {  // the visible blocks first, then the margins below and above
    const last = Math.ceil(this.nrows / BLOCK) - 1, visible = this.pool.length;
    const top = Math.floor(first / BLOCK), bottom = Math.min(last, Math.floor((first + visible) / BLOCK));
    const needed = [];
    for (let b = top; b <= bottom; b++) needed.push(b);
    for (let b = bottom + 1; b <= Math.min(last, Math.floor((first + visible + MARGIN) / BLOCK)); b++) needed.push(b);
    for (let b = top - 1; b >= Math.max(0, Math.floor((first - MARGIN) / BLOCK)); b--) needed.push(b);
    return needed;
  }

  paintMarker(cell, on) {
    if (cell._on === on) return;
    cell._on = on;
    cell.textContent = "";
    cell.appendChild(node("span", on ? "jr-g-check jr-g-check-on" : "jr-g-check"));
  }

  paintCell(cell, spec, data, r, j, placeholder, selected) {
    const value = data ? displayValue(spec, data.values[j]) : undefined;
    const text = data && STYLED_TEXT.has(spec.type) && !(spec.config || {}).format ? data.texts[j] : null;
    const css = data ? data.styles[j] : null;
    const active = this.active && this.active.r === r && this.active.j === j;
    cell.classList.toggle("jr-g-selected", !!selected);
    cell.classList.toggle("jr-g-active", !!active);
    cell.classList.toggle("jr-g-readonly", !!this.editor && !spec.editable);
    if (cell._value === value && cell._r === r && cell._stamp === this.version && cell._text === text && cell._css === css) return;
    Object.assign(cell, { _value: value, _r: r, _stamp: this.version, _text: text });
    if (cell._css !== css) {  // a Styler's colours and weight (column_config's format wins over its text)
      cell._base ??= cell.style.cssText;
      cell.style.cssText = cell._base + (css ? `;${css}` : "");
      cell._css = css;
    }
    cell.textContent = "";
    cell.classList.toggle("jr-g-missing", value === null && text == null);
    if (value === undefined) return;
    if (text != null) { cell.textContent = text; return; }
    if (value === null) { cell.textContent = spec.type === "checkbox" ? "" : placeholder; return; }
    try { drawValue(cell, spec, value, this.widths[j], this.rowH); } catch { cell.textContent = String(value); }
  }

  drawToolbar() {
    const bar = this.toolbar;
    bar.textContent = "";
    if (!this.marked.size) { bar.style.display = "none"; return; }
    bar.style.display = "";
    const del = bar.appendChild(node("button", "jr-grid-delete", `Delete ${this.marked.size} row${this.marked.size > 1 ? "s" : ""}`));
    del.onclick = () => this.deleteMarked();
  }

  /* ------------------------------------------------------------ selection */
  setSelection(change) {
    const current = this.selection();
    const next = { rows: current.rows || [], columns: current.columns || [], cells: current.cells || [], ...change };
    this.model.set("selection", { selection: next });
    this.model.save_changes();
  }

  onHeaderClick(j, e) {
    const spec = this.specs[j], mode = this.modes.columns;
    if (mode && !spec.index) {
      let columns = [...(this.selection().columns || [])];
      const has = columns.includes(spec.id);
      if (mode === "multi" && (e.ctrlKey || e.metaKey)) columns = has ? columns.filter((c) => c !== spec.id) : [...columns, spec.id];
      else if (mode === "multi" && e.shiftKey && this.columnAnchor != null) {
        const [a, b] = [Math.min(this.columnAnchor, j), Math.max(this.columnAnchor, j)];
        columns = this.specs.slice(a, b + 1).filter((s) => !s.index).map((s) => s.id);
      } else columns = has && columns.length === 1 ? [] : [spec.id];
      this.columnAnchor = j;
      this.setSelection({ columns });
      this.drawHeader();
      return;
    }
    if (this.options.sortable) this.sortBy(j);
  }

  sortBy(j) {
    const spec = this.specs[j], s = this.sort;
    const ascending = !(s && s.column === spec.source && s.ascending);
    const start = Math.floor(this.firstRow()[0] / BLOCK) * BLOCK;
    this.headCells[j].classList.add("jr-g-sorting");
    this.model.send({ type: "sort", column: spec.source, ascending, start, end: start + 2 * BLOCK, request: ++this.requests });
  }

  selectAllRows() {
    const rows = this.selection().rows || [];
    if (this.nrows > 100000) return;  // a list of a million positions would be no use to anyone
    this.setSelection({ rows: rows.length === this.nrows ? [] : Array.from({ length: this.nrows }, (_, i) => i) });
  }

  slotOf(e) {
    const cell = e.target.closest(".jr-grid-cell"), row = e.target.closest(".jr-grid-row");
    if (!cell || !row) return null;
    const slot = this.pool[+row.dataset.i];
    return { slot, r: slot.r, j: cell.dataset.j === "m" ? -1 : +cell.dataset.j, data: this.rowData(slot.r) };
  }

  onClick(e) {
    const hit = this.slotOf(e);
    if (!hit || !hit.data) return;
    const { r, j, data } = hit;
    if (j < 0) return this.toggleRow(data);
    const spec = this.specs[j];
    if (this.editor) {
      this.active = { r, j };
      if (spec.type === "checkbox" && spec.editable) this.commit(r, spec, !data.values[j]);
      this.root.focus();
      this.paint();
      return;
    }
    if (this.modes.cells && !spec.index) this.toggleCell(r, j, data, e.shiftKey);
  }

  toggleRow(data) {
    if (this.editor) {
      const key = data.pos !== null ? `p${data.pos}` : `a${data.added}`;
      this.marked.has(key) ? this.marked.delete(key) : this.marked.add(key);
      this.drawToolbar();
      this.paint();
      return;
    }
    const mode = this.modes.rows, rows = this.selection().rows || [], has = rows.includes(data.pos);
    if (mode === "multi") this.setSelection({ rows: has ? rows.filter((p) => p !== data.pos) : [...rows, data.pos] });
    else if (mode) this.setSelection({ rows: has ? (mode === "single-required" ? rows : []) : [data.pos] });
  }

  toggleCell(r, j, data, extend) {
    const id = this.specs[j].id, cells = this.selection().cells || [];
    if (this.modes.cells === "multi" && extend && this.anchor) {
      const picked = [];
      for (let row = Math.min(this.anchor.r, r); row <= Math.max(this.anchor.r, r); row++) {
        const d = this.rowData(row);
        if (!d || d.pos === null) continue;
        for (let c = Math.min(this.anchor.j, j); c <= Math.max(this.anchor.j, j); c++) {
          if (!this.specs[c].index) picked.push([d.pos, this.specs[c].id]);
        }
      }
      this.setSelection({ cells: picked });
      return;
    }
    this.anchor = { r, j };
    const same = cells.length === 1 && cells[0][0] === data.pos && cells[0][1] === id;
    this.setSelection({ cells: same ? [] : [[data.pos, id]] });
  }

  /* ------------------------------------------------------------ editing */
  onDoubleClick(e) {
    const hit = this.slotOf(e);
    if (this.editor && hit && hit.data && hit.j >= 0) this.openEditor(hit.r, hit.j);
  }

  onKey(e) {
    if (!this.editor || !this.active || e.target !== this.root) return;
    const { r, j } = this.active, spec = this.specs[j];
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, e.shiftKey ? -1 : 1] };
    e.stopPropagation();
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dj] = moves[e.key];
      this.active = { r: Math.max(0, Math.min(this.total() - 1, r + dr)), j: Math.max(0, Math.min(this.specs.length - 1, j + dj)) };
      this.scrollToRow(this.active.r);
      this.paint();
    } else if (e.key === "Enter" || e.key === "F2") {
      e.preventDefault();
      this.openEditor(r, j);
    } else if ((e.key === "Delete" || e.key === "Backspace") && spec.editable && !spec.required) {
      e.preventDefault();
      this.commit(r, spec, null);
    } else if (e.key === "Escape") {
      this.active = null;
      this.paint();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && spec.editable && spec.type !== "checkbox") {
      e.preventDefault();
      this.openEditor(r, j, e.key);
    }
  }

  openEditor(r, j, typed) {
    const spec = this.specs[j], data = this.rowData(r);
    if (!data || !spec.editable) return;
    this.closeEditor(true);
    this.active = { r, j };
    this.scrollToRow(r);
    const slot = this.pool.find((s) => s.r === r);
    if (!slot) return;
    const input = makeInput(spec, data.values[j], typed);
    const cell = slot.cells[j].getBoundingClientRect(), box = this.root.getBoundingClientRect();
    Object.assign(input.style, { position: "absolute", left: `${cell.left - box.left}px`, top: `${cell.top - box.top}px`,
      width: `${Math.max(cell.width, 120)}px`, height: `${cell.height}px`, zIndex: 10 });
    input.classList.add("jr-grid-input");
    this.editing = { r, j, input };
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter" && !(input.multiple)) { e.preventDefault(); this.closeEditor(true); this.root.focus(); }
      else if (e.key === "Escape") { e.preventDefault(); this.closeEditor(false); this.root.focus(); }
      else if (e.key === "Tab") { e.preventDefault(); this.closeEditor(true); this.onKey({ key: "Tab", shiftKey: e.shiftKey, target: this.root, stopPropagation() {}, preventDefault() {} }); this.root.focus(); }
    });
    input.addEventListener("blur", () => this.closeEditor(true));
    this.root.appendChild(input);
    input.focus();
    if (typed === undefined && input.select) input.select();
  }

  closeEditor(save) {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    const spec = this.specs[editing.j], parsed = save ? parseInput(spec, editing.input) : { skip: true };
    if (parsed.error) {
      editing.input.classList.add("jr-g-invalid");
      editing.input.title = parsed.error;
      this.editing = editing;  // stays open until the value is valid (or Escape)
      editing.input.focus();
      return;
    }
    editing.input.remove();
    if (!parsed.skip) this.commit(editing.r, spec, parsed.value);
  }

  commit(r, spec, value) {
    const data = this.rowData(r);
    if (!data) return;
    if (data.added !== null) this.edits.added_rows[data.added] = { ...this.edits.added_rows[data.added], [spec.id]: value };
    else this.edits.edited_rows[data.pos] = { ...(this.edits.edited_rows[data.pos] || {}), [spec.id]: value };
    this.saveEdits();
  }

  saveEdits() {
    this.model.set("edits", clone(this.edits));
    this.model.save_changes();
    this.resize();
    this.paint();
  }

  addRow() {
    const row = {};
    for (const spec of this.specs) if (spec.default != null) row[spec.id] = spec.default;
    this.edits.added_rows.push(row);
    this.saveEdits();
    const r = this.total() - 1, j = Math.max(0, this.specs.findIndex((s) => s.editable || s.index));
    this.active = { r, j };
    this.scrollToRow(r);
    this.paint();
    this.root.focus();
  }

  deleteMarked() {
    const added = [], deleted = new Set(this.edits.deleted_rows);
    for (const key of this.marked) (key[0] === "p" ? deleted.add(+key.slice(1)) : added.push(+key.slice(1)));
    added.sort((a, b) => b - a).forEach((k) => this.edits.added_rows.splice(k, 1));
    this.edits.deleted_rows = [...deleted].sort((a, b) => a - b);
    this.marked.clear();
    this.active = null;
    this.saveEdits();
    this.refetch();  // the kernel's view drops the deleted rows: ask again
  }
}

/* ---------------------------------------------------------------- cell editors */
function makeInput(spec, value, typed) {
  const c = spec.config || {};
  if (spec.type === "selectbox" || spec.type === "multiselect") {
    const select = node("select");
    select.multiple = spec.type === "multiselect";
    if (!select.multiple) select.appendChild(node("option", "", "")).value = "";
    const chosen = new Set(Array.isArray(value) ? value.map(String) : [String(value)]);
    (spec.options || []).forEach((o, i) => {
      const option = select.appendChild(node("option", "", o.label ?? String(o.value)));
      option.value = String(i);
      option.selected = chosen.has(String(o.value));
    });
    return select;
  }
  const input = node("input");
  const kinds = { number: "number", date: "date", time: "time", datetime: "datetime-local" };
  input.type = kinds[spec.type] || "text";
  if (spec.type === "number") {
    input.step = c.step ?? (spec.kind === "integer" ? 1 : "any");
    if (c.min_value != null) input.min = c.min_value;
    if (c.max_value != null) input.max = c.max_value;
  } else if (isTemporal(spec)) {
    const ms = displayValue(spec, value);
    input.value = ms == null ? "" : toIso(spec.type, ms);
    if (c.min_value) input.min = String(c.min_value).slice(0, spec.type === "date" ? 10 : 19);
    if (c.max_value) input.max = String(c.max_value).slice(0, spec.type === "date" ? 10 : 19);
    input.step = c.step ?? (spec.type === "date" ? 1 : 1);
    return input;
  }
  if (c.max_chars) input.maxLength = c.max_chars;
  input.value = typed !== undefined ? typed : value == null ? "" : Array.isArray(value) ? value.join(", ") : String(value);
  return input;
}

function parseInput(spec, input) {  // -> {value} | {error} | {skip}
  const c = spec.config || {}, raw = input.value;
  if (spec.type === "selectbox") return raw === "" ? required(spec, null) : { value: spec.options[+raw].value };
  if (spec.type === "multiselect") return required(spec, [...input.selectedOptions].map((o) => spec.options[+o.value].value));
  if (raw === "") return required(spec, null);
  if (spec.type === "number") {
    let v = Number(raw);
    if (!Number.isFinite(v)) return { error: "not a number" };
    const step = c.step ?? (spec.kind === "integer" ? 1 : null);
    if (step) v = +(Math.round(v / step) * step).toFixed(decimals(step));
    if (c.min_value != null && v < c.min_value) return { error: `at least ${c.min_value}` };
    if (c.max_value != null && v > c.max_value) return { error: `at most ${c.max_value}` };
    return { value: v };
  }
  if (isTemporal(spec)) return { value: spec.type === "time" && raw.length === 5 ? raw + ":00" : spec.type === "datetime" && raw.length === 16 ? raw + ":00" : raw };
  if (spec.type === "list") return { value: raw.split(",").map((s) => s.trim()).filter(Boolean) };
  let text = c.max_chars ? raw.slice(0, c.max_chars) : raw;
  if (c.validate) {
    try { if (!new RegExp(c.validate).test(text)) return { error: `does not match ${c.validate}` }; } catch { /* a bad pattern validates nothing */ }
  }
  return { value: text };
}

const required = (spec, value) => (spec.required && (value === null || (Array.isArray(value) && !value.length))
  ? { error: "a value is required" } : { value });

export default {
  initialize() {
    return {
      render({ model, el }) {
        const grid = new Grid(model, el);
        return () => grid.dispose();
      },
    };
  },
};
