// Create and edit a project: the label schema (single, multi, rating) with hotkeys, overlap per tier, gold rate,
// escalation threshold, baseline sample rate, daily quota, lease TTL, pre-annotation and Markdown instructions with
// a live preview. The preview is the server's own renderer (POST /api/markdown/preview, the same code that makes
// instructions_html); it is the only HTML this page inserts. The server's problem+json errors go next to the field.
import { el, notice } from '../../ui.js';
import { manage } from './api.js';
import { button, field, input, showProblem } from './dom.js';

/** Builds the form. project: the current project (edit) or null (create). onSaved(project) after a save. */
export function projectForm(project, onSaved) {
  const p = project || {};
  const form = el('form', 'project-form');
  form.id = 'project-form';
  form.noValidate = true;

  const basics = group('About');
  const name = input('text', 'name', { 'data-field': 'name', maxlength: 200, required: '' });
  name.value = p.name || '';
  const description = el('textarea', 'short');
  description.name = 'description';
  description.dataset.field = 'description';
  description.rows = 2;
  description.value = p.description || '';
  basics.append(field('Name', name), field('Description', description, 'One line for the project list.'));

  const schemaGroup = group('Labels');
  const kind = el('select');
  kind.name = 'kind';
  kind.dataset.field = 'schema.kind';
  [['single', 'Single choice'], ['multi', 'Multiple choice'], ['rating', 'Rating scale (1..k)']]
    .forEach(([v, t]) => kind.append(new Option(t, v, false, (p.schema ? p.schema.kind : 'single') === v)));
  const rows = el('div', 'label-rows');
  rows.id = 'label-rows';
  rows.dataset.field = 'schema.labels';
  rows.tabIndex = -1;
  const rowsError = el('p', 'error field-error');
  rowsError.id = 'label-rows-error';
  const addLabel = button('Add label', 'add-label', () => {
    addRow({});
    renumber();
    rows.lastElementChild.querySelector('input').focus();
  });
  schemaGroup.append(field('Kind', kind, 'A rating scale\'s keys are 1, 2, … in order.'), rows, rowsError, addLabel);

  const labels = (p.schema && p.schema.labels) || [{ key: 'yes', name: 'Yes', hotkey: '1' }, { key: 'no', name: 'No', hotkey: '2' }];
  function addRow(l) {
    const row = el('div', 'label-row');
    const key = input('text', 'label-key', { maxlength: 64 });
    key.value = l.key || '';
    const lname = input('text', 'label-name', { maxlength: 200 });
    lname.value = l.name || '';
    const hotkey = input('text', 'label-hotkey', { maxlength: 1 });
    hotkey.value = l.hotkey || '';
    const remove = button('Remove', 'remove-label', () => {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      (next ? next.querySelector('input') : addLabel).focus();
    });
    row.append(field('Key', key), field('Name', lname), field('Hotkey', hotkey), remove);
    rows.append(row);
  }
  function renumber() {
    [...rows.children].forEach((row, i) => {
      const [key, lname, hotkey] = row.querySelectorAll('input');
      key.dataset.field = `schema.labels[${i}].key`;
      lname.dataset.field = `schema.labels[${i}].name`;
      hotkey.dataset.field = `schema.labels[${i}].hotkey`;
      key.setAttribute('aria-label', `Key of label ${i + 1}`);
      lname.setAttribute('aria-label', `Name of label ${i + 1}`);
      hotkey.setAttribute('aria-label', `Hotkey of label ${i + 1}`);
      row.querySelector('.remove-label').setAttribute('aria-label', `Remove label ${i + 1}`);
    });
  }
  labels.forEach(addRow);
  renumber();

  const work = group('Assignment');
  const num = (nameAttr, fieldName, value, attrs) => {
    const i = input('number', nameAttr, { 'data-field': fieldName, ...attrs });
    i.value = value === null || value === undefined ? '' : String(value);
    return i;
  };
  const overlapCrowd = num('overlap_crowd', 'overlap.crowd', p.overlap ? p.overlap.crowd : 3, { min: 0, max: 100, step: 1 });
  const overlapExpert = num('overlap_expert', 'overlap.expert', p.overlap ? p.overlap.expert : 1, { min: 0, max: 100, step: 1 });
  const goldRate = num('gold_rate', 'gold_rate', p.gold_rate ?? 0, { min: 0, max: 1, step: 'any' });
  const escalation = num('escalation', 'escalation.min_agreement', p.escalation ? p.escalation.min_agreement : 0.7, { min: 0, max: 1, step: 'any' });
  const baseline = num('baseline_sample_rate', 'baseline_sample_rate', p.baseline_sample_rate ?? 0, { min: 0, max: 1, step: 'any' });
  const quota = num('daily_quota', 'daily_quota', p.daily_quota, { min: 1, step: 1 });
  const ttl = num('lease_ttl_seconds', 'lease_ttl_seconds', p.lease_ttl_seconds ?? 600, { min: 10, max: 86400, step: 1 });
  const preAnnotation = input('checkbox', 'pre_annotation', { 'data-field': 'pre_annotation' });
  preAnnotation.checked = Boolean(p.pre_annotation);
  const grid = el('div', 'form-grid');
  grid.append(
    field('Crowd answers per item', overlapCrowd, 'Overlap for the crowd tier.'),
    field('Expert answers per item', overlapExpert, 'Overlap for experts on escalated and sampled items.'),
    field('Gold rate', goldRate, 'Share of tasks that are gold checks (0 to 1).'),
    field('Escalation threshold', escalation, 'Send an item to experts when the crowd majority share is below this (0 = never).'),
    field('Baseline sample rate', baseline, 'Share of items that experts label too, for the human baseline (0 to 1).'),
    field('Daily quota per annotator', quota, 'Empty: no limit.'),
    field('Lease time (seconds)', ttl, 'How long a task is held for one annotator (10 to 86400).'),
    field('Pre-annotation', preAnnotation, 'Show a model\'s prediction to annotators as a suggestion.'));
  work.append(grid);

  const doc = group('Instructions');
  const md = el('textarea');
  md.name = 'instructions';
  md.dataset.field = 'instructions';
  md.value = p.instructions || '';
  const preview = el('div', 'md-preview instructions');
  preview.id = 'md-preview';
  preview.setAttribute('aria-live', 'polite');
  preview.setAttribute('aria-label', 'Preview of the instructions as annotators will see them');
  const cols = el('div', 'md-columns');
  const previewWrap = el('div');
  previewWrap.append(el('p', 'field-title', 'Preview'), preview);
  cols.append(field('Markdown', md, 'Shown to annotators beside every item. Raw HTML is shown as text.'), previewWrap);
  doc.append(cols);
  let previewTimer = null;
  let previewSeq = 0;
  const refreshPreview = () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      const seq = ++previewSeq;
      try {
        const html = (await manage.preview(md.value)).body.html;
        if (seq === previewSeq) {
          // Server-rendered, escaped and URL-sanitised by the same renderer as instructions_html.
          preview.innerHTML = html;
        }
      } catch (e) {
        if (seq === previewSeq) {
          preview.textContent = `Preview unavailable: ${e.message}`;
        }
      }
    }, 250);
  };
  md.addEventListener('input', refreshPreview);
  refreshPreview();

  const summary = el('p', 'error form-summary');
  summary.setAttribute('role', 'alert');
  const save = el('button', 'primary', project ? 'Save changes' : 'Create project');
  save.type = 'submit';
  save.id = 'save-project';
  form.append(basics, schemaGroup, work, doc, summary, save);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    rowsError.textContent = '';
    const body = {
      name: name.value,
      description: description.value,
      instructions: md.value,
      schema: {
        kind: kind.value,
        labels: [...rows.children].map((row) => {
          const [key, lname, hotkey] = row.querySelectorAll('input');
          const l = { key: key.value.trim(), name: lname.value.trim() || key.value.trim() };
          if (hotkey.value.trim()) {
            l.hotkey = hotkey.value.trim();
          }
          return l;
        }),
      },
      overlap: { crowd: numberOf(overlapCrowd), expert: numberOf(overlapExpert) },
      gold_rate: numberOf(goldRate),
      escalation: { min_agreement: numberOf(escalation) },
      baseline_sample_rate: numberOf(baseline),
      daily_quota: quota.value === '' ? null : numberOf(quota),
      lease_ttl_seconds: numberOf(ttl),
      pre_annotation: preAnnotation.checked,
    };
    save.disabled = true;
    try {
      const saved = project ? (await manage.updateProject(project.id, body)).body : (await manage.createProject(body)).body;
      showProblem(form, null, summary);
      notice(project ? 'Saved.' : `Created ${saved.name}.`);
      onSaved(saved);
    } catch (err) {
      showProblem(form, err, summary);
      if (err.problem && err.problem.field && err.problem.field.startsWith('schema.labels') && !form.querySelector('[aria-invalid]')) {
        rowsError.textContent = err.problem.detail || err.message;
      }
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

/** A number input's value for the API: a number, or the raw text when it is not one (the server names the field). */
function numberOf(i) {
  if (i.value === '') {
    return null;
  }
  const n = Number(i.value);
  return Number.isFinite(n) ? n : i.value;
}

function group(title) {
  const fs = el('fieldset', 'group');
  fs.append(el('legend', null, title));
  return fs;
}

export async function renderNewProject(main) {
  const page = el('section');
  page.setAttribute('aria-labelledby', 'new-project-title');
  const h = el('h1', null, 'New project');
  h.id = 'new-project-title';
  page.append(h, projectForm(null, (saved) => {
    location.hash = `#/manage/${saved.id}/members`;
  }));
  main.replaceChildren(page);
  page.querySelector('input[name=name]').focus();
}
