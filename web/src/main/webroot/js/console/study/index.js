// Console page for baseline studies (issue 19): each study's phases and progress, stop/resume, the report card with
// its table ready to copy (Markdown or LaTeX), and a form to start a study whose K the sample-size planner can fill.
// Every server text goes in through textContent (el); the copied table is plain text in a read-only textarea.
import { request } from '../../api.js';
import { el } from '../../ui.js';

const base = (pid) => `/api/projects/${encodeURIComponent(pid)}/baseline-studies`;
const pct = (f) => (f && f.value !== null && f.value !== undefined
  ? `${(100 * f.value).toFixed(1)} [${(100 * f.lower).toFixed(1)}, ${(100 * f.upper).toFixed(1)}]` : 'n/a');

function field(label, input) {
  const wrap = el('label', 'field', label);
  wrap.append(input);
  return wrap;
}

function input(name, type, value, attrs = {}) {
  const i = document.createElement('input');
  i.name = name;
  i.type = type;
  if (value !== undefined) {
    i.value = String(value);
  }
  Object.entries(attrs).forEach(([k, v]) => i.setAttribute(k, v));
  return i;
}

function select(name, options) {
  const s = document.createElement('select');
  s.name = name;
  options.forEach((o) => s.append(new Option(o, o)));
  return s;
}

function progressTable(st) {
  const p = st.progress;
  const k = st.protocol.measurement_k;
  const rows = [['Recruited', p.recruited], ['Trained', p.trained], ['Finished qualification', p.qualification_finished],
    ['Waiting for the median quorum', p.waiting], ['Qualified', p.qualified], ['Not qualified', p.not_qualified],
    ['Taking part in measurement', p.participating], ['Votes answered', `${p.votes_answered} of ${p.votes_needed}`],
    ['Items with all votes', `${p.items_complete} of ${k}`]];
  const t = el('table', 'study-progress');
  rows.forEach(([name, value]) => {
    const tr = el('tr');
    tr.append(el('th', null, name), el('td', null, value));
    t.append(tr);
  });
  const bar = document.createElement('progress');
  bar.max = Math.max(1, p.votes_needed);
  bar.value = p.votes_answered;
  bar.setAttribute('aria-label', `Measurement: ${p.votes_answered} of ${p.votes_needed} votes`);
  const box = el('div');
  box.append(t, bar);
  return box;
}

async function showReport(pid, st, target) {
  target.replaceChildren(el('p', 'loading', 'Computing the report card…'));
  const r = (await request('GET', `${base(pid)}/${st.id}/report`)).body;
  const md = await fetch(`${base(pid)}/${st.id}/report?format=markdown`, { credentials: 'same-origin' }).then((x) => x.text());
  const tex = await fetch(`${base(pid)}/${st.id}/report?format=latex`, { credentials: 'same-origin' }).then((x) => x.text());
  const table = el('table', 'study-report');
  const head = el('tr');
  ['Annotators', 'Accuracy (95% CI)', 'Macro-F1 (95% CI)', 'Model − majority (95% CI)'].forEach((h) => head.append(el('th', null, h)));
  table.append(head);
  const row = (cells) => {
    const tr = el('tr');
    cells.forEach((c) => tr.append(el('td', null, c)));
    table.append(tr);
  };
  row([`Single ${st.tier} annotator`, pct(r.single.accuracy), pct(r.single.macro_f1), '']);
  row([`Majority of ${r.majority.votes}`, pct(r.majority.accuracy), pct(r.majority.macro_f1), '']);
  r.models.forEach((m) => row([`${m.model} ${m.version} (n = ${m.items})`, pct(m.accuracy), '', pct(m.minus_majority)]));
  const s = r.annotators.qualification_scores;
  const facts = el('p', 'study-facts', `Qualification scores: n = ${s.n}, median ${s.median ?? 'n/a'}, pass bar ${s.threshold ?? 'n/a'}. `
    + `Median ${r.protocol.median_seconds_per_item ?? 'n/a'} s per item. Cost ${r.cost.total ?? 'n/a'} ${r.cost.currency || ''}`
    + `, ${r.cost.per_accuracy_point ?? 'n/a'} per point of majority accuracy.`);
  const text = document.createElement('textarea');
  text.readOnly = true;
  text.rows = 8;
  text.className = 'study-copy';
  text.value = md;
  text.setAttribute('aria-label', 'The report card table as text');
  const fmt = select('format', ['markdown', 'latex']);
  fmt.addEventListener('change', () => {
    text.value = fmt.value === 'latex' ? tex : md;
  });
  const copy = el('button', null, 'Copy table');
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    text.select();
    try {
      await navigator.clipboard.writeText(text.value);
      copy.textContent = 'Copied';
    } catch (e) {
      document.execCommand('copy');
    }
  });
  target.replaceChildren(table, facts, field('Format ', fmt), text, copy);
}

