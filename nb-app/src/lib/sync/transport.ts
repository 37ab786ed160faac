import { ApiError } from '../api-client';
import { createConversation, createMessage, deleteConversation, renameConversation } from '../api/conversations';
import { getDb, type OutboxRecord } from '../db';
import { resolveParts } from '../images';
import type { SendResult } from './outbox';

function classify(err: unknown): SendResult {
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 408 || err.status === 429 || err.status >= 500) return 'retry';
    return 'drop';
  }
  return 'retry';
}

/** Performs one queued operation against the conversations API (JWT or X-Visitor-Id via the api client). */
export async function sendOutboxRecord(record: OutboxRecord): Promise<SendResult> {
  const db = await getDb();
  const { op } = record;
  const conv = await db.get('conversations', op.conversationId);
  try {
    switch (op.kind) {
      case 'conversation.create': {
        if (!conv || conv.remoteId || conv.deleted) return 'done';
        const title = conv.title || op.title;
        const remote = await createConversation({
          ...(title ? { title } : {}),
          ...(op.model ? { model: op.model } : {}),
        });
        const fresh = await db.get('conversations', op.conversationId);
        if (fresh) await db.put('conversations', { ...fresh, remoteId: String(remote.id) });
        return 'done';
      }
      case 'conversation.rename':
        if (!conv?.remoteId || conv.deleted || !op.title) return 'done';
        await renameConversation(conv.remoteId, op.title);
        return 'done';
      case 'conversation.delete':
        if (conv?.remoteId) await deleteConversation(conv.remoteId);
        await db.delete('conversations', op.conversationId);
        return 'done';
      case 'message.create': {
        const message = await db.get('messages', op.messageId);
        if (!conv?.remoteId || conv.deleted || !message || message.status !== 'done') return 'done';
        const parts = await resolveParts(message.parts);
        await createMessage(conv.remoteId, {
          client_id: message.id,
          role: message.role,
          parts,
          position: message.position,
        });
        return 'done';
      }
    }
  } catch (err) {
    if (op.kind === 'conversation.delete' && err instanceof ApiError && err.status === 404) {
      await db.delete('conversations', op.conversationId);
      return 'done';
    }
    return classify(err);
  }
}
