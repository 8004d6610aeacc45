// Quality: agreement coefficients with their bootstrap intervals, the annotator-by-annotator heatmap (clustered,
// paged; a cell lists the items two people disagree on), per-label agreement and the consensus browser.
import { renderItem } from '../../item-view.js';
import { el } from '../../ui.js';
import { fmt, heatmapChart, intervalChart } from './chart.js';
import { button, failure, get, labeled, openFrame, projectPath, redraw, select } from './frame.js';
import { renderConsensusBrowser } from './consensus-browser.js';

export const COEFFICIENTS = [
  ['percent_agreement', 'Percent agreement',
    'Share of pairs of answers on an item that match. Easy to read, but not corrected for chance: with one dominant label it looks high even for random labeling.'],
  ['cohen_kappa', "Cohen's kappa (mean over pairs)",
    'Chance-corrected agreement of each pair of annotators, averaged (Light 1971). Trust it when pairs share many items (min_shared); unstable when pairs share few.'],
  ['fleiss_kappa', "Fleiss' kappa",
    'Chance-corrected agreement over all raters at once. Assumes raters are interchangeable; low when one label is very common even if people agree (the kappa paradox).'],
  ['krippendorff_alpha.nominal', "Krippendorff's alpha (nominal)",
    'Chance-corrected, copes with missing answers and any number of raters. Above 0.8 is usually called reliable, 0.667-0.8 tentative (Krippendorff 2004).'],
  ['krippendorff_alpha.ordinal', "Krippendorff's alpha (ordinal)", 'As nominal, but near ratings disagree less than far ones. For rating scales.'],
  ['krippendorff_alpha.interval', "Krippendorff's alpha (interval)", 'As ordinal, treating the scale as evenly spaced numbers.'],
  ['gwet_ac1', "Gwet's AC1", 'Chance-corrected like kappa but stable when one label dominates; prefer it over kappa on skewed labels.'],
];

function pick(obj, path) {
  return path.split('.').reduce((o, k) => (o ? o[k] : undefined), obj);
}

function labelNames(project) {
  const names = {};
  for (const l of project.schema.labels || []) {
    names[String(l.key)] = l.name || String(l.key);
  }
  return names;
}

export function labelText(names, label) {
  if (label === null || label === undefined) {
    return 'unresolved';
  }
  if (Array.isArray(label)) {
    return label.length ? label.map((k) => names[String(k)] || String(k)).join(', ') : '(none)';
  }
  return names[String(label)] || String(label);
}

async function drawCoefficients(frame, slot, resamples) {
  const query = resamples ? `?resamples=${resamples}` : '';
  const a = await get(projectPath(frame.project.id, `/agreement${query}`));
  const rows = COEFFICIENTS.filter(([path]) => pick(a, path)).map(([path, name, help]) => {
    const c = pick(a, path);
    return { name, value: c.value, low: c.ci ? c.ci[0] : null, high: c.ci ? c.ci[1] : null,
      note: `${help}${c.value === null ? ` Not defined: ${c.reason}.` : ''}${c.ci ? '' : ` No interval: ${c.ci_reason || 'none'}.`}` };
  });
  slot.replaceChildren();
  const info = el('p', 'hint', `${fmt(a.n_answers)} answers on ${fmt(a.n_items)} items by ${fmt(a.n_annotators)} annotators; `
    + `${a.bootstrap.resamples ? `95% percentile bootstrap over items, ${a.bootstrap.resamples} resamples` : 'no bootstrap intervals yet'}.`);
  slot.append(info);
  const chartSlot = el('div');
  slot.append(chartSlot);
  if (!rows.length) {
    chartSlot.append(el('p', 'hint', 'A multi-label schema is judged one label at a time: see per-label agreement.'));
  } else {
    const lows = rows.map((r) => (r.low ?? r.value ?? 0));
    redraw(frame, chartSlot, (s) => intervalChart(s, {
      id: 'chart-coefficients',
      title: 'Agreement coefficients with 95% intervals',
      description: 'A dot per coefficient and its bootstrap interval. Hover a row (or read the list below) for what it means and when to trust it.',
      xName: 'coefficient',
      min: Math.min(0, Math.floor(Math.min(...lows) * 10) / 10),
      max: 1,
      rows,
      extraColumns: { names: ['meaning'], values: (r) => [r.note] },
    }));
  }
  if (!a.bootstrap.resamples) {
    const more = button('Compute intervals (200 resamples)', async () => {
      more.disabled = true;
      more.textContent = 'Computing…';
      await drawCoefficients(frame, slot, 200).catch((e) => failure(slot, 'Could not compute the intervals', e));
    });
    more.id = 'coefficients-resample';
    slot.append(more);
  }
  const help = el('ul', 'coefficient-help');
  for (const [path, name, text] of COEFFICIENTS) {
    if (pick(a, path)) {
      const li = el('li');
      li.append(el('strong', null, `${name}: `), document.createTextNode(text));
      help.append(li);
    }
  }
  slot.append(help);
  return a;
}

