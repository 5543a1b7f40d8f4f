// A cell's sidebar (SidebarControl in jupyter_rerun/widgets/layout.py): the first child of
// the cell's `.jr-sidebar` box.
//
// In JupyterLab the box stays in its cell, a side column of the cell's container
// (layout.css); this control is the « button that folds it (`collapsed`, kept by the model).
//
// On a Voila page (`page`) the box joins the page's one sidebar: an <aside> fixed to the
// left of the window, shared by every cell of the page, the cells' boxes in their order;
// the page's content moves right to make room, and the aside folds away by its « button
// (» brings it back). The box's place in its cell keeps a hidden stand-in, and the cell's
// container removes the box through it, as ipywidgets removes its children's views.

const FOLD = strokes("M14 6l-6 6 6 6M20 6l-6 6 6 6");
const UNFOLD = strokes("M4 6l6 6-6 6M10 6l6 6-6 6");
// the rules outside the page's cells: the page's content makes room for the sidebar, and
// an open dialog dims it too (a dialog covers the page's content, which is all it can cover)
const PAGE_CSS = `
body.jr-with-sidebar { padding-left: 21rem !important; box-sizing: border-box; }
body:has(.jr-dialog.jr-open) > .jr-page-sidebar { pointer-events: none; }
body:has(.jr-dialog.jr-open) > .jr-page-sidebar::after {
  content: ""; position: fixed; top: 0; left: 0; bottom: 0; width: 21rem; z-index: 2;
  background: rgba(49, 51, 63, 0.45); }
`;

function foldButton(label, svg) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jr-sidebar-fold";
  button.title = label;
  button.setAttribute("aria-label", label);
  button.innerHTML = svg;
  return button;
}

// The page's sidebar, made by the first cell that needs it (one per page: every model's
// module is a copy of its own, so the page keeps it on `globalThis`).
function pageSidebar() {
  const made = globalThis.__jrPageSidebar;
  if (made && made.aside.isConnected) return made;
  if (!document.getElementById("jr-page-sidebar-style")) {
    const style = document.createElement("style");
    style.id = "jr-page-sidebar-style";
    style.textContent = PAGE_CSS;
    document.head.append(style);
  }
  const aside = document.createElement("aside");
  aside.className = "jupyter-rerun-cell jr-page-sidebar";
  const header = document.createElement("div");
  header.className = "jr-page-sidebar-header";
  const fold = foldButton("Close sidebar", FOLD);
  header.append(fold);
  const list = document.createElement("div");
  list.className = "jr-page-sidebar-sections";
  aside.append(header, list);
  const reopen = document.createElement("div");
  reopen.className = "jupyter-rerun-cell jr-page-sidebar-reopen";
  const unfold = foldButton("Open sidebar", UNFOLD);
  reopen.append(unfold);
  document.body.append(aside, reopen);
  const body = document.body.classList;
  const sync = () => {
    const shown = list.children.length > 0;
    const folded = body.contains("jr-sidebar-folded");
    aside.hidden = !shown || folded;
    reopen.hidden = !shown || !folded;
    const room = shown && !folded;
    if (body.contains("jr-with-sidebar") !== room) {
      body.toggle("jr-with-sidebar", room);
      // Voila's page is laid out by Lumino, which measures the window on a resize
      window.dispatchEvent(new Event("resize"));
    }
  };
  fold.addEventListener("click", () => {
    body.add("jr-sidebar-folded");
    sync();
  });
  unfold.addEventListener("click", () => {
    body.remove("jr-sidebar-folded");
    sync();
  });
  new MutationObserver(sync).observe(list, { childList: true });
  globalThis.__jrPageSidebar = { aside, list, sync };
  sync();
  return globalThis.__jrPageSidebar;
}

// ipywidgets takes a child view out of its box with `box.removeChild(node)`; for a node
// moved to the page's sidebar, that removes the node and its stand-in instead.
function removableFrom(host, node, standIn) {
  if (!host.__jrMoved) {
    const moved = (host.__jrMoved = new Map());
    const remove = host.removeChild;
    host.removeChild = function (child) {
      const stand = moved.get(child);
      if (stand === undefined) return remove.call(this, child);
      moved.delete(child);
      stand.remove();
      child.remove();
      return child;
    };
  }
  host.__jrMoved.set(node, standIn);
}

function joinPage(section, order) {
  const page = pageSidebar();
  const host = section.parentElement;
  if (host && host !== page.list) {
    const standIn = document.createElement("div");
    standIn.className = "jr-sidebar-stand-in";
    standIn.hidden = true;
    host.replaceChild(standIn, section);
    removableFrom(host, section, standIn);
  }
  section.dataset.jrOrder = String(order);
  const after = [...page.list.children].find((other) => other !== section &&
    Number(other.dataset.jrOrder) > order);
  page.list.insertBefore(section, after || null);
  page.sync();
}

export default {
  render({ model, el }) {
    el.classList.add("jr-sidebar-control");
    const fold = foldButton("Close sidebar", FOLD);
    el.append(fold);
    let section = null;
    const show = () => {
      if (!section) return;
      if (model.get("page")) {
        el.hidden = true;
        joinPage(section, model.get("order"));
        return;
      }
      const folded = Boolean(model.get("collapsed"));
      section.classList.toggle("jr-collapsed", folded);
      fold.innerHTML = folded ? UNFOLD : FOLD;
      fold.title = folded ? "Open sidebar" : "Close sidebar";
      fold.setAttribute("aria-label", fold.title);
    };
    fold.addEventListener("click", () => {
      model.set("collapsed", !model.get("collapsed"));
      model.save_changes();
      show();
    });
    const stop = whenPlaced(el, ".jr-sidebar", (found) => {
      section = found;
      show();
    });
    model.on("change:collapsed change:order change:page", show);
    return () => {
      stop();
      model.off("change:collapsed change:order change:page", show);
    };
  },
};
