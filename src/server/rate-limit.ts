/**
 * Rate limits. A token bucket: `rate` tokens a second, at most `burst` saved up. Each
 * message takes one; without one, the message is refused and told when to retry.
 * Expensive work can be charged afterwards, putting the bucket into debt.
 *
 * Address budgets: the answering time one client address may use, across all its
 * connections and HTTP requests, in milliseconds of work a second. A connection's own
 * bucket bounds what one socket can ask; this bounds what fifty sockets from one address
 * can take from everyone else.
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
    const wait = this.waitFor(1);
    if (wait === 0) this.tokens -= 1;
    return wait;
  }

  /** 0 when the bucket is not in debt (nothing is taken), else the milliseconds until it is not. */
  wait(): number {
    return this.waitFor(0);
  }

  /** Whether the bucket has refilled completely (it can be forgotten). */
  full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  private waitFor(needed: number): number {
    this.refill();
    if (this.tokens >= needed) return 0;
    return Math.max(1, Math.ceil(((needed - this.tokens) / this.rate) * 1000));
  }
}

/** What one connection or request sees of its address's budget. */
export interface Budget {
  /** 0 when a question may be answered now, else the milliseconds to wait. */
  wait(): number;
  /** Records `ms` milliseconds spent answering. */
  charge(ms: number): void;
}

/** Seconds of an address's budget that can be saved up and spent at once. */
export const BUDGET_BURST_SECONDS = 2;
/** How often addresses whose budget is whole again are forgotten. */
const SWEEP_INTERVAL_MS = 10_000;

export class AddressBudgets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep: number;

  /** `msPerSecond`: answering time an address may use each second (0: unlimited). */
  constructor(
    private readonly msPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastSweep = now();
  }

  /** Addresses currently remembered (those that spent part of their budget lately). */
  get size(): number {
    return this.buckets.size;
  }

  for(address: string): Budget {
    return {
      wait: () => this.wait(address),
      charge: (ms) => this.charge(address, ms),
    };
  }

  wait(address: string): number {
    this.sweep();
    return this.msPerSecond === 0 ? 0 : (this.buckets.get(address)?.wait() ?? 0);
  }

  charge(address: string, ms: number): void {
    if (this.msPerSecond === 0 || ms <= 0) return;
    let bucket = this.buckets.get(address);
    if (!bucket) {
      bucket = new TokenBucket(this.msPerSecond, this.msPerSecond * BUDGET_BURST_SECONDS, this.now);
      this.buckets.set(address, bucket);
    }
    bucket.charge(ms);
  }

  /** Forgets addresses whose budget has refilled: memory stays bounded by recent spenders. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [address, bucket] of this.buckets) if (bucket.full()) this.buckets.delete(address);
  }
}
