// jr.slider over dates, times and datetimes, and over numbers with a printf format that
// ipywidgets' d3 readout cannot show (jupyter_rerun/widgets/inputs.py: StepSlider).
// One native range input per thumb; the readout is formatted here, from the value, so any
// range costs the same few numbers on the wire. A value commits on release (or a key).

function tidy(kind, value) {
  if (kind === "float") return Number(value.toPrecision(12));
  return Math.round(value);
}

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-step-slider");
    const row = document.createElement("div");
    row.className = "jr-slider-row";
    const track = document.createElement("div");
    track.className = "jr-slider-track";
    const rail = document.createElement("div");
    rail.className = "jr-slider-rail";
    const fill = document.createElement("div");
    fill.className = "jr-slider-fill";
    rail.append(fill);
    const readout = document.createElement("div");
    readout.className = "jr-slider-readout";
    row.append(track, readout);
    el.append(labelFor(model), row);
    let inputs = [];
    let current = [];

    const percent = (value) => {
      const [low, high] = [model.get("min"), model.get("max")];
      return high > low ? ((value - low) / (high - low)) * 100 : 0;
    };
    const show = () => {
      const [kind, format] = [model.get("kind"), model.get("format")];
      readout.textContent = current.map((value) => formatValue(kind, format, value)).join(" – ");
      const ends = current.length === 2 ? current.map(percent) : [0, percent(current[0])];
      fill.style.left = `${Math.max(0, ends[0])}%`;
      fill.style.width = `${Math.max(0, ends[1] - ends[0])}%`;
    };
    const moved = (index) => {
      let value = Number(inputs[index].value);
      if (current.length === 2) {  // the thumbs do not cross
        value = index === 0 ? Math.min(value, current[1]) : Math.max(value, current[0]);
        inputs[index].value = String(value);
      }
      current[index] = tidy(model.get("kind"), value);
      show();
    };
    const commit = () => {
      model.set("value", [...current]);
      model.save_changes();
    };
    const build = () => {
      current = [...model.get("value")];
      track.replaceChildren(rail);
      inputs = current.map((value, index) => {
        const input = document.createElement("input");
        input.type = "range";
        input.min = String(model.get("min"));
        input.max = String(model.get("max"));
        input.step = String(model.get("step"));
        input.value = String(value);
        input.disabled = model.get("disabled");
        input.setAttribute("aria-label", `${model.get("description") || "value"}${current.length === 2 ? (index ? " (end)" : " (start)") : ""}`);
        input.addEventListener("input", () => moved(index));
        input.addEventListener("change", commit);
        track.append(input);
        return input;
      });
      track.classList.toggle("jr-slider-range", current.length === 2);
      el.classList.toggle("jr-disabled", model.get("disabled"));
      show();
    };
    build();
    for (const name of ["value", "min", "max", "step", "disabled", "kind"]) model.on(`change:${name}`, build);
    model.on("change:format", show);
  },
};
