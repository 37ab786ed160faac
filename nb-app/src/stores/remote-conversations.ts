import { listConversations, listMessages, storedParts, storedRole } from '@/lib/api/conversations';
import { getDb, type ConversationRecord, type MessageRecord } from '@/lib/db';

/** Brings the account's conversations into the local cache (server ids are used as local ids). */
export async function pullConversations(owner: string): Promise<void> {
  const db = await getDb();
  const known = new Set((await db.getAllFromIndex('conversations', 'owner', owner)).map((c) => String(c.remoteId)));
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await listConversations({ limit: 100, cursor });
    for (const c of res.items) {
      const remoteId = String(c.id);
      if (known.has(remoteId)) continue;
      const record: ConversationRecord = {
        id: remoteId,
        owner,
        title: c.title ?? '',
        model: c.model ?? '',
        createdAt: Date.parse(c.created_at),
        updatedAt: Date.parse(c.updated_at),
        remoteId,
      };
      await db.put('conversations', record);
    }
    cursor = res.next_cursor ?? undefined;
    if (!cursor) return;
  }
}

export async function pullMessages(conv: ConversationRecord): Promise<MessageRecord[]> {
  if (!conv.remoteId) return [];
  const out: MessageRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await listMessages(conv.remoteId, { limit: 100, cursor });
    for (const m of res.items) {
      out.push({
        id: m.client_id || String(m.id),
        owner: conv.owner,
        conversationId: conv.id,
        role: storedRole(m),
        parts: storedParts(m),
        position: m.position,
        createdAt: Date.parse(m.created_at),
        status: 'done',
      });
    }
    cursor = res.next_cursor ?? undefined;
    if (!cursor) break;
  }
  const db = await getDb();
  const tx = db.transaction('messages', 'readwrite');
  for (const m of out) await tx.store.put(m);
  await tx.done;
  return out;
}
