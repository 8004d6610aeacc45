// The consensus browser: one page of items at a time from GET consensus/items (computed on the server), lowest
// confidence first, with a filter for low confidence; the selected item is shown as annotators saw it (item-view.js).
import { renderItem } from '../../item-view.js';
import { el } from '../../ui.js';
import { fmt } from './chart.js';
import { button, failure, get, labeled, projectPath, select, table } from './frame.js';

const PAGE = 20;

function labelText(names, label) {
  if (label === null || label === undefined) {
    return 'unresolved';
  }
  if (Array.isArray(label)) {
    return label.length ? label.map((k) => names[String(k)] || String(k)).join(', ') : '(none)';
  }
  return names[String(label)] || String(label);
}

function share(v) {
  if (v === null || v === undefined) {
    return '–';
  }
  if (typeof v === 'object') {
    return Object.entries(v).map(([k, x]) => `${k} ${fmt(x, { percent: true })}`).join(', ');
  }
  return fmt(v, { percent: true });
}

export async function renderConsensusBrowser(frame, section, names) {
  const state = { method: 'majority', low: false, threshold: 0.7, offset: 0 };
  const controls = el('div', 'controls');
  const method = select('method', [['majority', 'Majority vote'], ['weighted', 'Weighted by tier'], ['dawid-skene', 'Dawid-Skene']], 'majority');
  method.id = 'consensus-method';
  const low = el('input');
  low.type = 'checkbox';
  low.id = 'consensus-low';
  const lowLabel = el('label', 'field check');
  lowLabel.append(low, el('span', null, 'Only low confidence, at most'));
  const threshold = el('input');
  threshold.type = 'number';
  threshold.min = '0';
  threshold.max = '1';
  threshold.step = '0.05';
  threshold.value = '0.7';
  threshold.id = 'consensus-threshold';
  threshold.setAttribute('aria-label', 'Confidence threshold');
  controls.append(labeled('Method', method), lowLabel, threshold);
  const summary = el('p', 'hint');
  summary.setAttribute('aria-live', 'polite');
  const layout = el('div', 'two-col');
  const listSlot = el('div', 'table-scroll');
  const itemSlot = el('div', 'item-panel-slot');
  itemSlot.id = 'consensus-item';
  layout.append(listSlot, itemSlot);
  const pager = el('div', 'pager');
  section.append(controls, summary, layout, pager);

  function show(item, row) {
    listSlot.querySelectorAll('tr.selected-row').forEach((r) => r.classList.remove('selected-row'));
    row.classList.add('selected-row');
    const head = el('h3', null, `Item ${item.external_id}`);
    head.tabIndex = -1;
    const facts = el('p', null, `Consensus: ${labelText(names, item.label)} · confidence ${item.confidence === null ? '–' : fmt(item.confidence, { percent: true })}`
      + ` · ${item.answers} answers · majority share ${share(item.majority_share)}`);
    const box = el('div', 'item');
    renderItem(box, { data: item.data });
    itemSlot.replaceChildren(head, facts, box);
    head.focus();
  }

  async function load() {
    const q = `?method=${state.method}&order=confidence&offset=${state.offset}&limit=${PAGE}`
      + (state.low ? `&max_confidence=${encodeURIComponent(state.threshold)}` : '');
    summary.textContent = 'Computing the consensus…';
    let page;
    try {
      page = await get(projectPath(frame.project.id, `/consensus/items${q}`));
    } catch (e) {
      failure(listSlot, 'Could not load the consensus', e);
      summary.textContent = '';
      return;
    }
    summary.textContent = `${fmt(page.matching)} of ${fmt(page.answered_items)} answered items${state.low ? ` at or below ${fmt(state.threshold, { percent: true })} confidence (or unresolved)` : ''}, lowest confidence first.`;
    const rows = page.items.map((item) => {
      const open = button(item.external_id, () => show(item, open.closest('tr')), 'small');
      open.setAttribute('aria-label', `Show item ${item.external_id}`);
      return [open, labelText(names, item.label), item.confidence === null ? '–' : fmt(item.confidence, { percent: true }),
        share(item.majority_share), item.entropy_bits === null || typeof item.entropy_bits === 'object' ? '–' : fmt(item.entropy_bits),
        fmt(item.answers)];
    });
    const t = table(['Item', 'Consensus', 'Confidence', 'Majority share', 'Vote entropy (bits)', 'Answers'], rows);
    t.id = 'consensus-table';
    listSlot.replaceChildren(t);
    if (!page.items.length) {
      listSlot.append(el('p', 'hint', 'No item matches.'));
    }
    const prev = button('◀ Previous', () => { state.offset = Math.max(0, state.offset - PAGE); load(); }, 'small');
    prev.disabled = state.offset === 0;
    const next = button('Next ▶', () => { state.offset += PAGE; load(); }, 'small');
    next.disabled = state.offset + PAGE >= page.matching;
    pager.replaceChildren(prev, next, el('span', 'hint', `Items ${page.matching ? state.offset + 1 : 0}-${Math.min(page.matching, state.offset + PAGE)}`));
  }

  method.addEventListener('change', () => { state.method = method.value; state.offset = 0; load(); });
  low.addEventListener('change', () => { state.low = low.checked; state.offset = 0; load(); });
  threshold.addEventListener('change', () => {
    const v = Number(threshold.value);
    if (Number.isFinite(v) && v >= 0 && v <= 1) {
      state.threshold = v;
      if (state.low) {
        state.offset = 0;
        load();
      }
    }
  });
  return load();
}