function studyCard(pid, st, reload) {
  const card = el('section', 'study-card');
  card.dataset.studyId = String(st.id);
  const p = st.protocol;
  card.append(el('h3', null, `${st.name} · ${st.tier} · ${st.status}`));
  card.append(el('p', null, `Training ${p.training_n}, qualification ${p.qualification_m} (${p.pass_rule}`
    + `${p.pass_rule === 'fixed' ? ` ≥ ${p.pass_accuracy}` : `, quorum ${p.qualification_quorum}`}), measurement `
    + `${p.measurement_k} items × ${p.votes_v} votes, drawn ${p.sampling}, seed ${p.seed}.`));
  card.append(progressTable(st));
  const report = el('div', 'study-report-box');
  const show = el('button', null, 'Report card');
  show.type = 'button';
  show.addEventListener('click', () => showReport(pid, st, report).catch((e) => report.replaceChildren(el('p', 'error', e.message))));
  const toggle = el('button', null, st.status === 'running' ? 'Stop' : 'Resume');
  toggle.type = 'button';
  toggle.addEventListener('click', async () => {
    await request('PATCH', `${base(pid)}/${st.id}`, { status: st.status === 'running' ? 'stopped' : 'running' });
    reload();
  });
  card.append(show, toggle, report);
  return card;
}

function createForm(pid, reload) {
  const form = el('form', 'study-form');
  const f = {
    name: input('name', 'text', 'Crowd baseline', { required: '', maxlength: '200' }),
    tier: select('tier', ['crowd', 'expert']),
    training_n: input('training_n', 'number', 20, { min: '0', max: '1000' }),
    qualification_m: input('qualification_m', 'number', 20, { min: '0', max: '1000' }),
    measurement_k: input('measurement_k', 'number', 100, { min: '1', max: '100000' }),
    votes_v: input('votes_v', 'number', 5, { min: '1', max: '100' }),
    pass_rule: select('pass_rule', ['median', 'fixed']),
    pass_accuracy: input('pass_accuracy', 'number', 0.7, { min: '0', max: '1', step: 'any' }),
    qualification_quorum: input('qualification_quorum', 'number', 5, { min: '1' }),
    sampling: select('sampling', ['stratified', 'random']),
    pay_unit: select('pay_unit', ['hour', 'item']),
    pay_amount: input('pay_amount', 'number', '', { min: '0', step: 'any' }),
    currency: input('currency', 'text', 'USD', { maxlength: '8' }),
    expected: input('expected', 'number', 0.8, { min: '0', max: '1', step: 'any' }),
    half_width: input('half_width', 'number', 0.05, { min: '0.001', max: '0.5', step: 'any' }),
  };
  const plan = el('button', null, 'Plan K (Wilson)');
  plan.type = 'button';
  const planOut = el('span', 'hint');
  plan.addEventListener('click', async () => {
    try {
      const r = (await request('GET', `/api/sample-size?metric=accuracy&expected=${encodeURIComponent(f.expected.value)}`
        + `&half_width=${encodeURIComponent(f.half_width.value)}`)).body;
      f.measurement_k.value = String(r.n);
      planOut.textContent = `n = ${r.n} gives ±${r.achieved_half_width.toFixed(3)} at ${r.expected}`;
    } catch (e) {
      planOut.textContent = e.message;
    }
  });
  const error = el('p', 'error');
  error.setAttribute('role', 'alert');
  const submit = el('button', 'primary', 'Start the study');
  submit.type = 'submit';
  form.append(el('h3', null, 'New study'), ...Object.entries(f).map(([k, i]) => field(`${k.replace('_', ' ')} `, i)), plan, planOut, submit, error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = (i) => Number(i.value);
    const body = { name: f.name.value, tier: f.tier.value, training_n: n(f.training_n), qualification_m: n(f.qualification_m),
      measurement_k: n(f.measurement_k), votes_v: n(f.votes_v), pass_rule: f.pass_rule.value, sampling: f.sampling.value };
    if (body.pass_rule === 'fixed') {
      body.pass_accuracy = n(f.pass_accuracy);
    } else {
      body.qualification_quorum = n(f.qualification_quorum);
    }
    if (f.pay_amount.value !== '') {
      body.pay = { unit: f.pay_unit.value, amount: n(f.pay_amount), currency: f.currency.value || null };
    }
    try {
      await request('POST', base(pid), body);
      reload();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  return form;
}

async function render(main, ctx) {
  const pid = ctx.projectId;
  const page = el('div', 'console-page study-page');
  main.replaceChildren(page);
  const reload = async () => {
    const list = (await request('GET', base(pid))).body.studies;
    page.replaceChildren(el('h2', null, 'Baseline studies'));
    if (!list.length) {
      page.append(el('p', null, 'No study yet. A study trains, qualifies and measures annotators of one tier on gold items.'));
    }
    list.forEach((st) => page.append(studyCard(pid, st, reload)));
    page.append(createForm(pid, reload));
  };
  await reload();
}

export const routes = [
  { tab: 'studies', title: 'Baseline studies', scope: 'project', roles: ['engineer', 'admin'], render },
];
