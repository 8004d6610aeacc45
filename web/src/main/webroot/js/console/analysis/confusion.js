// The confusion matrix of a model run or a tier against gold or the consensus, from GET confusion: rows are the
// reference, columns what the run or tier gave; colour is the share of the reference row, the table has the counts.
import { el } from '../../ui.js';
import { fmt, heatmapChart } from './chart.js';
import { failure, get, labeled, projectPath, redraw, select } from './frame.js';

export async function renderConfusion(frame, section) {
  const names = {};
  for (const l of frame.project.schema.labels || []) {
    names[String(l.key)] = l.name || String(l.key);
  }
  const controls = el('div', 'controls');
  const source = select('source', [['tier:crowd', 'Crowd tier'], ['tier:expert', 'Expert tier']], 'tier:crowd');
  source.id = 'confusion-source';
  const reference = select('reference', [['gold', 'Gold labels'], ['consensus', 'Majority consensus']], 'gold');
  reference.id = 'confusion-reference';
  controls.append(labeled('Of', source), labeled('Against', reference));
  const note = el('p', 'hint');
  note.setAttribute('aria-live', 'polite');
  const slot = el('div');
  section.append(controls, note, slot);

  async function load() {
    const [kind, id] = source.value.split(':');
    const q = kind === 'tier' ? `tier=${id}` : `run_id=${id}`;
    let c;
    try {
      c = await get(projectPath(frame.project.id, `/confusion?${q}&reference=${reference.value}`));
    } catch (e) {
      failure(slot, 'Could not load the confusion matrix', e);
      return;
    }
    note.textContent = `${fmt(c.compared)} labels compared against ${c.reference_note}; ${fmt(c.without_reference)} had no reference.`;
    const labels = c.classes.map((k) => names[k] || k);
    const totals = c.counts.map((row) => row.reduce((a, b) => a + b, 0));
    redraw(frame, slot, (s) => heatmapChart(s, {
      id: 'chart-confusion',
      title: `Confusion of the ${source.options[source.selectedIndex].text.toLowerCase()} against ${reference.value}`,
      description: 'Rows: the reference label; columns: the label given. Colour is the share of the row; the table holds the counts.',
      rowNames: labels.map((l) => `reference: ${l}`),
      colNames: labels.map((l) => `given: ${l}`),
      values: c.counts.map((row, r) => row.map((v) => (totals[r] ? v / totals[r] : null))),
      cellLines: (r, col) => [`${fmt(c.counts[r][col])} of ${fmt(totals[r])} (${fmt(totals[r] ? c.counts[r][col] / totals[r] : null, { percent: true })})`],
      tableValue: (r, col) => `${fmt(c.counts[r][col])} (${fmt(totals[r] ? c.counts[r][col] / totals[r] : null, { percent: true })})`,
    }));
  }
  source.addEventListener('change', load);
  reference.addEventListener('change', load);
  await load();
  return {
    /** Adds the project's model runs to the choices once the baseline report has named them. */
    addRuns(runs) {
      for (const r of runs) {
        if (!source.querySelector(`option[value="run:${r.run_id}"]`)) {
          const o = el('option', null, `Model ${r.model} ${r.version}`);
          o.value = `run:${r.run_id}`;
          source.append(o);
        }
      }
    },
  };
}
