// HTML made in the kernel that needs a script (jupyter_rerun/widgets/text.py: HTMLBlock):
// jr.code's block, whose copy button copies its .jr-code-text lines (the clipboard API
// needs a secure context, localhost is one; elsewhere the lines are selected and copied
// with execCommand), and jr.html(..., unsafe_allow_javascript=True), whose <script>s run
// (scripts set through innerHTML never do, so each is made anew).

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

function runScripts(el) {
  for (const old of el.querySelectorAll("script")) {
    const script = document.createElement("script");
    for (const { name, value } of old.attributes) script.setAttribute(name, value);
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}

function render({ model, el }) {
  const draw = () => {
    el.innerHTML = model.get("html");
    if (model.get("scripts")) runScripts(el);
    const button = el.querySelector(".jr-code-copy");
    if (button) button.addEventListener("click", () => copy(el, button));
  };
  draw();
  model.on("change:html", draw);
  return () => model.off("change:html", draw);
}

export default { render };
