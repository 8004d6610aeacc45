// Data in and out. Uploads (items, model predictions, past answers) stream the File itself with XMLHttpRequest,
// so a 1 GB file is never read into the page, with a progress bar over the bytes sent. The server imports
// all-or-nothing: a bad file comes back as a list of bad lines, shown as a table, and nothing is written.
// Downloads are plain links (GET with the session cookie) that the server streams.
import { el, notice } from '../../ui.js';
import { manage, upload } from './api.js';
import { field, input, table } from './dom.js';

const KINDS = {
  items: { title: 'Items', path: 'items', hint: 'One item per line: {"external_id": "...", "data": {...}, "gold"?: label}. CSV: external_id, data columns, gold.' },
  predictions: { title: 'Model predictions', path: 'predictions', hint: 'One line per item: {"item": "<external_id>", "label": ..., "probs": {...}} or "score". Needs the model and version.' },
  answers: { title: 'Past answers', path: 'answers/import', hint: 'One line per answer: {"item", "annotator", "tier", "label", "duration_ms"?, "created_at"?}.' },
};

export async function renderData(main, ctx) {
  const h = el('h2', null, 'Data in and out');
  main.replaceChildren(h, uploader(ctx), downloads(ctx));
}

function uploader(ctx) {
  const box = el('section', 'card upload');
  box.setAttribute('aria-labelledby', 'upload-title');
  const h = el('h3', null, 'Upload');
  h.id = 'upload-title';
  const kind = el('select');
  kind.id = 'upload-kind';
  for (const [k, v] of Object.entries(KINDS)) {
    kind.append(new Option(v.title, k));
  }
  const hint = el('p', 'hint');
  const model = input('text', 'model', { maxlength: 200 });
  model.id = 'upload-model';
  const version = input('text', 'version', { maxlength: 200 });
  version.id = 'upload-version';
  const modelFields = el('div', 'form-grid');
  modelFields.append(field('Model', model), field('Version', version));
  const file = input('file', 'file', { accept: '.jsonl,.ndjson,.json,.csv,application/x-ndjson,text/csv' });
  file.id = 'upload-file';
  const zone = el('div', 'dropzone');
  zone.id = 'dropzone';
  zone.append(el('p', null, 'Drop a JSONL or CSV file here, or choose one:'), file);
  const progress = el('progress', 'upload-progress');
  progress.id = 'upload-progress';
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  progress.setAttribute('aria-label', 'Bytes sent');
  const status = el('p', 'upload-status');
  status.id = 'upload-status';
  status.setAttribute('role', 'status');
  const result = el('div', 'upload-result');
  result.id = 'upload-result';
  const grid = el('div', 'form-grid');
  grid.append(field('What the file holds', kind));
  box.append(h, grid, hint, modelFields, zone, progress, status, result);

  const sync = () => {
    hint.textContent = KINDS[kind.value].hint;
    modelFields.hidden = kind.value !== 'predictions';
  };
  kind.addEventListener('change', sync);
  sync();

  let busy = false;
  const send = async (f) => {
    if (!f || busy) {
      return;
    }
    const csv = /\.csv$/i.test(f.name) || f.type === 'text/csv';
    let path = `/api/projects/${encodeURIComponent(ctx.projectId)}/${KINDS[kind.value].path}`;
    if (kind.value === 'predictions') {
      path += `?model=${encodeURIComponent(model.value.trim())}&version=${encodeURIComponent(version.value.trim())}`;
    }
    busy = true;
    result.replaceChildren();
    progress.hidden = false;
    progress.max = Math.max(1, f.size);
    progress.value = 0;
    status.textContent = `Sending ${f.name}…`;
    const started = performance.now();
    const job = upload(path, f, csv ? 'text/csv' : 'application/x-ndjson', ctx.app.me.csrf_token, (sent, total) => {
      progress.max = Math.max(1, total);
      progress.value = sent;
      status.textContent = sent >= total ? `Sent ${bytes(total)}; the server is importing…` : `Sent ${bytes(sent)} of ${bytes(total)}`;
    });
    try {
      const body = await job.promise;
      progress.value = progress.max;
      status.textContent = `${f.name}: imported in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
      result.replaceChildren(summaryList(body));
      notice(`${KINDS[kind.value].title} imported.`);
    } catch (e) {
      status.textContent = `${f.name} was not imported: ${e.message}`;
      const errors = (e.problem && e.problem.errors) || [];
      if (errors.length) {
        const t = table(['Line', 'Field', 'Problem'], errors.map((v) => [v.line ?? '', v.field || '', v.reason || '']));
        t.caption.textContent = 'Bad lines (nothing was written; fix them and upload the whole file again)';
        t.table.id = 'bad-lines';
        result.replaceChildren(t.table);
      }
    } finally {
      busy = false;
      file.value = '';
    }
  };
  file.addEventListener('change', () => send(file.files[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    send(e.dataTransfer.files[0]);
  });
  return box;
}

/** The import's answer as a definition list, whatever counts it reports. */
function summaryList(body) {
  const dl = el('dl', 'kv');
  for (const [k, v] of Object.entries(body || {})) {
    if (v === null || typeof v === 'object') {
      continue;
    }
    dl.append(el('dt', null, k.replace(/_/g, ' ')), el('dd', null, String(v)));
  }
  return dl;
}

function bytes(n) {
  if (n < 1024) {
    return `${n} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

function downloads(ctx) {
  const box = el('section', 'card downloads section-gap');
  box.setAttribute('aria-labelledby', 'download-title');
  const h = el('h3', null, 'Download');
  h.id = 'download-title';
  const format = el('select');
  format.id = 'export-format';
  format.append(new Option('JSON Lines', 'jsonl'), new Option('CSV', 'csv'));
  const consensus = el('select');
  consensus.id = 'export-consensus';
  consensus.append(new Option('No consensus', ''), new Option('Majority vote', 'majority'),
    new Option('Weighted vote', 'weighted'), new Option('Dawid-Skene', 'dawid-skene'));
  const tier = el('select');
  tier.id = 'export-tier';
  tier.append(new Option('All tiers', ''), new Option('Crowd', 'crowd'), new Option('Expert', 'expert'));
  const link = el('a', 'button primary', 'Download export');
  link.id = 'export-link';
  const hard = el('a', 'button', 'Download hard cases (CSV)');
  hard.id = 'hard-cases-link';
  hard.href = `/api/projects/${encodeURIComponent(ctx.projectId)}/hard-cases/export`;
  hard.setAttribute('download', '');
  const sync = () => {
    const q = new URLSearchParams({ format: format.value });
    if (consensus.value) {
      q.set('consensus', consensus.value);
    }
    if (tier.value) {
      q.set('tier', tier.value);
    }
    link.href = `/api/projects/${encodeURIComponent(ctx.projectId)}/export?${q}`;
    link.setAttribute('download', '');
  };
  [format, consensus, tier].forEach((s) => s.addEventListener('change', sync));
  sync();
  const grid = el('div', 'form-grid');
  grid.append(field('Format', format), field('Consensus to attach', consensus), field('Answers from', tier));
  const actions = el('div', 'actions');
  actions.append(link, hard);
  box.append(h, el('p', 'hint', 'Items with their answers (and the chosen consensus), streamed straight from the database.'), grid, actions);
  return box;
}

