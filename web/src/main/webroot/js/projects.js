// "My projects": each project the caller may label, with their answers today and the items left for them.
import { api } from './api.js';
import { fromTemplate } from './ui.js';

export async function renderProjects(main, app) {
  const view = fromTemplate('tpl-projects');
  main.replaceChildren(view);
  let projects;
  try {
    projects = (await api.projects()).body.projects;
  } catch (e) {
    app.failed(e, 'Your projects could not be loaded');
    return;
  }
  const list = view.querySelector('#project-list');
  view.querySelector('#projects-empty').hidden = projects.length > 0;
  const annotator = app.me.role === 'annotator';
  for (const p of projects) {
    const card = fromTemplate('tpl-project');
    card.dataset.projectId = String(p.id);
    card.querySelector('.project-name').textContent = p.name;
    card.querySelector('.project-description').textContent = p.description || '';
    const start = card.querySelector('.start');
    start.href = `#/label/${p.id}`;
    start.setAttribute('aria-label', `Start labeling ${p.name}`);
    list.append(card);
    if (annotator) {
      api.myProgress(p.id).then((r) => {
        card.querySelector('.answers-today').textContent = String(r.body.answers_today);
        card.querySelector('.items-left').textContent = `${r.body.items_left}${r.body.items_left_capped ? '+' : ''}`;
      }, () => {
        card.querySelector('.answers-today').textContent = '?';
        card.querySelector('.items-left').textContent = '?';
      });
    } else {
      card.querySelector('.project-progress').textContent = 'Labeling is for annotators; log in with an annotator account to label.';
      start.hidden = true;
    }
  }
  const first = list.querySelector('.start:not([hidden])');
  if (first) {
    first.focus();
  }
}
