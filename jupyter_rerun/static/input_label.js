// The label above one of our input models' controls, drawn as page.css draws the labels
// of the ipywidgets inputs (prepended to each input module by jupyter_rerun/widgets/inputs.py).

function labelFor(model) {
  const label = document.createElement("label");
  label.className = "jr-input-label";
  const draw = () => {
    const text = model.get("description");
    if (model.get("description_allow_html")) label.innerHTML = text; // HTML made in the kernel
    else label.textContent = text;
    label.style.display = text ? "" : "none";
  };
  draw();
  model.on("change:description", draw);
  return label;
}
