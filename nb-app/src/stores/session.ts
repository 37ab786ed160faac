import type { Schemas } from '@/lib/api-client';
import { login, logoutSession, register } from '@/lib/api/auth';
import { getDb } from '@/lib/db';
import { uuid } from '@/lib/uuid';
import { currentOwner, useAuth } from './auth';
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
      else await store.put({ ...rec, owner: to });
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

export type Credentials =
  | { mode: 'login'; body: Omit<Schemas['LoginIn'], 'visitor_id'> }
  | { mode: 'register'; body: Omit<Schemas['RegisterIn'], 'visitor_id'> };

export async function authenticate({ mode, body }: Credentials): Promise<void> {
  await flushWithin(3000);
  const guestOwner = currentOwner();
  const visitor_id = useSettings.getState().visitorId;
  const session = mode === 'login' ? await login({ ...body, visitor_id }) : await register({ ...body, visitor_id });
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
  if (callServer && useAuth.getState().accessToken) {
    try {
      await logoutSession();
    } catch {
      /* the local session ends regardless */
    }
  }
  /* Closed before the login button shows again, so a dialog opened right after logging out stays open. */
  useUi.getState().close();
  useAuth.getState().clear();
  await purgeOwner(owner);
  await useConversations.getState().load();
}
