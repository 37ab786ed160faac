import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('TypeScript', () => {
  it('tsc --noEmit passes in strict mode', () => {
    const root = join(__dirname, '..');
    let output = '';
    try {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules', 'typescript-native', 'bin', 'tsc'), '--noEmit', '-p', root],
        { encoding: 'utf8' },
      );
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toBe('');
  });
});
