/**
 * Reloads one at a time, none dropped: a reload asked for while one runs is done once
 * more after it, since the source may have changed after the running one read it. Every
 * request made while one runs shares that next run (three SIGHUPs during a reload make
 * one more reload, not three), and learns its outcome.
 */
export class ReloadQueue<T> {
  private running: Promise<T> | undefined;
  private next: Promise<T> | undefined;

  /**
   * Runs `task` now, or once after the running one; resolves with the outcome of the run
   * it joined. Requests that join a waiting run share its task (the first one's).
   */
  run(task: () => Promise<T>): Promise<T> {
    if (this.next) return this.next;
    if (!this.running) return this.start(task);
    const ignore = () => undefined;
    this.next = this.running.then(ignore, ignore).then(() => {
      this.next = undefined;
      return this.start(task);
    });
    return this.next;
  }

  private start(task: () => Promise<T>): Promise<T> {
    const running = (async () => task())();
    this.running = running;
    const done = () => {
      if (this.running === running) this.running = undefined;
    };
    running.then(done, done);
    return running;
  }
}