function drawPerLabel(frame, slot, agreement, names) {
  const per = agreement && agreement.per_label;
  if (!per) {
    slot.replaceChildren(el('p', 'hint', 'No per-label agreement.'));
    return;
  }
  const metric = agreement.kind === 'multi' ? 'krippendorff_alpha' : 'specific_agreement';
  const rows = Object.entries(per).map(([key, v]) => {
    const c = agreement.kind === 'multi' ? v.krippendorff_alpha.nominal : v.specific_agreement;
    return { name: names[key] || key, value: c.value, low: c.ci ? c.ci[0] : null, high: c.ci ? c.ci[1] : null,
      note: c.value === null ? c.reason : `${v.answers ?? v.answers_with_label ?? ''} answers with this label` };
  });
  redraw(frame, slot, (s) => intervalChart(s, {
    id: 'chart-per-label',
    title: metric === 'specific_agreement' ? 'Specific agreement per label' : "Krippendorff's alpha per label (present/absent)",
    description: metric === 'specific_agreement'
      ? 'For each label: of the pairs of answers where at least one says this label, the share where both do. A low bar is a label people read differently.'
      : 'Each label judged as present or absent.',
    xName: metric === 'specific_agreement' ? 'specific agreement' : 'alpha',
    min: 0,
    max: 1,
    rows,
    extraColumns: { names: ['note'], values: (r) => [r.note] },
  }));
}

