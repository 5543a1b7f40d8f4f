// Shared by the layout controls (popover.js, dialog.js, sidebar.js: the models of
// jupyter_rerun/widgets/layout.py). Each control is a child of the ipywidgets box it
// opens and closes; the box is found in the page once the control's view is placed there.

// Call `found(box)` once `el` is in the page, inside an element matching `selector`. A
// widget's view is drawn before its parent box puts it in the page, hence the wait.
function whenPlaced(el, selector, found) {
  let tries = 0;
  let stopped = false;
  const look = () => {
    if (stopped) return;
    const box = el.isConnected ? el.closest(selector) : null;
    if (box) found(box);
    else if (tries++ < 1500) setTimeout(look, 20);
  };
  look();
  return () => {
    stopped = true;
  };
}

// Where `left: 0; top: 0` puts a `position: fixed` node, in the window's coordinates: the
// window's corner on a Voila page; in JupyterLab the notebook panel's (its `contain: strict`
// makes it the box of everything fixed inside it).
function fixedOrigin(node) {
  const left = node.style.left;
  const top = node.style.top;
  node.style.left = "0px";
  node.style.top = "0px";
  const rect = node.getBoundingClientRect();
  node.style.left = left;
  node.style.top = top;
  return { left: rect.left, top: rect.top };
}

// Keys pressed in a control are its own, not JupyterLab's shortcuts.
function ownKeys(node) {
  node.setAttribute("data-lm-suppress-shortcuts", "true");
}

// A line drawing in the text's colour (chevrons, a cross), as an SVG string.
function strokes(path, size = 18) {
  return `<svg viewBox="0 0 24 24" width="${size}" height="${size}" aria-hidden="true">` +
    `<path d="${path}" fill="none" stroke="currentColor" stroke-width="2" ` +
    'stroke-linecap="round" stroke-linejoin="round"/></svg>';
}
