import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Part, Role } from './gemini/types';

/** Every record carries its owner (`guest:<visitor>` or `user:<id>`) so two accounts never share a view. */
export interface ConversationRecord {
  id: string;
  owner: string;
  title: string;
  model: string;
  createdAt: number;
  updatedAt: number;
  remoteId?: string;
  /** Deleted here, waiting for the server delete to go through. */
  deleted?: boolean;
}

export interface MessageMeta {
  model?: string;
  imageSize?: string;
  aspectRatio?: string;
  durationMs?: number;
  thinkingMs?: number;
  pipeline?: string;
}

export interface MessageRecord {
  id: string;
  owner: string;
  conversationId: string;
  role: Role;
  parts: Part[];
  position: number;
  createdAt: number;
  status: 'done' | 'error';
  error?: { kind: string; message: string };
  meta?: MessageMeta;
}

export interface ImageRecord {
  id: string;
  owner: string;
  /** Raw bytes rather than a Blob: ArrayBuffers survive structured cloning in every engine. */
  bytes: ArrayBuffer;
  mimeType: string;
  createdAt: number;
  conversationId?: string;
  prompt?: string;
  generated: boolean;
}

export type OutboxOp =
  | { kind: 'conversation.create'; conversationId: string; title: string; model: string }
  | { kind: 'conversation.rename'; conversationId: string; title: string }
  | { kind: 'conversation.delete'; conversationId: string }
  | { kind: 'message.create'; conversationId: string; messageId: string };

export interface OutboxRecord {
  seq?: number;
  owner: string;
  op: OutboxOp;
  attempts: number;
}

export interface PromptRecord {
  id: string;
  title: string;
  text: string;
  category: string;
  createdAt: number;
}

interface NbSchema extends DBSchema {
  conversations: { key: string; value: ConversationRecord; indexes: { owner: string } };
  messages: { key: string; value: MessageRecord; indexes: { conversation: string; owner: string } };
  images: { key: string; value: ImageRecord; indexes: { ownerCreated: [string, number] } };
  outbox: { key: number; value: OutboxRecord; indexes: { owner: string } };
  prompts: { key: string; value: PromptRecord };
}

export type NbDB = IDBPDatabase<NbSchema>;

const DB_NAME = 'nanobanana';
let dbPromise: Promise<NbDB> | undefined;

export function getDb(): Promise<NbDB> {
  dbPromise ??= openDB<NbSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('conversations', { keyPath: 'id' }).createIndex('owner', 'owner');
      const messages = db.createObjectStore('messages', { keyPath: 'id' });
      messages.createIndex('conversation', 'conversationId');
      messages.createIndex('owner', 'owner');
      db.createObjectStore('images', { keyPath: 'id' }).createIndex('ownerCreated', ['owner', 'createdAt']);
      db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('owner', 'owner');
      db.createObjectStore('prompts', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

/** Closes and forgets the connection; the next getDb() reopens it, as a page reload would. */
export async function resetDbConnection(): Promise<void> {
  if (dbPromise) (await dbPromise).close();
  dbPromise = undefined;
}
