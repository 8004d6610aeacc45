// Baselines: the human baseline per tier with its interval beside every model run on the same items; the
// consensus-of-k curve; time and cost per label against quality; the leaderboard under the evaluation policy with its
// editor; and a confusion matrix of a run or a tier against the reference. All from GET baselines / leaderboard.
import { el, notice } from '../../ui.js';
import { fmt, intervalChart, scatterChart, seriesChart } from './chart.js';
import { button, failure, get, labeled, openFrame, projectPath, redraw, select, send, table } from './frame.js';
import { renderConfusion } from './confusion.js';

const METRICS = [['macro_f1', 'macro-F1'], ['accuracy', 'accuracy'], ['cohen_kappa', "Cohen's kappa"]];
const POLICY_METRICS = ['accuracy', 'macro_f1', 'cohen_kappa', 'latency_ms', 'size_mb', 'cost_per_1k'];

function v(c) {
  return c && c.value !== undefined ? c.value : null;
}

/** Rows of the main chart: each tier, then every model run scored on that tier's items. */
export function baselineRows(report, metric) {
  const rows = [];
  for (const t of report.tiers) {
    const c = t[metric] || {};
    rows.push({ name: `${t.tier} (people)`, value: v(c), low: c.ci ? c.ci[0] : null, high: c.ci ? c.ci[1] : null,
      note: c.value === null || c.value === undefined ? c.reason : `${t.n_items} items, ${t.n_annotators} annotators` });
    for (const m of t.models || []) {
      const mc = m[metric] || {};
      rows.push({ name: `${m.model} ${m.version} on ${t.tier} items`, value: v(mc), low: mc.ci ? mc.ci[0] : null, high: mc.ci ? mc.ci[1] : null,
        note: mc.value === null || mc.value === undefined ? mc.reason : `${m.n_items} items, ${m.missing_predictions} missing predictions` });
    }
  }
  return rows;
}

