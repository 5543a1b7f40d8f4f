// jr.chat_input (jupyter_rerun/widgets/chat.py: ChatInput): a message field that grows with
// its text, a send button, and, when it takes files, an attach button and the files
// attached so far (uploaded at once, as file_drop.js does, and sent with the message).
// Enter sends; Shift+Enter starts a new line. The field empties as the message leaves.

const SEND_ICON = "<svg viewBox='0 0 24 24' width='18' height='18' aria-hidden='true'>" +
  "<path fill='currentColor' d='M3 20.5v-6.2l8-2.3-8-2.3V3.5L22 12z'/></svg>";
const ATTACH_ICON = "<svg viewBox='0 0 24 24' width='18' height='18' aria-hidden='true'>" +
  "<path fill='currentColor' d='M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 " +
  "0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z'/></svg>";

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-chat-field");
    const box = element("div", "jr-chat-box");
    const list = element("div", "jr-chat-files");
    const row = element("div", "jr-chat-row");
    const input = element("input");
    input.type = "file";
    input.hidden = true;
    const attach = ownKeys(element("button", "jr-chat-attach"));
    attach.type = "button";
    attach.title = "Attach files";
    attach.innerHTML = ATTACH_ICON;
    const text = ownKeys(element("textarea", "jr-chat-text"));
    text.rows = 1;
    const send = ownKeys(element("button", "jr-chat-send"));
    send.type = "button";
    send.title = "Send";
    send.setAttribute("aria-label", "Send");
    send.innerHTML = SEND_ICON;
    const counter = element("span", "jr-chat-count");
    row.append(input, attach, text, counter, send);
    box.append(list, row);
    el.append(box);
    const answers = new Answers(model);
    const pending = [];  // uploads under way: {name, size, progress, error, id, cancelled}

    const fit = () => {  // grow with the text, as Streamlit's field does, up to a limit
      text.style.height = "auto";
      text.style.height = `${Math.min(text.scrollHeight, 240)}px`;
    };
    const ready = () => {
      const limit = model.get("max_chars");
      counter.textContent = limit ? `${text.value.length}/${limit}` : "";
      const something = text.value.trim() !== "" || model.get("files").length > 0;
      send.disabled = model.get("disabled") || !something || pending.some((entry) => !entry.error);
    };
    const drawField = () => {
      const disabled = model.get("disabled");
      text.placeholder = model.get("placeholder");
      text.disabled = input.disabled = attach.disabled = disabled;
      const limit = model.get("max_chars");
      if (limit) text.maxLength = limit;
      else text.removeAttribute("maxlength");
      attach.hidden = !model.get("accept_file");
      input.multiple = model.get("multiple") || model.get("directory");
      input.webkitdirectory = model.get("directory");
      input.accept = model.get("accept").join(",");
      el.classList.toggle("jr-disabled", disabled);
      ready();
    };
    const chip = (name, size, onRemove, state) => {
      const item = element("div", `jr-chat-file ${state}`);
      item.append(element("span", "jr-file-name", name), element("span", "jr-file-size", size));
      const remove = ownKeys(element("button", "jr-file-remove", "×"));
      remove.type = "button";
      remove.title = "Remove file";
      remove.addEventListener("click", onRemove);
      item.append(remove);
      return item;
    };
    const drawFiles = () => {
      const chips = model.get("files").map((file) => chip(file.name, sizeText(file.size),
        () => model.send({ event: "remove", id: file.id }), ""));
      for (const entry of pending) {
        chips.push(chip(entry.name, entry.error || `${Math.round(entry.progress * 100)}%`, () => {
          entry.cancelled = true;
          pending.splice(pending.indexOf(entry), 1);
          drawFiles();
        }, entry.error ? "jr-file-error" : "jr-file-uploading"));
      }
      list.replaceChildren(...chips);
      ready();
    };

    const uploadFiles = uploader(model, answers, pending, drawFiles);
    const take = (files) => {
      if (model.get("accept_file")) uploadFiles(files);
    };
    const submit = () => {
      if (send.disabled) return;
      model.send({ event: "submit", text: text.value });
      text.value = "";
      for (const entry of pending.filter((entry) => entry.error)) pending.splice(pending.indexOf(entry), 1);
      fit();
      drawFiles();
    };

    // JupyterLab takes Shift+Enter and Ctrl+Enter (run the cell) in the capture phase of
    // the document, whatever data-lm-suppress-shortcuts says; the window's capture phase
    // comes first, so the field's Enter keys are kept from it there
    const onEnter = (event) => {
      if (event.target !== text || event.key !== "Enter") return;
      event.stopPropagation();
      if (event.isComposing) return;  // an input method composing a word takes it
      event.preventDefault();
      if (event.shiftKey) {  // a new line, put in by hand: no one else's handler decides it
        text.setRangeText("\n", text.selectionStart, text.selectionEnd, "end");
        fit();
        ready();
      } else {
        submit();  // Enter sends
      }
    };
    window.addEventListener("keydown", onEnter, true);
    text.addEventListener("input", () => {
      fit();
      ready();
    });
    send.addEventListener("click", submit);
    attach.addEventListener("click", () => input.click());
    input.addEventListener("change", () => {
      take(Array.from(input.files));
      input.value = "";
    });
    box.addEventListener("dragover", (event) => {
      if (!model.get("accept_file")) return;
      event.preventDefault();
      box.classList.add("jr-drag-active");
    });
    box.addEventListener("dragleave", () => box.classList.remove("jr-drag-active"));
    box.addEventListener("drop", (event) => {
      if (!model.get("accept_file")) return;
      event.preventDefault();
      box.classList.remove("jr-drag-active");
      take(Array.from(event.dataTransfer.files));
    });
    const putDraft = () => {
      const [serial, draft] = model.get("draft");
      if (serial > 0 && draft) {
        text.value = draft;
        fit();
        ready();
      }
    };

    drawField();
    drawFiles();
    putDraft();
    const unwatch = [
      watch(model, ["disabled", "placeholder", "max_chars", "accept_file", "multiple", "directory", "accept"], drawField),
      watch(model, ["files"], drawFiles),
      watch(model, ["draft"], putDraft),
    ];
    return () => {
      window.removeEventListener("keydown", onEnter, true);
      for (const stop of unwatch) stop();
      answers.stop();
      for (const entry of pending) entry.cancelled = true;
    };
  },
};
