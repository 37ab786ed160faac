import { getDb } from '@/lib/db';
import type { ImageRef } from '@/lib/gemini/types';

export interface HistoryItem {
  ref: ImageRef;
  createdAt: number;
  prompt?: string;
  conversationId?: string;
}

/** One page of the owner's generated images, newest first, starting strictly before `before`. */
export async function loadHistoryPage(owner: string, before: number, limit = 30): Promise<HistoryItem[]> {
  const db = await getDb();
  const range = IDBKeyRange.bound([owner, 0], [owner, before], false, true);
  const out: HistoryItem[] = [];
  let cursor = await db.transaction('images').store.index('ownerCreated').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    const v = cursor.value;
    if (v.generated) {
      out.push({
        ref: { id: v.id, mimeType: v.mimeType, size: v.bytes.byteLength },
        createdAt: v.createdAt,
        prompt: v.prompt,
        conversationId: v.conversationId,
      });
    }
    cursor = await cursor.continue();
  }
  return out;
}