export async function renderBaselines(main, ctx) {
  const frame = await openFrame(main, ctx, 'baselines');
  const state = { reference: 'gold', metric: 'macro_f1', minItems: 30 };
  const top = frame.section('baselines-main', 'Human baseline beside every model run',
    'Each tier is scored on its own items against the reference (leave-one-out for references built from answers), and each model run on exactly those items, so people and models are compared like for like.');
  const controls = el('form', 'controls');
  const reference = select('reference', [['gold', 'Gold labels'], ['expert', 'Expert majority'], ['consensus', 'Consensus (Dawid-Skene)']], 'gold');
  reference.id = 'baseline-reference';
  const metric = select('metric', METRICS, 'macro_f1');
  metric.id = 'baseline-metric';
  const minItems = el('input');
  minItems.type = 'number';
  minItems.min = '1';
  minItems.max = '100000';
  minItems.value = '30';
  minItems.id = 'baseline-min-items';
  const go = el('button', 'primary', 'Show');
  go.type = 'submit';
  controls.append(labeled('Reference', reference), labeled('Metric', metric), labeled('Least items per row', minItems), go);
  const summary = el('p', 'hint');
  summary.setAttribute('aria-live', 'polite');
  const mainSlot = el('div');
  top.append(controls, summary, mainSlot);
  const kSection = frame.section('baselines-k', 'How many crowd votes match one expert');
  const kSlot = el('div');
  kSection.append(kSlot);
  const costSection = frame.section('baselines-cost', 'Time and cost per label against quality');
  const costSlot = el('div');
  costSection.append(costSlot);
  const boardSection = frame.section('baselines-leaderboard', 'Leaderboard under the evaluation policy');
  const boardSlot = el('div');
  const policySlot = el('div');
  boardSection.append(policySlot, boardSlot);
  const confusionSection = frame.section('baselines-confusion', 'Confusion matrix');

  async function loadReport() {
    summary.textContent = 'Computing the baselines…';
    let report;
    try {
      report = await get(projectPath(ctx.projectId, `/baselines?reference=${state.reference}&min_items=${state.minItems}`));
    } catch (e) {
      failure(mainSlot, 'Could not compute the baselines', e);
      summary.textContent = '';
      return;
    }
    const name = METRICS.find((m) => m[0] === state.metric)[1];
    summary.textContent = `Reference: ${report.reference.description} (${fmt(report.reference.n_items)} items). `
      + `95% bootstrap intervals over items, ${report.bootstrap.resamples} resamples.`;
    redraw(frame, mainSlot, (s) => intervalChart(s, {
      id: 'chart-baseline',
      title: `${name} of each tier and of each model run on the same items`,
      description: 'A dot per row with its 95% interval; a row without enough items shows no number.',
      xName: name,
      min: 0,
      max: 1,
      rows: baselineRows(report, state.metric),
      extraColumns: { names: ['note'], values: (r) => [r.note || ''] },
    }));
    const k = report.consensus_of_k;
    if (k && k.rows && k.rows.length) {
      const expert = report.tiers.find((t) => t.tier === 'expert');
      const expertValue = expert ? v(expert[state.metric]) : null;
      const match = k.crowd_answers_to_match_one_expert;
      redraw(frame, kSlot, (s) => seriesChart(s, {
        id: 'chart-consensus-k',
        title: `${name} of the majority of k crowd answers`,
        description: `${k.rule}. ${match && match.k ? `${match.k} crowd answers reach one expert.` : (match && match.reason) || ''}`,
        categories: k.rows.map((r) => `k = ${r.k}`),
        xName: 'crowd answers per item',
        yName: name,
        series: [
          { name: 'majority of k', values: k.rows.map((r) => v(r[state.metric])) },
          { name: 'low (95%)', values: k.rows.map((r) => (r[state.metric] && r[state.metric].ci ? r[state.metric].ci[0] : null)) },
          { name: 'high (95%)', values: k.rows.map((r) => (r[state.metric] && r[state.metric].ci ? r[state.metric].ci[1] : null)) },
          { name: 'one expert', values: k.rows.map(() => expertValue) },
        ],
      }));
    } else {
      kSlot.replaceChildren(el('p', 'hint', 'No item has crowd answers to combine yet.'));
    }
    const points = [];
    for (const t of report.tiers) {
      const secs = t.seconds_per_label && t.seconds_per_label.mean ? v(t.seconds_per_label.mean) : null;
      if (secs !== null && v(t[state.metric]) !== null) {
        points.push({ name: `${t.tier} tier`, group: 'tiers', x: secs, y: v(t[state.metric]),
          cost: v(t.cost_per_label) });
      }
    }
    for (const r of (k && k.rows) || []) {
      if (r.seconds_per_item && v(r.seconds_per_item) !== null && v(r[state.metric]) !== null) {
        points.push({ name: `majority of ${r.k} crowd`, group: 'consensus of k', x: v(r.seconds_per_item), y: v(r[state.metric]),
          cost: v(r.cost_per_item) });
      }
    }
    if (points.length) {
      redraw(frame, costSlot, (s) => scatterChart(s, {
        id: 'chart-cost-quality',
        title: `Seconds of human work per label against ${name}`,
        description: 'Each tier, and the crowd majority of k answers per item: further left is cheaper, higher is better. Cost follows time at the project\'s hourly rates.',
        xName: 'seconds per label',
        yName: name,
        points,
      }));
    } else {
      costSlot.replaceChildren(el('p', 'hint', 'No tier has both timed answers and enough reference items yet.'));
    }
    return report;
  }

  async function loadBoard() {
    try {
      const board = await get(projectPath(ctx.projectId, `/leaderboard?min_items=${state.minItems}`));
      const rows = board.entries.map((e) => [e.rank === null ? '–' : String(e.rank), e.name, e.kind,
        e.objective.value === null ? `– (${e.objective.reason})` : fmt(e.objective.value),
        e.passes ? 'passes' : `fails: ${e.failed.map((f) => `${f.metric} ${f.bound !== undefined ? f.bound : ''}`).join(', ')}`]);
      const t = table(['Rank', 'Run or tier', 'Kind', `Objective (${board.objective})`, 'Thresholds'], rows);
      t.id = 'leaderboard';
      boardSlot.replaceChildren(el('p', 'hint', board.message || ''), t);
      drawPolicy(board.policy);
    } catch (e) {
      failure(boardSlot, 'Could not load the leaderboard', e);
    }
  }

  function drawPolicy(policy) {
    const form = el('form', 'controls');
    form.id = 'policy-editor';
    const optimize = select('optimize', POLICY_METRICS.map((m) => [m, m]), policy.optimize || 'macro_f1');
    form.append(labeled('Optimise', optimize));
    const inputs = {};
    for (const m of POLICY_METRICS) {
      const bound = (policy.thresholds || {})[m] || {};
      const lower = ['latency_ms', 'size_mb', 'cost_per_1k'].includes(m);
      const input = el('input');
      input.type = 'number';
      input.step = 'any';
      input.name = m;
      input.value = lower ? (bound.max ?? '') : (bound.min ?? '');
      inputs[m] = { input, key: lower ? 'max' : 'min' };
      form.append(labeled(`${m} ${lower ? 'at most' : 'at least'}`, input));
    }
    const save = el('button', 'primary', 'Save policy');
    save.type = 'submit';
    const error = el('p', 'error');
    error.setAttribute('role', 'alert');
    form.append(save, error);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const thresholds = {};
      for (const [m, { input, key }] of Object.entries(inputs)) {
        if (input.value !== '') {
          thresholds[m] = { [key]: Number(input.value) };
        }
      }
      try {
        await send('PUT', projectPath(ctx.projectId, '/evaluation-policy'), { optimize: optimize.value, thresholds, reference: policy.reference || 'gold' });
        notice('The evaluation policy is saved.');
        loadBoard();
      } catch (err) {
        error.textContent = err.message;
      }
    });
    policySlot.replaceChildren(form);
  }

  controls.addEventListener('submit', (e) => {
    e.preventDefault();
    state.reference = reference.value;
    state.metric = metric.value;
    const mi = Number(minItems.value);
    state.minItems = Number.isInteger(mi) && mi >= 1 ? mi : 30;
    loadReport();
    loadBoard();
  });
  const [report, , confusion] = await Promise.all([loadReport(), loadBoard(), renderConfusion(frame, confusionSection)]);
  if (report && report.runs) {
    confusion.addRuns(report.runs);
  }
  return frame;
}
