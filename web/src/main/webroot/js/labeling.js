// The labeling screen. One task is on screen and the next one is already leased and loaded (prefetched), so an
// answer moves to the next item without waiting for the network: the answer goes to the outbox, which sends and
// retries it in the background, and the time from the key press to the next item painted is measured and shown.
import { api, HttpError } from './api.js';
import { renderItem } from './item-view.js';
import { LabelControls } from './labels.js';
import { LatencyWindow } from './metrics.js';
import { ActiveTimer } from './timer.js';
import { TaskQueue } from './task-queue.js';
import { isTraining, showFeedback, studyLine } from './study-feedback.js';
import { afterPaint, banner, el, formatDuration, fromTemplate, notice, show } from './ui.js';

const NO_TASK = {
  exhausted: 'There is nothing left for you in this project right now. Thank you!',
  quota: 'You have reached today\'s quota for this project.',
  paused: 'Your account is paused, so no new items are given to you. Ask an engineer.',
  study_not_qualified: 'Thank you for taking the qualification round. Your score did not reach this study\'s bar, so its '
    + 'measurement items will go to other annotators; this says nothing about the rest of your work here. '
    + 'Press Check again to go on with the project\'s regular items.',
  study_waiting: 'You have finished the qualification round, thank you. The study admits annotators once enough others '
    + 'have finished too: please check again in a while.',
};

export function openLabeling(main, projectId, app) {
  const screen = new LabelingScreen(main, projectId, app);
  screen.start();
  return screen;
}

class LabelingScreen {
  constructor(main, projectId, app) {
    this.projectId = projectId;
    this.app = app;
    this.root = fromTemplate('tpl-labeling');
    main.replaceChildren(this.root);
    this.$ = (id) => this.root.querySelector(`#${id}`);
    this.itemEl = this.$('item');
    this.current = null;
    this.lastAnswered = null;
    this.busy = false;
    this.closed = false;
    this.counter = 0;
    this.latency = new LatencyWindow(50);
    this.timer = new ActiveTimer();
    this.onKey = (e) => this.key(e);
    this.onPageHide = () => this.releaseAll(true);
  }

  async start() {
    let project;
    try {
      project = (await api.project(this.projectId)).body;
    } catch (e) {
      this.app.failed(e, 'This project could not be opened');
      return;
    }
    if (this.closed) {
      return;
    }
    this.project = project;
    this.ttlMs = project.lease_ttl_seconds * 1000;
    this.queue = new TaskQueue(this.projectId, this.ttlMs, {
      onScreen: () => Boolean(this.current),
      answering: (leaseId) => this.app.outbox.answered(leaseId),
      changed: () => this.markNextReady(),
      waiting: (waiting) => {
        this.fetchWaiting = waiting;
        this.refreshBanner();
      },
      failed: (e) => this.app.failed(e, 'The next item could not be loaded'),
    });
    document.title = `${project.name} · Kappa`;
    this.$('project-title').textContent = project.name;
    this.setupInstructions(project);
    this.controls = new LabelControls(this.$('labels'), project.schema, (value, t) => this.submit(value, t));
    this.$('labels-hint').textContent = this.controls.hint;
    show(this.$('submit'), project.schema.kind === 'multi');
    this.$('submit').addEventListener('click', (e) => this.submit(this.controls.multiValue(), e.timeStamp));
    this.$('skip').addEventListener('click', () => this.openSkip());
    this.$('undo').addEventListener('click', () => this.undo());
    this.setupSkipDialog();
    document.addEventListener('keydown', this.onKey);
    window.addEventListener('pagehide', this.onPageHide);
    this.unsubscribe = this.app.outbox.subscribe((type, detail) => this.outboxEvent(type, detail));
    this.tick = setInterval(() => this.refresh(), 250);
    this.itemEl.replaceChildren(el('p', 'loading', 'Loading the first item…'));
    this.queue.fill();
    const first = await this.queue.take();
    if (!this.closed) {
      this.showOrFinish(first, null);
    }
  }

