// jr.file_uploader (jupyter_rerun/widgets/files.py: FileDrop): a drop zone with an Upload
// button, the files the kernel holds (each with an x), and the uploads under way.

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-file-drop");
    el.append(labelFor(model));
    const zone = element("div", "jr-drop-zone");
    const input = element("input", "jr-drop-input");
    input.type = "file";
    input.hidden = true;
    const browse = ownKeys(element("button", "jupyter-widgets jupyter-button widget-button jr-drop-browse"));
    browse.type = "button";
    const note = element("span", "jr-drop-note");
    const hint = element("div", "jr-drop-hint");
    const list = element("div", "jr-file-list");
    zone.append(input, browse, note, hint);
    el.append(zone, list);
    const answers = new Answers(model);
    const pending = [];  // {name, size, progress, error, id, cancelled}

    const drawZone = () => {
      const disabled = model.get("disabled");
      input.multiple = model.get("multiple") || model.get("directory");
      input.webkitdirectory = model.get("directory");
      input.accept = model.get("accept").join(",");
      input.disabled = browse.disabled = disabled;
      el.classList.toggle("jr-disabled", disabled);
      browse.replaceChildren(element("span", "jr-drop-icon", "⬆"),
        element("span", "", model.get("directory") ? "Upload directories" : "Upload"));
      note.textContent = model.get("note");
      hint.textContent = model.get("directory") ? "Drag and drop directories here"
        : model.get("multiple") ? "Drag and drop files here" : "Drag and drop a file here";
    };
    const row = (name, size, onRemove) => {
      const item = element("div", "jr-file");
      item.append(element("span", "jr-file-icon", "📄"), element("span", "jr-file-name", name),
        element("span", "jr-file-size", size));
      const remove = ownKeys(element("button", "jr-file-remove", "×"));
      remove.type = "button";
      remove.title = "Remove file";
      remove.disabled = model.get("disabled");
      remove.addEventListener("click", onRemove);
      item.append(remove);
      return item;
    };
    const drawList = () => {
      const rows = model.get("files").map((file) => row(file.name, sizeText(file.size),
        () => model.send({ event: "remove", id: file.id })));
      for (const entry of pending) {
        const item = row(entry.name, entry.error ? "" : sizeText(entry.size), () => {
          entry.cancelled = true;  // upload() tells the kernel once its answer is in
          pending.splice(pending.indexOf(entry), 1);
          drawList();
        });
        item.classList.add(entry.error ? "jr-file-error" : "jr-file-uploading");
        if (entry.error) item.append(element("div", "jr-file-message", entry.error));
        else {
          const bar = element("div", "jr-file-progress");
          bar.style.width = `${Math.round(entry.progress * 100)}%`;
          item.append(bar);
        }
        rows.push(item);
      }
      list.replaceChildren(...rows);
    };

    const take = uploader(model, answers, pending, drawList);

    browse.addEventListener("click", () => input.click());
    input.addEventListener("change", () => {
      take(Array.from(input.files));
      input.value = "";  // the same file chosen again is a change again
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.toggle("jr-drag-active", !model.get("disabled"));
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("jr-drag-active"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("jr-drag-active");
      take(Array.from(event.dataTransfer.files));
    });

    drawZone();
    drawList();
    const unwatchZone = watch(model, ["disabled", "multiple", "directory", "accept", "note"], () => {
      drawZone();
      drawList();
    });
    const unwatchList = watch(model, ["files"], drawList);
    return () => {
      unwatchZone();
      unwatchList();
      answers.stop();
      for (const entry of pending) entry.cancelled = true;
    };
  },
};
