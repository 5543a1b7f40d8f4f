// jr.multiselect with max_selections or accept_new_options (jupyter_rerun/widgets/inputs.py:
// ChipSelect): chips in a box, picked from a list that filters as you type. At the limit the
// list says so and takes nothing more (as Streamlit's); with accept_new, Enter adds the
// typed text as a new option. Each pick or removal commits.

function matches(mode, label, text) {
  if (!text) return true;
  const [haystack, needle] = [label.toLowerCase(), text.toLowerCase()];
  if (mode === "prefix") return haystack.startsWith(needle);
  if (mode === "contains" || mode === "none") return haystack.includes(needle);
  let at = 0;  // fuzzy: the typed letters, in order
  for (const letter of haystack) if (letter === needle[at]) at += 1;
  return at === needle.length;
}

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-chip-select");
    const box = document.createElement("div");
    box.className = "jr-chip-box";
    const input = ownKeys(document.createElement("input"));
    input.type = "text";
    input.className = "jr-chip-text";
    input.setAttribute("aria-label", model.get("description") || "options");
    const chipList = document.createElement("span");
    chipList.className = "jr-chip-list";  // display: contents, so chips and field wrap alike
    box.append(chipList, input);
    const menu = document.createElement("div");
    menu.className = "jr-chip-menu";
    menu.setAttribute("role", "listbox");
    menu.hidden = true;
    el.append(labelFor(model), box, menu);
    let highlighted = 0;

    const full = () => model.get("max_selections") > 0 && model.get("value").length >= model.get("max_selections");
    const choices = () => {
      const chosen = new Set(model.get("value"));
      return model.get("options").filter((label) => !chosen.has(label) && matches(model.get("filter_mode"), label, input.value.trim()));
    };
    const save = (value) => {
      model.set("value", value);
      model.save_changes();
    };
    const add = (label) => {
      if (full() || !label || model.get("value").includes(label)) return;
      input.value = "";
      save([...model.get("value"), label]);
    };
    const drawMenu = () => {
      if (document.activeElement !== input) { menu.hidden = true; return; }
      menu.hidden = false;
      if (full()) {
        const limit = model.get("max_selections");
        menu.replaceChildren(Object.assign(document.createElement("div"), {
          className: "jr-chip-note",
          textContent: `You can only select up to ${limit} option${limit === 1 ? "" : "s"}. Remove an option first.`,
        }));
        return;
      }
      const items = choices();
      const typed = input.value.trim();
      const rows = items.map((label, index) => {
        const row = document.createElement("div");
        row.className = "jr-chip-option" + (index === highlighted ? " jr-highlighted" : "");
        row.setAttribute("role", "option");
        row.textContent = label;
        row.addEventListener("mousedown", (event) => { event.preventDefault(); add(label); });
        return row;
      });
      if (model.get("accept_new") && typed && !model.get("options").includes(typed) && !model.get("value").includes(typed)) {
        const row = document.createElement("div");
        row.className = "jr-chip-option jr-chip-new" + (rows.length === highlighted ? " jr-highlighted" : "");
        row.textContent = `Add: ${typed}`;
        row.addEventListener("mousedown", (event) => { event.preventDefault(); add(typed); });
        rows.push(row);
      }
      if (!rows.length) rows.push(Object.assign(document.createElement("div"), { className: "jr-chip-note", textContent: "No results" }));
      menu.replaceChildren(...rows);
    };
    const draw = () => {
      const chips = model.get("value").map((label, index) => {
        const chip = document.createElement("span");
        chip.className = "jr-chip";
        chip.append(Object.assign(document.createElement("span"), { textContent: label }));
        const close = document.createElement("button");
        close.type = "button";
        close.className = "jr-chip-close";
        close.textContent = "\u00d7";
        close.setAttribute("aria-label", `Remove ${label}`);
        close.disabled = model.get("disabled");
        close.addEventListener("mousedown", (event) => {
          event.preventDefault();
          save(model.get("value").filter((_, at) => at !== index));
        });
        chip.append(close);
        return chip;
      });
      chipList.replaceChildren(...chips);
      input.disabled = model.get("disabled");
      input.placeholder = model.get("value").length ? "" : model.get("placeholder");
      el.classList.toggle("jr-disabled", model.get("disabled"));
      el.classList.toggle("jr-full", full());
      drawMenu();
    };
    box.addEventListener("mousedown", (event) => {
      if (event.target === box) { event.preventDefault(); input.focus(); }
    });
    input.addEventListener("focus", drawMenu);
    input.addEventListener("blur", () => { menu.hidden = true; });
    input.addEventListener("input", () => { highlighted = 0; drawMenu(); });
    input.addEventListener("keydown", (event) => {
      const items = choices();
      const typed = input.value.trim();
      const extra = model.get("accept_new") && typed && !model.get("options").includes(typed) ? 1 : 0;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const count = items.length + extra;
        if (count) highlighted = (highlighted + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
        drawMenu();
      } else if (event.key === "Enter") {
        event.preventDefault();
        if (highlighted < items.length) add(items[highlighted]);
        else if (extra) add(typed);
        highlighted = 0;
      } else if (event.key === "Backspace" && !input.value && model.get("value").length) {
        save(model.get("value").slice(0, -1));
      } else if (event.key === "Escape") {
        input.blur();
      }
    });
    draw();
    return watch(model, ["value", "options", "max_selections", "accept_new", "placeholder", "disabled"], draw);
  },
};
