// The console's pages, from the two groups that own them. An entry is
//   { tab: 'overview', title: 'Overview', scope: 'project' | 'global', roles: ['engineer', 'admin'],
//     order: 10, render: async (main, ctx) => screen | undefined }
// where ctx = { projectId, app, project } and a returned screen may have close(). Project pages live at
// #/manage/{projectId}/{tab}; global pages at #/{tab}.
// For a project page, `main` is the tab panel under the project's header and tab bar (the shell draws those from
// this list, so a new entry shows up as a tab by itself) and ctx.project is the project as GET /api/projects/{id}
// returned it (already fetched once by the shell; re-fetch if you need it fresher). `order` sorts the tabs
// (lower first; set-up tabs use 100+, so watching and judging tabs come first); `hidden: true` routes a page
// without a tab. Entries without roles are for engineers and admins: the console never renders for annotators.
import { routes as admin } from './admin/index.js';
import { routes as analysis } from './analysis/index.js';
import { routes as study } from './study/index.js';

export const consoleRoutes = [...admin, ...analysis, ...study];

export const MANAGER_ROLES = ['engineer', 'admin'];

export function findRoute(scope, tab) {
  return consoleRoutes.find((r) => (r.scope || 'project') === scope && r.tab === tab) || null;
}

/** Whether a role may open an entry: the entry's own roles, else engineers and admins. */
export function allowed(entry, role) {
  return (entry.roles || MANAGER_ROLES).includes(role);
}

/** The entries of one scope that a role sees as tabs or links, in order. */
export function visibleEntries(scope, role) {
  return consoleRoutes.filter((r) => (r.scope || 'project') === scope && !r.hidden && allowed(r, role))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ((a.r.order ?? 50) - (b.r.order ?? 50)) || a.i - b.i)
    .map((x) => x.r);
}