  setupInstructions(project) {
    const panel = this.$('instructions-panel');
    const html = project.instructions_html || '';
    if (!html.trim()) {
      panel.hidden = true;
      return;
    }
    // Rendered from Markdown and sanitized by the server; it goes only into this container.
    this.$('instructions').innerHTML = html;
    const key = `kappa.instructions.${this.projectId}`;
    panel.open = localStorage.getItem(key) !== 'closed';
    panel.addEventListener('toggle', () => localStorage.setItem(key, panel.open ? 'open' : 'closed'));
  }

  releaseAll(keepalive) {
    if (this.current) {
      this.queue.giveBack(this.current, keepalive);
      this.current = null;
    }
    this.queue.close(keepalive);
  }

  // ---- showing a task ----

  showOrFinish(task, t0) {
    if (task) {
      this.show(task, t0);
    } else {
      this.finish();
    }
  }

  show(task, t0) {
    this.current = task;
    const { item, prediction } = task.task;
    renderItem(this.itemEl, item);
    this.itemEl.dataset.leaseId = task.lease;
    this.itemEl.dataset.prefetched = String(t0 !== null && !task.waited);
    this.$('item-external-id').textContent = item.external_id;
    this.showStudy(task.task);
    const suggestion = this.$('suggestion');
    if (prediction && this.project.pre_annotation) {
      const names = [].concat(prediction.label).map((k) => this.controls.nameOf(k)).join(', ');
      suggestion.textContent = `Model suggestion: ${names}${prediction.model ? ` (${prediction.model} ${prediction.version || ''})` : ''}`;
      show(suggestion, true);
    } else {
      show(suggestion, false);
    }
    this.controls.reset(task.restore, prediction && this.project.pre_annotation ? prediction.label : null);
    this.timer.start(task.activeMs || 0);
    if (t0 !== null) {
      afterPaint(() => this.measured(performance.now() - t0));
    }
    this.markNextReady();
    this.refresh();
    this.queue.fill();
  }

  /** Exposes on the page whether the next item can be shown without a request (the browser tests read it). */
  markNextReady() {
    this.itemEl.dataset.nextReady = String(this.queue.nextReady);
  }

  measured(ms) {
    this.latency.add(ms);
    const speed = this.$('speed');
    this.$('speed-last').textContent = `${Math.round(ms)} ms`;
    this.$('speed-p95').textContent = `${Math.round(this.latency.p95)} ms`;
    speed.dataset.lastMs = String(ms);
    speed.dataset.p95Ms = String(this.latency.p95);
    speed.dataset.samples = JSON.stringify(this.latency.samples.map((s) => Math.round(s * 10) / 10));
  }

  finish() {
    this.current = null;
    this.timer.stop();
    const done = fromTemplate('tpl-done');
    done.querySelector('.done-reason').textContent = NO_TASK[this.queue.exhausted] || NO_TASK.exhausted;
    const again = el('button', null, 'Check again');
    again.type = 'button';
    again.addEventListener('click', async () => {
      this.queue.retry();
      this.itemEl.replaceChildren(el('p', 'loading', 'Looking for items…'));
      const task = await this.queue.take();
      if (!this.closed) {
        this.showOrFinish(task, null);
      }
    });
    done.append(again);
    this.itemEl.replaceChildren(done);
    this.itemEl.dataset.leaseId = '';
    this.$('item-external-id').textContent = '';
    show(this.$('suggestion'), false);
    this.refresh();
    done.querySelector('h2').setAttribute('tabindex', '-1');
    done.querySelector('h2').focus();
  }

  // ---- answering ----

