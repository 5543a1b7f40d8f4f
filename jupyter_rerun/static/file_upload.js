// How a file reaches the kernel (jupyter_rerun/widgets/files.py explains the messages): in
// binary chunks of `chunk` bytes, one at a time, each acknowledged by the kernel (one
// websocket message may not exceed 10 MiB); the kernel checks type and size and answers
// "refused" with the message to show. Prepended to file_drop.js and media_capture.js.

function sizeText(bytes) {
  for (const [unit, scale] of [["GB", 2 ** 30], ["MB", 2 ** 20], ["KB", 2 ** 10]]) {
    if (bytes >= scale) {
      const value = bytes / scale;
      return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}`;
    }
  }
  return `${bytes}B`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The kernel's answers, by what they answer (an upload number, then a file id).
class Answers {
  constructor(model) {
    this.waiting = new Map();
    this.onMessage = (msg) => {
      const key = msg.upload !== undefined && msg.upload !== null ? msg.upload : msg.id;
      const resolve = this.waiting.get(key);
      if (resolve) {
        this.waiting.delete(key);
        resolve(msg);
      }
    };
    model.on("msg:custom", this.onMessage);
    this.stop = () => model.off("msg:custom", this.onMessage);
  }
  next(key) {
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }
}

let uploads = 0;

// One file's journey: begin, its chunks, done (or an error to show).
async function upload(model, answers, file, entry, redraw) {
  const token = `${Date.now()}-${++uploads}`;
  const name = file.webkitRelativePath || file.name;
  const started = answers.next(token);
  model.send({ event: "begin", upload: token, name, type: file.type || "", size: file.size });
  let answer = await started;
  if (answer.event === "refused") return answer.error;
  entry.id = answer.id;
  const chunk = model.get("chunk");
  let offset = 0;
  while (answer.event !== "done" && !entry.cancelled) {
    const bytes = await file.slice(offset, offset + chunk).arrayBuffer();
    const acknowledged = answers.next(entry.id);
    model.send({ event: "chunk", id: entry.id, offset }, undefined, [bytes]);
    answer = await acknowledged;
    if (answer.event === "refused") return answer.error;
    offset = answer.received ?? file.size;
    entry.progress = file.size ? offset / file.size : 1;
    redraw();
  }
  if (entry.cancelled) model.send({ event: "remove", id: entry.id });  // the kernel drops it
  return null;
}

// What takes the files a person chose or dropped: each becomes an entry of `pending`
// (shown by `redraw`) and is uploaded in turn; a failed one keeps its error to show.
function uploader(model, answers, pending, redraw) {
  let queue = Promise.resolve();
  return (files) => {
    if (!files.length || model.get("disabled")) return;
    const several = model.get("multiple") || model.get("directory");
    for (const file of several ? files : files.slice(0, 1)) {
      const entry = { name: file.webkitRelativePath || file.name, size: file.size, progress: 0 };
      pending.push(entry);
      queue = queue.then(async () => {
        const error = await upload(model, answers, file, entry, redraw);
        if (error && !entry.cancelled) entry.error = error;
        else if (pending.includes(entry)) pending.splice(pending.indexOf(entry), 1);
        redraw();
      });
    }
    redraw();
  };
}
