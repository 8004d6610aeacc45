// Console pages for people and project set-up (users, project settings, members, data in and out).
// Each entry is one tab of a project (or, with scope 'global', a top-level page); see ../registry.js.
export const routes = [];
