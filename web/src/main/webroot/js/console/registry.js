// The console's pages, from the two groups that own them. An entry is
//   { tab: 'overview', title: 'Overview', scope: 'project' | 'global', roles: ['engineer', 'admin'],
//     render: async (main, ctx) => screen | undefined }
// where ctx = { projectId, app } and a returned screen may have close(). Project pages live at
// #/manage/{projectId}/{tab}; global pages at #/{tab}.
import { routes as admin } from './admin/index.js';
import { routes as analysis } from './analysis/index.js';
import { routes as study } from './study/index.js';

export const consoleRoutes = [...admin, ...analysis, ...study];

export function findRoute(scope, tab) {
  return consoleRoutes.find((r) => (r.scope || 'project') === scope && r.tab === tab) || null;
}
