// The console's frame: the top navigation, a project's header with its tabs (built from the registry, so every
// group's project pages appear as tabs), and the "not allowed" page. Everything the server sent is set with
// textContent; nothing here uses innerHTML.
import { el } from '../ui.js';
import { MANAGER_ROLES, visibleEntries } from './registry.js';

export function manages(me) {
  return Boolean(me) && MANAGER_ROLES.includes(me.role);
}

/** The top navigation: the console's global pages for engineers and admins, nothing for annotators. */
export function renderTopNav(me, hash) {
  const nav = document.getElementById('console-nav');
  if (!nav) {
    return;
  }
  const list = el('ul');
  if (manages(me)) {
    const links = [{ href: '#/projects', title: 'Projects' }];
    for (const entry of visibleEntries('global', me.role)) {
      links.push({ href: `#/${entry.tab}`, title: entry.title });
    }
    for (const link of links) {
      const a = el('a', null, link.title);
      a.href = link.href;
      const current = hash === link.href || (link.href === '#/projects' && hash.startsWith('#/manage/'));
      if (current) {
        a.setAttribute('aria-current', 'page');
      }
      const li = el('li');
      li.append(a);
      list.append(li);
    }
  }
  nav.replaceChildren(list);
  nav.hidden = !manages(me);
}

/** Shown instead of any console page to someone whose role may not see it; no data is requested for it. */
export function renderNotAllowed(main, me) {
  const box = el('section', 'card not-allowed');
  box.setAttribute('aria-labelledby', 'not-allowed-title');
  const h = el('h1', null, 'Not allowed');
  h.id = 'not-allowed-title';
  const role = me ? me.role : 'visitor';
  box.append(h, el('p', null, `This page is part of the console for engineers and admins. You are logged in as ${articled(role)}, so it is not shown to you.`));
  const back = el('a', 'button primary', 'Back to my projects');
  back.href = '#/projects';
  box.append(back);
  main.replaceChildren(box);
  document.title = 'Not allowed · Kappa';
}

function articled(role) {
  return /^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`;
}

/**
 * Draws a project's header and tab bar into main and returns the (empty) panel for the active tab.
 * Tabs are links, so Tab/Enter and the browser's history work as everywhere else.
 */
export function renderProjectFrame(main, project, role, activeTab) {
  const frame = el('div', 'console-project');
  const header = el('header', 'console-project-header');
  const title = el('h1', 'console-project-name', project.name);
  title.id = 'console-project-name';
  header.append(title);
  if (project.archived_at) {
    header.append(el('span', 'badge archived', 'Archived'));
  }
  const nav = el('nav', 'tabs');
  nav.setAttribute('aria-label', 'Project pages');
  const list = el('ul');
  let activeTitle = '';
  for (const entry of visibleEntries('project', role)) {
    const a = el('a', null, entry.title);
    a.href = `#/manage/${project.id}/${entry.tab}`;
    a.dataset.tab = entry.tab;
    if (entry.tab === activeTab) {
      a.setAttribute('aria-current', 'page');
      activeTitle = entry.title;
    }
    const li = el('li');
    li.append(a);
    list.append(li);
  }
  nav.append(list);
  const panel = el('div', 'tab-panel');
  panel.id = 'tab-panel';
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', activeTitle || 'Project page');
  frame.append(header, nav, panel);
  main.replaceChildren(frame);
  document.title = `${activeTitle ? `${activeTitle} · ` : ''}${project.name} · Kappa`;
  return panel;
}
