// jr.form's Enter key (jupyter_rerun/widgets/forms.py: FormKeys). This hidden model sits in
// the form's box; Enter in one of the form's one-line fields asks the kernel to submit the
// form (it does when the form has enter_to_submit and a first submit button not disabled).
//
// The field's own value must reach the kernel first, or the submit would carry the old
// one: the listener runs in the capture phase, before the field's handlers, so it fires
// the field's "change" (ipywidgets' text fields send their value on it) and sends its own
// message a task later, after the field's keydown handlers (our number box commits on
// Enter) have sent theirs. Messages on one websocket keep their order.

const FIELDS = new Set(["text", "password", "email", "number", "search", "tel", "url"]);

export default {
  render({ model, el }) {
    const onKey = (event) => {
      if (event.key !== "Enter" || event.isComposing || event.shiftKey || event.altKey) return;
      const form = el.closest(".jr-form");
      const field = event.target;
      if (!form || !form.contains(field) || !(field instanceof HTMLInputElement)) return;
      if (!FIELDS.has(field.type) || field.disabled) return;
      // the nearest form only: a form inside another is refused by the kernel anyway
      if (field.closest(".jr-form") !== form) return;
      field.dispatchEvent(new Event("change", { bubbles: true }));
      setTimeout(() => model.send({ event: "enter" }), 0);
    };
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  },
};
