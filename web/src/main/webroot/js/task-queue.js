// Tasks leased ahead of the one on screen. While the annotator labels, the queue leases and loads the next task
// (PREFETCH of them), so an answer can show the next item without a request. A task whose lease has mostly run out
// while it waited is given back rather than shown. When the server cannot be reached the queue keeps trying.
import { api, HttpError, NetworkError } from './api.js';
import { preloadImages } from './item-view.js';
import { sleep } from './ui.js';

const PREFETCH = 1;
/** A prefetched task with less than this share of its lease left is given back and a fresh one taken. */
const MIN_FRESH_SHARE = 0.25;

export class TaskQueue {
  /**
   * hooks: onScreen() is true while a task is on screen; changed() after the buffer changed; waiting(bool) while the
   * server cannot be reached; failed(error) on an error that retrying will not cure; answering(leaseId) is a promise
   * while an answer on that lease waits in the outbox, else null.
   */
  constructor(projectId, ttlMs, hooks) {
    this.projectId = projectId;
    this.ttlMs = ttlMs;
    this.hooks = hooks;
    this.buffer = [];
    this.filling = false;
    this.waiters = [];
    this.exhausted = null;
    this.closed = false;
  }

  /** True when the next item can be shown without a request: a task is buffered, or there is none to get. */
  get nextReady() {
    return this.buffer.length > 0 || Boolean(this.exhausted);
  }

  fill() {
    if (this.filling || this.closed || this.exhausted) {
      return;
    }
    if (this.buffer.length >= PREFETCH + (this.hooks.onScreen() ? 0 : 1)) {
      return;
    }
    this.filling = true;
    this.fetch().then((task) => {
      this.filling = false;
      if (task) {
        this.buffer.push(task);
      }
      this.hooks.changed();
      this.wake();
      if (task) {
        this.fill();
      }
    }, (e) => {
      this.filling = false;
      this.wake();
      this.hooks.failed(e);
    });
  }

  async fetch() {
    let delay = 300;
    let stale = 0;
    while (!this.closed) {
      const requestedAt = Date.now();
      try {
        const r = await api.next(this.projectId);
        if (r.status === 204) {
          const reason = r.headers.get('Kappa-No-Task-Reason') || 'exhausted';
          if (reason === 'study_pending') {
            // A baseline study decides qualification once the annotator's last qualification answer is saved.
            await sleep(1000);
            continue;
          }
          this.exhausted = reason;
          return null;
        }
        // Fair leases: the server hands out at most max_open_leases (default 2) at once and past that gives back the
        // oldest open lease. Right after an answer, that is the lease just answered while its answer is still in the
        // outbox (or was when the server looked): wait until the answer has arrived, then ask again, instead of
        // showing the item twice. Bounded, so a lease the server keeps open can never spin this loop.
        const inFlight = this.hooks.answering ? this.hooks.answering(r.body.lease_id) : null;
        if (inFlight && stale++ < 20) {
          await inFlight;
          await sleep(50);
          continue;
        }
        // The local deadline counts from before the request, so it is never later than the server's.
        const task = { task: r.body, lease: r.body.lease_id, deadline: requestedAt + r.body.lease_ttl_seconds * 1000 };
        if (this.closed) {
          this.giveBack(task);
          return null;
        }
        preloadImages(task.task.item);
        this.hooks.waiting(false);
        return task;
      } catch (e) {
        if (!(e instanceof NetworkError) && !(e instanceof HttpError && e.retryable)) {
          throw e;
        }
        this.hooks.waiting(true);
        await sleep(delay);
        delay = Math.min(delay * 2, 2000);
      }
    }
    return null;
  }

  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /** The next fresh task, without waiting; stale ones are given back. */
  takeReady() {
    while (this.buffer.length) {
      const task = this.buffer.shift();
      if (task.kept || task.deadline - Date.now() >= this.ttlMs * MIN_FRESH_SHARE) {
        return task;
      }
      this.giveBack(task);
    }
    return null;
  }

  /** The next task, waiting for the server if none is ready; null when there is none for this annotator. */
  async take() {
    for (;;) {
      const ready = this.takeReady();
      if (ready || this.closed) {
        return ready;
      }
      if (this.exhausted && !this.filling) {
        return null;
      }
      const woken = new Promise((resolve) => this.waiters.push(resolve));
      this.fill();
      await woken;
    }
  }

  /** Puts a task that was on screen back in front (after an undo brought back the one before it). */
  putBack(task) {
    task.kept = true;
    this.buffer.unshift(task);
  }

  /** Forgets that nothing was left, to look again. */
  retry() {
    this.exhausted = null;
  }

  giveBack(task, keepalive = false) {
    api.release(task.lease, keepalive).catch(() => {
      // The lease simply expires if the release does not arrive.
    });
  }

  /** Gives back every buffered lease; keepalive lets the requests outlive a closing page. */
  close(keepalive = false) {
    this.closed = true;
    this.buffer.splice(0).forEach((task) => this.giveBack(task, keepalive));
    this.wake();
  }
}
