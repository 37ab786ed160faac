import { describe, expect, it } from 'vitest';
import { findSlashTrigger, replaceTrigger } from './slash';

describe('slash quick picker', () => {
  it('finds a trigger at the start or after whitespace only', () => {
    expect(findSlashTrigger('/por', 4)).toEqual({ start: 0, end: 4, query: 'por' });
    expect(findSlashTrigger('a cat /sty', 10)).toEqual({ start: 6, end: 10, query: 'sty' });
    expect(findSlashTrigger('16/9 ratio', 3)).toBeNull();
    expect(findSlashTrigger('http://x', 8)).toBeNull();
    expect(findSlashTrigger('/two words', 10)).toBeNull();
  });

  it('replaces only the trigger and keeps the text around it', () => {
    const text = 'Keep this /nig and this tail';
    const trigger = findSlashTrigger(text, 14);
    expect(trigger).not.toBeNull();
    const out = replaceTrigger(text, trigger!, 'make it night');
    expect(out.text).toBe('Keep this make it night and this tail');
    expect(out.caret).toBe('Keep this make it night'.length);
  });
});