  submit(label, timeStamp) {
    const task = this.current;
    if (!task || this.busy) {
      return;
    }
    const t0 = Number.isFinite(timeStamp) && timeStamp > 0 ? Math.min(timeStamp, performance.now()) : performance.now();
    const activeMs = this.timer.stop();
    this.current = null;
    this.app.outbox.add({ lease_id: task.lease, label, duration_ms: activeMs, project_id: this.projectId, external_id: task.task.item.external_id });
    this.counter += 1;
    this.lastAnswered = { task, label, activeMs };
    if (isTraining(task.task)) {
      this.trainingFeedback(task);
      return;
    }
    this.advance(t0);
  }

  /** A baseline study's phase above the item (an ordinary task shows nothing). */
  showStudy(task) {
    let line = this.$('study-phase');
    if (!line) {
      line = el('p', 'study-phase');
      line.id = 'study-phase';
      this.itemEl.before(line);
    }
    line.textContent = studyLine(task);
    show(line, Boolean(line.textContent));
  }

  /** After a training answer: the correct label and explanation, until the annotator continues. */
  async trainingFeedback(task) {
    this.busy = true;
    this.itemEl.dataset.leaseId = '';
    try {
      await showFeedback(this.itemEl, this.app.outbox, task.lease, (k) => this.controls.nameOf(k));
    } finally {
      this.busy = false;
    }
    if (!this.closed) {
      this.advance(performance.now());
    }
  }

  advance(t0) {
    const ready = this.queue.takeReady();
    if (ready) {
      this.show(ready, t0);
      return;
    }
    this.itemEl.replaceChildren(el('p', 'loading', 'Loading the next item…'));
    this.itemEl.dataset.leaseId = '';
    this.$('item-external-id').textContent = '';
    this.refresh();
    this.queue.take().then((task) => {
      if (this.closed) {
        return;
      }
      if (task) {
        task.waited = true;
      }
      this.showOrFinish(task, t0);
    });
  }

  outboxEvent(type, detail) {
    if (type === 'conflict' && detail.entry.project_id === this.projectId) {
      this.counter = Math.max(0, this.counter - 1);
      if (this.lastAnswered && this.lastAnswered.task.lease === detail.entry.lease_id) {
        this.lastAnswered = null;
      }
    }
    this.refresh();
  }

  // ---- skip and undo ----

