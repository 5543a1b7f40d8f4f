// jr.number_input (jupyter_rerun/widgets/inputs.py: NumberBox): a field that shows its
// value through a printf format ("%d", "%0.2f", "%.1f%%"), with - and + buttons that step
// it, bounds, and an empty state (value None). Typing commits on Enter or when the field
// loses focus; the arrow keys and the buttons commit each step.

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-number-box");
    const field = document.createElement("div");
    field.className = "jr-number-field";
    const icon = document.createElement("span");
    icon.className = "jr-number-icon";
    const input = ownKeys(document.createElement("input"));
    input.type = "text";
    input.inputMode = "decimal";
    input.className = "jr-number-text";
    const minus = document.createElement("button");
    const plus = document.createElement("button");
    for (const [button, text, name] of [[minus, "\u2212", "Decrement"], [plus, "+", "Increment"]]) {
      button.type = "button";
      button.className = "jr-number-step";
      button.textContent = text;
      button.setAttribute("aria-label", name);
      button.tabIndex = -1;
    }
    field.append(icon, input, minus, plus);
    el.append(labelFor(model), field);

    const shown = () => formatNumber(model.get("format"), model.get("value"), model.get("integer"));
    const clamp = (value) => {
      const [low, high] = [model.get("min"), model.get("max")];
      if (low !== null && value < low) return low;
      if (high !== null && value > high) return high;
      return value;
    };
    const set = (value) => {
      if (value !== null) value = clamp(model.get("integer") ? Math.round(value) : Number(value.toPrecision(15)));
      if (value === model.get("value")) draw();
      model.set("value", value);
      model.save_changes();
    };
    const commit = () => {
      const text = input.value.trim();
      if (text === "") return model.get("clearable") ? set(null) : draw();
      const value = Number.parseFloat(text.replace(/,/g, "").replace(/^[^0-9+\-.]+/, ""));
      return Number.isNaN(value) ? draw() : set(value);
    };
    const step = (direction) => {
      const value = model.get("value");
      const start = value === null ? (model.get("min") ?? 0) : value;
      set(value === null && direction > 0 ? start : start + direction * model.get("step"));
    };
    function draw() {
      input.value = shown();
      input.placeholder = model.get("placeholder");
      const disabled = model.get("disabled");
      input.disabled = disabled;
      const value = model.get("value");
      minus.disabled = disabled || (value !== null && model.get("min") !== null && value <= model.get("min"));
      plus.disabled = disabled || (value !== null && model.get("max") !== null && value >= model.get("max"));
      icon.innerHTML = model.get("icon"); // HTML made in the kernel
      icon.style.display = model.get("icon") ? "" : "none";
      input.setAttribute("aria-label", model.get("description") || "number");
      el.classList.toggle("jr-disabled", disabled);
    }
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") commit();
      else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        step(event.key === "ArrowUp" ? 1 : -1);
      }
    });
    input.addEventListener("blur", commit);
    minus.addEventListener("click", () => step(-1));
    plus.addEventListener("click", () => step(1));
    draw();
    return watch(model, ["value", "format", "placeholder", "disabled", "min", "max", "icon", "integer"], draw);
  },
};
