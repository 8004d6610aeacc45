// Hard cases: the ranked list of a model run's hard items (signals as small bars, reasons as chips), filters, the
// class weakness chart, the queue strategy switch showing which run it follows, and the export.
import { renderItem } from '../../item-view.js';
import { el, notice } from '../../ui.js';
import { fmt, intervalChart } from './chart.js';
import { button, failure, get, labeled, openFrame, projectPath, redraw, select, send } from './frame.js';

const SIGNALS = [
  ['uncertainty', 'model uncertainty'],
  ['model_disagreement', 'model vs people'],
  ['human_disagreement', 'people disagree'],
  ['class_weakness', 'weak class'],
  ['gold_conflict', 'gold conflict'],
];
const REASONS = ['uncertain', 'annotators_disagree', 'model_wrong', 'weak_class', 'model_contradicts_gold', 'answers_contradict_gold'];
const STRATEGIES = [['fifo', 'FIFO (import order)'], ['random', 'Random'], ['uncertainty', 'Model uncertainty'], ['hardness', 'Hardness score']];

function names(project) {
  const out = {};
  for (const l of project.schema.labels || []) {
    out[String(l.key)] = l.name || String(l.key);
  }
  return out;
}

function labelText(n, label) {
  if (label === null || label === undefined) {
    return '–';
  }
  return Array.isArray(label) ? label.map((k) => n[String(k)] || String(k)).join(', ') : n[String(label)] || String(label);
}

function signalBars(signals) {
  const grid = el('div', 'signals');
  for (const [key, name] of SIGNALS) {
    const v = signals[key];
    const meter = el('meter');
    meter.min = 0;
    meter.max = 1;
    meter.value = v === null || v === undefined ? 0 : v;
    meter.setAttribute('aria-label', `${name}: ${v === null || v === undefined ? 'not known' : fmt(v)}`);
    grid.append(el('span', null, name), meter, el('span', 'num', v === null || v === undefined ? '–' : fmt(v, { digits: 2 })));
  }
  return grid;
}

function entry(hc, n) {
  const li = el('li', 'hard-case');
  li.dataset.item = hc.item.external_id;
  const head = el('header');
  head.append(el('strong', null, `Item ${hc.item.external_id}`), el('span', 'score', `hardness ${fmt(hc.score, { digits: 2 })}`));
  const chips = el('span', 'chips');
  for (const r of hc.reasons) {
    chips.append(el('span', r.includes('wrong') || r.includes('contradict') ? 'chip warn' : 'chip', r.replaceAll('_', ' ')));
  }
  head.append(chips);
  const facts = el('p', null, `Model: ${labelText(n, hc.prediction.label)} · people: ${hc.consensus ? labelText(n, hc.consensus.label) : '–'}`
    + `${hc.consensus && hc.consensus.confidence !== null ? ` (${fmt(hc.consensus.confidence, { percent: true })}, ${hc.consensus.answers} answers)` : ''}`
    + `${hc.item.gold !== undefined && hc.item.gold !== null ? ` · gold: ${labelText(n, hc.item.gold)}` : ''}`);
  const box = el('div', 'item-box');
  renderItem(box, { data: hc.item.data });
  li.append(head, facts, signalBars(hc.signals), box);
  return li;
}

