/**
 * Rate limits. A token bucket: `rate` tokens a second, at most `burst` saved up. Each
 * message takes one; without one, the message is refused and told when to retry.
 * Expensive work can be charged afterwards, putting the bucket into debt.
 *
 * Address budgets: the answering time one client address may use, across all its
 * connections and HTTP requests, in milliseconds of work a second. A connection's own
 * bucket bounds what one socket can ask; this bounds what fifty sockets from one address
 * can take from everyone else. Work is paid for in two parts: an estimate, taken before
 * it starts (work the address cannot afford is refused without being done), and the rest
 * (the time it actually took, less the estimate) once it is done.
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

  /**
   * Takes `count` more tokens for work already done; the bucket may go into debt. A
   * negative count gives tokens back, up to a full bucket.
   */
  charge(count: number): void {
    this.refill();
    this.tokens = Math.min(this.burst, this.tokens - count);
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

  /** 0 when the bucket holds `needed` tokens (nothing is taken), else the milliseconds until it will. */
  waitFor(needed: number): number {
    this.refill();
    if (this.tokens >= needed) return 0;
    return Math.max(1, Math.ceil(((needed - this.tokens) / this.rate) * 1000));
  }
}

/** The kinds of work an address's budget pays for, each with an estimate of its own. */
export type WorkKind = 'ask' | 'suggest';

/** Work paid for in advance by its estimate; `settle` pays the rest once it is done. */
export interface Reservation {
  /** Milliseconds taken in advance. */
  readonly estimateMs: number;
  /** Charges `actualMs - estimateMs` (a refund when the work took less) and learns from it. */
  settle(actualMs: number): void;
}

/** What one connection or request sees of its address's budget. */
export interface Budget {
  /**
   * 0 when work of `kind` may start now, else the milliseconds to wait: until the address
   * is out of debt, or, given a kind, until it can pay that kind's estimate.
   */
  wait(kind?: WorkKind): number;
  /** Takes the estimate of work of `kind` before it starts, or says how long to wait. */
  reserve(kind: WorkKind): Reservation | { readonly wait: number };
  /** Records `ms` milliseconds spent answering. */
  charge(ms: number): void;
}

/** Seconds of an address's budget that can be saved up and spent at once. */
export const BUDGET_BURST_SECONDS = 2;
/** How often addresses whose budget is whole again are forgotten. */
const SWEEP_INTERVAL_MS = 10_000;
/**
 * The estimate of work no one has done yet, in milliseconds: about what a question takes
 * on the bundled corpus. It is soon replaced by what questions are seen to take.
 */
export const INITIAL_ESTIMATE_MS = 5;
/** How much the latest piece of work counts in an estimate (an exponential mean). */
const ESTIMATE_WEIGHT = 0.25;

interface AddressState {
  readonly bucket: TokenBucket;
  /** This address's estimate of each kind of work: the mean of its recent work. */
  readonly estimates: Partial<Record<WorkKind, number>>;
}

/**
 * The answering budgets of all client addresses.
 *
 * The estimate of a piece of work is the exponential mean of what the same kind of work
 * from the same address took lately (the latest counting a quarter), so an address that
 * keeps asking expensive questions pays for the next one before it runs; an address not
 * seen lately starts from the mean over all addresses (INITIAL_ESTIMATE_MS before any
 * work).
 * An estimate is never more than the budget can save up (BUDGET_BURST_SECONDS), so every
 * kind of work can be afforded once the address has waited.
 */
export class AddressBudgets {
  private readonly addresses = new Map<string, AddressState>();
  /** The mean over all addresses of each kind of work: where a new address starts. */
  private readonly overall: Record<WorkKind, number> = { ask: INITIAL_ESTIMATE_MS, suggest: INITIAL_ESTIMATE_MS };
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
    return this.addresses.size;
  }

  for(address: string): Budget {
    return {
      wait: (kind) => this.wait(address, kind),
      reserve: (kind) => this.reserve(address, kind),
      charge: (ms) => this.charge(address, ms),
    };
  }

  /** What work of `kind` from `address` is expected to take, in milliseconds. */
  estimate(address: string, kind: WorkKind): number {
    const own = this.addresses.get(address)?.estimates[kind] ?? this.overall[kind];
    return Math.min(own, this.msPerSecond * BUDGET_BURST_SECONDS);
  }

  wait(address: string, kind?: WorkKind): number {
    this.sweep();
    if (this.msPerSecond === 0) return 0;
    return this.addresses.get(address)?.bucket.waitFor(kind === undefined ? 0 : this.estimate(address, kind)) ?? 0;
  }

  reserve(address: string, kind: WorkKind): Reservation | { readonly wait: number } {
    const wait = this.wait(address, kind);
    if (wait > 0) return { wait };
    const estimateMs = this.msPerSecond === 0 ? 0 : this.estimate(address, kind);
    this.charge(address, estimateMs);
    let settled = false;
    return {
      estimateMs,
      settle: (actualMs) => {
        if (settled) return;
        settled = true;
        this.learn(address, kind, actualMs);
        this.charge(address, actualMs - estimateMs);
      },
    };
  }

  /** Charges `ms` (a refund when negative, never beyond a full budget). */
  charge(address: string, ms: number): void {
    if (this.msPerSecond === 0 || ms === 0) return;
    const state = this.addresses.get(address) ?? (ms > 0 ? this.remember(address) : undefined);
    state?.bucket.charge(ms);
  }

  private remember(address: string): AddressState {
    const state: AddressState = { bucket: new TokenBucket(this.msPerSecond, this.msPerSecond * BUDGET_BURST_SECONDS, this.now), estimates: {} };
    this.addresses.set(address, state);
    return state;
  }

  private learn(address: string, kind: WorkKind, ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    const before = this.overall[kind];
    this.overall[kind] += ESTIMATE_WEIGHT * (ms - before);
    const state = this.addresses.get(address);
    if (!state) return;
    // An address's first piece of work moves it from the mean over all, like any other:
    // one slow question (a cold start, a pause) is not taken for the address's habit.
    const own = state.estimates[kind] ?? before;
    state.estimates[kind] = own + ESTIMATE_WEIGHT * (ms - own);
  }

  /** Forgets addresses whose budget has refilled: memory stays bounded by recent spenders. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [address, { bucket }] of this.addresses) if (bucket.full()) this.addresses.delete(address);
  }
}
