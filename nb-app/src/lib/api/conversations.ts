/** The account's (or visitor's) conversations on the server: the sync transport and the pull use these. */
import type { Part, Role } from '../gemini/types';
import { api, type QueryOf, type Schemas } from '../api-client';

/** Server ids are integers; the local cache keeps them as strings. */
const remote = (remoteId: string) => ({ conversation_id: Number(remoteId) });

export const listConversations = (query: QueryOf<'get', '/api/conversations'>) =>
  api('get', '/api/conversations', { query });

export const listMessages = (
  remoteId: string,
  query: QueryOf<'get', '/api/conversations/{conversation_id}/messages'>,
) => api('get', '/api/conversations/{conversation_id}/messages', { path: remote(remoteId), query });

export const createConversation = (body: Schemas['ConversationIn']) => api('post', '/api/conversations', { body });

export const renameConversation = (remoteId: string, title: string) =>
  api('patch', '/api/conversations/{conversation_id}', { path: remote(remoteId), body: { title } });

export const deleteConversation = (remoteId: string) =>
  api('delete', '/api/conversations/{conversation_id}', { path: remote(remoteId) });

/** Gemini parts go up as they are (inline image bytes and thought signatures included). */
export const createMessage = (remoteId: string, message: Omit<Schemas['MessageIn'], 'parts'> & { parts: Part[] }) =>
  api('post', '/api/conversations/{conversation_id}/messages', { path: remote(remoteId), body: message });

/** The backend stores the Gemini parts it was sent verbatim; its schema leaves them open JSON objects. */
export const storedParts = (message: Pick<Schemas['MessageOut'], 'parts'>): Part[] => message.parts;

/** Roles are `user` or `model` on the way in; the answer types them as plain strings. */
export const storedRole = (message: Pick<Schemas['MessageOut'], 'role'>): Role =>
  message.role === 'user' ? 'user' : 'model';
