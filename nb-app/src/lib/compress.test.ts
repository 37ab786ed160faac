import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_INPUT_BYTES, needsCompression } from './compress';

describe('reference image compression', () => {
  it('re-encodes only oversize inputs', () => {
    expect(needsCompression(500_000, 2048, 1536)).toBe(false);
    expect(needsCompression(MAX_INPUT_BYTES + 1, 1024, 1024)).toBe(true);
    expect(needsCompression(100_000, 6000, 4000)).toBe(true);
  });

  it('keeps the aspect ratio when scaling down', () => {
    expect(fitWithin(6000, 4000)).toEqual({ width: 3072, height: 2048 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
