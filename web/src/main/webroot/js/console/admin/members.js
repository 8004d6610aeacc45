// A project's members: who may label in it. Add by email or external worker id (any existing user), remove.
import { el, notice } from '../../ui.js';
import { manage } from './api.js';
import { button, field, input, showProblem, table } from './dom.js';

export async function renderMembers(main, ctx) {
  const h = el('h2', null, 'Members');
  const form = el('form', 'card add-member');
  form.id = 'add-member-form';
  form.noValidate = true;
  const by = el('select');
  by.id = 'member-by';
  by.append(new Option('Email', 'email'), new Option('External worker id', 'external_id'));
  const who = input('text', 'who', { autocomplete: 'off', 'data-field': 'email' });
  who.id = 'member-who';
  by.addEventListener('change', () => {
    who.dataset.field = by.value;
  });
  const summary = el('p', 'error');
  summary.setAttribute('role', 'alert');
  const add = el('button', 'primary', 'Add member');
  add.type = 'submit';
  add.id = 'add-member';
  const grid = el('div', 'form-grid');
  grid.append(field('Find by', by), field('Email or worker id', who, 'The person must already exist (admins add people).'));
  form.append(grid, summary, add);
  const holder = el('div', 'section-gap');
  main.replaceChildren(h, form, holder);

  const load = async () => {
    const members = (await manage.members(ctx.projectId)).body.members;
    if (!members.length) {
      holder.replaceChildren(el('p', 'hint', 'No members yet: annotators see this project once they are added here.'));
      return;
    }
    const rows = members.map((m) => {
      const remove = button('Remove', 'remove-member', async () => {
        try {
          await manage.removeMember(ctx.projectId, m.user_id);
          notice(`Removed ${m.display_name}.`);
          await load();
          who.focus();
        } catch (e) {
          notice(`Could not remove ${m.display_name}: ${e.message}`, 15000);
        }
      });
      remove.setAttribute('aria-label', `Remove ${m.display_name}`);
      return [m.display_name, m.email || '', m.external_id || '', m.role, m.tier || '', m.status, remove];
    });
    const t = table(['Name', 'Email', 'Worker id', 'Role', 'Tier', 'Status', ''], rows);
    t.caption.textContent = `${members.length} member${members.length === 1 ? '' : 's'}`;
    t.table.id = 'members-table';
    members.forEach((m, i) => {
      t.rows[i].dataset.userId = String(m.user_id);
    });
    holder.replaceChildren(t.table);
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    add.disabled = true;
    try {
      const r = await manage.addMember(ctx.projectId, { [by.value]: who.value.trim() });
      showProblem(form, null, summary);
      notice(r.status === 201 ? `Added ${r.body.display_name}.` : `${r.body.display_name} was already a member.`);
      who.value = '';
      await load();
    } catch (err) {
      showProblem(form, err, summary);
    } finally {
      add.disabled = false;
      if (!form.querySelector('[aria-invalid]')) {
        who.focus();
      }
    }
  });
  await load();
}