function heatmapSection(frame, section, names) {
  const state = { order: 'cluster', row: 0, col: 0, size: 20 };
  const controls = el('div', 'controls');
  const order = select('order', [['cluster', 'Clustered (similar annotators together)'], ['agreement', 'Least agreeing first'], ['id', 'By user id']], 'cluster');
  order.id = 'heatmap-order';
  const pager = el('div', 'pager');
  const status = el('span', 'hint');
  status.setAttribute('aria-live', 'polite');
  const slot = el('div', 'chart-slot');
  const detail = el('div', 'disagreements');
  detail.id = 'disagreements';
  detail.setAttribute('aria-live', 'polite');
  controls.append(labeled('Order', order));
  section.append(controls, pager, slot, detail);
  let data = null;

  async function showPair(r, c) {
    const a = data.annotators[data.row_offset + r];
    const b = data.annotators[data.col_offset + c];
    detail.replaceChildren(el('p', 'loading', 'Loading…'));
    try {
      const d = await get(projectPath(frame.project.id, `/agreement/pairs/disagreements?a=${a.user_id}&b=${b.user_id}&limit=50`));
      const head = el('h3', null, `${a.name} and ${b.name}: ${fmt(d.disagreements)} disagreements on ${fmt(d.shared_items)} shared items`);
      head.tabIndex = -1;
      const list = el('ul', 'hard-list');
      for (const item of d.items) {
        const li = el('li', 'hard-case disagreement');
        li.append(el('strong', null, `Item ${item.external_id}`),
          el('p', null, `${a.name}: ${labelText(names, item.label_a)} · ${b.name}: ${labelText(names, item.label_b)}`));
        const box = el('div', 'item-box');
        renderItem(box, { data: item.data });
        li.append(box);
        list.append(li);
      }
      detail.replaceChildren(head, d.items.length ? list : el('p', 'hint', 'They agree on every item they share.'));
      if (d.disagreements > d.items.length) {
        detail.append(el('p', 'hint', `The first ${d.items.length} are shown.`));
      }
      head.focus();
    } catch (e) {
      failure(detail, 'Could not load the items', e);
    }
  }

  async function load() {
    status.textContent = 'Loading…';
    try {
      data = await get(projectPath(frame.project.id,
        `/agreement/pairs?order=${state.order}&size=${state.size}&row_offset=${state.row}&col_offset=${state.col}`));
    } catch (e) {
      failure(slot, 'Could not load the heatmap', e);
      return;
    }
    const n = data.n_annotators;
    if (n < 2) {
      slot.replaceChildren(el('p', 'hint', 'Fewer than two annotators have answered.'));
      status.textContent = '';
      return;
    }
    const rows = data.annotators.slice(data.row_offset, data.row_offset + data.cells.length);
    const cols = data.annotators.slice(data.col_offset, data.col_offset + (data.cells[0] || []).length);
    const values = data.cells.map((row) => row.map((cell) => (cell ? cell.percent : null)));
    redraw(frame, slot, (s) => heatmapChart(s, {
      id: 'chart-heatmap',
      title: `Pairwise agreement, annotators ${data.row_offset + 1}-${data.row_offset + rows.length} × ${data.col_offset + 1}-${data.col_offset + cols.length} of ${n}`,
      description: 'Share of shared items on which two annotators gave the same label (blue: agree, red: disagree; empty: no shared item). Select a cell to list the items they disagree on.',
      rowNames: rows.map((a) => a.name),
      colNames: cols.map((a) => a.name),
      values,
      cellLines: (r, c) => {
        const cell = data.cells[r][c];
        return [`agreement ${fmt(cell.percent, { percent: true })} on ${cell.shared} shared items`,
          `Cohen's kappa ${cell.kappa.value === null ? `– (${cell.kappa.reason})` : fmt(cell.kappa.value)}`];
      },
      onCell: (r, c) => {
        if (data.cells[r] && data.cells[r][c]) {
          showPair(r, c);
        }
      },
    }));
    pagerButtons(n);
    status.textContent = data.order_note || `${n} annotators, ${state.order === 'cluster' ? 'clustered' : `ordered by ${state.order}`}.`;
  }

  function pagerButtons(n) {
    const step = state.size;
    const mk = (text, enabled, fn) => {
      const b = button(text, () => {
        fn();
        load();
      }, 'small');
      b.disabled = !enabled;
      return b;
    };
    pager.replaceChildren(
      mk('◀ Rows', state.row > 0, () => { state.row = Math.max(0, state.row - step); }),
      mk('Rows ▶', state.row + step < n, () => { state.row += step; }),
      mk('◀ Columns', state.col > 0, () => { state.col = Math.max(0, state.col - step); }),
      mk('Columns ▶', state.col + step < n, () => { state.col += step; }),
      status,
    );
    pager.querySelectorAll('button')[0].id = 'heatmap-rows-prev';
    pager.querySelectorAll('button')[1].id = 'heatmap-rows-next';
    pager.querySelectorAll('button')[2].id = 'heatmap-cols-prev';
    pager.querySelectorAll('button')[3].id = 'heatmap-cols-next';
  }

  order.addEventListener('change', () => {
    state.order = order.value;
    state.row = 0;
    state.col = 0;
    load();
  });
  return load();
}

export async function renderQuality(main, ctx) {
  const frame = await openFrame(main, ctx, 'quality');
  const names = labelNames(frame.project);
  const coefSection = frame.section('quality-coefficients', 'Agreement coefficients');
  const coefSlot = el('div');
  coefSection.append(coefSlot);
  const heat = frame.section('quality-heatmap', 'Annotator by annotator',
    'Pages of 20 annotators on each axis keep it readable at 200 annotators; use the buttons to move along rows and columns.');
  const perLabel = frame.section('quality-per-label', 'Agreement per label');
  const perLabelSlot = el('div');
  perLabel.append(perLabelSlot);
  const consensus = frame.section('quality-consensus', 'Consensus browser',
    'Each item with its consensus label, how sure the consensus is, and how much its annotators agreed; the item is shown as annotators saw it.');
  await Promise.all([
    drawCoefficients(frame, coefSlot).then((a) => drawPerLabel(frame, perLabelSlot, a, names))
      .catch((e) => failure(coefSlot, 'Could not load agreement', e)),
    heatmapSection(frame, heat, names),
    renderConsensusBrowser(frame, consensus, names),
  ]);
  return frame;
}

