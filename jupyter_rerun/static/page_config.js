// The settings of the page a view of this model is on (jupyter_rerun/widgets/page_config.py):
// the title and icon of its browser tab, the width of its content (Streamlit's "centered"
// and "wide" layouts, on a Voila page) and the query string of its address. Draws nothing.

const STYLE_ID = "jr-page-layout";
const LAYOUT_CSS = `
body[data-jr-layout="centered"] #rendered_cells > div {
  max-width: 46rem; margin-left: auto; margin-right: auto;
}
body[data-jr-layout="wide"] #rendered_cells { padding-left: 1rem; padding-right: 1rem; }
body[data-jr-layout="wide"] #rendered_cells > div { max-width: none; }
`;

function useLayout(layout) {
  if (!document.getElementById(STYLE_ID)) {
    const style = document.createElement("style");
    style.id = STYLE_ID;
    style.textContent = LAYOUT_CSS;
    document.head.appendChild(style);
  }
  document.body.dataset.jrLayout = layout;
}

function useIcon(href) {
  let link = document.querySelector("link[rel~='icon']");
  if (!link) {
    link = document.createElement("link");
    link.rel = "icon";
    document.head.appendChild(link);
  }
  if (link.getAttribute("href") !== href) link.setAttribute("href", href);
}

function useQuery(query) {
  const url = new URL(window.location.href);
  const params = new URLSearchParams(query);
  const token = url.searchParams.get("token"); // Voila's login token stays in the address
  if (token !== null && !params.has("token")) params.set("token", token);
  const search = params.toString();
  if (url.search.replace(/^\?/, "") === search) return;
  url.search = search;
  window.history.replaceState(window.history.state, "", url.toString());
}

function apply(model) {
  const title = model.get("title");
  if (title && document.title !== title) document.title = title;
  const icon = model.get("icon");
  if (icon) useIcon(icon);
  const layout = model.get("page_layout");
  if (layout) useLayout(layout);
  const query = model.get("query");
  if (query !== null && query !== undefined) useQuery(query);
}

export default {
  render({ model, el }) {
    el.style.display = "none";
    const update = () => apply(model);
    update();
    model.on("change", update);
    return () => model.off("change", update);
  },
};
