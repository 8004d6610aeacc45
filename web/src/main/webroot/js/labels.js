// The answer controls for a project's schema: one button per label with its hotkey. single and rating answer on
// a press; multi toggles and answers with Enter. The buttons are built once per project and only reset per item.
import { el } from './ui.js';

const SEQUENCE = '123456789abcdefghijklmnopqrstuvwxyz';

/** The schema's own hotkeys, then 1-9 and letters for the labels without one, skipping keys already taken. */
export function assignHotkeys(labels) {
  const used = new Set(labels.filter((l) => l.hotkey).map((l) => l.hotkey.toLowerCase()));
  let next = 0;
  return labels.map((l) => {
    if (l.hotkey) {
      return { ...l, hotkey: l.hotkey };
    }
    while (next < SEQUENCE.length && used.has(SEQUENCE[next])) {
      next += 1;
    }
    const hotkey = next < SEQUENCE.length ? SEQUENCE[next] : null;
    next += 1;
    if (hotkey) {
      used.add(hotkey);
    }
    return { ...l, hotkey };
  });
}

export class LabelControls {
  constructor(container, schema, onAnswer) {
    this.kind = schema.kind;
    this.labels = assignHotkeys(schema.labels || []);
    this.onAnswer = onAnswer;
    this.buttons = new Map();
    this.byKey = new Map();
    this.selected = null;
    container.replaceChildren();
    container.classList.add(`labels-${this.kind}`);
    container.setAttribute('role', 'group');
    container.setAttribute('aria-label', this.kind === 'rating' ? 'Rating scale' : 'Labels');
    this.labels.forEach((label, i) => {
      const button = el('button', 'label');
      button.type = 'button';
      button.dataset.key = label.key;
      const name = el('span', 'label-name', label.name || label.key);
      button.append(name);
      if (label.hotkey) {
        button.append(el('kbd', null, label.hotkey));
        button.setAttribute('aria-keyshortcuts', label.hotkey);
        this.byKey.set(label.hotkey.toLowerCase(), label);
      }
      if (this.kind === 'multi') {
        button.setAttribute('aria-pressed', 'false');
      }
      if (this.kind === 'rating') {
        button.setAttribute('aria-label', `${i + 1} of ${this.labels.length}: ${label.name || label.key}`);
      }
      button.addEventListener('click', (e) => this.press(label, e.timeStamp));
      this.buttons.set(label.key, button);
      container.append(button);
    });
  }

  get hint() {
    if (this.kind === 'multi') {
      return 'Toggle every label that applies with its key, then press Enter.';
    }
    return this.kind === 'rating' ? 'Press a number to rate.' : 'Press a label\'s key to answer.';
  }

  /** The label that a key (KeyboardEvent.key) selects, if any. */
  labelForKey(key) {
    return key && key.length === 1 ? this.byKey.get(key.toLowerCase()) || null : null;
  }

  press(label, timeStamp) {
    if (this.kind === 'multi') {
      const button = this.buttons.get(label.key);
      button.setAttribute('aria-pressed', String(button.getAttribute('aria-pressed') !== 'true'));
    } else {
      this.onAnswer(this.valueOf(label.key), timeStamp);
    }
  }

  valueOf(key) {
    return this.kind === 'rating' ? Number(key) : key;
  }

  /** The multi answer: the pressed keys in schema order. */
  multiValue() {
    return this.labels.filter((l) => this.buttons.get(l.key).getAttribute('aria-pressed') === 'true').map((l) => l.key);
  }

  /** Clears the controls for a new item; `previous` is an answer to show again (after undo), `suggested` a prediction. */
  reset(previous, suggested) {
    const prev = previous === undefined || previous === null ? [] : [].concat(previous).map(String);
    const sugg = suggested === undefined || suggested === null ? [] : [].concat(suggested).map(String);
    this.selected = this.kind === 'multi' || !prev.length ? null : this.valueOf(prev[0]);
    for (const [key, button] of this.buttons) {
      button.classList.toggle('previous', prev.includes(key));
      button.classList.toggle('suggested', sugg.includes(key));
      if (this.kind === 'multi') {
        const on = previous !== undefined && previous !== null ? prev.includes(key) : sugg.includes(key);
        button.setAttribute('aria-pressed', String(on));
      }
    }
  }

  nameOf(key) {
    const label = this.labels.find((l) => l.key === String(key));
    return label ? label.name || label.key : String(key);
  }
}
