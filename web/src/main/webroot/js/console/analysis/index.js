// Console pages that watch and judge a project (progress, annotators, quality, baselines, hard cases).
// Each entry is one tab of a project; see ../registry.js. Pages load their own modules on first use, so the
// labeling screen never downloads the chart library.
const managers = ['engineer', 'admin'];

function lazy(tab, title, module, fn) {
  return {
    tab,
    title,
    scope: 'project',
    roles: managers,
    render: async (main, ctx) => (await import(module))[fn](main, ctx),
  };
}

export const routes = [
  lazy('overview', 'Overview', './overview.js', 'renderOverview'),
  lazy('annotators', 'Annotators', './annotators.js', 'renderAnnotators'),
  lazy('quality', 'Quality', './quality.js', 'renderQuality'),
  lazy('baselines', 'Baselines', './baselines.js', 'renderBaselines'),
  lazy('hard-cases', 'Hard cases', './hard-cases.js', 'renderHardCases'),
];
