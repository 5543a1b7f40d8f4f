// jr.toast, jr.balloons, jr.snow (jupyter_rerun/widgets/status.py: Effect).
// An Effect model draws over the page, not in its (hidden) box: toasts stack in the
// top-right corner of the window, balloons rise and snow falls across it, then they are
// removed. Each showing is a `token` the kernel sets; the page remembers the tokens it has
// shown (for this tab, across reloads), so a view drawn again never shows one twice.
// Everything is drawn here, offline: no fonts or images are fetched.

const SEEN_KEY = "jupyter-rerun-effects-seen";
const live = new Map(); // token -> {node, arm}: toasts on screen, for in-place updates

function seenTokens() {
  if (!globalThis.__jrEffectsSeen) {
    let stored = [];
    try {
      stored = JSON.parse(sessionStorage.getItem(SEEN_KEY) || "[]");
    } catch (error) {
      stored = []; // no sessionStorage (a sandboxed frame): remember for this page only
    }
    globalThis.__jrEffectsSeen = new Set(stored);
  }
  return globalThis.__jrEffectsSeen;
}

function firstShowing(token) {
  const seen = seenTokens();
  if (!token || seen.has(token)) return false;
  seen.add(token);
  try {
    sessionStorage.setItem(SEEN_KEY, JSON.stringify([...seen].slice(-500)));
  } catch (error) {
    // storage full or refused: the token is still remembered for this page
  }
  return true;
}

const STYLE = `
.jr-toasts { position: fixed; top: 1rem; right: 1rem; z-index: 10000; display: flex;
  flex-direction: column; align-items: flex-end; gap: 0.5rem; pointer-events: none;
  width: min(22rem, calc(100vw - 2rem)); }
.jr-toast { pointer-events: auto; box-sizing: border-box; width: 100%; display: flex;
  align-items: flex-start; gap: 0.75rem; padding: 0.75rem 0.75rem 0.75rem 1rem;
  border-radius: 0.5rem; border: 1px solid var(--jp-border-color2, #e6e9ef);
  background: var(--jp-layout-color1, #fff); color: var(--jp-ui-font-color1, #31333f);
  box-shadow: 0 6px 20px rgba(0, 0, 0, 0.18); font-family: var(--jp-ui-font-family, sans-serif);
  font-size: 14px; line-height: 1.5; animation: jr-toast-in 0.2s ease-out;
  transition: opacity 0.2s, transform 0.2s; }
.jr-toast.jr-toast-leaving { opacity: 0; transform: translateX(1rem); }
.jr-toast-icon { font-size: 1.25rem; line-height: 1.25; }
.jr-toast-icon:empty { display: none; }
.jr-toast-body { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.jr-toast-body p { margin: 0; }
.jr-toast-body code { font-size: 0.9em; }
.jr-toast-close { flex: none; border: none; background: none; color: inherit; opacity: 0.55;
  cursor: pointer; font-size: 13px; line-height: 1.5; padding: 0 0.25rem; }
.jr-toast-close:hover { opacity: 1; }
.jr-effect-layer { position: fixed; inset: 0; z-index: 10001; pointer-events: none;
  overflow: hidden; }
.jr-effect-layer > * { position: absolute; }
@keyframes jr-toast-in { from { opacity: 0; transform: translateX(1rem); } }
`;

function addStyle() {
  // the stack lives on document.body, outside every cell: it brings its own styles
  if (document.getElementById("jr-effects-style")) return;
  const style = document.createElement("style");
  style.id = "jr-effects-style";
  style.textContent = STYLE;
  document.head.append(style);
}

// -- toasts -------------------------------------------------------------------------------
function toastStack() {
  let stack = document.querySelector("body > .jr-toasts");
  if (!stack) {
    stack = document.createElement("div");
    stack.className = "jr-toasts";
    document.body.append(stack);
  }
  return stack;
}

function fill(node, model) {
  node.querySelector(".jr-toast-icon").innerHTML = model.get("icon"); // made by the kernel,
  node.querySelector(".jr-toast-body").innerHTML = model.get("body"); // user text escaped
}

function showToast(model, token) {
  const node = document.createElement("div");
  node.className = "jr-toast";
  node.setAttribute("role", "status");
  node.dataset.token = token;
  node.innerHTML = '<div class="jr-toast-icon"></div><div class="jr-toast-body"></div>' +
    '<button class="jr-toast-close" type="button" aria-label="Close">\u2715</button>';
  fill(node, model);
  let timer = null;
  const close = () => {
    clearTimeout(timer);
    live.delete(token);
    node.classList.add("jr-toast-leaving");
    setTimeout(() => node.remove(), 200);
  };
  const arm = () => { // the time runs again from the start: after an update, after a hover
    clearTimeout(timer);
    const seconds = model.get("duration");
    if (seconds > 0) timer = setTimeout(close, seconds * 1000);
  };
  node.querySelector(".jr-toast-close").addEventListener("click", close);
  node.addEventListener("mouseenter", () => clearTimeout(timer));
  node.addEventListener("mouseleave", arm);
  toastStack().append(node);
  live.set(token, { node, arm });
  arm();
}

