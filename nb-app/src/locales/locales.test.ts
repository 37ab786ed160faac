import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zh } from './zh';
import { CATEGORIES } from '@/features/prompts/lib/builtin';
import { PERIODS } from '@/features/admin/overview/figures';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\./.test(name) ? [path] : [];
  });
}

describe('translations', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zh as Tree).sort());
  });

  it('every key built from a list of values exists', () => {
    const known = new Set(keys(zh as Tree));
    const families: Record<string, readonly string[]> = {
      errors: ['no_credits', 'bad_key', 'unauthorized', 'rate_limited', 'busy', 'model_not_found', 'invalid_request', 'network', 'blocked', 'safety', 'no_image', 'unknown'],
      'ledger.kinds': ['signup', 'redeem', 'generation', 'refund', 'admin_adjust'],
      'arcade.games': ['snake', 'dino', 'g2048', 'life'],
      'pipelines.status': ['pending', 'running', 'done', 'failed', 'skipped'],
      'pipelines.modes': ['serial', 'parallel', 'combination'],
      'pipelines.help': ['serial', 'parallel', 'combination'],
      'prompts.categories': CATEGORIES,
      'admin.overview.periods': PERIODS,
      'admin.nav': ['overview', 'users', 'tokens', 'codes', 'pricing', 'conversations', 'audit'],
      theme: ['light', 'dark', 'system'],
      'key.modes': ['native', 'openai'],
    };
    const missing = Object.entries(families).flatMap(([prefix, values]) =>
      values.flatMap((v) => {
        const key = `${prefix}.${v}`;
        return prefix === 'errors' ? [`${key}.title`, `${key}.action`] : [key];
      }).filter((k) => !known.has(k)),
    );
    expect(missing).toEqual([]);
  });

  it('every literal key used in the code exists', () => {
    const known = new Set(keys(zh as Tree));
    const missing: string[] = [];
    for (const file of sources(join(__dirname, '..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        if (!known.has(match[1])) missing.push(`${match[1]} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
