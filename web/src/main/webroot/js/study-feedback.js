// Baseline studies on the labeling screen: which phase a study task belongs to, and after a training answer the
// correct label and the item's explanation, shown until the annotator continues. Qualification and measurement
// tasks stay blind: they get no feedback. Every server text goes in through textContent.
import { api } from './api.js';
import { el } from './ui.js';

const PHASES = {
  training: 'Training',
  qualification: 'Qualification',
  measurement: 'Measurement',
};

/** "Baseline study · Training 2 of 5", or '' for an ordinary task. */
export function studyLine(task) {
  const s = task && task.study;
  if (!s) {
    return '';
  }
  const phase = PHASES[s.phase] || s.phase;
  const where = s.phase === 'measurement' ? '' : ` ${s.position} of ${s.of}`;
  return `Baseline study · ${phase}${where}`;
}

export function isTraining(task) {
  return Boolean(task && task.study && task.study.phase === 'training');
}

/**
 * Waits until the answer is saved, fetches the feedback and shows it in `container`; resolves when the annotator
 * presses Continue (Enter or Space on the focused button). Resolves at once if the answer did not save.
 */
export async function showFeedback(container, outbox, lease, nameOf) {
  const outcome = await outbox.settled(lease);
  if (outcome !== 'saved') {
    return;
  }
  let fb;
  try {
    fb = (await api.feedback(lease)).body;
  } catch (e) {
    return;
  }
  const names = (label) => [].concat(label).map((k) => nameOf(k)).join(', ');
  const box = el('div', `study-feedback ${fb.correct ? 'right' : 'wrong'}`);
  box.setAttribute('role', 'status');
  box.dataset.correct = String(fb.correct);
  box.dataset.correctLabel = JSON.stringify(fb.correct_label);
  box.append(el('h3', null, fb.correct ? 'Correct.' : 'Not quite.'));
  box.append(el('p', 'study-your-label', `Your answer: ${names(fb.your_label)}`));
  box.append(el('p', 'study-correct-label', `Correct answer: ${names(fb.correct_label)}`));
  if (fb.explanation) {
    box.append(el('p', 'study-explanation', fb.explanation));
  }
  const go = el('button', 'primary', 'Continue');
  go.type = 'button';
  go.id = 'study-continue';
  box.append(go);
  container.replaceChildren(box);
  go.focus();
  await new Promise((resolve) => go.addEventListener('click', resolve, { once: true }));
}
