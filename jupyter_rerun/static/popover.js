// jr.popover's button (PopoverButton in jupyter_rerun/widgets/layout.py). A click opens the
// panel (the next child of the popover's box) under the button, at once, in the browser;
// `is_open` follows for the kernel (which reruns the cell on it only when the popover tracks
// state). A click outside the popover, or ESC, closes it. The panel is `position: fixed`
// (so no scrolling box clips it), placed from the button's place, and follows it on scroll.

const CHEVRON = strokes("M7 10l5 5 5-5", 16);

export default {
  render({ model, el }) {
    el.classList.add("jr-popover-control");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "jupyter-widgets jupyter-button widget-button jr-popover-button";
    ownKeys(button);
    el.append(button);
    let host = null;
    const panel = () => (host ? host.querySelector(":scope > .jr-popover-panel") : null);

    const draw = () => {
      for (const kind of ["primary", "secondary", "tertiary"]) el.classList.remove(`jr-button-${kind}`);
      el.classList.add(`jr-button-${model.get("kind")}`);
      const icon = model.get("icon"); // HTML made in the kernel
      button.innerHTML = (icon ? `<span class="jr-popover-icon">${icon}</span>` : "") +
        `<span class="jr-popover-label">${model.get("label")}</span>` +
        `<span class="jr-popover-chevron">${CHEVRON}</span>`;
      button.disabled = model.get("disabled");
      button.title = model.get("help") || "";
    };

    const place = () => {
      const box = panel();
      if (!box || !host.classList.contains("jr-open")) return;
      const at = button.getBoundingClientRect();
      box.style.minWidth = `${Math.round(at.width)}px`;
      const origin = fixedOrigin(box);
      const width = box.offsetWidth;
      const height = box.offsetHeight;
      const left = Math.max(8, Math.min(at.left, window.innerWidth - width - 8));
      let top = at.bottom + 4;
      if (top + height > window.innerHeight - 8 && at.top - height - 4 > 8) top = at.top - height - 4;
      box.style.left = `${Math.round(left - origin.left)}px`;
      box.style.top = `${Math.round(top - origin.top)}px`;
    };

    const show = () => {
      if (!host) return;
      const open = model.get("is_open") && !model.get("disabled");
      host.classList.toggle("jr-open", open);
      button.setAttribute("aria-expanded", String(open));
      place();
    };

    const setOpen = (open) => {
      if (model.get("is_open") !== open) {
        model.set("is_open", open);
        model.save_changes();
      }
      show();
    };

    button.addEventListener("click", () => setOpen(!model.get("is_open")));
    const outside = (event) => {
      if (model.get("is_open") && host && !host.contains(event.target)) setOpen(false);
    };
    const escape = (event) => {
      if (event.key === "Escape" && model.get("is_open")) setOpen(false);
    };
    const follow = () => place();
    document.addEventListener("pointerdown", outside, true);
    document.addEventListener("keydown", escape, true);
    window.addEventListener("scroll", follow, true);
    window.addEventListener("resize", follow);
    // the panel's own content changes its size: place it again
    const resized = new ResizeObserver(follow);
    const stop = whenPlaced(el, ".jr-popover", (found) => {
      host = found;
      const box = panel();
      if (box) resized.observe(box);
      show();
    });

    draw();
    const looks = ["label", "icon", "kind", "help", "disabled"].map((name) => `change:${name}`).join(" ");
    model.on(looks, draw);
    model.on("change:is_open change:disabled", show);
    return () => {
      stop();
      resized.disconnect();
      document.removeEventListener("pointerdown", outside, true);
      document.removeEventListener("keydown", escape, true);
      window.removeEventListener("scroll", follow, true);
      window.removeEventListener("resize", follow);
      model.off(looks, draw);
      model.off("change:is_open change:disabled", show);
    };
  },
};
