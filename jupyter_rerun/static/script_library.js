// A library of classic scripts (plotly.min.js, bokeh.min.js, ...) shipped once per kernel
// (jupyter_rerun/widgets/library.py). The scripts arrive gzipped in the binary `source`.
// Nothing slow happens in initialize(): anywidget gives a model 2 s to initialize, and
// unpacking and evaluating 4.8 MB of plotly.js on a busy machine can take longer. The
// first element that needs the library calls load(), in its own render().

async function gunzip(view) {
  const blob = new Blob([new Uint8Array(view.buffer, view.byteOffset, view.byteLength)]);
  const stream = blob.stream().pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

function evaluate(text, globalName) {
  // A classic script, not a module: run it in the page's global scope, in sloppy mode (as
  // a <script> tag would), where its UMD wrapper finds no `module` and sets the global.
  new Function(text).call(globalThis);
  const library = globalThis[globalName];
  if (!library) throw new Error(`jupyter_rerun: the ${globalName} library did not load`);
  return library;
}

export default {
  initialize({ model }) {
    const source = model.get("source");
    const globalName = model.get("global_name");
    let loading = null;
    return {
      load: () => (loading ??= gunzip(source).then((text) => evaluate(text, globalName))),
    };
  },
};
