// A project's settings tab: the edit form, then archive / restore and delete (after typing the project's name).
import { el, notice } from '../../ui.js';
import { manage } from './api.js';
import { button, field, input, showProblem } from './dom.js';
import { projectForm } from './project-form.js';

export async function renderSettings(main, ctx) {
  const project = (await manage.project(ctx.projectId)).body;
  const h = el('h2', null, 'Settings');
  main.replaceChildren(h, projectForm(project, () => {
    // Re-route so the header shows the new name.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }), danger(project));
}

function danger(project) {
  const box = el('section', 'card danger section-gap');
  box.setAttribute('aria-labelledby', 'danger-title');
  const h = el('h2', null, 'Archive or delete');
  h.id = 'danger-title';
  box.append(h);
  if (project.archived_at) {
    box.append(el('p', null, `Archived on ${new Date(project.archived_at).toLocaleString()}. Annotators do not see it; every row is kept.`),
      button('Restore project', 'restore-project', async () => {
        await act(() => manage.restore(project.id), 'Restored: members see the project again.');
      }));
  } else {
    box.append(el('p', null, 'Archiving hides the project from annotators and from lists. Nothing is deleted; you can restore it.'),
      button('Archive project', 'archive-project', async () => {
        await act(() => manage.archive(project.id), 'Archived: hidden from annotators and lists.');
      }));
  }
  const form = el('form', 'delete-form section-gap');
  form.noValidate = true;
  const confirmBox = input('text', 'confirm', { 'data-field': 'confirm', autocomplete: 'off' });
  confirmBox.id = 'delete-confirm';
  const summary = el('p', 'error');
  summary.setAttribute('role', 'alert');
  const del = el('button', 'danger primary', 'Delete project and all its data');
  del.type = 'submit';
  del.id = 'delete-project';
  del.disabled = true;
  confirmBox.addEventListener('input', () => {
    del.disabled = confirmBox.value !== project.name;
  });
  const prompt = el('span');
  prompt.append(document.createTextNode('Type the project name, '), el('strong', 'confirm-name', project.name),
    document.createTextNode(', to delete it with every item, answer and prediction. This cannot be undone.'));
  const f = field('Confirm deletion', confirmBox);
  f.insertBefore(el('p', 'hint'), confirmBox).append(prompt);
  form.append(f, summary, del);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (confirmBox.value !== project.name) {
      return;
    }
    del.disabled = true;
    try {
      await manage.deleteProject(project.id, confirmBox.value);
      notice(`Deleted ${project.name} and all its data.`);
      location.hash = '#/projects';
    } catch (err) {
      showProblem(form, err, summary);
      del.disabled = false;
    }
  });
  box.append(form);
  return box;
}

async function act(call, message) {
  try {
    await call();
    notice(message);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (e) {
    notice(`That did not work: ${e.message}`, 15000);
  }
}
