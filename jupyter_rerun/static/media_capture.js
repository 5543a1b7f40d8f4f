// jr.camera_input and jr.audio_input (jupyter_rerun/widgets/files.py: MediaCapture): a
// photo from the camera (JPEG, as Streamlit's "Take Photo") or a recording from the
// microphone (16-bit mono WAV at `sample_rate`, as Streamlit's), uploaded as a file with
// file_upload.js. getUserMedia needs a secure page: https, or the page on 127.0.0.1.

function wavBytes(chunks, rate) {  // Float32Array[] -> ArrayBuffer of a PCM WAV file
  const count = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const view = new DataView(new ArrayBuffer(44 + count * 2));
  const ascii = (at, text) => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, "RIFF"); view.setUint32(4, 36 + count * 2, true); ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true); view.setUint16(34, 16, true);
  ascii(36, "data"); view.setUint32(40, count * 2, true);
  let at = 44;
  for (const chunk of chunks) {
    for (const sample of chunk) {
      const s = Math.max(-1, Math.min(1, sample));
      view.setInt16(at, s < 0 ? s * 0x8000 : s * 0x7fff, true);
      at += 2;
    }
  }
  return view.buffer;
}

function mediaButton(text) {
  const button = ownKeys(element("button", "jupyter-widgets jupyter-button widget-button jr-drop-browse", text));
  button.type = "button";
  return button;
}

function unavailable(what, error) {
  if (!navigator.mediaDevices) return `The ${what} needs a secure page (https, or 127.0.0.1).`;
  return `This app would like to use your ${what}. ${error.name === "NotAllowedError"
    ? "Allow it in the browser's site settings." : String(error.message || error)}`;
}

function camera(model, el, send, stops) {
  const video = element("video", "jr-capture-video");
  Object.assign(video, { autoplay: true, muted: true, playsInline: true });
  const photo = element("img", "jr-capture-photo");
  const status = element("div", "jr-capture-status");
  const take = mediaButton("Take Photo");
  const clear = mediaButton("× Clear photo");
  el.append(video, photo, status, take, clear);
  let stream = null;
  const height = model.get("resolution");
  const asked = navigator.mediaDevices
    ? navigator.mediaDevices.getUserMedia({ video: height ? { height: { ideal: height } } : true })
    : Promise.reject(new Error("no camera here"));
  asked
    .then((got) => { stream = got; video.srcObject = got; draw(); })
    .catch((error) => { status.textContent = unavailable("camera", error); draw(); });
  stops.push(() => stream && stream.getTracks().forEach((track) => track.stop()));
  const draw = () => {
    const taken = model.get("files").length > 0;
    video.hidden = taken || !stream;
    photo.hidden = !taken || !photo.src;
    take.hidden = taken;
    clear.hidden = !taken;
    take.disabled = model.get("disabled") || !stream || !video.videoWidth;
    clear.disabled = model.get("disabled");
  };
  video.addEventListener("loadedmetadata", draw);
  take.addEventListener("click", () => {
    const canvas = element("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    canvas.toBlob((blob) => {
      photo.src = URL.createObjectURL(blob);
      const name = `camera-input-${new Date().toISOString().replaceAll(":", "_")}.jpg`;
      send(new File([blob], name, { type: "image/jpeg" }), status);
    }, "image/jpeg", 1);
  });
  clear.addEventListener("click", () => {
    model.get("files").forEach((file) => model.send({ event: "remove", id: file.id }));
  });
  return draw;
}

function microphone(model, el, send, stops) {
  const record = mediaButton("● Record");
  const clock = element("span", "jr-capture-clock");
  const player = element("audio", "jr-capture-audio");
  player.controls = true;
  const clear = mediaButton("× Clear recording");
  const status = element("div", "jr-capture-status");
  const row = element("div", "jr-capture-row");
  row.append(record, clock, player, clear);
  el.append(row, status);
  let take = null;  // while recording: () => stops it and returns the WAV file
  const begin = async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const rate = model.get("sample_rate");
    const context = new AudioContext(rate ? { sampleRate: rate } : {});
    const source = context.createMediaStreamSource(stream);
    const processor = context.createScriptProcessor(4096, 1, 1);
    const chunks = [];
    processor.onaudioprocess = (event) => chunks.push(new Float32Array(event.inputBuffer.getChannelData(0)));
    source.connect(processor);
    processor.connect(context.destination);
    const started = Date.now();
    const tick = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      clock.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    }, 250);
    const stop = () => {
      clearInterval(tick);
      processor.disconnect();
      source.disconnect();
      stream.getTracks().forEach((track) => track.stop());
      context.close();
      return wavBytes(chunks, context.sampleRate);
    };
    stops.push(stop);
    take = () => {
      stops.splice(stops.indexOf(stop), 1);
      const name = `${new Date().toISOString().slice(0, 16).replaceAll(":", "-")}_audio.wav`;
      return new File([stop()], name, { type: "audio/wav" });
    };
  };
  const draw = () => {
    const taken = model.get("files").length > 0;
    record.textContent = take ? "■ Stop" : "● Record";
    record.hidden = taken;
    clock.hidden = !take;
    player.hidden = !taken || !player.src;
    clear.hidden = !taken;
    record.disabled = clear.disabled = model.get("disabled");
  };
  record.addEventListener("click", async () => {
    if (take) {
      const file = take();
      take = null;
      player.src = URL.createObjectURL(file);
      send(file, status);
    } else {
      try {
        await begin();
        status.textContent = "";
      } catch (error) {
        status.textContent = unavailable("microphone", error);
      }
    }
    draw();
  });
  clear.addEventListener("click", () => {
    model.get("files").forEach((file) => model.send({ event: "remove", id: file.id }));
  });
  return draw;
}

export default {
  render({ model, el }) {
    el.classList.add("jr-input", "jr-media-capture");
    el.append(labelFor(model));
    const body = element("div", "jr-capture");
    el.append(body);
    const answers = new Answers(model);
    const stops = [];
    const send = async (file, status) => {
      const entry = { progress: 0 };
      status.textContent = "Uploading…";
      status.textContent = (await upload(model, answers, file, entry, () => {})) || "";
    };
    const what = model.get("capture") === "camera" ? camera : microphone;
    const draw = what(model, body, send, stops);
    draw();
    const unwatch = watch(model, ["files", "disabled"], draw);
    return () => {
      unwatch();
      answers.stop();
      stops.splice(0).forEach((stop) => stop());
    };
  },
};
