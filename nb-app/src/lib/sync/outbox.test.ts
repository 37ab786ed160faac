import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxRecord } from '../db';
import { freshDb, reloadDb } from '@/testing/db';
import { Outbox, type SendResult } from './outbox';

const msg = (id: string) => ({ kind: 'message.create' as const, conversationId: 'c1', messageId: id });

function recorder(results: SendResult[] = []) {
  const sent: string[] = [];
  const send = async (rec: OutboxRecord): Promise<SendResult> => {
    sent.push(rec.op.kind === 'message.create' ? rec.op.messageId : rec.op.kind);
    return results.shift() ?? 'done';
  };
  return { sent, send };
}

const manual = () => {
  const timers: (() => void)[] = [];
  return { timers, schedule: (fn: () => void) => void timers.push(fn) };
};

describe('sync outbox', () => {
  beforeEach(freshDb);

  it('sends operations in the order they were queued (prompt before reply)', async () => {
    const { sent, send } = recorder();
    const box = new Outbox({ owner: () => 'guest:v', send, schedule: manual().schedule, autoFlush: false });
    await box.enqueue({ kind: 'conversation.create', conversationId: 'c1', title: '', model: 'm' });
    await box.enqueue(msg('user-1'));
    await box.enqueue(msg('model-1'));
    await box.flush();
    expect(sent).toEqual(['conversation.create', 'user-1', 'model-1']);
    expect(await box.pending()).toHaveLength(0);
  });

  it('a failing head blocks the queue: retries never let a later item overtake', async () => {
    const { sent, send } = recorder(['retry', 'retry']);
    const clock = manual();
    const box = new Outbox({ owner: () => 'guest:v', send, schedule: clock.schedule, autoFlush: false });
    await box.enqueue(msg('user-1'));
    await box.enqueue(msg('model-1'));
    await box.flush();
    expect(sent).toEqual(['user-1']);
    expect((await box.pending()).map((r) => r.attempts)).toEqual([1, 0]);
    clock.timers.shift()?.();
    await box.flush();
    clock.timers.shift()?.();
    await box.flush();
    expect(sent).toEqual(['user-1', 'user-1', 'user-1', 'model-1']);
  });

  it('retries resend the same client id, so the server stores each message once', async () => {
    const ids: string[] = [];
    const results: SendResult[] = ['retry', 'done'];
    const box = new Outbox({
      owner: () => 'guest:v',
      send: async (rec) => {
        if (rec.op.kind === 'message.create') ids.push(rec.op.messageId);
        return results.shift() ?? 'done';
      },
      schedule: manual().schedule,
      autoFlush: false,
    });
    await box.enqueue(msg('m-42'));
    await box.flush();
    await box.flush();
    expect(ids).toEqual(['m-42', 'm-42']);
  });

  it('survives a reload: queued operations are still there, in order, for a new worker', async () => {
    const offline = new Outbox({
      owner: () => 'guest:v',
      send: async () => 'retry',
      schedule: manual().schedule,
      autoFlush: false,
    });
    await offline.enqueue(msg('a'));
    await offline.enqueue(msg('b'));
    await offline.enqueue(msg('c'));
    await reloadDb();
    const { sent, send } = recorder();
    const online = new Outbox({ owner: () => 'guest:v', send, schedule: manual().schedule, autoFlush: false });
    await online.flush();
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('keeps owners apart and hands a guest queue to the account on login', async () => {
    let owner = 'guest:v';
    const { sent, send } = recorder();
    const box = new Outbox({
      owner: () => owner,
      send: async (r) => (owner === 'guest:v' ? 'retry' : send(r)),
      schedule: manual().schedule,
      autoFlush: false,
    });
    await box.enqueue(msg('g1'));
    await box.reassign('guest:v', 'user:1');
    owner = 'user:1';
    await box.flush();
    expect(sent).toEqual(['g1']);
  });
});
