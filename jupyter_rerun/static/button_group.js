// jr.pills, jr.segmented_control, jr.feedback and jr.radio with captions
// (jupyter_rerun/widgets/inputs.py: ButtonGroup). `value` is the list of chosen indices:
// one at most in single mode (choosing it again takes it back, unless `required`), any
// number in multi mode, in the order they were chosen. Each click commits.

function starIcon() {
  const points = [];
  for (let corner = 0; corner < 10; corner += 1) {
    const radius = corner % 2 === 0 ? 10 : 4.2;
    const angle = (Math.PI / 5) * corner - Math.PI / 2;
    points.push(`${(12 + radius * Math.cos(angle)).toFixed(2)},${(12.6 + radius * Math.sin(angle)).toFixed(2)}`);
  }
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("class", "jr-star");
  const polygon = document.createElementNS("http://www.w3.org/2000/svg", "polygon");
  polygon.setAttribute("points", points.join(" "));
  polygon.setAttribute("stroke-linejoin", "round");
  svg.append(polygon);
  return svg;
}

function optionContent(model, index) {
  const style = model.get("look");
  if (style === "stars") return [starIcon()];
  const text = document.createElement("span");
  text.className = "jr-option-text";
  text.innerHTML = model.get("options")[index] || ""; // HTML made (and escaped) in the kernel
  if (style !== "radio") return [text];
  const mark = document.createElement("span");
  mark.className = "jr-radio-mark";
  const body = document.createElement("span");
  body.className = "jr-radio-body";
  body.append(text);
  const caption = model.get("captions")[index];
  if (caption) {
    const note = document.createElement("span");
    note.className = "jr-radio-caption";
    note.innerHTML = caption; // HTML made in the kernel
    body.append(note);
  }
  return [mark, body];
}

function chosenAfter(model, index) {
  const value = model.get("value");
  if (model.get("multi")) {
    return value.includes(index) ? value.filter((item) => item !== index) : [...value, index];
  }
  if (value[0] === index) return model.get("required") || model.get("look") === "radio" ? value : [];
  return [index];
}

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-button-group");
    const group = document.createElement("div");
    group.className = "jr-group-options";
    el.append(labelFor(model), group);
    let buttons = [];

    const mark = () => {
      const value = model.get("value");
      const stars = model.get("look") === "stars";
      const top = value.length ? value[0] : -1;
      buttons.forEach((button, index) => {
        const on = stars ? index <= top : value.includes(index);
        button.classList.toggle("jr-selected", on);
        button.setAttribute("aria-checked", String(value.includes(index)));
      });
    };
    const build = () => {
      const style = model.get("look");
      el.dataset.style = style;
      const count = model.get("options").length;
      const order = model.get("order").length ? model.get("order") : [...Array(count).keys()];
      group.setAttribute("role", model.get("multi") ? "group" : "radiogroup");
      group.classList.toggle("jr-vertical", !model.get("horizontal"));
      buttons = new Array(count);
      group.replaceChildren(...order.map((index) => {
        const button = ownKeys(document.createElement("button"));
        button.type = "button";
        button.className = "jr-option";
        button.setAttribute("role", model.get("multi") ? "checkbox" : "radio");
        button.disabled = model.get("disabled");
        button.append(...optionContent(model, index));
        if (style === "stars") {  // hovering a star lights it and the ones before, as Streamlit's
          button.setAttribute("aria-label", `${index + 1} star${index ? "s" : ""}`);
          button.addEventListener("mouseenter", () => buttons.forEach((other, at) => other.classList.toggle("jr-hover", at <= index)));
          button.addEventListener("mouseleave", () => buttons.forEach((other) => other.classList.remove("jr-hover")));
        }
        button.addEventListener("click", () => {
          model.set("value", chosenAfter(model, index));
          model.save_changes();
        });
        buttons[index] = button;
        return button;
      }));
      el.classList.toggle("jr-disabled", model.get("disabled"));
      mark();
    };
    build();
    const undo = [watch(model, ["value"], mark),
      watch(model, ["options", "captions", "order", "look", "multi", "disabled", "horizontal"], build)];
    return () => undo.forEach((off) => off());
  },
};
