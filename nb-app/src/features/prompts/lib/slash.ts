/** A `/query` being typed at the caret: it starts the text or follows whitespace, and has no space in it. */
export interface SlashTrigger {
  start: number;
  end: number;
  query: string;
}

export function findSlashTrigger(text: string, caret: number): SlashTrigger | null {
  const before = text.slice(0, caret);
  const slash = before.lastIndexOf('/');
  if (slash < 0) return null;
  if (slash > 0 && !/\s/.test(before[slash - 1])) return null;
  const query = before.slice(slash + 1);
  if (/\s/.test(query)) return null;
  return { start: slash, end: caret, query };
}

/** Replaces only the trigger (`/query`) with the chosen prompt; everything around it stays as typed. */
export function replaceTrigger(text: string, trigger: SlashTrigger, insert: string): { text: string; caret: number } {
  const next = text.slice(0, trigger.start) + insert + text.slice(trigger.end);
  return { text: next, caret: trigger.start + insert.length };
}