function updateToast(model) {
  const shown = live.get(model.get("token"));
  if (shown) {
    fill(shown.node, model);
    shown.arm();
  }
}

// -- balloons and snow: shapes drawn here, moved with the Web Animations API ------------
const COLOURS = ["#ff4b4b", "#ffa421", "#ffe312", "#21c354", "#00c0f2", "#803df5", "#ff8fab"];

function balloonSvg(colour) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 110" width="100%">` +
    `<path d="M30 2C13 2 3 16 3 32c0 20 17 34 27 38 10-4 27-18 27-38C57 16 47 2 30 2z" fill="${colour}"/>` +
    `<path d="M26 70h8l-4 6z" fill="${colour}"/>` +
    `<ellipse cx="19" cy="22" rx="5" ry="9" fill="#fff" opacity="0.35"/>` +
    `<path d="M30 76q-5 9 1 17t-1 16" stroke="#8a8f98" stroke-width="1.2" fill="none"/></svg>`;
}

function flakeSvg() {
  const arms = [0, 60, 120].map((angle) =>
    `<line x1="12" y1="1" x2="12" y2="23" transform="rotate(${angle} 12 12)"/>`).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="100%" ` +
    `stroke="#a8d8ff" stroke-width="2" stroke-linecap="round">${arms}</svg>`;
}

function layer(shapes, frames) {
  const node = document.createElement("div");
  node.className = "jr-effect-layer";
  document.body.append(node);
  let longest = 0;
  for (const shape of shapes) {
    const item = document.createElement("div");
    Object.assign(item.style, { left: `${shape.left}%`, top: shape.top, width: `${shape.size}px` });
    item.innerHTML = shape.svg;
    node.append(item);
    item.animate(frames(shape), { duration: shape.duration, delay: shape.delay,
                                  easing: shape.easing, fill: "both" });
    longest = Math.max(longest, shape.delay + shape.duration);
  }
  setTimeout(() => node.remove(), longest + 100); // gone once the last shape is off screen
}

function balloons() {
  const rise = window.innerHeight * 1.3;
  const shapes = Array.from({ length: 30 }, (_, i) => ({
    svg: balloonSvg(COLOURS[i % COLOURS.length]), left: Math.random() * 95, top: "100%",
    size: 45 + Math.random() * 35, delay: Math.random() * 1000,
    duration: 2600 + Math.random() * 1400, easing: "ease-in", sway: (Math.random() - 0.5) * 120,
  }));
  layer(shapes, (shape) => [{ transform: "translate(0, 0)" },
                            { transform: `translate(${shape.sway}px, -${rise + shape.size * 2}px)` }]);
}

function snow() {
  const fall = window.innerHeight * 1.1;
  const shapes = Array.from({ length: 70 }, () => ({
    svg: flakeSvg(), left: Math.random() * 100, top: "-5%", size: 10 + Math.random() * 16,
    delay: Math.random() * 2500, duration: 4500 + Math.random() * 3000, easing: "linear",
    sway: (Math.random() - 0.5) * 160, spin: (Math.random() - 0.5) * 720,
  }));
  layer(shapes, (shape) => [{ transform: "translate(0, 0) rotate(0deg)", opacity: 0.95 },
                            { transform: `translate(${shape.sway}px, ${fall}px) rotate(${shape.spin}deg)`,
                              opacity: 0.6 }]);
}

function show(model) {
  const token = model.get("token");
  if (!firstShowing(token)) return;
  addStyle();
  const kind = model.get("kind");
  if (kind === "toast") {
    showToast(model, token);
  } else if (!window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    (kind === "snow" ? snow : balloons)();
  }
}

export default {
  initialize({ model }) {
    // on the model, not a view: it shows once per token, placed on the page or not
    const onToken = () => show(model);
    const onContent = () => updateToast(model);
    model.on("change:token", onToken);
    model.on("change:body", onContent);
    model.on("change:icon", onContent);
    model.on("change:duration", onContent);
    onToken();
    return () => {
      model.off("change:token", onToken);
      model.off("change:body", onContent);
      model.off("change:icon", onContent);
      model.off("change:duration", onContent);
    };
  },
  render() {
    // nothing in the box itself: see initialize
  },
};
