// The frame every analysis page shares: the project's name, the tabs of the pages that watch and judge a project,
// a place for the page's own content, and the charts to dispose of when the page closes.
import { request } from '../../api.js';
import { el } from '../../ui.js';

const TITLES = { overview: 'Overview', annotators: 'Annotators', quality: 'Quality' };

export const get = (path) => request('GET', path).then((r) => r.body);
export const send = (method, path, body) => request(method, path, body).then((r) => r.body);

export function projectPath(id, rest) {
  return `/api/projects/${encodeURIComponent(id)}${rest}`;
}

export async function openFrame(main, ctx, tab) {
  // The console's shell draws the project's header and its tabs (from the registry) above `main`; this frame only adds
  // the page's own heading, so there is one tab bar and it lists exactly the pages that exist.
  const project = ctx.project || await get(projectPath(ctx.projectId, ''));
  const title = TITLES[tab];
  document.title = `${title} · ${project.name} · Kappa`;
  const root = el('section', 'analysis');
  root.setAttribute('aria-labelledby', 'analysis-title');
  const head = el('header', 'analysis-head');
  const h1 = el('h2', null);
  h1.id = 'analysis-title';
  h1.append(el('span', 'analysis-project', project.name), document.createTextNode(' — '), el('span', null, title));
  head.append(h1);
  const body = el('div', 'analysis-body');
  root.append(head, body);
  main.replaceChildren(root);
  const charts = [];
  const timers = [];
  return {
    project,
    root,
    body,
    charts,
    /** A titled section of the page. */
    section(id, heading, hint) {
      const s = el('section', 'analysis-section');
      s.id = id;
      const h = el('h2', null, heading);
      h.id = `${id}-title`;
      s.setAttribute('aria-labelledby', h.id);
      s.append(h);
      if (hint) {
        s.append(el('p', 'hint', hint));
      }
      body.append(s);
      return s;
    },
    keep(chart) {
      charts.push(chart);
      return chart;
    },
    every(ms, fn) {
      timers.push(setInterval(fn, ms));
    },
    close() {
      timers.forEach(clearInterval);
      charts.splice(0).forEach((c) => c.dispose());
    },
  };
}

/** Replaces a chart held in a slot (a container) with a new one, disposing of the old. */
export function redraw(frame, slot, draw) {
  const old = slot.chart;
  if (old) {
    old.dispose();
    const i = frame.charts.indexOf(old);
    if (i >= 0) {
      frame.charts.splice(i, 1);
    }
  }
  slot.replaceChildren();
  slot.chart = frame.keep(draw(slot));
  return slot.chart;
}

/** A message in place of content that could not load (the server's problem detail, as text). */
export function failure(slot, what, e) {
  slot.replaceChildren(el('p', 'error', `${what}: ${e && e.message ? e.message : e}`));
}

export function table(columns, rows, className = 'data-table') {
  const t = el('table', className);
  const head = el('tr');
  for (const c of columns) {
    const th = el('th', null, c);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) {
      const td = el('td');
      if (cell instanceof Node) {
        td.append(cell);
      } else {
        td.textContent = cell === null || cell === undefined ? '–' : String(cell);
      }
      tr.append(td);
    }
    body.append(tr);
  }
  t.append(thead, body);
  return t;
}

export function button(text, onClick, className) {
  const b = el('button', className, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export function labeled(labelText, control) {
  const wrap = el('label', 'field');
  wrap.append(el('span', null, labelText), control);
  return wrap;
}

export function select(name, options, value) {
  const s = el('select');
  s.name = name;
  for (const [v, text] of options) {
    const o = el('option', null, text);
    o.value = v;
    if (v === value) {
      o.selected = true;
    }
    s.append(o);
  }
  return s;
}
