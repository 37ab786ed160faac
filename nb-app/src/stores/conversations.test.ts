import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '@/testing/db';
import { getDb, type MessageRecord } from '@/lib/db';
import { uuid } from '@/lib/uuid';
import { useAuth } from './auth';
import { outbox, useConversations } from './conversations';

const message = (conversationId: string, owner: string, position: number): MessageRecord => ({
  id: uuid(),
  owner,
  conversationId,
  role: position % 2 ? 'model' : 'user',
  parts: [{ text: `m${position}` }],
  position,
  createdAt: Date.now(),
  status: 'done',
});

async function seed() {
  const store = useConversations.getState();
  const a = await store.create('m', 'A');
  const b = await store.create('m', 'B');
  for (const conv of [a, b]) {
    await store.select(conv.id);
    for (let i = 0; i < 3; i++) await useConversations.getState().addMessage(message(conv.id, conv.owner, i));
  }
  return { a, b };
}

describe('conversations store', () => {
  beforeEach(async () => {
    await freshDb();
    useAuth.getState().clear();
    await useConversations.getState().load();
  });

  it('clearing one conversation leaves every other conversation intact', async () => {
    const { a, b } = await seed();
    await useConversations.getState().clear(a.id);
    const db = await getDb();
    expect(await db.getAllFromIndex('messages', 'conversation', b.id)).toHaveLength(3);
    expect(await db.getAllFromIndex('messages', 'conversation', a.id)).toHaveLength(0);
    const titles = useConversations
      .getState()
      .list.map((c) => c.title)
      .sort();
    expect(titles).toEqual(['A', 'B']);
    const fresh = useConversations.getState().list.find((c) => c.title === 'A');
    expect(fresh?.id).not.toBe(a.id);
    expect(useConversations.getState().activeId).toBe(fresh?.id);
  });

  it('deletes exactly one conversation and queues exactly one server delete', async () => {
    const { a, b } = await seed();
    await useConversations.getState().remove(b.id);
    expect(useConversations.getState().list.map((c) => c.id)).toEqual([a.id]);
    expect(await (await getDb()).getAllFromIndex('messages', 'conversation', a.id)).toHaveLength(3);
    const deletes = (await outbox.pending()).filter((r) => r.op.kind === 'conversation.delete');
    expect(deletes.map((r) => r.op.conversationId)).toEqual([b.id]);
  });

  it('hands out unique, increasing positions to concurrent runs', async () => {
    const conv = await useConversations.getState().create('m');
    const first = useConversations.getState().allocatePositions(conv.id, 3);
    const second = useConversations.getState().allocatePositions(conv.id, 2);
    expect([first, second]).toEqual([0, 3]);
  });

  it('queues the prompt before the reply for sync', async () => {
    const conv = await useConversations.getState().create('m');
    const user = message(conv.id, conv.owner, 0);
    const model = message(conv.id, conv.owner, 1);
    await useConversations.getState().addMessage(user);
    await useConversations.getState().addMessage(model);
    const order = (await outbox.pending()).flatMap((r) => (r.op.kind === 'message.create' ? [r.op.messageId] : []));
    expect(order).toEqual([user.id, model.id]);
  });
});
