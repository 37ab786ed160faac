import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTICE_KINDS } from '@/lib/gemini/errors';
import { keys } from '@/testing/translations';
import { en } from './en';
import { zh } from './zh';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

describe('translations', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });

  /** Lists that belong to a feature are checked in that feature's tests (shared code never imports features). */
  it('every key built from a list of values exists', () => {
    const known = new Set(keys(zh));
    const families: Record<string, readonly string[]> = {
      errors: NOTICE_KINDS,
      'ledger.kinds': ['signup', 'redeem', 'generation', 'refund', 'admin_adjust'],
      'arcade.games': ['snake', 'dino', 'g2048', 'life'],
      'pipelines.status': ['pending', 'running', 'done', 'failed', 'skipped'],
      'pipelines.modes': ['serial', 'parallel', 'combination'],
      'pipelines.help': ['serial', 'parallel', 'combination'],
      'admin.nav': ['overview', 'users', 'tokens', 'codes', 'pricing', 'conversations', 'audit'],
      theme: ['light', 'dark', 'system'],
      'key.modes': ['native', 'openai'],
    };
    const missing = Object.entries(families).flatMap(([prefix, values]) =>
      values
        .flatMap((v) => {
          const key = `${prefix}.${v}`;
          return prefix === 'errors' ? [`${key}.title`, `${key}.action`] : [key];
        })
        .filter((k) => !known.has(k)),
    );
    expect(missing).toEqual([]);
  });

  it('every literal key used in the code exists', () => {
    const known = new Set(keys(zh));
    const missing: string[] = [];
    for (const file of sources(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(match[1])) missing.push(`${match[1]} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
