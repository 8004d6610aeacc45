// Renders an item's data. Every value is shown as text (textContent), never parsed as HTML, so an item holding
// "<script>" or "<img onerror=...>" shows exactly those characters. Images are shown only for http(s) or data:image
// URLs in fields that name an image, set through the src property (an <img> never runs script, SVG included).
import { el } from './ui.js';

const TEXT_FIELDS = ['text', 'title', 'question', 'prompt', 'sentence', 'content', 'body', 'response', 'answer'];
const IMAGE_NAME = /(image|img|photo|picture|thumbnail)/i;
const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|bmp|svg)([?#].*)?$/i;
const URL_OK = /^(https?:\/\/|data:image\/(png|jpeg|gif|webp|svg\+xml)[;,])/i;

export function imageUrl(key, value) {
  if (typeof value !== 'string' || !URL_OK.test(value)) {
    return null;
  }
  return IMAGE_NAME.test(key) || IMAGE_FILE.test(value) ? value : null;
}

function asText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function textBlock(key, value) {
  const block = el('div', 'item-text');
  block.append(el('div', 'field-name', key), el('p', 'text-value', value));
  return block;
}

function figure(key, url, data) {
  const fig = el('figure', 'item-image');
  const img = document.createElement('img');
  img.alt = typeof data.alt === 'string' ? data.alt : `Image: ${key}`;
  img.decoding = 'async';
  img.addEventListener('error', () => {
    img.replaceWith(el('p', 'error', `The image could not be loaded: ${url}`));
  });
  img.src = url;
  fig.append(img, el('figcaption', 'field-name', key));
  return fig;
}

export function renderItem(container, item) {
  const data = item && item.data && typeof item.data === 'object' ? item.data : { value: item ? item.data : null };
  const texts = [];
  const images = [];
  const rest = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === 'alt') {
      rest.push([key, value]);
    } else if (imageUrl(key, value)) {
      images.push([key, value]);
    } else if (typeof value === 'string' && TEXT_FIELDS.includes(key.toLowerCase())) {
      texts.push([key, value]);
    } else {
      rest.push([key, value]);
    }
  }
  const nodes = [];
  for (const [key, value] of texts) {
    nodes.push(textBlock(key, value));
  }
  for (const [key, url] of images) {
    nodes.push(figure(key, url, data));
  }
  if (rest.length) {
    const list = el('dl', 'kv');
    for (const [key, value] of rest) {
      const dd = el('dd');
      const plain = value === null || typeof value !== 'object';
      dd.append(plain ? document.createTextNode(String(value)) : el('pre', null, asText(value)));
      list.append(el('dt', null, key), dd);
    }
    nodes.push(list);
  }
  if (!nodes.length) {
    nodes.push(el('p', 'hint', 'This item has no data.'));
  }
  container.replaceChildren(...nodes);
}

/** Starts downloading a prefetched item's images so they are in the cache when the item is shown. */
export function preloadImages(item) {
  const data = item && item.data && typeof item.data === 'object' ? item.data : {};
  for (const [key, value] of Object.entries(data)) {
    const url = imageUrl(key, value);
    if (url) {
      const img = new Image();
      img.decoding = 'async';
      img.src = url;
    }
  }
}
