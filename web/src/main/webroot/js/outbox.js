// Answers on their way to the server. An answer is written to localStorage before it is sent and removed only
// once the server has said what became of it, so a dropped network, a restarted server or a closed tab never loses
// it. Retries reuse the same lease, and the server keeps one answer per lease, so a retry never duplicates.
import { api, HttpError, NetworkError, setCsrfToken } from './api.js';
import { sleep } from './ui.js';

const KEY = 'kappa.outbox.v1';
const MAX_BACKOFF_MS = 2000;

function readAll() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || '[]');
  } catch (e) {
    return [];
  }
}

export class Outbox {
  constructor(userId) {
    this.userId = userId;
    this.entries = readAll().filter((e) => e.user_id === userId);
    this.known = new Set(this.entries.map((e) => e.lease_id));
    this.listeners = new Set();
    this.outcomes = new Map();
    this.waiters = new Map();
    this.sending = null;
    this.offline = false;
    this.paused = false;
    this.stopped = false;
    this.wakeUp = null;
    this.onOnline = () => this.wake();
    window.addEventListener('online', this.onOnline);
  }

  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners) {
      fn(type, detail);
    }
  }

  get size() {
    return this.entries.length;
  }

  /** Writes this tab's entries, keeping those another tab of the same browser stored meanwhile. */
  persist() {
    const others = readAll().filter((e) => e.user_id !== this.userId || !this.known.has(e.lease_id));
    localStorage.setItem(KEY, JSON.stringify(others.concat(this.entries)));
  }

  add(entry) {
    this.entries.push({ ...entry, user_id: this.userId });
    this.known.add(entry.lease_id);
    this.persist();
    this.emit('change');
    this.run();
  }

  /** Takes an answer back before it was sent; false if it is on the wire or already settled. */
  cancel(leaseId) {
    const i = this.entries.findIndex((e) => e.lease_id === leaseId);
    if (i < 0 || this.sending === leaseId) {
      return false;
    }
    this.entries.splice(i, 1);
    this.persist();
    this.settle(leaseId, 'cancelled');
    this.emit('change');
    return true;
  }

  /**
   * A promise that settles once the answer on this lease has reached the server, if this tab answered it (waiting or
   * saved); null for a lease it never answered, or whose answer was cancelled, rejected or refused.
   */
  answered(leaseId) {
    if (!this.known.has(leaseId)) {
      return null;
    }
    const pending = this.entries.some((e) => e.lease_id === leaseId);
    const outcome = this.outcomes.get(leaseId);
    return pending || outcome === 'saved' || outcome === undefined ? this.settled(leaseId) : null;
  }

  /** What became of an answer: 'saved', 'conflict', 'rejected' or 'cancelled', once the server has decided. */
  settled(leaseId) {
    if (!this.entries.some((e) => e.lease_id === leaseId)) {
      return Promise.resolve(this.outcomes.get(leaseId) || 'saved');
    }
    return new Promise((resolve) => {
      const list = this.waiters.get(leaseId) || [];
      list.push(resolve);
      this.waiters.set(leaseId, list);
    });
  }

  settle(leaseId, outcome) {
    this.outcomes.set(leaseId, outcome);
    for (const resolve of this.waiters.get(leaseId) || []) {
      resolve(outcome);
    }
    this.waiters.delete(leaseId);
  }

  /** After a new login: send what waited for it. */
  resume() {
    this.paused = false;
    this.run();
  }

  wake() {
    if (this.wakeUp) {
      this.wakeUp();
    }
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    this.wake();
  }

  async run() {
    if (this.running || this.paused || this.stopped) {
      return;
    }
    this.running = true;
    let backoff = 250;
    let csrfRefreshes = 0;
    try {
      while (this.entries.length && !this.paused && !this.stopped) {
        const entry = this.entries[0];
        this.sending = entry.lease_id;
        let outcome;
        try {
          const r = await api.answer(entry.lease_id, entry.label, entry.duration_ms);
          outcome = { type: 'saved', replayed: Boolean(r.body && r.body.replayed) };
        } catch (e) {
          outcome = await this.classify(e);
        } finally {
          this.sending = null;
        }
        if (outcome.type === 'again' && csrfRefreshes++ < 2) {
          continue;
        }
        if (outcome.type === 'retry' || outcome.type === 'again') {
          if (!this.offline) {
            this.offline = true;
            this.emit('offline', { error: outcome.error });
          }
          await new Promise((resolve) => {
            this.wakeUp = resolve;
            sleep(backoff).then(resolve);
          });
          this.wakeUp = null;
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          continue;
        }
        if (outcome.type === 'pause') {
          this.paused = true;
          this.emit('unauthorized');
          break;
        }
        backoff = 250;
        this.entries.shift();
        this.persist();
        this.settle(entry.lease_id, outcome.type);
        if (this.offline) {
          this.offline = false;
          this.emit('online');
        }
        this.emit(outcome.type, { entry, error: outcome.error, replayed: outcome.replayed });
        this.emit('change');
      }
    } finally {
      this.running = false;
    }
  }

  async classify(e) {
    if (e instanceof NetworkError || (e instanceof HttpError && e.retryable)) {
      return { type: 'retry', error: e };
    }
    if (e instanceof HttpError && e.status === 401) {
      return { type: 'pause', error: e };
    }
    if (e instanceof HttpError && e.status === 403 && /CSRF/i.test(e.message)) {
      // The session lives but its CSRF token is not the one we hold (another tab logged in again): refresh it.
      try {
        const me = await api.me();
        setCsrfToken(me.body.csrf_token);
        return { type: 'again', error: e };
      } catch (again) {
        return { type: again instanceof HttpError && again.status === 401 ? 'pause' : 'retry', error: again };
      }
    }
    if (e instanceof HttpError && e.status === 409) {
      return { type: 'conflict', error: e };
    }
    return { type: 'rejected', error: e };
  }
}
