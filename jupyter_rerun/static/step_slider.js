// jr.slider over dates, times and datetimes, and over numbers with a printf format that
// ipywidgets' d3 readout cannot show (jupyter_rerun/widgets/inputs.py: StepSlider).
// One native range input per thumb, over step numbers; the readout is formatted here, from
// the value, so any range costs the same few numbers on the wire. A value commits on
// release (or a key).

function tidy(kind, value) {
  if (kind === "float") return Number(value.toPrecision(12));
  return Math.round(value);
}

// The native inputs slide over step numbers 0..n (an integer slider), not over the values
// themselves: microseconds since 1970 are too big for the browser to step exactly. The
// last position is `max` itself when the range is not a whole number of steps.
function positions(model) {
  const [low, high, step] = [model.get("min"), model.get("max"), model.get("step")];
  const whole = Math.floor((high - low) / step + 1e-9);
  const count = low + whole * step < high - 1e-9 ? whole + 1 : whole;
  return {
    count,
    at: (position) => (position >= count ? high : low + position * step),
    of: (value) => Math.min(count, Math.max(0, Math.round((value - low) / step))),
  };
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
    let steps = positions(model);

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
      let position = Number(inputs[index].value);
      if (inputs.length === 2) {  // the thumbs do not cross
        const other = Number(inputs[1 - index].value);
        position = index === 0 ? Math.min(position, other) : Math.max(position, other);
        inputs[index].value = String(position);
      }
      current[index] = tidy(model.get("kind"), steps.at(position));
      show();
    };
    const commit = () => {
      model.set("value", [...current]);
      model.save_changes();
    };
    const build = () => {
      current = [...model.get("value")];
      steps = positions(model);
      track.replaceChildren(rail);
      inputs = current.map((value, index) => {
        const input = ownKeys(document.createElement("input"));
        input.type = "range";
        input.min = "0";
        input.max = String(steps.count);
        input.step = "1";
        input.value = String(steps.of(value));
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
    const follow = () => {  // a new value: move the thumbs, keep the inputs (and the focus)
      const value = model.get("value");
      if (value.length !== inputs.length) return build();
      current = [...value];
      value.forEach((number, index) => { inputs[index].value = String(steps.of(number)); });
      show();
    };
    build();
    const undo = [watch(model, ["value"], follow), watch(model, ["min", "max", "step", "disabled", "kind"], build),
      watch(model, ["format"], show)];
    return () => undo.forEach((off) => off());
  },
};