  setupSkipDialog() {
    const dialog = this.$('skip-dialog');
    const form = this.$('skip-form');
    const other = this.$('skip-other');
    other.addEventListener('input', () => {
      form.querySelector('input[value="other"]').checked = true;
    });
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'skip') {
        return;
      }
      const choice = form.querySelector('input[name="reason"]:checked');
      const reason = choice.value === 'other' ? other.value.trim() || 'other' : choice.value;
      this.skip(reason);
    });
  }

  openSkip() {
    if (!this.current || this.busy) {
      return;
    }
    const dialog = this.$('skip-dialog');
    this.$('skip-form').reset();
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('input[name="reason"]:checked').focus();
  }

  async skip(reason) {
    const task = this.current;
    if (!task || this.busy) {
      return;
    }
    this.busy = true;
    try {
      await api.skip(task.lease, reason);
    } catch (e) {
      if (!(e instanceof HttpError && e.status === 409)) {
        notice(`The skip did not reach the server (${e.message}). The item is still yours: try again.`);
        return;
      }
    } finally {
      this.busy = false;
    }
    if (this.current !== task) {
      return;
    }
    this.timer.stop();
    this.current = null;
    notice(`Skipped item ${task.task.item.external_id}.`, 3000);
    this.advance(performance.now());
  }

  undoable() {
    return Boolean(this.lastAnswered) && this.lastAnswered.task.deadline > Date.now();
  }

  async undo() {
    if (!this.undoable() || this.busy) {
      if (this.lastAnswered && !this.undoable()) {
        notice('Too late to undo: the hold on that item has ended.');
      }
      return;
    }
    const last = this.lastAnswered;
    this.busy = true;
    try {
      if (!this.app.outbox.cancel(last.task.lease)) {
        const outcome = await this.app.outbox.settled(last.task.lease);
        if (outcome !== 'saved') {
          this.lastAnswered = null;
          return;
        }
        await api.undo(last.task.lease);
      }
    } catch (e) {
      notice(e instanceof HttpError && e.status === 409 ? 'Too late to undo: the hold on that item has ended.'
        : `The undo did not reach the server (${e.message}); the answer stands.`);
      this.lastAnswered = e instanceof HttpError ? null : last;
      return;
    } finally {
      this.busy = false;
    }
    this.lastAnswered = null;
    this.counter = Math.max(0, this.counter - 1);
    if (this.current) {
      this.current.activeMs = this.timer.stop();
      this.queue.putBack(this.current);
    }
    last.task.restore = last.label;
    last.task.activeMs = last.activeMs;
    this.show(last.task, null);
    notice(`Your answer on item ${last.task.task.item.external_id} was taken back; answer it again.`, 4000);
  }

  // ---- keyboard ----

  key(e) {
    if (e.defaultPrevented || e.isComposing || this.closed || !this.controls || this.$('skip-dialog').open) {
      return;
    }
    const target = e.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || (target && target.isContentEditable)) {
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        this.undo();
      }
      return;
    }
    const onControl = target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement
      || (target && target.tagName === 'SUMMARY');
    if (e.key === 'Escape') {
      e.preventDefault();
      this.openSkip();
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      this.undo();
    } else if (e.key === 'Enter') {
      if (this.controls.kind === 'multi' && (!onControl || target.classList.contains('label'))) {
        e.preventDefault();
        this.submit(this.controls.multiValue(), e.timeStamp);
      } else if (!onControl && this.controls.selected !== null) {
        e.preventDefault();
        this.submit(this.controls.selected, e.timeStamp);
      }
    } else {
      const label = this.controls.labelForKey(e.key);
      if (label && this.current) {
        e.preventDefault();
        this.controls.press(label, e.timeStamp);
      }
    }
  }

  // ---- feedback ----

  refresh() {
    if (this.closed) {
      return;
    }
    this.$('timer').textContent = formatDuration(this.timer.elapsed());
    show(this.$('timer-paused'), this.timer.paused);
    this.$('counter').textContent = String(this.counter);
    this.$('undo').disabled = !this.undoable();
    const pending = this.app.outbox.size;
    const pendingEl = this.$('pending');
    pendingEl.textContent = pending === 1 ? '1 answer not yet saved' : `${pending} answers not yet saved`;
    show(pendingEl, pending > 0 && this.app.outbox.offline);
    this.refreshExpiry();
    this.refreshBanner();
  }

  refreshExpiry() {
    const node = this.$('expiry');
    if (!this.current) {
      show(node, false);
      return;
    }
    const left = this.current.deadline - Date.now();
    const warnAt = Math.min(60000, this.ttlMs * 0.25);
    if (left > warnAt) {
      show(node, false);
      return;
    }
    node.textContent = left > 0
      ? `Your hold on this item ends in ${formatDuration(left)}. Answer or skip soon, or it may go to someone else.`
      : 'Your hold on this item has ended. You can still answer; if someone else has taken it, you will simply move on.';
    node.classList.toggle('ended', left <= 0);
    show(node, true);
  }

  refreshBanner() {
    this.app.refreshBanner(this.fetchWaiting ? 'The server cannot be reached; waiting for it to come back…' : null);
  }

  close() {
    this.closed = true;
    clearInterval(this.tick);
    document.removeEventListener('keydown', this.onKey);
    window.removeEventListener('pagehide', this.onPageHide);
    if (this.unsubscribe) {
      this.unsubscribe();
    }
    this.timer.dispose();
    if (this.queue) {
      this.releaseAll(false);
    }
    this.fetchWaiting = false;
    banner(null);
  }
}
