// Annotators: answers, median seconds per answer, gold accuracy with its Wilson interval, agreement with the consensus,
// flag and status, from GET annotators/quality. The project's managers pause and resume a member here, in this project
// only (PATCH members/{userId}); pausing an account everywhere is the admin's, on the people page.
import { notice, el } from '../../ui.js';
import { fmt, intervalChart } from './chart.js';
import { button, failure, get, labeled, openFrame, projectPath, redraw, select, send, table } from './frame.js';

const SORTS = [
  ['gold', 'Gold accuracy, lowest first'],
  ['consensus', 'Agreement with consensus, lowest first'],
  ['answers', 'Answers, most first'],
  ['speed', 'Median seconds, fastest first'],
  ['name', 'Name'],
];

function sorter(key) {
  const low = (v) => (v === null || v === undefined ? Infinity : v);
  switch (key) {
    case 'consensus': return (a, b) => low(a.consensus.accuracy.value) - low(b.consensus.accuracy.value);
    case 'answers': return (a, b) => b.answers - a.answers;
    case 'speed': return (a, b) => low(a.median_seconds) - low(b.median_seconds);
    case 'name': return (a, b) => String(a.display_name).localeCompare(String(b.display_name));
    default: return (a, b) => low(a.gold.accuracy.value) - low(b.gold.accuracy.value);
  }
}

function goldCell(g) {
  if (!g || g.accuracy.value === null) {
    return g && g.compared === 0 ? 'no gold answers' : (g ? g.accuracy.reason : '–');
  }
  const ci = g.accuracy.ci ? ` [${fmt(g.accuracy.ci[0], { percent: true })}, ${fmt(g.accuracy.ci[1], { percent: true })}]` : '';
  return `${fmt(g.accuracy.value, { percent: true })}${ci} (n=${g.compared})`;
}

export async function renderAnnotators(main, ctx) {
  const frame = await openFrame(main, ctx, 'annotators');
  const section = frame.section('annotators-table', 'Annotators',
    'Gold accuracy is shown with its 95% Wilson interval; agreement with consensus is the share of answers equal to the'
    + ' majority label of the item (the annotator\'s own answer included). Flags come from the project\'s quality policy.');
  const controls = el('div', 'controls');
  const sort = select('sort', SORTS, 'gold');
  sort.id = 'annotators-sort';
  controls.append(labeled('Sort by', sort));
  const tableSlot = el('div', 'table-slot');
  const chartSection = frame.section('annotators-gold', 'Gold accuracy by annotator');
  const chartSlot = el('div', 'chart-slot');
  chartSection.append(chartSlot);
  section.append(controls, tableSlot);
  let report = null;
  let pausedHere = new Set();

  async function setStatus(a, status) {
    try {
      await send('PATCH', projectPath(ctx.projectId, `/members/${encodeURIComponent(a.user_id)}`), { status });
      notice(`${a.display_name} is now ${status === 'paused' ? 'paused in this project' : 'active in this project'}.`);
      await load();
      const again = document.querySelector(`[data-user="${a.user_id}"] button`);
      if (again) {
        again.focus();
      }
    } catch (e) {
      notice(`Could not change ${a.display_name}: ${e.message}`, 12000);
    }
  }

  /** The member's pause in this project (ours to change), beside the account's status (the admin's). */
  function statusCell(a) {
    const wrap = el('span', 'status-cell');
    wrap.dataset.user = String(a.user_id);
    const here = pausedHere.has(a.user_id);
    const shown = a.status !== 'active' ? a.status : here ? 'paused' : 'active';
    const status = el('span', `status status-${shown}`, a.status !== 'active' ? `${a.status} (account)` : shown);
    status.dataset.projectStatus = here ? 'paused' : 'active';
    wrap.append(status);
    if (a.member) {
      const verb = here ? 'Resume' : 'Pause';
      const b = button(verb, () => setStatus(a, here ? 'active' : 'paused'), 'small');
      b.setAttribute('aria-label', `${verb} ${a.display_name} in this project`);
      wrap.append(b);
    }
    return wrap;
  }

  function drawTable() {
    const rows = [...report.annotators].sort(sorter(sort.value)).map((a) => [
      a.display_name,
      a.tier || '–',
      fmt(a.answers),
      a.median_seconds === null ? '–' : fmt(a.median_seconds, { digits: 1 }),
      goldCell(a.gold),
      a.consensus.accuracy.value === null ? a.consensus.accuracy.reason || '–' : `${fmt(a.consensus.accuracy.value, { percent: true })} (n=${a.consensus.compared})`,
      a.flagged ? el('span', 'chip warn', a.flag_reason || 'flagged') : 'no',
      statusCell(a),
    ]);
    const t = table(['Annotator', 'Tier', 'Answers', 'Median s / answer', 'Gold accuracy [95% CI]', 'Agreement with consensus', 'Flag',
      'Status in this project'], rows);
    t.id = 'annotators';
    tableSlot.replaceChildren(t);
  }

  function drawChart() {
    const withGold = report.annotators.filter((a) => a.gold && a.gold.accuracy.value !== null)
      .sort(sorter('gold')).slice(0, 40);
    if (!withGold.length) {
      chartSlot.replaceChildren(el('p', 'hint', 'No annotator has answered a gold item yet.'));
      return;
    }
    redraw(frame, chartSlot, (slot) => intervalChart(slot, {
      id: 'chart-gold',
      title: `Gold accuracy with 95% interval (${withGold.length === 40 ? 'the 40 lowest' : 'everyone with gold answers'})`,
      description: 'A dot per annotator, with the Wilson interval of their gold accuracy; few gold answers give a wide bar.',
      xName: 'gold accuracy',
      min: 0,
      max: 1,
      percent: true,
      rows: withGold.map((a) => ({ name: a.display_name, value: a.gold.accuracy.value,
        low: a.gold.accuracy.ci ? a.gold.accuracy.ci[0] : null, high: a.gold.accuracy.ci ? a.gold.accuracy.ci[1] : null,
        note: `${a.gold.compared} gold answers` })),
      extraColumns: { names: ['gold answers'], values: (r) => [r.note] },
    }));
  }

  async function load() {
    try {
      const [quality, members] = await Promise.all([get(projectPath(ctx.projectId, '/annotators/quality')), allMembers()]);
      pausedHere = new Set(members.filter((m) => m.paused_at).map((m) => m.user_id));
      const isMember = new Set(members.map((m) => m.user_id));
      report = { ...quality, annotators: quality.annotators.map((a) => ({ ...a, member: isMember.has(a.user_id) })) };
      drawTable();
      drawChart();
    } catch (e) {
      failure(tableSlot, 'Could not load the annotators', e);
    }
  }
  /** Every member of the project (their pause here), page by page. */
  async function allMembers() {
    const out = [];
    for (let after = 0; ;) {
      const page = await get(projectPath(ctx.projectId, `/members?limit=1000&after=${after}`));
      out.push(...page.members);
      if (!page.next_after) {
        return out;
      }
      after = page.next_after;
    }
  }

  sort.addEventListener('change', drawTable);
  await load();
  return frame;
}
