import { IDBFactory } from 'fake-indexeddb';
import { resetDbConnection } from '@/lib/db';

/** A brand-new empty IndexedDB for each test. */
export async function freshDb(): Promise<void> {
  await resetDbConnection();
  globalThis.indexedDB = new IDBFactory();
}

/** Simulates a page reload: the connection is dropped, the stored data stays. */
export async function reloadDb(): Promise<void> {
  await resetDbConnection();
}
