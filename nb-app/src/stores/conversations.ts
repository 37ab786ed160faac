import { create } from 'zustand';
import { getDb, type ConversationRecord, type MessageRecord } from '@/lib/db';
import { Outbox } from '@/lib/sync/outbox';
import { sendOutboxRecord } from '@/lib/sync/transport';
import { uuid } from '@/lib/uuid';
import { currentOwner, isLoggedIn } from './auth';
import { pullConversations, pullMessages } from './remote-conversations';

export const outbox = new Outbox({ owner: currentOwner, send: sendOutboxRecord });

interface ConversationsState {
  owner: string;
  list: ConversationRecord[];
  activeId?: string;
  messages: Record<string, MessageRecord[]>;
  load: () => Promise<void>;
  create: (model: string, title?: string) => Promise<ConversationRecord>;
  select: (id: string) => Promise<void>;
  rename: (id: string, title: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  clear: (id: string) => Promise<void>;
  addMessage: (message: MessageRecord) => Promise<void>;
  deleteMessage: (conversationId: string, messageId: string) => Promise<void>;
  allocatePositions: (conversationId: string, count: number) => number;
}

const byRecent = (a: ConversationRecord, b: ConversationRecord) => b.updatedAt - a.updatedAt;
const byPosition = (a: MessageRecord, b: MessageRecord) => a.position - b.position;

/** Next free position per conversation, handed out synchronously so concurrent runs never collide. */
const nextPosition = new Map<string, number>();

async function readMessages(conversationId: string): Promise<MessageRecord[]> {
  return (await (await getDb()).getAllFromIndex('messages', 'conversation', conversationId)).sort(byPosition);
}

async function deleteLocalConversationData(id: string): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['messages', 'images'], 'readwrite');
  for (const key of await tx.objectStore('messages').index('conversation').getAllKeys(id)) {
    await tx.objectStore('messages').delete(key);
  }
  let cursor = await tx.objectStore('images').openCursor();
  while (cursor) {
    if (cursor.value.conversationId === id) await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
}

export const useConversations = create<ConversationsState>()((set, get) => ({
  owner: '',
  list: [],
  messages: {},

  load: async () => {
    const owner = currentOwner();
    const db = await getDb();
    const readList = async () =>
      (await db.getAllFromIndex('conversations', 'owner', owner)).filter((c) => !c.deleted).sort(byRecent);
    set({ owner, list: await readList(), messages: {}, activeId: undefined });
    nextPosition.clear();
    if (isLoggedIn()) {
      try {
        await pullConversations(owner);
        if (get().owner === owner) set({ list: await readList() });
      } catch {
        /* offline: the local cache is shown */
      }
    }
    const first = get().list[0];
    if (first && !get().activeId) await get().select(first.id);
    void outbox.flush();
  },

  create: async (model, title = '') => {
    const now = Date.now();
    const record: ConversationRecord = {
      id: uuid(),
      owner: get().owner || currentOwner(),
      title,
      model,
      createdAt: now,
      updatedAt: now,
    };
    await (await getDb()).put('conversations', record);
    set((s) => ({ list: [record, ...s.list], activeId: record.id, messages: { ...s.messages, [record.id]: [] } }));
    nextPosition.set(record.id, 0);
    await outbox.enqueue({ kind: 'conversation.create', conversationId: record.id, title, model }, record.owner);
    return record;
  },

  select: async (id) => {
    set({ activeId: id });
    if (get().messages[id]) return;
    let messages = await readMessages(id);
    const conv = get().list.find((c) => c.id === id);
    if (messages.length === 0 && conv?.remoteId && isLoggedIn()) {
      try {
        messages = (await pullMessages(conv)).sort(byPosition);
      } catch {
        messages = [];
      }
    }
    const max = messages.reduce((m, x) => Math.max(m, x.position + 1), 0);
    nextPosition.set(id, Math.max(nextPosition.get(id) ?? 0, max));
    set((s) => ({ messages: { ...s.messages, [id]: messages } }));
  },

  rename: async (id, title) => {
    const db = await getDb();
    const conv = await db.get('conversations', id);
    if (!conv) return;
    const next = { ...conv, title, updatedAt: Date.now() };
    await db.put('conversations', next);
    set((s) => ({ list: s.list.map((c) => (c.id === id ? next : c)) }));
    await outbox.enqueue({ kind: 'conversation.rename', conversationId: id, title }, conv.owner);
  },

  remove: async (id) => {
    const db = await getDb();
    const conv = await db.get('conversations', id);
    if (!conv) return;
    await db.put('conversations', { ...conv, deleted: true });
    await deleteLocalConversationData(id);
    const rest = { ...get().messages };
    delete rest[id];
    const list = get().list.filter((c) => c.id !== id);
    set({ list, messages: rest, activeId: get().activeId === id ? list[0]?.id : get().activeId });
    const active = get().activeId;
    if (active && !rest[active]) await get().select(active);
    await outbox.enqueue({ kind: 'conversation.delete', conversationId: id }, conv.owner);
  },

  clear: async (id) => {
    const conv = get().list.find((c) => c.id === id);
    if (!conv) return;
    await get().remove(id);
    await get().create(conv.model, conv.title);
  },

  addMessage: async (message) => {
    const db = await getDb();
    const conv = await db.get('conversations', message.conversationId);
    if (!conv || conv.deleted) return;
    await db.put('messages', message);
    const title = conv.title || (message.role === 'user' ? titleFrom(message) : '');
    const next = { ...conv, title, updatedAt: Date.now() };
    await db.put('conversations', next);
    set((s) => ({
      list: s.list.some((c) => c.id === next.id) ? [next, ...s.list.filter((c) => c.id !== next.id)] : s.list,
    }));
    if (title !== conv.title)
      await outbox.enqueue({ kind: 'conversation.rename', conversationId: conv.id, title }, conv.owner);
    set((s) => {
      const current = s.messages[message.conversationId];
      if (!current) return {};
      const others = current.filter((m) => m.id !== message.id);
      return { messages: { ...s.messages, [message.conversationId]: [...others, message].sort(byPosition) } };
    });
    await outbox.enqueue(
      { kind: 'message.create', conversationId: message.conversationId, messageId: message.id },
      message.owner,
    );
  },

  deleteMessage: async (conversationId, messageId) => {
    await (await getDb()).delete('messages', messageId);
    set((s) => ({
      messages: {
        ...s.messages,
        [conversationId]: (s.messages[conversationId] ?? []).filter((m) => m.id !== messageId),
      },
    }));
  },

  allocatePositions: (conversationId, count) => {
    const loaded = get().messages[conversationId] ?? [];
    const floor = loaded.reduce((m, x) => Math.max(m, x.position + 1), 0);
    const start = Math.max(nextPosition.get(conversationId) ?? 0, floor);
    nextPosition.set(conversationId, start + count);
    return start;
  },
}));

function titleFrom(message: MessageRecord): string {
  const text = message.parts.find((p) => typeof p.text === 'string')?.text?.trim() ?? '';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
