// jr.pagination (jupyter_rerun/widgets/pagination.py): ‹ 1 … 4 5 6 … 20 ›. A click sets
// `value`, the chosen page; the kernel reruns the cell with it.

// The pages to show around `page`: all of them when they fit in `most` (-1: no cap), else
// the first, the last and a window around `page`, with null for each gap ("…").
function visiblePages(page, count, most) {
  const all = [...Array(count).keys()].map((index) => index + 1);
  if (most < 0 || count <= most) return all;
  if (most === 0) return [];
  if (most <= 2) return [page];
  const inner = Math.max(1, most - 2);
  let start = Math.max(2, page - Math.floor((inner - 1) / 2));
  const end = Math.min(count - 1, start + inner - 1);
  start = Math.max(2, end - inner + 1);
  const shown = [1];
  if (start > 2) shown.push(null);
  for (let at = start; at <= end; at += 1) shown.push(at);
  if (end < count - 1) shown.push(null);
  shown.push(count);
  return shown;
}

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-pagination");
    const bar = document.createElement("nav");
    bar.className = "jr-pages";
    bar.setAttribute("aria-label", "Pagination");
    el.append(bar);
    const choose = (page) => {
      model.set("value", page);
      model.save_changes();
    };
    const pageButton = (text, page, label) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "jr-page";
      button.textContent = text;
      if (label) button.setAttribute("aria-label", label);
      button.disabled = model.get("disabled") || page === null;
      button.addEventListener("click", () => choose(page));
      return button;
    };
    const draw = () => {
      const page = model.get("value");
      const count = model.get("num_pages");
      const parts = [pageButton("‹", page > 1 ? page - 1 : null, "Previous page")];
      for (const shown of visiblePages(page, count, model.get("max_visible"))) {
        if (shown === null) {
          const gap = document.createElement("span");
          gap.className = "jr-page-gap";
          gap.textContent = "…";
          parts.push(gap);
          continue;
        }
        const button = pageButton(String(shown), shown, `Page ${shown}`);
        button.classList.toggle("jr-selected", shown === page);
        if (shown === page) button.setAttribute("aria-current", "page");
        parts.push(button);
      }
      parts.push(pageButton("›", page < count ? page + 1 : null, "Next page"));
      bar.replaceChildren(...parts);
    };
    draw();
    const events = ["value", "num_pages", "max_visible", "disabled"].map((name) => `change:${name}`).join(" ");
    model.on(events, draw);
    return () => model.off(events, draw);
  },
};
