// Small builders for the set-up pages: tables, labelled fields and field errors. Cells take nodes or plain
// strings; strings always go through textContent, so user text stays inert.
import { el } from '../../ui.js';

export function table(headers, rows) {
  const t = el('table', 'data');
  const caption = el('caption');
  const thead = el('thead');
  const hr = el('tr');
  for (const h of headers) {
    const th = el('th', null, h);
    th.scope = 'col';
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  const trs = rows.map((cells) => {
    const tr = el('tr');
    for (const c of cells) {
      const td = el('td');
      if (c instanceof Node) {
        td.append(c);
      } else {
        td.textContent = c === null || c === undefined ? '' : String(c);
      }
      tr.append(td);
    }
    tbody.append(tr);
    return tr;
  });
  t.append(caption, thead, tbody);
  return { table: t, caption, tbody, rows: trs };
}

let ids = 0;

/** A label + control + error line; the control is described by its error, which the server's problems fill. */
export function field(labelText, control, hintText) {
  const wrap = el('div', 'field');
  if (!control.id) {
    ids += 1;
    control.id = `f${ids}`;
  }
  const label = el('label', null, labelText);
  label.htmlFor = control.id;
  const error = el('p', 'error field-error');
  error.id = `${control.id}-error`;
  error.setAttribute('aria-live', 'polite');
  const described = [error.id];
  wrap.append(label);
  if (hintText) {
    const hint = el('p', 'hint', hintText);
    hint.id = `${control.id}-hint`;
    described.push(hint.id);
    wrap.append(hint);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  wrap.append(control, error);
  return wrap;
}

export function input(type, name, attrs = {}) {
  const i = el('input');
  i.type = type;
  i.name = name;
  for (const [k, v] of Object.entries(attrs)) {
    i.setAttribute(k, String(v));
  }
  return i;
}

export function button(text, className, onClick) {
  const b = el('button', className, text);
  b.type = 'button';
  if (onClick) {
    b.addEventListener('click', onClick);
  }
  return b;
}

/** The problem+json detail, and each violation placed next to the control named by data-field, if any. */
export function showProblem(form, e, summary) {
  for (const p of form.querySelectorAll('.field-error')) {
    p.textContent = '';
  }
  for (const c of form.querySelectorAll('[aria-invalid]')) {
    c.removeAttribute('aria-invalid');
  }
  const problem = (e && e.problem) || {};
  const errors = problem.errors || (problem.field ? [{ field: problem.field, reason: problem.detail }] : []);
  let first = null;
  const unplaced = [];
  for (const v of errors) {
    const control = v.field ? fieldControl(form, v.field) : null;
    if (control) {
      document.getElementById(`${control.id}-error`).textContent = v.reason || problem.detail || '';
      control.setAttribute('aria-invalid', 'true');
      first = first || control;
    } else {
      unplaced.push(v.field ? `${v.field}: ${v.reason}` : v.reason);
    }
  }
  if (summary) {
    summary.textContent = e ? (unplaced.length ? unplaced.join('; ') : (first ? 'Please correct the fields marked below.' : e.message)) : '';
  }
  if (first) {
    first.focus();
  }
}

/** The control for a problem's field: its exact name, else the closest parent path (schema.labels[2].key -> schema.labels). */
function fieldControl(form, name) {
  let n = name;
  while (n) {
    const c = form.querySelector(`[data-field="${CSS.escape(n)}"]`);
    if (c) {
      return c;
    }
    const cut = Math.max(n.lastIndexOf('.'), n.lastIndexOf('['));
    n = cut > 0 ? n.slice(0, cut) : '';
  }
  return null;
}
