import { api } from '@/lib/api-client';
import { getDb } from '@/lib/db';
import { uuid } from '@/lib/uuid';
import { currentOwner, useAuth, type AuthSession } from './auth';
import { outbox, useConversations } from './conversations';
import { useGeneration } from './generation';
import { useSettings } from './settings';
import { useUi } from './ui';

async function rewriteOwner(from: string, to: string | null): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['conversations', 'messages', 'images'], 'readwrite');
  for (const name of ['conversations', 'messages'] as const) {
    const store = tx.objectStore(name);
    for (const rec of await store.index('owner').getAll(from)) {
      if (to === null) await store.delete(rec.id);
      else await store.put({ ...rec, owner: to } as never);
    }
  }
  const images = tx.objectStore('images');
  let cursor = await images.index('ownerCreated').openCursor(IDBKeyRange.bound([from, 0], [from, Infinity]));
  while (cursor) {
    if (to === null) await cursor.delete();
    else await cursor.update({ ...cursor.value, owner: to });
    cursor = await cursor.continue();
  }
  await tx.done;
  if (to === null) await outbox.discard(from);
  else await outbox.reassign(from, to);
}

/** Local guest data moves to the account: the server attaches it too (visitor_id in the login request). */
export const reassignOwner = (from: string, to: string) => rewriteOwner(from, to);

/** Removes every local trace of one owner: nothing of an account stays readable after logout. */
export const purgeOwner = (owner: string) => rewriteOwner(owner, null);

async function flushWithin(ms: number): Promise<void> {
  await Promise.race([outbox.flush(), new Promise((r) => setTimeout(r, ms))]);
}

export async function authenticate(path: '/api/auth/login' | '/api/auth/register', body: Record<string, unknown>): Promise<void> {
  await flushWithin(3000);
  const guestOwner = currentOwner();
  const visitorId = useSettings.getState().visitorId;
  const session = await api<AuthSession>(path, { body: { ...body, visitor_id: visitorId }, as: 'anonymous' });
  useAuth.getState().setSession(session);
  await reassignOwner(guestOwner, currentOwner());
  useSettings.getState().set({ visitorId: uuid() });
  useUi.getState().close();
  await useConversations.getState().load();
}

/** Ends the session: running generations are stopped first so nothing of the account is written afterwards. */
export async function logout(callServer = true): Promise<void> {
  const owner = currentOwner();
  useGeneration.getState().stopAll();
  const { refreshToken, accessToken } = useAuth.getState();
  if (callServer && accessToken) {
    try {
      await api('/api/auth/logout', { method: 'POST', body: refreshToken ? { refresh_token: refreshToken } : {} });
    } catch {
      /* the local session ends regardless */
    }
  }
  useAuth.getState().clear();
  await purgeOwner(owner);
  useUi.getState().close();
  await useConversations.getState().load();
}
