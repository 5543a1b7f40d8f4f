// jr.download_button and jr.link_button (jupyter_rerun/widgets/files.py). Both look like
// jr.button (the classes inputs.css styles; its type class is on the host). A download
// saves a Blob through a temporary <a download>: the model's `data` when it came with the
// model, else the file the kernel sends when asked (`lazy`: big data, or a callable's).
// A link is an <a target="_blank">. A click reaches the kernel (a rerun) when `rerun`.

const BUTTON = "jupyter-widgets jupyter-button widget-button jr-icon-button";

function face(model, node) {
  const icon = document.createElement("span");
  icon.className = "jr-button-icon";
  icon.innerHTML = model.get("icon");  // HTML made in the kernel
  const text = document.createElement("span");
  text.className = "jr-button-text";
  text.innerHTML = model.get("description");  // markdown made HTML in the kernel
  const parts = model.get("icon_position") === "right" ? [text, icon] : [icon, text];
  node.replaceChildren(...parts.filter((part) => part.innerHTML));
  node.title = model.get("tooltip") || "";
}

function save(bytes, name, mime) {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

let requests = 0;

function fetchFile(model) {  // -> Promise of {bytes, mime} or {error}
  const request = `${Date.now()}-${++requests}`;
  return new Promise((resolve) => {
    const answer = (msg, buffers) => {
      if (msg.request !== request) return;
      model.off("msg:custom", answer);
      resolve(msg.event === "file" ? { bytes: buffers[0], mime: msg.mime, name: msg.name } : { error: msg.error });
    };
    model.on("msg:custom", answer);
    model.send({ event: "fetch", request });
  });
}

function renderDownload(model, el) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = BUTTON;
  button.setAttribute("data-lm-suppress-shortcuts", "true");
  el.append(button);
  const draw = () => {
    face(model, button);
    button.disabled = model.get("disabled");
  };
  button.addEventListener("click", async () => {
    if (model.get("rerun")) model.send({ event: "click" });
    if (!model.get("lazy")) {
      save(model.get("data"), model.get("file_name"), model.get("mime"));
      return;
    }
    button.classList.add("jr-busy");
    const file = await fetchFile(model);
    button.classList.remove("jr-busy");
    if (file.error) button.title = file.error;
    else save(file.bytes, file.name, file.mime);
  });
  return draw;
}

function renderLink(model, el) {
  const link = document.createElement("a");
  link.className = BUTTON;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  el.append(link);
  const draw = () => {
    face(model, link);
    const disabled = model.get("disabled");
    link.classList.toggle("jr-link-disabled", disabled);
    link.setAttribute("aria-disabled", String(disabled));
    if (disabled) link.removeAttribute("href");
    else link.href = model.get("url");
  };
  link.addEventListener("click", () => {
    if (model.get("rerun") && !model.get("disabled")) model.send({ event: "click" });
  });
  return draw;
}

export default {
  render({ model, el }) {
    el.classList.add("jr-icon-button-host", "jr-file-button");
    const draw = model.get("url") === undefined ? renderDownload(model, el) : renderLink(model, el);
    draw();
    const events = ["description", "icon", "icon_position", "disabled", "tooltip", "url"]
      .map((name) => `change:${name}`).join(" ");
    model.on(events, draw);
    return () => model.off(events, draw);
  },
};
