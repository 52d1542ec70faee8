/** Fixed one-minute windows per key, in memory: enough to blunt a flood from one visitor or address. */
export class PerKeyRateLimit {
  private windows = new Map<string, { start: number; used: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `key` may send one more. */
  take(key: string): boolean {
    const t = this.now();
    let w = this.windows.get(key);
    if (w === undefined || t - w.start >= 60_000) {
      // Forget every stale window now and then so the map stays the size of one minute's keys.
      if (this.windows.size > 100_000) this.windows = new Map();
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    if (w.used >= this.perMinute) return false;
    w.used++;
    return true;
  }
}
