import { getDb, type PromptRecord } from '@/lib/db';
import { uuid } from '@/lib/uuid';
import { BUILTIN_PROMPTS } from './builtin';

export interface PromptItem {
  id: string;
  title: string;
  text: string;
  category: string;
  builtin?: boolean;
}

export async function loadPrompts(): Promise<PromptItem[]> {
  const own = (await (await getDb()).getAll('prompts')).sort((a, b) => b.createdAt - a.createdAt);
  return [...own, ...BUILTIN_PROMPTS];
}

export async function savePrompt(item: Omit<PromptRecord, 'id' | 'createdAt'>): Promise<PromptRecord> {
  const record: PromptRecord = { ...item, id: uuid(), createdAt: Date.now() };
  await (await getDb()).put('prompts', record);
  return record;
}

export async function deletePrompt(id: string): Promise<void> {
  await (await getDb()).delete('prompts', id);
}

export function searchPrompts(items: PromptItem[], query: string, category?: string): PromptItem[] {
  const q = query.trim().toLowerCase();
  return items.filter(
    (p) =>
      (!category || category === 'all' || p.category === category) &&
      (!q || p.title.toLowerCase().includes(q) || p.text.toLowerCase().includes(q)),
  );
}
