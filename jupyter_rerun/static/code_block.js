// jr.code (jupyter_rerun/widgets/text.py): the kernel sends the highlighted code as HTML,
// one .jr-code-text element per line; this draws it and makes its copy button work.
// The clipboard API needs a secure context (localhost is one); elsewhere the lines are
// selected and copied with execCommand, and failing that left selected for Ctrl+C.

function codeText(el) {
  return [...el.querySelectorAll(".jr-code-text")].map((line) => line.textContent).join("\n");
}

function selectLines(el) {
  const range = document.createRange();
  range.selectNodeContents(el.querySelector(".jr-code-lines"));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

async function copy(el, button) {
  const text = codeText(el);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    selectLines(el);
    document.execCommand("copy");
  }
  el.dataset.copied = text;  // what was copied, for the browser test
  button.classList.add("jr-copied");
  setTimeout(() => button.classList.remove("jr-copied"), 1500);
}

function render({ model, el }) {
  const draw = () => {
    el.innerHTML = model.get("html");
    const button = el.querySelector(".jr-code-copy");
    if (button) button.addEventListener("click", () => copy(el, button));
  };
  draw();
  model.on("change:html", draw);
  return () => model.off("change:html", draw);
}

export default { render };
