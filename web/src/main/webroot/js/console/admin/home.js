// The home of engineers and admins: the projects they manage, each with a progress summary, and a button to
// create one. Admins also get a short summary of people with a link to the users page.
import { manage } from './api.js';
import { el } from '../../ui.js';
import { visibleEntries } from '../registry.js';
import { table } from './dom.js';

export async function renderConsoleHome(main, app) {
  const section = el('section', 'console-home');
  section.setAttribute('aria-labelledby', 'home-title');
  const head = el('div', 'page-head');
  const h = el('h1', null, 'Projects');
  h.id = 'home-title';
  const create = el('a', 'button primary', 'New project');
  create.href = '#/new-project';
  create.id = 'new-project';
  head.append(h, create);
  const archivedToggle = el('label', 'inline');
  const box = el('input');
  box.type = 'checkbox';
  box.id = 'show-archived';
  archivedToggle.append(box, document.createTextNode(' Show archived projects'));
  const holder = el('div', 'project-table');
  holder.setAttribute('aria-live', 'polite');
  section.append(head, archivedToggle, holder);
  if (app.me.role === 'admin') {
    section.prepend(peopleSummary());
  }
  main.replaceChildren(section);
  document.title = 'Projects · Kappa';
  const load = () => fill(holder, app, box.checked).catch((e) => app.failed(e, 'Projects could not be loaded'));
  box.addEventListener('change', load);
  await load();
  create.focus();
}

async function fill(holder, app, archived) {
  const projects = (await manage.projects(archived)).body.projects;
  if (!projects.length) {
    holder.replaceChildren(el('p', 'hint', archived ? 'No archived projects.' : 'No projects yet. Create one to start.'));
    return;
  }
  const firstTab = (visibleEntries('project', app.me.role)[0] || { tab: 'settings' }).tab;
  const rows = projects.map((p) => {
    const link = el('a', 'project-link', p.name);
    link.href = `#/manage/${p.id}/${firstTab}`;
    const status = p.archived_at ? 'Archived' : 'Active';
    return { id: p.id, cells: [link, el('span', 'items', '…'), el('span', 'progress-cell', '…'), el('span', 'today', '…'), status] };
  });
  const t = table(['Project', 'Items', 'Crowd progress', 'Answers today', 'Status'], rows.map((r) => r.cells));
  t.caption.textContent = archived ? 'Archived projects' : 'Projects you manage';
  t.table.id = 'projects-table';
  rows.forEach((r, i) => {
    t.rows[i].dataset.projectId = String(r.id);
  });
  holder.replaceChildren(t.table);
  // Progress summaries: a few at a time, so a long list does not fire hundreds of requests at once.
  const queue = [...rows];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      try {
        const body = (await manage.progress(r.id)).body;
        const crowd = body.tiers.crowd || {};
        const expert = body.tiers.expert || {};
        r.cells[1].textContent = String(body.items);
        const done = crowd.items_complete || 0;
        const bar = el('progress');
        bar.max = Math.max(1, body.items);
        bar.value = done;
        bar.setAttribute('aria-label', `${done} of ${body.items} items complete for the crowd`);
        r.cells[2].replaceChildren(bar, document.createTextNode(` ${done} / ${body.items}`));
        r.cells[3].textContent = String((crowd.answers_today || 0) + (expert.answers_today || 0));
      } catch (e) {
        r.cells[1].textContent = '?';
        r.cells[2].textContent = '?';
        r.cells[3].textContent = '?';
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function peopleSummary() {
  const box = el('section', 'card people-summary');
  box.setAttribute('aria-labelledby', 'people-summary-title');
  const h = el('h2', null, 'People');
  h.id = 'people-summary-title';
  const text = el('p', null, 'Loading…');
  const link = el('a', 'button', 'Manage people');
  link.href = '#/users';
  box.append(h, text, link);
  manage.users().then((r) => {
    const counts = { admin: 0, engineer: 0, annotator: 0 };
    for (const u of r.body.users) {
      counts[u.role] = (counts[u.role] || 0) + 1;
    }
    const more = r.body.next_after ? '+' : '';
    text.textContent = `${counts.admin}${more} admins, ${counts.engineer}${more} engineers, ${counts.annotator}${more} annotators.`;
  }, () => {
    text.textContent = 'People could not be loaded.';
  });
  return box;
}
