/**
 * Fair scheduling of questions between client addresses. Every question, over WebSocket
 * or HTTP, waits here for its turn; turns go round the addresses that have questions
 * waiting, one question each, so a reader waits behind at most one question per other
 * address, however many sockets that address opened:
 *
 *   127.0.0.2: q q q q q q ... (50 sockets)     turns: .2 .1 .2 .3 .2 .1 ...
 *   127.0.0.1: q
 *   127.0.0.3: q
 *
 * Questions run one at a time (`concurrency`), each in its own event-loop turn, so that
 * sockets are read and written between them. Urgent work (a suggestion while the reader
 * types) goes to the front of its own address's queue, never ahead of another address.
 */
export interface Scheduler {
  /**
   * Runs `task` when it is the turn of `key` (a client address); resolves with its result.
   * An `urgent` task goes ahead of the tasks of its own key that are waiting.
   */
  run<T>(key: string, task: () => Promise<T>, options?: { readonly urgent?: boolean }): Promise<T>;
  /** Questions waiting, all addresses together. */
  readonly waiting: number;
}

export class FairScheduler implements Scheduler {
  /** Waiting tasks by key; a Map keeps insertion order, which is the round. */
  private readonly queues = new Map<string, Array<() => void>>();
  private running = 0;
  private count = 0;

  constructor(private readonly concurrency = 1) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError('concurrency must be a whole number of at least 1');
  }

  get waiting(): number {
    return this.count;
  }

  run<T>(key: string, task: () => Promise<T>, { urgent = false }: { readonly urgent?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        let result: Promise<T>;
        try {
          result = task();
        } catch (error) {
          result = Promise.reject(error);
        }
        result.then(resolve, reject).finally(() => {
          this.running--;
          this.pump();
        });
      };
      const queue = this.queues.get(key);
      if (queue && urgent) queue.unshift(start);
      else if (queue) queue.push(start);
      else this.queues.set(key, [start]);
      this.count++;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.concurrency && this.count > 0) {
      const [key, queue] = this.queues.entries().next().value as [string, Array<() => void>];
      const start = queue.shift() as () => void;
      // The key goes to the back of the round, if it has more waiting.
      this.queues.delete(key);
      if (queue.length > 0) this.queues.set(key, queue);
      this.count--;
      this.running++;
      setImmediate(start);
    }
  }
}
