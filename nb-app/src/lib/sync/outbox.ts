import { getDb, type OutboxOp, type OutboxRecord } from '../db';

/** What the transport says about one operation. `retry` halts the queue so nothing behind it can overtake. */
export type SendResult = 'done' | 'drop' | 'retry';

export interface OutboxDeps {
  owner: () => string;
  send: (record: OutboxRecord) => Promise<SendResult>;
  /** Milliseconds to wait before the next attempt of a failing head. */
  backoff?: (attempts: number) => number;
  schedule?: (fn: () => void, ms: number) => unknown;
  /** Start sending as soon as something is queued (off in tests that step the queue by hand). */
  autoFlush?: boolean;
}

/**
 * A persistent FIFO of sync operations in IndexedDB. One worker drains it strictly in insertion order per
 * owner; a failing head blocks the items behind it (retries never reorder), and every operation is
 * idempotent on the server (client ids), so resending after a crash or reload is safe.
 */
export class Outbox {
  private running: Promise<void> | null = null;
  private again = false;
  private timer = false;
  private readonly deps: Required<OutboxDeps>;

  constructor(deps: OutboxDeps) {
    this.deps = {
      backoff: (n) => Math.min(60_000, 1000 * 2 ** Math.min(n, 6)),
      schedule: (fn, ms) => setTimeout(fn, ms),
      autoFlush: true,
      ...deps,
    };
  }

  async enqueue(op: OutboxOp, owner = this.deps.owner()): Promise<void> {
    await (await getDb()).add('outbox', { owner, op, attempts: 0 });
    if (this.deps.autoFlush) void this.flush();
  }

  async pending(owner = this.deps.owner()): Promise<OutboxRecord[]> {
    return (await getDb()).getAllFromIndex('outbox', 'owner', owner);
  }

  /** Drains the queue; resolves when it is empty or blocked by a failing head. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again);
      } catch {
        this.retryLater(1);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const db = await getDb();
      const owner = this.deps.owner();
      const head = await db.getFromIndex('outbox', 'owner', owner);
      if (!head || head.seq === undefined) return;
      let result: SendResult;
      try {
        result = await this.deps.send(head);
      } catch {
        result = 'retry';
      }
      if (result === 'retry') {
        await db.put('outbox', { ...head, attempts: head.attempts + 1 });
        this.retryLater(head.attempts + 1);
        return;
      }
      await db.delete('outbox', head.seq);
    }
  }

  private retryLater(attempts: number): void {
    if (this.timer) return;
    this.timer = true;
    this.deps.schedule(() => {
      this.timer = false;
      void this.flush();
    }, this.deps.backoff(attempts));
  }

  /** Hands a guest's pending operations to the account that just logged in. */
  async reassign(from: string, to: string): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    for (const rec of await tx.store.index('owner').getAll(from)) await tx.store.put({ ...rec, owner: to });
    await tx.done;
  }

  async discard(owner: string): Promise<void> {
    const db = await getDb();
    const tx = db.transaction('outbox', 'readwrite');
    for (const key of await tx.store.index('owner').getAllKeys(owner)) await tx.store.delete(key);
    await tx.done;
  }
}
