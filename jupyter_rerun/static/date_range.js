// jr.date_input with a range value (jupyter_rerun/widgets/inputs.py: DateRange): a start
// and an end date field side by side, each with the browser's calendar. `value` is [],
// [start] or [start, end] (ISO dates), as Streamlit returns (), (start,) or (start, end):
// each choice commits, so a range half chosen reruns the cell with a 1-tuple.

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-date-range");
    const field = document.createElement("div");
    field.className = "jr-date-range-field";
    const [start, end] = [ownKeys(document.createElement("input")), ownKeys(document.createElement("input"))];
    const dash = document.createElement("span");
    dash.className = "jr-date-range-dash";
    dash.textContent = "\u2013";
    for (const [input, name] of [[start, "start"], [end, "end"]]) {
      input.type = "date";
      input.className = "jr-date-text";
      input.setAttribute("aria-label", name === "start" ? "Start date" : "End date");
    }
    field.append(start, dash, end);
    el.append(labelFor(model), field);

    const draw = () => {
      const [first, second] = model.get("value");
      start.value = first || "";
      end.value = second || "";
      for (const input of [start, end]) {
        input.min = model.get("min");
        input.max = model.get("max");
        input.disabled = model.get("disabled");
      }
      end.min = first || model.get("min");
      el.classList.toggle("jr-disabled", model.get("disabled"));
    };
    const commit = () => {
      const chosen = [start.value, end.value].filter(Boolean).sort();
      model.set("value", chosen);
      model.save_changes();
    };
    start.addEventListener("change", commit);
    end.addEventListener("change", commit);
    draw();
    return watch(model, ["value", "min", "max", "disabled"], draw);
  },
};
