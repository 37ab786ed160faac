import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from '@/config/models';
import { toModelInfo } from './models';

describe('platform models', () => {
  it('take name, price, sizes and the reference-image limit from the platform, and the rest from the catalogue', () => {
    const known = DEFAULT_MODELS[0];
    const info = toModelInfo({
      id: known.id,
      name: 'Pro (platform)',
      credits: 12,
      enabled: true,
      image_sizes: ['1K'],
      aspect_ratios: ['1:1'],
      max_input_images: 5,
    });
    expect(info).toEqual({
      ...known,
      name: 'Pro (platform)',
      credits: 12,
      image_sizes: ['1K'],
      aspect_ratios: ['1:1'],
      max_reference_images: 5,
    });
  });

  it('know a model the catalogue does not', () => {
    const info = toModelInfo({
      id: 'x',
      name: 'X',
      credits: 1,
      enabled: true,
      image_sizes: [],
      aspect_ratios: [],
      max_input_images: 2,
    });
    expect(info).toEqual({
      id: 'x',
      name: 'X',
      credits: 1,
      enabled: true,
      image_sizes: [],
      aspect_ratios: [],
      max_reference_images: 2,
    });
  });
});
