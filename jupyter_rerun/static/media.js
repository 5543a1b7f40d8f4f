// jr.image / jr.pyplot / jr.audio / jr.video (jupyter_rerun/widgets/media.py).
// Encoded media arrive as binary buffers (item.data, a DataView) and are shown through blob
// URLs; a URL the kernel could not fetch (offline) is handed to the browser to try.
// Sizing that must hold outside a %%rerun cell is set inline; the look is in media.css.

function blobUrl(view, mime, urls) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  urls.add(url);
  return url;
}

function sourceOf(item, urls) {
  return item.data ? blobUrl(item.data, item.mime, urls) : item.url || "";
}

function sized(node, width) {
  node.style.maxWidth = "100%";
  node.style.width = width === "stretch" ? "100%" : typeof width === "number" ? `${width}px` : "";
  return node;
}

// -- images: a row of figures that wraps, each an <img> and its caption -------------------
function figure(item, width, link, urls) {
  const box = document.createElement("figure");
  box.className = "jr-media-figure";
  box.style.margin = "0";
  box.style.maxWidth = "100%";
  if (width === "stretch") box.style.width = "100%";
  const image = sized(document.createElement("img"), width);
  image.style.height = "auto";
  image.style.display = "block";
  image.src = sourceOf(item, urls);
  if (item.alt !== null && item.alt !== undefined) image.alt = item.alt;
  if (link) {
    const anchor = document.createElement("a");
    Object.assign(anchor, { href: link, target: "_blank", rel: "noopener noreferrer" });
    anchor.append(image);
    box.append(anchor);
  } else {
    box.append(image);
  }
  if (item.caption) {
    const caption = document.createElement("figcaption");
    caption.className = "jr-media-caption";
    caption.innerHTML = item.caption; // HTML made (and escaped) in the kernel
    box.append(caption);
  }
  return box;
}

function images(model, urls) {
  const row = document.createElement("div");
  row.className = "jr-media-images";
  Object.assign(row.style, { display: "flex", flexWrap: "wrap", gap: "8px", maxWidth: "100%" });
  const [width, link] = [model.get("width"), model.get("link")];
  for (const item of model.get("items")) row.append(figure(item, width, link, urls));
  return row;
}

// -- audio and video: one player, with Streamlit's start/end time and loop -----------------
function player(model, urls) {
  const kind = model.get("kind");
  const [item] = model.get("items");
  const options = model.get("options");
  if (item && item.mime === "text/html") { // a YouTube link: its embed page, in an iframe
    const frame = sized(document.createElement("iframe"), model.get("width"));
    Object.assign(frame, { src: item.url, allowFullscreen: true });
    frame.style.aspectRatio = "16 / 9";
    frame.style.border = "0";
    return frame;
  }
  const media = sized(document.createElement(kind), model.get("width"));
  media.className = `jr-media-${kind}`;
  media.controls = true;
  if (item && item.alt) media.setAttribute("aria-label", item.alt); // the player's name
  media.preload = "metadata";
  if (kind === "video") media.muted = Boolean(options.muted);
  model.get("tracks").forEach((track, index) => {
    const node = document.createElement("track");
    Object.assign(node, { kind: "captions", label: track.label, default: index === 0 });
    node.src = blobUrl(track.data, "text/vtt", urls);
    media.append(node);
  });
  const start = options.start || 0;
  const end = options.end ?? null;
  media.addEventListener("loadedmetadata", () => { if (start) media.currentTime = start; });
  media.addEventListener("timeupdate", () => {
    if (end === null || media.currentTime < end) return;
    if (options.loop) media.currentTime = start;
    else media.pause();
  });
  media.addEventListener("ended", () => {
    if (!options.loop) return;
    media.currentTime = start;
    media.play();
  });
  media.autoplay = Boolean(options.autoplay);
  if (item) media.src = sourceOf(item, urls);
  return media;
}

function render({ model, el }) {
  el.classList.add("jr-media");
  let urls = new Set();
  const draw = async () => {
    const [old, fresh] = [urls, new Set()];
    urls = fresh;
    const node = (model.get("kind") === "image" ? images : player)(model, fresh);
    if (el.childElementCount) {
      // a redraw: the old images stay until the new ones have decoded (no blank frame)
      await Promise.all([...node.querySelectorAll("img")].map((img) => img.decode().catch(() => {})));
      if (urls !== fresh) return fresh.forEach((url) => URL.revokeObjectURL(url)); // overtaken
    }
    el.replaceChildren(node);
    old.forEach((url) => URL.revokeObjectURL(url));
  };
  draw();
  model.on("change", draw);
  return () => {
    model.off("change", draw);
    urls.forEach((url) => URL.revokeObjectURL(url));
  };
}

export default { render };
