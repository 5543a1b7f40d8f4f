// jr.bokeh_chart (jupyter_rerun/widgets/bokeh.py): a Bokeh document (json_item) drawn by
// BokehJS, the kernel's one ScriptLibrary model (`lib`), loaded once for the page.

function attached(el) { // BokehJS draws only into an element that is in the page
  return new Promise((resolve) => {
    const check = () => (el.isConnected ? resolve() : requestAnimationFrame(check));
    check();
  });
}

async function render({ model, el, host }) {
  el.classList.add("jr-bokeh");
  const Bokeh = await (await host.getWidget(model.get("lib"))).exports.load();
  let views = null;
  const draw = async () => {
    await attached(el);
    const box = document.createElement("div");
    box.className = "jr-bokeh-plot";
    const previous = views;
    el.replaceChildren(box);
    views = await Bokeh.embed.embed_item(structuredClone(model.get("item")), box);
    previous?.clear();
    box.dataset.drawn = "true"; // what tests wait for
  };
  await draw();
  model.on("change:item", draw);
  return () => {
    model.off("change:item", draw);
    views?.clear();
  };
}

export default { render };
