// Console pages for people and project set-up (users, project settings, members, data in and out).
// Each entry is one tab of a project (or, with scope 'global', a top-level page); see ../registry.js.
import { renderData } from './data.js';
import { renderMembers } from './members.js';
import { renderNewProject } from './project-form.js';
import { renderSettings } from './settings.js';
import { renderUsers } from './users.js';

export const routes = [
  { tab: 'users', title: 'People', scope: 'global', roles: ['admin'], order: 10, render: renderUsers },
  { tab: 'new-project', title: 'New project', scope: 'global', roles: ['engineer', 'admin'], hidden: true, render: renderNewProject },
  { tab: 'members', title: 'Members', scope: 'project', order: 110, render: renderMembers },
  { tab: 'data', title: 'Data', scope: 'project', order: 120, render: renderData },
  { tab: 'settings', title: 'Settings', scope: 'project', order: 130, render: renderSettings },
];
