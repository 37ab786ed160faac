import { describe, expect, it } from 'vitest';
import { missingKeys } from '@/testing/translations';
import { BUILTIN_PROMPTS, CATEGORIES } from './builtin';

describe('built-in prompts', () => {
  it('every category has a translated name', () => {
    expect(missingKeys('prompts.categories', CATEGORIES)).toEqual([]);
  });

  it('every built-in prompt is in a known category', () => {
    expect(BUILTIN_PROMPTS.filter((p) => !(CATEGORIES as readonly string[]).includes(p.category))).toEqual([]);
  });
});