export async function renderHardCases(main, ctx) {
  const frame = await openFrame(main, ctx, 'hard-cases');
  const n = names(frame.project);
  const queue = frame.section('hard-queue', 'Labeling queue');
  const queueSlot = el('div');
  queue.append(queueSlot);
  const listSection = frame.section('hard-list', 'Hardest items',
    'Each item with its five signals (0 to 1) and the reasons it is hard; the hardness score is their weighted mean.');
  const classes = frame.section('hard-classes', 'Class weakness');
  const classSlot = el('div');
  classes.append(classSlot);

  const settings = await get(projectPath(ctx.projectId, '/hardness'));
  const strategy = select('strategy', STRATEGIES, settings.strategy);
  strategy.id = 'queue-strategy';
  const follows = el('p', 'hint');
  follows.id = 'queue-follows';
  follows.setAttribute('aria-live', 'polite');
  const describe = (s) => {
    follows.textContent = `The queue is ordered by ${STRATEGIES.find((x) => x[0] === s.strategy)[1].toLowerCase()}`
      + (s.followed_run_id ? `; scores follow model run #${s.followed_run_id}${s.run_id === null ? ' (the newest run)' : ''}.` : '; there is no model run yet.')
      + (s.pending ? ' A recompute is pending.' : '');
  };
  describe(settings);
  strategy.addEventListener('change', async () => {
    try {
      const s = await send('PUT', projectPath(ctx.projectId, '/hardness'), { strategy: strategy.value });
      describe(s);
      notice(`The queue now follows ${strategy.options[strategy.selectedIndex].text.toLowerCase()}.`);
    } catch (e) {
      notice(`Could not change the strategy: ${e.message}`, 12000);
      strategy.value = settings.strategy;
    }
  });
  const controls = el('div', 'controls');
  controls.append(labeled('Queue order', strategy));
  queueSlot.append(controls, follows);

  // filters
  const filters = el('form', 'controls');
  filters.id = 'hard-filters';
  const cls = select('class', [['', 'Any class'], ...Object.entries(n).map(([k, v]) => [k, v])], '');
  const reason = select('reason', [['', 'Any reason'], ...REASONS.map((r) => [r, r.replaceAll('_', ' ')])], '');
  const wrong = select('model_wrong', [['', 'Any'], ['true', 'Model wrong'], ['false', 'Model right']], '');
  const labeledSel = select('labeled', [['', 'Any'], ['true', 'Has a human label'], ['false', 'No human label yet']], '');
  const apply = el('button', 'primary', 'Apply');
  apply.type = 'submit';
  const exportLink = el('a', 'button', 'Export JSONL');
  exportLink.id = 'hard-export';
  exportLink.setAttribute('download', `hard-cases-${ctx.projectId}.jsonl`);
  filters.append(labeled('Class', cls), labeled('Reason', reason), labeled('Model', wrong), labeled('Labeled', labeledSel), apply, exportLink);
  const summary = el('p', 'hint');
  summary.setAttribute('aria-live', 'polite');
  const list = el('ol', 'hard-list');
  list.id = 'hard-cases';
  listSection.append(filters, summary, list);

  function query() {
    const p = new URLSearchParams();
    for (const [k, s] of [['class', cls], ['reason', reason], ['model_wrong', wrong], ['labeled', labeledSel]]) {
      if (s.value) {
        p.set(k, s.value);
      }
    }
    return p;
  }

  async function loadList() {
    const p = query();
    exportLink.href = projectPath(ctx.projectId, `/hard-cases/export?${p}`);
    p.set('limit', '50');
    summary.textContent = 'Loading…';
    try {
      const page = await get(projectPath(ctx.projectId, `/hard-cases?${p}`));
      list.replaceChildren(...page.items.map((hc) => entry(hc, n)));
      summary.textContent = page.run_id === null ? 'No model run yet: upload predictions to find hard cases.'
        : `${page.items.length} hardest items of run #${page.run_id}${page.items.length === 50 ? ' (the first 50)' : ''}.`;
    } catch (e) {
      failure(list, 'Could not load the hard cases', e);
      summary.textContent = '';
    }
  }
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    loadList();
  });

  async function loadClasses() {
    try {
      const report = await get(projectPath(ctx.projectId, '/hard-cases/classes'));
      if (!report.classes || !report.classes.length) {
        classSlot.replaceChildren(el('p', 'hint', 'No class report yet.'));
        return;
      }
      redraw(frame, classSlot, (s) => intervalChart(s, {
        id: 'chart-class-weakness',
        title: `Class weakness of run #${report.run_id} against the ${report.reference}`,
        description: 'Weakness is 1 - F1 of the class (weakest first): where more labels help the model most.',
        xName: 'weakness (1 - F1)',
        min: 0,
        max: 1,
        rows: report.classes.map((c) => ({ name: n[c.class] || c.class, value: c.weakness, low: null, high: null,
          note: `precision ${fmt(c.precision)}, recall ${fmt(c.recall)}, support ${c.support}, unlabeled predicted ${c.unlabeled_predicted}` })),
        extraColumns: { names: ['detail'], values: (r) => [r.note] },
      }));
    } catch (e) {
      failure(classSlot, 'Could not load the class report', e);
    }
  }
  await Promise.all([loadList(), loadClasses()]);
  return frame;
}
