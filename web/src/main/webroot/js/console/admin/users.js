// Admin: people. The list (role, tier, status, last activity), creating users, changing tier, pausing, resuming and
// blocking, and issuing an API token that is shown once with a copy button. User text goes through textContent.
import { el, notice } from '../../ui.js';
import { manage } from './api.js';
import { button, field, input, showProblem, table } from './dom.js';

export async function renderUsers(main, ctx) {
  const page = el('section', 'users-page');
  page.setAttribute('aria-labelledby', 'users-title');
  const h = el('h1', null, 'People');
  h.id = 'users-title';
  const tokenArea = el('div', 'token-area');
  tokenArea.setAttribute('aria-live', 'polite');
  const holder = el('div');
  page.append(h, createForm(() => load()), tokenArea, holder);
  main.replaceChildren(page);

  async function load() {
    let users = [];
    let after = 0;
    for (;;) {
      const body = (await manage.users(after)).body;
      users = users.concat(body.users);
      if (!body.next_after || users.length >= 10000) {
        break;
      }
      after = body.next_after;
    }
    holder.replaceChildren(userTable(users, ctx, tokenArea, load));
  }
  await load();
  h.tabIndex = -1;
  h.focus();
}

function createForm(done) {
  const form = el('form', 'card create-user');
  form.id = 'create-user-form';
  form.noValidate = true;
  const title = el('h2', null, 'Add a person');
  const email = input('email', 'email', { autocomplete: 'off', 'data-field': 'email' });
  const name = input('text', 'display_name', { 'data-field': 'display_name', maxlength: 200 });
  const role = el('select');
  role.name = 'role';
  role.dataset.field = 'role';
  for (const r of ['annotator', 'engineer', 'admin']) {
    role.append(new Option(r, r));
  }
  const tier = el('select');
  tier.name = 'tier';
  tier.dataset.field = 'tier';
  for (const t of ['crowd', 'expert']) {
    tier.append(new Option(t, t));
  }
  const password = input('password', 'password', { autocomplete: 'new-password', 'data-field': 'password' });
  const external = input('text', 'external_id', { 'data-field': 'external_id', maxlength: 200 });
  const tierField = field('Tier', tier, 'Annotators only: crowd or expert.');
  role.addEventListener('change', () => {
    tierField.hidden = role.value !== 'annotator';
  });
  const grid = el('div', 'form-grid');
  grid.append(field('Email', email), field('Name', name), field('Role', role), tierField,
    field('Password', password, 'At least 10 characters; needed to log in by email.'),
    field('External worker id', external, 'Optional: the id another tool (e.g. a crowd platform) knows them by.'));
  const summary = el('p', 'error form-summary');
  summary.setAttribute('role', 'alert');
  const submit = el('button', 'primary', 'Add person');
  submit.type = 'submit';
  form.append(title, grid, summary, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { role: role.value };
    const put = (k, v) => {
      if (v.trim() !== '') {
        body[k] = v.trim();
      }
    };
    put('email', email.value);
    put('display_name', name.value);
    put('external_id', external.value);
    if (password.value !== '') {
      body.password = password.value;
    }
    if (role.value === 'annotator') {
      body.tier = tier.value;
    }
    submit.disabled = true;
    try {
      const u = (await manage.createUser(body)).body;
      showProblem(form, null, summary);
      form.reset();
      tierField.hidden = false;
      notice(`Added ${u.display_name}.`);
      await done();
    } catch (err) {
      showProblem(form, err, summary);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function userTable(users, ctx, tokenArea, reload) {
  const rows = users.map((u) => {
    const who = el('span');
    who.append(el('strong', 'user-name', u.display_name));
    const contact = u.email || (u.external_id ? `worker ${u.external_id}` : '');
    if (contact) {
      who.append(el('br'), el('span', 'hint', contact));
    }
    return [who, u.role, tierCell(u, reload), el('span', `status status-${u.status}`, u.status),
      u.last_active_at ? new Date(u.last_active_at).toLocaleString() : 'never', actions(u, ctx, tokenArea, reload)];
  });
  const t = table(['Person', 'Role', 'Tier', 'Status', 'Last activity', 'Actions'], rows);
  t.caption.textContent = `${users.length} people`;
  t.table.id = 'users-table';
  users.forEach((u, i) => {
    t.rows[i].dataset.userId = String(u.id);
  });
  return t.table;
}

function tierCell(u, reload) {
  if (u.role !== 'annotator') {
    return el('span', 'hint', '—');
  }
  const select = el('select', 'tier-select');
  select.setAttribute('aria-label', `Tier of ${u.display_name}`);
  for (const t of ['crowd', 'expert']) {
    select.append(new Option(t, t, false, u.tier === t));
  }
  select.addEventListener('change', () => change(u, { tier: select.value }, `${u.display_name} is now ${select.value}.`, reload));
  return select;
}

function actions(u, ctx, tokenArea, reload) {
  const box = el('div', 'actions');
  const add = (text, cls, body, message) => {
    const b = button(text, cls, () => change(u, body, message, reload));
    b.setAttribute('aria-label', `${text} ${u.display_name}`);
    box.append(b);
  };
  if (u.id === ctx.app.me.id) {
    box.append(el('span', 'hint', 'you'));
    return box;
  }
  if (u.status === 'active') {
    add('Pause', 'pause', { status: 'paused' }, `${u.display_name} is paused: no new tasks.`);
  } else {
    add('Resume', 'resume', { status: 'active' }, `${u.display_name} is active again.`);
  }
  if (u.status !== 'blocked') {
    add('Block', 'block danger', { status: 'blocked' }, `${u.display_name} is blocked and logged out.`);
  }
  const token = button('Issue API token', 'issue-token', () => issueToken(u, tokenArea));
  token.setAttribute('aria-label', `Issue an API token for ${u.display_name}`);
  box.append(token);
  return box;
}

async function change(u, body, message, reload) {
  try {
    await manage.changeUser(u.id, body);
    notice(message);
    await reload();
  } catch (e) {
    notice(`Could not change ${u.display_name}: ${e.message}`, 15000);
  }
}

async function issueToken(u, area) {
  const name = `console ${new Date().toISOString().slice(0, 10)}`;
  try {
    const t = (await manage.issueToken(u.id, name)).body;
    const box = el('section', 'card token-shown');
    box.setAttribute('aria-labelledby', 'token-title');
    const h = el('h2', null, `API token for ${u.display_name}`);
    h.id = 'token-title';
    const code = el('code', 'token-value', t.token);
    code.id = 'token-value';
    const copy = button('Copy token', 'primary copy-token', async () => {
      try {
        await navigator.clipboard.writeText(t.token);
        copy.textContent = 'Copied';
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        copy.textContent = 'Selected: press Ctrl+C';
      }
    });
    const dismiss = button('Done, hide it', null, () => area.replaceChildren());
    const row = el('div', 'token-box');
    row.append(code, copy, dismiss);
    box.append(h, el('p', 'hint', 'This is the only time the token is shown. Copy it now; Kappa keeps only its hash.'), row);
    area.replaceChildren(box);
    copy.focus();
  } catch (e) {
    notice(`Could not issue a token: ${e.message}`, 15000);
  }
}
