import { FairScheduler } from '../../src/server/scheduler';

describe('FairScheduler: urgent work', () => {
  it("goes ahead of its own key's waiting tasks, never ahead of another key's turn", async () => {
    const scheduler = new FairScheduler();
    const order: string[] = [];
    const task = (name: string) => async () => void order.push(name);
    const all = [
      scheduler.run('reader', task('r0')),
      scheduler.run('reader', task('r1')),
      scheduler.run('reader', task('r2')),
      scheduler.run('other', task('o0')),
      scheduler.run('reader', task('suggest'), { urgent: true }),
      scheduler.run('late', task('l0'), { urgent: true }),
    ];
    await Promise.all(all);
    // r0 started at once; the reader's next turn (it was waiting before the other key came)
    // goes to the suggestion instead of r1; then the other key's turn.
    expect(order).toEqual(['r0', 'suggest', 'o0', 'l0', 'r1', 'r2']);
  });
});
