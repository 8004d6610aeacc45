// Small DOM helpers. Data from the server only ever reaches the page through textContent or attributes set
// here, never through innerHTML; the one exception is the project's instructions, which the server renders to
// safe HTML and the labeling screen puts in a container of its own.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

export function fromTemplate(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

export function show(node, visible) {
  node.hidden = !visible;
}

/** The connection banner: one message at a time, stays until cleared. */
export function banner(text) {
  const node = document.getElementById('banner');
  node.textContent = text || '';
  show(node, Boolean(text));
}

let noticeTimer = null;

/** A passing message (announced politely), cleared after a while. */
export function notice(text, ms = 8000) {
  const node = document.getElementById('notice');
  node.textContent = text || '';
  clearTimeout(noticeTimer);
  if (text) {
    noticeTimer = setTimeout(() => {
      node.textContent = '';
    }, ms);
  }
}

/** Runs cb once the frame that shows the current DOM has been painted (rAF runs before paint; a task after it runs after). */
export function afterPaint(cb) {
  requestAnimationFrame(() => setTimeout(cb, 0));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatDuration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
