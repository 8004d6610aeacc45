// Overview: progress per tier, answers per hour by tier over the project's life, and the burndown of items left.
// Everything is an aggregate the server computed (GET progress, GET throughput); it refreshes every 15 s.
import { el } from '../../ui.js';
import { fmt, seriesChart } from './chart.js';
import { button, failure, get, openFrame, projectPath, redraw } from './frame.js';

const TIERS = ['crowd', 'expert'];

function bucketLabel(iso, bucket) {
  // UTC, as the server buckets: "2026-11-30 14:00" or "2026-11-30"
  return bucket === 'hour' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}

function progressCards(slot, progress) {
  const list = el('dl', 'stat-cards');
  const add = (name, value, id) => {
    const box = el('div', 'stat-card');
    const dd = el('dd', null, value);
    if (id) {
      dd.id = id;
    }
    box.append(el('dt', null, name), dd);
    list.append(box);
  };
  add('Items', fmt(progress.items), 'stat-items');
  add('Crowd answers', fmt(progress.tiers.crowd.answers), 'stat-answers-crowd');
  add('Expert answers', fmt(progress.tiers.expert.answers), 'stat-answers-expert');
  add('Answers today', fmt(progress.tiers.crowd.answers_today + progress.tiers.expert.answers_today), 'stat-answers-today');
  add('Waiting for experts', fmt(progress.tiers.expert.items_waiting_for_experts ?? 0), 'stat-waiting-experts');
  add('Gold items', fmt(progress.gold_items));
  slot.replaceChildren(list);
}

async function drawProgress(frame, cards, chartSlot) {
  const progress = await get(projectPath(frame.project.id, '/progress'));
  progressCards(cards, progress);
  const t = progress.tiers;
  redraw(frame, chartSlot, (slot) => seriesChart(slot, {
    id: 'chart-progress',
    title: 'Items per tier',
    description: 'Complete, in progress and not started, per tier. Expert work exists only on items sent to experts.',
    type: 'bar',
    stack: true,
    xName: 'Tier',
    yName: 'items',
    categories: TIERS,
    series: [
      { name: 'complete', values: TIERS.map((k) => t[k].items_complete) },
      { name: 'in progress', values: TIERS.map((k) => t[k].items_in_progress) },
      { name: 'not started', values: TIERS.map((k) => t[k].items_not_started) },
    ],
  }));
  return progress;
}

async function drawThroughput(frame, throughputSlot, burndownSlot) {
  const tp = await get(projectPath(frame.project.id, '/throughput'));
  const categories = tp.starts.map((s) => bucketLabel(s, tp.bucket));
  const per = tp.bucket === 'hour' ? 'hour' : 'day';
  redraw(frame, throughputSlot, (slot) => seriesChart(slot, {
    id: 'chart-throughput',
    title: `Answers per ${per} by tier`,
    description: `Answers received in each ${per} (UTC), crowd and expert, from ${bucketLabel(tp.from, tp.bucket)} on.`,
    xName: `${per} (UTC)`,
    yName: 'answers',
    categories,
    series: [
      { name: 'crowd', values: tp.answers.crowd },
      { name: 'expert', values: tp.answers.expert },
    ],
  }));
  if (!tp.burndown) {
    burndownSlot.replaceChildren(el('p', 'hint', 'No tier has an overlap, so there is nothing to burn down.'));
    return;
  }
  const b = tp.burndown;
  redraw(frame, burndownSlot, (slot) => seriesChart(slot, {
    id: 'chart-burndown',
    title: `Items left for the ${b.tier} tier`,
    description: `At the end of each ${per}: items imported by then whose ${b.overlap}${b.overlap === 1 ? 'st' : b.overlap === 2 ? 'nd' : b.overlap === 3 ? 'rd' : 'th'} ${b.tier} answer had not come yet (${fmt(b.items_total)} items in all).`,
    xName: `${per} (UTC)`,
    yName: 'items left',
    area: true,
    categories,
    series: [{ name: 'items left', values: b.items_left }],
  }));
}

export async function renderOverview(main, ctx) {
  const frame = await openFrame(main, ctx, 'overview');
  const progress = frame.section('overview-progress', 'Progress');
  const cards = el('div', 'cards-slot');
  const progressChart = el('div', 'chart-slot');
  const refreshed = el('p', 'hint refreshed');
  refreshed.setAttribute('aria-live', 'polite');
  const refresh = button('Refresh now', () => load(), 'quiet');
  refresh.id = 'overview-refresh';
  progress.append(refresh, refreshed, cards, progressChart);
  const activity = frame.section('overview-activity', 'Throughput and burndown');
  const throughputSlot = el('div', 'chart-slot');
  const burndownSlot = el('div', 'chart-slot');
  activity.append(throughputSlot, burndownSlot);
  async function load() {
    await Promise.all([
      drawProgress(frame, cards, progressChart).catch((e) => failure(cards, 'Could not load progress', e)),
      drawThroughput(frame, throughputSlot, burndownSlot).catch((e) => failure(throughputSlot, 'Could not load throughput', e)),
    ]);
    refreshed.textContent = `Updated ${new Date().toLocaleTimeString()}; updates every 15 s.`;
  }
  await load();
  frame.every(15000, load);
  return frame;
}
