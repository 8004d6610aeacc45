// The last N submit-to-next-item-painted times, and their 95th percentile (nearest rank).

export class LatencyWindow {
  constructor(size = 50) {
    this.size = size;
    this.samples = [];
  }

  add(ms) {
    this.samples.push(ms);
    if (this.samples.length > this.size) {
      this.samples.shift();
    }
  }

  get last() {
    return this.samples.length ? this.samples[this.samples.length - 1] : null;
  }

  get p95() {
    if (!this.samples.length) {
      return null;
    }
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.ceil(0.95 * sorted.length) - 1];
  }
}
