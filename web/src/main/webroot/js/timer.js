// Active time on one item: it runs only while the page is visible, so a tab left in the background does not
// inflate the duration recorded with the answer.

export class ActiveTimer {
  constructor() {
    this.accumulated = 0;
    this.since = null;
    this.running = false;
    this.onVisibility = () => {
      if (!this.running) {
        return;
      }
      if (document.hidden) {
        this.accumulated = this.elapsed();
        this.since = null;
      } else if (this.since === null) {
        this.since = performance.now();
      }
    };
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  start(initialMs = 0) {
    this.accumulated = initialMs;
    this.running = true;
    this.since = document.hidden ? null : performance.now();
  }

  elapsed() {
    return this.accumulated + (this.since === null ? 0 : performance.now() - this.since);
  }

  /** Stops the clock and returns the active milliseconds. */
  stop() {
    const ms = this.elapsed();
    this.accumulated = ms;
    this.running = false;
    this.since = null;
    return Math.round(ms);
  }

  get paused() {
    return this.running && this.since === null;
  }

  dispose() {
    document.removeEventListener('visibilitychange', this.onVisibility);
  }
}
