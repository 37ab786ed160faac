import { describe, expect, it } from 'vitest';
import { datasetEntries } from './download';

describe('dataset export', () => {
  it('pairs image_NNN with a caption file', async () => {
    const items = Array.from({ length: 5 }, (_, i) => ({
      ref: { id: `id${i}`, mimeType: i === 2 ? 'image/jpeg' : 'image/png' },
      caption: `prompt ${i}`,
    }));
    const entries = await datasetEntries(items, async () => ({ arrayBuffer: async () => new ArrayBuffer(3) }) as Blob);
    expect(entries.map((e) => e.name)).toEqual([
      'image_001.png',
      'image_001.txt',
      'image_002.png',
      'image_002.txt',
      'image_003.jpg',
      'image_003.txt',
      'image_004.png',
      'image_004.txt',
      'image_005.png',
      'image_005.txt',
    ]);
    expect(new TextDecoder().decode(entries[1].data)).toBe('prompt 0');
  });
});
