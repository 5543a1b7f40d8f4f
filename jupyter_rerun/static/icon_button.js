// jr.button with a Material Symbol (jupyter_rerun/widgets/inputs.py: IconButton). It looks
// like the ipywidgets buttons next to it (same classes) and sends what they send on a
// click, {"event": "click"}, so the kernel handles both alike.

export default {
  render({ model, el }) {
    el.classList.add("jr-icon-button-host");
    const button = document.createElement("button");
    button.setAttribute("data-lm-suppress-shortcuts", "true");  // its keys are its own
    button.type = "button";
    button.className = "jupyter-widgets jupyter-button widget-button jr-icon-button";
    el.append(button);
    const draw = () => {
      const icon = document.createElement("span");
      icon.className = "jr-button-icon";
      icon.innerHTML = model.get("icon"); // HTML made in the kernel
      const text = document.createElement("span");
      text.className = "jr-button-text";
      if (model.get("description_allow_html")) text.innerHTML = model.get("description");
      else text.textContent = model.get("description");
      const parts = model.get("icon_position") === "right" ? [text, icon] : [icon, text];
      button.replaceChildren(...parts.filter((part) => part.innerHTML));
      button.disabled = model.get("disabled");
      button.title = model.get("tooltip") || "";
    };
    button.addEventListener("click", () => model.send({ event: "click" }));
    draw();
    const events = ["description", "icon", "icon_position", "disabled", "tooltip"].map((name) => `change:${name}`).join(" ");
    model.on(events, draw);
    return () => model.off(events, draw);
  },
};
