// Console pages that watch and judge a project (progress, annotators, quality, baselines, hard cases).
// Each entry is one tab of a project; see ../registry.js.
export const routes = [];
