/**
 * A token bucket: `rate` tokens a second, at most `burst` saved up. Each message takes
 * one; without one, the message is refused and told when to retry. Expensive work can be
 * charged afterwards, putting the bucket into debt.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `count` more tokens for work already done; the bucket may go into debt. */
  charge(count: number): void {
    this.tokens -= count;
  }

  /** Takes a token: 0 when there was one, else the milliseconds until there will be. */
  take(): number {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }
}
