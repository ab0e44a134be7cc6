import { ReloadQueue } from '../../src/server/reload-queue';

/** A task that runs only when released, noting in `log` when it starts. */
function gated(name: string, log: string[]) {
  let release!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return {
    task: () => {
      log.push(`start ${name}`);
      return done;
    },
    release: () => release(name),
    fail: () => fail(new Error(`${name} failed`)),
  };
}

/** Lets every queued promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ReloadQueue', () => {
  it('runs one reload at a time, and one more after it for all the requests made meanwhile', async () => {
    const queue = new ReloadQueue<string>();
    const log: string[] = [];
    const [a, b, c] = [gated('a', log), gated('b', log), gated('c', log)];
    const first = queue.run(a.task);
    const second = queue.run(b.task);
    const third = queue.run(c.task);
    expect(third).toBe(second); // joined the waiting run
    await settle();
    expect(log).toEqual(['start a']);
    a.release();
    await expect(first).resolves.toBe('a');
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b.release();
    await expect(second).resolves.toBe('b');
    // Idle again: the next request starts at once.
    const d = gated('d', log);
    const fourth = queue.run(d.task);
    expect(log).toEqual(['start a', 'start b', 'start d']);
    d.release();
    await expect(fourth).resolves.toBe('d');
  });

  it('runs the waiting reload after one that failed, and reports each outcome to its requests', async () => {
    const queue = new ReloadQueue<string>();
    const log: string[] = [];
    const [a, b] = [gated('a', log), gated('b', log)];
    const first = queue.run(a.task);
    const second = queue.run(b.task);
    a.fail();
    await expect(first).rejects.toThrow('a failed');
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b.release();
    await expect(second).resolves.toBe('b');
  });

  it('turns a task that throws at once into a failed reload, not a stuck queue', async () => {
    const queue = new ReloadQueue<string>();
    await expect(queue.run(() => { throw new Error('at once'); })).rejects.toThrow('at once');
    await expect(queue.run(async () => 'after')).resolves.toBe('after');
  });
});
