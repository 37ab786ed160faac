import { useQuery } from '@tanstack/react-query';
import { api, type QueryOf, type Schemas } from '@/lib/api-client';
import { PAGE_SIZE, usePagedList } from './queries';

export type AdminConversation = Schemas['AdminConversationOut'];
export type ConversationFilters = Pick<QueryOf<'get', '/api/admin/conversations'>, 'user_id' | 'visitor_id' | 'q'>;

export const conversationsKey = ['admin', 'conversations'] as const;

export const listConversations = (filters: ConversationFilters, cursor?: string, signal?: AbortSignal) =>
  api('get', '/api/admin/conversations', { query: { ...filters, limit: PAGE_SIZE, cursor }, signal });

/** One conversation with the first page of its messages. */
export const getConversation = (id: number, signal?: AbortSignal) =>
  api('get', '/api/admin/conversations/{conversation_id}', { path: { conversation_id: id }, signal });

export const useConversations = (filters: ConversationFilters) =>
  usePagedList([...conversationsKey, filters], (cursor, signal) => listConversations(filters, cursor, signal));

export const useConversation = (id: number) =>
  useQuery({ queryKey: [...conversationsKey, 'detail', id], queryFn: ({ signal }) => getConversation(id, signal) });
