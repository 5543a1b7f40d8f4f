// The label above one of our input models' controls, drawn as page.css draws the labels
// of the ipywidgets inputs (prepended to each input module by jupyter_rerun/widgets/inputs.py).

function labelFor(model) {
  const label = document.createElement("label");
  label.className = "jr-input-label";
  const draw = () => {
    const text = model.get("description");
    // HTML made in the kernel for ipywidgets' labels, which typeset math: a dollar that is
    // not math comes written "\\$" for the typesetter; no typesetter runs here
    if (model.get("description_allow_html")) label.innerHTML = text.replace(/\\\$/g, "$");
    else label.textContent = text;
    const help = model.get("tooltip");
    if (help) {  // Streamlit's help: a mark beside the label, the text on hover
      const mark = document.createElement("span");
      mark.className = "jr-input-help";
      mark.textContent = "?";
      mark.title = help;
      mark.setAttribute("aria-label", help);
      label.append(mark);
    }
    label.style.display = text ? "" : "none";
  };
  draw();
  model.on("change:description change:tooltip", draw);
  return label;
}

// Call `callback` when any of the traits `names` changes; returns what undoes it (a view
// that is removed must stop listening to the model, which lives on).
function watch(model, names, callback) {
  const events = names.map((name) => `change:${name}`).join(" ");
  model.on(events, callback);
  return () => model.off(events, callback);
}

// The keys pressed in one of our controls are the control's: JupyterLab's command-mode
// shortcuts match the focused element itself (ArrowRight on ":focus" folds headings) and
// would cancel a range input's step. Lumino skips an element marked so.
function ownKeys(node) {
  node.setAttribute("data-lm-suppress-shortcuts", "true");
  return node;
}
