// The kernel's one VegaLibrary model (jupyter_rerun/widgets/vega.py). Vega, Vega-Lite and
// vega-embed arrive once, as a gzipped ES module in the binary `source` (0.9 MB of text as
// an `_esm` would be sent as JSON and evaluated per model). Nothing slow happens in
// initialize(): anywidget gives a model 2 s to initialize. The first chart to draw calls
// load(), which unpacks the module, imports it, and resolves to its exports.

async function gunzip(view) {
  const blob = new Blob([new Uint8Array(view.buffer, view.byteOffset, view.byteLength)]);
  const stream = blob.stream().pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

async function importText(text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/javascript" }));
  try {
    return await import(/* webpackIgnore: true */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export default {
  initialize({ model }) {
    let loading = null;
    const load = () => (loading ??= gunzip(model.get("source"))
      .then(importText)
      .then((bundle) => bundle.default.initialize({ model })));
    return { load };
  },
};
