// jr.dialog's title bar (DialogHeader in jupyter_rerun/widgets/layout.py). It shows the
// modal it is in (the `.jr-dialog` box: a backdrop over the page, holding the panel) while
// `is_open`, which the kernel sets. When `dismissible`, its close button, ESC and a click on
// the backdrop close it here at once and set `is_open` to False (the kernel reruns the cell on
// that only when `on_dismiss` asks for it).

const CROSS = strokes("M6 6l12 12M18 6L6 18");

export default {
  render({ model, el }) {
    el.classList.add("jr-dialog-header");
    const title = document.createElement("div");
    title.className = "jr-dialog-title";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "jr-dialog-close";
    close.setAttribute("aria-label", "Close");
    close.innerHTML = CROSS;
    el.append(title, close);
    let host = null;

    const draw = () => {
      const icon = model.get("icon"); // HTML made in the kernel
      title.innerHTML = (icon ? `<span class="jr-dialog-icon">${icon}</span>` : "") +
        `<span class="jr-dialog-text">${model.get("title")}</span>`;
      close.hidden = !model.get("dismissible");
    };

    const show = () => {
      if (!host) return;
      host.classList.toggle("jr-open", Boolean(model.get("is_open")));
      host.setAttribute("role", "dialog");
      host.setAttribute("aria-modal", "true");
    };

    const dismiss = () => {
      if (!model.get("dismissible") || !model.get("is_open")) return;
      model.set("is_open", false);
      model.save_changes();
      show();
    };

    close.addEventListener("click", dismiss);
    const escape = (event) => {
      if (event.key === "Escape" && host && host.classList.contains("jr-open")) {
        event.stopPropagation();
        dismiss();
      }
    };
    const backdrop = (event) => {
      if (event.target === host) dismiss();
    };
    document.addEventListener("keydown", escape, true);
    const stop = whenPlaced(el, ".jr-dialog", (found) => {
      host = found;
      ownKeys(host);
      host.addEventListener("click", backdrop);
      show();
    });

    draw();
    model.on("change:title change:icon change:dismissible", draw);
    model.on("change:is_open", show);
    return () => {
      stop();
      document.removeEventListener("keydown", escape, true);
      if (host) host.removeEventListener("click", backdrop);
      model.off("change:title change:icon change:dismissible", draw);
      model.off("change:is_open", show);
    };
  },
};
