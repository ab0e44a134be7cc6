import { FairScheduler } from '../../src/server/scheduler';

describe('FairScheduler', () => {
  it('takes turns between keys: one waiting behind many of another key goes next', async () => {
    const scheduler = new FairScheduler();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(name);
      return name;
    };
    const all = [
      ...Array.from({ length: 5 }, (_, i) => scheduler.run('flood', task(`f${i}`))),
      scheduler.run('reader', task('r0')),
      scheduler.run('other', task('o0')),
      scheduler.run('reader', task('r1')),
    ];
    expect(scheduler.waiting).toBe(7); // one started already
    expect(await Promise.all(all)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'r0', 'o0', 'r1']);
    // f1 was waiting before r0 came; after that the flood gets one turn in three.
    expect(order).toEqual(['f0', 'f1', 'r0', 'o0', 'f2', 'r1', 'f3', 'f4']);
    expect(scheduler.waiting).toBe(0);
  });

  it('runs at most `concurrency` tasks at once', async () => {
    const scheduler = new FairScheduler(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise(setImmediate); // others may start meanwhile
      running--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => scheduler.run(`k${i % 3}`, task)));
    expect(most).toBe(2);
  });

  it('passes on a failing task (thrown or rejected) and keeps going', async () => {
    const scheduler = new FairScheduler();
    const thrown = scheduler.run('a', () => {
      throw new Error('thrown');
    });
    const rejected = scheduler.run('a', async () => {
      throw new Error('rejected');
    });
    const fine = scheduler.run('b', async () => 'fine');
    await expect(thrown).rejects.toThrow('thrown');
    await expect(rejected).rejects.toThrow('rejected');
    await expect(fine).resolves.toBe('fine');
  });

  it('refuses a concurrency that is not a whole number of at least 1', () => {
    expect(() => new FairScheduler(0)).toThrow(TypeError);
    expect(() => new FairScheduler(1.5)).toThrow('concurrency must be a whole number of at least 1');
  });
});
